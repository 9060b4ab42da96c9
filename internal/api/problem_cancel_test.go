package api

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

// TestWriteProblemClientGone: when the request's context is cancelled (the
// client went away), nothing is written and no error is logged, whatever the
// error; a deadline of the server's own is answered as usual.
func TestWriteProblemClientGone(t *testing.T) {
	unavailable := &errs.Error{Kind: errs.Unavailable, Code: "database_unavailable", Msg: "Later.", RetryAfter: time.Second}
	for _, err := range []error{context.Canceled, fmt.Errorf("begin: %w", context.Canceled), unavailable, fmt.Errorf("boom")} {
		var logs bytes.Buffer
		log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
		ctx, cancel := context.WithCancel(context.Background())
		info := &reqInfo{}
		r := httptest.NewRequest(http.MethodGet, "/x", nil).WithContext(context.WithValue(ctx, infoKey{}, info))
		cancel()
		w := httptest.NewRecorder()
		writeProblem(w, r, log, err)
		if w.Body.Len() > 0 || w.Header().Get("Content-Type") != "" {
			t.Errorf("%v: wrote %q to a gone client", err, w.Body.String())
		}
		if !info.clientGone {
			t.Errorf("%v: not recorded as a client cancellation", err)
		}
		if s := logs.String(); strings.Contains(s, "level=ERROR") || strings.Contains(s, "level=WARN") {
			t.Errorf("%v: logged as a server problem: %s", err, s)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	<-ctx.Done()
	w := httptest.NewRecorder()
	writeProblem(w, httptest.NewRequest(http.MethodGet, "/x", nil).WithContext(ctx), slog.New(slog.DiscardHandler), unavailable)
	if w.Code != http.StatusServiceUnavailable {
		t.Errorf("a deadline of the server's own: status %d, want 503", w.Code)
	}
}
