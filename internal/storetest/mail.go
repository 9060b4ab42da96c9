package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/store"
)

// mailCases cover the outbox: enqueue, claim with leases, delivery records,
// retries and giving up, and concurrent claimers.
func mailCases() map[string]Case {
	return map[string]Case{
		"MailRoundTrip":       testMailRoundTrip,
		"MailNotFound":        testMailNotFound,
		"MailClaimLease":      testMailClaimLease,
		"MailRetryAndGiveUp":  testMailRetryAndGiveUp,
		"MailConcurrentClaim": testMailConcurrentClaim,
		"MailSystemOnly":      testMailSystemOnly,
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

func due(t *testing.T, db *store.DB, at time.Time) []string {
	t.Helper()
	var ids []string
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { ids, err = tx.DueMail(ctx, at, 100); return }))
	return ids
}

func claim(t *testing.T, db *store.DB, ids []string, at, until time.Time) []*mail.Message {
	t.Helper()
	var got []*mail.Message
	must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) { got, err = tx.ClaimMail(ctx, ids, at, until); return }))
	return got
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
}

func testMailNotFound(t *testing.T, db *store.DB) {
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetMail(ctx, "msg_missing"); return err })
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "mail_not_found" {
		t.Fatalf("get missing: %v", err)
	}
	sent := now
	err = db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.MarkMailSent(ctx, &mail.Message{ID: "msg_missing", SentAt: &sent, Via: mail.ViaSMTP, Attempts: 1})
	})
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("mark missing sent: %v", err)
	}
	err = db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.RescheduleMail(ctx, &mail.Message{ID: "msg_missing", NextAttemptAt: now}, now)
	})
	if !errs.Is(err, errs.Conflict) || errs.CodeOf(err) != "mail_lease_lost" {
		t.Fatalf("reschedule missing: %v", err)
	}
	if got := claim(t, db, []string{"msg_missing"}, now, now.Add(time.Minute)); len(got) != 0 {
		t.Fatalf("claimed a missing message: %+v", got)
	}
}

func testMailClaimLease(t *testing.T, db *store.DB) {
	first := enqueue(t, db, "", "first@example.com", now)
	later := enqueue(t, db, "", "later@example.com", now.Add(time.Hour))
	ids := due(t, db, now)
	if len(ids) != 1 || ids[0] != first.ID {
		t.Fatalf("due at now: %v, want only %s", ids, first.ID)
	}
	lease := now.Add(mail.Lease)
	got := claim(t, db, []string{first.ID, later.ID}, now, lease) // later is not due: not claimed
	if len(got) != 1 || got[0].ID != first.ID || got[0].Text != first.Text {
		t.Fatalf("claim: %+v", got)
	}
	if ids := due(t, db, now.Add(time.Second)); len(ids) != 0 {
		t.Fatalf("leased message still due: %v", ids)
	}
	if again := claim(t, db, []string{first.ID}, now.Add(time.Second), lease.Add(time.Second)); len(again) != 0 {
		t.Fatal("a leased message was claimed twice")
	}
	// After the lease expires (the worker crashed), the message is due again.
	expired := lease.Add(time.Second)
	if ids := due(t, db, expired); len(ids) != 1 || ids[0] != first.ID {
		t.Fatalf("due after the lease: %v", ids)
	}
	sentAt := now.Add(2 * time.Second)
	m := got[0]
	m.SentAt, m.Via, m.Attempts = &sentAt, mail.ViaSMTP, 1
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.MarkMailSent(ctx, m) }))
	stored := getMail(t, db, first.ID)
	if stored.Status() != mail.StatusSent || !stored.SentAt.Equal(sentAt) || stored.Via != mail.ViaSMTP || stored.Attempts != 1 {
		t.Fatalf("after sent: %+v", stored)
	}
	if ids := due(t, db, expired); len(ids) != 0 {
		t.Fatalf("sent message still due: %v", ids)
	}
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.MarkMailSent(ctx, m) })
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "mail_not_pending" {
		t.Fatalf("marking twice: %v", err)
	}
}

