package api

import "net/http"

// consoleRoutes are the web console's files and its session: the refresh
// token of a console sign-in lives in an HttpOnly cookie, never in the
// page's script (console.go).
func (s *Server) consoleRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/console/{path...}", Tag: "Console", Access: Operations, Status: http.StatusOK, ContentType: "text/html",
			Summary: "The web console: its files, and its page for every other path under /console/ (404 console_not_built in a noconsole build)",
			handle:  s.consoleFile},
		{Method: "POST", Path: "/api/v1/console/session", Tag: "Console", Access: Public, Status: http.StatusOK,
			Summary: "Hand a new sign-in's refresh token to the console: it is rotated, the new one set as an HttpOnly cookie, and an access token and CSRF token answered",
			Body:    ConsoleSessionRequest{}, Reply: ConsoleSession{}, handle: s.consoleAdopt},
		{Method: "POST", Path: "/api/v1/console/refresh", Tag: "Console", Access: Public, Status: http.StatusOK,
			Summary: "A fresh access token from the console's cookie (the X-CSRF-Token header must repeat the CSRF cookie); the cookie's refresh token is rotated",
			Reply:   ConsoleSession{}, handle: s.consoleRefresh},
		{Method: "DELETE", Path: "/api/v1/console/session", Tag: "Console", Access: Authenticated, Status: http.StatusNoContent,
			Summary: "Sign the console out: its cookie's session ends (every session with everywhere true) and the cookies are cleared (X-CSRF-Token required)",
			Body:    ConsoleSignOut{}, OptionalBody: true, handle: s.consoleSignOut},
	}
}
