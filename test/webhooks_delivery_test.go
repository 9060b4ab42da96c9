package test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestWebhookMembershipChangeSignedAndVerifiable: a membership change
// reaches a registered receiver, signed so that an independent
// implementation of the Standard Webhooks specification verifies it, with
// a payload naming the change and no secret.
func TestWebhookMembershipChangeSignedAndVerifiable(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		ht := h.newHookTeam(t, "Hook Salon", "member.added", "member.role_changed")
		if !strings.HasPrefix(ht.secret, "whsec_") {
			t.Fatalf("secret %q", ht.secret)
		}
		uid := h.addUser(t, ht.owner, "kim@hook-salon.example.com", "staff")
		h.put(t, "/api/v1/members/"+uid, ht.owner, map[string]any{"role": "receptionist"}).expect(http.StatusOK)
		h.drainJobs(t)
		got := ht.rc.got()
		if len(got) != 2 {
			t.Fatalf("receiver got %d requests, want 2 (member.added, member.role_changed)", len(got))
		}
		for i, typ := range []string{"member.added", "member.role_changed"} {
			r := got[i]
			if !verifySignature(ht.secret, r) {
				t.Errorf("%s: signature %q does not verify", typ, r.signature)
			}
			if verifySignature("whsec_"+strings.Repeat("A", 43)+"=", r) {
				t.Errorf("%s: verifies under another secret", typ)
			}
			p := r.payload(t)
			p.eq("type", typ)
			d := p.sub("data")
			d.eq("tenant_id", ht.tenantID)
			d.eq("resource_type", "user")
			d.eq("resource_id", uid)
			d.sub("actor").eq("id", ht.ownerID)
			if !strings.HasPrefix(r.id, "msg_") {
				t.Errorf("webhook-id %q", r.id)
			}
			noLeak(t, string(r.body), goodPassword, ht.secret, strings.TrimPrefix(ht.secret, "whsec_"))
		}
		got[1].payload(t).sub("data").sub("details").eq("to", "receptionist")
		// A change of a type the endpoint does not receive sends nothing.
		h.post(t, "/api/v1/outlets", ht.owner, map[string]any{"name": "Annex", "timezone": "UTC"}).expect(http.StatusCreated)
		h.drainJobs(t)
		if n := len(ht.rc.got()); n != 2 {
			t.Errorf("an outlet.created event reached an endpoint of member events: %d requests", n)
		}
		ds := h.deliveries(t, ht.owner, ht.hookID)
		if len(ds) != 2 {
			t.Fatalf("%d deliveries listed, want 2", len(ds))
		}
		for _, d := range ds {
			d.eq("status", "succeeded")
			if d.num("response_code") != 200 || d.num("attempts") != 1 {
				t.Errorf("delivery %s", d)
			}
			d.null("next_attempt_at")
		}
	})
}

// TestWebhookReceiverDownThenUp: while the receiver answers 503 nothing is
// lost and nothing goes out of order per resource: the retries follow the
// schedule on the server's clock, and once the receiver is back every
// event arrives, each resource's in the order it happened.
func TestWebhookReceiverDownThenUp(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		ht := h.newHookTeam(t, "Outage Salon", "member.added", "member.role_changed", "member.removed")
		ht.rc.answer(http.StatusServiceUnavailable)
		a := h.addUser(t, ht.owner, "a@outage-salon.example.com", "staff")
		b := h.addUser(t, ht.owner, "b@outage-salon.example.com", "staff")
		h.put(t, "/api/v1/members/"+a, ht.owner, map[string]any{"role": "viewer"}).expect(http.StatusOK)
		h.put(t, "/api/v1/members/"+a, ht.owner, map[string]any{"role": "receptionist"}).expect(http.StatusOK)
		h.del(t, "/api/v1/members/"+b, ht.owner).expect(http.StatusNoContent)
		h.drainJobs(t)
		// First attempts: only the first event of each resource went (a's
		// later ones wait behind its first, which failed).
		if got := len(ht.rc.got()); got != 2 {
			t.Fatalf("%d attempts while down, want 2 (one per resource)", got)
		}
		for _, wait := range []time.Duration{5 * time.Second, 5 * time.Minute} {
			h.clock.advance(wait)
			h.drainJobs(t)
		}
		if got := len(ht.rc.got()); got != 6 {
			t.Fatalf("%d attempts after two retries, want 6", got)
		}
		for _, d := range h.deliveries(t, ht.owner, ht.hookID) {
			if d.str("status") != "pending" {
				t.Errorf("delivery %s while the receiver is down", d)
			}
		}
		ht.rc.answer(http.StatusOK)
		h.clock.advance(30 * time.Minute)
		h.drainJobs(t)
		var okA, okB []string
		for _, r := range ht.rc.got()[6:] {
			p := r.payload(t)
			if !verifySignature(ht.secret, r) {
				t.Errorf("retry %s does not verify", r.id)
			}
			switch p.sub("data").str("resource_id") {
			case a:
				okA = append(okA, p.str("type")+":"+fmtAny(p.sub("data").sub("details").m["to"]))
			case b:
				okB = append(okB, p.str("type"))
			}
		}
		if want := "member.added: member.role_changed:viewer member.role_changed:receptionist"; strings.Join(okA, " ") != want {
			t.Errorf("a's events arrived as %q, want %q", strings.Join(okA, " "), want)
		}
		if want := "member.added member.removed"; strings.Join(okB, " ") != want {
			t.Errorf("b's events arrived as %q, want %q", strings.Join(okB, " "), want)
		}
		owner := h.scoped(t, ht.email, ht.password, ht.tenantID) // the clock moved past the first token's life
		for _, d := range h.deliveries(t, owner, ht.hookID) {
			d.eq("status", "succeeded")
		}
	})
}

// fmtAny prints a JSON value, "" for none.
func fmtAny(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}
