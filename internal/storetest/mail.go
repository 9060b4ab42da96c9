package storetest

import (
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/store"
)

// mailCases cover mail in the job queue: a message is a job.Mail job whose
// state reads back as the message's delivery state.
func mailCases() map[string]Case {
	return map[string]Case{
		"MailRoundTrip":     testMailRoundTrip,
		"MailNotFound":      testMailNotFound,
		"MailDeliveryState": testMailDeliveryState,
		"MailSystemOnly":    testMailSystemOnly,
	}
}

func enqueue(t *testing.T, db *store.DB, tenantID, to string, at time.Time) *mail.Message {
	t.Helper()
	m := mail.New(mail.KindWelcome, tenantID, to, "Welcome to "+to, "Hello "+to+"\nline two\n", at)
	run := func(tx *store.Tx) error { return tx.EnqueueMail(ctx, m) }
	if tenantID != "" {
		must(t, db.InTenant(ctx, tenantID, run))
	} else {
		must(t, db.InSystem(ctx, run))
	}
	return m
}

func getMail(t *testing.T, db *store.DB, id string) *mail.Message {
	t.Helper()
	var m *mail.Message
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { m, err = tx.GetMail(ctx, id); return }))
	return m
}

func testMailRoundTrip(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "mailrt")
	m := enqueue(t, db, x.ID, "ana@example.com", now) // enqueued inside a tenant transaction
	got := getMail(t, db, m.ID)
	if got.TenantID != x.ID || got.To != m.To || got.Subject != m.Subject || got.Text != m.Text ||
		got.Kind != mail.KindWelcome || !got.CreatedAt.Equal(now) || !got.NextAttemptAt.Equal(now) {
		t.Fatalf("round trip: got %+v, want %+v", got, m)
	}
	if got.Status() != mail.StatusPending || got.Attempts != 0 || got.SentAt != nil || got.FailedAt != nil || got.Via != "" {
		t.Fatalf("fresh message state: %+v", got)
	}
	j := getJob(t, db, m.ID) // the message is a job of the queue, under its own id
	if j.Kind != job.Mail || j.TenantID != x.ID || j.Status() != job.StatusPending {
		t.Fatalf("mail job: %+v", j)
	}
	if ids := dueJobs(t, db, now, job.Mail); len(ids) != 1 || ids[0] != m.ID {
		t.Fatalf("due mail: %v", ids)
	}
}

func testMailNotFound(t *testing.T, db *store.DB) {
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetMail(ctx, "msg_missing"); return err })
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "mail_not_found" {
		t.Fatalf("get missing: %v", err)
	}
	other := newJob(t, kindTest, "", nil, now) // a job of another kind is no message
	enqueueJob(t, db, other)
	err = db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetMail(ctx, other.ID); return err })
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "mail_not_found" {
		t.Fatalf("get a job of another kind as mail: %v", err)
	}
	if _, err := store.MailOf(other); err == nil {
		t.Fatal("MailOf read a job of another kind")
	}
}

// testMailDeliveryState records the worker's outcomes on mail jobs and reads
// them back as messages: sent (with where), retried, failed.
func testMailDeliveryState(t *testing.T, db *store.DB) {
	sent := enqueue(t, db, "", "sent@example.com", now)
	lease := now.Add(time.Minute)
	j := claimJob(t, db, sent.ID, now, lease)
	m, err := store.MailOf(j)
	must(t, err)
	if m.ID != sent.ID || m.To != sent.To || m.Text != sent.Text || m.Subject != sent.Subject {
		t.Fatalf("claimed message: %+v", m)
	}
	at := now.Add(time.Second)
	j.DoneAt, j.Result, j.Attempts = &at, mail.ViaSMTP, 1
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.MarkJobDone(ctx, j) }))
	if got := getMail(t, db, sent.ID); got.Status() != mail.StatusSent || !got.SentAt.Equal(at) || got.Via != mail.ViaSMTP ||
		got.Attempts != 1 || got.LastError != "" {
		t.Fatalf("sent: %+v", got)
	}

	lost := enqueue(t, db, "", "lost@example.com", now)
	j = claimJob(t, db, lost.ID, now, lease)
	j.Attempts, j.LastError, j.RunAt = 1, "451 try later", now.Add(job.Backoff(1))
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleJob(ctx, j, lease) }))
	got := getMail(t, db, lost.ID)
	if got.Status() != mail.StatusPending || got.Attempts != 1 || got.LastError != "451 try later" ||
		!got.NextAttemptAt.Equal(now.Add(job.Backoff(1))) || got.Via != "" {
		t.Fatalf("retried: %+v", got)
	}
	at = now.Add(job.Backoff(1))
	lease = at.Add(time.Minute)
	j = claimJob(t, db, lost.ID, at, lease)
	j.Attempts, j.LastError, j.FailedAt = 2, "550 no such user", &at
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleJob(ctx, j, lease) }))
	if got := getMail(t, db, lost.ID); got.Status() != mail.StatusFailed || !got.FailedAt.Equal(at) || got.Attempts != 2 {
		t.Fatalf("failed: %+v", got)
	}
}

