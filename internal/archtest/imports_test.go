package archtest

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/tenantry/tenantry/"

// domain packages describe the business; they never touch HTTP or SQL.
var domain = []string{"errs", "id", "tenant", "identity", "membership", "audit", "plan", "auth", "secret", "mail", "apikey", "outlet", "text", "credential", "setting", "metering", "booking", "webhook"}

// forbidden are imports a domain package may not have, directly or through
// another package of this module.
var forbidden = []string{"net/http", "database/sql", "github.com/jackc/pgx", "modernc.org/sqlite"}

func TestDomainPackagesStayPure(t *testing.T) {
	for _, pkg := range domain {
		seen := map[string]bool{}
		var walk func(dir string, path []string)
		walk = func(dir string, path []string) {
			if seen[dir] {
				return
			}
			seen[dir] = true
			for _, imp := range imports(t, dir) {
				for _, bad := range forbidden {
					if imp == bad || strings.HasPrefix(imp, bad+"/") {
						t.Errorf("%s imports %s (via %s)", pkg, imp, strings.Join(append(path, dir), " → "))
					}
				}
				if rel, ok := strings.CutPrefix(imp, module+"internal/"); ok {
					walk(rel, append(path, dir))
				}
			}
		}
		walk(pkg, nil)
	}
}

// TestHTTPLayerStaysOffTheStore keeps store types out of the HTTP layer: api
// speaks to the app's use cases and domain types only.
func TestHTTPLayerStaysOffTheStore(t *testing.T) {
	for _, imp := range imports(t, "api") {
		if imp == module+"internal/store" || strings.HasPrefix(imp, module+"internal/store/") ||
			imp == "database/sql" || strings.HasPrefix(imp, "github.com/jackc/pgx") || strings.HasPrefix(imp, "modernc.org/sqlite") {
			t.Errorf("internal/api imports %s: handlers go through internal/app and domain types", imp)
		}
	}
}

func TestNoInitFunctions(t *testing.T) {
	root := ".."
	err := filepath.WalkDir(filepath.Join(root, ".."), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			if fn, ok := declFunc(decl); ok && fn == "init" {
				t.Errorf("%s declares init(): wire by hand in main instead", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// imports lists the imports of the non-test Go files in internal/dir.
func imports(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out = append(out, p)
		}
	}
	return out
}
