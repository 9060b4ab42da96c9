package test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/exchange"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// richTenant registers a tenant with data in every area an export holds:
// settings and configuration, its subscription and a payment, outlets
// (one deleted), a second member, an invite, an API key, auth
// configuration with a provider secret, a service, a staff member with
// availability and the service, customers (one deleted), an appointment,
// and the audit events all of it wrote.
func (h *harness) richTenant(t *testing.T, name string) (account, string) {
	t.Helper()
	acc := h.register(t, name)
	tok := h.scoped(t, acc.email, acc.password, acc.tenantID)
	gone := h.createOutlet(t, tok, "Closed Branch", "Cebu")
	h.del(t, "/api/v1/outlets/"+gone, tok).expect(http.StatusNoContent)
	outletID := h.createOutlet(t, tok, "Main Branch", "Manila")
	h.put(t, "/api/v1/configs/branding.primary_color", tok, map[string]any{"value": "#112233"}).expect(http.StatusOK)
	h.authConfig(t, tok, acc.tenantID, map[string]any{"third_party_enabled": true,
		"providers": []any{map[string]any{"id": "google", "name": "Google", "client_id": "google-client", "client_secret": "Sup3r-Secret-Value"}}})
	h.addMember(t, tok, acc.tenantID, "manager@"+key(name)+".example.com", membership.OutletManager, outletID)
	h.post(t, "/api/v1/invites", tok, map[string]any{"email": "invitee@" + key(name) + ".example.com", "role": "viewer"}).
		expect(http.StatusCreated)
	h.createKey(t, tok, "Booking widget", "prod", "customers:read")
	svc := h.createService(t, tok, "Haircut", outletID)
	staff := staffBody("Ana Cruz", outletID)
	staff["service_ids"] = []string{svc}
	staffID := h.post(t, "/api/v1/staff", tok, staff).expect(http.StatusCreated).obj().str("id")
	cst := h.createCustomer(t, tok, "Bea Santos", "bea@"+key(name)+".example.com").str("id")
	old := h.createCustomer(t, tok, "Carl Reyes", "carl@"+key(name)+".example.com").str("id")
	h.del(t, "/api/v1/customers/"+old, tok).expect(http.StatusNoContent)

	ctx := context.Background()
	now := h.clock.peek().UTC().Truncate(time.Microsecond)
	err := h.srv.App.DB().InTenant(ctx, acc.tenantID, func(tx *store.Tx) error {
		sub, err := tx.CurrentSubscription(ctx, acc.tenantID)
		if err != nil {
			return err
		}
		if err := tx.CreatePayment(ctx, &plan.Payment{TenantID: acc.tenantID, ID: id.New(id.Payment), SubscriptionID: sub.ID,
			PlanID: sub.Plan, Amount: 4900, Currency: "USD", Status: plan.PaymentPaid, PeriodStart: now, PeriodEnd: now.AddDate(0, 1, 0),
			Provider: plan.ProviderNone, CreatedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		start := now.Add(48 * time.Hour).Truncate(time.Hour)
		return tx.CreateAppointment(ctx, &booking.Appointment{TenantID: acc.tenantID, ID: id.New(id.Appointment), OutletID: outletID,
			CustomerID: cst, ServiceID: svc, StaffID: staffID, StartAt: start, EndAt: start.Add(45 * time.Minute),
			StartMonth: start.Format("2006-01"), Status: booking.Pending, Notes: "First visit", Price: 2500, Currency: "USD",
			StatusChangedAt: now, CreatedAt: now, UpdatedAt: now})
	})
	if err != nil {
		t.Fatalf("seed payment and appointment: %v", err)
	}
	return acc, tok
}

// export fetches a tenant's export over HTTP with token, as NDJSON.
func (h *harness) export(t *testing.T, tenantID, token string) []byte {
	t.Helper()
	r := h.do(t, "GET", "/api/v1/tenants/"+tenantID+"/export", req{token: token,
		header: map[string]string{"Accept": "application/x-ndjson"}}).expect(http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "application/x-ndjson" {
		t.Fatalf("export content type %q", ct)
	}
	return r.body
}

// importFile imports an export into h's installation, in batches of batch records.
func (h *harness) importFile(t *testing.T, r io.Reader, batch int) (*app.ImportReport, error) {
	t.Helper()
	return h.srv.App.ImportTenant(context.Background(), r, app.ImportOptions{Batch: batch})
}

// records are an export's lines after its header, which alone holds the
// export's id and time.
func records(t *testing.T, file []byte) []string {
	t.Helper()
	if _, err := exchange.NewReader(bytes.NewReader(file)); err != nil {
		t.Fatalf("read export header: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(file), "\n"), "\n")
	return lines[1:]
}

// sameRecords fails t unless two exports hold the same records.
func sameRecords(t *testing.T, a, b []byte) {
	t.Helper()
	ra, rb := records(t, a), records(t, b)
	if len(ra) != len(rb) {
		t.Errorf("the exports hold %d and %d lines", len(ra), len(rb))
	}
	for i := 0; i < len(ra) && i < len(rb); i++ {
		if ra[i] != rb[i] {
			t.Errorf("line %d differs:\n  %s\n  %s", i+2, ra[i], rb[i])
		}
	}
}

// countTypes reads an export to its end and returns its records per type.
func countTypes(t *testing.T, file []byte) map[string]int {
	t.Helper()
	rd, err := exchange.NewReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for {
		typ, _, err := rd.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("read export: %v", err)
		}
		out[typ]++
	}
}

// failingReader returns the first n bytes of b, then fails: a transfer cut short.
type failingReader struct {
	r *bytes.Reader
	n int
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, io.ErrUnexpectedEOF
	}
	if len(p) > f.n {
		p = p[:f.n]
	}
	k, err := f.r.Read(p)
	f.n -= k
	return k, err
}
