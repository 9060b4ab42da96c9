package app

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"
)

// signal is a log destination that reports each record containing msg.
type signal struct {
	msg  []byte
	seen chan struct{}
}

func (s *signal) Write(p []byte) (int, error) {
	if bytes.Contains(p, s.msg) {
		select {
		case s.seen <- struct{}{}:
		default:
		}
	}
	return len(p), nil
}

// TestWatchKeysTicks: a process watching the keys on its own ticker loads a
// key another process rotated in, and signs with it; a poll that finds
// nothing new reloads nothing. The test waits for the watcher's log record
// of the reload, not for time to pass.
func TestWatchKeysTicks(t *testing.T) {
	ctx := context.Background()
	db := testDB(t)
	loaded := &signal{msg: []byte("loaded signing keys"), seen: make(chan struct{}, 1)}
	open := func(log *slog.Logger, opt Options) *App { return startApp(t, db, log, opt) }
	watcher := open(slog.New(slog.NewTextHandler(loaded, nil)), Options{KeyPoll: time.Millisecond})
	admin := open(slog.New(slog.DiscardHandler), Options{})
	oldKid, _ := watcher.tokens.Ring.Current()
	if reloaded, err := watcher.PollKeys(ctx); err != nil || reloaded {
		t.Fatalf("poll with nothing new: reloaded=%v err=%v", reloaded, err)
	}

	wctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); watcher.WatchKeys(wctx, nil) }()
	defer func() { stop(); <-done }()

	newKid, err := admin.RotateSigningKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-loaded.seen:
	case <-time.After(30 * time.Second):
		t.Fatal("the watcher did not load the rotated key")
	}
	if kid, n := watcher.tokens.Ring.Current(); kid != newKid || n != 2 || kid == oldKid {
		t.Fatalf("watcher signs with %q of %d keys, want %q of 2", kid, n, newKid)
	}
}
