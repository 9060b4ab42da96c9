package mail

import (
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	cases := []struct {
		n    int
		want time.Duration
	}{
		{0, 5 * time.Second}, // treated as the first failure
		{1, 5 * time.Second},
		{2, 10 * time.Second},
		{3, 20 * time.Second},
		{6, 160 * time.Second},
		{10, 2560 * time.Second},
		{11, time.Hour}, // 5120 s capped
		{12, time.Hour},
		{MaxAttempts, time.Hour},
		{1000, time.Hour}, // no overflow
	}
	for _, c := range cases {
		if got := Backoff(c.n); got != c.want {
			t.Errorf("Backoff(%d) = %v, want %v", c.n, got, c.want)
		}
	}
	var total time.Duration
	for n := 1; n < MaxAttempts; n++ {
		total += Backoff(n)
	}
	if total < 10*time.Hour || total > 12*time.Hour {
		t.Errorf("a message is retried for %v before giving up; want about half a day", total)
	}
}

func TestStatus(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	m := New(KindOTP, "ten_1", "a@example.com", "s", "t", at)
	if m.Status() != StatusPending || !m.NextAttemptAt.Equal(at) || m.ID[:4] != "msg_" {
		t.Fatalf("new message: %+v", m)
	}
	m.FailedAt = &at
	if m.Status() != StatusFailed {
		t.Fatalf("status with FailedAt: %s", m.Status())
	}
	m.FailedAt, m.SentAt = nil, &at
	if m.Status() != StatusSent {
		t.Fatalf("status with SentAt: %s", m.Status())
	}
}
