package archtest

import "go/ast"

// declFunc returns the name of a top-level function declaration without a receiver.
func declFunc(d ast.Decl) (string, bool) {
	fn, ok := d.(*ast.FuncDecl)
	if !ok || fn.Recv != nil {
		return "", false
	}
	return fn.Name.Name, true
}
