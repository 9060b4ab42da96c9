package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// OutletQuery narrows a listing of outlets.
type OutletQuery struct {
	Active *bool  // only active or only inactive outlets; nil for both
	Query  string // case-insensitive part of the name
	Skip   int
	Limit  int
}

// ListOutlets lists the outlets of the caller's tenant that the caller
// reaches, ordered by name, with the total count.
func (a *App) ListOutlets(ctx context.Context, p *auth.Principal, q OutletQuery) (*OutletPage, error) {
	acc, err := a.outletAccess(ctx, p, membership.OutletRead)
	if err != nil {
		return nil, err
	}
	var c errs.Collector
	c.Check(q.Skip < 0, "skip", "out_of_range", "Must be 0 or more.")
	c.Check(q.Limit < 1 || q.Limit > 500, "limit", "out_of_range", "Must be between 1 and 500.")
	optional(&c, "q", q.Query, outlet.MaxName)
	if err := c.Err(); err != nil {
		return nil, err
	}
	f := store.OutletFilter{Active: q.Active, Query: q.Query, Only: acc.only, Skip: q.Skip, Limit: q.Limit}
	key := outletPageKey(acc.tenantID, f)
	page, ok, gen := a.outlets.get(key)
	if ok {
		return page, nil
	}
	page = &OutletPage{}
	err = a.db.ReadTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		page.Outlets, page.Total, err = tx.ListOutlets(ctx, acc.tenantID, f)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(page.Outlets) <= maxCachedOutlets {
		a.outlets.put(key, page, gen)
	}
	return page, nil
}

// maxCachedOutlets and maxOutletPages bound what a.outlets holds: pages of
// up to 100 outlets, at most 256 of them (a few MiB), so that paging
// through a large tenant cannot fill the memory.
const (
	maxCachedOutlets = 100
	maxOutletPages   = 256
)

// OutletPage is one page of a tenant's outlets with the total count of
// those the query matches. While it is cached every request that reads it
// shares it: it is read only.
type OutletPage struct {
	Outlets []outlet.Outlet
	Total   int
	encoded memo
}

// Encoded returns encode's answer for the page, computed by its first
// reader only: the requests a cached page serves share one encoding.
func (pg *OutletPage) Encoded(encode func() ([]byte, error)) ([]byte, error) {
	return pg.encoded.do(encode)
}

// outletPageKey names a page of tenantID's outlets by everything that
// chooses it: the filter and the outlets the caller is bound to.
func outletPageKey(tenantID string, f store.OutletFilter) string {
	var b strings.Builder
	b.WriteString(tenantID)
	switch {
	case f.Active == nil:
		b.WriteString("|any|")
	case *f.Active:
		b.WriteString("|active|")
	default:
		b.WriteString("|inactive|")
	}
	b.WriteString(strconv.Itoa(f.Skip))
	b.WriteByte('|')
	b.WriteString(strconv.Itoa(f.Limit))
	b.WriteByte('|')
	if f.Only != nil {
		b.WriteString("only")
		for _, id := range f.Only {
			b.WriteByte(',')
			b.WriteString(id)
		}
	}
	b.WriteByte('|')
	b.WriteString(f.Query) // last: it may hold any character
	return b.String()
}

// GetOutlet returns one outlet the caller reaches; any other answers 404.
func (a *App) GetOutlet(ctx context.Context, p *auth.Principal, outletID string) (*outlet.Outlet, error) {
	acc, err := a.outletAccess(ctx, p, membership.OutletRead)
	if err != nil {
		return nil, err
	}
	if !acc.reaches(outletID) {
		return nil, errOutletNotFound
	}
	var o *outlet.Outlet
	err = a.db.ReadTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		o, err = tx.GetOutlet(ctx, acc.tenantID, outletID)
		return err
	})
	return o, outletErr(err)
}

