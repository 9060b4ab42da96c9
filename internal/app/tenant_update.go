package app

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// UpdateTenantInput is a partial update: nil fields stay as they are.
// SlugGiven and SubscriptionGiven mark fields a client sent that may not be
// changed here.
type UpdateTenantInput struct {
	Name              *string
	Email             *string
	Phone             *string
	Description       *string
	Website           *string
	BillingEmail      *string
	LogoURL           *string
	Settings          *tenant.Settings
	SlugGiven         bool
	SubscriptionGiven []string
}

func (in *UpdateTenantInput) validate() error {
	if err := in.immutable(); err != nil {
		return err
	}
	var c errs.Collector
	if in.Name != nil {
		required(&c, "name", *in.Name, 200)
	}
	if in.Email != nil {
		checkEmail(&c, "email", *in.Email, false)
	}
	if in.Phone != nil {
		checkPhone(&c, "phone", *in.Phone)
	}
	if in.Description != nil {
		optionalLines(&c, "description", *in.Description, 2000)
	}
	if in.Website != nil {
		checkWebsite(&c, "website", *in.Website)
	}
	if in.BillingEmail != nil {
		checkEmail(&c, "billing_email", *in.BillingEmail, false)
	}
	if in.LogoURL != nil {
		checkWebsite(&c, "logo_url", *in.LogoURL)
	}
	if in.Settings != nil {
		tenant.ValidateSettings(*in.Settings, "settings.", &c)
	}
	return c.Err()
}

// immutable refuses fields that may not change through a tenant update.
func (in *UpdateTenantInput) immutable() error {
	var fields []errs.FieldError
	code := "subscription_immutable"
	if in.SlugGiven {
		code = "slug_immutable"
		fields = append(fields, errs.FieldError{Field: "slug", Code: code,
			Message: "The slug can never change; it would break integrations."})
	}
	for _, f := range in.SubscriptionGiven {
		fields = append(fields, errs.FieldError{Field: f, Code: "subscription_immutable",
			Message: "Change the plan through the subscription endpoints."})
	}
	if len(fields) == 0 {
		return nil
	}
	return &errs.Error{Kind: errs.Invalid, Code: code, Msg: "These fields cannot be changed here.", Fields: fields}
}

// apply writes the given fields onto t and names the ones that changed.
func (in *UpdateTenantInput) apply(t *tenant.Tenant) []string {
	var changed []string
	set := func(name string, dst *string, v *string, norm func(string) string) {
		if v == nil {
			return
		}
		nv := norm(*v)
		if nv != *dst {
			*dst = nv
			changed = append(changed, name)
		}
	}
	set("name", &t.Name, in.Name, strings.TrimSpace)
	set("email", &t.Email, in.Email, identity.NormalizeEmail)
	set("phone", &t.Phone, in.Phone, strings.TrimSpace)
	set("description", &t.Description, in.Description, func(s string) string { return s })
	set("website", &t.Website, in.Website, tenant.NormalizeWebsite)
	set("billing_email", &t.BillingEmail, in.BillingEmail, identity.NormalizeEmail)
	set("logo_url", &t.LogoURL, in.LogoURL, tenant.NormalizeWebsite)
	if in.Settings != nil {
		t.Settings = t.Settings.Merge(*in.Settings)
		changed = append(changed, "settings")
	}
	return changed
}

// UpdateTenant applies a partial update; settings take effect at once.
func (a *App) UpdateTenant(ctx context.Context, p *auth.Principal, tenantID string, in UpdateTenantInput) (*TenantView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.TenantUpdate); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	var v *TenantView
	err := a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		t, err := tx.GetTenant(ctx, tenantID)
		if err != nil {
			return err
		}
		changed := in.apply(t)
		if len(changed) > 0 {
			t.UpdatedAt = a.now()
			if err := tx.UpdateTenant(ctx, t); err != nil {
				return err
			}
			if err := a.record(ctx, tx, tenantID, p, "tenant.update", "tenant", tenantID,
				map[string]string{"fields": strings.Join(changed, ",")}); err != nil {
				return err
			}
		}
		v, err = readView(ctx, tx, tenantID)
		return err
	})
	if errs.Is(err, errs.NotFound) {
		return nil, errTenantNotFound
	}
	return v, err
}

// Templates returns a tenant's settings with defaults filled in, for its
// staff position and service category templates.
func (a *App) Templates(ctx context.Context, p *auth.Principal, tenantID string) (tenant.Settings, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.TemplatesRead); err != nil {
		return tenant.Settings{}, err
	}
	var s tenant.Settings
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) error {
		t, err := tx.GetTenant(ctx, tenantID)
		if err != nil {
			return err
		}
		s = t.Settings.WithDefaults()
		return nil
	})
	if errs.Is(err, errs.NotFound) {
		return s, errTenantNotFound
	}
	return s, err
}
