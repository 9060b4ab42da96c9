package outbox

import (
	"log/slog"
)

// NewTransport returns the transport for the settings: SMTP to smtpURL
// (TENANTRY_SMTP_URL) with from (TENANTRY_MAIL_FROM) as the sender, or the
// local mailbox when smtpURL is empty.
func NewTransport(smtpURL, from string, log *slog.Logger) (Transport, error) {
	if smtpURL == "" {
		return NewLocal(log), nil
	}
	return NewSMTP(smtpURL, from, nil)
}
