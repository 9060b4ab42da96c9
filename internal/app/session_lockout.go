package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

// loginWait refuses a sign-in attempt while the account (the email, whether
// or not an account has it) or the client address is throttled. One-time
// codes and password logins share these throttles.
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

// loginFailed records a failed sign-in against the email (unless "") and the
// client address (unless ""), at the moment it is recorded (after the slow
// check that found it wrong, so that check does not eat the wait), and
// names what it locked: "account", "address", or "" when neither is locked
// yet.
func (a *App) loginFailed(ctx context.Context, email, ip string) (string, error) {
	now := a.now()
	var account, address bool
	if email != "" {
		w, err := a.logins.l.Hit(ctx, email, now)
		if err != nil {
			return "", err
		}
		account = w > 0
	}
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
