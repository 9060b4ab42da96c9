package store

import (
	"context"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/outlet"
)

const outletCols = `o.tenant_id, o.id, o.name, o.address_line1, o.address_line2, o.city, o.state,
	o.postal_code, o.country, o.phone, o.email, o.timezone, o.business_hours, o.is_active,
	o.created_at, o.updated_at`

func outletDest(o *outlet.Outlet) []any {
	a := &o.Address
	return []any{&o.TenantID, &o.ID, &o.Name, &a.Line1, &a.Line2, &a.City, &a.State, &a.PostalCode,
		&a.Country, &o.Phone, &o.Email, &o.Timezone, hoursCol{&o.Hours}, &o.Active,
		timeCol{&o.CreatedAt}, timeCol{&o.UpdatedAt}}
}

// CreateOutlet inserts an outlet.
func (t *Tx) CreateOutlet(ctx context.Context, o *outlet.Outlet) error {
	if err := t.scope(o.TenantID); err != nil {
		return err
	}
	hours, err := hoursArg(o.Hours)
	if err != nil {
		return err
	}
	a := o.Address
	t.Touch(OutletsTopic)
	_, err = t.exec(ctx, `INSERT INTO outlets (tenant_id, id, name, name_key, address_line1, address_line2,
		city, state, postal_code, country, phone, email, timezone, business_hours, is_active, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.TenantID, o.ID, o.Name, nameKey(o.Name), a.Line1, a.Line2, a.City, a.State, a.PostalCode, a.Country,
		o.Phone, o.Email, o.Timezone, hours, o.Active, ts(o.CreatedAt), ts(o.UpdatedAt))
	return err
}

// GetOutlet returns a live (not deleted) outlet of tenantID.
func (t *Tx) GetOutlet(ctx context.Context, tenantID, outletID string) (*outlet.Outlet, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var o outlet.Outlet
	if err := t.get(ctx, "outlet_not_found", `SELECT `+outletCols+` FROM outlets o
		WHERE o.tenant_id = ? AND o.id = ? AND o.deleted_at IS NULL`,
		[]any{tenantID, outletID}, outletDest(&o)...); err != nil {
		return nil, err
	}
	return &o, nil
}

// UpdateOutlet writes every field of a live outlet but its ids and creation time.
func (t *Tx) UpdateOutlet(ctx context.Context, o *outlet.Outlet) error {
	if err := t.scope(o.TenantID); err != nil {
		return err
	}
	hours, err := hoursArg(o.Hours)
	if err != nil {
		return err
	}
	a := o.Address
	t.Touch(OutletsTopic)
	r, err := t.exec(ctx, `UPDATE outlets SET name = ?, name_key = ?, address_line1 = ?, address_line2 = ?,
		city = ?, state = ?, postal_code = ?, country = ?, phone = ?, email = ?, timezone = ?,
		business_hours = ?, is_active = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL`,
		o.Name, nameKey(o.Name), a.Line1, a.Line2, a.City, a.State, a.PostalCode, a.Country, o.Phone, o.Email,
		o.Timezone, hours, o.Active, ts(o.UpdatedAt), o.TenantID, o.ID)
	return notFoundIfNone(r, err, "outlet_not_found")
}

// DeleteOutlet soft-deletes a live outlet: its row stays, hidden everywhere.
func (t *Tx) DeleteOutlet(ctx context.Context, tenantID, outletID string, now time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	t.Touch(OutletsTopic)
	r, err := t.exec(ctx, `UPDATE outlets SET deleted_at = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL`, ts(now), ts(now), tenantID, outletID)
	return notFoundIfNone(r, err, "outlet_not_found")
}

// SetOutletActive sets the active flag of a live outlet.
func (t *Tx) SetOutletActive(ctx context.Context, tenantID, outletID string, active bool, now time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	t.Touch(OutletsTopic)
	r, err := t.exec(ctx, `UPDATE outlets SET is_active = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL`, active, ts(now), tenantID, outletID)
	return notFoundIfNone(r, err, "outlet_not_found")
}

// ActiveOutletIDs lists the ids of tenantID's live, active outlets.
func (t *Tx) ActiveOutletIDs(ctx context.Context, tenantID string) ([]string, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT id FROM outlets WHERE tenant_id = ? AND deleted_at IS NULL AND is_active = ?
		ORDER BY id`, tenantID, true)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// OutletExists reports whether outletID is a live outlet of tenantID.
func (t *Tx) OutletExists(ctx context.Context, tenantID, outletID string) (bool, error) {
	missing, err := t.MissingOutlets(ctx, tenantID, []string{outletID})
	return err == nil && len(missing) == 0, err
}

// MissingOutlets returns those of ids (in their order, without repeats) that
// are not live outlets of tenantID. Another tenant's outlet is missing.
func (t *Tx) MissingOutlets(ctx context.Context, tenantID string, ids []string) ([]string, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	ids = distinct(ids)
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := t.query(ctx, `SELECT id FROM outlets WHERE tenant_id = ? AND deleted_at IS NULL AND id IN (`+
		qmarks(len(ids))+`)`, append([]any{tenantID}, argsOf(ids)...)...)
	if err != nil {
		return nil, err
	}
	found, err := scanStrings(rows)
	if err != nil {
		return nil, err
	}
	live := make(map[string]bool, len(found))
	for _, f := range found {
		live[f] = true
	}
	var missing []string
	for _, v := range ids {
		if !live[v] {
			missing = append(missing, v)
		}
	}
	return missing, nil
}

func nameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// qmarks returns n comma-separated ? parameters.
func qmarks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func argsOf(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func distinct(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := make([]string, 0, len(s))
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
