package outbox

import (
	"context"
	"log/slog"

	"github.com/tenantry/tenantry/internal/mail"
)

// Local is the developer's mailbox, used when no SMTP server is configured:
// it writes each message, body included, to the log, and its job is kept as
// done with the result mail.ViaLocal, where `tenantry mail list` shows it.
// One-time codes and reset links are readable there: that is its purpose,
// and why production sets TENANTRY_SMTP_URL.
type Local struct{ log *slog.Logger }

// NewLocal returns the local mailbox writing to log.
func NewLocal(log *slog.Logger) *Local { return &Local{log: log} }

// Via reports mail.ViaLocal.
func (l *Local) Via() string { return mail.ViaLocal }

// Send logs m.
func (l *Local) Send(_ context.Context, m *mail.Message) error {
	l.log.Info("mail to the local mailbox (no SMTP configured)", "id", m.ID, "kind", m.Kind, "to", m.To,
		"from_name", m.FromName, "subject", m.Subject, "body", m.Text)
	return nil
}
