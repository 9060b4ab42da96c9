package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"

	"github.com/tenantry/tenantry/internal/config"
)

// meteringRounds is how many alternating rounds the metering pair is
// measured in, so that a slow moment of a shared machine weighs on both.
const meteringRounds = 4

// benchGetMetering measures GET tenant with request metering on (srv) and
// off (a second server opened on the same database and master key with
// meter-flush-interval 0), in alternating rounds (on, baseline, off,
// baseline, …), both rows against all the baseline's rounds: the two
// ratios (server ÷ baseline) show what metering costs the request path.
func benchGetMetering(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, dir, databaseURL string,
	a *account, progress io.Writer) (rs []Result, err error) {
	off, err := startServer(ctx, dir, databaseURL, func(c *config.Config) {
		c.MasterKey, c.MeterFlush, c.PasswordHashes = srv.cfg.MasterKey, -1, srv.cfg.PasswordHashes
	})
	if err != nil {
		return nil, err
	}
	defer func() {
		hc.CloseIdleConnections()
		err = errors.Join(err, off.Close())
	}()
	path := "/api/v1/tenants/" + a.TenantID
	contentType, body, err := capture(ctx, hc, srv.URL+path, a.Token)
	if err != nil {
		return nil, err
	}
	bare, err := startBare(srv.App.Tokens(), contentType, body)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, bare.Close()) }()
	get := func(base string) op {
		return requestOp(hc, func(ctx context.Context) (*http.Request, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
			if err == nil {
				req.Header.Set("Authorization", "Bearer "+a.Token)
			}
			return req, err
		})
	}
	note := fmt.Sprintf("bare net/http: same Tokens.Verify, same %d response bytes; %d rounds alternating with the other metering row, one baseline for both", len(body), meteringRounds)
	on := Result{Engine: e.Name, Scenario: "GET tenant, metering on", Baseline: note}
	offR := Result{Engine: e.Name, Scenario: "GET tenant, metering off", Baseline: note}
	var rounds [4][]Stats
	d, w := opt.Duration/meteringRounds, opt.Warmup/meteringRounds
	fmt.Fprintf(progress, "%s: GET tenant, metering on and off, %d rounds of %s, %d workers\n", e.Name, meteringRounds, d, opt.Concurrency)
	for range meteringRounds {
		for i, base := range []string{srv.URL, bare.URL, off.URL, bare.URL} {
			s, err := drive(ctx, opt.Concurrency, w, d, get(base))
			if err != nil {
				return nil, err
			}
			rounds[i] = append(rounds[i], s)
		}
	}
	base := merge(append(rounds[1], rounds[3]...)) // one baseline for both rows: their ratios compare on and off directly
	on.Real, on.Base, offR.Real, offR.Base = merge(rounds[0]), base, merge(rounds[2]), base
	return []Result{on, offR}, nil
}

// merge sums rounds of one measurement: calls, errors and time add up;
// p50, p99 and max are the rounds' medians (p50, p99) and maximum.
func merge(rounds []Stats) Stats {
	out := Stats{ErrorKinds: map[string]int{}}
	var p50, p99 []time.Duration
	for _, s := range rounds {
		out.Concurrency = s.Concurrency
		out.Calls += s.Calls
		out.Errors += s.Errors
		for k, n := range s.ErrorKinds {
			out.ErrorKinds[k] += n
		}
		out.Elapsed += s.Elapsed
		out.Max = max(out.Max, s.Max)
		p50, p99 = append(p50, s.P50), append(p99, s.P99)
	}
	if out.Elapsed > 0 {
		out.PerSecond = float64(out.Calls) / out.Elapsed.Seconds()
	}
	slices.Sort(p50)
	slices.Sort(p99)
	if n := len(p50); n > 0 {
		out.P50, out.P99 = p50[n/2], p99[n/2]
	}
	return out
}
