package app

import (
	"context"
	"slices"
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

// TenantView is a tenant with its current subscription. GetTenant's are
// shared by the requests that read one while it is cached: read only.
type TenantView struct {
	Tenant       tenant.Tenant
	Subscription plan.Subscription
	Partner      *tenant.Partner // the Paper.id partner account's state, for platform admins only
	encoded      memo
}

// Encoded returns encode's answer for the view, computed by its first
// reader only: the requests a cached view serves share one encoding.
func (v *TenantView) Encoded(encode func() ([]byte, error)) ([]byte, error) {
	return v.encoded.do(encode)
}

// CreateTenantInput creates a tenant. With AdminEmail (platform admins only)
// the tenant is created with a new admin user as its owner; without it, the
// caller becomes the owner of a new organization.
type CreateTenantInput struct {
	Name           string
	Slug           string
	Email          string
	Phone          string
	Description    string
	Website        string
	BillingEmail   string
	AdminEmail     string
	AdminPassword  string
	AdminFirstName string
	AdminLastName  string
	Settings       tenant.Settings
	// then, when set, runs in the creation's transaction after the tenant,
	// its subscription and its new owner are written: what it writes
	// commits with the tenant, and its error rolls the whole creation back.
	then func(ctx context.Context, tx *store.Tx, view *TenantView, owner *identity.User) error
}

func (in *CreateTenantInput) validate(withAdmin bool, policy string) error {
	var c errs.Collector
	required(&c, "name", in.Name, 200)
	checkSlug(&c, "slug", in.Slug)
	checkEmail(&c, "email", in.Email, false)
	checkPhone(&c, "phone", in.Phone)
	optionalLines(&c, "description", in.Description, 2000)
	checkWebsite(&c, "website", in.Website)
	checkEmail(&c, "billing_email", in.BillingEmail, false)
	if withAdmin {
		checkEmail(&c, "admin_email", in.AdminEmail, true)
		checkPassword(&c, "admin_password", in.AdminPassword, policy)
		required(&c, "admin_first_name", in.AdminFirstName, 100)
		required(&c, "admin_last_name", in.AdminLastName, 100)
	}
	tenant.ValidateSettings(in.Settings, "settings.", &c)
	return c.Err()
}

// CreateTenant creates a tenant atomically with its owner.
func (a *App) CreateTenant(ctx context.Context, p *auth.Principal, in CreateTenantInput) (*TenantView, error) {
	in.Slug = strings.ToLower(strings.TrimSpace(in.Slug))
	withAdmin := in.AdminEmail != "" || in.AdminPassword != ""
	if withAdmin {
		if err := requirePlatformAdmin(p); err != nil {
			return nil, err
		}
	}
	policy := ""
	if withAdmin { // the new tenant's first admin: the platform's policy
		var err error
		if policy, err = a.passwordPolicy(ctx, ""); err != nil {
			return nil, err
		}
	}
	if err := in.validate(withAdmin, policy); err != nil {
		return nil, err
	}
	now := a.now()
	t := &tenant.Tenant{
		ID: id.New(id.Tenant), Name: strings.TrimSpace(in.Name), Email: identity.NormalizeEmail(in.Email),
		Phone: strings.TrimSpace(in.Phone), Description: in.Description, Website: tenant.NormalizeWebsite(in.Website),
		BillingEmail: identity.NormalizeEmail(in.BillingEmail), Status: tenant.Active, Settings: in.Settings,
		CreatedAt: now, UpdatedAt: now,
	}
	var owner *identity.User
	action := "tenant.create"
	if withAdmin {
		hash, err := a.hasher.Hash(ctx, in.AdminPassword)
		if err != nil {
			return nil, err
		}
		owner = &identity.User{ID: id.New(id.User), Email: identity.NormalizeEmail(in.AdminEmail), PasswordHash: hash,
			FirstName: strings.TrimSpace(in.AdminFirstName), LastName: strings.TrimSpace(in.AdminLastName),
			IsActive: true, CreatedAt: now, UpdatedAt: now}
	} else if p.PlatformKeyID == "" { // a platform key creates a tenant with no owner
		action = "organization.create"
	}
	var view *TenantView
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "tenant-creation"); err != nil {
			return err
		}
		var err error
		if in.Slug != "" {
			t.Slug, err = allocateSlug(ctx, tx, in.Slug, false)
		} else {
			t.Slug, err = allocateSlug(ctx, tx, tenant.Slugify(in.Name), true)
		}
		if err != nil {
			return err
		}
		if err := a.createTenant(ctx, tx, t, owner, p, action); err != nil {
			return err
		}
		if view, err = readView(ctx, tx, t.ID); err != nil {
			return err
		}
		if err := withPartner(ctx, tx, p, view); err != nil {
			return err
		}
		if in.then != nil {
			return in.then(ctx, tx, view, owner)
		}
		return nil
	})
	if err == nil {
		a.jobsQueued()
	}
	return view, err
}

