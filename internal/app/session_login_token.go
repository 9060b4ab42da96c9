package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
)

var (
	errLoginTokenRequired = errs.E(errs.Forbidden, "login_token_required",
		"This tenant takes sign-ins only with a login token from its application: send login_token.")
	errBadLoginToken = errs.E(errs.Unauthenticated, "invalid_login_token",
		"The login token is unknown, spent or expired: ask the application for a new one.")
)

// IssuedLoginToken is a minted login token, shown once.
type IssuedLoginToken struct {
	auth.LoginToken
	Token string
}

// IssueLoginToken mints a login token for a sign-in to the caller's tenant
// (auth/login_token.go says what it unlocks): owner and tenant_admin, or an
// API key with the login-tokens:write scope. Audited.
func (a *App) IssueLoginToken(ctx context.Context, p *auth.Principal) (*IssuedLoginToken, error) {
	if !p.Scoped() {
		return nil, errKeysScoped
	}
	if _, err := a.authorize(ctx, p, p.TenantID, membership.LoginTokenIssue); err != nil {
		return nil, err
	}
	plain, hash, err := auth.NewOpaque(auth.LoginTokenPrefix)
	if err != nil {
		return nil, err
	}
	now := a.now()
	issuer := p.UserID
	if p.APIKeyID != "" {
		issuer = p.APIKeyID
	}
	k := auth.LoginToken{TenantID: p.TenantID, ID: id.NewAt(id.LoginToken, now), Hash: hash, IssuedBy: issuer,
		CreatedAt: now, ExpiresAt: now.Add(auth.LoginTokenTTL)}
	err = a.db.InTenant(ctx, p.TenantID, func(tx *store.Tx) error {
		if err := tx.CreateLoginToken(ctx, &k); err != nil {
			return err
		}
		return a.record(ctx, tx, p.TenantID, p, "auth.login_token.issue", "login_token", k.ID, nil)
	})
	if err != nil {
		return nil, err
	}
	return &IssuedLoginToken{LoginToken: k, Token: plain}, nil
}

// spendLoginToken lets a sign-in attempt into tenantID proceed: at once when
// the tenant does not require login tokens (a token sent anyway is left
// alone), else only with one of its fresh tokens, which the attempt spends
// in a transaction of its own — whatever the attempt's outcome, the token
// cannot be tried again. Refusals are audited in the tenant. A tenant that
// does not exist is left for the sign-in to refuse as it does.
func (a *App) spendLoginToken(ctx context.Context, tenantID, token, email string) error {
	if tenantID == "" {
		return nil
	}
	required := false
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) error { // a read: most tenants do not require them
		_, s, err := a.effectiveWithSettings(ctx, tx, tenantID)
		required = err == nil && s.Bool(setting.LoginTokenRequired)
		return err
	})
	switch {
	case errs.Is(err, errs.NotFound):
		return nil
	case err != nil || !required:
		return err
	}
	var refused error
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		spent := false
		if token != "" {
			var err error
			if spent, err = tx.SpendLoginToken(ctx, tenantID, auth.HashOpaque(token), a.now()); err != nil {
				return err
			}
		}
		switch {
		case spent:
			return nil
		case token == "":
			refused = errLoginTokenRequired
		default:
			refused = errBadLoginToken
		}
		return tx.AppendAudit(ctx, a.event(ctx, tenantID, &auth.Principal{Email: email}, "auth.login", "user", "",
			audit.Failure, map[string]string{"reason": errs.CodeOf(refused)}))
	})
	if err != nil {
		return err
	}
	return refused
}
