package archtest

import (
	"strings"
	"testing"
)

// TestStorageClientStaysOffTheDatabase keeps internal/storage a pure
// client of the tenants' object stores: the app reads and unseals the
// configuration and hands it over.
func TestStorageClientStaysOffTheDatabase(t *testing.T) {
	for _, imp := range imports(t, "storage") {
		for _, bad := range []string{module + "internal/store", module + "internal/app", "database/sql", "github.com/jackc/pgx", "modernc.org/sqlite"} {
			if imp == bad || strings.HasPrefix(imp, bad+"/") {
				t.Errorf("internal/storage imports %s: it is a client of object stores only", imp)
			}
		}
	}
	if len(imports(t, "storage")) < 5 {
		t.Fatal("found almost no imports in internal/storage: is the path right?")
	}
}
