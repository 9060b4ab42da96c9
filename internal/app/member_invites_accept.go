package app

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// The answers to an invitation that cannot be accepted.
var (
	errInvalidInvite = errs.E(errs.NotFound, "invalid_invite", "This invitation link is not valid.")
	errInviteUsed    = errs.E(errs.Conflict, "invite_used", "This invitation was accepted already.")
	errInviteRevoked = errs.E(errs.Conflict, "invite_revoked", "This invitation was revoked; ask for a new one.")
	errInviteExpired = errs.E(errs.Conflict, "invite_expired", "This invitation has expired; ask for a new one.")
)

// AcceptInviteInput accepts an invitation with the token of its link. The
// password and names are needed only when no account has the invited email.
type AcceptInviteInput struct {
	Token     string
	Password  string
	FirstName string
	LastName  string
}

// Acceptance is the outcome of an accepted invitation.
type Acceptance struct {
	Invite         membership.Invite
	User           identity.User
	AccountCreated bool
	// Session is the login of a new account, which just chose its password:
	// a login by password, so the tenant's login methods and second factor
	// apply (it may be an MFA challenge). It is nil for an existing account
	// (the invitation proves the email, not the account: its holder signs in
	// as usual) and when the tenant does not allow password logins.
	Session *Session
}

// AcceptInvite accepts an invitation, once: the account with the invited
// email (or a new one, created with the given password and names) becomes
// an active member of the tenant with the invitation's role and outlets
// (outlets deleted since are left out). Unknown tokens are 404
// invalid_invite; used, revoked and expired invitations 409 invite_used,
// invite_revoked, invite_expired. Every attempt is audited.
func (a *App) AcceptInvite(ctx context.Context, in AcceptInviteInput) (*Acceptance, error) {
	if in.Token == "" {
		return nil, errs.Fields(errs.FieldError{Field: "token", Code: "required", Message: "This field is required."})
	}
	var inv *membership.Invite
	var u *identity.User
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		if inv, err = tx.InviteByHash(ctx, auth.HashOpaque(in.Token)); err != nil {
			return err
		}
		u, err = tx.GetUserByEmail(ctx, inv.Email)
		if errs.Is(err, errs.NotFound) {
			u, err = nil, nil
		}
		return err
	})
	if errs.Is(err, errs.NotFound) {
		return nil, a.acceptRefused(ctx, "", "", errInvalidInvite)
	}
	if err != nil {
		return nil, err
	}
	if err := inviteState(inv.StatusAt(a.now())); err != nil {
		return nil, a.acceptRefused(ctx, inv.TenantID, inv.ID, err)
	}
	acc := &Acceptance{Invite: *inv, AccountCreated: u == nil}
	if u == nil {
		if u, err = a.newInvitedUser(ctx, inv.TenantID, inv.Email, in); err != nil {
			return nil, err
		}
	}
	if !u.IsActive {
		return nil, errs.E(errs.Forbidden, "account_inactive", "This account is deactivated.")
	}
	acc.User = *u
	err = a.db.InSystem(ctx, func(tx *store.Tx) error { return a.accept(ctx, tx, acc) })
	if store.IsDuplicate(err, "users.email") {
		err = taken("email", "email_taken", "An account with this email was created meanwhile; accept the invitation again.")
	}
	if code := errs.CodeOf(err); code == errInviteUsed.Code || code == errInviteRevoked.Code || code == errInviteExpired.Code {
		return nil, a.acceptRefused(ctx, inv.TenantID, inv.ID, err)
	}
	if err != nil {
		return nil, err
	}
	a.callers.forget()
	if acc.AccountCreated {
		acc.Session, err = a.finishLogin(ctx, u, inv.TenantID, MethodPassword)
		if errs.Is(err, errs.Forbidden) { // password logins are off here: the account signs in another way
			acc.Session, err = nil, nil
		}
	}
	return acc, err
}

// newInvitedUser validates the fields a new account needs and returns it, not yet stored.
// The password follows the inviting tenant's policy.
func (a *App) newInvitedUser(ctx context.Context, tenantID, email string, in AcceptInviteInput) (*identity.User, error) {
	policy, err := a.passwordPolicy(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	var c errs.Collector
	checkPassword(&c, "password", in.Password, policy)
	required(&c, "first_name", in.FirstName, 100)
	required(&c, "last_name", in.LastName, 100)
	if err := c.Err(); err != nil {
		return nil, err
	}
	hash, err := a.hasher.Hash(ctx, in.Password)
	if err != nil {
		return nil, err
	}
	now := a.now()
	return &identity.User{ID: id.New(id.User), Email: email, PasswordHash: hash, FirstName: strings.TrimSpace(in.FirstName),
		LastName: strings.TrimSpace(in.LastName), IsActive: true, CreatedAt: now, UpdatedAt: now}, nil
}

// accept uses up the invitation and makes acc.User a member, in tx.
func (a *App) accept(ctx context.Context, tx *store.Tx, acc *Acceptance) error {
	inv, now := &acc.Invite, a.now()
	t, err := tx.GetTenant(ctx, inv.TenantID)
	if err != nil {
		return err
	}
	if t.Status != tenant.Active {
		return tenantNotActive(t.Status)
	}
	won, err := tx.AcceptInvite(ctx, inv.TenantID, inv.ID, acc.User.ID, now)
	if err != nil {
		return err
	}
	if !won { // accepted, revoked or expired since it was read
		latest, err := tx.GetInvite(ctx, inv.TenantID, inv.ID)
		if err != nil {
			return err
		}
		return cmp.Or(inviteState(latest.StatusAt(now)), error(errInviteUsed))
	}
	if acc.AccountCreated {
		if err := tx.CreateUser(ctx, &acc.User); err != nil {
			return err
		}
	}
	missing, err := tx.MissingOutlets(ctx, inv.TenantID, inv.OutletIDs)
	if err != nil {
		return err
	}
	outlets := slices.DeleteFunc(slices.Clone(inv.OutletIDs), func(o string) bool { return slices.Contains(missing, o) })
	already, err := join(ctx, tx, inv.TenantID, acc.User.ID, inv.Role, outlets, now)
	if err != nil {
		return err
	}
	if already {
		return errAlreadyMember
	}
	actor := &auth.Principal{UserID: acc.User.ID, Email: acc.User.Email}
	return a.record(ctx, tx, inv.TenantID, actor, "invite.accept", "invite", inv.ID,
		map[string]string{"role": string(inv.Role), "account_created": boolString(acc.AccountCreated)})
}

// inviteState is the error for an invitation in state s, or nil when it can be accepted.
func inviteState(s membership.InviteStatus) error {
	switch s {
	case membership.InviteAccepted:
		return errInviteUsed
	case membership.InviteRevoked:
		return errInviteRevoked
	case membership.InviteExpired:
		return errInviteExpired
	}
	return nil
}

// acceptRefused audits a refused acceptance, in the invitation's tenant
// when it is known (else the public tenant's log), and returns why.
func (a *App) acceptRefused(ctx context.Context, tenantID, inviteID string, why error) error {
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.AppendAudit(ctx, a.event(ctx, where(tenantID), nil, "invite.accept", "invite", inviteID, audit.Failure,
			map[string]string{"reason": errs.CodeOf(why)}))
	})
	return errors.Join(why, err)
}
