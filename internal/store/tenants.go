package store

import (
	"context"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/tenant"
)

const tenantCols = `t.id, t.slug, t.name, t.email, t.phone, t.description, t.website, t.billing_email,
	t.logo_url, t.status, t.status_reason, t.settings, t.registration_id, t.client_partner_id,
	t.client_partner_number, t.created_at, t.updated_at`

func tenantDest(t *tenant.Tenant, s *settingsRow) []any {
	return []any{&t.ID, &t.Slug, &t.Name, &t.Email, &t.Phone, &t.Description, &t.Website, &t.BillingEmail,
		&t.LogoURL, &t.Status, &t.StatusReason, jsonCol{s}, &t.RegistrationID, &t.ClientPartnerID,
		&t.ClientPartnerNumber, timeCol{&t.CreatedAt}, timeCol{&t.UpdatedAt}}
}

// CreateTenant inserts a tenant. A taken slug is a Duplicate on "tenants.slug".
func (t *Tx) CreateTenant(ctx context.Context, x *tenant.Tenant) error {
	if err := t.scope(x.ID); err != nil {
		return err
	}
	settings, err := jsonArg(settingsRowOf(x.Settings))
	if err != nil {
		return err
	}
	if err := t.claimSlug(ctx, x.Slug, x.ID); err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO tenants (id, slug, name, name_key, email, phone, phone_key, description,
		website, billing_email, logo_url, status, status_reason, settings, registration_id,
		client_partner_id, client_partner_number, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		x.ID, x.Slug, x.Name, strings.ToLower(strings.TrimSpace(x.Name)), x.Email, x.Phone,
		tenant.NormalizePhone(x.Phone), x.Description, x.Website, x.BillingEmail, x.LogoURL, x.Status,
		x.StatusReason, settings, x.RegistrationID, x.ClientPartnerID, x.ClientPartnerNumber,
		ts(x.CreatedAt), ts(x.UpdatedAt))
	return err
}

// GetTenant returns a tenant by id.
func (t *Tx) GetTenant(ctx context.Context, id string) (*tenant.Tenant, error) {
	if err := t.scope(id); err != nil {
		return nil, err
	}
	var x tenant.Tenant
	var s settingsRow
	if err := t.get(ctx, "tenant_not_found", `SELECT `+tenantCols+` FROM tenants t WHERE t.id = ?`,
		[]any{id}, tenantDest(&x, &s)...); err != nil {
		return nil, err
	}
	x.Settings = s.settings()
	return &x, nil
}

// GetTenantListing returns a tenant with its current subscription, in one query.
func (t *Tx) GetTenantListing(ctx context.Context, id string) (*tenant.Listing, error) {
	if err := t.scope(id); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+tenantCols+`, `+subCols+` FROM tenants t
		LEFT JOIN subscriptions s ON s.tenant_id = t.id AND s.id = (SELECT MAX(id) FROM subscriptions WHERE tenant_id = t.id)
		WHERE t.id = ?`, id)
	if err != nil {
		return nil, err
	}
	out, err := scanListings(rows, false)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errs.E(errs.NotFound, "tenant_not_found", "Not found.")
	}
	return &out[0], nil
}

// DuplicateTenantField returns which of name (case-insensitive), email and
// phone (digits only) another tenant already uses: "name", "email", "phone" or "".
func (t *Tx) DuplicateTenantField(ctx context.Context, name, email, phone string) (string, error) {
	checks := []struct{ field, q, v string }{
		{"name", `SELECT COUNT(*) FROM tenants WHERE name_key = ?`, strings.ToLower(strings.TrimSpace(name))},
		{"email", `SELECT COUNT(*) FROM tenants WHERE lower(email) = ?`, strings.ToLower(strings.TrimSpace(email))},
		{"phone", `SELECT COUNT(*) FROM tenants WHERE phone_key = ?`, tenant.NormalizePhone(phone)},
	}
	for _, c := range checks {
		if c.v == "" {
			continue
		}
		var n int
		if err := t.get(ctx, "", c.q, []any{c.v}, &n); err != nil {
			return "", err
		}
		if n > 0 {
			return c.field, nil
		}
	}
	return "", nil
}

