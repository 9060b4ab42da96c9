package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// How many sign-in codes and reset links may be requested, per email address
// and per client address, within mailWindow.
const (
	mailsPerEmail = 5
	mailsPerIP    = 20
	mailWindow    = 15 * time.Minute
)

// secretMail is what differs between the secrets emailed to accounts: a
// one-time sign-in code, a password reset link.
type secretMail struct {
	kind     string            // "otp" or "reset": names the request limits and their 429 code, <kind>_throttled
	mailKind string            // the message's mail kind
	action   string            // the audited action
	details  map[string]string // audit details besides "sent"
	// save purges the expired secrets of the kind and stores this one for
	// userID, or as a decoy that can never be used when userID is "".
	save func(ctx context.Context, tx *store.Tx, userID string, now time.Time) error
	// message renders the mail that carries the secret.
	message func() (subject, text string)
}

// emailSecret is the one flow of "email a secret to an account if it
// exists, audited, throttled", for the normalised email at now: the request
// counts against the email and the client address; then, in one
// transaction, the active account with the email is looked up, the mail is
// queued only when there is one, the secret (or a decoy) is stored, and the
// request is audited in the public tenant's log — whether a secret was sent
// tells whether the email has an account, which a tenant's admins must not
// learn. The answer and the database work are the same either way.
func (a *App) emailSecret(ctx context.Context, email string, now time.Time, s secretMail) error {
	if err := a.takeMailRequest(ctx, s.kind, email, now); err != nil {
		return err
	}
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		u, err := activeUser(ctx, tx, email)
		if err != nil {
			return err
		}
		actor := &auth.Principal{Email: email}
		if u != nil {
			actor.UserID = u.ID
			subject, text := s.message()
			if err := a.queueMail(ctx, tx, "", s.mailKind, email, subject, text); err != nil {
				return err
			}
		}
		if err := s.save(ctx, tx, actor.UserID, now); err != nil {
			return err
		}
		details := map[string]string{"sent": boolString(u != nil)}
		for k, v := range s.details {
			details[k] = v
		}
		return a.record(ctx, tx, tenant.PublicID, actor, s.action, "user", actor.UserID, details)
	})
	if err != nil {
		return err
	}
	a.jobsQueued()
	return nil
}

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
