package app

import (
	"context"
	"slices"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

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