// CreateOutlet adds an outlet to the caller's tenant. The time zone defaults
// to the tenant's, the outlet starts active unless told otherwise.
func (a *App) CreateOutlet(ctx context.Context, p *auth.Principal, in OutletInput) (*outlet.Outlet, error) {
	acc, err := a.outletAccess(ctx, p, membership.OutletCreate)
	if err != nil {
		return nil, err
	}
	now := a.now()
	o := &outlet.Outlet{TenantID: acc.tenantID, ID: id.NewAt(id.Outlet, now), Hours: outlet.Hours{}, Active: true,
		CreatedAt: now, UpdatedAt: now}
	err = a.db.InTenant(ctx, acc.tenantID, func(tx *store.Tx) error {
		t, err := tx.GetTenant(ctx, acc.tenantID)
		if err != nil {
			return err
		}
		o.Timezone = t.Settings.WithDefaults().Timezone
		in.apply(o)
		var c errs.Collector
		o.Validate(&c)
		if err := c.Err(); err != nil {
			return err
		}
		if err := a.reserve(ctx, tx, acc.tenantID, plan.Outlets, 1); err != nil {
			return err
		}
		if err := tx.CreateOutlet(ctx, o); err != nil {
			return err
		}
		return a.record(ctx, tx, acc.tenantID, p, "outlet.create", "outlet", o.ID, map[string]string{"name": o.Name})
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// UpdateOutlet applies a partial update to an outlet the caller reaches,
// recording the names of the fields that changed.
func (a *App) UpdateOutlet(ctx context.Context, p *auth.Principal, outletID string, in OutletInput) (*outlet.Outlet, error) {
	acc, err := a.outletAccess(ctx, p, membership.OutletUpdate)
	if err != nil {
		return nil, a.conceal(ctx, p, err, findOutlet(ctx, p, outletID))
	}
	if !acc.reaches(outletID) {
		return nil, errOutletNotFound
	}
	var o *outlet.Outlet
	err = a.db.InTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		if err := tx.Lock(ctx, outletLock(acc.tenantID)); err != nil {
			return err
		}
		if o, err = tx.GetOutlet(ctx, acc.tenantID, outletID); err != nil {
			return err
		}
		changed := in.apply(o)
		var c errs.Collector
		o.Validate(&c)
		if err := c.Err(); err != nil || len(changed) == 0 {
			return err
		}
		o.UpdatedAt = a.now()
		if err := tx.UpdateOutlet(ctx, o); err != nil {
			return err
		}
		return a.record(ctx, tx, acc.tenantID, p, "outlet.update", "outlet", outletID,
			map[string]string{"fields": strings.Join(changed, ",")})
	})
	return o, outletErr(err)
}

// DeleteOutlet soft-deletes an outlet: it is kept, hidden everywhere.
func (a *App) DeleteOutlet(ctx context.Context, p *auth.Principal, outletID string) error {
	acc, err := a.outletAccess(ctx, p, membership.OutletDelete)
	if err != nil {
		return a.conceal(ctx, p, err, findOutlet(ctx, p, outletID))
	}
	if !acc.reaches(outletID) {
		return errOutletNotFound
	}
	err = a.db.InTenant(ctx, acc.tenantID, func(tx *store.Tx) error {
		o, err := tx.GetOutlet(ctx, acc.tenantID, outletID)
		if err != nil {
			return err
		}
		if err := tx.DeleteOutlet(ctx, acc.tenantID, outletID, a.now()); err != nil {
			return err
		}
		return a.record(ctx, tx, acc.tenantID, p, "outlet.delete", "outlet", outletID, map[string]string{"name": o.Name})
	})
	return outletErr(err)
}

// OutletStatsView is the statistics of a tenant's outlets at a moment.
type OutletStatsView struct {
	store.OutletStats
	GeneratedAt time.Time
}

// OutletStats counts the outlets of the caller's tenant: total, active,
// inactive and per city.
func (a *App) OutletStats(ctx context.Context, p *auth.Principal) (*OutletStatsView, error) {
	acc, err := a.outletAccess(ctx, p, membership.OutletStats)
	if err != nil {
		return nil, err
	}
	v := &OutletStatsView{GeneratedAt: a.now()}
	err = a.db.ReadTenant(ctx, acc.tenantID, func(tx *store.Tx) error {
		s, err := tx.OutletStats(ctx, acc.tenantID)
		if err == nil {
			v.OutletStats = *s
		}
		return err
	})
	return v, err
}

// outletErr turns the store's not-found of an outlet into the API's.
func outletErr(err error) error {
	if errs.Is(err, errs.NotFound) {
		return errOutletNotFound
	}
	return err
}
