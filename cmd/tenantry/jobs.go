package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/server"
	"github.com/tenantry/tenantry/internal/store"
)

// jobsCmd runs `tenantry jobs list` and `tenantry jobs retry ID`: the state
// of the job queue (mail, partner provisioning, billing), and a failed job
// put back in it once its cause is fixed.
func jobsCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return jobsList(ctx, args[1:], stdout, stderr, getenv)
		case "retry":
			return jobsRetry(ctx, args[1:], stdout, stderr, getenv)
		}
	}
	return errors.New("jobs: name a subcommand: list, retry")
}

// jobsList prints the newest jobs, newest first, one line each.
func jobsList(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	f := store.JobFilter{}
	cfg, _, err := config.Load("jobs list", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&f.Kind, "kind", "", "only jobs of this kind (mail, partner.provision, billing.rollover, …)")
		fs.StringVar(&f.Status, "status", "", "only jobs in this state: pending, done or failed")
		fs.StringVar(&f.TenantID, "tenant", "", "only jobs concerning this tenant id")
		fs.IntVar(&f.Limit, "n", 20, "how many jobs to show, newest first")
	})
	if err != nil {
		return err
	}
	if f.Limit < 1 || f.Limit > 1000 {
		return errors.New("jobs list: -n must be between 1 and 1000")
	}
	switch f.Status {
	case "", job.StatusPending, job.StatusDone, job.StatusFailed:
	default:
		return fmt.Errorf("jobs list: -status %q: use pending, done or failed", f.Status)
	}
	db, err := openJobsDB(ctx, &cfg, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	var jobs []*job.Job
	if err := db.ReadSystem(ctx, func(tx *store.Tx) (err error) { jobs, err = tx.ListJobs(ctx, f); return }); err != nil {
		return err
	}
	if len(jobs) == 0 {
		fmt.Fprintln(stdout, "tenantry: no job in the queue matches")
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CREATED\tID\tKIND\tTENANT\tSTATUS\tATTEMPTS\tWHEN\tRESULT / LAST ERROR")
	for _, j := range jobs {
		when, detail := j.RunAt, j.LastError
		switch j.Status() {
		case job.StatusDone:
			when, detail = *j.DoneAt, j.Result
		case job.StatusFailed:
			when = *j.FailedAt
		}
		tenant := j.TenantID
		if tenant == "" {
			tenant = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d/%d\t%s\t%s\n", stamp(j.CreatedAt), j.ID, j.Kind, tenant, j.Status(),
			j.Attempts, j.MaxAttempts, stamp(when), oneLine(detail))
	}
	return tw.Flush()
}

// jobsRetry puts a failed job back in the queue, due now with a fresh count
// of attempts; a running server takes it at its next poll.
func jobsRetry(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	var id string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") { // jobs retry ID [flags]
		id, args = args[0], args[1:]
	}
	cfg, rest, err := config.Load("jobs retry", args, getenv, stderr)
	if err != nil {
		return err
	}
	if id == "" && len(rest) == 1 { // jobs retry [flags] ID
		id, rest = rest[0], nil
	}
	if id == "" || len(rest) > 0 {
		return errors.New("jobs retry: name one job id (see tenantry jobs list -status failed)")
	}
	db, err := openJobsDB(ctx, &cfg, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	var j *job.Job
	err = db.InSystem(ctx, func(tx *store.Tx) (err error) { j, err = tx.RetryJob(ctx, id, time.Now()); return })
	if err != nil {
		return fmt.Errorf("jobs retry %s: %w", id, err)
	}
	fmt.Fprintf(stdout, "tenantry: job %s (%s) is pending again; a running server runs it within a second\n", j.ID, j.Kind)
	return nil
}

func openJobsDB(ctx context.Context, cfg *config.Config, stderr io.Writer) (*store.DB, error) {
	if err := server.RequireDatabase(cfg); err != nil {
		return nil, err
	}
	return server.OpenDB(ctx, cfg, server.NewLogger(cfg, stderr))
}

func stamp(t time.Time) string { return t.UTC().Format(time.DateTime + "Z") }

// oneLine keeps a result or error on its table line.
func oneLine(s string) string {
	if s == "" {
		return "-"
	}
	return strings.Join(strings.Fields(s), " ")
}
