package mail

import "time"

// MaxAttempts is how many delivery attempts a message gets. After the last
// one fails the message is marked failed: kept in the outbox, logged as an
// error and shown by `tenantry mail list`, but no longer retried.
const MaxAttempts = 20

// Lease is how long a worker holds a message it has claimed. Another worker
// may claim it again only after the lease expires, so a crash between
// delivery and recording it causes at worst one duplicate, carrying the same
// Message-ID.
const Lease = 2 * time.Minute

// Backoff returns how long to wait after the n-th failed attempt (n >= 1):
// 5 s, 10 s, 20 s … doubling, at most one hour.
func Backoff(n int) time.Duration {
	const base, ceiling = 5 * time.Second, time.Hour
	if n < 1 {
		n = 1
	}
	if n > 12 { // 5 s × 2^11 already exceeds the ceiling
		return ceiling
	}
	return min(base<<(n-1), ceiling)
}
