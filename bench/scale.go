package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// scaleFrom is the tenant count of the scale scenario's first measurement.
const scaleFrom = 1000

// benchScale measures GET tenant of the seeded business at the run's
// concurrency with scaleFrom tenants seeded through the store, then again
// after growing them to opt.Tenants: the row is the second measurement
// against the first, so its p99 ratio is what the tenant count costs a
// tenant's read. The seeding is unmeasured; its time is in the notes.
func benchScale(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, a *account, progress io.Writer) (r Result, err error) {
	get := bearerOp(hc, srv.URL+"/api/v1/tenants/"+a.TenantID, a.Token)
	r = Result{Engine: e.Name, Scenario: fmt.Sprintf("GET tenant at %s tenants", thousands(opt.Tenants)),
		Baseline: fmt.Sprintf("the same GET at %s tenants, same run", thousands(scaleFrom))}
	for _, m := range []struct {
		tenants int
		into    *Stats
	}{{scaleFrom, &r.Base}, {opt.Tenants, &r.Real}} {
		took, err := srv.growTenants(ctx, m.tenants, progress, e.Name)
		if err != nil {
			return r, fmt.Errorf("seed tenants: %w", err)
		}
		r.Notes = append(r.Notes, fmt.Sprintf("seeding to %s tenants through the store took %s (unmeasured)",
			thousands(m.tenants), took.Round(time.Millisecond)))
		fmt.Fprintf(progress, "%s: GET tenant at %s tenants, %d workers, %s\n", e.Name, thousands(m.tenants), opt.Concurrency, opt.Duration)
		if *m.into, err = drive(ctx, opt.Concurrency, opt.Warmup, opt.Duration, get); err != nil {
			return r, err
		}
	}
	return r, nil
}

// thousands formats n as 1k, 100k or, below 1,000 or off the thousand, n.
func thousands(n int) string {
	if n >= 1000 && n%1000 == 0 {
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}

// tenantSeed is the tenants a run has seeded through the store so far
// (bench-tenant-0 … bench-tenant-<n-1>, each with an active member, the
// same user), so that scenarios needing many tenants grow one set.
type tenantSeed struct {
	user string // "" until the first growth
	n    int
}

// growTenants seeds tenants through the store until the run has seeded n
// (fewer already: nothing to do) and returns how long it took.
func (r *running) growTenants(ctx context.Context, n int, progress io.Writer, engine string) (time.Duration, error) {
	start := time.Now()
	if r.seeded.n >= n {
		return 0, nil
	}
	fmt.Fprintf(progress, "%s: seeding tenants through the store, %d → %d\n", engine, r.seeded.n, n)
	if err := seedTenants(ctx, r.App.DB(), &r.seeded, n); err != nil {
		return 0, err
	}
	took := time.Since(start)
	fmt.Fprintf(progress, "%s: seeded in %s\n", engine, took.Round(time.Millisecond))
	if r.cfg.DatabaseURL != "" {
		if err := vacuum(ctx, r.cfg.DatabaseURL, "tenants", "memberships", "subscriptions"); err != nil {
			return took, err
		}
	}
	return took, nil
}

// vacuum runs VACUUM (ANALYZE) on tables of the PostgreSQL database at
// databaseURL: what autovacuum does within a minute or so of a bulk load
// (its insert threshold), done at once so the measurement that follows
// sees the tables as a running installation would — with statistics, and a
// visibility map that lets index-only scans skip the heap.
func vacuum(ctx context.Context, databaseURL string, tables ...string) error {
	db, err := sql.Open("pgx", databaseURL)
	if err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM (ANALYZE) "+strings.Join(tables, ", ")); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return nil
}

// seedTenants creates tenants s.n … n-1, one second apart, each with an
// active member (the same user), in transactions of adminBatch tenants.
func seedTenants(ctx context.Context, db *store.DB, s *tenantSeed, n int) error {
	base := time.Now().UTC().Add(-time.Duration(max(n, adminTenants)) * time.Second)
	if s.user == "" {
		user := id.New(id.User)
		if err := db.InSystem(ctx, func(tx *store.Tx) error {
			return tx.CreateUser(ctx, &identity.User{ID: user, Email: "member@bench-tenants.example.com", FirstName: "Bench",
				LastName: "Member", IsActive: true, CreatedAt: base, UpdatedAt: base})
		}); err != nil {
			return err
		}
		s.user = user
	}
	for s.n < n {
		from, to := s.n, min(s.n+adminBatch, n)
		err := db.Run(ctx, store.Unit{System: true, Budget: time.Minute}, func(tx *store.Tx) error {
			for i := from; i < to; i++ {
				at := base.Add(time.Duration(i) * time.Second)
				slug := "bench-tenant-" + strconv.Itoa(i)
				t := &tenant.Tenant{ID: id.New(id.Tenant), Slug: slug, Name: "Bench Tenant " + strconv.Itoa(i),
					Status: tenant.Active, CreatedAt: at, UpdatedAt: at}
				if err := tx.CreateTenant(ctx, t); err != nil {
					return err
				}
				if err := tx.CreateMembership(ctx, &membership.Membership{TenantID: t.ID, UserID: s.user, ID: id.New(id.Membership),
					Role: membership.Owner, Status: membership.Active, CreatedAt: at, UpdatedAt: at}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		s.n = to
	}
	return nil
}
