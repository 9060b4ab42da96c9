// The platform pages of the console (see main.js for the shell and router.js for page()).
