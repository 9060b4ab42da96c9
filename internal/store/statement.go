package store

import (
	"fmt"
	"runtime"
	"strings"
	"unicode"

	"github.com/tenantry/tenantry/internal/errs"
)

// failed classifies a statement's error through the engine. An error the
// engine gives no meaning to (not an *errs.Error: a bug, a broken query) is
// wrapped, once, with the name of the store method whose statement failed,
// "store.(*Tx).ListMembers: …", so that a logged 500 says which statement it
// was (the idea of pkgsite's derrors.Wrap). Classified errors are left as the
// engine made them. The name is looked up on this error path only.
func (t *Tx) failed(err error) error {
	if err == nil {
		return nil
	}
	err = t.db.eng.Classify(err)
	if _, ok := errs.As(err); ok {
		return err
	}
	return fmt.Errorf("%s: %w", statementName(), err)
}

// statementName returns the nearest exported *Tx method on the caller's
// stack, such as "store.(*Tx).ListMembers"; failing that, the first function
// outside the statement helpers.
func statementName() string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(2, pcs) // from failed's caller
	frames := runtime.CallersFrames(pcs[:n])
	pkg, fallback := "", ""
	for {
		f, more := frames.Next()
		path, name := splitFunc(f.Function)
		if pkg == "" {
			pkg = path // the first frame is the helper calling failed, in this package
		} else if path != pkg {
			break
		}
		parts := strings.Split(name, ".") // store, (*Tx), ListMembers[, func1]
		if len(parts) >= 3 && parts[1] == "(*Tx)" && startsUpper(parts[2]) {
			return strings.Join(parts[:3], ".")
		}
		if fallback == "" && !isHelper(name) {
			fallback = name
		}
		if !more {
			break
		}
	}
	if fallback == "" {
		fallback = "store"
	}
	return fallback
}

// isHelper reports whether name is one of the functions that run statements
// on behalf of a store method.
func isHelper(name string) bool {
	switch name {
	case "store.(*Tx).failed", "store.(*Tx).exec", "store.(*Tx).query", "store.(*Tx).get":
		return true
	}
	return false
}

// splitFunc splits "github.com/x/internal/store.(*Tx).Get" into its package
// path ("github.com/x/internal/store") and the rest, from the package's own
// name ("store.(*Tx).Get").
func splitFunc(fn string) (pkg, name string) {
	slash := strings.LastIndexByte(fn, '/')
	dot := strings.IndexByte(fn[slash+1:], '.')
	if dot < 0 {
		return fn, fn
	}
	return fn[:slash+1+dot], fn[slash+1:]
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}
