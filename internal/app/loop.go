package app

import (
	"context"
	"time"
)

// repeat runs work every d until ctx ends: the shape of the app's
// background loops (the signing-key watch, the meter flush, the audit
// sealer). A channel sent on asks runs work at once (asked true) and gets
// its error in reply, so tests drive a loop instead of waiting for it. Each
// run is bounded by timeout; a failed tick is logged as what.
func (a *App) repeat(ctx context.Context, d, timeout time.Duration, asks <-chan chan<- error, what string,
	work func(ctx context.Context, asked bool) error) {
	a.repeatOrKicked(ctx, d, timeout, asks, nil, what, work)
}

// repeatOrKicked is repeat that also runs work (asked false) at once on
// every receive from kicks, as when another process says it changed what
// work looks at; a nil kicks never fires.
func (a *App) repeatOrKicked(ctx context.Context, d, timeout time.Duration, asks <-chan chan<- error, kicks <-chan struct{},
	what string, work func(ctx context.Context, asked bool) error) {
	run := func(asked bool) error {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		return work(ctx, asked)
	}
	tick := time.NewTicker(d)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if err := run(false); err != nil && ctx.Err() == nil {
				a.log.Warn(what, "err", err)
			}
		case <-kicks:
			if err := run(false); err != nil && ctx.Err() == nil {
				a.log.Warn(what, "err", err)
			}
		case reply := <-asks:
			reply <- run(true)
		}
	}
}
