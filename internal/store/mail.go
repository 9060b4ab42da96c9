package store

import (
	"context"

	"github.com/tenantry/tenantry/internal/mail"
)

// EnqueueMail writes a message to the outbox in the current transaction, so
// that it is sent exactly when the change that causes it commits.
func (t *Tx) EnqueueMail(ctx context.Context, m *mail.Message) error {
	_, err := t.exec(ctx, `INSERT INTO mail_outbox (id, tenant_id, to_addr, subject, text_body, kind, attempts,
		next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
		m.ID, m.TenantID, m.To, m.Subject, m.Text, m.Kind, ts(m.CreatedAt), ts(m.CreatedAt))
	return err
}
