package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/tenantry/tenantry/internal/limit"
)

// throttleSpan is how long failures count against a key, and the longest
// wait they impose.
const throttleSpan = 15 * time.Minute

// throttle slows down guessing: after max failures for one key (an email
// address, whether or not an account has it; a client address; a user's
// second factor) within throttleSpan, further attempts are refused for 1 s,
// then twice as long with every further failure, up to throttleSpan. A
// success clears the key. The state is in a limit.Store.
type throttle struct {
	l   *limit.Limiter
	now func() time.Time
	log *slog.Logger
}

func newThrottle(s limit.Store, name string, max int, now func() time.Time, log *slog.Logger) *throttle {
	return &throttle{l: limit.New(s, name, backoff(max)), now: now, log: log}
}

// backoff is a throttle's policy: locked after max failures.
func backoff(max int) limit.Backoff {
	return limit.Backoff{Max: max, Span: throttleSpan, First: time.Second}
}

// after is t's limiter for the same keys, locking after max failures
// instead (a tenant's auth.lockout_threshold): the failures already
// counted for a key still count, and a wait already imposed stands.
func (t *throttle) after(max int) *limit.Limiter { return t.l.With(backoff(max)) }

// wait reports how long key must wait before its next attempt (0: go
// ahead). A store that fails lets the attempt go ahead, and is logged.
func (t *throttle) wait(key string, now time.Time) time.Duration {
	w, err := t.l.Wait(context.Background(), key, now)
	t.logged("wait", err)
	return w
}

// fail records a failed attempt, at the moment it is recorded (after the
// check that found it wrong, so a slow check does not eat the wait), and
// reports whether the key is now locked.
func (t *throttle) fail(key string) bool {
	w, err := t.l.Hit(context.Background(), key, t.now())
	t.logged("fail", err)
	return w > 0
}

// succeed clears key.
func (t *throttle) succeed(key string) {
	t.logged("succeed", t.l.Reset(context.Background(), key))
}

func (t *throttle) logged(op string, err error) {
	if err != nil {
		t.log.Error("throttle "+op, "err", err)
	}
}
