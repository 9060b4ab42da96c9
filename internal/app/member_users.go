package app

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// accountSetupTTL is how long the "choose your password" link of a user
// created without a password works: as long as an invitation.
const accountSetupTTL = membership.InviteTTL

// ListUsers lists the users of the tenant of p's scoped token (reserva
// seed), active and deactivated unless f names a status.
func (a *App) ListUsers(ctx context.Context, p *auth.Principal, f MemberFilter) ([]membership.Member, int, error) {
	return a.listMembers(ctx, p, membership.UserRead, f)
}

// GetUser returns a user of the tenant of p's scoped token, whatever the
// status of their membership.
func (a *App) GetUser(ctx context.Context, p *auth.Principal, userID string) (*membership.Member, error) {
	tenantID, _, err := a.rosterAccess(ctx, p, membership.UserRead)
	if err != nil {
		return nil, a.conceal(ctx, p, err, findMember(ctx, p.TenantID, userID))
	}
	var m *membership.Member
	err = a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) { m, err = tx.GetMember(ctx, tenantID, userID); return })
	return m, err
}

// CreateUserInput adds a user to a tenant (reserva seed).
type CreateUserInput struct {
	Email     string
	FirstName string
	LastName  string
	Password  string // optional: without it a new account gets a link to choose one
	Phone     string
	Role      membership.Role
	OutletIDs []string
}

func (in *CreateUserInput) validate(policy string) error {
	var c errs.Collector
	checkEmail(&c, "email", in.Email, true)
	required(&c, "first_name", in.FirstName, 100)
	required(&c, "last_name", in.LastName, 100)
	if in.Password != "" {
		checkPassword(&c, "password", in.Password, policy)
	}
	checkPhone(&c, "phone", in.Phone)
	checkRole(&c, "role", &in.Role)
	in.OutletIDs = cleanOutlets(&c, "outlet_ids", in.OutletIDs)
	return c.Err()
}

// CreateUser adds a user to the tenant of p's scoped token with a role the
// caller may grant. An email that already has a global account gets a
// membership of that account (whose password, names and phone stay as they
// are) rather than a duplicate account; an active member already is 409
// already_member. A new account created without a password is emailed a
// link, valid for accountSetupTTL, to choose one.
func (a *App) CreateUser(ctx context.Context, p *auth.Principal, in CreateUserInput) (*membership.Member, error) {
	tenantID, g, err := a.rosterAccess(ctx, p, membership.UserCreate)
	if err != nil {
		return nil, err
	}
	policy, err := a.passwordPolicy(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	if err := in.validate(policy); err != nil {
		return nil, err
	}
	if err := checkGrant(g, in.Role); err != nil {
		return nil, err
	}
	hash := ""
	if in.Password != "" {
		if hash, err = a.hasher.Hash(ctx, in.Password); err != nil { // outside the transaction: it takes a while
			return nil, err
		}
	}
	var m *membership.Member
	for attempt := 0; attempt < 2; attempt++ { // a concurrent creation of the same account: retry as existing
		err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
			m, err = a.createUser(ctx, tx, p, tenantID, in, hash)
			return err
		})
		if !store.IsDuplicate(err, "users.email") {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	a.callers.forget()
	a.jobsQueued()
	return m, nil
}

func (a *App) createUser(ctx context.Context, tx *store.Tx, p *auth.Principal, tenantID string, in CreateUserInput, hash string) (*membership.Member, error) {
	if err := checkOutlets(ctx, tx, tenantID, in.OutletIDs); err != nil {
		return nil, err
	}
	now, email := a.now(), identity.NormalizeEmail(in.Email)
	if err := a.reserveSeatFor(ctx, tx, tenantID, email); err != nil {
		return nil, err
	}
	u, err := tx.GetUserByEmail(ctx, email)
	created := errs.Is(err, errs.NotFound)
	switch {
	case created:
		u = &identity.User{ID: id.New(id.User), Email: email, PasswordHash: hash, FirstName: strings.TrimSpace(in.FirstName),
			LastName: strings.TrimSpace(in.LastName), Phone: strings.TrimSpace(in.Phone), IsActive: true, CreatedAt: now, UpdatedAt: now}
		if err := tx.CreateUser(ctx, u); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	}
	already, err := join(ctx, tx, tenantID, u.ID, in.Role, in.OutletIDs, now)
	if err != nil {
		return nil, err
	}
	if already {
		return nil, errAlreadyMember
	}
	setup := created && hash == ""
	if setup {
		if err := a.queueAccountSetup(ctx, tx, tenantID, u); err != nil {
			return nil, err
		}
	}
	if err := a.record(ctx, tx, tenantID, p, "user.create", "user", u.ID, map[string]string{"role": string(in.Role),
		"account_created": boolString(created), "setup_link_sent": boolString(setup)}); err != nil {
		return nil, err
	}
	return tx.GetMember(ctx, tenantID, u.ID)
}

// queueAccountSetup stores a password reset token for u, valid for
// accountSetupTTL, and queues the message carrying its link; the link
// leads to the ordinary reset flow (POST /api/v1/auth/reset-password).
func (a *App) queueAccountSetup(ctx context.Context, tx *store.Tx, tenantID string, u *identity.User) error {
	link, err := a.newResetLink(ctx, tx, u.ID, accountSetupTTL)
	if err != nil {
		return err
	}
	t, err := tx.GetTenant(ctx, tenantID)
	if err != nil {
		return err
	}
	subject, text := mail.AccountSetup(u.Email, t.Name, link, accountSetupTTL)
	return a.queueMail(ctx, tx, tenantID, mail.KindAccountSetup, u.Email, subject, text)
}
