package test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// hookRequest is one request a receiver got.
type hookRequest struct {
	id, timestamp, signature string
	body                     []byte
}

// payload decodes the request's body.
func (r hookRequest) payload(t testing.TB) obj {
	t.Helper()
	var o map[string]any
	if err := json.Unmarshal(r.body, &o); err != nil {
		t.Fatalf("webhook body %q: %v", r.body, err)
	}
	return obj{t: t, m: o}
}

// receiver is a real HTTP server in the test process receiving webhooks:
// it records every request and answers status (200 unless set), or, while
// hold is set, keeps the request waiting until the client gives up.
type receiver struct {
	srv *httptest.Server

	mu     sync.Mutex
	reqs   []hookRequest
	status int
	hold   chan struct{} // non-nil: requests wait on it (or their end)
}

func newReceiver(t *testing.T) *receiver {
	rc := &receiver{status: http.StatusOK}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.reqs = append(rc.reqs, hookRequest{id: r.Header.Get("webhook-id"), timestamp: r.Header.Get("webhook-timestamp"),
			signature: r.Header.Get("webhook-signature"), body: body})
		status, hold := rc.status, rc.hold
		rc.mu.Unlock()
		if hold != nil {
			select {
			case <-hold:
			case <-r.Context().Done():
				return
			}
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte("receiver says " + http.StatusText(status)))
	}))
	t.Cleanup(func() {
		rc.mu.Lock()
		if rc.hold != nil {
			close(rc.hold)
			rc.hold = nil
		}
		rc.mu.Unlock()
		rc.srv.Close()
	})
	return rc
}

// url is where the receiver listens (http on 127.0.0.1).
func (rc *receiver) url() string { return rc.srv.URL + "/hooks" }

// answer makes the receiver answer status from now on.
func (rc *receiver) answer(status int) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.status = status
}

// holdRequests makes requests wait until release (or their client gives up).
func (rc *receiver) holdRequests() {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.hold = make(chan struct{})
}

// release lets held requests answer, and new ones answer at once.
func (rc *receiver) release() {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.hold != nil {
		close(rc.hold)
		rc.hold = nil
	}
}

// got returns the requests received so far.
func (rc *receiver) got() []hookRequest {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]hookRequest(nil), rc.reqs...)
}

// verifySignature checks a request against the Standard Webhooks
// specification, written here from the specification, independently of
// the server's code: the signed content is id.timestamp.body, the key is
// the base64 after whsec_, the header a space-separated list of v1,<base64
// HMAC-SHA256>; one match suffices.
func verifySignature(secret string, r hookRequest) bool {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil || !strings.HasPrefix(secret, "whsec_") || r.id == "" || r.timestamp == "" {
		return false
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(r.id + "." + r.timestamp + "." + string(r.body)))
	want := mac.Sum(nil)
	for _, sig := range strings.Fields(r.signature) {
		version, value, ok := strings.Cut(sig, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(value)
		if err == nil && hmac.Equal(got, want) {
			return true
		}
	}
	return false
}

// hookTeam is a tenant with an endpoint pointing at a receiver.
type hookTeam struct {
	team
	rc     *receiver
	hookID string
	secret string
}

// newHookTeam registers a business and an endpoint of it, receiving
// types (every one when none), pointing at a fresh receiver. The job
// worker is stopped: the test drives the queue (runJobs).
func (h *harness) newHookTeam(t *testing.T, name string, types ...string) hookTeam {
	t.Helper()
	h.srv.Jobs.Stop()
	tm := h.newTeam(t, name)
	rc := newReceiver(t)
	body := map[string]any{"url": rc.url(), "description": "Mirror"}
	if types != nil {
		body["event_types"] = types
	}
	o := h.post(t, "/api/v1/webhooks", tm.owner, body).expect(http.StatusCreated).obj()
	return hookTeam{team: tm, rc: rc, hookID: o.str("id"), secret: o.str("secret")}
}

// deliveries lists an endpoint's deliveries, newest first.
func (h *harness) deliveries(t testing.TB, token, hookID string) []obj {
	t.Helper()
	return h.get(t, "/api/v1/webhooks/"+hookID+"/deliveries", token).expect(http.StatusOK).list()
}

// drainJobs runs every due job, pass after pass, until none is left due.
func (h *harness) drainJobs(t testing.TB) {
	t.Helper()
	for range 100 {
		n, err := h.srv.Jobs.RunDue(context.Background(), h.srv.App.DB())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("jobs kept coming for 100 passes")
}
