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
	"github.com/tenantry/tenantry/internal/store"
)

var errServiceNotFound = errs.E(errs.NotFound, "service_not_found", "Service not found.")

// ServiceQuery narrows a listing of services.
type ServiceQuery struct {
	Active   *bool
	OutletID string // only services offered at this outlet
	Category string // only services of this category (case-insensitive)
	Skip     int
	Limit    int
}

// ListServices lists the services of the caller's tenant that the caller
// sees, ordered by name, with the total count.
func (a *App) ListServices(ctx context.Context, p *auth.Principal, q ServiceQuery) ([]booking.Service, int, error) {
	acc, err := a.bookingAccess(ctx, p, membership.ServicesRead)
	if err != nil {
		return nil, 0, err
	}
	var c errs.Collector
	checkPaging(&c, q.Skip, q.Limit)
	optional(&c, "outlet_id", q.OutletID, 100)
	optional(&c, "category", q.Category, booking.MaxCategory)
	if err := c.Err(); err != nil {
		return nil, 0, err
	}
	var out []booking.Service
	var total int
	err = a.db.ReadTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		out, total, err = tx.ListServices(ctx, acc.tenantID, store.ServiceFilter{Active: q.Active, OutletID: q.OutletID,
			Category: q.Category, Only: acc.only, Skip: q.Skip, Limit: q.Limit})
		return err
	})
	return out, total, err
}

// GetService returns one service the caller sees; any other answers 404.
func (a *App) GetService(ctx context.Context, p *auth.Principal, serviceID string) (*booking.Service, error) {
	acc, err := a.bookingAccess(ctx, p, membership.ServicesRead)
	if err != nil {
		return nil, err
	}
	var s *booking.Service
	err = a.db.ReadTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		s, err = visibleService(ctx, tx, acc, serviceID)
		return err
	})
	return s, err
}

// CreateService adds a service to the caller's tenant, priced in the
// tenant's currency, offered at every outlet unless outlet_ids names some.
func (a *App) CreateService(ctx context.Context, p *auth.Principal, in ServiceInput) (*booking.Service, error) {
	acc, err := a.bookingAccess(ctx, p, membership.ServicesManage)
	if err != nil {
		return nil, err
	}
	now := a.now()
	s := &booking.Service{TenantID: acc.tenantID, ID: id.NewAt(id.Service, now), TenantWide: true, OutletIDs: []string{},
		Active: true, CreatedAt: now, UpdatedAt: now}
	err = a.db.InTenant(ctx, acc.tenantID, func(tx *store.Tx) error {
		var c errs.Collector
		if in.DurationMinutes == nil {
			c.Add("duration_minutes", "required", "The duration in minutes is required.")
			s.DurationMinutes = booking.MinDuration // reported as missing, not as out of range
		}
		c.Check(in.Price == nil, "price", "required", "The price in minor units is required (0 for free).")
		in.apply(s)
		if err := checkService(ctx, tx, acc, s, &c); err != nil {
			return err
		}
		if err := c.Err(); err != nil {
			return err
		}
		var err error
		if s.Currency, err = tenantCurrency(ctx, tx, acc.tenantID); err != nil {
			return err
		}
		if err := tx.CreateService(ctx, s); err != nil {
			return err
		}
		return a.record(ctx, tx, acc.tenantID, p, "service.create", "service", s.ID, map[string]string{"name": s.Name})
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// UpdateService applies a partial update to a service the caller manages,
// recording the names of the fields that changed. A new price takes the
// tenant's current currency.
func (a *App) UpdateService(ctx context.Context, p *auth.Principal, serviceID string, in ServiceInput) (*booking.Service, error) {
	acc, err := a.bookingAccess(ctx, p, membership.ServicesManage)
	if err != nil {
		return nil, a.conceal(ctx, p, err, findService(ctx, p, serviceID))
	}
	var s *booking.Service
	err = a.db.InTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		if s, err = managedService(ctx, tx, acc, serviceID); err != nil {
			return err
		}
		changed := in.apply(s)
		var c errs.Collector
		if err := checkService(ctx, tx, acc, s, &c); err != nil {
			return err
		}
		if err := c.Err(); err != nil || len(changed) == 0 {
			return err
		}
		if slices.Contains(changed, "price") {
			if s.Currency, err = tenantCurrency(ctx, tx, acc.tenantID); err != nil {
				return err
			}
		}
		s.UpdatedAt = a.now()
		if err := tx.UpdateService(ctx, s); err != nil {
			return err
		}
		return a.record(ctx, tx, acc.tenantID, p, "service.update", "service", serviceID,
			map[string]string{"fields": strings.Join(changed, ",")})
	})
	return s, err
}

// DeleteService soft-deletes a service the caller manages: it is kept for
// the history, hidden everywhere.
func (a *App) DeleteService(ctx context.Context, p *auth.Principal, serviceID string) error {
	acc, err := a.bookingAccess(ctx, p, membership.ServicesManage)
	if err != nil {
		return a.conceal(ctx, p, err, findService(ctx, p, serviceID))
	}
	return a.db.InTenant(ctx, acc.tenantID, func(tx *store.Tx) error {
		s, err := managedService(ctx, tx, acc, serviceID)
		if err != nil {
			return err
		}
		if err := tx.DeleteService(ctx, acc.tenantID, serviceID, a.now()); err != nil {
			return notFoundAs(err, errServiceNotFound)
		}
		return a.record(ctx, tx, acc.tenantID, p, "service.delete", "service", serviceID, map[string]string{"name": s.Name})
	})
}
