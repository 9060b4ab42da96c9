package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// activeUser returns the active user with email, or nil when there is none
// (no account, or a deactivated one).
func activeUser(ctx context.Context, tx *store.Tx, email string) (*identity.User, error) {
	u, err := tx.GetUserByEmail(ctx, email)
	switch {
	case errs.Is(err, errs.NotFound):
		return nil, nil
	case err != nil:
		return nil, err
	case !u.IsActive:
		return nil, nil
	}
	return u, nil
}

// auditTenant is where an event concerning tenantID is recorded: that
// tenant when it exists, else the public tenant.
func auditTenant(ctx context.Context, tx *store.Tx, tenantID string) string {
	if tenantID != "" {
		if _, err := tx.GetTenant(ctx, tenantID); err == nil {
			return tenantID
		}
	}
	return tenant.PublicID
}

// How many sign-in codes and reset links may be requested, per email address
// and per client address, within mailWindow.
const (
	mailsPerEmail = 5
	mailsPerIP    = 20
	mailWindow    = 15 * time.Minute
)

// takeMailRequest counts a request that sends mail (kind "otp" or "reset")
// against the client address and the email, refusing it when either has
// asked too often.
func (a *App) takeMailRequest(ctx context.Context, kind, email string, now time.Time) error {
	var wait time.Duration
	if ip := metaOf(ctx).IP; ip != "" {
		w, err := a.mailsByIP.Take(ctx, kind+"|"+ip, now)
		if err != nil {
			return err
		}
		wait = w
	}
	if wait == 0 {
		w, err := a.mailsByEmail.Take(ctx, kind+"|"+email, now)
		if err != nil {
			return err
		}
		wait = w
	}
	if wait == 0 {
		return nil
	}
	return &errs.Error{Kind: errs.RateLimited, Code: kind + "_throttled",
		Msg: "Too many requests for this email address or from this address; try again later.", RetryAfter: wait}
}
