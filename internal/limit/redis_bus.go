package limit

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// channel is the Redis channel that carries every topic's broadcasts, as
// "<origin> <topic>".
func (r *Redis) channel() string { return r.prefix + "invalidate" }

// Publish implements Store: this process's subscribers run first, then
// the broadcast goes to the other processes through Redis. While Redis is
// down it reaches this process only, and Publish still succeeds: the other
// processes' caches expire on their own, and the store has warned.
func (r *Redis) Publish(ctx context.Context, topic string) error {
	_ = r.local.Publish(ctx, topic)
	if !r.up.Load() {
		return nil
	}
	cctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	if err := r.client.Publish(cctx, r.channel(), r.id+" "+topic).Err(); err != nil {
		r.failed(ctx, fmt.Errorf("limit: redis publish %s: %w", topic, err))
	}
	return nil
}

// Subscribe implements Store: fn runs on this process's broadcasts of
// topic and on those other processes send through Redis.
func (r *Redis) Subscribe(topic string, fn func()) (cancel func()) {
	return r.local.Subscribe(topic, fn)
}

// subscribeWait is how long NewRedis waits for Redis, once it answered a
// ping, to confirm the subscription.
const subscribeWait = 2 * time.Second

// subscribe subscribes to the channel and starts listen. When Redis is up
// it waits for the confirmation, so a broadcast sent after NewRedis returns
// is heard; otherwise go-redis keeps trying in the background.
func (r *Redis) subscribe(ctx context.Context) {
	r.sub = r.client.Subscribe(ctx, r.channel())
	if r.up.Load() {
		cctx, cancel := context.WithTimeout(ctx, subscribeWait)
		_, _ = r.sub.Receive(cctx)
		cancel()
	}
	go r.listen(r.sub.ChannelWithSubscriptions())
}

// listen hands other processes' broadcasts to this process's subscribers
// until the subscription is closed. A confirmation in the channel is a
// subscription renewed after a lost connection, when broadcasts may have
// been missed: every topic is then broadcast here, so no cache keeps what
// another process changed meanwhile.
func (r *Redis) listen(ch <-chan any) {
	defer close(r.done)
	for m := range ch {
		switch m := m.(type) {
		case *redis.Subscription:
			if m.Kind == "subscribe" {
				r.renewals.Add(1)
				r.local.publishAll()
			}
		case *redis.Message:
			if origin, topic, ok := strings.Cut(m.Payload, " "); ok && origin != r.id {
				_ = r.local.Publish(context.Background(), topic)
			}
		}
	}
}
