package app

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/paperidtest"
	"github.com/tenantry/tenantry/internal/payment/paperid"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/postgres"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

var platformAdmin = &auth.Principal{UserID: "usr_platform", Email: "root@platform.example.com", PlatformAdmin: true}

// partnerEngines runs fn per engine with an App whose Paper.id is srv, a
// fresh paperidtest server. No worker runs: the test calls the handler.
func partnerEngines(t *testing.T, fn func(t *testing.T, db *store.DB, a *App, srv *paperidtest.Server)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			db := engineDB(t, engine)
			srv := paperidtest.New(t)
			fn(t, db, partnerApp(t, db, srv), srv)
		})
	}
}

func engineDB(t *testing.T, engine string) *store.DB {
	t.Helper()
	if engine == "sqlite" {
		return testDB(t)
	}
	db, err := postgres.Open(context.Background(), pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// partnerApp starts an App on db provisioning through srv (nil: no Paper.id).
func partnerApp(t *testing.T, db *store.DB, srv *paperidtest.Server) *App {
	t.Helper()
	var c *paperid.Client
	if srv != nil {
		var err error
		c, err = paperid.New(paperid.Config{BaseURL: srv.URL(), ClientID: paperidtest.ClientID,
			ClientSecret: paperidtest.ClientSecret, Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
	}
	return startApp(t, db, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{PaperID: c})
}

// registerBusiness registers name, with phone when given.
func registerBusiness(t *testing.T, a *App, name, phone string) *tenant.Tenant {
	t.Helper()
	key := strings.ToLower(strings.ReplaceAll(name, " ", ""))
	x, err := a.Register(context.Background(), RegisterInput{BusinessName: name, BusinessEmail: "contact@" + key + ".example.com",
		BusinessPhone: phone, AdminFirstName: "Maria", AdminLastName: "Rodriguez", AdminEmail: "owner@" + key + ".example.com",
		AdminPassword: "SecurePass123!", TermsAccepted: true, PrivacyAccepted: true})
	if err != nil {
		t.Fatalf("register %s: %v", name, err)
	}
	return x
}

// provisionJob is tenantID's job as the worker hands it over on attempt
// attempts+1.
func provisionJob(t *testing.T, tenantID string, attempts int) *job.Job {
	t.Helper()
	now := time.Now()
	j, err := job.New(job.PartnerProvision, tenantID, struct{}{}, now, now)
	if err != nil {
		t.Fatal(err)
	}
	j.Key, j.Attempts = tenantID, attempts
	return j
}

// partnerState is tenantID's view as a platform admin reads it.
func partnerState(t *testing.T, a *App, tenantID string) (*tenant.Partner, *tenant.Tenant) {
	t.Helper()
	v, err := a.GetTenant(context.Background(), platformAdmin, tenantID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Partner == nil {
		t.Fatal("a platform admin's view has no partner state")
	}
	return v.Partner, &v.Tenant
}

func auditOutcomes(t *testing.T, a *App, tenantID, action string) []audit.Outcome {
	t.Helper()
	events, _, err := a.ListAudit(context.Background(), platformAdmin, audit.Filter{TenantID: tenantID, Action: action, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var out []audit.Outcome
	for _, e := range events {
		out = append(out, e.Outcome)
	}
	return out
}

// TestProvisionPartnerOutage: a registration while Paper.id is down
// succeeds at once, pending; an attempt then fails retryably and records its
// error; once Paper.id is back the next attempt stores the ids, and a
// further one changes nothing.
func TestProvisionPartnerOutage(t *testing.T) {
	partnerEngines(t, func(t *testing.T, _ *store.DB, a *App, srv *paperidtest.Server) {
		ctx := context.Background()
		srv.Down()
		x := registerBusiness(t, a, "Outage Spa", "+62 811 555 0101")
		if st, got := partnerState(t, a, x.ID); st.Status != tenant.PartnerPending || got.ClientPartnerID != nil {
			t.Fatalf("after registration: %+v, id %v", st, got.ClientPartnerID)
		}
		_, err := a.ProvisionPartner(ctx, provisionJob(t, x.ID, 0))
		if err == nil || job.IsPermanent(err) {
			t.Fatalf("Paper.id down: %v, want a retryable error", err)
		}
		st, _ := partnerState(t, a, x.ID)
		if st.Status != tenant.PartnerPending || !strings.Contains(st.LastError, "dial tcp") ||
			strings.Contains(st.LastError, paperidtest.ClientSecret) {
			t.Fatalf("after the failed attempt: %+v", st)
		}
		srv.Up()
		if _, err := a.ProvisionPartner(ctx, provisionJob(t, x.ID, 1)); err != nil {
			t.Fatal(err)
		}
		st, got := partnerState(t, a, x.ID)
		partners := srv.Partners()
		if st.Status != tenant.PartnerProvisioned || st.LastError != "" || len(partners) != 1 {
			t.Fatalf("after Paper.id came back: %+v, %d partners", st, len(partners))
		}
		if *got.ClientPartnerID != partners[0].ID || *got.ClientPartnerNumber != x.ID || partners[0].Phone != "+628115550101" ||
			partners[0].Name != "Outage Spa" || partners[0].Type != "client" {
			t.Errorf("ids %s %s, partner %+v", *got.ClientPartnerID, *got.ClientPartnerNumber, partners[0])
		}
		calls := len(srv.Requests())
		res, err := a.ProvisionPartner(ctx, provisionJob(t, x.ID, 0))
		if err != nil || !strings.HasPrefix(res, "already provisioned") || len(srv.Requests()) != calls {
			t.Errorf("again: %q, %v, %d calls to Paper.id", res, err, len(srv.Requests())-calls)
		}
		if got := auditOutcomes(t, a, x.ID, "tenant.partner.provision"); len(got) != 1 || got[0] != audit.Success {
			t.Errorf("audit: %v", got)
		}
	})
}

// TestProvisionPartnerRefused: a 4xx fails the tenant at once with the
// error; a platform admin's retry makes it pending again, then provisioned;
// a retry of a provisioned tenant is refused.
func TestProvisionPartnerRefused(t *testing.T) {
	partnerEngines(t, func(t *testing.T, _ *store.DB, a *App, srv *paperidtest.Server) {
		ctx := context.Background()
		x := registerBusiness(t, a, "Refused Spa", "+62 811 555 0102")
		srv.Fail(1, 400)
		_, err := a.ProvisionPartner(ctx, provisionJob(t, x.ID, 0))
		if !job.IsPermanent(err) {
			t.Fatalf("HTTP 400: %v, want a permanent error", err)
		}
		if st, _ := partnerState(t, a, x.ID); st.Status != tenant.PartnerFailed || !strings.Contains(st.LastError, "HTTP 400") {
			t.Fatalf("after a 400: %+v", st)
		}
		if got := auditOutcomes(t, a, x.ID, "tenant.partner.provision"); len(got) != 1 || got[0] != audit.Failure {
			t.Errorf("audit of the failure: %v", got)
		}
		v, err := a.RetryPartner(ctx, platformAdmin, x.ID)
		if err != nil || v.Partner.Status != tenant.PartnerPending || v.Partner.LastError != "" || v.ClientPartnerID != nil {
			t.Fatalf("retry: %+v, %v", v, err)
		}
		if st, _ := partnerState(t, a, x.ID); st.Status != tenant.PartnerPending {
			t.Fatalf("after retry: %+v", st)
		}
		if _, err := a.ProvisionPartner(ctx, provisionJob(t, x.ID, 0)); err != nil {
			t.Fatal(err)
		}
		if st, _ := partnerState(t, a, x.ID); st.Status != tenant.PartnerProvisioned {
			t.Fatalf("after the retried job: %+v", st)
		}
		if _, err := a.RetryPartner(ctx, platformAdmin, x.ID); errs.CodeOf(err) != "partner_already_provisioned" {
			t.Errorf("retry when provisioned: %v", err)
		}
		if len(auditOutcomes(t, a, x.ID, "tenant.partner.retry")) != 1 {
			t.Error("the retry was not audited")
		}
	})
}

// TestProvisionPartnerLastAttempt: a retryable failure on the job's last
// attempt fails the tenant; and a tenant without a phone fails without a
// call, since Paper.id requires one.
func TestProvisionPartnerLastAttempt(t *testing.T) {
	partnerEngines(t, func(t *testing.T, _ *store.DB, a *App, srv *paperidtest.Server) {
		ctx := context.Background()
		x := registerBusiness(t, a, "Last Attempt Spa", "+62 811 555 0103")
		srv.Fail(1, 503)
		_, err := a.ProvisionPartner(ctx, provisionJob(t, x.ID, job.DefaultMaxAttempts-1))
		if err == nil || job.IsPermanent(err) {
			t.Fatalf("503: %v, want the retryable error", err)
		}
		if st, _ := partnerState(t, a, x.ID); st.Status != tenant.PartnerFailed || !strings.Contains(st.LastError, "HTTP 503") {
			t.Errorf("after the last attempt: %+v", st)
		}
		calls := len(srv.Requests())
		y := registerBusiness(t, a, "Phoneless Spa", "")
		_, err = a.ProvisionPartner(ctx, provisionJob(t, y.ID, 0))
		st, _ := partnerState(t, a, y.ID)
		if !job.IsPermanent(err) || st.Status != tenant.PartnerFailed || !strings.Contains(st.LastError, "phone") ||
			len(srv.Requests()) != calls {
			t.Errorf("no phone: %v, %+v, %d calls", err, st, len(srv.Requests())-calls)
		}
	})
}

// TestPartnerDisabled: without Paper.id a tenant is disabled and a retry is
// refused; once a server with Paper.id serves the same database, a retry
// provisions it.
func TestPartnerDisabled(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := engineDB(t, engine)
			off := partnerApp(t, db, nil)
			x := registerBusiness(t, off, "Disabled Spa", "+62 811 555 0104")
			if st, _ := partnerState(t, off, x.ID); st.Status != tenant.PartnerDisabled || st.UpdatedAt != nil {
				t.Fatalf("without Paper.id: %+v", st)
			}
			if _, err := off.RetryPartner(ctx, platformAdmin, x.ID); errs.CodeOf(err) != "partner_provisioning_disabled" {
				t.Errorf("retry without Paper.id: %v", err)
			}
			srv := paperidtest.New(t)
			on := partnerApp(t, db, srv)
			if v, err := on.RetryPartner(ctx, platformAdmin, x.ID); err != nil || v.Partner.Status != tenant.PartnerPending {
				t.Fatalf("retry with Paper.id: %+v, %v", v, err)
			}
			if _, err := on.ProvisionPartner(ctx, provisionJob(t, x.ID, 0)); err != nil {
				t.Fatal(err)
			}
			if st, _ := partnerState(t, on, x.ID); st.Status != tenant.PartnerProvisioned {
				t.Errorf("backfilled: %+v", st)
			}
			if _, err := on.RetryPartner(ctx, platformAdmin, "ten_missing"); !errs.Is(err, errs.NotFound) {
				t.Errorf("retry of a missing tenant: %v", err)
			}
		})
	}
}
