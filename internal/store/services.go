package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/booking"
)

const serviceCols = `s.tenant_id, s.id, s.name, s.category, s.duration_minutes, s.price, s.currency,
	s.tenant_wide, s.is_active, s.created_at, s.updated_at`

func serviceDest(s *booking.Service) []any {
	return []any{&s.TenantID, &s.ID, &s.Name, &s.Category, &s.DurationMinutes, &s.Price, &s.Currency,
		&s.TenantWide, &s.Active, timeCol{&s.CreatedAt}, timeCol{&s.UpdatedAt}}
}

// CreateService inserts a service and the outlets it is limited to.
func (t *Tx) CreateService(ctx context.Context, s *booking.Service) error {
	if err := t.scope(s.TenantID); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `INSERT INTO services (tenant_id, id, name, name_key, category, duration_minutes, price,
		currency, tenant_wide, is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.TenantID, s.ID, s.Name, nameKey(s.Name), s.Category, s.DurationMinutes, s.Price, s.Currency, s.TenantWide,
		s.Active, ts(s.CreatedAt), ts(s.UpdatedAt)); err != nil {
		return err
	}
	return t.putServiceOutlets(ctx, s)
}

// GetService returns a live (not deleted) service of tenantID with its live outlets.
func (t *Tx) GetService(ctx context.Context, tenantID, serviceID string) (*booking.Service, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var s booking.Service
	if err := t.get(ctx, "service_not_found", `SELECT `+serviceCols+` FROM services s
		WHERE s.tenant_id = ? AND s.id = ? AND s.deleted_at IS NULL`, []any{tenantID, serviceID}, serviceDest(&s)...); err != nil {
		return nil, err
	}
	list := []booking.Service{s}
	if err := t.fillServiceOutlets(ctx, tenantID, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// UpdateService writes every field of a live service but its ids and
// creation time, and replaces its outlets.
func (t *Tx) UpdateService(ctx context.Context, s *booking.Service) error {
	if err := t.scope(s.TenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE services SET name = ?, name_key = ?, category = ?, duration_minutes = ?, price = ?,
		currency = ?, tenant_wide = ?, is_active = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL`,
		s.Name, nameKey(s.Name), s.Category, s.DurationMinutes, s.Price, s.Currency, s.TenantWide, s.Active,
		ts(s.UpdatedAt), s.TenantID, s.ID)
	if err := notFoundIfNone(r, err, "service_not_found"); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM service_outlets WHERE tenant_id = ? AND service_id = ?`, s.TenantID, s.ID); err != nil {
		return err
	}
	return t.putServiceOutlets(ctx, s)
}

// DeleteService soft-deletes a live service: its row stays (for the
// history), hidden everywhere.
func (t *Tx) DeleteService(ctx context.Context, tenantID, serviceID string, now time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE services SET deleted_at = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL`, ts(now), ts(now), tenantID, serviceID)
	return notFoundIfNone(r, err, "service_not_found")
}

func (t *Tx) putServiceOutlets(ctx context.Context, s *booking.Service) error {
	for _, outletID := range distinct(s.OutletIDs) {
		if _, err := t.exec(ctx, `INSERT INTO service_outlets (tenant_id, service_id, outlet_id) VALUES (?, ?, ?)`,
			s.TenantID, s.ID, outletID); err != nil {
			return err
		}
	}
	return nil
}

