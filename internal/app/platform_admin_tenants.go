package app

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
	"github.com/tenantry/tenantry/internal/text"
)

// AdminTenantsInput narrows and pages the platform admins' tenant list.
type AdminTenantsInput struct {
	Status string // active, inactive, suspended or archived; "" for all
	Query  string // a part of the name or the slug, any case
	Plan   string // the code of the plan the tenant is subscribed to now; "" for all
	After  string // the opaque cursor of a previous page's Next (keyset paging; Offset is then ignored)
	Offset int
	Limit  int
}

// AdminTenantPage is one page of the platform admins' tenant list.
type AdminTenantPage struct {
	Items []store.AdminTenant
	Total int
	Next  string // the cursor of the page after this one, "" at the end
}

// AdminTenants lists every tenant for platform admins, newest first. The
// total comes from maintained per-status counters (a search counts its
// matches); a cursor (After) pages at any depth in the time of one page.
func (a *App) AdminTenants(ctx context.Context, p *auth.Principal, in AdminTenantsInput) (*AdminTenantPage, error) {
	if err := platformOnly(p, membership.PlatformAdminister); err != nil {
		return nil, err
	}
	var c errs.Collector
	switch tenant.Status(in.Status) {
	case "", tenant.Active, tenant.Inactive, tenant.Suspended, tenant.Archived:
	default:
		c.Check(true, "status", "invalid_choice", "Must be active, inactive, suspended or archived.")
	}
	checkPage(&c, in.Offset, in.Limit)
	f := store.AdminTenantFilter{Status: in.Status, Query: strings.ToLower(strings.TrimSpace(in.Query)), Plan: strings.TrimSpace(in.Plan),
		Offset: in.Offset, Limit: in.Limit}
	c.Check(len(f.Query) > 200, "q", "too_long", "At most 200 characters.")
	text.CheckLine(&c, "q", f.Query)
	c.Check(len(f.Plan) > 100, "plan", "too_long", "At most 100 characters.")
	text.CheckLine(&c, "plan", f.Plan)
	f.After = cursorParam(&c, "after", in.After)
	if err := c.Err(); err != nil {
		return nil, err
	}
	var out AdminTenantPage
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		more := f
		more.Limit++ // one row past the page says whether there is a next one
		if out.Items, err = tx.AdminTenants(ctx, more); err != nil {
			return err
		}
		out.Total, err = tx.CountAdminTenants(ctx, f)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out.Items) > f.Limit {
		out.Items = out.Items[:f.Limit]
		last := out.Items[f.Limit-1]
		out.Next = encodeCursor(store.TenantKey{CreatedAt: last.CreatedAt, ID: last.ID})
	}
	if out.Items == nil {
		out.Items = []store.AdminTenant{}
	}
	return &out, nil
}

// checkPage checks offset and limit (1 to 500).
func checkPage(c *errs.Collector, offset, limit int) {
	c.Check(offset < 0, "offset", "invalid", "Must be 0 or more.")
	c.Check(limit < 1 || limit > 500, "limit", "invalid", "Must be between 1 and 500.")
}
