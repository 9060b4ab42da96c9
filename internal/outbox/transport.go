package outbox

import (
	"context"
	"log/slog"

	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/store"
)

// Transport hands one message over for delivery.
type Transport interface {
	// Via names where delivered messages went: mail.ViaSMTP or mail.ViaLocal.
	Via() string
	// Send delivers m, or returns why it could not.
	Send(ctx context.Context, m *mail.Message) error
}

// NewTransport returns the transport for the settings: SMTP to smtpURL
// (TENANTRY_SMTP_URL) with from (TENANTRY_MAIL_FROM) as the sender, or the
// local mailbox when smtpURL is empty.
func NewTransport(smtpURL, from string, log *slog.Logger) (Transport, error) {
	if smtpURL == "" {
		return NewLocal(log), nil
	}
	return NewSMTP(smtpURL, from, nil)
}

// MailHandler is the handler of job.Mail jobs: it delivers the message the
// job carries through tr, and the done job's result is tr.Via(). A payload
// that cannot be read fails the job at once.
func MailHandler(tr Transport) Handler {
	return func(ctx context.Context, j *job.Job) (string, error) {
		m, err := store.MailOf(j)
		if err != nil {
			return "", job.Permanent(err)
		}
		if err := tr.Send(ctx, m); err != nil {
			return "", err
		}
		return tr.Via(), nil
	}
}
