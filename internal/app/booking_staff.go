package app

import (
	"context"
	"slices"
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

// checkStaff validates s and what it refers to into c: its outlets (the
// caller's) and, when changed, its services (live, and seen by the
// caller), its user (an active member not linked to another staff member)
// and its availability (inside each outlet's business hours).
func checkStaff(ctx context.Context, tx *store.Tx, acc *outletAccess, s *booking.Staff, changed []string, c *errs.Collector) error {
	s.Validate(c)
	if err := checkOutletRefs(ctx, tx, acc, s.OutletIDs, c); err != nil {
		return err
	}
	if slices.Contains(changed, "service_ids") { // the ones kept may be a tenant admin's choice the caller does not see
		missing, err := tx.MissingServices(ctx, acc.tenantID, s.ServiceIDs, acc.only)
		if err != nil {
			return err
		}
		for i, v := range s.ServiceIDs {
			c.Check(slices.Contains(missing, v), indexed("service_ids", i), "unknown_service", "No such service.")
		}
	}
	if s.UserID != "" && slices.Contains(changed, "user_id") {
		if err := checkStaffUser(ctx, tx, acc.tenantID, s, c); err != nil {
			return err
		}
	}
	if !slices.Contains(changed, "availability") {
		return nil
	}
	for _, outletID := range s.OutletIDs {
		week, ok := s.Availability[outletID]
		if !ok {
			continue
		}
		o, err := tx.GetOutlet(ctx, acc.tenantID, outletID)
		if errs.Is(err, errs.NotFound) {
			continue // reported as an unknown outlet
		}
		if err != nil {
			return err
		}
		booking.WithinHours(week, o.Hours, "availability."+outletID, c)
	}
	return nil
}

// checkStaffUser checks that s's user is an active member of tenantID and
// no other live staff member's.
func checkStaffUser(ctx context.Context, tx *store.Tx, tenantID string, s *booking.Staff, c *errs.Collector) error {
	if _, err := activeMember(ctx, tx, tenantID, s.UserID); errs.Is(err, errs.NotFound) {
		c.Add("user_id", "unknown_member", "Must be an active member of the tenant.")
		return nil
	} else if err != nil {
		return err
	}
	other, err := tx.StaffOfUser(ctx, tenantID, s.UserID)
	if err != nil {
		return err
	}
	c.Check(other != "" && other != s.ID, "user_id", "already_linked", "This user has a staff profile already.")
	return nil
}

// staffErr turns a write racing another link of the same user into the
// field error the check gives.
func staffErr(err error) error {
	if store.IsDuplicate(err, "staff.user_id") || store.IsDuplicate(err, "staff.tenant_id") {
		return errs.Fields(errs.FieldError{Field: "user_id", Code: "already_linked", Message: "This user has a staff profile already."})
	}
	return err
}

// visibleStaff reads a staff member the caller sees.
func visibleStaff(ctx context.Context, tx *store.Tx, acc *outletAccess, staffID string) (*booking.Staff, error) {
	s, err := tx.GetStaff(ctx, acc.tenantID, staffID)
	if err != nil {
		return nil, notFoundAs(err, errStaffNotFound)
	}
	if !acc.reachesAny(s.OutletIDs) {
		return nil, errStaffNotFound
	}
	return s, nil
}

// managedStaff reads a staff member the caller sees and may change: one it
// does not see answers 404, one it sees but does not manage (it works at
// another outlet too) 403.
func managedStaff(ctx context.Context, tx *store.Tx, acc *outletAccess, staffID string) (*booking.Staff, error) {
	s, err := visibleStaff(ctx, tx, acc, staffID)
	if err != nil {
		return nil, err
	}
	if !acc.reachesAll(s.OutletIDs) {
		return nil, errNotYourOutlets
	}
	return s, nil
}

// findStaff looks up a staff member of p's tenant that p sees.
func findStaff(ctx context.Context, p *auth.Principal, staffID string) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		_, err := visibleStaff(ctx, tx, boundAccess(p, membership.StaffRead), staffID)
		return err
	}
}
