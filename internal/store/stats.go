package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/membership"
)

// StatCounts are the figures of a tenant's statistics (GET
// /api/v1/tenants/{tenant_id}/stats): its live outlets, its members, its
// live customers and the appointments of one month.
type StatCounts struct {
	Outlets      OutletCounts
	Users        UserCounts
	Customers    CustomerCounts
	Appointments map[booking.Status]int // the month's, every status present
}

// OutletCounts are a tenant's live outlets, active or not.
type OutletCounts struct {
	Total, Active, Inactive int
}

// UserCounts are a tenant's memberships: all of them (active or not),
// those active with an active account, and all of them by role (every role
// present).
type UserCounts struct {
	Total, Active int
	ByRole        map[membership.Role]int
}

// StatCounts returns tenantID's statistics for month (YYYY-MM, the
// appointments' start_month) with the customers created since the start
// of since's UTC day as its recent sign-ups. Appointments and customers
// are read from the counters that the database's triggers keep
// (tenant_counters, migration 0031): a few rows whatever their number,
// and no read of the customers or appointments themselves. Outlets and
// members are counted from their rows (a tenant has few).
func (t *Tx) StatCounts(ctx context.Context, tenantID, month string, since time.Time) (*StatCounts, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	s, err := t.smallCounts(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	day := since.UTC().Format(time.DateOnly)
	rows, err := t.query(ctx, `SELECT c.kind, c.status, c.n FROM tenant_counters c
		WHERE c.tenant_id = ? AND c.kind = 'appointments' AND c.period = ?
		UNION ALL SELECT c.kind, c.status, c.n FROM tenant_counters c
		WHERE c.tenant_id = ? AND c.kind = 'customers' AND c.period = ''
		UNION ALL SELECT c.kind, c.status, c.n FROM tenant_counters c
		WHERE c.tenant_id = ? AND c.kind = 'customer_days' AND c.period >= ?`,
		tenantID, month, tenantID, tenantID, day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind, status string
		var n int
		if err := rows.Scan(&kind, &status, &n); err != nil {
			return nil, fmt.Errorf("store: scan tenant counter: %w", err)
		}
		switch kind {
		case "appointments":
			s.Appointments[booking.Status(status)] += n
		case "customers":
			s.Customers.Total += n
			if status == "active" {
				s.Customers.Active += n
			}
		case "customer_days":
			s.Customers.RecentSignups += n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: tenant counters: %w", err)
	}
	return s, nil
}

// DayStart is the start of t's UTC day: where the statistics' window of
// recent sign-ups begins for a since of t.
func DayStart(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// RecountStats counts what StatCounts reads from the counters from the
// rows themselves, every appointment of the month and every customer: the
// proof that the counters are exact, and a repair's reference. It reads
// the whole of a tenant's month; the request path uses StatCounts.
func (t *Tx) RecountStats(ctx context.Context, tenantID, month string, since time.Time) (*StatCounts, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	s, err := t.smallCounts(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	c, err := t.CustomerCounts(ctx, tenantID, DayStart(since))
	if err != nil {
		return nil, err
	}
	s.Customers = *c
	rows, err := t.query(ctx, `SELECT a.status, COUNT(*) FROM appointments a
		WHERE a.tenant_id = ? AND a.start_month = ? GROUP BY a.status`, tenantID, month)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return nil, fmt.Errorf("store: scan appointment count: %w", err)
		}
		s.Appointments[booking.Status(status)] += n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: recount appointments: %w", err)
	}
	return s, nil
}

// smallCounts counts tenantID's outlets and memberships from their rows and
// readies the appointment figures with every status at zero.
func (t *Tx) smallCounts(ctx context.Context, tenantID string) (*StatCounts, error) {
	s := &StatCounts{Users: UserCounts{ByRole: map[membership.Role]int{}}, Appointments: map[booking.Status]int{}}
	for _, r := range membership.Roles() {
		s.Users.ByRole[r] = 0
	}
	for _, st := range booking.Statuses() {
		s.Appointments[st] = 0
	}
	err := t.get(ctx, "", `SELECT COUNT(*), COALESCE(SUM(CASE WHEN o.is_active = ? THEN 1 ELSE 0 END), 0)
		FROM outlets o WHERE o.tenant_id = ? AND o.deleted_at IS NULL`, []any{true, tenantID},
		&s.Outlets.Total, &s.Outlets.Active)
	if err != nil {
		return nil, err
	}
	s.Outlets.Inactive = s.Outlets.Total - s.Outlets.Active
	rows, err := t.query(ctx, `SELECT m.role, CASE WHEN m.status = 'active' AND u.is_active = ? THEN 1 ELSE 0 END, COUNT(*)
		FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = ? GROUP BY 1, 2`, true, tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var role string
		var active, n int
		if err := rows.Scan(&role, &active, &n); err != nil {
			return nil, fmt.Errorf("store: scan member count: %w", err)
		}
		s.Users.Total += n
		s.Users.ByRole[membership.Role(role)] += n
		if active == 1 {
			s.Users.Active += n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: member counts: %w", err)
	}
	return s, nil
}
