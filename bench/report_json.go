package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// printJSON writes the whole run as one JSON document.
func printJSON(w io.Writer, m machine, opt options, results []Result) error {
	type stats struct {
		Concurrency int            `json:"concurrency"`
		Calls       int            `json:"calls"`
		Errors      int            `json:"errors"`
		ErrorKinds  map[string]int `json:"error_kinds"`
		ElapsedS    float64        `json:"elapsed_s"`
		PerSecond   float64        `json:"per_second"`
		P50Ms       float64        `json:"p50_ms"`
		P99Ms       float64        `json:"p99_ms"`
		MaxMs       float64        `json:"max_ms"`
	}
	toJSON := func(s Stats) stats {
		f := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
		return stats{s.Concurrency, s.Calls, s.Errors, s.ErrorKinds, s.Elapsed.Seconds(), s.PerSecond, f(s.P50), f(s.P99), f(s.Max)}
	}
	type result struct {
		Engine   string             `json:"engine"`
		Scenario string             `json:"scenario"`
		Baseline string             `json:"baseline"`
		Server   stats              `json:"server"`
		Base     stats              `json:"baseline_stats"`
		Ratio    map[string]float64 `json:"ratio"`
		Notes    []string           `json:"notes,omitempty"`
	}
	div := func(a, b float64) float64 {
		if b == 0 {
			return 0
		}
		return a / b
	}
	out := struct {
		Date        time.Time `json:"date"`
		GoVersion   string    `json:"go_version"`
		GOOS        string    `json:"goos"`
		GOARCH      string    `json:"goarch"`
		CPUs        int       `json:"cpus"`
		GOMAXPROCS  int       `json:"gomaxprocs"`
		DurationS   float64   `json:"duration_s"`
		WarmupS     float64   `json:"warmup_s"`
		Concurrency int       `json:"concurrency"`
		Results     []result  `json:"results"`
	}{m.Date, m.GoVersion, m.GOOS, m.GOARCH, m.CPUs, m.GOMAXPROCS, opt.Duration.Seconds(), opt.Warmup.Seconds(), opt.Concurrency, nil}
	for _, r := range results {
		out.Results = append(out.Results, result{r.Engine, r.Scenario, r.Baseline, toJSON(r.Real), toJSON(r.Base), map[string]float64{
			"per_second": div(r.Real.PerSecond, r.Base.PerSecond),
			"p50":        div(float64(r.Real.P50), float64(r.Base.P50)),
			"p99":        div(float64(r.Real.P99), float64(r.Base.P99)),
		}, r.Notes})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	return nil
}
