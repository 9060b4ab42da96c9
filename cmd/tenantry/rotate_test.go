package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/secret"
)

// TestRotateMasterKey runs the command as an operator would: from the
// generated key file to a new key listed first, then the new key alone.
func TestRotateMasterKey(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	run1 := func(vars map[string]string, want ...string) string {
		t.Helper()
		vars["TENANTRY_DATA_DIR"] = dir
		var out bytes.Buffer
		code := run(ctx, []string{"admin", "rotate-master-key", "-batch-size", "1"}, &out, &out, env(vars))
		for _, w := range want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("output lacks %q:\n%s", w, out.String())
			}
		}
		if code != 0 {
			t.Fatalf("exit %d:\n%s", code, out.String())
		}
		return out.String()
	}
	for _, args := range [][]string{{"migrate"}, {"admin", "rotate-signing-key"}} {
		var out bytes.Buffer
		if code := run(ctx, args, &out, &out, env(map[string]string{"TENANTRY_DATA_DIR": dir})); code != 0 {
			t.Fatalf("%s: exit %d: %s", args, code, out.String())
		}
	}
	file, err := os.ReadFile(filepath.Join(dir, "master.key"))
	if err != nil {
		t.Fatal(err)
	}
	old := strings.TrimSpace(string(file))
	fresh, _ := secret.NewKey()
	oldKey, _ := secret.ParseKey(old)
	newKey, _ := secret.ParseKey(fresh)
	oldV, newV := secret.Fingerprint(oldKey), secret.Fingerprint(newKey)

	run1(map[string]string{}, "only one master key", "2 sealed values: 0 re-sealed, 2 already under "+oldV, "check: all 2 values open")
	out := run1(map[string]string{"TENANTRY_MASTER_KEYS": fresh + "," + old}, "keys configured: "+newV+", "+oldV,
		"signing_keys.private_sealed: batch 2, 2 values read, 2 re-sealed", "2 sealed values: 2 re-sealed",
		"check: all 2 values open and are under "+newV)
	if strings.Contains(out, fresh) || strings.Contains(out, old) {
		t.Errorf("the output shows a key:\n%s", out)
	}
	run1(map[string]string{"TENANTRY_MASTER_KEYS": fresh}, "2 sealed values: 0 re-sealed, 2 already under "+newV, "check: all 2 values open")

	var errOut bytes.Buffer
	if code := run(ctx, []string{"admin", "rotate-master-key"}, &errOut, &errOut, env(map[string]string{"TENANTRY_DATA_DIR": dir})); code == 0 {
		t.Errorf("the old key alone still opens the signing keys:\n%s", errOut.String())
	}
}
