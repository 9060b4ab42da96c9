package config

import (
	"fmt"
	"net/url"
)

// validateRedis checks the Redis settings: a redis://, rediss:// or
// unix:// URL when one is set, and a prefix.
func (c *Config) validateRedis() error {
	if c.RedisURL == "" {
		return nil
	}
	u, err := url.Parse(c.RedisURL)
	if err != nil || u.Scheme != "redis" && u.Scheme != "rediss" && u.Scheme != "unix" || u.Scheme != "unix" && u.Host == "" {
		return fmt.Errorf("config: TENANTRY_REDIS_URL must be a redis://host:port, rediss://host:port or unix:///path URL (leave it unset to keep limits in each process)")
	}
	if c.RedisPrefix == "" {
		return fmt.Errorf("config: redis-prefix must not be empty with TENANTRY_REDIS_URL")
	}
	return nil
}

// redis describes the Redis settings for Print, the password masked.
func (c *Config) redis() string {
	if c.RedisURL == "" {
		return "(none: limits and invalidations in this process)"
	}
	u, err := url.Parse(c.RedisURL)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted() + " prefix " + c.RedisPrefix + " timeout " + c.RedisTimeout.String()
}
