package app

import (
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

// loginWait refuses a sign-in attempt while the account (the email, whether
// or not an account has it) or the client address is throttled. One-time
// codes and password logins share these throttles.
func (a *App) loginWait(email, ip string, now time.Time) error {
	wait := a.logins.wait(email, now)
	if ip != "" {
		wait = max(wait, a.loginIPs.wait(ip, now))
	}
	if wait <= 0 {
		return nil
	}
	return &errs.Error{Kind: errs.RateLimited, Code: "login_throttled",
		Msg: "Too many failed sign-ins for this account or from this address; try again later.", RetryAfter: wait}
}

// loginFailed records a failed sign-in against the email (unless "") and the
// client address (unless ""), and names what it locked: "account",
// "address", or "" when neither is locked yet.
func (a *App) loginFailed(email, ip string, now time.Time) string {
	account := email != "" && a.logins.fail(email, now)
	address := ip != "" && a.loginIPs.fail(ip, now)
	switch {
	case account:
		return "account"
	case address:
		return "address"
	}
	return ""
}
