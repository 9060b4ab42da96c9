package server

import (
	"context"
	"errors"
	"fmt"
)

// loop runs one of the app's background loops (the signing-key watch, the
// request-meter flush) for as long as the server is open. Its asks channel
// lets a caller have the loop do its work now and wait for the answer,
// instead of for its next tick.
type loop struct {
	name string
	asks chan chan<- error
	stop context.CancelFunc
	done chan struct{}
}

// startLoop runs run(ctx, asks) in the background until close.
func startLoop(name string, run func(ctx context.Context, asks <-chan chan<- error)) *loop {
	ctx, stop := context.WithCancel(context.Background())
	l := &loop{name: name, asks: make(chan chan<- error), stop: stop, done: make(chan struct{})}
	go func() {
		defer close(l.done)
		run(ctx, l.asks)
	}()
	return l
}

// close stops the loop and waits for it to finish (the meter flushes once
// more on its way out).
func (l *loop) close() {
	l.stop()
	<-l.done
}

var errLoopStopped = errors.New("the loop has stopped")

// now asks the loop to do its work at once and waits for its answer.
func (l *loop) now(ctx context.Context) error {
	reply := make(chan error, 1)
	select {
	case l.asks <- reply:
	case <-l.done:
		return fmt.Errorf("server: %s: %w", l.name, errLoopStopped)
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

// PollKeys asks the server's signing-key poller (App.WatchKeys) to check
// the keys table now, so that a key rotated by another process is used here
// at once, and waits for its answer.
func (s *Server) PollKeys(ctx context.Context) error { return s.keys.now(ctx) }

// FlushMeter asks the request-meter loop (App.RunMetering) to write what
// this process counted now and waits for its answer.
func (s *Server) FlushMeter(ctx context.Context) error { return s.meter.now(ctx) }

// SealAudit asks the audit loop (App.RunAudit) for a round now — seal the
// events older than the seal delay, then apply retention — and waits for
// its answer.
func (s *Server) SealAudit(ctx context.Context) error { return s.audit.now(ctx) }
