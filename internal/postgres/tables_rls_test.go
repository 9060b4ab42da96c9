package postgres_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/credential"
	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/metering"
	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/plan"
	settings "github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/storage"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
	"github.com/tenantry/tenantry/internal/webhook"
)

// seedWebhook is an endpoint of tenantID receiving every event.
func seedWebhook(tenantID string, now time.Time) *webhook.Endpoint {
	return &webhook.Endpoint{TenantID: tenantID, ID: id.New(webhook.EndpointPrefix), URL: "https://hooks.example.com/in",
		EventTypes: []string{webhook.AllEvents}, Enabled: true, SecretSealed: "v1.x", CreatedAt: now, UpdatedAt: now}
}

// seeders write one row of their table for a tenant, through the store.
var seeders = map[string]func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error{
	"outlets": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return tx.CreateOutlet(ctx, &outlet.Outlet{TenantID: tenantID, ID: id.New(id.Outlet), Name: "Main", Timezone: "UTC",
			Hours: outlet.Hours{}, Active: true, CreatedAt: now, UpdatedAt: now})
	},
	"services": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return seedService(ctx, tx, tenantID, now, nil)
	},
	"service_outlets": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		o, err := seedOutlet(ctx, tx, tenantID, now)
		if err != nil {
			return err
		}
		return seedService(ctx, tx, tenantID, now, []string{o})
	},
	"staff": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return seedStaff(ctx, tx, tenantID, now, nil, nil)
	},
	"staff_outlets": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		o, err := seedOutlet(ctx, tx, tenantID, now)
		if err != nil {
			return err
		}
		return seedStaff(ctx, tx, tenantID, now, []string{o}, nil)
	},
	"staff_services": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		serviceID := id.New(id.Service)
		if err := tx.CreateService(ctx, &booking.Service{TenantID: tenantID, ID: serviceID, Name: "Cut", DurationMinutes: 30,
			Currency: "USD", TenantWide: true, Active: true, CreatedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		return seedStaff(ctx, tx, tenantID, now, nil, []string{serviceID})
	},
	"invites": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		_, hash, err := auth.NewOpaque("ivt_")
		if err != nil {
			return err
		}
		_, err = tx.CreateInvite(ctx, &membership.Invite{TenantID: tenantID, ID: id.New(id.Invite), Email: "x@example.com",
			Role: membership.Staff, Hash: hash, ExpiresAt: now.Add(membership.InviteTTL), CreatedAt: now})
		return err
	},
	"api_keys": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return tx.CreateAPIKey(ctx, &apikey.Key{TenantID: tenantID, ID: id.New(id.APIKey), Name: "k", Environment: "prod",
			Scopes: apikey.DefaultScopes(), Prefix: "tnt_live_" + tenantID[4:11], Hash: apikey.Hash(tenantID), CreatedAt: now})
	},
	"login_tokens": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		_, hash, err := auth.NewOpaque(auth.LoginTokenPrefix)
		if err != nil {
			return err
		}
		return tx.CreateLoginToken(ctx, &auth.LoginToken{TenantID: tenantID, ID: id.New(id.LoginToken), Hash: hash,
			CreatedAt: now, ExpiresAt: now.Add(auth.LoginTokenTTL)})
	},
	"webhook_endpoints": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return tx.CreateWebhookEndpoint(ctx, seedWebhook(tenantID, now))
	},
	"webhook_deliveries": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		if err := tx.CreateWebhookEndpoint(ctx, seedWebhook(tenantID, now)); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Event{TenantID: tenantID, ID: id.New(id.Audit), Action: "tenant.update",
			ResourceType: "tenant", ResourceID: tenantID, Outcome: audit.Success, CreatedAt: now})
	},
	"auth_configs": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		_, err := tx.PutAuthConfig(ctx, &auth.TenantConfig{TenantID: tenantID, CreatedAt: now, UpdatedAt: now})
		return err
	},
	"gateway_credentials": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return tx.PutCredential(ctx, &credential.Credential{TenantID: tenantID, ID: id.New(id.Credential), Provider: credential.PaperID,
			Public: credential.Fields{}, SecretSealed: "v1.x", Enabled: true, CreatedAt: now, UpdatedAt: now})
	},
	"storage_configs": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return tx.PutStorageConfig(ctx, &storage.Record{TenantID: tenantID, Provider: storage.S3, Bucket: "audit-logs",
			Region: "us-east-1", SecretSealed: "v1.x", CreatedAt: now, UpdatedAt: now})
	},
	"tenant_files": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return tx.PutTenantFile(ctx, &tenant.File{TenantID: tenantID, ID: id.New(id.File), Purpose: tenant.LogoFile,
			ContentType: "image/png", Size: 4, Content: []byte("logo"), SHA256: "sha", CreatedAt: now})
	},
	"tenant_settings": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return tx.PutTenantSetting(ctx, &store.TenantSetting{TenantID: tenantID, Key: settings.PrimaryColor,
			Entry: settings.Entry{Value: []byte(`"#123456"`)}, UpdatedAt: now})
	},
	"request_meters": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return tx.AddMeterCounts(ctx, []metering.Count{{TenantID: tenantID, Hour: now.Truncate(time.Hour), Requests: 1}})
	},
	"audit_seals": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		s := &audit.Seal{TenantID: tenantID, Batch: 1, FirstSeq: 1, LastSeq: 1, PrevHash: audit.Genesis(tenantID),
			LastAt: now, LastID: "aud_x", KeyID: "k", Signature: []byte("s"), SealedAt: now}
		return tx.AppendSeal(ctx, s, []audit.Link{{Seq: 1, Batch: 1, EventID: "aud_x"}})
	},
	"payments": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return tx.CreatePayment(ctx, &plan.Payment{TenantID: tenantID, ID: id.New(id.Payment), SubscriptionID: "sub_x",
			PlanID: "plan_basic", Amount: 2900, Currency: "USD", Status: plan.PaymentPaid, PeriodStart: now,
			PeriodEnd: now.AddDate(0, 1, 0), Provider: plan.ProviderNone, CreatedAt: now, UpdatedAt: now})
	},
	"customers": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return tx.CreateCustomer(ctx, &customer.Customer{TenantID: tenantID, ID: id.New(id.Customer), Name: "Ana Cruz",
			Email: "ana@example.com", Status: customer.Active, CreatedAt: now, UpdatedAt: now})
	},
	"appointments": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		outletID, err := seedOutlet(ctx, tx, tenantID, now)
		if err != nil {
			return err
		}
		a := &booking.Appointment{TenantID: tenantID, ID: id.New(id.Appointment), OutletID: outletID,
			CustomerID: id.New(id.Customer), ServiceID: id.New(id.Service), StaffID: id.New(id.StaffMember),
			StartAt: now, EndAt: now.Add(30 * time.Minute), StartMonth: now.Format("2006-01"), Status: booking.Pending,
			Price: 2500, Currency: "USD", StatusChangedAt: now, CreatedAt: now, UpdatedAt: now}
		for _, err := range []error{
			tx.CreateCustomer(ctx, &customer.Customer{TenantID: tenantID, ID: a.CustomerID, Name: "Ana", Status: customer.Active,
				CreatedAt: now, UpdatedAt: now}),
			tx.CreateService(ctx, &booking.Service{TenantID: tenantID, ID: a.ServiceID, Name: "Cut", DurationMinutes: 30,
				Currency: "USD", TenantWide: true, Active: true, CreatedAt: now, UpdatedAt: now}),
			tx.CreateStaff(ctx, &booking.Staff{TenantID: tenantID, ID: a.StaffID, Name: "Ana", OutletIDs: []string{outletID},
				Active: true, CreatedAt: now, UpdatedAt: now}),
		} {
			if err != nil {
				return err
			}
		}
		return tx.CreateAppointment(ctx, a)
	},
	"audit_redactions": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		e := &audit.Event{TenantID: tenantID, ID: id.New(id.Audit), ActorID: "usr_x", Action: "seed", Outcome: audit.Success, CreatedAt: now}
		if err := tx.AppendAudit(ctx, e); err != nil {
			return err
		}
		before := audit.EventHash(e)
		e.ActorID = "erased-user-x"
		return tx.RedactAudit(ctx, before, e, "erased-user-x", now)
	},
	// No store method writes tenant_counters (the triggers do, and a
	// customer makes two rows): its one row is written directly.
	"tenant_counters": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		_, err := tx.SQL().ExecContext(ctx, `INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
			VALUES ($1, 'appointments', $2, 'pending', 1)`, tenantID, now.Format("2006-01"))
		return err
	},
	"tenant_exports": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		e := &store.TenantExport{TenantID: tenantID, ID: id.New(id.Export), Format: "ndjson", StartedAt: now}
		if err := tx.StartExport(ctx, e); err != nil {
			return err
		}
		return tx.CompleteExport(ctx, tenantID, e.ID, 1, 100, now)
	},
	"tenant_imports": func(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
		return tx.StartImport(ctx, &store.TenantImport{TenantID: tenantID, ExportID: id.New(id.Export), StartedAt: now})
	},
}

