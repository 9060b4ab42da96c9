// The platform pages of the console (see main.js for the shell and router.js for page()):
// platform admins only (access 'platform'), in the nav's Platform section.
import './tenants.js';
import './users.js';
import './stats.js';
import './plans.js';
import './config.js';
