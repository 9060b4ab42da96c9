package test

import (
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/id"
)

// platformKeyRefused is every matrix caller's answer on a route that only a
// platform key opens (the seed surfaces' platform routes): tenant tokens,
// the tenant's API key and anonymous callers carry none, so 401, whatever
// tenant the call names (A's, B's or a missing one alike: the refusal comes
// before any lookup). The platform key itself is tested in compat_*_test.go.
var platformKeyRefused = always(problem(http.StatusUnauthorized, "invalid_platform_key"))

// supertokensEntries cover the supertokens seed surface: a door to the same
// tenants, configurations and associations, open only to a platform key.
func supertokensEntries() map[string]entry {
	named := func(body func(tenantRef string) any) callFunc {
		return func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
			ref := pick(tg, m.a.slug, m.b.slug, id.Tenant)
			return call{body: body(ref), header: map[string]string{"tenantId": ref}}
		}
	}
	return map[string]entry{
		"PUT /recipe/multitenancy/tenant": {targets: tenantTargets, want: platformKeyRefused,
			call: named(func(ref string) any { return map[string]any{"tenantId": ref, "passwordlessEnabled": true} })},
		"GET /recipe/multitenancy/tenant": {targets: tenantTargets, want: platformKeyRefused,
			call: named(func(string) any { return nil })},
		"GET /recipe/multitenancy/tenant/list": {want: platformKeyRefused, call: fixed(call{})},
		"DELETE /recipe/multitenancy/tenant": {targets: tenantTargets, want: platformKeyRefused,
			call: named(func(ref string) any { return map[string]any{"tenantId": ref} })},
		"POST /recipe/multitenancy/tenant/user": {targets: tenantTargets, want: platformKeyRefused,
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				return call{body: map[string]any{"tenantId": pick(tg, m.a.slug, m.b.slug, id.Tenant),
					"recipeUserId": m.b.users["staff"]}}
			}},
		"POST /recipe/multitenancy/tenant/user/remove": {targets: tenantTargets, want: platformKeyRefused,
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				return call{body: map[string]any{"tenantId": pick(tg, m.a.slug, m.b.slug, id.Tenant),
					"recipeUserId": m.a.users["staff"]}}
			}},
	}
}

// platformKeyEntries cover the platform keys' administration: platform
// admins only (403 to every member, the gate's answer to the rest).
func platformKeyEntries() map[string]entry {
	return map[string]entry{
		"POST /api/v1/admin/platform-keys": {want: platformOnlyWant, call: fixed(call{body: map[string]any{"name": "core"}})},
		"GET /api/v1/admin/platform-keys":  {want: platformOnlyWant, call: fixed(call{})},
		"DELETE /api/v1/admin/platform-keys/{key_id}": {targets: tenantTargets, want: platformOnlyWant,
			call: func(_ *testing.T, _ *matrix, _ *caller, _ target, _ want) call {
				return call{vals: map[string]string{"key_id": id.New("pkey")}}
			}},
	}
}
