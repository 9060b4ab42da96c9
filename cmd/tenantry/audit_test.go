package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
)

// TestAuditVerify runs `tenantry audit verify` on export files (a good one
// and one cut short) and on a fresh database.
func TestAuditVerify(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	var f bytes.Buffer
	x, err := audit.NewExporter(&f, audit.FormatNDJSON)
	if err != nil {
		t.Fatal(err)
	}
	e := &audit.Event{TenantID: "ten_1", ID: "evt_1", Action: "thing.do", Outcome: audit.Success, CreatedAt: time.Now()}
	if err := x.Header("ten_1", time.Time{}, time.Time{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := x.Event(nil, e); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	good, cut := filepath.Join(dir, "good.ndjson"), filepath.Join(dir, "cut.ndjson")
	if err := os.WriteFile(good, f.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cut, f.Bytes()[:bytes.LastIndexByte(f.Bytes()[:f.Len()-1], '\n')+1], 0o600); err != nil {
		t.Fatal(err)
	}
	jwks := filepath.Join(dir, "jwks.json")
	if err := os.WriteFile(jwks, []byte(`{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"kid_1"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	getenv := env(map[string]string{"TENANTRY_DATA_DIR": dir})
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"audit", "verify", "--file", good}, 0, "OK: 0 batches and 0 events verified, 0 uncovered (after the last complete batch), 1 not sealed yet"},
		{[]string{"audit", "verify", "--file", cut}, 1, "first problem: truncated"},
		{[]string{"audit", "verify", "--file", good, "--keys", jwks}, 0, "OK"},
		{[]string{"audit", "verify", "--file", good, "--keys", good}, 1, "not a JWKS document"},
		{[]string{"audit", "verify", "--file", filepath.Join(dir, "none")}, 1, "no such file"},
		{[]string{"audit", "verify", "--file", good, "--tenant", "ten_1"}, 1, "choose one"},
		{[]string{"audit"}, 1, "usage: tenantry audit verify"},
		{[]string{"migrate"}, 0, ""},
		{[]string{"audit", "verify", "--tenant", "ten_1"}, 0, "tenant ten_1: OK"},
		{[]string{"audit", "verify"}, 0, ""},
	} {
		var out bytes.Buffer
		code := run(ctx, c.args, &out, &out, getenv)
		if code != c.code || !strings.Contains(out.String(), c.want) {
			t.Errorf("%s: exit %d, want %d with %q:\n%s", c.args, code, c.code, c.want, out.String())
		}
	}
}
