package server

import (
	"context"
	"errors"

	"github.com/tenantry/tenantry/internal/app"
)

// keyPoller runs the app's signing-key watch (App.WatchKeys) for as long as
// the server is open, so that a key rotated by another process is published
// and used here within a few seconds.
type keyPoller struct {
	asks chan chan<- error
	stop context.CancelFunc
	done chan struct{}
}

func startKeyPoller(a *app.App) *keyPoller {
	ctx, stop := context.WithCancel(context.Background())
	p := &keyPoller{asks: make(chan chan<- error), stop: stop, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		a.WatchKeys(ctx, p.asks)
	}()
	return p
}

// close stops the poller and waits for it to finish.
func (p *keyPoller) close() {
	p.stop()
	<-p.done
}

var errPollerStopped = errors.New("server: the signing-key poller has stopped")

// PollKeys asks the server's signing-key poller to check the keys table now
// and waits for its answer, instead of for its next tick.
func (s *Server) PollKeys(ctx context.Context) error {
	reply := make(chan error, 1)
	select {
	case s.keys.asks <- reply:
	case <-s.keys.done:
		return errPollerStopped
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-reply:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
