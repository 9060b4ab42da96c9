package app

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/text"
)

// CustomerQuery narrows and pages a listing of customers.
type CustomerQuery struct {
	Status string // active, inactive or blocked; "" for all
	Query  string // a part of the name, email or phone, any case
	After  string // the opaque cursor of a previous page's Next
	Limit  int
}

// CustomerPage is one page of a tenant's customers.
type CustomerPage struct {
	Items []customer.Customer
	Total int    // every customer the query matches, paging aside
	Next  string // the cursor of the page after this one, "" at the end
}

// ListCustomers lists the live customers of the caller's tenant, newest
// first, with the total the query matches; a cursor (After, the admin
// tenant list's kind) pages at any depth in the time of one page.
func (a *App) ListCustomers(ctx context.Context, p *auth.Principal, q CustomerQuery) (*CustomerPage, error) {
	tenantID, err := a.customerAccess(ctx, p, membership.CustomersRead)
	if err != nil {
		return nil, err
	}
	var c errs.Collector
	c.Check(q.Status != "" && !customer.Status(q.Status).Valid(), "status", "invalid_choice",
		"Must be active, inactive or blocked.")
	c.Check(q.Limit < 1 || q.Limit > 500, "limit", "invalid", "Must be between 1 and 500.")
	f := store.CustomerFilter{Status: q.Status, Query: strings.TrimSpace(text.Normalize(q.Query)), Limit: q.Limit}
	c.Check(len(f.Query) > 200, "q", "too_long", "At most 200 characters.")
	text.CheckLine(&c, "q", f.Query)
	f.After = cursorParam(&c, "after", q.After)
	if err := c.Err(); err != nil {
		return nil, err
	}
	var out CustomerPage
	err = a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		more := f
		more.Limit++ // one row past the page says whether there is a next one
		if out.Items, err = tx.ListCustomers(ctx, tenantID, more); err != nil {
			return err
		}
		out.Total, err = tx.CountCustomers(ctx, tenantID, f)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out.Items) > f.Limit {
		out.Items = out.Items[:f.Limit]
		last := out.Items[f.Limit-1]
		out.Next = encodeCursor(store.CustomerKey{CreatedAt: last.CreatedAt, ID: last.ID})
	}
	return &out, nil
}
