package api

import "net/http"

// webhookRoutes are the signed callbacks of payment providers: no bearer
// token, the provider's signature verified first.
func (s *Server) webhookRoutes() []Route {
	return []Route{
		{Method: "POST", Path: "/api/v1/webhooks/stripe", Tag: "Webhooks", Access: Webhook, Status: http.StatusOK,
			Summary: "Receive an event of the platform's Stripe account (signed: Stripe-Signature; 404 stripe_not_configured without Stripe)",
			Body:    StripeEvent{}, BodyType: "application/json", Reply: WebhookReceipt{}, handle: s.stripeWebhook},
	}
}
