// Package pgtest gives tests a PostgreSQL server without asking anything of
// the developer: TENANTRY_TEST_DATABASE_URL when set, else a server on
// 127.0.0.1:5432, else a throwaway cluster started from the installed
// PostgreSQL binaries and removed afterwards. When none is possible the tests
// fail (never skip) with a message naming what to install.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver for database/sql
)

// Install names what to install when no PostgreSQL can be found or started.
const Install = "PostgreSQL is required by the tests. Set TENANTRY_TEST_DATABASE_URL to a server URL " +
	"(a user allowed to CREATE DATABASE and CREATE ROLE), run one on 127.0.0.1:5432 with trust auth for user postgres, " +
	"or install the server binaries so a throwaway cluster can be started: " +
	"Debian/Ubuntu `apt-get install postgresql`, Fedora `dnf install postgresql-server`, macOS `brew install postgresql@16`."

var (
	mu      sync.Mutex
	admin   string
	cluster *Cluster
	failure error
)

// Main runs a package's tests and stops a throwaway cluster afterwards. Use it
// from TestMain: os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	mu.Lock()
	defer mu.Unlock()
	if cluster != nil {
		cluster.Stop()
	}
	return code
}

// AdminURL returns the URL of a server where the tests may create databases.
func AdminURL(t testing.TB) string {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if admin == "" && failure == nil {
		admin, failure = find()
	}
	if failure != nil {
		t.Fatalf("%v\n%s", failure, Install)
	}
	return admin
}

func find() (string, error) {
	if u := os.Getenv("TENANTRY_TEST_DATABASE_URL"); u != "" {
		return u, reachable(u)
	}
	if os.Getenv("TENANTRY_TEST_PG") != "throwaway" {
		local := "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
		if reachable(local) == nil {
			return local, nil
		}
	}
	c, err := StartCluster()
	if err != nil {
		return "", err
	}
	cluster = c
	return c.URL, nil
}

func reachable(url string) error {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("pgtest: %s: %w", url, err)
	}
	return nil
}

// NewDatabase creates an empty database for one test, dropped when the test
// ends, and returns its URL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	return newDatabase(t, "")
}

// newDatabase creates a database with the CREATE DATABASE options given, dropped when the test ends.
func newDatabase(t testing.TB, options string) string {
	t.Helper()
	base := AdminURL(t)
	adm, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "tenantry_t_" + hex.EncodeToString(b)
	if _, err := adm.Exec(`CREATE DATABASE ` + name + options); err != nil {
		_ = adm.Close()
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		defer adm.Close()
		if _, err := adm.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Logf("pgtest: drop %s: %v", name, err)
		}
	})
	u, err := withDatabase(base, name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return u
}
