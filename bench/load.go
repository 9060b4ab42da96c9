package main

import (
	"context"
	"math"
	"slices"
	"sync"
	"time"
)

// op is one call of a scenario: one HTTP request, or one password
// verification. It returns "" on success, or a short label of what went
// wrong ("HTTP 429", "transport: …") so failures can be counted by kind.
type op func(ctx context.Context) (fail string)

// Stats summarizes one fixed-duration run of closed-loop workers.
type Stats struct {
	Concurrency int
	Calls       int            // calls started in the measured window
	Errors      int            // of those, how many failed
	ErrorKinds  map[string]int // failures by label
	Elapsed     time.Duration  // from the window's start to the last call's return
	PerSecond   float64        // Calls / Elapsed
	P50, P99    time.Duration
	Max         time.Duration
}

// worker is one closed-loop worker's record of the measured window.
type worker struct {
	latencies []time.Duration
	fails     map[string]int
	last      time.Time
}

// drive drives fn from n closed-loop workers, each starting its next call as
// soon as the previous one returns. Calls started during warmup are
// discarded; calls started in the following d are measured, every latency
// kept. Throughput counts measured calls over the time from the window's
// start until the last of them returned, so calls in flight at the deadline
// are neither lost nor counted against a too-short window.
func drive(ctx context.Context, n int, warmup, d time.Duration, fn op) (Stats, error) {
	from := time.Now().Add(warmup)
	until := from.Add(d)
	ws := make([]worker, n)
	var wg sync.WaitGroup
	for i := range ws {
		w := &ws[i]
		w.fails = map[string]int{}
		wg.Go(func() {
			for ctx.Err() == nil {
				t0 := time.Now()
				if !t0.Before(until) {
					return
				}
				fail := fn(ctx)
				t1 := time.Now()
				if t0.Before(from) {
					continue
				}
				w.latencies = append(w.latencies, t1.Sub(t0))
				if fail != "" {
					w.fails[fail]++
				}
				w.last = t1
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	return summarize(n, from, ws), nil
}

// summarize merges the workers' records into Stats.
func summarize(n int, from time.Time, ws []worker) Stats {
	s := Stats{Concurrency: n, ErrorKinds: map[string]int{}}
	var all []time.Duration
	last := from
	for _, w := range ws {
		all = append(all, w.latencies...)
		for k, c := range w.fails {
			s.ErrorKinds[k] += c
			s.Errors += c
		}
		if w.last.After(last) {
			last = w.last
		}
	}
	slices.Sort(all)
	s.Calls = len(all)
	s.Elapsed = last.Sub(from)
	if s.Elapsed > 0 {
		s.PerSecond = float64(s.Calls) / s.Elapsed.Seconds()
	}
	s.P50, s.P99 = percentile(all, 0.50), percentile(all, 0.99)
	if len(all) > 0 {
		s.Max = all[len(all)-1]
	}
	return s
}

// percentile returns the nearest-rank p-quantile of sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}
