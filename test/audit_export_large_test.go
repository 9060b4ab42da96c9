package test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
)

// TestAuditExportMillion streams an export of a million events — the first
// quarter sealed into 250 signed batches, the rest not yet — through the
// HTTP server and verifies it offline as it arrives, while sampling the
// heap of the process (server and client alike): it must not grow by
// 50 MiB. The engines run one after the other and the test is not
// parallel, so that nothing else allocates meanwhile.
func TestAuditExportMillion(t *testing.T) {
	if testing.Short() {
		t.Skip("a million events")
	}
	const n, sealed = 1_000_000, 250_000
	const limit = 50 << 20
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			h := boot(t, eng, options{})
			a := h.register(t, "Million Spa")
			tok := h.scoped(t, a.email, a.password, a.tenantID)
			began := time.Now()
			h.seedAudit(t, a.tenantID, "m", sealed)
			h.seal(t)
			h.seedAudit(t, a.tenantID, "n", n-sealed)
			seeded := time.Now()
			t.Logf("%s: %d events inserted, %d of them sealed, in %v", eng, n, sealed, seeded.Sub(began).Round(time.Millisecond))

			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			hr, err := http.NewRequestWithContext(ctx, http.MethodGet, h.base+"/api/v1/audit-logs/export", nil)
			if err != nil {
				t.Fatal(err)
			}
			hr.Header.Set("Authorization", "Bearer "+tok)
			stop := watchHeap()
			res, err := (&http.Client{}).Do(hr)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := audit.VerifyFile(res.Body)
			res.Body.Close()
			base, top := stop()
			if err != nil {
				t.Fatalf("verify the export: %v", err)
			}
			t.Logf("%s: exported and verified in %v; heap in use %d MiB before, at most %d MiB during", eng,
				time.Since(seeded).Round(time.Millisecond), base>>20, top>>20)
			if res.StatusCode != http.StatusOK || !rep.OK || rep.Events < sealed || rep.Batches < sealed/1000 || rep.Unsealed < n-sealed {
				t.Errorf("export: status %d, %+v (problem %+v)", res.StatusCode, rep, rep.Problem)
			}
			if top > base && top-base > limit {
				t.Errorf("the heap grew by %d MiB during the export, more than %d MiB", (top-base)>>20, limit>>20)
			}
		})
	}
}
