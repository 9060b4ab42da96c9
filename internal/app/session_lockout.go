package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// loginWait refuses a sign-in attempt while the account (the email, whether
// or not an account has it) or the client address is throttled. One-time
// codes and password logins share these throttles. A lock, once begun,
// stands whatever lockout threshold the next attempt would read.
func (a *App) loginWait(ctx context.Context, email, ip string, now time.Time) error {
	var wait time.Duration
	if email != "" {
		w, err := a.logins.l.Wait(ctx, email, now)
		if err != nil {
			return err
		}
		wait = w
	}
	if ip != "" {
		w, err := a.loginIPs.l.Wait(ctx, ip, now)
		if err != nil {
			return err
		}
		wait = max(wait, w)
	}
	if wait <= 0 {
		return nil
	}
	return &errs.Error{Kind: errs.RateLimited, Code: "login_throttled",
		Msg: "Too many failed sign-ins for this account or from this address; try again later.", RetryAfter: wait}
}

// loginFailed is loginFailedIn for an attempt that names no tenant: the
// platform's lockout threshold applies.
func (a *App) loginFailed(ctx context.Context, email, ip string) (string, error) {
	return a.loginFailedIn(ctx, "", email, ip)
}

// loginFailedIn records a failed sign-in against the email (unless "") and
// the client address (unless ""), at the moment it is recorded (after the
// slow check that found it wrong, so that check does not eat the wait), and
// names what it locked: "account", "address", or "" when neither is locked
// yet. The account locks after the auth.lockout_threshold of tenantID (the
// tenant the login names, when it exists) or of the platform; the failures
// of one email count together whatever tenant each attempt named.
func (a *App) loginFailedIn(ctx context.Context, tenantID, email, ip string) (string, error) {
	var account, address bool
	if email != "" {
		n, err := a.lockoutThreshold(ctx, tenantID)
		if err != nil {
			return "", err
		}
		w, err := a.logins.after(n).Hit(ctx, email, a.now())
		if err != nil {
			return "", err
		}
		account = w > 0
	}
	now := a.now()
	if ip != "" {
		w, err := a.loginIPs.l.Hit(ctx, ip, now)
		if err != nil {
			return "", err
		}
		address = w > 0
	}
	switch {
	case account:
		return "account", nil
	case address:
		return "address", nil
	}
	return "", nil
}

// lockoutThreshold is the auth.lockout_threshold that applies to a login
// naming tenantID: the platform's (the public tenant's, prod), or the
// named tenant's when that is lower. Failures count per email across
// tenants, so a tenant may make the lockout stricter, never looser: naming
// a tenant of one's own with a threshold of 100 buys no extra guesses at
// someone else's account. The platform's value is read from the cache; a
// named tenant costs one read to check that it exists (only tenants that
// exist enter the cache), on this path of failed sign-ins only.
func (a *App) lockoutThreshold(ctx context.Context, tenantID string) (int, error) {
	platform, err := a.Settings(ctx, tenant.PublicID, auth.EnvProd)
	if err != nil {
		return 0, err
	}
	n := thresholdOf(platform, a.opt.LoginMaxFail)
	if tenantID == "" || tenantID == tenant.PublicID {
		return n, nil
	}
	err = a.db.ReadSystem(ctx, func(tx *store.Tx) error {
		switch _, err := tx.GetTenant(ctx, tenantID); {
		case errs.Is(err, errs.NotFound):
			return nil
		case err != nil:
			return err
		}
		c, err := a.settingsOf(ctx, tx, tenantID, auth.EnvProd)
		if err != nil {
			return err
		}
		n = min(n, thresholdOf(c.s, n))
		return nil
	})
	return n, err
}

func thresholdOf(s setting.Settings, fallback int) int {
	if n := s.Int(setting.LockoutThreshold); n > 0 {
		return int(n)
	}
	return fallback
}
