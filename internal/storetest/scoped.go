package storetest

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// tenantScopedMethods lists, from the store package's source, the exported
// *store.Tx methods that are scoped to a tenant: those taking a tenantID
// parameter and those that check the transaction's scope (t.scope) on an id
// they are given. Found by reading the source rather than by hand, a new
// method cannot be left out of the foreign-tenant check.
func tenantScopedMethods() ([]string, error) {
	dir, err := storeDir()
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("read the store's source: %w", err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && isTxMethod(fn) && fn.Name.IsExported() && tenantScoped(fn) {
				out = append(out, fn.Name.Name)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no tenant-scoped method found in %s", dir)
	}
	sort.Strings(out)
	return out, nil
}

// storeDir returns the folder of the store package's source, beside this one's.
func storeDir() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", errors.New("cannot locate the storetest source")
	}
	dir := filepath.Join(filepath.Dir(file), "..", "store")
	if _, err := os.Stat(filepath.Join(dir, "db.go")); err != nil {
		return "", fmt.Errorf("the store's source is not beside storetest's (built with -trimpath?): %w", err)
	}
	return dir, nil
}

func isTxMethod(fn *ast.FuncDecl) bool {
	if fn.Recv == nil || len(fn.Recv.List) != 1 {
		return false
	}
	star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := star.X.(*ast.Ident)
	return ok && id.Name == "Tx"
}

// tenantScoped reports whether fn takes a tenantID or checks its receiver's scope.
func tenantScoped(fn *ast.FuncDecl) bool {
	for _, field := range fn.Type.Params.List {
		for _, name := range field.Names {
			if name.Name == "tenantID" {
				return true
			}
		}
	}
	recv := ""
	if names := fn.Recv.List[0].Names; len(names) == 1 {
		recv = names[0].Name
	}
	found := false
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "scope" {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == recv {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
