package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// ErrNotSignedIn is returned by a Session's requests before Login and after
// Logout.
var ErrNotSignedIn = errors.New("tenantry: the session is not signed in")

// ErrMFARequired is returned by Session.Login when the password was right
// but a second factor is needed: pass the answer's mfa_token and the user's
// code to Session.VerifyMFA.
var ErrMFARequired = errors.New("tenantry: a second factor is required")

// refreshSkew is how long before its expiry an access token is refreshed,
// so that a request does not leave with a token that expires on the way.
const refreshSkew = 30 * time.Second

// Session is one signed-in user's session. It holds the access and refresh
// tokens, adds the access token to every request of Client, and keeps it
// fresh: shortly before the access token expires, or when the server
// answers 401 to it, the refresh token is exchanged (once, whatever the
// number of requests waiting) and the request is sent again. A tenant
// chosen with SelectTenant outlives a refresh: the refreshed token is
// scoped to it again.
//
// A Session is safe for concurrent use.
type Session struct {
	server string
	doer   HttpRequestDoer
	api    *ClientWithResponses // without credentials: login, refresh
	now    func() time.Time

	mu  sync.Mutex
	tok tokens
}

// tokens are a Session's credentials.
type tokens struct {
	access  string
	refresh string
	expires time.Time
	// tenantID is the tenant the access token acts in ("" for none);
	// refreshTenantID the one a refreshed access token acts in, which is
	// the login's: a tenant selected afterwards is selected again.
	tenantID, refreshTenantID string
}

// SessionOption configures a Session.
type SessionOption func(*Session)

// WithDoer sends the Session's requests through doer (by default a plain
// *http.Client).
func WithDoer(doer HttpRequestDoer) SessionOption {
	return func(s *Session) { s.doer = doer }
}

// WithClock makes the Session read the time from now, to decide when the
// access token is due for a refresh (by default time.Now).
func WithClock(now func() time.Time) SessionOption {
	return func(s *Session) { s.now = now }
}

