package archtest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// dialectFile is the one file of internal/store that may tell the engines apart.
const dialectFile = "dialect.go"

// engineOnlySQL are tripwires for SQL that only one engine understands (or
// that means different things on each). They are not a parser: a query that
// needs one of these writes it in a store.Fragment, both texts side by side.
var engineOnlySQL = regexp.MustCompile(`(?i)` + strings.Join([]string{
	`\$[0-9]`,     // numbered placeholders: write ?, rebound per engine
	`::`,          // PostgreSQL casts
	`\bCOLLATE\b`, // collation names differ: pin collations in the schema
	`\bILIKE\b`,
	`->`, // JSON operators behave differently
	`\bjsonb?_\w+\s*\(`,
	`\b(strftime|julianday|datetime|date_trunc|to_char|age|now|current_setting|set_config|nextval|generate_series|string_agg|group_concat|array_agg|ifnull|greatest|least|printf|format)\s*\(`,
	`\bFOR\s+(UPDATE|SHARE|NO\s+KEY\s+UPDATE|KEY\s+SHARE)\b`,
	`\bSKIP\s+LOCKED\b`,
	`\bINTERVAL\b`,
	`\bINSERT\s+OR\s+\w+\b`,
	`\bREPLACE\s+INTO\b`,
	`\bAUTOINCREMENT\b`,
	`\bPRAGMA\b`,
	`\bpg_\w+`,
	`\bsqlite_\w+`,
}, "|"))

// engineNames are the names an engine answers to; comparing with them is branching on the engine.
var engineNames = map[string]bool{"sqlite": true, "sqlite3": true, "postgres": true, "postgresql": true, "pgx": true}

// TestStoreSQLIsOneText keeps engine-specific SQL visible: outside
// internal/store/dialect.go no store file asks which engine it runs on, and
// no query text uses SQL only one engine speaks except inside a Fragment.
func TestStoreSQLIsOneText(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "store", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, path := range files {
		name := filepath.Base(path)
		if strings.HasSuffix(name, "_test.go") || name == dialectFile {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, problem := range engineBranches(fset, f) {
			t.Errorf("%s: go through store.Fragment (internal/store/%s) instead", problem, dialectFile)
		}
	}
	if checked < 10 {
		t.Fatalf("checked %d store files: is the path right?", checked)
	}
}

// engineBranches lists the places in f that tell the engines apart.
func engineBranches(fset *token.FileSet, f *ast.File) []string {
	var out []string
	report := func(n ast.Node, format string, args ...any) {
		out = append(out, fset.Position(n.Pos()).String()+": "+fmt.Sprintf(format, args...))
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			if isFragment(n.Type) {
				return false // a fragment's texts are engine-specific by design
			}
		case *ast.SelectorExpr:
			switch n.Sel.Name {
			case "DollarPlaceholders", "Engine", "dialect":
				report(n, "uses .%s", n.Sel.Name)
			case "Name":
				if isEngine(n.X) {
					report(n, "asks the engine its name")
				}
			}
		case *ast.Ident:
			if n.Name == "sqliteDialect" || n.Name == "postgresDialect" {
				report(n, "uses %s", n.Name)
			}
		case *ast.BasicLit:
			if n.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(n.Value)
			if err != nil {
				return true
			}
			if engineNames[strings.ToLower(strings.TrimSpace(s))] {
				report(n, "compares with the engine name %q", s)
			} else if m := engineOnlySQL.FindString(s); m != "" {
				report(n, "SQL only one engine speaks: %q", m)
			}
		}
		return true
	})
	return out
}

func isFragment(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == "Fragment"
	case *ast.SelectorExpr:
		return e.Sel.Name == "Fragment"
	}
	return false
}

// isEngine reports whether e reads like the DB's engine: eng or x.eng.
func isEngine(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == "eng"
	case *ast.SelectorExpr:
		return e.Sel.Name == "eng"
	}
	return false
}
