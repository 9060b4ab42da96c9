package api

import (
	"net/http"
	"slices"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

// authorizeFirst keeps a route's input errors from a caller the permission
// table refuses: when rt names an action and its handler failed on the
// request's input (a body or query it could not read or accept), the
// caller's right to the action is decided first, and a refusal (403, or
// 404 for another tenant) answers instead. Use cases authorize before they
// validate; this covers what a handler reads before the use case runs.
// Other errors, and the errors of callers who may act, pass unchanged.
func (s *Server) authorizeFirst(r *http.Request, rt Route, p *auth.Principal, err error) error {
	if rt.Action == "" || p == nil || !inputError(err) {
		return err
	}
	tenantID := r.PathValue("tenant_id")
	if tenantID == "" && slices.ContainsFunc(rt.Query, func(q Param) bool { return q.Name == "tenant_id" }) {
		tenantID = r.URL.Query().Get("tenant_id")
	}
	if refusal := s.app.Authorize(r.Context(), p, tenantID, rt.Action); refusal != nil {
		return refusal
	}
	return err
}

// inputError reports whether err is about the request's content: a body or
// query that cannot be read, or fields that are not acceptable.
func inputError(err error) bool {
	e, ok := errs.As(err)
	if !ok {
		return false
	}
	switch e.Kind {
	case errs.Invalid, errs.Malformed, errs.TooLarge:
		return true
	}
	return false
}
