// Command bench measures the real Tenantry server, started in-process and
// seeded through its public HTTP API, against baselines measured in the same
// run on the same machine: an authenticated GET of a tenant against a bare
// net/http server that only verifies the same token and writes the same
// bytes; a password login against raw argon2id verifications; and a refresh
// token rotation and a one-time-code sign-in each against a bare net/http
// server that only decodes the body, signs one token and writes the same
// bytes; a page of 50 of a tenant's 1,000 outlets against the token-checking
// server replaying that page; the tenant's usage of every meter against the
// token-checking server replaying it; and an outlet creation refused at the
// free plan's limit against a server that checks the token, decodes the
// body and replays the refusal; and, after seeding 100,000 tenants through
// the store, the platform admins' tenant list 99,000 rows deep, by cursor and
// by offset, with one worker, against the server replaying each page; and,
// after seeding a tenant of its own with 1,000,000 appointments and 100,000
// customers through the store, its statistics at 8 workers against the
// server replaying them. It runs on SQLite, and on PostgreSQL too when DATABASE_URL is set
// (in a fresh database created and dropped by the run).
//
// It also measures reads during a login storm, the server's memory after
// one (in a server process of its own), GET tenant at 1,000 tenants and at
// 100,000, and 16 concurrent registrations (docs/benchmark.md). -scenarios
// (or BENCH_SCENARIOS) selects some of the scenarios for a quick run.
//
//	go run ./bench [-duration 2s] [-warmup 500ms] [-concurrency 32] [-scenarios storm,rss,scale,register] [-quick] [-json] [-cpuprofile file]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	if dir := os.Getenv(childEnv); dir != "" { // rss.go: the bench binary as a server of its own
		n, _ := strconv.Atoi(os.Getenv(childHashEnv))
		if err := serveChild(dir, os.Getenv(childDBEnv), n); err != nil {
			fmt.Fprintln(os.Stderr, "bench server:", err)
			os.Exit(1)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// run parses args, benchmarks every engine and prints the report to stdout
// and progress to stderr.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) (err error) {
	start := time.Now()
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt options
	fs.DurationVar(&opt.Duration, "duration", 2*time.Second, "measured time of each scenario and of each baseline")
	fs.DurationVar(&opt.Warmup, "warmup", 500*time.Millisecond, "unmeasured load before each measurement")
	fs.IntVar(&opt.Concurrency, "concurrency", 32, "workers of the GET scenario (login uses one per core)")
	fs.BoolVar(&opt.MeteringOff, "metering-off", true, "also measure GET tenant with request metering on and, on a second server on the same database, off, in alternating rounds, to compare the ratios")
	quick := fs.Bool("quick", false, "run only the per-request scenarios, for comparing a change to the store in a minute or two; the same as -scenarios "+quickScenarios)
	statsOnly := fs.Bool("stats-only", false, "run only the tenant statistics scenario (1M appointments and 100k customers seeded through the store, GET stats at 8 workers); the same as -scenarios stats")
	scenarios := fs.String("scenarios", getenv("BENCH_SCENARIOS"), "the scenarios to run, comma-separated, in any order (they run in the order of the list below); empty: all ("+
		strings.Join(scenarioNames(), ",")+"); default $BENCH_SCENARIOS")
	fs.DurationVar(&opt.Registering, "register-duration", 10*time.Second, "measured time of the 16 concurrent registrations")
	fs.IntVar(&opt.PasswordHashes, "password-hashes", 0, "the servers' password-hashes setting: argon2id computations at once (0: one per core, the default; a large number is unbounded)")
	fs.IntVar(&opt.Tenants, "scale-tenants", 100_000, "tenants (seeded through the store) of the scale scenario's second measurement, against 1,000 in its first")
	asJSON := fs.Bool("json", false, "also print the results as JSON, after the tables")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run (server, baselines and load generator) to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if opt.Duration <= 0 || opt.Warmup < 0 || opt.Concurrency < 1 || opt.Registering <= 0 || opt.PasswordHashes < 0 {
		return errors.New("-duration, -register-duration and -concurrency must be positive, -warmup not negative")
	}
	if opt.Tenants <= scaleFrom {
		return fmt.Errorf("-scale-tenants must be more than %d", scaleFrom)
	}
	if *quick {
		*scenarios = quickScenarios
	}
	if *statsOnly {
		*scenarios = "stats"
	}
	if opt.Scenarios, err = parseScenarios(*scenarios); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := startProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer func() { err = errors.Join(err, stop()) }()
	}
	m := thisMachine()
	printHeader(stdout, m, opt)
	hc := newClient(opt.Concurrency)
	var all []Result
	var errsSeen error
	for _, e := range engines(getenv("DATABASE_URL")) {
		results, err := benchEngine(ctx, e, opt, hc, stderr)
		if len(results) > 0 {
			printTable(stdout, results)
			all = append(all, results...)
		}
		if err != nil {
			errsSeen = errors.Join(errsSeen, fmt.Errorf("%s: %w", e.Name, err))
		}
		if ctx.Err() != nil {
			break
		}
	}
	if *asJSON {
		fmt.Fprintln(stdout)
		if err := printJSON(stdout, m, opt, all); err != nil {
			errsSeen = errors.Join(errsSeen, err)
		}
	}
	fmt.Fprintf(stderr, "bench: finished in %s\n", time.Since(start).Round(100*time.Millisecond))
	return errsSeen
}

// parseScenarios reads -scenarios: names of scenarioNames, comma-separated.
func parseScenarios(v string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, n := range strings.Split(v, ",") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		if !slices.Contains(scenarioNames(), n) {
			return nil, fmt.Errorf("-scenarios: unknown scenario %q (there are %s)", n, strings.Join(scenarioNames(), ", "))
		}
		out[n] = true
	}
	return out, nil
}

// startProfile starts CPU profiling into path and returns what stops it.
func startProfile(path string) (func() error, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}
