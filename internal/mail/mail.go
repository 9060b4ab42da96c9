// Package mail describes the messages Tenantry sends (welcome, one-time
// codes, password resets, invites). A message is written to the durable job
// queue, as a job of kind job.Mail, in the same transaction as the change
// that causes it, and the job worker (package outbox) delivers it with the
// queue's leases, retries and backoff.
package mail

import (
	"time"

	"github.com/tenantry/tenantry/internal/id"
)

// Kinds of message.
const (
	KindWelcome = "welcome"
	KindOTP     = "otp"
	KindReset   = "password_reset"
	KindInvite  = "invite"
)

// How a sent message left: over SMTP, or into the local mailbox (the log and
// the job queue itself, read with `tenantry mail list`) when no SMTP server is
// configured.
const (
	ViaSMTP  = "smtp"
	ViaLocal = "local"
)

// Statuses of a message in the queue.
const (
	StatusPending = "pending" // waiting for its first or next attempt
	StatusSent    = "sent"    // delivered (Via says where)
	StatusFailed  = "failed"  // gave up after its job's MaxAttempts; kept for inspection
)

// Message is one email waiting in, or delivered from, the job queue.
type Message struct {
	ID        string
	TenantID  string // the tenant it concerns, or "" for platform mail
	To        string
	Subject   string
	Text      string
	Kind      string
	CreatedAt time.Time
	// FromName is the sender's display name, resolved when the message was
	// queued (the tenant's mail.from_name); "" keeps the server's sender
	// (TENANTRY_MAIL_FROM) as configured. The address is always the server's.
	FromName string

	// Delivery state: its job's, kept by the job worker.
	Attempts      int        // delivery attempts made so far
	NextAttemptAt time.Time  // not before this time
	LastError     string     // why the last attempt failed, "" after success
	SentAt        *time.Time // when it was delivered
	FailedAt      *time.Time // when the worker gave up
	Via           string     // ViaSMTP or ViaLocal once sent
}

// New returns a message of kind to the address to, ready to enqueue.
func New(kind, tenantID, to, subject, text string, now time.Time) *Message {
	return &Message{ID: id.NewAt(id.Mail, now), TenantID: tenantID, To: to, Subject: subject, Text: text,
		Kind: kind, CreatedAt: now, NextAttemptAt: now}
}

// Status returns StatusPending, StatusSent or StatusFailed.
func (m *Message) Status() string {
	switch {
	case m.SentAt != nil:
		return StatusSent
	case m.FailedAt != nil:
		return StatusFailed
	}
	return StatusPending
}
