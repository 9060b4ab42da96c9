package test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestWebhookRegistrationRefusesUnsafeURLs: only https:// (plain http only
// to a literal loopback address, which the test harness's development
// setting allows), and never to a private, loopback, link-local,
// unspecified or multicast address, or to a name that resolves to one —
// at creation and at a change — with a stable code.
func TestWebhookRegistrationRefusesUnsafeURLs(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Ssrf Salon")
		for url, code := range map[string]string{
			"http://10.0.0.1/hook":                       "webhook_url_not_https",
			"http://169.254.169.254/latest/meta-data/":   "webhook_url_not_https",
			"http://localhost:8080/hook":                 "webhook_url_not_https",
			"https://127.0.0.1/hook":                     "webhook_url_forbidden",
			"https://localhost/hook":                     "webhook_url_forbidden",
			"https://169.254.169.254/latest/meta-data/":  "webhook_url_forbidden",
			"https://[::1]/hook":                         "webhook_url_forbidden",
			"https://10.0.0.1/hook":                      "webhook_url_forbidden",
			"https://[::ffff:192.168.0.1]/hook":          "webhook_url_forbidden",
			"ftp://hooks.example.com/hook":               "webhook_url_not_https",
			"https://user:secret@hooks.example.com/hook": "webhook_url_invalid",
			"not a url": "webhook_url_invalid",
		} {
			p := h.post(t, "/api/v1/webhooks", tm.owner, map[string]any{"url": url}).problem(http.StatusUnprocessableEntity, code)
			p.fieldError("url")
		}
		if host, err := hostResolvingToLoopback(); err == nil { // a name of this machine resolving to 127.0.0.1
			h.post(t, "/api/v1/webhooks", tm.owner, map[string]any{"url": "https://" + host + "/hook"}).
				problem(http.StatusUnprocessableEntity, "webhook_url_forbidden")
		}
		id := h.post(t, "/api/v1/webhooks", tm.owner, map[string]any{"url": "https://hooks.example.com/in"}).
			expect(http.StatusCreated).obj().str("id")
		h.do(t, "PATCH", "/api/v1/webhooks/"+id, req{token: tm.owner, body: map[string]any{"url": "https://169.254.169.254/"}}).
			problem(http.StatusUnprocessableEntity, "webhook_url_forbidden")
		h.post(t, "/api/v1/webhooks", tm.owner, map[string]any{"url": "https://hooks.example.com/in", "event_types": []string{"no.such"}}).
			expect(http.StatusUnprocessableEntity).obj().fieldError("event_types[0]")
	})
}

// hostResolvingToLoopback returns this machine's host name if it resolves
// to a loopback address.
func hostResolvingToLoopback() (string, error) {
	host, err := os.Hostname()
	if err != nil {
		return "", err
	}
	addrs, err := net.LookupIP(host)
	if err != nil || len(addrs) == 0 || !addrs[0].IsLoopback() {
		return "", net.UnknownNetworkError("no loopback name")
	}
	return host, nil
}

// TestWebhookDeliveryRefusesUnsafeURLs: an endpoint whose URL became
// unsafe after registration (written in the database, as by an older
// version) is checked again at delivery: the delivery fails at once, and
// the server listening there is never reached.
func TestWebhookDeliveryRefusesUnsafeURLs(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		ht := h.newHookTeam(t, "Rebind Salon", "tenant.updated")
		var reached atomic.Int32
		victim := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached.Add(1) }))
		defer victim.Close()
		_, port, _ := net.SplitHostPort(victim.Listener.Addr().String())
		urls := []string{"https://localhost:" + port + "/", "https://127.0.0.1:" + port + "/", "https://[::1]:" + port + "/",
			"http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/hook"}
		if host, err := hostResolvingToLoopback(); err == nil {
			urls = append(urls, "https://"+host+":"+port+"/")
		}
		raw := h.rawDB(t)
		for i, u := range urls {
			if _, err := raw.Exec(`UPDATE webhook_endpoints SET url = '` + u + `' WHERE id = '` + ht.hookID + `'`); err != nil {
				t.Fatal(err)
			}
			h.put(t, "/api/v1/tenants/"+ht.tenantID, ht.owner, map[string]any{"description": "Change " + u}).expect(http.StatusOK)
			h.drainJobs(t)
			ds := h.deliveries(t, ht.owner, ht.hookID)
			if len(ds) != i+1 {
				t.Fatalf("%d deliveries, want %d", len(ds), i+1)
			}
			ds[0].eq("status", "failed")
			if e := ds[0].str("last_error"); !strings.Contains(e, "refused") {
				t.Errorf("%s: last error %q", u, e)
			}
		}
		if reached.Load() != 0 || len(ht.rc.got()) != 0 {
			t.Errorf("an unsafe URL was reached: victim %d, receiver %d", reached.Load(), len(ht.rc.got()))
		}
	})
}

