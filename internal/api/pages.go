package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/mail"
)

// The links of emails sent before the console took over led to
// /reset-password and /accept-invite on the server itself. Those addresses
// now lead on to the console's pages (mail.ResetPath, mail.InvitePath)
// with the same query, so a link still in someone's inbox keeps working.

// resetPasswordPage redirects an old password reset link to the console.
func (s *Server) resetPasswordPage(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	return movedTo(w, r, mail.ResetPath)
}

// acceptInvitePage redirects an old invitation link to the console.
func (s *Server) acceptInvitePage(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	return movedTo(w, r, mail.InvitePath)
}

// movedTo answers 308 Permanent Redirect to path with the request's query.
// The query carries a token: nothing is cached and no referrer is sent
// (securityHeaders), and the body is empty.
func movedTo(w http.ResponseWriter, r *http.Request, path string) error {
	to := path
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", to)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusPermanentRedirect)
	return nil
}