// seedOutlet writes an outlet of tenantID and returns its id.
func seedOutlet(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) (string, error) {
	o := &outlet.Outlet{TenantID: tenantID, ID: id.New(id.Outlet), Name: "Main", Timezone: "UTC", Hours: outlet.Hours{},
		Active: true, CreatedAt: now, UpdatedAt: now}
	return o.ID, tx.CreateOutlet(ctx, o)
}

// seedService writes a service of tenantID at outletIDs (none: every outlet).
func seedService(ctx context.Context, tx *store.Tx, tenantID string, now time.Time, outletIDs []string) error {
	return tx.CreateService(ctx, &booking.Service{TenantID: tenantID, ID: id.New(id.Service), Name: "Cut", DurationMinutes: 30,
		Currency: "USD", TenantWide: len(outletIDs) == 0, OutletIDs: outletIDs, Active: true, CreatedAt: now, UpdatedAt: now})
}

// seedStaff writes a staff member of tenantID at outletIDs providing serviceIDs.
func seedStaff(ctx context.Context, tx *store.Tx, tenantID string, now time.Time, outletIDs, serviceIDs []string) error {
	return tx.CreateStaff(ctx, &booking.Staff{TenantID: tenantID, ID: id.New(id.StaffMember), Name: "Ana", OutletIDs: outletIDs,
		ServiceIDs: serviceIDs, Active: true, CreatedAt: now, UpdatedAt: now})
}

