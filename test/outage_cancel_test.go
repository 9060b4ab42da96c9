package test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/pgtest"
)

// TestClientGoneIs499 sends a request that waits on a frozen database and
// has its client go away: the server records it as 499 (client closed
// request) in tenantry_http_requests_total, not as a 500, and logs no error.
func TestClientGoneIs499(t *testing.T) {
	t.Parallel()
	px := pgtest.NewProxy(t, pgtest.NewDatabase(t))
	// Budgets far beyond the test: only the client's leaving ends the wait.
	h := boot(t, "postgres", options{databaseURL: px.URL, dbRead: 10 * time.Minute, dbWrite: 10 * time.Minute})
	owner := h.register(t, "Gone Client Spa")
	tok := h.scoped(t, owner.email, owner.password, owner.tenantID)
	h.srv.Jobs.Stop() // the job worker's polls would be held too: only the request is

	px.Freeze()
	defer px.Thaw()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, h.base+"/api/v1/tenants/"+owner.tenantID, nil)
	if err != nil {
		t.Fatal(err)
	}
	hr.Header.Set("Authorization", "Bearer "+tok)
	done := make(chan error, 1)
	go func() {
		res, err := h.client.Do(hr)
		if err == nil {
			res.Body.Close()
		}
		done <- err
	}()
	select {
	case <-px.Held(): // the handler is waiting on the database
	case err := <-done:
		t.Fatalf("the request ended before reaching the database: %v", err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("client: %v, want context.Canceled", err)
	}
	h.stop() // waits for the handler to finish

	rec := httptest.NewRecorder()
	h.srv.API.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	metrics := rec.Body.String()
	line := regexp.MustCompile(`(?m)^tenantry_http_requests_total\{code="499",method="GET",route="/api/v1/tenants/\{tenant_id\}"\} 1$`)
	if !line.MatchString(metrics) {
		t.Errorf("no 499 for the abandoned GET in /metrics:\n%s", grepLines(metrics, "tenantry_http_requests_total"))
	}
	if strings.Contains(metrics, `code="500"`) {
		t.Errorf("a 500 in /metrics:\n%s", grepLines(metrics, "tenantry_http_requests_total"))
	}
	if log := h.log.String(); strings.Contains(log, "level=ERROR") || strings.Contains(log, "dependency unavailable") {
		t.Errorf("the client's leaving was logged as a server problem:\n%s", log)
	}
}

// grepLines returns the lines of s containing sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
