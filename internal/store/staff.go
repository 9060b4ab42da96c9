package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/outlet"
)

const staffCols = `f.tenant_id, f.id, f.name, f.email, f.phone, f.user_id, f.position, f.skills, f.commission_bp,
	f.is_active, f.created_at, f.updated_at`

func staffDest(s *booking.Staff) []any {
	return []any{&s.TenantID, &s.ID, &s.Name, &s.Email, &s.Phone, &s.UserID, &s.Position, jsonCol{&s.Skills},
		&s.CommissionBP, &s.Active, timeCol{&s.CreatedAt}, timeCol{&s.UpdatedAt}}
}

// CreateStaff inserts a staff member with its outlets (and availability
// there) and services.
func (t *Tx) CreateStaff(ctx context.Context, s *booking.Staff) error {
	if err := t.scope(s.TenantID); err != nil {
		return err
	}
	skills, err := jsonArg(nonNil(s.Skills))
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `INSERT INTO staff (tenant_id, id, name, name_key, email, phone, user_id, position, skills,
		commission_bp, is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.TenantID, s.ID, s.Name, nameKey(s.Name), s.Email, s.Phone, s.UserID, s.Position, skills, s.CommissionBP,
		s.Active, ts(s.CreatedAt), ts(s.UpdatedAt)); err != nil {
		return err
	}
	return t.putStaffLinks(ctx, s)
}

// GetStaff returns a live (not deleted) staff member of tenantID with its
// live outlets and services.
func (t *Tx) GetStaff(ctx context.Context, tenantID, staffID string) (*booking.Staff, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var s booking.Staff
	if err := t.get(ctx, "staff_not_found", `SELECT `+staffCols+` FROM staff f
		WHERE f.tenant_id = ? AND f.id = ? AND f.deleted_at IS NULL`, []any{tenantID, staffID}, staffDest(&s)...); err != nil {
		return nil, err
	}
	list := []booking.Staff{s}
	if err := t.fillStaffLinks(ctx, tenantID, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// StaffOfUser returns the id of the live staff member linked to userID in
// tenantID, or "" when there is none.
func (t *Tx) StaffOfUser(ctx context.Context, tenantID, userID string) (string, error) {
	if err := t.scope(tenantID); err != nil {
		return "", err
	}
	rows, err := t.query(ctx, `SELECT id FROM staff WHERE tenant_id = ? AND user_id = ? AND deleted_at IS NULL`, tenantID, userID)
	if err != nil {
		return "", err
	}
	ids, err := scanStrings(rows)
	if err != nil || len(ids) == 0 {
		return "", err
	}
	return ids[0], nil
}

// UpdateStaff writes every field of a live staff member but its ids and
// creation time, and replaces its outlets, availability and services.
func (t *Tx) UpdateStaff(ctx context.Context, s *booking.Staff) error {
	if err := t.scope(s.TenantID); err != nil {
		return err
	}
	skills, err := jsonArg(nonNil(s.Skills))
	if err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE staff SET name = ?, name_key = ?, email = ?, phone = ?, user_id = ?, position = ?,
		skills = ?, commission_bp = ?, is_active = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL`,
		s.Name, nameKey(s.Name), s.Email, s.Phone, s.UserID, s.Position, skills, s.CommissionBP, s.Active,
		ts(s.UpdatedAt), s.TenantID, s.ID)
	if err := notFoundIfNone(r, err, "staff_not_found"); err != nil {
		return err
	}
	for _, table := range []string{"staff_outlets", "staff_services"} {
		if _, err := t.exec(ctx, `DELETE FROM `+table+` WHERE tenant_id = ? AND staff_id = ?`, s.TenantID, s.ID); err != nil {
			return err
		}
	}
	return t.putStaffLinks(ctx, s)
}

