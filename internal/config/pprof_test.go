package config

import (
	"io"
	"strings"
	"testing"
)

// TestPprofLoopbackOnly: the profiler's address must be loopback with a
// port; anything reachable from the network is refused at load.
func TestPprofLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:6060", "127.0.0.2:0", "[::1]:6060", "localhost:6060"} {
		if got := load(t, nil, "-pprof", addr).Pprof; got != addr {
			t.Errorf("-pprof %s: Pprof = %q", addr, got)
		}
	}
	if got := load(t, map[string]string{"TENANTRY_PPROF": "127.0.0.1:6061"}).Pprof; got != "127.0.0.1:6061" {
		t.Errorf("TENANTRY_PPROF: Pprof = %q", got)
	}
	for _, addr := range []string{":6060", "0.0.0.0:6060", "[::]:6060", "10.0.0.5:6060", "example.com:6060", "127.0.0.1"} {
		_, _, err := Load("test", []string{"-pprof", addr}, func(string) string { return "" }, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "loopback") {
			t.Errorf("-pprof %s: err = %v, want a refusal naming loopback", addr, err)
		}
	}
}

// TestPasswordHashes: 0 (the default) is one per core; negative or
// non-numeric values are refused.
func TestPasswordHashes(t *testing.T) {
	if got := load(t, nil).PasswordHashes; got != 0 {
		t.Errorf("default PasswordHashes = %d, want 0", got)
	}
	if got := load(t, nil, "-password-hashes", "3").PasswordHashes; got != 3 {
		t.Errorf("-password-hashes 3: %d", got)
	}
	for _, v := range []string{"-1", "two"} {
		if _, _, err := Load("test", []string{"-password-hashes", v}, func(string) string { return "" }, io.Discard); err == nil {
			t.Errorf("-password-hashes %s accepted", v)
		}
	}
}
