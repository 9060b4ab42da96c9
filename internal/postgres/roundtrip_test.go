package postgres_test

import (
	"testing"

	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/postgres"
	"github.com/tenantry/tenantry/internal/store"
)

// TestUnitRoundTrips: a unit of one statement waits for three round trips
// — BEGIN with the role and tenant setup, the statement, COMMIT — and the
// setup still holds in it: the application role and the unit's tenant.
func TestUnitRoundTrips(t *testing.T) {
	proxy := pgtest.NewProxy(t, pgtest.NewDatabase(t))
	db := openURL(t, proxy.URL)
	const tenantID = "ten_roundtrips"
	var role, tenant string
	unit := func() {
		err := db.ReadTenant(ctx, tenantID, func(tx *store.Tx) error {
			return tx.SQL().QueryRowContext(ctx, `SELECT current_user, current_setting('app.tenant_id')`).Scan(&role, &tenant)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	unit() // prepares the connection's statements
	best := int64(-1)
	for range 5 { // the fewest: a connection idle for a second is pinged first
		before := proxy.RoundTrips()
		unit()
		if n := proxy.RoundTrips() - before; best < 0 || n < best {
			best = n
		}
	}
	if best != 3 {
		t.Errorf("a unit of one statement took %d round trips, want 3", best)
	}
	if role != postgres.AppRole || tenant != tenantID {
		t.Errorf("the unit ran as %q for tenant %q, want %q for %q", role, tenant, postgres.AppRole, tenantID)
	}
}
