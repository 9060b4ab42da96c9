// The tenant pages of the console (see main.js for the shell and router.js for page()).
import './dashboard.js';
import './outlets.js';
import './members.js';
import './apikeys.js';
import './settings.js';