func testMailSystemOnly(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "mailsys")
	old := enqueue(t, db, x.ID, "old@example.com", now)
	enqueueJob(t, db, newJob(t, kindTest, "", nil, now.Add(30*time.Second))) // not mail: never listed as mail
	newer := enqueue(t, db, "", "new@example.com", now.Add(time.Minute))
	var list []*mail.Message
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { list, err = tx.ListMail(ctx, 10); return }))
	if len(list) != 2 || list[0].ID != newer.ID || list[1].ID != old.ID {
		t.Fatalf("list newest first: %+v", list)
	}
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { list, err = tx.ListMail(ctx, 1); return }))
	if len(list) != 1 || list[0].ID != newer.ID {
		t.Fatalf("list limit 1: %+v", list)
	}
	// A tenant transaction may enqueue but never read the platform's queue.
	for name, fn := range map[string]func(*store.Tx) error{
		"ListMail": func(tx *store.Tx) error { _, err := tx.ListMail(ctx, 10); return err },
		"GetMail":  func(tx *store.Tx) error { _, err := tx.GetMail(ctx, old.ID); return err },
	} {
		if err := db.ReadTenant(ctx, x.ID, fn); err == nil {
			t.Errorf("%s in a tenant transaction succeeded", name)
		}
	}
}

// MailMigration checks migration 0012_mail_jobs on one engine. old is a
// database migrated up to 0011 and no further, so it still has the mail
// outbox; reopen opens the same database with every migration. Messages in
// every state are written to the outbox, the rest is migrated, and each must
// read back, as a message and as a job, in the state it had.
func MailMigration(t *testing.T, old *store.DB, reopen func() *store.DB) {
	t.Helper()
	later, lease := now.Add(time.Minute), now.Add(-time.Minute)
	type row struct {
		id, tenant, to, kind, lastError, via string
		attempts                             int
		next                                 time.Time
		locked, sent, failed                 *time.Time
	}
	rows := []row{
		{id: "msg_pending", tenant: "ten_a", to: "p@example.com", kind: mail.KindOTP, attempts: 3, lastError: "451 later",
			next: later, locked: &lease},
		{id: "msg_fresh", to: "f@example.com", kind: mail.KindWelcome, next: now},
		{id: "msg_smtp", tenant: "ten_a", to: "s@example.com", kind: mail.KindInvite, attempts: 2, via: mail.ViaSMTP,
			next: now, sent: &later},
		{id: "msg_local", to: "l@example.com", kind: mail.KindReset, attempts: 1, via: mail.ViaLocal, next: now, sent: &now},
		{id: "msg_failed", to: "x@example.com", kind: mail.KindWelcome, attempts: 20, lastError: "550 no such user",
			next: later, failed: &later},
	}
	tsq := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return t.UTC().Format("2006-01-02T15:04:05.000000Z")
	}
	must(t, old.InSystem(ctx, func(tx *store.Tx) error {
		for _, r := range rows {
			_, err := tx.SQL().ExecContext(ctx, tx.Rebind(`INSERT INTO mail_outbox (id, tenant_id, to_addr, subject, text_body,
				kind, attempts, next_attempt_at, locked_until, last_error, sent_at, created_at, delivered_via, failed_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
				r.id, r.tenant, r.to, "Subject «"+r.id+"»", "Body of "+r.id+"\nline \"two\"\n", r.kind, r.attempts,
				tsq(&r.next), tsq(r.locked), r.lastError, tsq(r.sent), tsq(&now), r.via, tsq(r.failed))
			if err != nil {
				return err
			}
		}
		return nil
	}))
	db := reopen()
	applied, err := db.Migrate(ctx)
	must(t, err)
	if len(applied) == 0 || applied[0] != "0012_mail_jobs" {
		t.Fatalf("applied %v, want 0012_mail_jobs first", applied)
	}
	for _, r := range rows {
		m := getMail(t, db, r.id)
		if m.TenantID != r.tenant || m.To != r.to || m.Kind != r.kind || m.Subject != "Subject «"+r.id+"»" ||
			m.Text != "Body of "+r.id+"\nline \"two\"\n" || m.Attempts != r.attempts || m.LastError != r.lastError ||
			!m.CreatedAt.Equal(now) || !m.NextAttemptAt.Equal(r.next) {
			t.Errorf("%s migrated as %+v", r.id, m)
		}
		want := mail.StatusPending
		switch {
		case r.sent != nil:
			want = mail.StatusSent
			if !m.SentAt.Equal(*r.sent) || m.Via != r.via || m.FailedAt != nil {
				t.Errorf("%s: sent %v via %q", r.id, m.SentAt, m.Via)
			}
		case r.failed != nil:
			want = mail.StatusFailed
			if !m.FailedAt.Equal(*r.failed) {
				t.Errorf("%s: failed %v", r.id, m.FailedAt)
			}
		}
		if m.Status() != want {
			t.Errorf("%s: status %s, want %s", r.id, m.Status(), want)
		}
		if j := getJob(t, db, r.id); j.Kind != job.Mail || j.MaxAttempts != 20 || j.Key != "" {
			t.Errorf("%s as a job: %+v", r.id, j)
		}
	}
	if ids := dueJobs(t, db, later, job.Mail); len(ids) != 2 || ids[0] != "msg_fresh" || ids[1] != "msg_pending" {
		t.Errorf("due after the migration: %v, want the two pending messages", ids)
	}
	err = db.ReadSystem(ctx, func(tx *store.Tx) error {
		_, err := tx.SQL().ExecContext(ctx, `SELECT 1 FROM mail_outbox`)
		return err
	})
	if err == nil {
		t.Error("mail_outbox is still there")
	}
}
