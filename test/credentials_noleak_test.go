package test

import (
	"database/sql"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestCredentialsNeverLeak: after gateway secrets are set, replaced,
// refused and read back, none of them appears in any answer, in the
// server's log (every level), in the audit events (read through the API) or
// in any column of any table in plain text.
func TestCredentialsNeverLeak(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{debugLog: true}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Leak Proof Spa")
		sk, wh, pk := stripeKeys("Leak Proof Spa")
		secrets := []string{"your_secret_key_here", "Replaced-Secret-77", "Refused secret 123", sk, wh, "sk_test_RefusedKeyAbcdef0123"}
		var bodies []string
		do := func(r *response) *response {
			bodies = append(bodies, fmt.Sprintf("%s %s → %d %s %v", r.method, r.path, r.status, r.body, r.header))
			return r
		}
		paper, stripe := paperIDPath(tm.tenantID), stripePath(tm.tenantID)
		do(h.put(t, paper, tm.owner, paperIDSeed())).expect(http.StatusOK)
		do(h.put(t, paper, tm.owner, map[string]any{"client_secret": "Replaced-Secret-77"})).expect(http.StatusOK)
		do(h.put(t, paper, tm.owner, map[string]any{"client_secret": "Refused secret 123"})).expect(http.StatusUnprocessableEntity)
		do(h.get(t, paper, tm.owner)).expect(http.StatusOK)
		do(h.del(t, paper, tm.owner)).expect(http.StatusNoContent)
		do(h.put(t, paper, h.admin(t), map[string]any{"enabled": true})).expect(http.StatusOK)
		do(h.put(t, stripe, tm.owner, map[string]any{"secret_key": sk, "webhook_secret": wh, "publishable_key": pk})).expect(http.StatusOK)
		do(h.put(t, stripe, tm.owner, map[string]any{"secret_key": "sk_test_RefusedKeyAbcdef0123", "publishable_key": "pk_live_abcdefghijklm"})).
			expect(http.StatusUnprocessableEntity)
		do(h.get(t, stripe, tm.owner)).expect(http.StatusOK)
		do(h.get(t, stripe, h.admin(t))).expect(http.StatusOK)
		_, staff := h.teammate(t, tm, "staff@leak-proof.example.com", "staff")
		do(h.put(t, stripe, staff, map[string]any{"secret_key": sk})).expect(http.StatusForbidden)
		for _, path := range []string{"/api/v1/tenants/" + tm.tenantID, "/api/v1/tenants/me", "/api/v1/public/tenants/" + tm.slug,
			"/api/v1/public/tenants/" + tm.slug + "/client-config", "/api/v1/audit-logs?limit=500"} {
			do(h.get(t, path, tm.owner)).expect(http.StatusOK)
		}
		audit := do(h.get(t, "/api/v1/audit-logs?limit=500&tenant_id="+tm.tenantID, h.admin(t))).expect(http.StatusOK)
		do(h.get(t, "/api/v1/audit-logs?limit=500", h.admin(t))).expect(http.StatusOK)
		n := 0
		for _, e := range audit.list() {
			if strings.HasPrefix(e.str("action"), "credential.") {
				n++
			}
		}
		if n != 5 {
			t.Errorf("%d credential audit events, want 5", n)
		}

		for _, b := range bodies {
			noLeak(t, b, secrets...)
		}
		noLeak(t, h.log.String(), secrets...)
		if !strings.Contains(h.log.String(), "level=DEBUG") && !strings.Contains(h.log.String(), "level=INFO") {
			t.Errorf("the log kept no info or debug lines: the check would prove little:\n%s", h.log.String())
		}
		sealed := 0
		for _, cell := range everyCell(t, h.engine, h.rawDB(t)) {
			noLeak(t, cell, secrets...)
			if strings.HasPrefix(cell, "gateway_credentials.secret_sealed=v") {
				sealed++
			}
		}
		if sealed != 2 {
			t.Errorf("%d sealed gateway credentials in the database, want 2", sealed)
		}
	})
}

// everyCell returns every value of every column of every table of db (of
// engine), as "table.column=value".
func everyCell(t *testing.T, engine string, db *sql.DB) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if engine == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	var tables []string
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	if len(tables) < 20 {
		t.Fatalf("only %d tables: %v", len(tables), tables)
	}
	var out []string
	for _, table := range tables {
		rows, err := db.Query(`SELECT * FROM ` + table)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				out = append(out, fmt.Sprintf("%s.%s=%v", table, cols[i], v))
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return out
}
