package main

import (
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"time"
)

// machine describes where and how the benchmark ran.
type machine struct {
	Date       time.Time
	GoVersion  string
	GOOS       string
	GOARCH     string
	CPUs       int
	GOMAXPROCS int
}

// thisMachine describes the machine now.
func thisMachine() machine {
	return machine{Date: time.Now().UTC(), GoVersion: runtime.Version(), GOOS: runtime.GOOS, GOARCH: runtime.GOARCH,
		CPUs: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0)}
}

// printHeader writes the one line that says when, where and how.
func printHeader(w io.Writer, m machine, opt options) {
	fmt.Fprintf(w, "tenantry bench %s · %s %s/%s · %d cores · GOMAXPROCS=%d · %s per run after %s warm-up · %d workers (login: %d)\n",
		m.Date.Format("2006-01-02 15:04:05 MST"), m.GoVersion, m.GOOS, m.GOARCH, m.CPUs, m.GOMAXPROCS,
		opt.Duration, opt.Warmup, opt.Concurrency, m.CPUs)
	if opt.PasswordHashes > 0 {
		fmt.Fprintf(w, "password-hashes %d (argon2id computations at once in the servers)\n", opt.PasswordHashes)
	}
}

// printTable writes one engine's results as an aligned Markdown table,
// followed by what each baseline is and every error by kind.
func printTable(w io.Writer, results []Result) {
	columns := []string{"engine", "scenario", "workers", "req/s", "p50", "p99", "errors",
		"base req/s", "base p50", "base p99", "base errors", "ratio req/s", "ratio p50", "ratio p99"}
	rows := [][]string{columns}
	for _, r := range results {
		rows = append(rows, []string{r.Engine, r.Scenario, fmt.Sprint(r.Real.Concurrency),
			rate(r.Real.PerSecond), ms(r.Real.P50), ms(r.Real.P99), fmt.Sprint(r.Real.Errors),
			dash(r.Base, rate(r.Base.PerSecond)), dash(r.Base, ms(r.Base.P50)), dash(r.Base, ms(r.Base.P99)), dash(r.Base, fmt.Sprint(r.Base.Errors)),
			ratio(r.Real.PerSecond, r.Base.PerSecond), ratio(float64(r.Real.P50), float64(r.Base.P50)),
			ratio(float64(r.Real.P99), float64(r.Base.P99))})
	}
	width := make([]int, len(columns))
	for _, row := range rows {
		for i, c := range row {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	fmt.Fprintln(w)
	for i, row := range rows {
		writeRow(w, row, width, ' ')
		if i == 0 {
			writeRow(w, make([]string, len(columns)), width, '-')
		}
	}
	fmt.Fprintln(w)
	for _, r := range results {
		fmt.Fprintf(w, "- %s %s baseline: %s\n", r.Engine, r.Scenario, r.Baseline)
		for _, n := range r.Notes {
			fmt.Fprintf(w, "- %s %s: %s\n", r.Engine, r.Scenario, n)
		}
		for _, s := range []struct {
			side string
			st   Stats
		}{{"server", r.Real}, {"baseline", r.Base}} {
			for _, k := range slices.Sorted(maps.Keys(s.st.ErrorKinds)) {
				fmt.Fprintf(w, "- %s %s %s errors: %d × %s\n", r.Engine, r.Scenario, s.side, s.st.ErrorKinds[k], k)
			}
		}
	}
	fmt.Fprintln(w, "- ratio = server ÷ baseline; p50/p99 are latencies seen by the client, every call counted")
}

// writeRow writes one table row; pad fills the separator row. Text columns
// are left-aligned, numbers right-aligned.
func writeRow(w io.Writer, row []string, width []int, pad rune) {
	var b strings.Builder
	b.WriteString("|")
	for i, c := range row {
		gap := width[i] - len([]rune(c))
		switch {
		case pad == '-' && i >= 2:
			b.WriteString(" " + strings.Repeat("-", width[i]-1) + ": |")
		case pad == '-':
			b.WriteString(" " + strings.Repeat("-", width[i]) + " |")
		case i < 2:
			b.WriteString(" " + c + strings.Repeat(" ", gap) + " |")
		default:
			b.WriteString(" " + strings.Repeat(" ", gap) + c + " |")
		}
	}
	fmt.Fprintln(w, b.String())
}

// dash is v, or "-" for a baseline that was not measured (a scenario
// without one).
func dash(base Stats, v string) string {
	if base.Calls == 0 {
		return "-"
	}
	return v
}

// rate formats calls per second.
func rate(v float64) string {
	if v < 100 {
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// ms formats a latency in milliseconds with three significant digits.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	switch {
	case v < 1:
		return fmt.Sprintf("%.3fms", v)
	case v < 10:
		return fmt.Sprintf("%.2fms", v)
	case v < 100:
		return fmt.Sprintf("%.1fms", v)
	}
	return fmt.Sprintf("%.0fms", v)
}

// ratio formats a ÷ b, or "-" when b is zero.
func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", a/b)
}
