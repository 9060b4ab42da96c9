package api

// ConsoleSessionRequest hands the refresh token of a sign-in just completed
// (login, code, MFA, accepted invitation) to the console's cookie.
type ConsoleSessionRequest struct {
	RefreshToken string `json:"refresh_token" text:"verbatim"`
}

// ConsoleSession is what the console's script keeps in memory: an access
// token, and the CSRF token its cookie-authenticated calls repeat in the
// X-CSRF-Token header. The refresh token stays in the HttpOnly cookie.
type ConsoleSession struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	CSRFToken   string `json:"csrf_token"`
}

// ConsoleSignOut ends the console's session, or with Everywhere every
// session of the account.
type ConsoleSignOut struct {
	Everywhere bool `json:"everywhere,omitempty"`
}
