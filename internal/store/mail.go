package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/mail"
)

// Mail waits in the job queue as jobs of kind job.Mail, one per message: the
// job's id is the message's id (so the Message-ID header stays the same on
// every attempt), its tenant the message's, and its payload the envelope and
// body below. Delivery state is the job's: a done job was sent, its result
// saying where (mail.ViaSMTP or mail.ViaLocal).

// mailPayload is the payload of a job.Mail job.
type mailPayload struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	Text    string `json:"text"`
	Kind    string `json:"kind"` // mail.KindWelcome, mail.KindOTP, …
	// FromName is mail.Message.FromName, fixed when the message was queued.
	FromName string `json:"from_name,omitempty"`
}

// EnqueueMail writes a message to the job queue in the current transaction,
// so that it is sent exactly when the change that causes it commits.
func (t *Tx) EnqueueMail(ctx context.Context, m *mail.Message) error {
	payload, err := json.Marshal(mailPayload{To: m.To, Subject: m.Subject, Text: m.Text, Kind: m.Kind, FromName: m.FromName})
	if err != nil {
		return fmt.Errorf("store: encode mail %s: %w", m.ID, err)
	}
	runAt := m.NextAttemptAt
	if runAt.IsZero() {
		runAt = m.CreatedAt
	}
	_, err = t.EnqueueJob(ctx, &job.Job{ID: m.ID, TenantID: m.TenantID, Kind: job.Mail, Payload: payload,
		RunAt: runAt, MaxAttempts: job.DefaultMaxAttempts, CreatedAt: m.CreatedAt})
	return err
}

// MailOf reads the message a job.Mail job carries, with its delivery state.
func MailOf(j *job.Job) (*mail.Message, error) {
	if j.Kind != job.Mail {
		return nil, fmt.Errorf("store: job %s is of kind %q, not mail", j.ID, j.Kind)
	}
	var p mailPayload
	if err := j.Decode(&p); err != nil {
		return nil, err
	}
	m := &mail.Message{ID: j.ID, TenantID: j.TenantID, To: p.To, Subject: p.Subject, Text: p.Text, Kind: p.Kind,
		FromName: p.FromName, CreatedAt: j.CreatedAt, Attempts: j.Attempts, NextAttemptAt: j.RunAt, LastError: j.LastError,
		SentAt: j.DoneAt, FailedAt: j.FailedAt}
	if j.DoneAt != nil {
		m.Via = j.Result
	}
	return m, nil
}

// GetMail returns one message of the queue.
func (t *Tx) GetMail(ctx context.Context, id string) (*mail.Message, error) {
	if err := t.systemOnly("GetMail"); err != nil {
		return nil, err
	}
	j, err := t.GetJob(ctx, id)
	if errs.Is(err, errs.NotFound) || err == nil && j.Kind != job.Mail {
		return nil, errs.E(errs.NotFound, "mail_not_found", "Not found.")
	}
	if err != nil {
		return nil, err
	}
	return MailOf(j)
}

// ListMail returns the newest limit messages of the queue, newest first.
func (t *Tx) ListMail(ctx context.Context, limit int) ([]*mail.Message, error) {
	if err := t.systemOnly("ListMail"); err != nil {
		return nil, err
	}
	jobs, err := t.ListJobs(ctx, JobFilter{Kind: job.Mail, Limit: limit})
	if err != nil {
		return nil, err
	}
	out := make([]*mail.Message, 0, len(jobs))
	for _, j := range jobs {
		m, err := MailOf(j)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// systemOnly refuses platform-level work in a tenant transaction.
func (t *Tx) systemOnly(op string) error {
	if !t.system {
		return fmt.Errorf("store: %s needs a system transaction", op)
	}
	return nil
}
