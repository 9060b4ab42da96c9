package store

import (
	"context"
	"time"
)

// RecordStripeEvent records that the Stripe webhook event id (of type typ)
// is processed at at, in the current transaction, and reports whether this
// is its first record. Call it in the transaction that applies the event's
// effects: a redelivered event is then first=false and its effects are not
// applied twice, and concurrent deliveries of one event find exactly one
// first. The table is platform-level, so any transaction may record.
func (t *Tx) RecordStripeEvent(ctx context.Context, id, typ string, at time.Time) (first bool, err error) {
	r, err := t.exec(ctx, `INSERT INTO stripe_events (id, type, processed_at) VALUES (?, ?, ?)
		ON CONFLICT (id) DO NOTHING`, id, typ, ts(at))
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}
