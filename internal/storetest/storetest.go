// Package storetest is the conformance suite every storage engine must pass:
// the same cases, run against SQLite and PostgreSQL, covering each store
// method, its error kinds, tenant isolation and races.
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// Open returns a fresh, migrated database for one test.
type Open func(t *testing.T) *store.DB

// Case is one conformance case.
type Case func(*testing.T, *store.DB)

// Run runs every conformance case against the engine that open provides.
// Each domain lists its cases in a function of its own.
func Run(t *testing.T, open Open) {
	for _, group := range []map[string]Case{
		foundationCases(),
		authConfigCases(),
		identityCases(),
		mailCases(),
		jobCases(),
		outletCases(),
		bookingCases(),
		appointmentCases(),
		apiKeyCases(),
		platformKeyCases(),
		memberCases(),
		planCases(),
		fileCases(),
		billingCases(),
		partnerCases(),
		adminCases(),
		stripeCases(),
		credentialCases(),
		storageCases(),
		settingCases(),
		meteringCases(),
		auditExportCases(),
		exchangeCases(),
		isolationCases(),
		webhookCases(),
		errorCases(),
		customerCases(),
		erasureCases(),
		statsCases(),
	} {
		for name, fn := range group {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				fn(t, open(t))
			})
		}
	}
}

// foundationCases cover tenants, users, memberships, sessions, keys and audit.
func foundationCases() map[string]Case {
	return map[string]Case{
		"TenantRoundTrip":       testTenantRoundTrip,
		"TenantNotFound":        testTenantNotFound,
		"DuplicateSlug":         testDuplicateSlug,
		"ConcurrentSlug":        testConcurrentSlug,
		"DuplicateFields":       testDuplicateFields,
		"ListTenants":           testListTenants,
		"UserRoundTrip":         testUserRoundTrip,
		"DuplicateEmail":        testDuplicateEmail,
		"Membership":            testMembership,
		"Subscription":          testSubscription,
		"Changes":               testChanges,
		"Caller":                testCaller,
		"CallerSession":         testCallerSession,
		"RefreshRotation":       testRefreshRotation,
		"SigningKeys":           testSigningKeys,
		"Audit":                 testAudit,
		"AuditAppendOnly":       testAuditAppendOnly,
		"RollbackLeavesNothing": testRollback,
		"MigrateIsIdempotent":   testMigrateIdempotent,
	}
}

var now = time.Date(2026, 11, 29, 12, 0, 0, 123456000, time.UTC)

func newTenant(slug string) *tenant.Tenant {
	return &tenant.Tenant{
		ID: id.New(id.Tenant), Slug: slug, Name: "Name " + slug, Email: slug + "@example.com",
		Phone: "+1-555-000-" + slug, Status: tenant.Active, Settings: tenant.Settings{Timezone: "Asia/Manila"},
		CreatedAt: now, UpdatedAt: now,
	}
}

func newUser(email string) *identity.User {
	return &identity.User{ID: id.New(id.User), Email: email, PasswordHash: "h", FirstName: "F", LastName: "L",
		IsActive: true, CreatedAt: now, UpdatedAt: now}
}

// seed creates a tenant with one member and returns both.
func seed(t *testing.T, db *store.DB, slug string) (*tenant.Tenant, *identity.User) {
	t.Helper()
	x, u := newTenant(slug), newUser(slug+"-owner@example.com")
	err := db.InSystem(context.Background(), func(tx *store.Tx) error {
		if err := tx.CreateTenant(context.Background(), x); err != nil {
			return err
		}
		if err := tx.CreateUser(context.Background(), u); err != nil {
			return err
		}
		sub := plan.NewFree(x.ID, id.New(id.Subscription), now)
		if err := tx.CreateSubscription(context.Background(), &sub); err != nil {
			return err
		}
		return tx.CreateMembership(context.Background(), &membership.Membership{TenantID: x.ID, UserID: u.ID,
			ID: id.New(id.Membership), Role: membership.Owner, Status: membership.Active, CreatedAt: now, UpdatedAt: now})
	})
	if err != nil {
		t.Fatalf("seed %s: %v", slug, err)
	}
	return x, u
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
