package config

import (
	"bytes"
	"io"
	"os"
	"testing"
)

func load(t *testing.T, env map[string]string, args ...string) Config {
	t.Helper()
	c, _, err := Load("test", args, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatalf("Load(%v, %v): %v", env, args, err)
	}
	return c
}

// TestPublicURLFollowsAddr: an unset public URL is the address the server
// listens on, so the links in mails lead back to it.
func TestPublicURLFollowsAddr(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, nil, "http://127.0.0.1:8080"},
		{nil, []string{"-addr", ":9000"}, "http://127.0.0.1:9000"},
		{map[string]string{"TENANTRY_ADDR": ":9000"}, nil, "http://127.0.0.1:9000"},
		{nil, []string{"-addr", "0.0.0.0:9001"}, "http://127.0.0.1:9001"},
		{nil, []string{"-addr", "[::]:9002"}, "http://127.0.0.1:9002"},
		{nil, []string{"-addr", "[::1]:9003"}, "http://[::1]:9003"},
		{nil, []string{"-addr", "app.internal:9004"}, "http://app.internal:9004"},
		{map[string]string{"TENANTRY_PUBLIC_URL": "https://app.example.com/"}, []string{"-addr", ":9000"}, "https://app.example.com"},
		{nil, []string{"-addr", ":9000", "-public-url", "https://x.example.com"}, "https://x.example.com"},
	} {
		if got := load(t, c.env, c.args...).PublicURL; got != c.want {
			t.Errorf("env %v, args %v: public URL %q, want %q", c.env, c.args, got, c.want)
		}
	}
}

// TestListening: port 0 is only known once listening; an unset public URL
// follows the real address, a set one stays.
func TestListening(t *testing.T) {
	c := load(t, nil, "-addr", "127.0.0.1:0")
	c.Listening("127.0.0.1:41234")
	if c.PublicURL != "http://127.0.0.1:41234" {
		t.Errorf("public URL %q after Listening", c.PublicURL)
	}
	c = load(t, map[string]string{"TENANTRY_PUBLIC_URL": "https://app.example.com"}, "-addr", "127.0.0.1:0")
	c.Listening("127.0.0.1:41234")
	if c.PublicURL != "https://app.example.com" {
		t.Errorf("a set public URL changed to %q", c.PublicURL)
	}
}

// TestConfigurationDoc: docs/configuration.md is what Markdown renders
// from the settings table (regenerate with RegenerateDoc).
func TestConfigurationDoc(t *testing.T) {
	var want bytes.Buffer
	if err := Markdown(&want); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../docs/configuration.md")
	if err != nil {
		t.Fatalf("%v (write it with: %s)", err, RegenerateDoc)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("docs/configuration.md differs from the settings table; regenerate it with: %s", RegenerateDoc)
	}
	for _, s := range settings {
		if !bytes.Contains(got, []byte("`"+s.env+"`")) {
			t.Errorf("docs/configuration.md lacks %s", s.env)
		}
	}
}
