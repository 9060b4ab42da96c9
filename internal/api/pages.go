package api

import (
	"embed"
	"net/http"
	"path"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

// pagesFS holds the pages the links in emails open — choosing a new
// password, accepting an invitation — until the console replaces them:
// static HTML, one stylesheet and one script that posts the form as JSON to
// the API. Nothing is loaded from elsewhere.
//
//go:embed pages
var pagesFS embed.FS

// pageCSP lets a page load only this origin's script and stylesheet and talk
// only to this origin's API; the form is sent by the script (form-action
// 'none'), and no other site may frame the page.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:; connect-src 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// resetPasswordPage serves the page of a password reset link.
func (s *Server) resetPasswordPage(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	return servePage(w, "reset-password.html")
}

// acceptInvitePage serves the page of an invitation link.
func (s *Server) acceptInvitePage(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	return servePage(w, "accept-invite.html")
}

// pageAsset serves the pages' stylesheet and script.
func (s *Server) pageAsset(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	name := r.PathValue("file")
	if path.Ext(name) == ".html" {
		return noPage()
	}
	return servePage(w, name)
}

// servePage writes the embedded file pages/name under the pages' CSP, or a
// not-found problem. The pages' links carry a token in the query string:
// nothing is cached and no referrer is sent (see securityHeaders).
func servePage(w http.ResponseWriter, name string) error {
	h := w.Header()
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("Cache-Control", "no-store")
	return serveEmbedded(w, pagesFS, "pages", name, noPage)
}

func noPage() error { return errs.E(errs.NotFound, "not_found", "There is no such page.") }
