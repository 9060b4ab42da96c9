package server

import (
	"context"
	"errors"

	"github.com/tenantry/tenantry/internal/app"
)

// meterLoop runs the app's request-meter flush (App.RunMetering) for as
// long as the server is open; closing it flushes once more.
type meterLoop struct {
	asks chan chan<- error
	stop context.CancelFunc
	done chan struct{}
}

func startMeterLoop(a *app.App) *meterLoop {
	ctx, stop := context.WithCancel(context.Background())
	l := &meterLoop{asks: make(chan chan<- error), stop: stop, done: make(chan struct{})}
	go func() {
		defer close(l.done)
		a.RunMetering(ctx, l.asks)
	}()
	return l
}

// close stops the loop after its final flush.
func (l *meterLoop) close() {
	l.stop()
	<-l.done
}

var errMeterStopped = errors.New("server: the meter flush loop has stopped")

// FlushMeter asks the flush loop to write what this process counted now
// and waits for its answer, instead of for its next tick.
func (s *Server) FlushMeter(ctx context.Context) error {
	reply := make(chan error, 1)
	select {
	case s.meter.asks <- reply:
	case <-s.meter.done:
		return errMeterStopped
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
