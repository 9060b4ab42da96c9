package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
)

// AdminTenant is one row of the platform admins' tenant list.
type AdminTenant struct {
	ID, Name, Slug, Status string
	Plan                   string // the current subscription's plan name ("" when none)
	MemberCount            int    // active memberships
	CreatedAt              time.Time
}

// TenantKey is a position in the tenant list's order (newest first): the
// keyset cursor of deep pages.
type TenantKey struct {
	CreatedAt time.Time
	ID        string
}

// AdminTenantFilter narrows the platform admins' tenant list.
type AdminTenantFilter struct {
	Status string     // one status exactly, or "" for all
	Query  string     // a lower-cased part of the name or the slug, or ""
	After  *TenantKey // keyset paging: only tenants after this one (then Offset is ignored)
	Offset int
	Limit  int
}

func adminTenantWhere(f AdminTenantFilter) (string, []any) {
	where, args := []string{"1=1"}, []any{}
	if f.Status != "" {
		where = append(where, "t.status = ?")
		args = append(args, f.Status)
	}
	if f.Query != "" {
		esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(f.Query)
		where = append(where, `(t.name_key LIKE ? ESCAPE '\' OR t.slug LIKE ? ESCAPE '\')`)
		args = append(args, "%"+esc+"%", "%"+esc+"%")
	}
	return strings.Join(where, " AND "), args
}

// AdminTenants returns a page of tenants newest first, with each one's plan
// and member count read for the page's rows only (system scope). The
// order is the tenants_created index's, so a keyset page (f.After) reads
// only its own rows however deep it is.
func (t *Tx) AdminTenants(ctx context.Context, f AdminTenantFilter) ([]AdminTenant, error) {
	where, args := adminTenantWhere(f)
	page := ` LIMIT ? OFFSET ?`
	if f.After != nil {
		where += ` AND (t.created_at < ? OR (t.created_at = ? AND t.id < ?))`
		args = append(args, ts(f.After.CreatedAt), ts(f.After.CreatedAt), f.After.ID)
		page = ` LIMIT ?`
		args = append(args, f.Limit)
	} else {
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := t.query(ctx, `SELECT t.id, t.name, t.slug, t.status, t.created_at FROM tenants t WHERE `+where+
		` ORDER BY t.created_at DESC, t.id DESC`+page, args...)
	if err != nil {
		return nil, err
	}
	var out []AdminTenant
	index := map[string]int{}
	for rows.Next() {
		var x AdminTenant
		if err := rows.Scan(&x.ID, &x.Name, &x.Slug, &x.Status, timeCol{&x.CreatedAt}); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan admin tenant: %w", err)
		}
		index[x.ID] = len(out)
		out = append(out, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list admin tenants: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]any, 0, len(out))
	for _, x := range out {
		ids = append(ids, x.ID)
	}
	if err := t.eachPair(ctx, `SELECT tenant_id, COUNT(*) FROM memberships WHERE tenant_id IN (`+qmarks(len(ids))+
		`) AND status = 'active' GROUP BY tenant_id`, ids, func(id string, v any) { out[index[id]].MemberCount = int(v.(int64)) }, new(int64)); err != nil {
		return nil, err
	}
	err = t.eachPair(ctx, `SELECT s.tenant_id, COALESCE(p.name, s.plan) FROM subscriptions s
		LEFT JOIN plans p ON p.code = s.plan
		WHERE s.tenant_id IN (`+qmarks(len(ids))+`) AND s.id = (SELECT MAX(x.id) FROM subscriptions x WHERE x.tenant_id = s.tenant_id)`,
		ids, func(id string, v any) { out[index[id]].Plan = v.(string) }, new(string))
	return out, err
}

// eachPair runs a two-column query (a tenant id and a value scanned into
// dest) and hands each row to fn.
func (t *Tx) eachPair(ctx context.Context, q string, args []any, fn func(string, any), dest any) error {
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id, dest); err != nil {
			return fmt.Errorf("store: scan admin tenant detail: %w", err)
		}
		switch d := dest.(type) {
		case *int64:
			fn(id, *d)
		case *string:
			fn(id, *d)
		}
	}
	return rows.Err()
}

// CountAdminTenants returns how many tenants f matches (its paging aside).
// Without a search it reads tenant_status_counts, which triggers keep
// exact, so it costs one small read at any number of tenants; a search
// counts the matching rows.
func (t *Tx) CountAdminTenants(ctx context.Context, f AdminTenantFilter) (int, error) {
	var n int64
	if f.Query == "" {
		q, args := `SELECT COALESCE(SUM(n), 0) FROM tenant_status_counts`, []any{}
		if f.Status != "" {
			q += ` WHERE status = ?`
			args = append(args, f.Status)
		}
		err := t.get(ctx, "", q, args, &n)
		return int(n), err
	}
	where, args := adminTenantWhere(f)
	err := t.get(ctx, "", `SELECT COUNT(*) FROM tenants t WHERE `+where, args, &n)
	return int(n), err
}

// StatusActions are the audit actions that change a tenant's status.
var StatusActions = []string{"tenant.status", "tenant.deactivate", "tenant.reactivate"}

// TenantStatusEvents returns the audit events that changed a tenant's
// status, oldest first.
func (t *Tx) TenantStatusEvents(ctx context.Context, tenantID string) ([]audit.Event, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	args := []any{tenantID}
	for _, a := range StatusActions {
		args = append(args, a)
	}
	rows, err := t.query(ctx, `SELECT `+auditCols+` FROM audit_logs WHERE tenant_id = ? AND action IN (`+
		qmarks(len(StatusActions))+`) ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	return scanAudit(rows)
}
