package server

import (
	"context"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/limit"
)

// openRedis makes the Redis of cfg the assembly's limit store and returns
// it. Redis not answering is no error: the store starts in memory and
// shares once Redis answers.
func openRedis(ctx context.Context, cfg *config.Config, log *slog.Logger, as *assembly) (*limit.Redis, error) {
	r, err := limit.NewRedis(ctx, limit.RedisOptions{URL: cfg.RedisURL, Prefix: cfg.RedisPrefix, Timeout: cfg.RedisTimeout, Log: log})
	if err != nil {
		return nil, err
	}
	as.limits = r
	return r, nil
}

// redisMetrics registers tenantry_redis_up and
// tenantry_redis_fallbacks_total for r.
func redisMetrics(reg prometheus.Registerer, r *limit.Redis) {
	reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "tenantry_redis_up",
			Help: "1 while this process shares its rate limits and invalidations through Redis, 0 while Redis fails and they are kept in this process."},
			func() float64 {
				if r.Up() {
					return 1
				}
				return 0
			}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "tenantry_redis_fallbacks_total",
			Help: "Rate-limit and throttle checks this process answered from its own memory because Redis failed or was slow."},
			func() float64 { return float64(r.Fallbacks()) }),
	)
}

// ProbeRedis asks the Redis probe to check Redis now, so that a Redis back
// after an outage is shared at once, and waits for its answer; nil without
// Redis.
func (s *Server) ProbeRedis(ctx context.Context) error {
	if s.redisProbe == nil {
		return nil
	}
	return s.redisProbe.now(ctx)
}
