// The booking pages of the console (see main.js for the shell and router.js for page()):
// staff, services, customers and the appointments' day view of the tenant,
// and the user's own profile.
import './staff.js';
import './services.js';
import './customers.js';
import './appointments.js';
import './profile.js';
