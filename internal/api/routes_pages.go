package api

import "net/http"

// pageRoutes are the addresses the links of older emails lead to: they
// redirect to the console's pages (pages.go).
func (s *Server) pageRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/reset-password", Tag: "Pages", Access: Public, Status: http.StatusPermanentRedirect,
			Summary: "An older password reset link: redirects to the console's page /console/reset-password with the same query",
			Query:   []Param{{Name: "token", Type: "string", Description: "The reset token of the emailed link (kept in the redirect)."}},
			handle:  s.resetPasswordPage},
		{Method: "GET", Path: "/accept-invite", Tag: "Pages", Access: Public, Status: http.StatusPermanentRedirect,
			Summary: "An older invitation link: redirects to the console's page /console/accept-invite with the same query",
			Query:   []Param{{Name: "token", Type: "string", Description: "The invitation token of the emailed link (kept in the redirect)."}},
			handle:  s.acceptInvitePage},
	}
}