// TestWebhookSlowReceiverTimesOut: a receiver that does not answer within
// the attempt's budget fails the attempt, which is retried.
func TestWebhookSlowReceiverTimesOut(t *testing.T) {
	forEachEngine(t, options{webhookTimeout: 300 * time.Millisecond}, func(t *testing.T, h *harness) {
		ht := h.newHookTeam(t, "Slow Salon", "tenant.updated")
		ht.rc.holdRequests()
		h.put(t, "/api/v1/tenants/"+ht.tenantID, ht.owner, map[string]any{"description": "Slow"}).expect(http.StatusOK)
		h.drainJobs(t)
		d := h.deliveries(t, ht.owner, ht.hookID)[0]
		d.eq("status", "pending")
		if d.num("attempts") != 1 || d.num("response_code") != 0 || d.str("last_error") == "" || d.str("next_attempt_at") == "" {
			t.Fatalf("after a timeout: %s", d)
		}
		ht.rc.release()
		h.clock.advance(6 * time.Second)
		h.drainJobs(t)
		d = h.deliveries(t, ht.owner, ht.hookID)[0]
		d.eq("status", "succeeded")
		if d.num("attempts") != 2 {
			t.Errorf("after the retry: %s", d)
		}
		if got := ht.rc.got(); len(got) != 2 || got[0].id != got[1].id {
			t.Errorf("the retry has another webhook-id, or attempts are missing: %d", len(got))
		}
	})
}

// TestWebhookGoneDisablesTheEndpoint: a 410 answer fails the delivery and
// disables the endpoint, audited; nothing more is sent to it.
func TestWebhookGoneDisablesTheEndpoint(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		ht := h.newHookTeam(t, "Gone Salon", "tenant.updated")
		ht.rc.answer(http.StatusGone)
		h.put(t, "/api/v1/tenants/"+ht.tenantID, ht.owner, map[string]any{"description": "One"}).expect(http.StatusOK)
		h.drainJobs(t)
		e := h.get(t, "/api/v1/webhooks/"+ht.hookID, ht.owner).expect(http.StatusOK).obj()
		if e.boolean("enabled") || !strings.Contains(e.str("disabled_reason"), "410") {
			t.Errorf("after 410: %s", e)
		}
		d := h.deliveries(t, ht.owner, ht.hookID)[0]
		d.eq("status", "failed")
		if d.num("response_code") != 410 {
			t.Errorf("delivery %s", d)
		}
		audit := h.get(t, "/api/v1/audit-logs?action=webhook.disable", ht.owner).expect(http.StatusOK).list()
		if len(audit) != 1 {
			t.Errorf("%d webhook.disable audit events, want 1", len(audit))
		}
		h.put(t, "/api/v1/tenants/"+ht.tenantID, ht.owner, map[string]any{"description": "Two"}).expect(http.StatusOK)
		h.drainJobs(t)
		if n := len(ht.rc.got()); n != 1 {
			t.Errorf("a disabled endpoint got %d requests, want 1", n)
		}
		h.post(t, "/api/v1/webhooks/"+ht.hookID+"/deliveries/"+d.str("id")+"/replay", ht.owner, nil).
			problem(http.StatusConflict, "webhook_disabled")
	})
}

// TestWebhookRotationAndReplay: after a rotation the new secret is shown
// once and both secrets sign for the overlap, then only the new one; a
// delivery can be replayed, with its id and payload.
func TestWebhookRotationAndReplay(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		ht := h.newHookTeam(t, "Rotate Salon", "tenant.updated")
		rot := h.post(t, "/api/v1/webhooks/"+ht.hookID+"/rotate-secret", ht.owner, nil).expect(http.StatusOK).obj()
		fresh := rot.str("secret")
		if fresh == ht.secret || !strings.HasPrefix(fresh, "whsec_") || rot.str("previous_secret_expires_at") == "" {
			t.Fatalf("rotation: %s", rot)
		}
		got := h.get(t, "/api/v1/webhooks/"+ht.hookID, ht.owner).expect(http.StatusOK)
		noLeak(t, string(got.body), fresh, ht.secret)
		h.put(t, "/api/v1/tenants/"+ht.tenantID, ht.owner, map[string]any{"description": "During"}).expect(http.StatusOK)
		h.drainJobs(t)
		r := ht.rc.got()[0]
		if !verifySignature(fresh, r) || !verifySignature(ht.secret, r) || len(strings.Fields(r.signature)) != 2 {
			t.Errorf("during the overlap: signature %q", r.signature)
		}
		h.clock.advance(25 * time.Hour)
		owner := h.scoped(t, ht.email, ht.password, ht.tenantID)
		h.put(t, "/api/v1/tenants/"+ht.tenantID, owner, map[string]any{"description": "After"}).expect(http.StatusOK)
		h.drainJobs(t)
		r = ht.rc.got()[1]
		if !verifySignature(fresh, r) || verifySignature(ht.secret, r) {
			t.Errorf("after the overlap: signature %q", r.signature)
		}
		first := h.deliveries(t, owner, ht.hookID)[1]
		replayed := h.post(t, "/api/v1/webhooks/"+ht.hookID+"/deliveries/"+first.str("id")+"/replay", owner, nil).
			expect(http.StatusAccepted).obj()
		replayed.eq("status", "pending")
		h.drainJobs(t)
		all := ht.rc.got()
		if len(all) != 3 || all[2].id != all[0].id || string(all[2].body) != string(all[0].body) || !verifySignature(fresh, all[2]) {
			t.Fatalf("replay: %d requests", len(all))
		}
		for _, d := range h.deliveries(t, owner, ht.hookID) {
			d.eq("status", "succeeded")
		}
	})
}

