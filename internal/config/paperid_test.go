package config

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// TestPaperIDSettings: the Paper.id settings come all together or not at
// all, the URL is http(s), and printing masks the client secret.
func TestPaperIDSettings(t *testing.T) {
	if c := load(t, nil); c.PaperID.Configured() || c.PaperID.Timeout != 10*time.Second {
		t.Errorf("defaults: configured %v, timeout %s", c.PaperID.Configured(), c.PaperID.Timeout)
	}
	full := map[string]string{"TENANTRY_PAPERID_URL": "https://open-api.stag-v2.paper.id",
		"TENANTRY_PAPERID_CLIENT_ID": "cid-123", "TENANTRY_PAPERID_CLIENT_SECRET": "csecret-456"}
	c := load(t, full, "-paperid-timeout", "3s")
	if !c.PaperID.Configured() || c.PaperID.ClientSecret != "csecret-456" || c.PaperID.Timeout != 3*time.Second {
		t.Errorf("full: %+v", c)
	}
	var out bytes.Buffer
	c.Print(&out)
	if strings.Contains(out.String(), "csecret-456") || !strings.Contains(out.String(), "cid-123") {
		t.Errorf("Print: %s", out.String())
	}
	for name, env := range map[string]map[string]string{
		"no secret":   {"TENANTRY_PAPERID_URL": "https://open-api.paper.id", "TENANTRY_PAPERID_CLIENT_ID": "x"},
		"no url":      {"TENANTRY_PAPERID_CLIENT_ID": "x", "TENANTRY_PAPERID_CLIENT_SECRET": "y"},
		"not http":    {"TENANTRY_PAPERID_URL": "open-api.paper.id", "TENANTRY_PAPERID_CLIENT_ID": "x", "TENANTRY_PAPERID_CLIENT_SECRET": "y"},
		"bad timeout": {"TENANTRY_PAPERID_TIMEOUT": "1ms"},
	} {
		if _, _, err := Load("test", nil, func(k string) string { return env[k] }, io.Discard); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
