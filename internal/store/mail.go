package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/mail"
)

// The mail outbox is platform-level: messages of every tenant wait in one
// queue that the worker drains in system transactions. Any transaction may
// enqueue; only system transactions read, claim and record deliveries.

const mailCols = `id, tenant_id, to_addr, subject, text_body, kind, attempts, next_attempt_at, last_error,
	sent_at, failed_at, delivered_via, created_at`

// EnqueueMail writes a message to the outbox in the current transaction, so
// that it is sent exactly when the change that causes it commits.
func (t *Tx) EnqueueMail(ctx context.Context, m *mail.Message) error {
	next := m.NextAttemptAt
	if next.IsZero() {
		next = m.CreatedAt
	}
	_, err := t.exec(ctx, `INSERT INTO mail_outbox (id, tenant_id, to_addr, subject, text_body, kind, attempts,
		next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
		m.ID, m.TenantID, m.To, m.Subject, m.Text, m.Kind, ts(next), ts(m.CreatedAt))
	return err
}

// DueMail returns the ids of up to limit messages due at now: not sent, not
// given up, next attempt reached and not leased by a worker. Oldest due first.
func (t *Tx) DueMail(ctx context.Context, now time.Time, limit int) ([]string, error) {
	if err := t.systemOnly("DueMail"); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT id FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL
		AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?)
		ORDER BY next_attempt_at, id LIMIT ?`, ts(now), ts(now), limit)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// ClaimMail leases each of ids that is still due at now until the time
// until, and returns the messages it leased. The lease is a conditional
// update, so of several workers (in one process or many) claiming the same
// message exactly one gets it; the others get nothing for that id.
func (t *Tx) ClaimMail(ctx context.Context, ids []string, now, until time.Time) ([]*mail.Message, error) {
	if err := t.systemOnly("ClaimMail"); err != nil {
		return nil, err
	}
	var out []*mail.Message
	for _, id := range ids {
		rows, err := t.query(ctx, `UPDATE mail_outbox SET locked_until = ? WHERE id = ? AND sent_at IS NULL
			AND failed_at IS NULL AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?)
			RETURNING `+mailCols, ts(until), id, ts(now), ts(now))
		if err != nil {
			return nil, err
		}
		got, err := scanMail(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

// MarkMailSent records that m was delivered: m.SentAt, m.Via and m.Attempts
// are written and the lease released. A message already marked sent is
// left alone and reported as NotFound (mail_not_pending).
func (t *Tx) MarkMailSent(ctx context.Context, m *mail.Message) error {
	if err := t.systemOnly("MarkMailSent"); err != nil {
		return err
	}
	if m.SentAt == nil {
		return fmt.Errorf("store: MarkMailSent %s without SentAt", m.ID)
	}
	r, err := t.exec(ctx, `UPDATE mail_outbox SET sent_at = ?, delivered_via = ?, attempts = ?, last_error = '',
		locked_until = NULL WHERE id = ? AND sent_at IS NULL`, tsp(m.SentAt), m.Via, m.Attempts, m.ID)
	if err != nil {
		return err
	}
	if affected(r) == 0 {
		return errs.E(errs.NotFound, "mail_not_pending", "No pending message with this id.")
	}
	return nil
}

// RescheduleMail records a failed attempt on m, which the caller leased
// until lease: m.Attempts, m.LastError, m.NextAttemptAt and m.FailedAt (set
// when giving up) are written and the lease released. If the lease was lost
// meanwhile (it expired and another worker claimed the message), nothing is
// written and a Conflict (mail_lease_lost) is returned.
func (t *Tx) RescheduleMail(ctx context.Context, m *mail.Message, lease time.Time) error {
	if err := t.systemOnly("RescheduleMail"); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE mail_outbox SET attempts = ?, last_error = ?, next_attempt_at = ?, failed_at = ?,
		locked_until = NULL WHERE id = ? AND sent_at IS NULL AND locked_until = ?`,
		m.Attempts, m.LastError, ts(m.NextAttemptAt), tsp(m.FailedAt), m.ID, ts(lease))
	if err != nil {
		return err
	}
	if affected(r) == 0 {
		return errs.E(errs.Conflict, "mail_lease_lost", "The message is no longer leased by this worker.")
	}
	return nil
}

// GetMail returns one message of the outbox.
func (t *Tx) GetMail(ctx context.Context, id string) (*mail.Message, error) {
	if err := t.systemOnly("GetMail"); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+mailCols+` FROM mail_outbox WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	got, err := scanMail(rows)
	if err != nil {
		return nil, err
	}
	if len(got) == 0 {
		return nil, errs.E(errs.NotFound, "mail_not_found", "Not found.")
	}
	return got[0], nil
}

// ListMail returns the newest limit messages of the outbox, newest first.
func (t *Tx) ListMail(ctx context.Context, limit int) ([]*mail.Message, error) {
	if err := t.systemOnly("ListMail"); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+mailCols+` FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	return scanMail(rows)
}
