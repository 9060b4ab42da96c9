package app

import (
	"testing"
	"time"
)

func TestWindow(t *testing.T) {
	w := newWindow(3, time.Minute)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 3; i++ {
		if wait := w.take("a", t0.Add(time.Duration(i)*time.Second)); wait != 0 {
			t.Fatalf("event %d refused (wait %s)", i+1, wait)
		}
	}
	if wait := w.take("a", t0.Add(10*time.Second)); wait != 50*time.Second {
		t.Fatalf("fourth event: wait %s, want 50s", wait)
	}
	if wait := w.take("b", t0.Add(10*time.Second)); wait != 0 {
		t.Fatal("another key is limited too")
	}
	if wait := w.take("a", t0.Add(time.Minute)); wait != 0 {
		t.Fatal("the window does not reopen")
	}
	for i := 0; i < 10; i++ {
		if w.take("", t0) != 0 {
			t.Fatal("the empty key is limited")
		}
	}
}

func TestThrottlePerAddress(t *testing.T) {
	th := newThrottle(20, 15*time.Minute)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i < 20; i++ {
		if th.fail("203.0.113.9", t0) {
			t.Fatalf("locked after %d failures", i)
		}
	}
	if !th.fail("203.0.113.9", t0) || th.wait("203.0.113.9", t0) != time.Second {
		t.Fatal("not locked for a second after the 20th failure")
	}
	if th.wait("203.0.113.10", t0) != 0 {
		t.Fatal("another address is locked too")
	}
}
