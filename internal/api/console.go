package api

import (
	"crypto/rand"
	"crypto/subtle"
	"io/fs"
	"net/http"
	"path"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/console"
	"github.com/tenantry/tenantry/internal/errs"
)

// consoleCSP lets the console load only this origin's modules, stylesheet
// and images (a picture preview and a QR code are data: or blob: URLs) and
// talk only to this origin's API; nothing inline, no frames, no forms
// posted by the browser itself.
const consoleCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// The console's cookies. __Host- pins them to this origin, path / and
// Secure; both are SameSite=Strict. The refresh cookie is HttpOnly; the CSRF
// cookie is read by the script, which repeats it in X-CSRF-Token, proof that
// a request comes from a page of this origin (double submit).
const (
	refreshCookie = "__Host-tenantry-refresh"
	csrfCookie    = "__Host-tenantry-csrf"
	csrfHeader    = "X-CSRF-Token"
)

var (
	errConsoleNotBuilt = errs.E(errs.NotFound, "console_not_built", "This server was built without the console (the noconsole tag).")
	errNoConsoleFile   = errs.E(errs.NotFound, "not_found", "There is no such file in the console.")
	errNoConsoleCookie = errs.E(errs.Unauthenticated, "console_session_missing", "There is no console session in this browser: sign in.")
	errCSRF            = errs.E(errs.Forbidden, "csrf_token_invalid", "The X-CSRF-Token header must repeat the console's CSRF cookie.")
)

// consoleFile serves a file of the console, or its page (index.html) for a
// path without an extension, so that every console address can be
// reloaded or bookmarked.
func (s *Server) consoleFile(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	files := console.Files()
	if files == nil {
		return errConsoleNotBuilt
	}
	name := r.PathValue("path")
	if path.Ext(name) == "" {
		name = "index.html"
	}
	ctype := embeddedContentType(path.Ext(name))
	if !fs.ValidPath(name) || ctype == "" {
		return errNoConsoleFile
	}
	b, err := fs.ReadFile(files, name)
	if err != nil {
		return errNoConsoleFile
	}
	h := w.Header()
	h.Set("Content-Security-Policy", consoleCSP)
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Type", ctype)
	_, _ = w.Write(b)
	return nil
}

// consoleAdopt takes a new sign-in's refresh token into the console's
// cookie. The token is rotated at once, so the one the script held is used
// up and only the cookie's can refresh.
func (s *Server) consoleAdopt(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req ConsoleSessionRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	sess, err := s.app.Refresh(r.Context(), req.RefreshToken)
	if err != nil {
		return err
	}
	csrf := rand.Text()
	return s.consoleAnswer(w, sess, csrf)
}

// consoleRefresh answers a fresh access token for the cookie's session.
func (s *Server) consoleRefresh(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	raw, csrf, err := consoleCookies(r)
	if err != nil {
		return err
	}
	sess, err := s.app.Refresh(r.Context(), raw)
	if err != nil {
		clearConsoleCookies(w)
		return err
	}
	return s.consoleAnswer(w, sess, csrf)
}

// consoleSignOut ends the cookie's session (or every one) and clears the
// cookies.
func (s *Server) consoleSignOut(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req ConsoleSignOut
	if err := decodeOptional(w, r, &req); err != nil {
		return err
	}
	raw, _, err := consoleCookies(r)
	if err != nil {
		return err
	}
	if req.Everywhere {
		raw = ""
	}
	if err := s.app.Logout(r.Context(), p, raw); err != nil {
		return err
	}
	clearConsoleCookies(w)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// consoleCookies reads the refresh cookie after checking the request's CSRF
// header against the CSRF cookie.
func consoleCookies(r *http.Request) (refresh, csrf string, err error) {
	rc, err := r.Cookie(refreshCookie)
	if err != nil || rc.Value == "" {
		return "", "", errNoConsoleCookie
	}
	cc, err := r.Cookie(csrfCookie)
	sent := r.Header.Get(csrfHeader)
	if err != nil || cc.Value == "" || subtle.ConstantTimeCompare([]byte(cc.Value), []byte(sent)) != 1 {
		return "", "", errCSRF
	}
	return rc.Value, cc.Value, nil
}

func (s *Server) consoleAnswer(w http.ResponseWriter, sess *app.Session, csrf string) error {
	setConsoleCookie(w, refreshCookie, sess.RefreshToken, true)
	setConsoleCookie(w, csrfCookie, csrf, false)
	return writeJSON(w, http.StatusOK, ConsoleSession{AccessToken: sess.AccessToken, TokenType: "bearer",
		ExpiresIn: int(sess.ExpiresIn.Seconds()), CSRFToken: csrf})
}

// setConsoleCookie sets one of the console's cookies for the browser's
// session (it ends when the browser closes; the refresh token's own expiry
// still applies).
func setConsoleCookie(w http.ResponseWriter, name, value string, httpOnly bool) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", Secure: true, HttpOnly: httpOnly, SameSite: http.SameSiteStrictMode})
}

func clearConsoleCookies(w http.ResponseWriter) {
	for _, name := range []string{refreshCookie, csrfCookie} {
		http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", Secure: true, HttpOnly: name == refreshCookie,
			SameSite: http.SameSiteStrictMode, MaxAge: -1})
	}
}
