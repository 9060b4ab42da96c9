package api

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
)

// apiKeyHeader carries a machine client's API key.
const apiKeyHeader = "X-API-Key"

var (
	errAmbiguous = errs.E(errs.Malformed, "ambiguous_credentials",
		"Send either an API key (X-API-Key) or an access token (Authorization), not both.")
	errUserOnly = errs.E(errs.Forbidden, "user_token_required",
		"This endpoint acts for a signed-in user: send a user's access token, not an API key.")
)

// credentials authenticates the caller of rt from an API key or a bearer
// token, never both. An Optional route without credentials gets nil, nil.
// A refused credential also spends the client address's public allowance,
// so guessing keys or tokens is rate-limited like any anonymous call.
func (s *Server) credentials(ctx context.Context, r *http.Request, rt Route, ip string) (*auth.Principal, error) {
	key := strings.TrimSpace(r.Header.Get(apiKeyHeader))
	hasToken := r.Header.Get("Authorization") != ""
	switch {
	case key != "" && hasToken:
		return nil, errAmbiguous
	case key != "":
		p, err := s.app.AuthenticateAPIKey(ctx, key)
		if err != nil {
			s.metrics.keyFailures.WithLabelValues(errs.CodeOf(err)).Inc()
			return nil, s.refused(ctx, ip, err)
		}
		return p, machineMay(rt, p)
	case !hasToken && rt.Access == Optional:
		return nil, nil
	}
	raw, ok := bearer(r)
	if !ok {
		return nil, errs.E(errs.Unauthenticated, "missing_token", "Send an access token: Authorization: Bearer <token>.")
	}
	p, err := s.app.Authenticate(ctx, raw)
	if err != nil {
		return nil, s.refused(ctx, ip, err)
	}
	return p, nil
}

// refused charges a failed authentication to the client address and returns
// err, or the rate limit once the address has spent its allowance.
func (s *Server) refused(ctx context.Context, ip string, err error) error {
	if limited := s.ips.allow(ctx, ip); limited != nil {
		return limited
	}
	return err
}

// machineMay applies the route table to an API key: a route that names no
// permission action acts for a signed-in user and refuses keys; one that
// names an action admits a key holding the action's scope. The use case
// checks the scope again, against the tenant it acts on. Optional routes
// decide themselves what a key sees.
func machineMay(rt Route, p *auth.Principal) error {
	if rt.Access == Optional {
		return nil
	}
	if rt.Action == "" {
		return errUserOnly
	}
	scope := keyScope(rt)
	if scope == "" {
		return errs.E(errs.Forbidden, "insufficient_scope", "API keys may not do this (permission "+string(rt.Action)+"); use a user's access token.")
	}
	if !slices.Contains(p.Scopes, scope) {
		return errs.E(errs.Forbidden, "insufficient_scope", "This API key needs the scope "+scope+".")
	}
	return nil
}

// keyScope is the scope an API key needs for rt, or "" when keys may not call it.
func keyScope(rt Route) string {
	if rt.Action == "" {
		return ""
	}
	rule, _ := membership.RuleOf(rt.Action)
	return rule.Scope
}

// callerID names the caller for rate limits and logs: the user, or the API key.
func callerID(p *auth.Principal) string {
	if p.IsAPIKey() {
		return "key:" + p.APIKeyID
	}
	return p.UserID
}
