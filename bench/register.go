package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
)

// registrants is how many workers register businesses at once.
const registrants = 16

// benchRegister measures POST /api/v1/public/register of fresh businesses
// (one argon2id hash and one write transaction creating the tenant, its
// admin, its membership, its audit events and its mails each) from
// registrants workers for opt.Registering, each call naming its own client
// address. It has no baseline: the notes give p99 ÷ p50 and what the server
// logged meanwhile — warnings of an unavailable database, and of those how
// many were SQLite's SQLITE_BUSY.
func benchRegister(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, progress io.Writer) (r Result, err error) {
	var n atomic.Int64
	register := statusOp(hc, http.StatusCreated, func(ctx context.Context) (*http.Request, error) {
		i := n.Add(1)
		suffix := fmt.Sprintf("%s-%d", randomHex(3), i)
		req, err := newJSONRequest(ctx, srv.URL+"/api/v1/public/register", map[string]any{
			"business_name": "Bench Signup " + suffix, "business_email": "hello@signup-" + suffix + ".example.com",
			"admin_first_name": "Bench", "admin_last_name": "Owner", "admin_email": "owner@signup-" + suffix + ".example.com",
			"admin_password": password, "terms_accepted": true, "privacy_accepted": true,
		})
		if err == nil {
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("198.19.%d.%d", i>>8&255, i&255))
		}
		return req, err
	})
	r = Result{Engine: e.Name, Scenario: fmt.Sprintf("register, %d at once", registrants), Baseline: "none"}
	fmt.Fprintf(progress, "%s: registrations, %d workers, %s\n", e.Name, registrants, opt.Registering)
	unavailable, busy := srv.warns.unavailable.Load(), srv.warns.busy.Load()
	if r.Real, err = drive(ctx, registrants, opt.Warmup, opt.Registering, register); err != nil {
		return r, err
	}
	r.Notes = append(r.Notes, fmt.Sprintf("p99 ÷ p50 = %s; the server logged %d dependency-unavailable warnings (503) and %d warnings or errors naming SQLITE_BUSY (warm-up included)",
		ratio(float64(r.Real.P99), float64(r.Real.P50)), srv.warns.unavailable.Load()-unavailable, srv.warns.busy.Load()-busy))
	return r, nil
}

// warnCounter is the bench server's log: it drops every record and counts
// the warnings of an unavailable dependency (api's "dependency unavailable",
// the database in practice) and the warnings and errors (a 503 or a 500)
// that name SQLite's SQLITE_BUSY.
type warnCounter struct {
	unavailable, busy atomic.Int64
}

// Enabled lets through warnings and errors only, so the request path pays
// nothing for the log.
func (*warnCounter) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }

// Handle counts r.
func (w *warnCounter) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "dependency unavailable" {
		w.unavailable.Add(1)
	}
	var b strings.Builder
	r.Attrs(func(a slog.Attr) bool { fmt.Fprint(&b, a.Value.Any(), " "); return true })
	if s := b.String(); strings.Contains(s, "SQLITE_BUSY") || strings.Contains(s, "database is locked") {
		w.busy.Add(1)
	}
	return nil
}

// WithAttrs returns w: attributes do not change what is counted.
func (w *warnCounter) WithAttrs([]slog.Attr) slog.Handler { return w }

// WithGroup returns w.
func (w *warnCounter) WithGroup(string) slog.Handler { return w }
