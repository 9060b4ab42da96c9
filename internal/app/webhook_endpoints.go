package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/webhook"
)

// WebhookInput describes a new endpoint, or (pointers set) the parts of one
// to change.
type WebhookInput struct {
	URL         *string
	EventTypes  *[]string // empty or ["*"]: every event
	Description *string
	Enabled     *bool
}

// IssuedWebhook is an endpoint with its signing secret, as created or
// rotated: the only time the secret is returned.
type IssuedWebhook struct {
	Endpoint webhook.Endpoint
	Secret   string
}

// validate checks in (every field given when creating) and normalises its
// event types.
func (a *App) checkWebhook(ctx context.Context, in *WebhookInput, creating bool) error {
	var c errs.Collector
	if creating && in.URL == nil {
		c.Add("url", "required", "This field is required.")
	}
	if in.Description != nil {
		*in.Description = strings.TrimSpace(*in.Description)
		optional(&c, "description", *in.Description, 500)
	}
	if in.EventTypes != nil {
		types := []string{}
		for i, t := range *in.EventTypes {
			if !webhook.KnownType(t) {
				c.Add(fmt.Sprintf("event_types[%d]", i), "unknown_event_type",
					"Unknown event type; the types are listed in docs/webhooks.md, or \"*\" for every one.")
			} else if !slices.Contains(types, t) {
				types = append(types, t)
			}
		}
		if len(types) == 0 || slices.Contains(types, webhook.AllEvents) {
			types = []string{webhook.AllEvents}
		}
		*in.EventTypes = types
	}
	if err := c.Err(); err != nil {
		return err
	}
	if in.URL != nil {
		return a.hooks.Check(ctx, *in.URL)
	}
	return nil
}

// CreateWebhook registers an endpoint: the tenant's (of p's scoped token)
// or, for a platform admin with o.Platform, the platform's, which receives
// every tenant's events. The signing secret is in the answer, and only
// there.
func (a *App) CreateWebhook(ctx context.Context, p *auth.Principal, o HookOwner, in WebhookInput) (*IssuedWebhook, error) {
	tenantID, err := a.hookTenant(ctx, p, o, membership.WebhookManage, "")
	if err != nil {
		return nil, err
	}
	if in.EventTypes == nil {
		in.EventTypes = &[]string{}
	}
	if err := a.checkWebhook(ctx, &in, true); err != nil {
		return nil, err
	}
	secret, err := webhook.NewSecret()
	if err != nil {
		return nil, err
	}
	now := a.now()
	prefix := webhook.EndpointPrefix
	if tenantID == "" {
		prefix = webhook.PlatformEndpointPrefix
	}
	e := webhook.Endpoint{TenantID: tenantID, ID: id.NewAt(prefix, now), URL: *in.URL, EventTypes: *in.EventTypes,
		Enabled: in.Enabled == nil || *in.Enabled, CreatedBy: p.UserID, CreatedAt: now, UpdatedAt: now}
	if in.Description != nil {
		e.Description = *in.Description
	}
	if e.SecretSealed, err = a.box.Seal([]byte(secret), webhook.SealContext(e.ID)); err != nil {
		return nil, err
	}
	err = a.inHooks(ctx, tenantID, func(tx *store.Tx) error {
		if err := tx.CreateWebhookEndpoint(ctx, &e); err != nil {
			return err
		}
		return a.record(ctx, tx, hookAuditTenant(tenantID), p, "webhook.create", "webhook_endpoint", e.ID,
			map[string]string{"url": e.URL, "event_types": strings.Join(e.EventTypes, " "), "enabled": boolString(e.Enabled)})
	})
	if err != nil {
		return nil, err
	}
	return &IssuedWebhook{Endpoint: e, Secret: secret}, nil
}

// ListWebhooks lists the endpoints of o, oldest first, without secrets.
func (a *App) ListWebhooks(ctx context.Context, p *auth.Principal, o HookOwner) ([]webhook.Endpoint, error) {
	tenantID, err := a.hookTenant(ctx, p, o, membership.WebhookRead, "")
	if err != nil {
		return nil, err
	}
	var out []webhook.Endpoint
	err = a.readHooks(ctx, tenantID, func(tx *store.Tx) (err error) {
		out, err = tx.ListWebhookEndpoints(ctx, tenantID)
		return err
	})
	return out, err
}

// GetWebhook returns one endpoint of o, without its secret.
func (a *App) GetWebhook(ctx context.Context, p *auth.Principal, o HookOwner, endpointID string) (*webhook.Endpoint, error) {
	tenantID, err := a.hookTenant(ctx, p, o, membership.WebhookRead, endpointID)
	if err != nil {
		return nil, err
	}
	var out *webhook.Endpoint
	err = a.readHooks(ctx, tenantID, func(tx *store.Tx) (err error) {
		out, err = a.endpointOf(ctx, tx, tenantID, endpointID)
		return err
	})
	return out, err
}

// endpointOf reads an endpoint of tenantID ("" the platform's); an id of
// the other kind is missing.
func (a *App) endpointOf(ctx context.Context, tx *store.Tx, tenantID, endpointID string) (*webhook.Endpoint, error) {
	if webhook.IsPlatformEndpoint(endpointID) != (tenantID == "") {
		return nil, errWebhookNotFound
	}
	e, err := tx.GetWebhookEndpoint(ctx, tenantID, endpointID)
	return e, notFoundAs(err, errWebhookNotFound)
}

