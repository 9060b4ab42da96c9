package app

import (
	"context"
	"strconv"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

var errInviteNotFound = errs.E(errs.NotFound, "invite_not_found", "Invitation not found.")

// InviteInput invites someone by email to the tenant of the caller's scoped token.
type InviteInput struct {
	Email     string
	Role      membership.Role
	OutletIDs []string
}

func (in *InviteInput) validate() error {
	var c errs.Collector
	checkEmail(&c, "email", in.Email, true)
	checkRole(&c, "role", &in.Role)
	in.OutletIDs = cleanOutlets(&c, "outlet_ids", in.OutletIDs)
	return c.Err()
}

// InviteView is an invitation with its state when it was read.
type InviteView struct {
	membership.Invite
	Status membership.InviteStatus
}

// CreateInvite invites email to the tenant of p's scoped token with a role
// the caller may grant, valid for membership.InviteTTL. The invitation and
// its email (a link to PublicURL/console/accept-invite?token=…) commit together; an
// earlier open invitation of the same email is revoked, so only the newest
// link works. Inviting an active member is 409 already_member.
func (a *App) CreateInvite(ctx context.Context, p *auth.Principal, in InviteInput) (*InviteView, error) {
	tenantID, g, err := a.rosterAccess(ctx, p, membership.InviteCreate)
	if err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if err := checkGrant(g, in.Role); err != nil {
		return nil, err
	}
	plain, hash, err := auth.NewOpaque("ivt_")
	if err != nil {
		return nil, err
	}
	now := a.now()
	inv := &membership.Invite{TenantID: tenantID, ID: id.New(id.Invite), Email: identity.NormalizeEmail(in.Email), Role: in.Role,
		OutletIDs: nonNilStrings(in.OutletIDs), Hash: hash, InvitedBy: p.UserID, ExpiresAt: now.Add(membership.InviteTTL), CreatedAt: now}
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := checkOutlets(ctx, tx, tenantID, inv.OutletIDs); err != nil {
			return err
		}
		member, err := isActiveMember(ctx, tx, tenantID, inv.Email)
		if err != nil {
			return err
		}
		if member {
			return errAlreadyMember
		}
		t, err := tx.GetTenant(ctx, tenantID)
		if err != nil {
			return err
		}
		if err := a.reserveInvite(ctx, tx, tenantID, inv.Email); err != nil {
			return err
		}
		revoked, err := tx.CreateInvite(ctx, inv)
		if err != nil {
			return err
		}
		link := mail.Link(a.opt.PublicURL, mail.InvitePath, "token", plain)
		subject, text := mail.Invite(inv.Email, t.Name, link, membership.InviteTTL)
		if err := a.queueMail(ctx, tx, tenantID, mail.KindInvite, inv.Email, subject, text); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "invite.create", "invite", inv.ID, map[string]string{
			"email": inv.Email, "role": string(inv.Role), "superseded": strconv.FormatInt(revoked, 10)})
	})
	if err != nil {
		return nil, err
	}
	a.jobsQueued()
	return &InviteView{Invite: *inv, Status: membership.InvitePending}, nil
}

// isActiveMember reports whether the account with email is an active
// member of tenantID.
func isActiveMember(ctx context.Context, tx *store.Tx, tenantID, email string) (bool, error) {
	u, err := tx.GetUserByEmail(ctx, email)
	if errs.Is(err, errs.NotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	m, err := tx.GetMembership(ctx, tenantID, u.ID)
	if errs.Is(err, errs.NotFound) {
		return false, nil
	}
	return err == nil && m.Status == membership.Active, err
}

// InviteFilter narrows an invitation listing.
type InviteFilter = store.InviteFilter

// ListInvites lists the invitations of the tenant of p's scoped token,
// newest first: pending and past ones (accepted, revoked, expired), or
// those of the status f names.
func (a *App) ListInvites(ctx context.Context, p *auth.Principal, f InviteFilter) ([]InviteView, int, error) {
	tenantID, _, err := a.rosterAccess(ctx, p, membership.InviteRead)
	if err != nil {
		return nil, 0, err
	}
	var c errs.Collector
	c.Check(f.Skip < 0, "skip", "out_of_range", "Must be 0 or more.")
	c.Check(f.Limit < 1 || f.Limit > 500, "limit", "out_of_range", "Must be between 1 and 500.")
	c.Check(f.Status != "" && !membership.ValidInviteStatus(f.Status), "status", "invalid_choice",
		"Must be pending, accepted, revoked or expired.")
	if err := c.Err(); err != nil {
		return nil, 0, err
	}
	var list []membership.Invite
	var total int
	now := a.now()
	err = a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		list, total, err = tx.ListInvites(ctx, tenantID, f, now)
		return err
	})
	out := make([]InviteView, len(list))
	for i := range list {
		out[i] = InviteView{Invite: list[i], Status: list[i].StatusAt(now)}
	}
	return out, total, err
}

// RevokeInvite revokes an invitation of the tenant of p's scoped token so
// that its link no longer works. Revoking a revoked or expired invitation
// changes nothing; an accepted one is 409 invite_used (remove the member
// instead). The caller must be able to grant the invitation's role.
func (a *App) RevokeInvite(ctx context.Context, p *auth.Principal, inviteID string) error {
	tenantID, g, err := a.rosterAccess(ctx, p, membership.InviteRevoke)
	if err != nil {
		return a.conceal(ctx, p, err, findInvite(ctx, p.TenantID, inviteID))
	}
	return a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		inv, err := tx.GetInvite(ctx, tenantID, inviteID)
		if errs.Is(err, errs.NotFound) {
			return errInviteNotFound
		}
		if err != nil {
			return err
		}
		if err := checkGrant(g, inv.Role); err != nil {
			return err
		}
		switch inv.StatusAt(a.now()) {
		case membership.InviteAccepted:
			return errInviteUsed
		case membership.InviteRevoked, membership.InviteExpired:
			return nil
		}
		if ok, err := tx.RevokeInvite(ctx, tenantID, inviteID, a.now()); err != nil || !ok {
			return err // !ok: accepted or revoked meanwhile; either way it no longer works
		}
		return a.record(ctx, tx, tenantID, p, "invite.revoke", "invite", inviteID,
			map[string]string{"email": inv.Email, "role": string(inv.Role)})
	})
}
