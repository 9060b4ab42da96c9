package app

import (
	"sync"
	"time"
)

// throttle slows down guessing: after max failures for one key (an email
// address, whether or not an account has it) within window, further attempts
// are refused for a delay that doubles with every further failure, up to the
// window itself. A success clears the key.
type throttle struct {
	max    int
	window time.Duration
	mu     sync.Mutex
	m      map[string]*attempts
}

type attempts struct {
	count int
	first time.Time
	until time.Time
}

func newThrottle(max int, window time.Duration) *throttle {
	return &throttle{max: max, window: window, m: map[string]*attempts{}}
}

// wait reports how long key must wait before its next attempt (0: go ahead).
func (t *throttle) wait(key string, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	a := t.m[key]
	if a == nil || !now.Before(a.until) {
		return 0
	}
	return a.until.Sub(now)
}

// fail records a failed attempt and reports whether the key is now locked.
func (t *throttle) fail(key string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.m) > 100000 {
		t.prune(now)
	}
	a := t.m[key]
	if a == nil || now.Sub(a.first) > t.window {
		a = &attempts{first: now}
		t.m[key] = a
	}
	a.count++
	if a.count < t.max {
		return false
	}
	delay := time.Second << min(a.count-t.max, 10)
	a.until = now.Add(min(delay, t.window))
	return true
}

// succeed clears key.
func (t *throttle) succeed(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.m, key)
}

func (t *throttle) prune(now time.Time) {
	for k, a := range t.m {
		if now.Sub(a.first) > t.window && !now.Before(a.until) {
			delete(t.m, k)
		}
	}
}
