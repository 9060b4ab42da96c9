package test

import (
	"testing"
)

// settingEntries cover typed configuration. The tenant routes name no
// tenant: they act on the credentials' tenant, so only own is aimed at
// (another tenant's values are unreachable by construction; the scenario
// tests check they stay invisible). Every member and a config:read key
// read; owner and tenant_admin change; the admin routes are platform-only.
func settingEntries() map[string]entry {
	return map[string]entry{
		"GET /api/v1/configs": {want: inTenant(""), call: fixed(call{}),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				if len(r.obj().objs("resources")) == 0 {
					t.Errorf("no resources in the merged configuration: %s", r.body)
				}
			}},
		"PUT /api/v1/configs/{key}": {want: inTenant(""),
			call: func(*testing.T, *matrix, *caller, target, want) call {
				return call{vals: map[string]string{"key": "branding.primary_color"}, body: map[string]any{"value": "#1a73e8"}}
			}},
		"DELETE /api/v1/configs/{key}": {want: inTenant(""),
			call: fixed(call{vals: map[string]string{"key": "branding.primary_color"}})},
		"GET /api/v1/admin/configs": {want: inTenant(""), call: fixed(call{})},
		"PUT /api/v1/admin/configs/{key}": {want: inTenant(""),
			call: fixed(call{vals: map[string]string{"key": "auth.mfa_enforced"}, body: map[string]any{"value": true, "scope": "GLOBAL"}})},
		"DELETE /api/v1/admin/configs/{key}": {want: inTenant(""),
			call: fixed(call{vals: map[string]string{"key": "auth.mfa_enforced"}, query: "scope=GLOBAL"})},
		"POST /api/v1/admin/config-definitions": {want: inTenant(""),
			call: fixed(call{body: map[string]any{"key": "features.iso", "lbl": "Iso", "gen_type": "boolean", "default": false}})},
		"PUT /api/v1/admin/config-definitions/{key}": {want: inTenant(""),
			call: fixed(call{vals: map[string]string{"key": "features.iso"}, body: map[string]any{"lbl": "Iso", "gen_type": "boolean", "default": false}})},
	}
}
