package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
)

// hookHandlers serve the webhook endpoints of one owner: a tenant's or
// the platform's.
type hookHandlers struct {
	s *Server
	o app.HookOwner
}

func (h hookHandlers) create(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req CreateWebhookRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	in := app.WebhookInput{URL: &req.URL, Description: &req.Description, Enabled: req.Enabled, EventTypes: &req.EventTypes}
	if req.EventTypes == nil {
		in.EventTypes = nil
	}
	v, err := h.s.app.CreateWebhook(r.Context(), p, h.o, in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, issuedWebhookOf(v))
}

func (h hookHandlers) list(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	es, err := h.s.app.ListWebhooks(r.Context(), p, h.o)
	if err != nil {
		return err
	}
	out := make([]WebhookEndpoint, 0, len(es))
	for i := range es {
		out = append(out, webhookOf(&es[i]))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (h hookHandlers) get(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	e, err := h.s.app.GetWebhook(r.Context(), p, h.o, r.PathValue("webhook_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, webhookOf(e))
}

func (h hookHandlers) update(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req UpdateWebhookRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	e, err := h.s.app.UpdateWebhook(r.Context(), p, h.o, r.PathValue("webhook_id"),
		app.WebhookInput{URL: req.URL, EventTypes: req.EventTypes, Description: req.Description, Enabled: req.Enabled})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, webhookOf(e))
}

func (h hookHandlers) delete(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := h.s.app.DeleteWebhook(r.Context(), p, h.o, r.PathValue("webhook_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h hookHandlers) rotate(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := h.s.app.RotateWebhookSecret(r.Context(), p, h.o, r.PathValue("webhook_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, issuedWebhookOf(v))
}

func (h hookHandlers) deliveries(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	ds, err := h.s.app.ListDeliveries(r.Context(), p, h.o, r.PathValue("webhook_id"))
	if err != nil {
		return err
	}
	out := make([]WebhookDelivery, 0, len(ds))
	for i := range ds {
		out = append(out, deliveryOf(&ds[i]))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (h hookHandlers) replay(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	d, err := h.s.app.ReplayDelivery(r.Context(), p, h.o, r.PathValue("webhook_id"), r.PathValue("delivery_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, deliveryOf(d))
}
