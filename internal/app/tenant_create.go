package app

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// allocateSlug returns base if it is free, else (with autoIncrement) the
// first free of base-1, base-2 …; reserved words are never returned. Callers
// hold the "tenant-creation" lock so the answer stays true until they commit.
func allocateSlug(ctx context.Context, tx *store.Tx, base string, autoIncrement bool) (string, error) {
	if !tenant.ValidSlug(base) {
		base = tenant.Slugify("tenant " + base)
	}
	for n := 0; n < 10000; n++ {
		c := tenant.Candidate(base, n)
		if tenant.IsReserved(c) {
			if !autoIncrement {
				return "", taken("slug", "slug_taken", "This slug is taken.")
			}
			continue
		}
		used, err := tx.SlugTaken(ctx, c)
		if err != nil {
			return "", err
		}
		if !used {
			return c, nil
		}
		if !autoIncrement {
			return "", taken("slug", "slug_taken", "This slug is taken.")
		}
	}
	return "", errs.E(errs.Conflict, "slug_taken", "No free slug near this name; choose one.")
}

// createTenant writes a new tenant with its Free subscription and its owner:
// newOwner is created as a user when given, else creator becomes the owner.
func (a *App) createTenant(ctx context.Context, tx *store.Tx, t *tenant.Tenant, newOwner *identity.User,
	creator *auth.Principal, action string) error {
	ownerID := ""
	if newOwner != nil {
		used, err := tx.EmailTaken(ctx, newOwner.Email)
		if err != nil {
			return err
		}
		if used {
			return taken("admin_email", "admin_email_taken", "A user with this email already exists.")
		}
		if err := tx.CreateUser(ctx, newOwner); err != nil {
			return err
		}
		ownerID = newOwner.ID
	} else {
		ownerID = creator.UserID
	}
	if err := tx.CreateTenant(ctx, t); err != nil {
		if store.IsDuplicate(err, "tenants.slug") {
			return taken("slug", "slug_taken", "This slug is taken.")
		}
		return err
	}
	if err := a.queuePartner(ctx, tx, t); err != nil {
		return err
	}
	now := t.CreatedAt
	sub := plan.NewFree(t.ID, id.New(id.Subscription), now)
	if err := tx.CreateSubscription(ctx, &sub); err != nil {
		return err
	}
	if err := a.schedulePeriodEnd(ctx, tx, &sub); err != nil { // billing_period.go
		return err
	}
	if ownerID != "" { // a platform key (seed surfaces) creates a tenant without an owner
		m := &membership.Membership{TenantID: t.ID, UserID: ownerID, ID: id.New(id.Membership), Role: membership.Owner,
			Status: membership.Active, CreatedAt: now, UpdatedAt: now}
		if err := tx.CreateMembership(ctx, m); err != nil {
			return err
		}
	}
	actor := creator
	if actor == nil && newOwner != nil {
		actor = &auth.Principal{UserID: newOwner.ID, Email: newOwner.Email}
	}
	if err := a.record(ctx, tx, t.ID, actor, action, "tenant", t.ID,
		map[string]string{"slug": t.Slug, "plan": sub.Plan, "owner_id": ownerID}); err != nil {
		return err
	}
	if newOwner != nil {
		if strings.HasSuffix(newOwner.Email, "@"+projectAdminDomain) { // pers: nothing is delivered there
			return nil
		}
		return a.queueWelcome(ctx, tx, t.ID, t.Name, newOwner.Email, newOwner.FirstName)
	}
	if creator.Email == "" {
		return nil
	}
	return a.queueWelcome(ctx, tx, t.ID, t.Name, creator.Email, "")
}
