// The manage pages of the console (see main.js for the shell and router.js for page()):
// the second half of the tenant's administration, nav section 'tenant', orders 50+.
import './plan.js';
import './security.js';
import './integrations.js';
import './configuration.js';
import './audit.js';
import './export.js';