// TestPlatformWebhookReceivesEveryTenant: a platform endpoint receives the
// events of every tenant, each delivery with its event's tenant; tenants
// do not see it, and its deliveries are listed to platform admins.
func TestPlatformWebhookReceivesEveryTenant(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		h.srv.Jobs.Stop()
		rc := newReceiver(t)
		admin := h.admin(t)
		p := h.post(t, "/api/v1/admin/webhooks", admin, map[string]any{"url": rc.url(), "event_types": []string{"tenant.updated"}}).
			expect(http.StatusCreated).obj()
		p.eq("scope", "platform")
		a, b := h.newTeam(t, "Platform A"), h.newTeam(t, "Platform B")
		for _, tm := range []team{a, b} {
			h.put(t, "/api/v1/tenants/"+tm.tenantID, tm.owner, map[string]any{"description": "Seen"}).expect(http.StatusOK)
			if n := len(h.get(t, "/api/v1/webhooks", tm.owner).expect(http.StatusOK).list()); n != 0 {
				t.Errorf("a tenant lists %d endpoints", n)
			}
			h.get(t, "/api/v1/webhooks/"+p.str("id"), tm.owner).problem(http.StatusNotFound, "webhook_not_found")
			h.get(t, "/api/v1/admin/webhooks", tm.owner).expect(http.StatusForbidden)
		}
		h.drainJobs(t)
		seen := map[string]bool{}
		for _, r := range rc.got() {
			if !verifySignature(p.str("secret"), r) {
				t.Error("platform delivery does not verify")
			}
			seen[r.payload(t).sub("data").str("tenant_id")] = true
		}
		if !seen[a.tenantID] || !seen[b.tenantID] {
			t.Errorf("platform endpoint saw tenants %v", seen)
		}
		ds := h.get(t, "/api/v1/admin/webhooks/"+p.str("id")+"/deliveries", admin).expect(http.StatusOK).list()
		if len(ds) != 2 {
			t.Errorf("%d platform deliveries listed, want 2", len(ds))
		}
	})
}

// TestWebhookPayloadsCarryNoSecrets: changes that involve secrets — an API
// key's creation and rotation, gateway credentials, a webhook's own secret,
// a new member's password — send events, and no payload carries any of the
// secrets.
func TestWebhookPayloadsCarryNoSecrets(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		ht := h.newHookTeam(t, "Secret Salon")
		k := h.createKey(t, ht.owner, "Mirror key", "dev")
		rotated := h.post(t, "/api/v1/api-keys/"+k.str("id")+"/rotate", ht.owner, nil).expect(http.StatusOK).obj()
		const clientSecret = "pid-client-secret-Zq81"
		h.put(t, "/api/v1/tenants/"+ht.tenantID+"/paper-id-config", ht.owner,
			map[string]any{"client_id": "pid-client", "client_secret": clientSecret, "enabled": true}).expect(http.StatusOK)
		other := h.post(t, "/api/v1/webhooks", ht.owner, map[string]any{"url": deadHookURL, "enabled": false}).
			expect(http.StatusCreated).obj()
		h.addUser(t, ht.owner, "new@secret-salon.example.com", "staff")
		h.drainJobs(t)
		types := map[string]bool{}
		for _, r := range ht.rc.got() {
			noLeak(t, string(r.body), k.str("key"), rotated.str("key"), clientSecret, other.str("secret"), ht.secret,
				goodPassword, strings.TrimPrefix(ht.secret, "whsec_"))
			types[r.payload(t).str("type")] = true
		}
		for _, want := range []string{"apikey.created", "apikey.rotated", "tenant.credentials_updated", "member.added"} {
			if !types[want] {
				t.Errorf("no %s event among %v", want, types)
			}
		}
	})
}
