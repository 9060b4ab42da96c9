package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/membership"
)

// webhookEndpointRoutes are the outgoing webhooks (docs/webhooks.md): a
// tenant's endpoints under /api/v1/webhooks (owner and tenant_admin, for the
// tenant of their scoped token), the platform's, which receive every
// tenant's events, under /api/v1/admin/webhooks (platform admins).
func (s *Server) webhookEndpointRoutes() []Route {
	var out []Route
	for _, side := range []struct {
		base, tag, whose string
		o                app.HookOwner
		read, manage     membership.Action
	}{
		{"/api/v1/webhooks", "Webhook endpoints", "your tenant's", app.HookOwner{}, membership.WebhookRead, membership.WebhookManage},
		{"/api/v1/admin/webhooks", "Platform admin", "a platform", app.HookOwner{Platform: true}, membership.PlatformAdminister, membership.PlatformAdminister},
	} {
		h := hookHandlers{s: s, o: side.o}
		one := side.base + "/{webhook_id}"
		out = append(out,
			Route{Method: "POST", Path: side.base, Tag: side.tag, Access: Authenticated, Action: side.manage,
				Status: http.StatusCreated, Body: CreateWebhookRequest{}, Reply: IssuedWebhookEndpoint{}, handle: h.create,
				Summary: "Register " + side.whose + " webhook endpoint (https only; the signing secret is in the answer, and only there)"},
			Route{Method: "GET", Path: side.base, Tag: side.tag, Access: Authenticated, Action: side.read,
				Status: http.StatusOK, Reply: []WebhookEndpoint{}, handle: h.list,
				Summary: "List " + side.whose + " webhook endpoints (never their secrets)"},
			Route{Method: "GET", Path: one, Tag: side.tag, Access: Authenticated, Action: side.read,
				Status: http.StatusOK, Reply: WebhookEndpoint{}, handle: h.get,
				Summary: "Get one of " + side.whose + " webhook endpoints"},
			Route{Method: "PATCH", Path: one, Tag: side.tag, Access: Authenticated, Action: side.manage,
				Status: http.StatusOK, Body: UpdateWebhookRequest{}, Reply: WebhookEndpoint{}, handle: h.update,
				Summary: "Change a webhook endpoint's URL, event types, description or enabled flag"},
			Route{Method: "DELETE", Path: one, Tag: side.tag, Access: Authenticated, Action: side.manage,
				Status: http.StatusNoContent, handle: h.delete,
				Summary: "Delete a webhook endpoint and its deliveries"},
			Route{Method: "POST", Path: one + "/rotate-secret", Tag: side.tag, Access: Authenticated, Action: side.manage,
				Status: http.StatusOK, Reply: IssuedWebhookEndpoint{}, handle: h.rotate,
				Summary: "Give a webhook endpoint a new signing secret (in the answer, once); the old one also signs for 24 hours"},
			Route{Method: "GET", Path: one + "/deliveries", Tag: side.tag, Access: Authenticated, Action: side.read,
				Status: http.StatusOK, Reply: []WebhookDelivery{}, handle: h.deliveries,
				Summary: "The endpoint's latest deliveries, newest first: status, response code, duration, attempts, next attempt"},
			Route{Method: "POST", Path: one + "/deliveries/{delivery_id}/replay", Tag: side.tag, Access: Authenticated, Action: side.manage,
				Status: http.StatusAccepted, Reply: WebhookDelivery{}, handle: h.replay,
				Summary: "Send a delivery again (same webhook-id and payload), at once"},
		)
	}
	return out
}