// UpdateWebhook changes an endpoint's URL, event types, description or
// enabled flag (enabling clears the reason the server disabled it).
func (a *App) UpdateWebhook(ctx context.Context, p *auth.Principal, o HookOwner, endpointID string, in WebhookInput) (*webhook.Endpoint, error) {
	tenantID, err := a.hookTenant(ctx, p, o, membership.WebhookManage, endpointID)
	if err != nil {
		return nil, err
	}
	if err := a.checkWebhook(ctx, &in, false); err != nil {
		return nil, err
	}
	var out *webhook.Endpoint
	err = a.inHooks(ctx, tenantID, func(tx *store.Tx) error {
		e, err := a.endpointOf(ctx, tx, tenantID, endpointID)
		if err != nil {
			return err
		}
		var changed []string
		if in.URL != nil && *in.URL != e.URL {
			e.URL, changed = *in.URL, append(changed, "url")
		}
		if in.EventTypes != nil && !slices.Equal(*in.EventTypes, e.EventTypes) {
			e.EventTypes, changed = *in.EventTypes, append(changed, "event_types")
		}
		if in.Description != nil && *in.Description != e.Description {
			e.Description, changed = *in.Description, append(changed, "description")
		}
		if in.Enabled != nil && *in.Enabled != e.Enabled {
			e.Enabled, changed = *in.Enabled, append(changed, "enabled")
			if e.Enabled {
				e.DisabledReason = ""
			}
		}
		out = e
		if len(changed) == 0 {
			return nil
		}
		e.UpdatedAt = a.now()
		if err := tx.UpdateWebhookEndpoint(ctx, e); err != nil {
			return notFoundAs(err, errWebhookNotFound)
		}
		return a.record(ctx, tx, hookAuditTenant(tenantID), p, "webhook.update", "webhook_endpoint", e.ID,
			map[string]string{"fields": strings.Join(changed, ","), "enabled": boolString(e.Enabled)})
	})
	return out, err
}

// DeleteWebhook deletes an endpoint and its deliveries; pending ones are
// not sent.
func (a *App) DeleteWebhook(ctx context.Context, p *auth.Principal, o HookOwner, endpointID string) error {
	tenantID, err := a.hookTenant(ctx, p, o, membership.WebhookManage, endpointID)
	if err != nil {
		return err
	}
	return a.inHooks(ctx, tenantID, func(tx *store.Tx) error {
		e, err := a.endpointOf(ctx, tx, tenantID, endpointID)
		if err != nil {
			return err
		}
		if err := tx.DeleteWebhookEndpoint(ctx, tenantID, e.ID); err != nil {
			return notFoundAs(err, errWebhookNotFound)
		}
		return a.record(ctx, tx, hookAuditTenant(tenantID), p, "webhook.delete", "webhook_endpoint", e.ID,
			map[string]string{"url": e.URL})
	})
}

// RotateWebhookSecret gives an endpoint a new signing secret, returned
// once; the previous one keeps signing beside it for
// webhook.RotationOverlap, so receivers switch without losing a message.
func (a *App) RotateWebhookSecret(ctx context.Context, p *auth.Principal, o HookOwner, endpointID string) (*IssuedWebhook, error) {
	tenantID, err := a.hookTenant(ctx, p, o, membership.WebhookManage, endpointID)
	if err != nil {
		return nil, err
	}
	secret, err := webhook.NewSecret()
	if err != nil {
		return nil, err
	}
	var out *IssuedWebhook
	err = a.inHooks(ctx, tenantID, func(tx *store.Tx) error {
		e, err := a.endpointOf(ctx, tx, tenantID, endpointID)
		if err != nil {
			return err
		}
		sealed, err := a.box.Seal([]byte(secret), webhook.SealContext(e.ID))
		if err != nil {
			return err
		}
		now := a.now()
		until := now.Add(webhook.RotationOverlap)
		e.PreviousSealed, e.PreviousUntil, e.SecretSealed, e.UpdatedAt = e.SecretSealed, &until, sealed, now
		if err := tx.UpdateWebhookEndpoint(ctx, e); err != nil {
			return notFoundAs(err, errWebhookNotFound)
		}
		out = &IssuedWebhook{Endpoint: *e, Secret: secret}
		return a.record(ctx, tx, hookAuditTenant(tenantID), p, "webhook.rotate_secret", "webhook_endpoint", e.ID,
			map[string]string{"previous_until": until.Format(time.RFC3339)})
	})
	return out, err
}

// secretsOf opens the secrets that sign e's messages at now: the current
// one, then the previous one while its overlap lasts.
func (a *App) secretsOf(e *webhook.Endpoint, now time.Time) ([]string, error) {
	out := []string{}
	for _, s := range []string{e.SecretSealed, e.PreviousSealed} {
		if s == "" || (s == e.PreviousSealed && (e.PreviousUntil == nil || !now.Before(*e.PreviousUntil))) {
			continue
		}
		plain, err := a.box.Open(s, webhook.SealContext(e.ID))
		if err != nil {
			return nil, fmt.Errorf("app: open the signing secret of webhook %s: %w", e.ID, err)
		}
		out = append(out, string(plain))
	}
	return out, nil
}
