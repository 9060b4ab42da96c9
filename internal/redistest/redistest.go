// Package redistest gives tests a Redis without asking anything of the
// developer: TENANTRY_TEST_REDIS_URL when set, else a server on
// 127.0.0.1:6379, else a throwaway redis-server started from the installed
// binaries on a free port and stopped afterwards. When none is possible the
// tests fail (never skip) with a message naming what to install. Each test
// gets a key prefix of its own (Prefix), its keys deleted when it ends.
package redistest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Install names what to install when no Redis can be found or started.
const Install = "Redis is required by the tests. Set TENANTRY_TEST_REDIS_URL to a server URL, " +
	"run one on 127.0.0.1:6379, or install the server so a throwaway one can be started: " +
	"Debian/Ubuntu `apt-get install redis-server`, Fedora `dnf install redis`, macOS `brew install redis`."

var (
	mu      sync.Mutex
	found   string
	server  *Server
	failure error
)

// Main runs a package's tests and stops a throwaway server afterwards. Use
// it from TestMain: os.Exit(redistest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	Stop()
	return code
}

// Stop stops the throwaway server, if one was started, for a TestMain that
// runs its tests through another Main (pgtest.Main).
func Stop() {
	mu.Lock()
	defer mu.Unlock()
	if server != nil {
		server.Stop()
		server = nil
	}
}

// URL returns the redis:// URL of the tests' Redis.
func URL(t testing.TB) string {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if found == "" && failure == nil {
		found, failure = find()
	}
	if failure != nil {
		t.Fatalf("%v\n%s", failure, Install)
	}
	return found
}

func find() (string, error) {
	if u := os.Getenv("TENANTRY_TEST_REDIS_URL"); u != "" {
		return u, ping(u)
	}
	if os.Getenv("TENANTRY_TEST_REDIS") != "throwaway" {
		local := "redis://127.0.0.1:6379/0"
		if ping(local) == nil {
			return local, nil
		}
	}
	s, err := Start()
	if err != nil {
		return "", err
	}
	server = s
	return s.URL, nil
}

func ping(url string) error {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return fmt.Errorf("redistest: %w", err)
	}
	c := redis.NewClient(opt)
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := c.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redistest: %s: %w", url, err)
	}
	return nil
}

// Prefix returns a key prefix no other test uses, "tenantry-test:<random>:",
// and deletes every key under it when t ends.
func Prefix(t testing.TB) string {
	t.Helper()
	url := URL(t)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	prefix := "tenantry-test:" + hex.EncodeToString(b) + ":"
	t.Cleanup(func() {
		if err := deleteKeys(url, prefix); err != nil {
			t.Logf("redistest: delete %s*: %v", prefix, err)
		}
	})
	return prefix
}

func deleteKeys(url, prefix string) error {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return err
	}
	c := redis.NewClient(opt)
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	iter := c.Scan(ctx, 0, prefix+"*", 500).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return err
	}
	if len(keys) == 0 {
		return nil
	}
	return c.Del(ctx, keys...).Err()
}
