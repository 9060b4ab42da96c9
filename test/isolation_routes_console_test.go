package test

import (
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/api"
	"github.com/tenantry/tenantry/internal/id"
)

// consoleEntries cover the console's files (static, the same for every
// caller) and its cookie session. A cookie carrying B's refresh token signs
// out like an unknown one: the caller's own token ends, B's session lives on.
func consoleEntries() map[string]entry {
	return map[string]entry{
		"GET /console/{path...}": {want: always(ok(http.StatusOK)), call: fixed(call{vals: map[string]string{"path": "js/api.js"}})},
		"POST /api/v1/console/session": {want: always(problem(http.StatusUnauthorized, "invalid_refresh_token")),
			call: fixed(call{body: map[string]any{"refresh_token": "rt_" + id.New("x")[2:] + "0123456789abcdef"}})},
		"POST /api/v1/console/refresh": {want: always(problem(http.StatusUnauthorized, "console_session_missing")), call: fixed(call{})},
		"DELETE /api/v1/console/session": {targets: []target{foreign, missing},
			want: func(m *matrix, rt api.Route, c *caller, _ target) want {
				if w, done := gate(m, rt, c); done {
					return w
				}
				return ok(http.StatusNoContent)
			},
			call: func(t *testing.T, m *matrix, c *caller, tg target, w want) call {
				cl := call{header: map[string]string{"Cookie": "__Host-tenantry-refresh=" + pick(tg, "", m.b.refresh, id.Session) +
					"; __Host-tenantry-csrf=iso", "X-CSRF-Token": "iso"}}
				if w.code == "" {
					cl.token = m.freshToken(t, c)
					m.ended = cl.token
				}
				return cl
			},
			check: endedNotB},
	}
}
