package test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/exchange"
)

// TestExchangeRoundTrip exports a tenant with data in every area over
// HTTP, imports it into an empty installation (a second database) and
// exports it again there: the same records, the header aside, on each
// engine and across them (SQLite → PostgreSQL and back).
func TestExchangeRoundTrip(t *testing.T) {
	for _, pair := range [][2]string{{"sqlite", "sqlite"}, {"postgres", "postgres"}, {"sqlite", "postgres"}, {"postgres", "sqlite"}} {
		t.Run(pair[0]+"_to_"+pair[1], func(t *testing.T) {
			t.Parallel()
			src, dst := boot(t, pair[0], options{}), boot(t, pair[1], options{})
			acc, tok := src.richTenant(t, "Round Trip Salon")
			first := src.export(t, acc.tenantID, tok)

			counts := countTypes(t, first)
			for _, typ := range exchange.Types() {
				if counts[typ] == 0 {
					t.Errorf("the export holds no %s record: %v", typ, counts)
				}
			}
			for _, secret := range []string{"Sup3r-Secret-Value", "password_hash", "token_hash", "key_hash", "client_secret", "$argon2"} {
				if bytes.Contains(first, []byte(secret)) {
					t.Errorf("the export holds %q", secret)
				}
			}

			rep, err := dst.importFile(t, bytes.NewReader(first), 0)
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if rep.Resumed || rep.Users != 2 || len(rep.Linked) != 0 || rep.Records != int64(len(records(t, first))-1) {
				t.Errorf("import report: %+v", rep)
			}
			second := dst.export(t, acc.tenantID, dst.admin(t))
			sameRecords(t, first, second)

			// The imported owner has no password: signing in fails until a reset.
			dst.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": acc.password}).
				problem(http.StatusUnauthorized, "invalid_credentials")
			// The tenant's data answers through the API of the new installation.
			if got := dst.get(t, "/api/v1/customers", dst.admin(t)+"").status; got == http.StatusInternalServerError {
				t.Errorf("customers after import: %d", got)
			}
		})
	}
}

// TestExchangeDocument asks for the one-document JSON form (the reserva
// seed's "Export Tenant Data"), by Accept header and by format=json: one
// JSON value with the header, the records and the trailer.
func TestExchangeDocument(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, tok := h.richTenant(t, "Document Spa")
		nd := countTypes(t, h.export(t, acc.tenantID, tok))
		for _, r := range []*response{
			h.do(t, "GET", "/api/v1/tenants/"+acc.tenantID+"/export", req{token: tok, header: map[string]string{"Accept": "application/json"}}),
			h.get(t, "/api/v1/tenants/"+acc.tenantID+"/export?format=json", tok),
		} {
			r.expect(http.StatusOK)
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("content type %q", ct)
			}
			var doc struct {
				Header  exchange.Header `json:"header"`
				Records []struct {
					Type string          `json:"type"`
					Data json.RawMessage `json:"data"`
				} `json:"records"`
				Trailer exchange.Trailer `json:"trailer"`
			}
			if err := json.Unmarshal(r.body, &doc); err != nil {
				t.Fatalf("not one JSON document: %v", err)
			}
			got := map[string]int{}
			for _, rec := range doc.Records {
				got[rec.Type]++
			}
			if doc.Header.TenantID != acc.tenantID || doc.Trailer.Records != int64(len(doc.Records)) || len(got) != len(nd) {
				t.Errorf("document: header %+v, trailer %+v, types %v (ndjson %v)", doc.Header, doc.Trailer, got, nd)
			}
			if len(doc.Header.Reenter) == 0 || !strings.Contains(strings.Join(doc.Header.Reenter, " "), "password") {
				t.Errorf("the header says nothing to re-enter: %v", doc.Header.Reenter)
			}
		}
		h.get(t, "/api/v1/tenants/"+acc.tenantID+"/export?format=xml", tok).problem(http.StatusUnprocessableEntity, "validation_failed")
	})
}