func readView(ctx context.Context, tx *store.Tx, tenantID string) (*TenantView, error) {
	l, err := tx.GetTenantListing(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	return &TenantView{Tenant: l.Tenant, Subscription: l.Subscription}, nil
}

// ListTenantsInput narrows a tenant listing.
type ListTenantsInput = store.TenantFilter

// ListTenants lists every tenant for a platform admin, and the caller's own
// tenants (with their role) for anyone else. It returns the total count.
func (a *App) ListTenants(ctx context.Context, p *auth.Principal, f ListTenantsInput) ([]tenant.Listing, int, error) {
	var c errs.Collector
	c.Check(f.Skip < 0, "skip", "out_of_range", "Must be 0 or more.")
	c.Check(f.Limit < 1 || f.Limit > 500, "limit", "out_of_range", "Must be between 1 and 500.")
	c.Check(f.Status != "" && f.Status != "active" && f.Status != "inactive", "status", "invalid_choice", "Must be active or inactive.")
	if err := c.Err(); err != nil {
		return nil, 0, err
	}
	var out []tenant.Listing
	var total int
	if p.PlatformAdmin {
		err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
			if out, total, err = tx.ListTenants(ctx, f); err != nil {
				return err
			}
			return withPartners(ctx, tx, out)
		})
		return out, total, err
	}
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { out, err = tx.ListUserTenants(ctx, p.UserID); return err })
	if err != nil {
		return nil, 0, err
	}
	out = slices.DeleteFunc(out, func(l tenant.Listing) bool {
		return f.Status == "active" && !l.Tenant.IsActive() || f.Status == "inactive" && l.Tenant.IsActive()
	})
	total = len(out)
	out = out[min(f.Skip, len(out)):]
	return out[:min(f.Limit, len(out))], total, nil
}

// GetTenant returns a tenant its caller may read. The document is cached
// for a moment (a.tenants), except a platform admin's, which carries the
// partner account's state.
func (a *App) GetTenant(ctx context.Context, p *auth.Principal, tenantID string) (*TenantView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.TenantRead); err != nil {
		return nil, err
	}
	if p.PlatformAdmin {
		return a.readTenant(ctx, p, tenantID)
	}
	v, ok, gen := a.tenants.get(tenantID)
	if ok {
		return v, nil
	}
	v, err := a.readTenant(ctx, p, tenantID)
	if err != nil {
		return nil, err
	}
	a.tenants.put(tenantID, v, gen)
	return v, nil
}

// readTenant reads a tenant's document from the database.
func (a *App) readTenant(ctx context.Context, p *auth.Principal, tenantID string) (*TenantView, error) {
	var v *TenantView
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		if v, err = readView(ctx, tx, tenantID); err != nil {
			return err
		}
		return withPartner(ctx, tx, p, v)
	})
	if errs.Is(err, errs.NotFound) {
		return nil, errTenantNotFound
	}
	return v, err
}

// CheckSlug reports whether slug is free to register (well-formed, not
// reserved, not taken).
func (a *App) CheckSlug(ctx context.Context, slug string) (bool, error) {
	slug = strings.ToLower(strings.TrimSpace(slug))
	if slug == "" {
		return false, errs.Fields(errs.FieldError{Field: "slug", Code: "required", Message: "This field is required."})
	}
	if !tenant.ValidSlug(slug) || tenant.IsReserved(slug) {
		return false, nil
	}
	var used bool
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { used, err = tx.SlugTaken(ctx, slug); return err })
	return !used, err
}
