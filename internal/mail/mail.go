// Package mail describes the messages Tenantry sends (welcome, one-time
// codes, password resets, invites). A message is written to a durable outbox
// in the same transaction as the change that causes it, and a background
// worker delivers it.
package mail

import "time"

// Kinds of message.
const (
	KindWelcome = "welcome"
	KindOTP     = "otp"
	KindReset   = "password_reset"
	KindInvite  = "invite"
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
}
