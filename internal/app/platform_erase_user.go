package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var (
	errSoleOwner = errs.E(errs.Conflict, "sole_owner",
		"This user is the only owner of an active tenant: transfer its ownership first.")
	errEraseSelf = errs.E(errs.Conflict, "cannot_erase_self", "You cannot erase your own account.")
)

// redactPage is how many audit events a user erasure reads at a time.
const redactPage = 500

// UserErasure is what a person's erasure did.
type UserErasure struct {
	UserID     string
	Pseudonym  string // what the audit log names them by now
	Tenants    int    // memberships removed
	Redacted   int    // audit events pseudonymised
	References int    // other records that named them, rewritten or removed
	ErasedAt   time.Time
}

// Pseudonym is the stable name that replaces an erased user's identifiers
// in the audit log: the same user always gets the same one.
func Pseudonym(userID string) string {
	h := sha256.Sum256([]byte("tenantry-erased-user/v1\x00" + userID))
	return "erased-user-" + hex.EncodeToString(h[:8])
}

// EraseUser erases a person across every tenant (GDPR): their account,
// memberships, sessions, MFA, one-time codes, picture and profile are
// deleted; invites to them are removed; records naming them as who did
// something name their pseudonym; audit events keep happening to have
// happened, with the person's identifiers (actor id and email, target, IP
// and user agent of their own requests, details) replaced by the
// pseudonym, each with a redaction record so that the chain still
// verifies. A sole owner of an active tenant is refused (409 sole_owner),
// as are the last usable platform admin and oneself. One transaction.
func (a *App) EraseUser(ctx context.Context, p *auth.Principal, userID string) (*UserErasure, error) {
	if err := platformOnly(p, membership.PlatformAdminister); err != nil {
		return nil, err
	}
	if userID == p.UserID {
		return nil, errEraseSelf
	}
	out := UserErasure{UserID: userID, Pseudonym: Pseudonym(userID)}
	err := a.db.Run(ctx, store.Unit{System: true, Budget: eraseBudget}, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "platform-admins"); err != nil {
			return err
		}
		u, err := tx.GetAdminUser(ctx, userID)
		if err != nil {
			return err
		}
		if u.PlatformAdmin && u.Active && !u.Locked {
			n, err := tx.CountUsablePlatformAdmins(ctx)
			if err != nil {
				return err
			}
			if n <= 1 {
				return errLastAdmin
			}
		}
		sole, err := tx.SoleOwnerTenants(ctx, userID)
		if err != nil {
			return err
		}
		if len(sole) > 0 {
			e := *errSoleOwner
			e.Msg += " Tenants: " + strings.Join(sole, ", ") + "."
			return &e
		}
		tenants, err := tx.UserTenants(ctx, userID)
		if err != nil {
			return err
		}
		out.Tenants = len(tenants)
		now := a.now()
		out.ErasedAt = now
		if out.Redacted, out.References, err = forgetPerson(ctx, tx, userID, u.Email, "", now); err != nil {
			return err
		}
		if _, err := tx.DeleteUser(ctx, userID); err != nil {
			return err
		}
		tx.Touch(store.ConfigTopic)
		return a.record(ctx, tx, tenant.PublicID, p, "user.erase", "user", out.Pseudonym, map[string]string{
			"pseudonym": out.Pseudonym, "tenants": strconv.Itoa(out.Tenants), "audit_events": strconv.Itoa(out.Redacted),
		})
	})
	if errs.Is(err, errs.NotFound) && errs.CodeOf(err) == "user_not_found" {
		return nil, errUserNotFound
	}
	if err != nil {
		return nil, err
	}
	a.callers.forget()
	return &out, nil
}

// forgetPerson pseudonymises every audit event naming the person, in every
// tenant but skipTenant (being erased), and rewrites the other records that
// name them (store.ForgetUser). It returns how many events and how many
// other records it rewrote. Deleting the person is the caller's next step.
func forgetPerson(ctx context.Context, tx *store.Tx, userID, email, skipTenant string, now time.Time) (events, refs int, err error) {
	pseudonym := Pseudonym(userID)
	if events, err = redactPerson(ctx, tx, userID, email, pseudonym, skipTenant, now); err != nil {
		return 0, 0, err
	}
	n, err := tx.ForgetUser(ctx, userID, email, pseudonym)
	return events, int(n), err
}

// redactPerson pseudonymises every audit event naming the person, in
// every tenant but skipTenant, and returns how many it rewrote.
func redactPerson(ctx context.Context, tx *store.Tx, userID, email, pseudonym, skipTenant string, now time.Time) (int, error) {
	match := personPattern(userID, email)
	n := 0
	var after store.AuditKey
	for {
		page, err := tx.PersonAuditEvents(ctx, userID, email, skipTenant, after, redactPage)
		if err != nil {
			return n, err
		}
		for i := range page {
			e := &page[i]
			before := audit.EventHash(e)
			if !pseudonymise(e, userID, email, pseudonym, match) {
				continue
			}
			if err := tx.RedactAudit(ctx, before, e, pseudonym, now); err != nil {
				return n, err
			}
			n++
		}
		if len(page) < redactPage {
			return n, nil
		}
		last := page[len(page)-1]
		after = store.AuditKey{TenantID: last.TenantID, ID: last.ID}
	}
}

// personPattern matches the person's id or email anywhere, any case.
func personPattern(userID, email string) *regexp.Regexp {
	alts := []string{regexp.QuoteMeta(userID)}
	if email != "" {
		alts = append(alts, regexp.QuoteMeta(email))
	}
	return regexp.MustCompile("(?i)" + strings.Join(alts, "|"))
}

// pseudonymise replaces the person's identifiers in e by pseudonym and
// reports whether anything changed. The IP address and user agent of the
// person's own requests go too; those of others acting on them stay.
func pseudonymise(e *audit.Event, userID, email, pseudonym string, match *regexp.Regexp) bool {
	changed := false
	set := func(f *string, v string) {
		if *f != v {
			*f, changed = v, true
		}
	}
	if e.ActorID == userID || (email != "" && strings.EqualFold(e.ActorEmail, email)) {
		set(&e.ActorID, pseudonym)
		set(&e.ActorEmail, pseudonym)
		set(&e.IP, "")
		set(&e.UserAgent, "")
	}
	if e.ResourceID == userID {
		set(&e.ResourceID, pseudonym)
	}
	if e.ImpersonatorID == userID {
		set(&e.ImpersonatorID, pseudonym)
	}
	for k, v := range e.Details {
		if r := match.ReplaceAllLiteralString(v, pseudonym); r != v {
			e.Details[k], changed = r, true
		}
	}
	return changed
}
