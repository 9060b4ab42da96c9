package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/store"
)

// keyPollTimeout bounds one check of the signing keys, so that a hung
// database cannot stall the poller.
const keyPollTimeout = 10 * time.Second

// PollKeys reloads the signing keys when the keys table no longer matches
// what this process loaded — a key added by another process (tenantry admin
// rotate-signing-key, another server) — and otherwise costs one cheap query.
// It reports whether it reloaded.
func (a *App) PollKeys(ctx context.Context) (bool, error) {
	var kid string
	var n int
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { kid, n, err = tx.NewestSigningKey(ctx); return err })
	if err != nil {
		return false, err
	}
	if k, m := a.tokens.Ring.Current(); k == kid && m == n {
		return false, nil
	}
	a.keyMu.Lock()
	defer a.keyMu.Unlock()
	if err := a.loadKeys(ctx); err != nil {
		return false, err
	}
	a.log.Info("loaded signing keys", "signing_kid", kid, "keys", n)
	return true, nil
}

// WatchKeys polls the signing keys (PollKeys) every Options.KeyPoll until
// ctx ends, so that this process publishes and signs with a rotated key
// within one interval, and at once when it hears that a process sharing its
// limit store added a key (the commit's broadcast of
// store.SigningKeysTopic): with Redis, within milliseconds; the poll stays
// as the fallback for a broadcast missed. A channel sent on asks gets a poll
// at once and its error in reply (nil on success), so a caller can wait for
// a poll instead of for the ticker.
func (a *App) WatchKeys(ctx context.Context, asks <-chan chan<- error) {
	kicks := make(chan struct{}, 1)
	cancel := a.opt.Limits.Subscribe(store.SigningKeysTopic, func() {
		select {
		case kicks <- struct{}{}:
		default: // a poll is already due
		}
	})
	defer cancel()
	a.repeatOrKicked(ctx, a.opt.KeyPoll, keyPollTimeout, asks, kicks, "poll signing keys", func(ctx context.Context, _ bool) error {
		_, err := a.PollKeys(ctx)
		return err
	})
}
