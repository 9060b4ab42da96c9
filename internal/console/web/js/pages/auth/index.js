// The auth pages of the console (see main.js for the shell and router.js for page()):
// registering a business, the forgotten password and its reset, accepting
// an invitation, creating another tenant, and a tenant's own sign-in page.
import './register.js';
import './password.js';
import './invite.js';
import './tenant-new.js';
import './tenant-signin.js';
