// Package limit bounds how often something may happen per key — request
// rates, sign-in throttles, mail request windows — and broadcasts the
// invalidation of per-process caches. Its state lives behind one interface,
// Store: Memory keeps it in this process; Redis shares it between the
// processes of one Redis and prefix (falling back to a Memory of its own
// while Redis fails). Keys are strings, every time is the caller's (so the
// caller's clock, a test's included, rules), and each operation is atomic
// for its key. Both stores pass one suite and give the same answers (Redis
// counts in microseconds).
//
// A key's policy is an argument of every operation, so it may change from
// one call to the next — a tenant's own rate or lockout threshold, read per
// request and changed at any time (Limiter.With). The key's state then
// carries over to the new policy when both are of one kind (Rate, Window or
// Backoff): a bucket keeps its tokens (up to the new burst) and refills at
// the new rate; a window or a backoff keeps its count, and a wait already
// imposed stands. A policy of another kind starts the key afresh, and so
// does any policy once the key's state is idle under its own (a window past
// its span, a backoff past its span and its wait, a full bucket): an idle
// state is no different from none, whether or not a store still keeps it.
package limit

import (
	"context"
	"time"
)

// Store keeps the state of limits and carries invalidations. Every method is
// safe for concurrent use.
type Store interface {
	// Do applies op to key's state under policy p at now and returns how
	// long key must wait: for Take, 0 when the event was counted; for Peek
	// and Hit, how long until key may have its next event (0: at once).
	// p may differ from the policy of key's previous call: key's state
	// carries over to p when both are of one kind, and starts afresh
	// otherwise (see the package documentation). A store keeps counts and
	// times per key, never the policy's parameters.
	Do(ctx context.Context, key string, p Policy, op Op, now time.Time) (time.Duration, error)
	// Reset forgets key's state.
	Reset(ctx context.Context, key string) error
	// Publish broadcasts topic. This process's subscribers have run when it
	// returns (even when it fails to reach other processes); other
	// processes' subscribers run soon after.
	Publish(ctx context.Context, topic string) error
	// Subscribe calls fn on every broadcast of topic, from this process or
	// another, until cancel is called.
	Subscribe(topic string, fn func()) (cancel func())
}

// Op is what Store.Do does with an event.
type Op int

// The operations on a key's state.
const (
	// Take counts the event when key may have one now, and otherwise
	// counts nothing and returns the wait.
	Take Op = iota
	// Peek counts nothing and returns the wait.
	Peek
	// Hit counts the event whether or not key may have one, and returns
	// the wait it leaves.
	Hit
)

// Limiter applies a policy to the keys of one name in a Store: its own, or
// another one given per call through With.
type Limiter struct {
	store  Store
	name   string
	policy Policy
}

// New returns the limiter of name (a prefix that keeps its keys apart from
// other limiters' in s) under policy p.
func New(s Store, name string, p Policy) *Limiter {
	return &Limiter{store: s, name: name, policy: p}
}

// With returns the limiter of l's name, in l's store, under policy p: the
// same keys (a key counted by l is counted by it), counted under p for the
// calls made through it. A caller whose limit varies per key (a tenant's
// own rate) calls it per event; it allocates nothing the compiler cannot
// keep on the stack.
func (l *Limiter) With(p Policy) *Limiter {
	return &Limiter{store: l.store, name: l.name, policy: p}
}

// Take counts an event of key at now when key may have one, returning 0;
// otherwise it counts nothing and returns how long key must wait.
func (l *Limiter) Take(ctx context.Context, key string, now time.Time) (time.Duration, error) {
	return l.store.Do(ctx, l.key(key), l.policy, Take, now)
}

// Wait returns how long key must wait at now before its next event (0: no
// wait), counting nothing.
func (l *Limiter) Wait(ctx context.Context, key string, now time.Time) (time.Duration, error) {
	return l.store.Do(ctx, l.key(key), l.policy, Peek, now)
}

// Hit counts an event of key at now whether or not it may have one (a
// failed sign-in has happened, allowed or not) and returns how long key must
// now wait before its next event.
func (l *Limiter) Hit(ctx context.Context, key string, now time.Time) (time.Duration, error) {
	return l.store.Do(ctx, l.key(key), l.policy, Hit, now)
}

// Reset forgets key, as after a successful sign-in.
func (l *Limiter) Reset(ctx context.Context, key string) error {
	return l.store.Reset(ctx, l.key(key))
}

func (l *Limiter) key(k string) string { return l.name + ":" + k }