// DeleteStaff soft-deletes a live staff member: its row stays (for the
// history), hidden everywhere; it no longer counts against the plan.
func (t *Tx) DeleteStaff(ctx context.Context, tenantID, staffID string, now time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE staff SET deleted_at = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL`, ts(now), ts(now), tenantID, staffID)
	return notFoundIfNone(r, err, "staff_not_found")
}

func (t *Tx) putStaffLinks(ctx context.Context, s *booking.Staff) error {
	for _, outletID := range distinct(s.OutletIDs) {
		hours, err := hoursArg(s.Availability[outletID])
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `INSERT INTO staff_outlets (tenant_id, staff_id, outlet_id, availability) VALUES (?, ?, ?, ?)`,
			s.TenantID, s.ID, outletID, hours); err != nil {
			return err
		}
	}
	for _, serviceID := range distinct(s.ServiceIDs) {
		if _, err := t.exec(ctx, `INSERT INTO staff_services (tenant_id, staff_id, service_id) VALUES (?, ?, ?)`,
			s.TenantID, s.ID, serviceID); err != nil {
			return err
		}
	}
	return nil
}

// fillStaffLinks sets the live outlets (with their availability) and live
// services of each staff member of list, in id order.
func (t *Tx) fillStaffLinks(ctx context.Context, tenantID string, list []booking.Staff) error {
	if len(list) == 0 {
		return nil
	}
	ids := make([]string, len(list))
	at := map[string]*booking.Staff{}
	for i := range list {
		s := &list[i]
		ids[i] = s.ID
		s.OutletIDs, s.ServiceIDs, s.Availability = []string{}, []string{}, map[string]outlet.Hours{}
		if s.Skills == nil {
			s.Skills = []string{}
		}
		at[s.ID] = s
	}
	args := append([]any{tenantID}, argsOf(ids)...)
	rows, err := t.query(ctx, `SELECT so.staff_id, so.outlet_id, so.availability FROM staff_outlets so
		JOIN outlets o ON o.tenant_id = so.tenant_id AND o.id = so.outlet_id AND o.deleted_at IS NULL
		WHERE so.tenant_id = ? AND so.staff_id IN (`+qmarks(len(ids))+`) ORDER BY so.staff_id, so.outlet_id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var staffID, outletID string
		var h outlet.Hours
		if err := rows.Scan(&staffID, &outletID, hoursCol{&h}); err != nil {
			return fmt.Errorf("store: scan staff outlet: %w", err)
		}
		s := at[staffID]
		s.OutletIDs = append(s.OutletIDs, outletID)
		if len(h) > 0 {
			s.Availability[outletID] = h
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: staff outlets: %w", err)
	}
	rows.Close()
	srows, err := t.query(ctx, `SELECT ss.staff_id, ss.service_id FROM staff_services ss
		JOIN services s ON s.tenant_id = ss.tenant_id AND s.id = ss.service_id AND s.deleted_at IS NULL
		WHERE ss.tenant_id = ? AND ss.staff_id IN (`+qmarks(len(ids))+`) ORDER BY ss.staff_id, ss.service_id`, args...)
	if err != nil {
		return err
	}
	defer srows.Close()
	for srows.Next() {
		var staffID, serviceID string
		if err := srows.Scan(&staffID, &serviceID); err != nil {
			return fmt.Errorf("store: scan staff service: %w", err)
		}
		at[staffID].ServiceIDs = append(at[staffID].ServiceIDs, serviceID)
	}
	if err := srows.Err(); err != nil {
		return fmt.Errorf("store: staff services: %w", err)
	}
	return nil
}

// StaffFilter narrows a listing of staff.
type StaffFilter struct {
	Active    *bool  // only active (true) or inactive (false) staff; nil for both
	OutletID  string // only staff working at this outlet; "" for any
	ServiceID string // only staff providing this service; "" for any
	// Only restricts the listing, when not nil, to staff working at one of
	// these outlets (an outlet-bound member's); an empty list matches nothing.
	Only  []string
	Skip  int
	Limit int
}

// ListStaff returns tenantID's live staff ordered by name (then id) with
// the total matching count.
func (t *Tx) ListStaff(ctx context.Context, tenantID string, f StaffFilter) ([]booking.Staff, int, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, 0, err
	}
	if f.Only != nil && len(f.Only) == 0 {
		return []booking.Staff{}, 0, nil
	}
	where, args := staffWhere(tenantID, f)
	var total int
	if err := t.get(ctx, "", `SELECT COUNT(*) FROM staff f WHERE `+where, args, &total); err != nil {
		return nil, 0, err
	}
	rows, err := t.query(ctx, `SELECT `+staffCols+` FROM staff f WHERE `+where+
		` ORDER BY f.name_key, f.id LIMIT ? OFFSET ?`, append(args, f.Limit, f.Skip)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []booking.Staff{}
	for rows.Next() {
		var s booking.Staff
		if err := rows.Scan(staffDest(&s)...); err != nil {
			return nil, 0, fmt.Errorf("store: scan staff: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: list staff: %w", err)
	}
	rows.Close()
	return out, total, t.fillStaffLinks(ctx, tenantID, out)
}

func staffWhere(tenantID string, f StaffFilter) (string, []any) {
	where := []string{"f.tenant_id = ?", "f.deleted_at IS NULL"}
	args := []any{tenantID}
	if f.Active != nil {
		where = append(where, "f.is_active = ?")
		args = append(args, *f.Active)
	}
	worksAt := func(ids []string) {
		ids = distinct(ids)
		where = append(where, `EXISTS (SELECT 1 FROM staff_outlets so JOIN outlets o ON o.tenant_id = so.tenant_id
			AND o.id = so.outlet_id AND o.deleted_at IS NULL
			WHERE so.tenant_id = f.tenant_id AND so.staff_id = f.id AND so.outlet_id IN (`+qmarks(len(ids))+`))`)
		args = append(args, argsOf(ids)...)
	}
	if f.OutletID != "" {
		worksAt([]string{f.OutletID})
	}
	if f.Only != nil {
		worksAt(f.Only)
	}
	if f.ServiceID != "" {
		where = append(where, `EXISTS (SELECT 1 FROM staff_services ss
			WHERE ss.tenant_id = f.tenant_id AND ss.staff_id = f.id AND ss.service_id = ?)`)
		args = append(args, f.ServiceID)
	}
	return strings.Join(where, " AND "), args
}
