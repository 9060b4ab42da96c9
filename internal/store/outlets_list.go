package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/tenantry/tenantry/internal/outlet"
)

// OutletFilter narrows a listing of outlets.
type OutletFilter struct {
	Active *bool  // only active (true) or inactive (false) outlets; nil for both
	Query  string // case-insensitive substring of the name; "" for any
	// Only restricts the listing to these outlet ids when not nil (an
	// outlet-bound member's outlets); an empty, non-nil list matches nothing.
	Only  []string
	Skip  int
	Limit int
}

// ListOutlets returns tenantID's live outlets ordered by name (then id) with
// the total matching count.
func (t *Tx) ListOutlets(ctx context.Context, tenantID string, f OutletFilter) ([]outlet.Outlet, int, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, 0, err
	}
	if f.Only != nil && len(f.Only) == 0 {
		return []outlet.Outlet{}, 0, nil
	}
	where, args := outletWhere(tenantID, f)
	var total int
	if err := t.get(ctx, "", `SELECT COUNT(*) FROM outlets o WHERE `+where, args, &total); err != nil {
		return nil, 0, err
	}
	rows, err := t.query(ctx, `SELECT `+outletCols+` FROM outlets o WHERE `+where+
		` ORDER BY o.name_key, o.id LIMIT ? OFFSET ?`, append(args, f.Limit, f.Skip)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []outlet.Outlet{}
	for rows.Next() {
		var o outlet.Outlet
		if err := rows.Scan(outletDest(&o)...); err != nil {
			return nil, 0, fmt.Errorf("store: scan outlet: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: list outlets: %w", err)
	}
	return out, total, nil
}

func outletWhere(tenantID string, f OutletFilter) (string, []any) {
	where := []string{"o.tenant_id = ?", "o.deleted_at IS NULL"}
	args := []any{tenantID}
	if f.Active != nil {
		where = append(where, "o.is_active = ?")
		args = append(args, *f.Active)
	}
	if q := nameKey(f.Query); q != "" {
		where = append(where, `o.name_key LIKE ? ESCAPE '\'`)
		esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`) // LIKE's wildcards and escape
		args = append(args, "%"+esc.Replace(q)+"%")
	}
	if f.Only != nil {
		only := distinct(f.Only)
		where = append(where, "o.id IN ("+qmarks(len(only))+")")
		args = append(args, argsOf(only)...)
	}
	return strings.Join(where, " AND "), args
}

// OutletStats counts a tenant's live outlets.
type OutletStats struct {
	Total    int
	Active   int
	Inactive int
	ByCity   []CityCount // most outlets first, then by city; "" is no city given
}

// CityCount is the number of outlets, and active ones, in one city.
type CityCount struct {
	City   string
	Total  int
	Active int
}

// OutletStats computes the statistics of tenantID's live outlets.
func (t *Tx) OutletStats(ctx context.Context, tenantID string) (*OutletStats, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT o.city, COUNT(*), SUM(CASE WHEN o.is_active = ? THEN 1 ELSE 0 END)
		FROM outlets o WHERE o.tenant_id = ? AND o.deleted_at IS NULL
		GROUP BY o.city ORDER BY COUNT(*) DESC, o.city`, true, tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s := &OutletStats{ByCity: []CityCount{}}
	for rows.Next() {
		var c CityCount
		if err := rows.Scan(&c.City, &c.Total, &c.Active); err != nil {
			return nil, fmt.Errorf("store: scan outlet stats: %w", err)
		}
		s.Total += c.Total
		s.Active += c.Active
		s.ByCity = append(s.ByCity, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: outlet stats: %w", err)
	}
	s.Inactive = s.Total - s.Active
	return s, nil
}
