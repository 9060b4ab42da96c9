package limit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

// DefaultTimeout is how long a Redis store waits for Redis per command
// before it answers from this process instead.
const DefaultTimeout = 100 * time.Millisecond

// DefaultPrefix starts every key and channel of a Redis store unless
// RedisOptions.Prefix says otherwise.
const DefaultPrefix = "tenantry:"

// probeEvery is how often Watch asks a Redis found down whether it answers
// again.
const probeEvery = time.Second

// RedisOptions configures NewRedis.
type RedisOptions struct {
	// URL is the server's redis://, rediss:// or unix:// URL.
	URL string
	// Prefix starts every key and the invalidation channel, so several
	// deployments (or tests) can share one Redis; DefaultPrefix when empty.
	Prefix string
	// Timeout bounds each command (dial, write, read); DefaultTimeout when 0.
	Timeout time.Duration
	// Log receives the warning when Redis stops answering and the notice
	// when it answers again; none when nil.
	Log *slog.Logger
}

// Redis is a Store shared by every process that uses the same Redis and
// prefix: a limit holds across all of them, each check one atomic script
// (one round trip) on the caller's clock, and a broadcast reaches every
// process's subscribers.
//
// When Redis fails or takes longer than its timeout, the store is down: it
// warns once, and until Redis answers again every check is answered by an
// in-process Memory (limits then hold per process, as without Redis) and
// broadcasts reach this process only (other processes' caches expire on
// their own). Probe, or Watch in the background, finds Redis back and
// returns the store to shared mode. A request therefore waits at most one
// timeout for Redis, once per outage.
type Redis struct {
	client  *redis.Client
	prefix  string
	timeout time.Duration
	log     *slog.Logger
	local   *Memory // the fallback, and this process's subscribers
	id      string  // this process's mark on its broadcasts

	up        atomic.Bool
	fallbacks atomic.Uint64
	renewals  atomic.Int64 // subscriptions renewed after a lost connection

	mu     sync.Mutex
	resets map[string]struct{} // keys reset while down, to forget in Redis once it is back

	sub  *redis.PubSub
	done chan struct{}
	once sync.Once
}

