package app

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// RegisterInput is a public self-service registration.
type RegisterInput struct {
	BusinessName    string
	BusinessEmail   string
	BusinessPhone   string
	BusinessType    string
	Description     string
	Website         string
	AdminFirstName  string
	AdminLastName   string
	AdminEmail      string
	AdminPassword   string
	PreferredSlug   string
	TermsAccepted   bool
	PrivacyAccepted bool
}

func (in *RegisterInput) validate(policy string) error {
	var c errs.Collector
	required(&c, "business_name", in.BusinessName, 200)
	checkEmail(&c, "business_email", in.BusinessEmail, true)
	checkPhone(&c, "business_phone", in.BusinessPhone)
	optional(&c, "business_type", in.BusinessType, 64)
	optionalLines(&c, "description", in.Description, 2000)
	checkWebsite(&c, "website", in.Website)
	required(&c, "admin_first_name", in.AdminFirstName, 100)
	required(&c, "admin_last_name", in.AdminLastName, 100)
	checkEmail(&c, "admin_email", in.AdminEmail, true)
	checkPassword(&c, "admin_password", in.AdminPassword, policy)
	checkSlug(&c, "preferred_slug", strings.ToLower(strings.TrimSpace(in.PreferredSlug)))
	c.Check(!in.TermsAccepted, "terms_accepted", "must_accept", "The terms of service must be accepted.")
	c.Check(!in.PrivacyAccepted, "privacy_accepted", "must_accept", "The privacy policy must be accepted.")
	return c.Err()
}

// Register onboards a business without authentication: its tenant on the
// Free plan, its admin user (the tenant's owner, able to log in at once) and
// the audit event, all in one transaction.
func (a *App) Register(ctx context.Context, in RegisterInput) (*tenant.Tenant, error) {
	policy, err := a.passwordPolicy(ctx, "") // the tenant does not exist yet: the platform's
	if err != nil {
		return nil, err
	}
	if err := in.validate(policy); err != nil {
		return nil, err
	}
	hash, err := a.hasher.Hash(ctx, in.AdminPassword)
	if err != nil {
		return nil, err
	}
	now := a.now()
	t := &tenant.Tenant{
		ID: id.New(id.Tenant), Name: strings.TrimSpace(in.BusinessName),
		Email: identity.NormalizeEmail(in.BusinessEmail), Phone: strings.TrimSpace(in.BusinessPhone),
		Description: in.Description, Website: tenant.NormalizeWebsite(in.Website), Status: tenant.Active,
		Settings: tenant.Settings{BusinessType: in.BusinessType}, RegistrationID: id.New(id.Registration),
		CreatedAt: now, UpdatedAt: now,
	}
	admin := &identity.User{
		ID: id.New(id.User), Email: identity.NormalizeEmail(in.AdminEmail), PasswordHash: hash,
		FirstName: strings.TrimSpace(in.AdminFirstName), LastName: strings.TrimSpace(in.AdminLastName),
		IsActive: true, CreatedAt: now, UpdatedAt: now,
	}
	base := strings.ToLower(strings.TrimSpace(in.PreferredSlug))
	if base == "" {
		base = tenant.Slugify(in.BusinessName)
	}
	err = a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "tenant-creation"); err != nil {
			return err
		}
		switch field, err := tx.DuplicateTenantField(ctx, t.Name, t.Email, t.Phone); {
		case err != nil:
			return err
		case field != "":
			return taken("business_"+field, "business_"+field+"_taken", "A business with this "+field+" is already registered.")
		}
		if t.Slug, err = allocateSlug(ctx, tx, base, true); err != nil {
			return err
		}
		return a.createTenant(ctx, tx, t, admin, nil, "tenant.register")
	})
	if err != nil {
		return nil, err
	}
	a.jobsQueued()
	return t, nil
}
