package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/webhook"
)

// newWebhook is an enabled endpoint of tenantID ("" for the platform's)
// receiving every event.
func newWebhook(tenantID string, now time.Time) *webhook.Endpoint {
	prefix := webhook.EndpointPrefix
	if tenantID == "" {
		prefix = webhook.PlatformEndpointPrefix
	}
	return &webhook.Endpoint{TenantID: tenantID, ID: id.New(prefix), URL: "https://hooks.example.com/in",
		EventTypes: []string{webhook.AllEvents}, Enabled: true, SecretSealed: "v1.sealed", CreatedAt: now, UpdatedAt: now}
}

// webhookCases cover the webhook endpoints and the deliveries an audited
// change fans out to, in its transaction.
func webhookCases() map[string]Case {
	return map[string]Case{"WebhookFanOut": testWebhookFanOut}
}

// testWebhookFanOut: an audited change that becomes an event writes one
// delivery per enabled receiving endpoint — the tenant's and the
// platform's — with its job, in the change's transaction; a failure, an
// ignored action, a disabled endpoint or one of other types gets none; a
// rolled-back change leaves none.
func testWebhookFanOut(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "hooks")
	all, members, off := newWebhook(x.ID, now), newWebhook(x.ID, now), newWebhook(x.ID, now)
	members.EventTypes = []string{"member.added"}
	off.Enabled = false
	platform := newWebhook("", now)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateWebhookEndpoint(ctx, platform) }))
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		for _, e := range []*webhook.Endpoint{all, members, off} {
			if err := tx.CreateWebhookEndpoint(ctx, e); err != nil {
				return err
			}
		}
		return nil
	}))
	// A tenant transaction may not write platform endpoints.
	if err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.CreateWebhookEndpoint(ctx, newWebhook("", now)) }); err == nil {
		t.Error("a tenant transaction created a platform endpoint")
	}
	event := func(action string, outcome audit.Outcome) *audit.Event {
		return &audit.Event{TenantID: x.ID, ID: id.New(id.Audit), Action: action, ResourceType: "user", ResourceID: "usr_1",
			Outcome: outcome, Details: map[string]string{"role": "staff", "password": "hunter2"}, CreatedAt: now}
	}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		for _, e := range []*audit.Event{event("user.create", audit.Success), event("user.create", audit.Failure),
			event("auth.login", audit.Success), event("outlet.create", audit.Success)} {
			if err := tx.AppendAudit(ctx, e); err != nil {
				return err
			}
		}
		return nil
	}))
	rolledBack := db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		if err := tx.AppendAudit(ctx, event("member.remove", audit.Success)); err != nil {
			return err
		}
		return errs.E(errs.Conflict, "rollback", "roll back")
	})
	if !errs.Is(rolledBack, errs.Conflict) {
		t.Fatal(rolledBack)
	}
	count := map[string]int{}
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		for _, e := range []*webhook.Endpoint{all, members, off, platform} {
			owner := e.TenantID
			ds, err := tx.ListDeliveries(ctx, owner, e.ID, 50)
			if err != nil {
				return err
			}
			for _, d := range ds {
				count[e.ID]++
				if d.TenantID != x.ID || d.Status != webhook.Pending {
					t.Errorf("delivery %+v", d)
				}
				if string(d.Payload) == "" || strings.Contains(string(d.Payload), "hunter2") || strings.Contains(string(d.Payload), "password") {
					t.Errorf("payload %s", d.Payload)
				}
			}
		}
		jobs, err := tx.ListJobs(ctx, store.JobFilter{Kind: job.WebhookDeliver, TenantID: x.ID})
		if err != nil {
			return err
		}
		if len(jobs) != 5 {
			t.Errorf("%d webhook jobs, want 5 (one per delivery)", len(jobs))
		}
		return nil
	}))
	// user.create and outlet.create to "all" and the platform's, user.create to "members".
	for e, want := range map[*webhook.Endpoint]int{all: 2, members: 1, off: 0, platform: 2} {
		if count[e.ID] != want {
			t.Errorf("endpoint %v (%v, enabled %v): %d deliveries, want %d", e.ID, e.EventTypes, e.Enabled, count[e.ID], want)
		}
	}
}
