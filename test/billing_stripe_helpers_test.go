package test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/stripetest"
)

// stripeWebhookSecret signs the test events; the servers verify with it.
const stripeWebhookSecret = "whsec_tenantry_scenarios"

// stripeFront is an in-process HTTP server in front of the shared
// stripe-mock, so that a scenario sees what the server sends Stripe and
// can make Stripe unreachable: it forwards every request, keeps each
// POST's Idempotency-Key, drops the connection of requests whose path
// starts with the failing prefix (as a network failure would), and holds
// those with the held prefix until released.
type stripeFront struct {
	*httptest.Server
	mock *stripetest.Server

	mu      sync.Mutex
	failing string        // "" none; "/" every request
	held    string        // "" none
	arrived chan struct{} // a held request arrived
	release chan struct{} // closed to let held requests through
	keys    []string      // "POST /v1/… key", in order
}

// stripeOptions starts a stripe-mock (shared) with a front of this test's
// and returns the options of a server billing through it.
func stripeOptions(t *testing.T) (options, *stripeFront) {
	t.Helper()
	mock := stripetest.Start(t)
	target, err := url.Parse(mock.URL)
	if err != nil {
		t.Fatal(err)
	}
	f := &stripeFront{mock: mock}
	proxy := httputil.NewSingleHostReverseProxy(target)
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		if r.Method == http.MethodPost {
			f.keys = append(f.keys, r.Method+" "+r.URL.Path+" "+r.Header.Get("Idempotency-Key"))
		}
		failing := f.failing != "" && strings.HasPrefix(r.URL.Path, f.failing)
		var release chan struct{}
		if f.held != "" && r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, f.held) {
			release = f.release
			f.held = "" // the first request only
			close(f.arrived)
		}
		f.mu.Unlock()
		if failing {
			panic(http.ErrAbortHandler) // the connection drops: Stripe unreachable
		}
		if release != nil {
			<-release
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(f.Close)
	return options{stripe: config.Stripe{SecretKey: stripetest.Key, WebhookSecret: stripeWebhookSecret, APIURL: f.URL}}, f
}

// fail makes the requests whose path starts with prefix fail ("" none).
func (f *stripeFront) fail(prefix string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failing = prefix
}

// hold holds the next POST whose path starts with prefix until the
// returned function is called; arrived is closed when it comes in.
func (f *stripeFront) hold(prefix string) (arrived <-chan struct{}, release func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.held, f.arrived, f.release = prefix, make(chan struct{}), make(chan struct{})
	return f.arrived, sync.OnceFunc(func() { close(f.release) })
}

// keysOf returns the idempotency keys sent with POSTs to path, in order.
func (f *stripeFront) keysOf(path string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, k := range f.keys {
		if rest, ok := strings.CutPrefix(k, "POST "+path+" "); ok {
			out = append(out, rest)
		}
	}
	return out
}

// forEachStripeEngine runs fn in a parallel subtest per engine, each with
// its own server billing through its own front of stripe-mock.
func forEachStripeEngine(t *testing.T, fn func(t *testing.T, h *harness, f *stripeFront)) {
	t.Helper()
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			t.Parallel()
			opt, f := stripeOptions(t)
			fn(t, boot(t, eng, opt), f)
		})
	}
}

// setPrice gives a plan its Stripe price, as the platform admin.
func (h *harness) setPrice(t *testing.T, planID, price string) {
	t.Helper()
	h.put(t, "/api/v1/admin/plans/"+planID, h.admin(t), map[string]any{"stripe_price_id": price}).expect(http.StatusOK)
}

// webhook posts a body to the Stripe webhook with a Stripe-Signature
// header ("" for none).
func (h *harness) webhook(t *testing.T, body []byte, signature string) *response {
	t.Helper()
	hdr := map[string]string{}
	if signature != "" {
		hdr["Stripe-Signature"] = signature
	}
	return h.do(t, http.MethodPost, "/api/v1/webhooks/stripe", req{body: raw(body), header: hdr})
}

// stripeEvent posts the event id of type typ about object, signed with the
// platform's webhook secret now (stripe-go checks the signature's age
// against the wall clock), and returns the receipt.
func (h *harness) stripeEvent(t *testing.T, id, typ string, object map[string]any) obj {
	t.Helper()
	body := stripetest.Event(id, typ, time.Now(), object)
	return h.webhook(t, body, stripetest.Sign(body, stripeWebhookSecret, time.Now())).expect(http.StatusOK).obj()
}

// runJobs has the worker carry out every job due on the server's clock,
// pass after pass, failures included (runBilling fails on those).
func (h *harness) runJobs(t *testing.T) {
	t.Helper()
	for n := 1; n > 0; {
		var err error
		if n, err = h.srv.Jobs.RunDue(context.Background(), h.srv.App.DB()); err != nil {
			t.Fatal(err)
		}
	}
}

// jobsOf lists the tenant's jobs of kind, oldest first.
func (h *harness) jobsOf(t *testing.T, tenantID, kind string) []*job.Job {
	t.Helper()
	var out []*job.Job
	err := h.srv.App.DB().ReadSystem(context.Background(), func(tx *store.Tx) (err error) {
		out, err = tx.ListJobs(context.Background(), store.JobFilter{Kind: kind, TenantID: tenantID, Limit: 500})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 { // ListJobs is newest first
		out[i], out[j] = out[j], out[i]
	}
	return out
}