// UpdateTenant writes a tenant's profile and settings (not its slug, status or ids).
func (t *Tx) UpdateTenant(ctx context.Context, x *tenant.Tenant) error {
	if err := t.scope(x.ID); err != nil {
		return err
	}
	settings, err := jsonArg(settingsRowOf(x.Settings))
	if err != nil {
		return err
	}
	t.Touch(TenantsTopic)
	r, err := t.exec(ctx, `UPDATE tenants SET name = ?, name_key = ?, email = ?, phone = ?, phone_key = ?,
		description = ?, website = ?, billing_email = ?, logo_url = ?, settings = ?, updated_at = ?
		WHERE id = ?`,
		x.Name, strings.ToLower(strings.TrimSpace(x.Name)), x.Email, x.Phone, tenant.NormalizePhone(x.Phone),
		x.Description, x.Website, x.BillingEmail, x.LogoURL, settings, ts(x.UpdatedAt), x.ID)
	return notFoundIfNone(r, err, "tenant_not_found")
}

// SetTenantStatus changes a tenant's status, its reason and the deactivation
// it is part of ("" when none).
func (t *Tx) SetTenantStatus(ctx context.Context, id string, s tenant.Status, reason, deactivationID string, now time.Time) error {
	if err := t.scope(id); err != nil {
		return err
	}
	t.Touch(TenantsTopic)
	r, err := t.exec(ctx, `UPDATE tenants SET status = ?, status_reason = ?, deactivation_id = ?, updated_at = ? WHERE id = ?`,
		s, reason, nullIfEmpty(deactivationID), ts(now), id)
	return notFoundIfNone(r, err, "tenant_not_found")
}

// TenantDeactivationID returns the id of the deactivation a tenant is under, or "".
func (t *Tx) TenantDeactivationID(ctx context.Context, id string) (string, error) {
	if err := t.scope(id); err != nil {
		return "", err
	}
	var d *string
	if err := t.get(ctx, "tenant_not_found", `SELECT deactivation_id FROM tenants WHERE id = ?`, []any{id}, &d); err != nil {
		return "", err
	}
	if d == nil {
		return "", nil
	}
	return *d, nil
}

// TenantFilter narrows a listing of tenants.
type TenantFilter struct {
	Status string // "active", "inactive" (anything not active) or ""
	Skip   int
	Limit  int
}

// ListTenants returns tenants newest first with the total matching count (system scope).
func (t *Tx) ListTenants(ctx context.Context, f TenantFilter) ([]tenant.Listing, int, error) {
	where, args := "", []any{}
	switch f.Status {
	case "active":
		where = ` WHERE t.status = 'active'`
	case "inactive":
		where = ` WHERE t.status <> 'active'`
	}
	var total int
	if err := t.get(ctx, "", `SELECT COUNT(*) FROM tenants t`+where, args, &total); err != nil {
		return nil, 0, err
	}
	rows, err := t.query(ctx, `SELECT `+tenantCols+`, `+subCols+` FROM tenants t
		LEFT JOIN subscriptions s ON s.tenant_id = t.id AND s.id = (SELECT MAX(id) FROM subscriptions WHERE tenant_id = t.id)`+
		where+` ORDER BY t.created_at DESC, t.id DESC LIMIT ? OFFSET ?`, append(args, f.Limit, f.Skip)...)
	if err != nil {
		return nil, 0, err
	}
	out, err := scanListings(rows, false)
	return out, total, err
}

// ListUserTenants returns the tenants where userID has an active membership,
// with the member's role, newest first (system scope).
func (t *Tx) ListUserTenants(ctx context.Context, userID string) ([]tenant.Listing, error) {
	rows, err := t.query(ctx, `SELECT `+tenantCols+`, `+subCols+`, m.role FROM memberships m
		JOIN tenants t ON t.id = m.tenant_id
		LEFT JOIN subscriptions s ON s.tenant_id = t.id AND s.id = (SELECT MAX(id) FROM subscriptions WHERE tenant_id = t.id)
		WHERE m.user_id = ? AND m.status = 'active' ORDER BY t.created_at DESC, t.id DESC`, userID)
	if err != nil {
		return nil, err
	}
	return scanListings(rows, true)
}