// TestTablesRowLevelSecurity checks the database's own isolation of the
// tenant-owned tables added after the first migration (the first ones are
// covered by TestRowLevelSecurity).
func TestTablesRowLevelSecurity(t *testing.T) {
	cases := []tableCase{
		{"outlets", `UPDATE outlets SET name = 'hijacked'`,
			`INSERT INTO outlets (tenant_id, id, name, name_key, timezone, created_at, updated_at)
			 VALUES ($1, 'out_planted', 'x', 'x', 'UTC', now(), now())`},
		{"services", `UPDATE services SET name = 'hijacked', price = 0`,
			`INSERT INTO services (tenant_id, id, name, name_key, duration_minutes, price, currency, created_at, updated_at)
			 VALUES ($1, 'svc_planted', 'x', 'x', 30, 1, 'USD', now(), now())`},
		{"service_outlets", `UPDATE service_outlets SET outlet_id = outlet_id`,
			`INSERT INTO service_outlets (tenant_id, service_id, outlet_id) VALUES ($1, 'svc_planted', 'out_planted')`},
		{"staff", `UPDATE staff SET name = 'hijacked', commission_bp = 10000`,
			`INSERT INTO staff (tenant_id, id, name, name_key, created_at, updated_at) VALUES ($1, 'stf_planted', 'x', 'x', now(), now())`},
		{"staff_outlets", `UPDATE staff_outlets SET availability = '{}'`,
			`INSERT INTO staff_outlets (tenant_id, staff_id, outlet_id) VALUES ($1, 'stf_planted', 'out_planted')`},
		{"staff_services", `UPDATE staff_services SET service_id = service_id`,
			`INSERT INTO staff_services (tenant_id, staff_id, service_id) VALUES ($1, 'stf_planted', 'svc_planted')`},
		{"invites", `UPDATE invites SET revoked_at = now()`,
			`INSERT INTO invites (tenant_id, id, email, role, token_hash, expires_at, created_at)
			 VALUES ($1, 'inv_planted', 'p@example.com', 'owner', 'planted', now() + interval '1 day', now())`},
		{"api_keys", `UPDATE api_keys SET key_hash = 'hijacked', revoked_at = NULL`,
			`INSERT INTO api_keys (tenant_id, id, name, environment, prefix, key_hash, created_at)
			 VALUES ($1, 'key_planted', 'x', 'prod', 'tnt_live_x', 'planted', now())`},
		{"login_tokens", `UPDATE login_tokens SET used_at = NULL, expires_at = now() + interval '1 day'`,
			`INSERT INTO login_tokens (tenant_id, id, token_hash, created_at, expires_at)
			 VALUES ($1, 'ltk_planted', 'planted', now(), now() + interval '1 day')`},
		{"webhook_endpoints", `UPDATE webhook_endpoints SET url = 'https://evil.example/hook', enabled = true`,
			`INSERT INTO webhook_endpoints (tenant_id, id, url, enabled, secret_sealed, created_at, updated_at)
			 VALUES ($1, 'whk_planted', 'https://evil.example/hook', true, 'v1.planted', now(), now())`},
		{"webhook_deliveries", `UPDATE webhook_deliveries SET status = 'pending', payload = '{}'`,
			`INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_type, resource_key, payload, status,
			 next_attempt, created_at, updated_at) VALUES ($1, 'msg_planted', 'whk_planted', 'evt_x', 'tenant.updated', 'tenant:x',
			 '{}', 'pending', now(), now(), now())`},
		{"auth_configs", `UPDATE auth_configs SET updated_at = now()`,
			`INSERT INTO auth_configs (tenant_id, created_at, updated_at) VALUES ($1, now(), now())`},
		{"gateway_credentials", `UPDATE gateway_credentials SET secret_sealed = 'hijacked', enabled = true`,
			`INSERT INTO gateway_credentials (tenant_id, id, provider, secret_sealed, enabled, created_at, updated_at)
			 VALUES ($1, 'crd_planted', 'stripe', 'v1.planted', true, now(), now())`},
		{"storage_configs", `UPDATE storage_configs SET secret_sealed = 'hijacked', endpoint = 'https://evil.example'`,
			`INSERT INTO storage_configs (tenant_id, provider, bucket, secret_sealed, created_at, updated_at)
			 VALUES ($1, 'S3', 'planted', 'v1.planted', now(), now())`},
		{"tenant_files", `DELETE FROM tenant_files`,
			`INSERT INTO tenant_files (tenant_id, id, purpose, content_type, size, content, sha256, created_at)
			 VALUES ($1, 'fil_planted', 'other', 'image/png', 1, 'x', 'planted', now())`},
		{"tenant_settings", `UPDATE tenant_settings SET value = '"#000000"'`,
			`INSERT INTO tenant_settings (tenant_id, key, value, updated_at) VALUES ($1, 'branding.logo_url', '"x"', now())`},
		{"payments", `UPDATE payments SET status = 'refunded'`,
			`INSERT INTO payments (tenant_id, id, subscription_id, plan_id, amount, currency, status, period_start, period_end,
			 created_at, updated_at) VALUES ($1, 'pay_planted', 'sub_x', 'plan_basic', 1, 'USD', 'paid', now(), now(), now(), now())`},
		{"audit_seals", `UPDATE audit_seals SET pruned_at = now()`,
			`INSERT INTO audit_seals (tenant_id, batch, first_seq, last_seq, prev_hash, hash, last_at, last_id, key_id, signature,
			 sealed_at) VALUES ($1, 2, 2, 2, 'x', 'x', now(), 'aud_planted', 'k', 's', now())`},
		{"request_meters", `UPDATE request_meters SET requests = 1000000`,
			`INSERT INTO request_meters (tenant_id, hour, requests) VALUES ($1, now(), 1)`},
		{"appointments", `UPDATE appointments SET status = 'cancelled', price = 0`,
			`INSERT INTO appointments (tenant_id, id, outlet_id, customer_id, service_id, staff_id, start_at, end_at,
			 start_month, price, currency, status_changed_at, created_at, updated_at)
			 VALUES ($1, 'apt_planted', 'out_x', 'cst_x', 'svc_x', 'stf_x', now(), now(), '2026-01', 1, 'USD', now(), now(), now())`},
		{"audit_redactions", `UPDATE audit_redactions SET redacted_hash = 'x', pending = true`,
			`INSERT INTO audit_redactions (tenant_id, event_id, original_hash, pseudonym, redacted_at) VALUES ($1, 'aud_planted', 'x', 'p', now())`},
		{"tenant_exports", `UPDATE tenant_exports SET completed_at = now()`,
			`INSERT INTO tenant_exports (tenant_id, id, format, started_at) VALUES ($1, 'exp_planted', 'ndjson', now())`},
		{"tenant_counters", `UPDATE tenant_counters SET n = 1000000`,
			`INSERT INTO tenant_counters (tenant_id, kind, period, status, n) VALUES ($1, 'appointments', '2026-01', 'pending', 1000000)`},
		{"tenant_imports", `UPDATE tenant_imports SET completed_at = now()`,
			`INSERT INTO tenant_imports (tenant_id, export_id, started_at) VALUES ($1, 'exp_planted', now())`},
		{"customers", `UPDATE customers SET notes = 'hijacked', deleted_at = NULL`,
			`INSERT INTO customers (tenant_id, id, name, name_key, created_at, updated_at)
			 VALUES ($1, 'cst_planted', 'x', 'x', now(), now())`},
	}
	for _, c := range cases {
		t.Run(c.table, func(t *testing.T) {
			t.Parallel()
			url := pgtest.NewDatabase(t)
			db := openURL(t, url)
			raw := rawDB(t, url)
			a, b := seedTwo(t, db)
			now := time.Now().UTC()
			for _, tenantID := range []string{a, b} {
				if err := db.InSystem(ctx, func(tx *store.Tx) error { return seeders[c.table](ctx, tx, tenantID, now) }); err != nil {
					t.Fatal(err)
				}
			}
			checkIsolated(t, db, raw, c, a, b)
		})
	}
}

