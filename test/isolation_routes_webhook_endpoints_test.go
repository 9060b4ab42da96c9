package test

import (
	"testing"

	"github.com/tenantry/tenantry/internal/id"
)

// webhookEndpointEntries cover the outgoing webhooks: a tenant's endpoints
// (owner and tenant_admin; another tenant's endpoint or delivery answers
// like a missing one) and the platform's (platform admins only).
func webhookEndpointEntries() map[string]entry {
	hook := func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
		return call{vals: map[string]string{"webhook_id": pick(tg, m.a.hookID, m.b.hookID, "whk")}}
	}
	platform := func(_ *testing.T, _ *matrix, _ *caller, _ target, _ want) call {
		return call{vals: map[string]string{"webhook_id": id.New("pwhk"), "delivery_id": id.New("msg")},
			body: map[string]any{"description": "x"}}
	}
	return map[string]entry{
		"POST /api/v1/webhooks": {want: inTenant(""), call: fixed(call{body: map[string]any{"url": deadHookURL, "enabled": false}})},
		"GET /api/v1/webhooks": {want: inTenant(""), call: fixed(call{}),
			check: lists("webhook endpoint", func(m *matrix) string { return m.a.hookID })},
		"GET /api/v1/webhooks/{webhook_id}": {targets: tenantTargets, want: inTenant("webhook_not_found"), call: hook},
		"PATCH /api/v1/webhooks/{webhook_id}": {targets: tenantTargets, want: inTenant("webhook_not_found"),
			call: func(t *testing.T, m *matrix, c *caller, tg target, w want) call {
				cl := hook(t, m, c, tg, w)
				cl.body = map[string]any{"description": "Mirror " + m.unique()}
				return cl
			}},
		"DELETE /api/v1/webhooks/{webhook_id}": {targets: tenantTargets, want: inTenant("webhook_not_found"),
			call: func(t *testing.T, m *matrix, _ *caller, tg target, w want) call {
				h := pick(tg, m.a.hookID, m.b.hookID, "whk")
				if tg == own && w.code == "" {
					h = m.throwawayHook(t)
				}
				return call{vals: map[string]string{"webhook_id": h}}
			}},
		"POST /api/v1/webhooks/{webhook_id}/rotate-secret": {targets: tenantTargets, want: inTenant("webhook_not_found"), call: hook},
		"GET /api/v1/webhooks/{webhook_id}/deliveries":     {targets: tenantTargets, want: inTenant("webhook_not_found"), call: hook},
		"POST /api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/replay": {targets: tenantTargets, want: inTenant("webhook_not_found"),
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				return call{vals: map[string]string{"webhook_id": pick(tg, m.a.hookID, m.b.hookID, "whk"),
					"delivery_id": pick(tg, m.a.deliveryID, m.b.deliveryID, "msg")}}
			}},

		"POST /api/v1/admin/webhooks":                                              {want: platformOnlyWant, call: fixed(call{body: map[string]any{"url": deadHookURL}})},
		"GET /api/v1/admin/webhooks":                                               {want: platformOnlyWant, call: fixed(call{})},
		"GET /api/v1/admin/webhooks/{webhook_id}":                                  {targets: tenantTargets, want: platformOnlyWant, call: platform},
		"PATCH /api/v1/admin/webhooks/{webhook_id}":                                {targets: tenantTargets, want: platformOnlyWant, call: platform},
		"DELETE /api/v1/admin/webhooks/{webhook_id}":                               {targets: tenantTargets, want: platformOnlyWant, call: platform},
		"POST /api/v1/admin/webhooks/{webhook_id}/rotate-secret":                   {targets: tenantTargets, want: platformOnlyWant, call: platform},
		"GET /api/v1/admin/webhooks/{webhook_id}/deliveries":                       {targets: tenantTargets, want: platformOnlyWant, call: platform},
		"POST /api/v1/admin/webhooks/{webhook_id}/deliveries/{delivery_id}/replay": {targets: tenantTargets, want: platformOnlyWant, call: platform},
	}
}
