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
	Plan   string     // the plan code of the tenant's current subscription exactly, or "" for all
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
	if f.Plan != "" {
		// The current subscription is the tenant's newest, as the page's plan column reads it.
		where = append(where, `EXISTS (SELECT 1 FROM subscriptions s WHERE s.tenant_id = t.id AND s.plan = ?
			AND s.id = (SELECT MAX(x.id) FROM subscriptions x WHERE x.tenant_id = t.id))`)
		args = append(args, f.Plan)
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
		// The first condition is the index range, the second the tie-break.
		where += ` AND t.created_at <= ? AND (t.created_at < ? OR t.id < ?)`
		args = append(args, ts(f.After.CreatedAt), ts(f.After.CreatedAt), f.After.ID)
		page = ` LIMIT ?`
		args = append(args, f.Limit)
	} else {
		args = append(args, f.Limit, f.Offset)
	}
	// The page's keys first, from the index alone (an offset skips index
	// entries, not rows), then its rows.
	rows, err := t.query(ctx, `SELECT t.id, t.name, t.slug, t.status, t.created_at FROM tenants t
		JOIN (SELECT t.id FROM tenants t WHERE `+where+` ORDER BY t.created_at DESC, t.id DESC`+page+`) p ON p.id = t.id
		ORDER BY t.created_at DESC, t.id DESC`, args...)
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
// Without a search or a plan it reads tenant_status_counts, which
// triggers keep exact, so it costs one small read at any number of
// tenants; a search or a plan counts the matching rows.
func (t *Tx) CountAdminTenants(ctx context.Context, f AdminTenantFilter) (int, error) {
	var n int64
	if f.Query == "" && f.Plan == "" {
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
// status, oldest first (by time: ids order only to the millisecond).
func (t *Tx) TenantStatusEvents(ctx context.Context, tenantID string) ([]audit.Event, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	args := []any{tenantID}
	for _, a := range StatusActions {
		args = append(args, a)
	}
	rows, err := t.query(ctx, `SELECT `+auditCols+` FROM audit_logs WHERE tenant_id = ? AND action IN (`+
		qmarks(len(StatusActions))+`) ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, err
	}
	return scanAudit(rows)
}

// AdminUser is one row of the platform admins' user list.
type AdminUser struct {
	ID, Email, FirstName, LastName string
	Active, Locked, PlatformAdmin  bool
	TenantCount                    int // active memberships
	LastLoginAt                    *time.Time
	CreatedAt                      time.Time
}

// AdminUserFilter narrows the platform admins' user list.
type AdminUserFilter struct {
	Email  string // a lower-cased part of the email, or ""
	Offset int
	Limit  int
}

func adminUserWhere(f AdminUserFilter) (string, []any) {
	if f.Email == "" {
		return "1=1", nil
	}
	esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(f.Email)
	return `u.email LIKE ? ESCAPE '\'`, []any{"%" + esc + "%"}
}

// AdminUsers returns a page of users newest first, with each one's count
// of active memberships read for the page's rows only (system scope).
func (t *Tx) AdminUsers(ctx context.Context, f AdminUserFilter) ([]AdminUser, error) {
	where, args := adminUserWhere(f)
	rows, err := t.query(ctx, `SELECT u.id, u.email, u.first_name, u.last_name, u.is_active, u.is_locked,
		u.is_platform_admin, u.last_login_at, u.created_at FROM users u WHERE `+where+
		` ORDER BY u.created_at DESC, u.id DESC LIMIT ? OFFSET ?`, append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, err
	}
	var out []AdminUser
	index := map[string]int{}
	for rows.Next() {
		var x AdminUser
		if err := rows.Scan(&x.ID, &x.Email, &x.FirstName, &x.LastName, &x.Active, &x.Locked, &x.PlatformAdmin,
			nullTimeCol{&x.LastLoginAt}, timeCol{&x.CreatedAt}); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan admin user: %w", err)
		}
		index[x.ID] = len(out)
		out = append(out, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list admin users: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]any, 0, len(out))
	for _, x := range out {
		ids = append(ids, x.ID)
	}
	err = t.eachPair(ctx, `SELECT user_id, COUNT(*) FROM memberships WHERE user_id IN (`+qmarks(len(ids))+
		`) AND status = 'active' GROUP BY user_id`, ids, func(id string, v any) { out[index[id]].TenantCount = int(v.(int64)) }, new(int64))
	return out, err
}

// CountAdminUsers returns how many users f matches (its paging aside).
func (t *Tx) CountAdminUsers(ctx context.Context, f AdminUserFilter) (int, error) {
	where, args := adminUserWhere(f)
	var n int64
	err := t.get(ctx, "", `SELECT COUNT(*) FROM users u WHERE `+where, args, &n)
	return int(n), err
}

// GetAdminUser returns one user as the admin list shows it.
func (t *Tx) GetAdminUser(ctx context.Context, id string) (*AdminUser, error) {
	var x AdminUser
	if err := t.get(ctx, "user_not_found", `SELECT u.id, u.email, u.first_name, u.last_name, u.is_active, u.is_locked,
		u.is_platform_admin, u.last_login_at, u.created_at FROM users u WHERE u.id = ?`, []any{id},
		&x.ID, &x.Email, &x.FirstName, &x.LastName, &x.Active, &x.Locked, &x.PlatformAdmin,
		nullTimeCol{&x.LastLoginAt}, timeCol{&x.CreatedAt}); err != nil {
		return nil, err
	}
	var n int64
	err := t.get(ctx, "", `SELECT COUNT(*) FROM memberships WHERE user_id = ? AND status = 'active'`, []any{id}, &n)
	x.TenantCount = int(n)
	return &x, err
}

// RecordLogin notes a user's successful login.
func (t *Tx) RecordLogin(ctx context.Context, userID string, at time.Time) error {
	_, err := t.exec(ctx, `UPDATE users SET last_login_at = ? WHERE id = ?`, ts(at), userID)
	return err
}

// SetUserLocked locks or unlocks a user's account.
func (t *Tx) SetUserLocked(ctx context.Context, userID string, locked bool, now time.Time) error {
	r, err := t.exec(ctx, `UPDATE users SET is_locked = ?, updated_at = ? WHERE id = ?`, locked, ts(now), userID)
	return notFoundIfNone(r, err, "user_not_found")
}

// SetPlatformAdmin grants or revokes a user's platform administration.
func (t *Tx) SetPlatformAdmin(ctx context.Context, userID string, admin bool, now time.Time) error {
	r, err := t.exec(ctx, `UPDATE users SET is_platform_admin = ?, updated_at = ? WHERE id = ?`, admin, ts(now), userID)
	return notFoundIfNone(r, err, "user_not_found")
}

// UserLocked reports whether a user's account is locked (false for a
// missing user).
func (t *Tx) UserLocked(ctx context.Context, userID string) (bool, error) {
	var n int64
	err := t.get(ctx, "", `SELECT COUNT(*) FROM users WHERE id = ? AND is_locked = ?`, []any{userID, true}, &n)
	return n > 0, err
}

// CountUsablePlatformAdmins returns how many platform admins are active and
// not locked.
func (t *Tx) CountUsablePlatformAdmins(ctx context.Context) (int, error) {
	var n int64
	err := t.get(ctx, "", `SELECT COUNT(*) FROM users WHERE is_platform_admin = ? AND is_active = ? AND is_locked = ?`,
		[]any{true, true, false}, &n)
	return int(n), err
}

// Impersonator reports whether userID is a usable platform admin (active,
// not locked) and when its sessions were last ended (nil: never), for the
// check of an impersonation token's act claim.
func (t *Tx) Impersonator(ctx context.Context, userID string) (bool, *time.Time, error) {
	var n int64
	var ended *time.Time
	err := t.get(ctx, "", `SELECT COUNT(*), MAX(sessions_ended_at) FROM users
		WHERE id = ? AND is_platform_admin = ? AND is_active = ? AND is_locked = ?`, []any{userID, true, true, false},
		&n, nullTimeCol{&ended})
	return n > 0, ended, err
}