// NewRedis connects to the Redis of o.URL and subscribes to its
// invalidation channel. Redis not answering is no error: the store starts
// down, warns, and shares once Probe finds Redis. Only a malformed URL is.
func NewRedis(ctx context.Context, o RedisOptions) (*Redis, error) {
	opt, err := redis.ParseURL(o.URL)
	if err != nil {
		return nil, fmt.Errorf("limit: redis URL: %w", err)
	}
	if o.Prefix == "" {
		o.Prefix = DefaultPrefix
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	opt.DialTimeout, opt.ReadTimeout, opt.WriteTimeout, opt.PoolTimeout = o.Timeout, o.Timeout, o.Timeout, o.Timeout
	opt.ContextTimeoutEnabled = true
	opt.MaxRetries = -1 // a check is one attempt: on failure the fallback answers
	opt.DialerRetries = 1
	opt.DisableIdentity = true
	opt.MaintNotificationsConfig = &maintnotifications.Config{Mode: maintnotifications.ModeDisabled}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	r := &Redis{client: redis.NewClient(opt), prefix: o.Prefix, timeout: o.Timeout, log: o.Log, local: NewMemory(),
		id: hex.EncodeToString(b), done: make(chan struct{}), resets: map[string]struct{}{}}
	cctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	if err := r.client.Ping(cctx).Err(); err != nil {
		r.log.Warn("redis does not answer: rate limits and throttles hold per process until it does", "err", err)
	} else {
		r.up.Store(true)
		r.loadScripts(cctx)
	}
	r.subscribe(ctx)
	return r, nil
}

// Do implements Store: a script in Redis, or Memory while Redis is down.
func (r *Redis) Do(ctx context.Context, key string, p Policy, op Op, now time.Time) (time.Duration, error) {
	if rt, ok := p.(Rate); ok && rt.PerSecond <= 0 {
		return 0, nil
	}
	if r.up.Load() {
		cctx, cancel := context.WithTimeout(ctx, r.timeout)
		wait, err := r.run(cctx, key, p, op, now)
		cancel()
		if err == nil {
			return wait, nil
		}
		r.failed(ctx, err)
	}
	r.fallbacks.Add(1)
	return r.local.Do(ctx, key, p, op, now)
}

// key is the Redis key of a limit's key.
func (r *Redis) key(k string) string { return r.prefix + "limit:" + k }

// run is one check in Redis.
func (r *Redis) run(ctx context.Context, key string, p Policy, op Op, now time.Time) (time.Duration, error) {
	keys := []string{r.key(key)}
	args := []any{int(op), now.UnixMicro()}
	var s *redis.Script
	switch p := p.(type) {
	case Window:
		s, args = windowScript, append(args, p.Max, p.Span.Microseconds())
	case Backoff:
		s, args = backoffScript, append(args, p.Max, p.Span.Microseconds(), p.First.Microseconds())
	case Rate:
		s, args = rateScript, append(args, strconv.FormatFloat(p.PerSecond, 'g', -1, 64), p.Burst)
	default:
		panic("limit: unknown policy")
	}
	us, err := s.Run(ctx, r.client, keys, args...).Int64()
	if err != nil {
		return 0, fmt.Errorf("limit: redis %s: %w", key, err)
	}
	return time.Duration(us) * time.Microsecond, nil
}

// maxResets bounds the keys kept to be reset in Redis once it is back.
const maxResets = 10000

// Reset implements Store. The fallback forgets key too; while Redis is
// down, the key is forgotten there once Probe finds Redis back, so a
// success during an outage (a sign-in) still clears the failures counted
// before it.
func (r *Redis) Reset(ctx context.Context, key string) error {
	_ = r.local.Reset(ctx, key)
	if !r.up.Load() {
		r.mu.Lock()
		if len(r.resets) < maxResets {
			r.resets[key] = struct{}{}
		}
		r.mu.Unlock()
		return nil
	}
	cctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	if err := r.client.Del(cctx, r.key(key)).Err(); err != nil {
		r.failed(ctx, fmt.Errorf("limit: redis reset %s: %w", key, err))
	}
	return nil
}

// failed marks the store down after err, warning when it was up; a
// failure because the caller gave up (its context ended) says nothing of
// Redis and changes nothing.
func (r *Redis) failed(ctx context.Context, err error) {
	if ctx.Err() != nil {
		return
	}
	if r.up.CompareAndSwap(true, false) {
		r.log.Warn("redis unreachable or slow: rate limits and throttles hold per process, invalidations reach this process only, until it answers again", "err", err)
	}
}

// Probe asks Redis whether it answers (a PING within the timeout) and sets
// the store's mode from the answer: shared when it does, down otherwise.
func (r *Redis) Probe(ctx context.Context) error {
	cctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	if err := r.client.Ping(cctx).Err(); err != nil {
		err = fmt.Errorf("limit: redis ping: %w", err)
		r.failed(ctx, err)
		return err
	}
	if err := r.flushResets(cctx); err != nil {
		r.failed(ctx, err)
		return err
	}
	if r.up.CompareAndSwap(false, true) {
		r.log.Info("redis answers again: rate limits and invalidations are shared")
	}
	return nil
}

// flushResets forgets in Redis the keys reset while it was down.
func (r *Redis) flushResets(ctx context.Context) error {
	r.mu.Lock()
	reset := slices.Collect(maps.Keys(r.resets))
	r.mu.Unlock()
	if len(reset) == 0 {
		return nil
	}
	keys := make([]string, len(reset))
	for i, k := range reset {
		keys[i] = r.key(k)
	}
	if err := r.client.Del(ctx, keys...).Err(); err != nil {
		return fmt.Errorf("limit: redis resets: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, k := range reset {
		delete(r.resets, k)
	}
	return nil
}

// Watch probes Redis every second while the store is down, until ctx ends;
// an ask makes it probe at once and answers with the probe's error. It has
// the signature of the server's background loops.
func (r *Redis) Watch(ctx context.Context, asks <-chan chan<- error) {
	t := time.NewTicker(probeEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case reply := <-asks:
			reply <- r.Probe(ctx)
		case <-t.C:
			if !r.up.Load() {
				_ = r.Probe(ctx)
			}
		}
	}
}

// Up reports whether the store is shared (Redis answered last).
func (r *Redis) Up() bool { return r.up.Load() }

// Fallbacks is how many checks this process answered itself because Redis
// was down.
func (r *Redis) Fallbacks() uint64 { return r.fallbacks.Load() }

// Close stops the subscription and closes the connections.
func (r *Redis) Close() error {
	var err error
	r.once.Do(func() {
		err = errors.Join(r.sub.Close(), r.client.Close())
		<-r.done
	})
	return err
}
