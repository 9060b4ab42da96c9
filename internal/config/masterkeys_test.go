package config

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestMasterKeys: several keys are one setting, never printed, and not
// combined with the single key; commands reaching the same database read
// them from the environment.
func TestMasterKeys(t *testing.T) {
	k1, k2 := strings.Repeat("ab", 32), strings.Repeat("cd", 32)
	c := load(t, map[string]string{"TENANTRY_MASTER_KEYS": k1 + "," + k2})
	var out bytes.Buffer
	c.Print(&out)
	if strings.Contains(out.String(), "abab") || strings.Contains(out.String(), "cdcd") || !strings.Contains(out.String(), "2 keys") {
		t.Errorf("printed configuration:\n%s", out.String())
	}
	flags, notes := c.SameDatabase()
	if !strings.Contains(flags, `-master-keys "$TENANTRY_MASTER_KEYS"`) || strings.Contains(flags, "abab") || len(notes) != 1 {
		t.Errorf("same database: %s %v", flags, notes)
	}
	if _, _, err := Load("test", nil, func(k string) string {
		return map[string]string{"TENANTRY_MASTER_KEYS": k1, "TENANTRY_MASTER_KEY": k2}[k]
	}, io.Discard); err == nil || strings.Contains(err.Error(), "abab") {
		t.Errorf("both settings: %v", err)
	}
}
