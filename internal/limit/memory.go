package limit

import (
	"context"
	"sync"
	"time"
)

// sweepEvery is how often, in the callers' time, Memory drops the state of
// keys that have become idle (no different from a key never seen).
const sweepEvery = time.Minute

// Memory is a Store in this process's memory: its limits hold per process
// and its broadcasts reach only this process's subscribers. The zero value
// is not usable; call NewMemory.
type Memory struct {
	mu     sync.Mutex
	keys   map[string]state
	swept  time.Time
	subs   map[string]map[int]func()
	nextID int
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{keys: map[string]state{}, subs: map[string]map[int]func(){}}
}

// Do implements Store.
func (m *Memory) Do(_ context.Context, key string, p Policy, op Op, now time.Time) (time.Duration, error) {
	if r, ok := p.(Rate); ok && r.PerSecond <= 0 {
		return 0, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if now.Sub(m.swept) >= sweepEvery {
		for k, s := range m.keys {
			if s.idle(now) {
				delete(m.keys, k)
			}
		}
		m.swept = now
	}
	s := m.keys[key]
	if s != nil && (s.idle(now) || s.policy() != p && !s.adopt(p, now)) {
		s = nil // idle (as if swept), or of another kind: the old state means nothing under p
	}
	if s == nil {
		if op == Peek {
			return 0, nil
		}
		s = newState(p)
		m.keys[key] = s
	}
	switch op {
	case Peek:
		return s.wait(now), nil
	case Hit:
		s.count(now)
		return s.wait(now), nil
	}
	if w := s.wait(now); w > 0 {
		return w, nil
	}
	s.count(now)
	return 0, nil
}

// Reset implements Store.
func (m *Memory) Reset(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.keys, key)
	return nil
}

// Publish implements Store: it calls topic's subscribers in turn, then
// returns.
func (m *Memory) Publish(_ context.Context, topic string) error {
	m.mu.Lock()
	fns := make([]func(), 0, len(m.subs[topic]))
	for _, fn := range m.subs[topic] {
		fns = append(fns, fn)
	}
	m.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
	return nil
}

// Subscribe implements Store.
func (m *Memory) Subscribe(topic string, fn func()) (cancel func()) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.subs[topic] == nil {
		m.subs[topic] = map[int]func(){}
	}
	id := m.nextID
	m.nextID++
	m.subs[topic][id] = fn
	return func() {
		m.mu.Lock()
		defer m.mu.Unlock()
		delete(m.subs[topic], id)
	}
}

// publishAll broadcasts every topic that has subscribers.
func (m *Memory) publishAll() {
	m.mu.Lock()
	topics := make([]string, 0, len(m.subs))
	for t, fns := range m.subs {
		if len(fns) > 0 {
			topics = append(topics, t)
		}
	}
	m.mu.Unlock()
	for _, t := range topics {
		_ = m.Publish(context.Background(), t)
	}
}
