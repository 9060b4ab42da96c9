package app

import (
	"sync"
	"time"
)

// How many sign-in codes and reset links may be requested, per email address
// and per client address, within mailWindow.
const (
	mailsPerEmail = 5
	mailsPerIP    = 20
	mailWindow    = 15 * time.Minute
)

// window allows at most max events per key within span of the key's first
// event; then the key waits until span has passed. It is in memory, per
// process, like the login throttle.
type window struct {
	max  int
	span time.Duration
	mu   sync.Mutex
	m    map[string]*windowCount
}

type windowCount struct {
	n     int
	start time.Time
}

func newWindow(max int, span time.Duration) *window {
	return &window{max: max, span: span, m: map[string]*windowCount{}}
}

// take records one event for key and returns 0, or, when key is over its
// limit, how long until it may try again (the event is then not recorded).
// An empty key (no client address known) is never limited.
func (w *window) take(key string, now time.Time) time.Duration {
	if key == "" {
		return 0
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.m) > 100000 {
		for k, c := range w.m {
			if now.Sub(c.start) >= w.span {
				delete(w.m, k)
			}
		}
	}
	c := w.m[key]
	if c == nil || now.Sub(c.start) >= w.span {
		c = &windowCount{start: now}
		w.m[key] = c
	}
	if c.n >= w.max {
		return c.start.Add(w.span).Sub(now)
	}
	c.n++
	return 0
}
