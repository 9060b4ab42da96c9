package app

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// Start prepares a migrated database for serving: the public tenant exists,
// a signing key exists, and this process has loaded the signing keys.
// Several processes may start at once.
func (a *App) Start(ctx context.Context) error {
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "bootstrap"); err != nil {
			return err
		}
		if _, err := tx.GetTenant(ctx, tenant.PublicID); errs.Is(err, errs.NotFound) {
			if err := a.createPublic(ctx, tx); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		keys, err := tx.SigningKeys(ctx)
		if err != nil || len(keys) > 0 {
			return err
		}
		k, err := auth.NewSigningKey(a.box, a.now())
		if err != nil {
			return err
		}
		return tx.CreateSigningKey(ctx, &k)
	})
	if err != nil {
		return err
	}
	a.keyMu.Lock()
	defer a.keyMu.Unlock()
	return a.loadKeys(ctx)
}

func (a *App) createPublic(ctx context.Context, tx *store.Tx) error {
	now := a.now()
	t := &tenant.Tenant{ID: tenant.PublicID, Slug: tenant.PublicID, Name: "Public", Status: tenant.Active,
		Description: "The platform's own tenant: platform-level configuration and events.", CreatedAt: now, UpdatedAt: now}
	if err := tx.CreateTenant(ctx, t); err != nil {
		return err
	}
	sub := plan.NewFree(t.ID, id.New(id.Subscription), now)
	sub.Plan = plan.Enterprise
	if err := tx.CreateSubscription(ctx, &sub); err != nil {
		return err
	}
	return a.record(ctx, tx, t.ID, nil, "tenant.create_public", "tenant", t.ID, nil)
}

// RotateSigningKey adds a new signing key that new tokens use at once; tokens
// signed by older keys stay valid until they expire. Running servers pick the
// key up within one key poll (WatchKeys), or when they first see a token
// signed with it.
func (a *App) RotateSigningKey(ctx context.Context) (string, error) {
	k, err := auth.NewSigningKey(a.box, a.now())
	if err != nil {
		return "", err
	}
	err = a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.CreateSigningKey(ctx, &k); err != nil {
			return err
		}
		return a.record(ctx, tx, tenant.PublicID, nil, "signing_key.rotate", "signing_key", k.ID, nil)
	})
	if err != nil {
		return "", err
	}
	a.keyMu.Lock()
	defer a.keyMu.Unlock()
	return k.ID, a.loadKeys(ctx)
}

// AdminInput names a platform admin to create.
type AdminInput struct {
	Email     string
	Password  string
	FirstName string
	LastName  string
	// OnlyIfNone creates the admin only when no platform admin exists yet
	// (the bootstrap settings).
	OnlyIfNone bool
}

// CreatePlatformAdmin creates a platform admin, or promotes the existing user
// with that email (keeping their password). It reports what it did:
// "created", "promoted", "exists" (already an admin) or "skipped" (OnlyIfNone
// and an admin exists).
func (a *App) CreatePlatformAdmin(ctx context.Context, in AdminInput) (string, error) {
	email := identity.NormalizeEmail(in.Email)
	var c errs.Collector
	checkEmail(&c, "email", email, true)
	policy, err := a.passwordPolicy(ctx, "")
	if err != nil {
		return "", err
	}
	checkPassword(&c, "password", in.Password, policy)
	if err := c.Err(); err != nil {
		return "", err
	}
	hash, err := a.hasher.Hash(ctx, in.Password)
	if err != nil {
		return "", err
	}
	now := a.now()
	outcome := ""
	err = a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "platform-admin"); err != nil {
			return err
		}
		if in.OnlyIfNone {
			n, err := tx.CountPlatformAdmins(ctx)
			if err != nil || n > 0 {
				outcome = "skipped"
				return err
			}
		}
		u, err := tx.GetUserByEmail(ctx, email)
		switch {
		case err == nil && u.IsPlatformAdmin:
			outcome = "exists"
			return nil
		case err == nil:
			outcome = "promoted"
			if err := tx.SetUserPlatformAdmin(ctx, u.ID, true, now); err != nil {
				return err
			}
		case errs.Is(err, errs.NotFound):
			outcome = "created"
			first := strings.TrimSpace(in.FirstName)
			if first == "" {
				first = "Platform"
			}
			last := strings.TrimSpace(in.LastName)
			if last == "" {
				last = "Admin"
			}
			u = &identity.User{ID: id.New(id.User), Email: email, PasswordHash: hash, FirstName: first, LastName: last,
				IsPlatformAdmin: true, IsActive: true, CreatedAt: now, UpdatedAt: now}
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
		default:
			return err
		}
		return a.record(ctx, tx, tenant.PublicID, nil, "platform_admin."+outcome, "user", u.ID, nil)
	})
	return outcome, err
}

// PlatformAdmins returns how many active platform admins exist.
func (a *App) PlatformAdmins(ctx context.Context) (int, error) {
	var n int
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { n, err = tx.CountPlatformAdmins(ctx); return err })
	return n, err
}
