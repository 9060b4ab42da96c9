package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/store"
)

// AuditListInput narrows and pages an audit listing (GET /api/v1/audit-logs).
type AuditListInput struct {
	Filter audit.Filter // After is set from Cursor
	Result string       // success or failure; "" for both
	From   string       // RFC 3339; "" unbounded
	To     string       // RFC 3339, exclusive; "" unbounded
	Cursor string       // the opaque cursor of a previous page's Next (keyset paging; Skip is then ignored)
}

// AuditPage is one page of an audit listing.
type AuditPage struct {
	Items []audit.Event
	Total int
	Next  string // the cursor of the page after this one, "" at the end
}

// AuditPage lists audit events newest first (ListAudit's access), narrowed
// by time range, resource and result; a cursor pages at any depth in the
// time of one page.
func (a *App) AuditPage(ctx context.Context, p *auth.Principal, in AuditListInput) (*AuditPage, error) {
	var c errs.Collector
	f := in.Filter
	switch audit.Outcome(in.Result) {
	case "", audit.Success, audit.Failure:
		f.Outcome = audit.Outcome(in.Result)
	default:
		c.Add("result", "invalid_choice", "Must be success or failure.")
	}
	f.From = parseAuditTime(&c, "from", in.From)
	f.To = parseAuditTime(&c, "to", in.To)
	c.Check(!f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To), "to", "out_of_range", "Must be later than from.")
	for _, x := range []struct{ name, v string }{{"resource_type", f.ResourceType}, {"resource_id", f.ResourceID},
		{"action", f.Action}, {"actor_id", f.ActorID}} {
		c.Check(len(x.v) > 200, x.name, "too_long", "At most 200 characters.")
	}
	if k := cursorParam(&c, "cursor", in.Cursor); k != nil {
		f.After = &audit.Key{CreatedAt: k.CreatedAt, ID: k.ID}
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	limit := f.Limit
	f.Limit++ // one row past the page says whether there is a next one
	items, total, err := a.ListAudit(ctx, p, f)
	if err != nil {
		return nil, err
	}
	out := &AuditPage{Items: items, Total: total}
	if len(items) > limit {
		out.Items = items[:limit]
		last := out.Items[limit-1]
		out.Next = encodeCursor(store.TenantKey{CreatedAt: last.CreatedAt, ID: last.ID})
	}
	return out, nil
}

// parseAuditTime reads an RFC 3339 time of the query parameter name.
func parseAuditTime(c *errs.Collector, name, v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		c.Add(name, "invalid_time", "Must be an RFC 3339 time, e.g. 2026-01-31T00:00:00Z.")
		return time.Time{}
	}
	return t.UTC()
}