// NewSession returns a Session, not yet signed in, with the server at
// server (e.g. "https://tenantry.example.com").
func NewSession(server string, opts ...SessionOption) (*Session, error) {
	s := &Session{server: server, doer: &http.Client{}, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	api, err := NewClientWithResponses(server, WithHTTPClient(s.doer))
	if err != nil {
		return nil, fmt.Errorf("tenantry session: %w", err)
	}
	s.api = api
	return s, nil
}

// Client returns a client whose requests carry the session's access token,
// refreshed as needed. Its requests fail with ErrNotSignedIn while the
// session is not signed in.
func (s *Session) Client(opts ...ClientOption) (*ClientWithResponses, error) {
	return NewClientWithResponses(s.server, append([]ClientOption{WithHTTPClient(s)}, opts...)...)
}

// Login signs in with an email and password (naming req.TenantID gets a
// tenant-scoped session at once). When a second factor is needed it
// returns the answer, which holds the MFA token, with ErrMFARequired.
func (s *Session) Login(ctx context.Context, req LoginRequest) (*LoginResponse, error) {
	r, err := s.api.PostAuthLoginWithResponse(ctx, req)
	if err := Check(r, err, http.StatusOK); err != nil {
		return nil, fmt.Errorf("tenantry login: %w", err)
	}
	return s.signedIn(r.JSON200)
}

// VerifyMFA completes a login that answered ErrMFARequired with the
// challenge's mfa_token and the user's current code.
func (s *Session) VerifyMFA(ctx context.Context, mfaToken, code string) (*LoginResponse, error) {
	r, err := s.api.PostAuthMFAVerifyWithResponse(ctx, MFAVerifyRequest{MFAToken: mfaToken, Code: code})
	if err := Check(r, err, http.StatusOK); err != nil {
		return nil, fmt.Errorf("tenantry mfa verify: %w", err)
	}
	return s.signedIn(r.JSON200)
}

// Adopt signs the session in with a login answer obtained another way: an
// email code's (PostAuthOTPVerify), or the session of an accepted
// invitation (AcceptInviteResponse.Session).
func (s *Session) Adopt(l *LoginResponse) error {
	_, err := s.signedIn(l)
	return err
}

// signedIn keeps the tokens of a login's answer.
func (s *Session) signedIn(l *LoginResponse) (*LoginResponse, error) {
	if l == nil {
		return nil, errors.New("tenantry login: the answer has no body")
	}
	if deref(l.MFARequired) {
		return l, ErrMFARequired
	}
	if deref(l.AccessToken) == "" {
		return nil, errors.New("tenantry login: the answer has no access token")
	}
	tenantID := deref(l.TenantID)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tok = tokens{access: deref(l.AccessToken), refresh: deref(l.RefreshToken), expires: s.expiry(l.ExpiresIn),
		tenantID: tenantID, refreshTenantID: tenantID}
	return l, nil
}

// SelectTenant scopes the session to tenantID: its requests act in that
// tenant from now on, refreshes included.
func (s *Session) SelectTenant(ctx context.Context, tenantID string) (*SelectTenantResponse, error) {
	tok, err := s.fresh(ctx)
	if err != nil {
		return nil, err
	}
	r, err := s.api.PostAuthSelectTenantWithResponse(ctx, SelectTenantRequest{TenantID: tenantID}, WithToken(tok.access))
	if err := Check(r, err, http.StatusOK); err != nil {
		return nil, fmt.Errorf("tenantry select tenant: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok.refresh == tok.refresh { // not signed out or in again meanwhile
		s.tok.access, s.tok.expires, s.tok.tenantID = r.JSON200.AccessToken, s.expiry(r.JSON200.ExpiresIn), r.JSON200.TenantID
	}
	return r.JSON200, nil
}

// Refresh exchanges the refresh token for new tokens now, whether or not
// the access token is due.
func (s *Session) Refresh(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshLocked(ctx)
}

// Logout ends the session on the server (its refresh token and access
// token) and forgets its tokens.
func (s *Session) Logout(ctx context.Context) error {
	tok, err := s.fresh(ctx)
	if err != nil {
		return err
	}
	r, err := s.api.PostAuthLogoutWithResponse(ctx, LogoutRequest{RefreshToken: &tok.refresh}, WithToken(tok.access))
	if err := Check(r, err, http.StatusNoContent); err != nil {
		return fmt.Errorf("tenantry logout: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tok = tokens{}
	return nil
}

// TenantID is the tenant the session acts in, "" for none.
func (s *Session) TenantID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tok.tenantID
}

// AccessToken returns the current access token, refreshed first when it is
// due.
func (s *Session) AccessToken(ctx context.Context) (string, error) {
	tok, err := s.fresh(ctx)
	return tok.access, err
}

// Do sends req with the session's access token: it makes a Session the
// HttpRequestDoer of a generated client (see Client). A 401 answer to a
// token that is still the session's current one refreshes it and sends
// req once more, when its body can be read again (req.GetBody).
func (s *Session) Do(req *http.Request) (*http.Response, error) {
	tok, err := s.fresh(req.Context())
	if err != nil {
		return nil, err
	}
	resp, err := s.send(req, tok.access)
	if err != nil || resp.StatusCode != http.StatusUnauthorized || (req.Body != nil && req.GetBody == nil) {
		return resp, err
	}
	next, err := s.refreshAfter(req.Context(), tok.access)
	if err != nil {
		return resp, nil // the refresh failed too: the caller sees the original 401
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return s.send(req, next.access)
}

// send sends a copy of req carrying access.
func (s *Session) send(req *http.Request, access string) (*http.Response, error) {
	out := req.Clone(req.Context())
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("tenantry session: %w", err)
		}
		out.Body = body
	}
	out.Header.Set("Authorization", "Bearer "+access)
	return s.doer.Do(out)
}

// fresh returns the session's tokens, refreshed first when the access token
// is due.
func (s *Session) fresh(ctx context.Context) (tokens, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok.access == "" {
		return tokens{}, ErrNotSignedIn
	}
	if s.tok.refresh != "" && !s.now().Before(s.tok.expires.Add(-refreshSkew)) {
		if err := s.refreshLocked(ctx); err != nil {
			return tokens{}, err
		}
	}
	return s.tok, nil
}

// refreshAfter refreshes the tokens unless stale is no longer the current
// access token (another request refreshed it meanwhile), and returns them.
func (s *Session) refreshAfter(ctx context.Context, stale string) (tokens, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok.access != stale {
		if s.tok.access == "" {
			return tokens{}, ErrNotSignedIn
		}
		return s.tok, nil
	}
	err := s.refreshLocked(ctx)
	return s.tok, err
}

// refreshLocked exchanges the refresh token, with s.mu held: holding it
// keeps a second request from presenting the used token again, which the
// server takes for theft and answers by ending the whole session.
func (s *Session) refreshLocked(ctx context.Context) error {
	if s.tok.refresh == "" {
		return ErrNotSignedIn
	}
	r, err := s.api.PostAuthRefreshWithResponse(ctx, RefreshRequest{RefreshToken: s.tok.refresh})
	if err := Check(r, err, http.StatusOK); err != nil {
		return fmt.Errorf("tenantry refresh: %w", err)
	}
	next := tokens{access: r.JSON200.AccessToken, refresh: r.JSON200.RefreshToken, expires: s.expiry(r.JSON200.ExpiresIn),
		tenantID: s.tok.refreshTenantID, refreshTenantID: s.tok.refreshTenantID}
	if want := s.tok.tenantID; want != "" && want != next.tenantID {
		sel, err := s.api.PostAuthSelectTenantWithResponse(ctx, SelectTenantRequest{TenantID: want}, WithToken(next.access))
		if err := Check(sel, err, http.StatusOK); err != nil {
			s.tok = next // the refresh token was used up: keep the new one
			return fmt.Errorf("tenantry refresh: select tenant %s again: %w", want, err)
		}
		next.access, next.expires, next.tenantID = sel.JSON200.AccessToken, s.expiry(sel.JSON200.ExpiresIn), sel.JSON200.TenantID
	}
	s.tok = next
	return nil
}

// expiry is when a token valid for seconds from now expires.
func (s *Session) expiry(seconds int) time.Time {
	return s.now().Add(time.Duration(seconds) * time.Second)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
