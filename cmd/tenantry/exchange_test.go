package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/exchange"
	"github.com/tenantry/tenantry/internal/pgtest"
)

// TestExportImportCommands walks the SQLite → PostgreSQL recipe of
// docs/export.md with the commands: `tenantry import` a file into a fresh
// SQLite data folder, `tenantry export` it from there, `tenantry import`
// that into PostgreSQL and export it again: the same records.
func TestExportImportCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	now := time.Date(2026, 12, 1, 9, 30, 0, 123456000, time.UTC)
	var f bytes.Buffer
	x := exchange.NewWriter(&f, false)
	const tenantID, userID = "ten_cli00000000000000000000001", "usr_cli00000000000000000000001"
	hours := json.RawMessage(`{"monday":[{"close":"17:00","open":"09:00"}]}`)
	for _, err := range []error{
		x.Header(exchange.NewHeader("exp_cli00000000000000000000001", tenantID, "cli-salon", now)),
		x.Record(exchange.TypeTenant, &exchange.Tenant{ID: tenantID, Slug: "cli-salon", Name: "CLI Salon", Status: "active",
			Settings: json.RawMessage(`{}`), CreatedAt: now, UpdatedAt: now}),
		x.Record(exchange.TypeOutlet, &exchange.Outlet{ID: "out_cli00000000000000000000001", Name: "Main", Timezone: "Asia/Manila",
			BusinessHours: hours, Active: true, CreatedAt: now, UpdatedAt: now}),
		x.Record(exchange.TypeUser, &exchange.User{ID: userID, Email: "owner@cli-salon.example.com", FirstName: "Ana", Active: true,
			PrimaryAddress: json.RawMessage(`{}`), CommunicationAddress: json.RawMessage(`{}`), CreatedAt: now, UpdatedAt: now}),
		x.Record(exchange.TypeMembership, &exchange.Membership{UserID: userID, ID: "mem_cli00000000000000000000001", Role: "owner",
			OutletIDs: json.RawMessage(`[]`), Status: "active", CreatedAt: now, UpdatedAt: now}),
		x.Close(),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	in, fromSQLite, fromPG := filepath.Join(dir, "in.ndjson"), filepath.Join(dir, "sqlite.ndjson"), filepath.Join(dir, "pg.ndjson")
	if err := os.WriteFile(in, f.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	sqlite := env(map[string]string{"TENANTRY_DATA_DIR": filepath.Join(dir, "data")})
	pg := env(map[string]string{"TENANTRY_DATA_DIR": filepath.Join(dir, "pgdata"), "DATABASE_URL": pgtest.NewDatabase(t)})
	for _, c := range []struct {
		args   []string
		getenv func(string) string
		code   int
		want   string
	}{
		{[]string{"import", in}, sqlite, 0, "tenant " + tenantID + " (cli-salon) imported: 4 records read"},
		{[]string{"import", in}, sqlite, 1, "import_complete"},
		{[]string{"export"}, sqlite, 1, "usage: tenantry export"},
		{[]string{"export", "--tenant", tenantID, "-o", fromSQLite}, sqlite, 0, "records"},
		{[]string{"import", fromSQLite}, pg, 0, "1 user accounts created WITHOUT a password"},
		{[]string{"export", "--tenant", tenantID, "-o", fromPG}, pg, 0, ", done"},
		{[]string{"import", fromPG}, pg, 1, "tenant_exists"},
	} {
		var out bytes.Buffer
		code := run(ctx, c.args, &out, &out, c.getenv)
		if code != c.code || !strings.Contains(out.String(), c.want) {
			t.Errorf("%s: exit %d, want %d with %q:\n%s", c.args, code, c.code, c.want, out.String())
		}
	}
	a, b := readFile(t, fromSQLite), readFile(t, fromPG)
	if len(a) != 5 || strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("the exports differ:\n%s\n--\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
}

// readFile returns an export's lines after the header.
func readFile(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[1:]
}
