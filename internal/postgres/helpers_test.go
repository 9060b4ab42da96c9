package postgres_test

import (
	"database/sql"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// rawDB connects to url as the connecting user, bypassing the store.
func rawDB(t *testing.T, url string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// seedTwo creates two tenants, each with a member, a subscription and an
// audit event, and returns their ids.
func seedTwo(t *testing.T, db *store.DB) (string, string) {
	t.Helper()
	now := time.Now().UTC()
	var ids []string
	for _, slug := range []string{"rls-a", "rls-b"} {
		x := &tenant.Tenant{ID: id.New(id.Tenant), Slug: slug, Name: slug, Status: tenant.Active, CreatedAt: now, UpdatedAt: now}
		u := &identity.User{ID: id.New(id.User), Email: slug + "@example.com", IsActive: true, CreatedAt: now, UpdatedAt: now}
		err := db.InSystem(ctx, func(tx *store.Tx) error {
			sub := plan.NewFree(x.ID, id.New(id.Subscription), now)
			for _, f := range []func() error{
				func() error { return tx.CreateTenant(ctx, x) },
				func() error { return tx.CreateUser(ctx, u) },
				func() error { return tx.CreateSubscription(ctx, &sub) },
				func() error {
					return tx.CreateMembership(ctx, &membership.Membership{TenantID: x.ID, UserID: u.ID, ID: id.New(id.Membership),
						Role: membership.Owner, Status: membership.Active, CreatedAt: now, UpdatedAt: now})
				},
				func() error {
					return tx.AppendAudit(ctx, &audit.Event{TenantID: x.ID, ID: id.New(id.Audit), Action: "seed",
						Outcome: audit.Success, CreatedAt: now})
				},
			} {
				if err := f(); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, x.ID)
	}
	return ids[0], ids[1]
}