// fillServiceOutlets sets the live outlets of each service of list, in id order.
func (t *Tx) fillServiceOutlets(ctx context.Context, tenantID string, list []booking.Service) error {
	if len(list) == 0 {
		return nil
	}
	ids := make([]string, len(list))
	at := map[string]*booking.Service{}
	for i := range list {
		ids[i] = list[i].ID
		list[i].OutletIDs = []string{}
		at[list[i].ID] = &list[i]
	}
	rows, err := t.query(ctx, `SELECT so.service_id, so.outlet_id FROM service_outlets so
		JOIN outlets o ON o.tenant_id = so.tenant_id AND o.id = so.outlet_id AND o.deleted_at IS NULL
		WHERE so.tenant_id = ? AND so.service_id IN (`+qmarks(len(ids))+`) ORDER BY so.service_id, so.outlet_id`,
		append([]any{tenantID}, argsOf(ids)...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var serviceID, outletID string
		if err := rows.Scan(&serviceID, &outletID); err != nil {
			return fmt.Errorf("store: scan service outlet: %w", err)
		}
		s := at[serviceID]
		s.OutletIDs = append(s.OutletIDs, outletID)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: service outlets: %w", err)
	}
	return nil
}

// ServiceFilter narrows a listing of services.
type ServiceFilter struct {
	Active   *bool  // only active (true) or inactive (false) services; nil for both
	OutletID string // only services offered at this outlet (tenant-wide ones included); "" for any
	Category string // only services of this category (case-insensitive); "" for any
	// Only restricts the listing, when not nil, to the services an
	// outlet-bound member sees: tenant-wide ones and those offered at one of
	// these outlets.
	Only  []string
	Skip  int
	Limit int
}

// ListServices returns tenantID's live services ordered by name (then id)
// with the total matching count.
func (t *Tx) ListServices(ctx context.Context, tenantID string, f ServiceFilter) ([]booking.Service, int, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, 0, err
	}
	where, args := serviceWhere(tenantID, f)
	var total int
	if err := t.get(ctx, "", `SELECT COUNT(*) FROM services s WHERE `+where, args, &total); err != nil {
		return nil, 0, err
	}
	rows, err := t.query(ctx, `SELECT `+serviceCols+` FROM services s WHERE `+where+
		` ORDER BY s.name_key, s.id LIMIT ? OFFSET ?`, append(args, f.Limit, f.Skip)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []booking.Service{}
	for rows.Next() {
		var s booking.Service
		if err := rows.Scan(serviceDest(&s)...); err != nil {
			return nil, 0, fmt.Errorf("store: scan service: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: list services: %w", err)
	}
	rows.Close()
	return out, total, t.fillServiceOutlets(ctx, tenantID, out)
}

func serviceWhere(tenantID string, f ServiceFilter) (string, []any) {
	where := []string{"s.tenant_id = ?", "s.deleted_at IS NULL"}
	args := []any{tenantID}
	if f.Active != nil {
		where = append(where, "s.is_active = ?")
		args = append(args, *f.Active)
	}
	if f.Category != "" {
		where = append(where, "LOWER(s.category) = ?")
		args = append(args, strings.ToLower(strings.TrimSpace(f.Category)))
	}
	if f.OutletID != "" {
		w, a := offeredAt([]string{f.OutletID})
		where, args = append(where, w), append(args, a...)
	}
	if f.Only != nil {
		w, a := offeredAt(f.Only)
		where, args = append(where, w), append(args, a...)
	}
	return strings.Join(where, " AND "), args
}

// offeredAt is the condition that service s is tenant-wide or offered at
// one of outletIDs.
func offeredAt(outletIDs []string) (string, []any) {
	ids := distinct(outletIDs)
	cond := "s.tenant_wide = ? OR "
	args := []any{true}
	if len(ids) == 0 {
		return "(" + cond + "1 = 0)", args
	}
	cond += `EXISTS (SELECT 1 FROM service_outlets so WHERE so.tenant_id = s.tenant_id AND so.service_id = s.id
		AND so.outlet_id IN (` + qmarks(len(ids)) + `))`
	return "(" + cond + ")", append(args, argsOf(ids)...)
}

// MissingServices returns those of ids (in their order, without repeats)
// that are not live services of tenantID, or, when only is not nil, not
// offered at every outlet or at one of only (an outlet-bound member sees no
// other). Another tenant's service is missing.
func (t *Tx) MissingServices(ctx context.Context, tenantID string, ids, only []string) ([]string, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	ids = distinct(ids)
	if len(ids) == 0 {
		return nil, nil
	}
	q := `SELECT s.id FROM services s WHERE s.tenant_id = ? AND s.deleted_at IS NULL AND s.id IN (` + qmarks(len(ids)) + `)`
	args := append([]any{tenantID}, argsOf(ids)...)
	if only != nil {
		w, a := offeredAt(only)
		q += " AND " + w
		args = append(args, a...)
	}
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	found, err := scanStrings(rows)
	if err != nil {
		return nil, err
	}
	return missingOf(ids, found), nil
}

// missingOf returns those of want that found lacks, in want's order.
func missingOf(want, found []string) []string {
	have := make(map[string]bool, len(found))
	for _, f := range found {
		have[f] = true
	}
	var missing []string
	for _, v := range want {
		if !have[v] {
			missing = append(missing, v)
		}
	}
	return missing
}