// TestAPIKeysAreNeverDeleted checks that the application role may not delete
// API keys: revoked keys stay for the audit trail.
func TestAPIKeysAreNeverDeleted(t *testing.T) {
	url := pgtest.NewDatabase(t)
	db := openURL(t, url)
	a, _ := seedTwo(t, db)
	if err := db.InSystem(ctx, func(tx *store.Tx) error { return seeders["api_keys"](ctx, tx, a, time.Now().UTC()) }); err != nil {
		t.Fatal(err)
	}
	err := db.InTenant(ctx, a, func(tx *store.Tx) error { _, err := tx.SQL().Exec(`DELETE FROM api_keys`); return err })
	if err == nil {
		t.Error("the application role deleted API keys")
	}
}

// TestEveryTenantTableIsForced reads the catalog: every table with a
// tenant_id column has forced row-level security and the tenant_isolation
// policy, so a table added later cannot forget it. A table whose tenant_id
// is only informational (platform-level rows, "" when none) says so in its
// comment, "global: why" or "local: why" (migration 0037), which is also
// how it is placed on Citus; those are exactly the ones named here.
func TestEveryTenantTableIsForced(t *testing.T) {
	url := pgtest.NewDatabase(t)
	openURL(t, url)
	raw := rawDB(t, url)
	informational := map[string]string{
		"refresh_tokens": "global",
		"jobs":           "local",
		"mfa_challenges": "global",
		"tenant_slugs":   "global",
	}
	rows, err := raw.Query(`SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity,
		EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname AND p.policyname = 'tenant_isolation'),
		COALESCE(obj_description(c.oid, 'pg_class'), '')
		FROM pg_class c JOIN information_schema.columns col
		  ON col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'tenant_id'
		WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var table, comment string
		var forced, policy bool
		if err := rows.Scan(&table, &forced, &policy, &comment); err != nil {
			t.Fatal(err)
		}
		placement, why, _ := strings.Cut(comment, ": ")
		if want, ok := informational[table]; ok {
			if placement != want || why == "" {
				t.Errorf("%s: comment %q, want %q: and the reason its tenant_id is informational", table, comment, want+": ")
			}
			continue
		}
		if placement == "global" || placement == "local" {
			t.Errorf("%s is commented %s but not named in this test", table, placement)
		}
		n++
		if !forced || !policy {
			t.Errorf("%s has tenant_id but forced row-level security = %v, tenant_isolation policy = %v", table, forced, policy)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 8 { // memberships, subscriptions, tenant_changes, audit_logs, auth_configs, outlets, invites, api_keys
		t.Fatalf("only %d tenant-owned tables found", n)
	}
}

// TestPoliciesEvaluateOncePerStatement reads the catalog: every
// tenant_isolation policy calls tenantry_tenant() and tenantry_system()
// inside a scalar subquery (migration 0036), computed once per statement,
// never bare, which PostgreSQL would call again for every row it filters.
func TestPoliciesEvaluateOncePerStatement(t *testing.T) {
	url := pgtest.NewDatabase(t)
	openURL(t, url)
	raw := rawDB(t, url)
	rows, err := raw.Query(`SELECT tablename, qual, COALESCE(with_check, '') FROM pg_policies
		WHERE schemaname = 'public' AND policyname = 'tenant_isolation' ORDER BY tablename`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	wrapped := regexp.MustCompile(`SELECT tenantry_(tenant|system)\(\) AS tenantry_(tenant|system)`)
	n := 0
	for rows.Next() {
		var table, qual, check string
		if err := rows.Scan(&table, &qual, &check); err != nil {
			t.Fatal(err)
		}
		n++
		for _, expr := range []string{qual, check} {
			if bare := wrapped.ReplaceAllString(expr, ""); strings.Contains(bare, "tenantry_") {
				t.Errorf("%s: policy calls a tenantry_ function per row: %s (write (SELECT tenantry_tenant()))", table, expr)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("only %d tenant_isolation policies found", n)
	}
}
