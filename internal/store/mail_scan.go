package store

import (
	"database/sql"
	"fmt"

	"github.com/tenantry/tenantry/internal/mail"
)

// scanMail reads rows of mailCols and closes them.
func scanMail(rows *sql.Rows) ([]*mail.Message, error) {
	defer rows.Close()
	var out []*mail.Message
	for rows.Next() {
		m := &mail.Message{}
		if err := rows.Scan(&m.ID, &m.TenantID, &m.To, &m.Subject, &m.Text, &m.Kind, &m.Attempts,
			timeCol{&m.NextAttemptAt}, &m.LastError, nullTimeCol{&m.SentAt}, nullTimeCol{&m.FailedAt}, &m.Via,
			timeCol{&m.CreatedAt}); err != nil {
			return nil, fmt.Errorf("store: scan mail: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: mail rows: %w", err)
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
