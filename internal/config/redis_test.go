package config

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestRedisSettings(t *testing.T) {
	if c := load(t, nil); c.RedisURL != "" || c.RedisPrefix != "tenantry:" {
		t.Fatalf("defaults: url %q prefix %q", c.RedisURL, c.RedisPrefix)
	}
	c := load(t, map[string]string{"TENANTRY_REDIS_URL": "redis://:s3cret@cache:6379/2", "TENANTRY_REDIS_PREFIX": "eu1:"})
	if c.RedisURL != "redis://:s3cret@cache:6379/2" || c.RedisPrefix != "eu1:" {
		t.Fatalf("url %q prefix %q", c.RedisURL, c.RedisPrefix)
	}
	var out bytes.Buffer
	c.Print(&out)
	if strings.Contains(out.String(), "s3cret") || !strings.Contains(out.String(), "cache:6379/2 prefix eu1:") {
		t.Fatalf("printed:\n%s", out.String())
	}
	for _, bad := range []string{"cache:6379", "http://cache", "redis://", "redis://%zz"} {
		if _, _, err := Load("test", nil, func(k string) string {
			return map[string]string{"TENANTRY_REDIS_URL": bad}[k]
		}, io.Discard); err == nil || !strings.Contains(err.Error(), "TENANTRY_REDIS_URL") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if _, _, err := Load("test", []string{"-redis-url", "redis://cache:6379", "-redis-prefix", ""}, func(string) string { return "" }, io.Discard); err == nil {
		t.Error("an empty prefix is accepted")
	}
}
