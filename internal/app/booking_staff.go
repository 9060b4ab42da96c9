package app

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

var errStaffNotFound = errs.E(errs.NotFound, "staff_not_found", "Staff member not found.")

// StaffQuery narrows a listing of staff.
type StaffQuery struct {
	Active    *bool
	OutletID  string // only staff working at this outlet
	ServiceID string // only staff providing this service
	Skip      int
	Limit     int
}

// ListStaff lists the staff of the caller's tenant that the caller sees,
// ordered by name, with the total count.
func (a *App) ListStaff(ctx context.Context, p *auth.Principal, q StaffQuery) ([]booking.Staff, int, error) {
	acc, err := a.bookingAccess(ctx, p, membership.StaffRead)
	if err != nil {
		return nil, 0, err
	}
	var c errs.Collector
	checkPaging(&c, q.Skip, q.Limit)
	optional(&c, "outlet_id", q.OutletID, 100)
	optional(&c, "service_id", q.ServiceID, 100)
	if err := c.Err(); err != nil {
		return nil, 0, err
	}
	var out []booking.Staff
	var total int
	err = a.db.ReadTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		out, total, err = tx.ListStaff(ctx, acc.tenantID, store.StaffFilter{Active: q.Active, OutletID: q.OutletID,
			ServiceID: q.ServiceID, Only: acc.only, Skip: q.Skip, Limit: q.Limit})
		return err
	})
	return out, total, err
}

// GetStaff returns one staff member the caller sees; any other answers 404.
func (a *App) GetStaff(ctx context.Context, p *auth.Principal, staffID string) (*booking.Staff, error) {
	acc, err := a.bookingAccess(ctx, p, membership.StaffRead)
	if err != nil {
		return nil, err
	}
	var s *booking.Staff
	err = a.db.ReadTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		s, err = visibleStaff(ctx, tx, acc, staffID)
		return err
	})
	return s, err
}

// CreateStaff adds a staff member to the caller's tenant, within the plan's
// staff limit.
func (a *App) CreateStaff(ctx context.Context, p *auth.Principal, in StaffInput) (*booking.Staff, error) {
	acc, err := a.bookingAccess(ctx, p, membership.StaffManage)
	if err != nil {
		return nil, err
	}
	now := a.now()
	s := &booking.Staff{TenantID: acc.tenantID, ID: id.NewAt(id.StaffMember, now), OutletIDs: []string{}, ServiceIDs: []string{},
		Skills: []string{}, Availability: map[string]outlet.Hours{}, Active: true, CreatedAt: now, UpdatedAt: now}
	err = a.db.InTenant(ctx, acc.tenantID, func(tx *store.Tx) error {
		var c errs.Collector
		changed := in.apply(s, &c)
		if err := checkStaff(ctx, tx, acc, s, changed, &c); err != nil {
			return err
		}
		if err := c.Err(); err != nil {
			return err
		}
		if err := a.reserve(ctx, tx, acc.tenantID, plan.Staff, 1); err != nil {
			return err
		}
		if err := tx.CreateStaff(ctx, s); err != nil {
			return staffErr(err)
		}
		return a.record(ctx, tx, acc.tenantID, p, "staff.create", "staff", s.ID, map[string]string{"name": s.Name})
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// UpdateStaff applies a partial update to a staff member the caller
// manages, recording the names of the fields that changed.
func (a *App) UpdateStaff(ctx context.Context, p *auth.Principal, staffID string, in StaffInput) (*booking.Staff, error) {
	acc, err := a.bookingAccess(ctx, p, membership.StaffManage)
	if err != nil {
		return nil, a.conceal(ctx, p, err, findStaff(ctx, p, staffID))
	}
	var s *booking.Staff
	err = a.db.InTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		if s, err = managedStaff(ctx, tx, acc, staffID); err != nil {
			return err
		}
		var c errs.Collector
		changed := in.apply(s, &c)
		if err := checkStaff(ctx, tx, acc, s, changed, &c); err != nil {
			return err
		}
		if err := c.Err(); err != nil || len(changed) == 0 {
			return err
		}
		s.UpdatedAt = a.now()
		if err := tx.UpdateStaff(ctx, s); err != nil {
			return staffErr(err)
		}
		return a.record(ctx, tx, acc.tenantID, p, "staff.update", "staff", staffID,
			map[string]string{"fields": strings.Join(changed, ",")})
	})
	return s, err
}

// DeleteStaff soft-deletes a staff member the caller manages: kept for the
// history, hidden everywhere, no longer counted against the plan.
func (a *App) DeleteStaff(ctx context.Context, p *auth.Principal, staffID string) error {
	acc, err := a.bookingAccess(ctx, p, membership.StaffManage)
	if err != nil {
		return a.conceal(ctx, p, err, findStaff(ctx, p, staffID))
	}
	return a.db.InTenant(ctx, acc.tenantID, func(tx *store.Tx) error {
		s, err := managedStaff(ctx, tx, acc, staffID)
		if err != nil {
			return err
		}
		if err := tx.DeleteStaff(ctx, acc.tenantID, staffID, a.now()); err != nil {
			return notFoundAs(err, errStaffNotFound)
		}
		return a.record(ctx, tx, acc.tenantID, p, "staff.delete", "staff", staffID, map[string]string{"name": s.Name})
	})
}
