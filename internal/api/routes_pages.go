package api

import "net/http"

// pageRoutes are the pages the links in emails lead to (until the console
// replaces them): small forms that post to the API.
func (s *Server) pageRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/reset-password", Tag: "Pages", Access: Public, Status: http.StatusOK, ContentType: "text/html",
			Summary: "The page of a password reset link: a form that sends POST /api/v1/auth/reset-password with the link's token",
			Query:   []Param{{Name: "token", Type: "string", Description: "The reset token of the emailed link (read by the page's script)."}},
			handle:  s.resetPasswordPage},
		{Method: "GET", Path: "/accept-invite", Tag: "Pages", Access: Public, Status: http.StatusOK, ContentType: "text/html",
			Summary: "The page of an invitation link: a form that sends POST /api/v1/invites/accept with the link's token",
			Query:   []Param{{Name: "token", Type: "string", Description: "The invitation token of the emailed link (read by the page's script)."}},
			handle:  s.acceptInvitePage},
		{Method: "GET", Path: "/pages/{file}", Tag: "Pages", Access: Public, Status: http.StatusOK, ContentType: "text/css",
			Summary: "The stylesheet and script of the pages", handle: s.pageAsset},
	}
}
