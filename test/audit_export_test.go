package test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
)

func TestAuditExport(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		a := h.register(t, "Exported Spa")
		tok := h.scoped(t, a.email, a.password, a.tenantID)
		const n = 2500 // three batches of the sealer
		start := h.seedAudit(t, a.tenantID, "x", n)
		h.seal(t)
		h.seedAudit(t, a.tenantID, "y", 5) // not sealed yet
		total := h.get(t, "/api/v1/audit-logs?limit=1", tok).expect(http.StatusOK).total()
		at := func(i int) string {
			return url.QueryEscape(start.Add(time.Duration(i) * time.Microsecond).Format(time.RFC3339Nano))
		}
		verify := func(t *testing.T, body []byte) audit.Report {
			t.Helper()
			r, err := audit.VerifyFile(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("verify the file: %v\n%.500s", err, body)
			}
			return r
		}

		for _, format := range []string{"ndjson", "csv"} {
			t.Run(format, func(t *testing.T) {
				r := h.get(t, "/api/v1/audit-logs/export?format="+format, tok).expect(http.StatusOK)
				if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, map[string]string{"ndjson": "application/x-ndjson", "csv": "text/csv"}[format]) {
					t.Errorf("Content-Type %q", ct)
				}
				if cd := r.header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "."+format) {
					t.Errorf("Content-Disposition %q", cd)
				}
				rep := verify(t, r.body)
				if !rep.OK || rep.TenantID != a.tenantID || rep.Events != int64(total-5) || rep.Unsealed != 5 || rep.Uncovered != 0 || rep.Batches != 3 {
					t.Errorf("whole export: %+v (problem %+v), want %d sealed events in 3 batches and 5 unsealed", rep, rep.Problem, total-5)
				}

				// A range that starts and ends inside batches.
				part := h.get(t, "/api/v1/audit-logs/export?format="+format+"&from="+at(1500)+"&to="+at(2200), tok).expect(http.StatusOK)
				rep = verify(t, part.body)
				if !rep.OK || rep.Events+rep.Uncovered != 700 || rep.Unsealed != 0 {
					t.Errorf("partial export: %+v (problem %+v), want 700 events", rep, rep.Problem)
				}
				if format == "ndjson" && !bytes.Contains(part.body, []byte(`{"type":"resume"`)) {
					t.Errorf("a partial export that starts inside a batch has no resume line")
				}

				// One event edited: the verification names it.
				victim := "evt_x000001234"
				edited := editLine(t, r.body, victim, `test.seed`, `test.edit`)
				rep = verify(t, edited)
				if rep.OK || rep.Problem == nil || rep.Problem.Kind != audit.Edited || rep.Problem.EventID != victim {
					t.Errorf("edited file: %+v (problem %+v), want %s named edited", rep, rep.Problem, victim)
				}
				// Cut short: told apart from a shorter range.
				cut := r.body[:bytes.LastIndexByte(r.body[:len(r.body)-1], '\n')+1]
				if rep = verify(t, cut); rep.OK || rep.Problem.Kind != audit.Truncated {
					t.Errorf("truncated file: %+v (problem %+v)", rep, rep.Problem)
				}
			})
		}

		t.Run("the server's published keys verify it", func(t *testing.T) {
			var jwks struct {
				Keys []struct{ Kid, X string } `json:"keys"`
			}
			if err := json.Unmarshal(h.get(t, "/.well-known/jwks.json", "").expect(http.StatusOK).body, &jwks); err != nil {
				t.Fatal(err)
			}
			trusted := map[string]ed25519.PublicKey{}
			for _, k := range jwks.Keys {
				x, err := base64.RawURLEncoding.DecodeString(k.X)
				if err != nil {
					t.Fatal(err)
				}
				trusted[k.Kid] = x
			}
			body := h.get(t, "/api/v1/audit-logs/export", tok).expect(http.StatusOK).body
			if rep, err := audit.VerifyFileKeys(bytes.NewReader(body), trusted); err != nil || !rep.OK || rep.Batches != 3 {
				t.Errorf("with the published keys: %+v (problem %+v), %v", rep, rep.Problem, err)
			}
			other, _, _ := ed25519.GenerateKey(rand.Reader)
			for kid := range trusted {
				trusted[kid] = other
			}
			if rep, err := audit.VerifyFileKeys(bytes.NewReader(body), trusted); err != nil || rep.OK || rep.Problem.Kind != audit.SignatureInvalid {
				t.Errorf("with other keys: %+v (problem %+v), %v", rep, rep.Problem, err)
			}
		})

		t.Run("platform admins export any tenant", func(t *testing.T) {
			r := h.get(t, "/api/v1/audit-logs/export?tenant_id="+a.tenantID+"&from="+at(0), h.admin(t)).expect(http.StatusOK)
			if rep := verify(t, r.body); !rep.OK || rep.Events != n || rep.Unsealed != 5 {
				t.Errorf("admin export: %+v (problem %+v)", rep, rep.Problem)
			}
		})

		t.Run("bad values", func(t *testing.T) {
			for q, field := range map[string]string{
				"format=xml":     "format",
				"from=yesterday": "from",
				"from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z": "to",
			} {
				h.get(t, "/api/v1/audit-logs/export?"+q, tok).problem(http.StatusUnprocessableEntity, "validation_failed").fieldError(field)
			}
			b := h.register(t, "Other Exported Spa")
			h.get(t, "/api/v1/audit-logs/export?tenant_id="+b.tenantID, tok).problem(http.StatusNotFound, "tenant_not_found")
		})
	})
}

// editLine replaces old by new in the one line (or CSV row) of body that
// names id, failing unless there is exactly one.
func editLine(t *testing.T, body []byte, id, old, new string) []byte {
	t.Helper()
	lines := bytes.SplitAfter(body, []byte("\n"))
	hits := 0
	for i, l := range lines {
		if bytes.Contains(l, []byte(id)) && bytes.Contains(l, []byte(old)) {
			lines[i] = bytes.Replace(l, []byte(old), []byte(new), 1)
			hits++
		}
	}
	if hits != 1 {
		t.Fatalf("%d lines name %s", hits, id)
	}
	return bytes.Join(lines, nil)
}