func testMailRetryAndGiveUp(t *testing.T, db *store.DB) {
	m := enqueue(t, db, "", "retry@example.com", now)
	lease := now.Add(mail.Lease)
	got := claim(t, db, []string{m.ID}, now, lease)[0]
	got.Attempts, got.LastError, got.NextAttemptAt = 1, "451 try later", now.Add(mail.Backoff(1))
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleMail(ctx, got, lease.Add(time.Second)) })
	if !errs.Is(err, errs.Conflict) {
		t.Fatalf("reschedule with another lease: %v", err)
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleMail(ctx, got, lease) }))
	stored := getMail(t, db, m.ID)
	if stored.Status() != mail.StatusPending || stored.Attempts != 1 || stored.LastError != "451 try later" ||
		!stored.NextAttemptAt.Equal(now.Add(5*time.Second)) {
		t.Fatalf("after retry: %+v", stored)
	}
	if ids := due(t, db, now.Add(4*time.Second)); len(ids) != 0 {
		t.Fatalf("due before its backoff: %v", ids)
	}
	at := now.Add(5 * time.Second)
	if ids := due(t, db, at); len(ids) != 1 {
		t.Fatalf("not due after its backoff: %v", ids)
	}
	lease = at.Add(mail.Lease)
	got = claim(t, db, []string{m.ID}, at, lease)[0]
	if got.Attempts != 1 || got.LastError != "451 try later" {
		t.Fatalf("claimed state: %+v", got)
	}
	gaveUp := at.Add(time.Second)
	got.Attempts, got.LastError, got.NextAttemptAt, got.FailedAt = mail.MaxAttempts, "550 no such user", gaveUp, &gaveUp
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleMail(ctx, got, lease) }))
	stored = getMail(t, db, m.ID)
	if stored.Status() != mail.StatusFailed || stored.FailedAt == nil || !stored.FailedAt.Equal(gaveUp) ||
		stored.Attempts != mail.MaxAttempts || stored.LastError != "550 no such user" {
		t.Fatalf("after giving up: %+v", stored)
	}
	if ids := due(t, db, now.Add(48*time.Hour)); len(ids) != 0 {
		t.Fatalf("a failed message is still due: %v", ids)
	}
}

func testMailConcurrentClaim(t *testing.T, db *store.DB) {
	var ids []string
	for i := range 5 {
		ids = append(ids, enqueue(t, db, "", "race"+string(rune('a'+i))+"@example.com", now).ID)
	}
	const workers = 6
	var mu sync.Mutex
	claimed := map[string]int{}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			until := now.Add(mail.Lease + time.Duration(w)*time.Millisecond)
			err := db.InSystem(ctx, func(tx *store.Tx) error {
				got, err := tx.ClaimMail(ctx, ids, now, until)
				if err != nil {
					return err
				}
				mu.Lock()
				defer mu.Unlock()
				for _, m := range got {
					claimed[m.ID]++
				}
				return nil
			})
			if err != nil {
				t.Errorf("worker %d: %v", w, err)
			}
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if claimed[id] != 1 {
			t.Errorf("message %s claimed %d times, want exactly 1", id, claimed[id])
		}
	}
}

func testMailSystemOnly(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "mailsys")
	old := enqueue(t, db, x.ID, "old@example.com", now)
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
	// A tenant transaction may enqueue but never read the platform's outbox.
	for name, fn := range map[string]func(*store.Tx) error{
		"ListMail": func(tx *store.Tx) error { _, err := tx.ListMail(ctx, 10); return err },
		"GetMail":  func(tx *store.Tx) error { _, err := tx.GetMail(ctx, old.ID); return err },
		"DueMail":  func(tx *store.Tx) error { _, err := tx.DueMail(ctx, now, 10); return err },
		"ClaimMail": func(tx *store.Tx) error {
			_, err := tx.ClaimMail(ctx, []string{old.ID}, now, now.Add(time.Minute))
			return err
		},
	} {
		if err := db.ReadTenant(ctx, x.ID, fn); err == nil {
			t.Errorf("%s in a tenant transaction succeeded", name)
		}
	}
}
