// Package mail describes the messages Tenantry sends (welcome, one-time
// codes, password resets, invites) and their delivery policy. A message is
// written to a durable outbox in the same transaction as the change that
// causes it, and a background worker (package outbox) delivers it.
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
// the outbox itself, read with `tenantry mail list`) when no SMTP server is
// configured.
const (
	ViaSMTP  = "smtp"
	ViaLocal = "local"
)

// Statuses of a message in the outbox.
const (
	StatusPending = "pending" // waiting for its first or next attempt
	StatusSent    = "sent"    // delivered (Via says where)
	StatusFailed  = "failed"  // gave up after MaxAttempts; kept for inspection
)

// Message is one email waiting in, or delivered from, the outbox.
type Message struct {
	ID        string
	TenantID  string // the tenant it concerns, or "" for platform mail
	To        string
	Subject   string
	Text      string
	Kind      string
	CreatedAt time.Time

	// Delivery state, kept by the outbox worker.
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
