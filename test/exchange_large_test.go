package test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/exchange"
	"github.com/tenantry/tenantry/internal/store"
)

// TestExchangeExportMillion streams the export of a tenant with a million
// appointments through the HTTP server and reads it back as it arrives
// (trailer counts checked), while sampling the heap of the process
// (server and client alike): it must not grow by 50 MiB. The engines run
// one after the other and the test is not parallel, so that nothing else
// allocates meanwhile.
func TestExchangeExportMillion(t *testing.T) {
	if testing.Short() {
		t.Skip("a million appointments")
	}
	const n = 1_000_000
	const limit = 50 << 20
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			h := boot(t, eng, options{})
			a := h.register(t, "Million Bookings")
			tok := h.scoped(t, a.email, a.password, a.tenantID)
			outletID := h.createOutlet(t, tok, "Main", "Manila")
			svc := h.createService(t, tok, "Cut", outletID)
			staffID := h.createStaff(t, tok, "Ana", outletID)
			cst := h.createCustomer(t, tok, "Bea", "bea@million.example.com").str("id")
			began := time.Now()
			h.seedAppointments(t, a.tenantID, outletID, cst, svc, staffID, n)
			seeded := time.Now()
			t.Logf("%s: %d appointments inserted in %v", eng, n, seeded.Sub(began).Round(time.Millisecond))

			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			defer cancel()
			hr, err := http.NewRequestWithContext(ctx, http.MethodGet, h.base+"/api/v1/tenants/"+a.tenantID+"/export", nil)
			if err != nil {
				t.Fatal(err)
			}
			hr.Header.Set("Authorization", "Bearer "+tok)
			stop := watchHeap()
			res, err := (&http.Client{}).Do(hr)
			if err != nil {
				t.Fatal(err)
			}
			got, bytes, err := readAll(res.Body)
			res.Body.Close()
			base, top := stop()
			if err != nil {
				t.Fatalf("read the export: %v", err)
			}
			t.Logf("%s: %d MiB exported and read in %v; heap in use %d MiB before, at most %d MiB during", eng, bytes>>20,
				time.Since(seeded).Round(time.Millisecond), base>>20, top>>20)
			if res.StatusCode != http.StatusOK || got[exchange.TypeAppointment] != n {
				t.Errorf("export: status %d, %v", res.StatusCode, got)
			}
			if top > base && top-base > limit {
				t.Errorf("the heap grew by %d MiB during the export, more than %d MiB", (top-base)>>20, limit>>20)
			}
		})
	}
}

// readAll reads an export to its checked end, counting records per type.
func readAll(r io.Reader) (map[string]int, int64, error) {
	rd, err := exchange.NewReader(r)
	if err != nil {
		return nil, 0, err
	}
	out := map[string]int{}
	for {
		typ, _, err := rd.Next()
		if err == io.EOF {
			return out, rd.Bytes(), nil
		}
		if err != nil {
			return out, rd.Bytes(), err
		}
		out[typ]++
	}
}

// seedAppointments inserts n appointments of one outlet, customer, service
// and staff member, a thousand per statement, in one transaction, a
// minute apart (the store's rules are not what this measures).
func (h *harness) seedAppointments(t testing.TB, tenantID, outletID, customerID, serviceID, staffID string, n int) {
	t.Helper()
	const perStmt = 1000
	start := h.clock.peek().UTC().Truncate(time.Minute)
	ctx := context.Background()
	err := h.srv.App.DB().Run(ctx, store.Unit{System: true, Budget: 10 * time.Minute}, func(tx *store.Tx) error {
		for i := 0; i < n; i += perStmt {
			k := min(perStmt, n-i)
			var q strings.Builder
			q.WriteString(`INSERT INTO appointments (tenant_id, id, outlet_id, customer_id, service_id, staff_id, start_at, end_at,
				start_month, price, currency, status_changed_at, created_at, updated_at) VALUES `)
			args := make([]any, 0, 14*k)
			for j := i; j < i+k; j++ {
				if j > i {
					q.WriteString(", ")
				}
				q.WriteString(`(?, ?, ?, ?, ?, ?, ?, ?, ?, 2500, 'USD', ?, ?, ?)`)
				at := start.Add(time.Duration(j) * time.Minute)
				now := start.Format("2006-01-02T15:04:05.000000Z")
				args = append(args, tenantID, fmt.Sprintf("apt_m%09d", j), outletID, customerID, serviceID, staffID,
					at.Format("2006-01-02T15:04:05.000000Z"), at.Add(30*time.Minute).Format("2006-01-02T15:04:05.000000Z"),
					at.Format("2006-01"), now, now, now)
			}
			if _, err := tx.SQL().ExecContext(ctx, tx.Rebind(q.String()), args...); err != nil {
				return fmt.Errorf("seed appointments: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
