package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/server"
	"github.com/tenantry/tenantry/internal/store"
)

// TestJobsListAndRetry lists the queue with its filters, and re-queues a
// failed job, from the command line, on the database a server would use.
func TestJobsListAndRetry(t *testing.T) {
	dir := t.TempDir()
	getenv := env(map[string]string{"TENANTRY_DATA_DIR": dir})
	tenantry := func(args ...string) (int, string) {
		var b bytes.Buffer
		code := run(context.Background(), args, &b, &b, getenv)
		return code, b.String()
	}
	if code, out := tenantry("migrate"); code != 0 {
		t.Fatalf("migrate: exit %d\n%s", code, out)
	}
	if code, out := tenantry("jobs", "list"); code != 0 || !strings.Contains(out, "no job in the queue matches") {
		t.Fatalf("jobs list on a fresh database: exit %d\n%s", code, out)
	}

	// A welcome message, delivered; a provisioning job that failed for good.
	cfg, _, err := config.Load("test", nil, getenv, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	db, err := server.OpenDB(context.Background(), &cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now().UTC().Truncate(time.Second)
	m := mail.New(mail.KindWelcome, "ten_1", "ana@example.com", "Welcome", "Hello\n", now.Add(-time.Minute))
	p, err := job.New(job.PartnerProvision, "ten_1", map[string]string{"tenant_id": "ten_1"}, now, now)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.EnqueueMail(ctx, m); err != nil {
			return err
		}
		_, err := tx.EnqueueJob(ctx, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	lease := now.Add(time.Minute)
	err = db.InSystem(ctx, func(tx *store.Tx) error {
		j, err := tx.ClaimJob(ctx, m.ID, now, lease)
		if err != nil {
			return err
		}
		j.DoneAt, j.Result, j.Attempts = &now, mail.ViaLocal, 1
		if err := tx.MarkJobDone(ctx, j); err != nil {
			return err
		}
		if j, err = tx.ClaimJob(ctx, p.ID, now, lease); err != nil {
			return err
		}
		j.Attempts, j.LastError, j.FailedAt = j.MaxAttempts, "paper.id answered 503:\nService Unavailable", &now
		return tx.RescheduleJob(ctx, j, lease)
	})
	if err != nil {
		t.Fatal(err)
	}

	code, out := tenantry("jobs", "list")
	if code != 0 || strings.Index(out, p.ID) > strings.Index(out, m.ID) { // newest first
		t.Fatalf("jobs list: exit %d\n%s", code, out)
	}
	for _, want := range []string{"KIND", "STATUS", m.ID + "  mail", "done", fmt.Sprintf("1/%d", job.DefaultMaxAttempts), "local",
		p.ID + "  partner.provision", "failed", fmt.Sprintf("%d/%d", job.DefaultMaxAttempts, job.DefaultMaxAttempts), "paper.id answered 503: Service Unavailable"} {
		if !strings.Contains(out, want) {
			t.Errorf("jobs list lacks %q:\n%s", want, out)
		}
	}
	for _, c := range []struct {
		args       []string
		want, lack string
	}{
		{[]string{"-kind", "mail"}, m.ID, p.ID},
		{[]string{"-status", "failed"}, p.ID, m.ID},
		{[]string{"-status", "done", "-kind", "mail"}, m.ID, p.ID},
		{[]string{"-tenant", "ten_2"}, "no job in the queue matches", m.ID},
		{[]string{"-n", "1"}, p.ID, m.ID},
	} {
		code, out := tenantry(append([]string{"jobs", "list"}, c.args...)...)
		if code != 0 || !strings.Contains(out, c.want) || strings.Contains(out, c.lack) {
			t.Errorf("jobs list %s: exit %d, want %q without %q:\n%s", strings.Join(c.args, " "), code, c.want, c.lack, out)
		}
	}

	if code, out := tenantry("jobs", "retry", p.ID); code != 0 || !strings.Contains(out, p.ID+" (partner.provision) is pending again") {
		t.Fatalf("jobs retry: exit %d\n%s", code, out)
	}
	code, out = tenantry("jobs", "list", "-status", "pending")
	if code != 0 || !strings.Contains(out, p.ID) || !strings.Contains(out, fmt.Sprintf("0/%d", job.DefaultMaxAttempts)) || !strings.Contains(out, "paper.id answered 503") {
		t.Fatalf("after retry: exit %d\n%s", code, out)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"jobs"}, "name a subcommand: list, retry"},
		{[]string{"jobs", "run"}, "name a subcommand: list, retry"},
		{[]string{"jobs", "list", "-n", "0"}, "-n must be between 1 and 1000"},
		{[]string{"jobs", "list", "-status", "stuck"}, `-status "stuck": use pending, done or failed`},
		{[]string{"jobs", "retry"}, "name one job id"},
		{[]string{"jobs", "retry", "a", "b"}, "name one job id"},
		{[]string{"jobs", "retry", p.ID}, "job_not_failed"},
		{[]string{"jobs", "retry", m.ID}, "job_not_failed"},
		{[]string{"jobs", "retry", "job_missing"}, "job_not_found"},
	} {
		if code, out := tenantry(c.args...); code != 1 || !strings.Contains(out, c.want) {
			t.Errorf("tenantry %s: exit %d\n%s\nwant exit 1 with %q", strings.Join(c.args, " "), code, out, c.want)
		}
	}
	if code, out := tenantry("jobs", "list", "-data-dir", t.TempDir()); code != 1 || !strings.Contains(out, "no database at") {
		t.Errorf("jobs list on a missing database: exit %d\n%s", code, out)
	}
}
