package api

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/tenantry/tenantry/internal/auth"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	return writeJSON(w, http.StatusOK, Health{Status: "ok"})
}

// readyz reports ready only when the database answers.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.app.DB().Ping(ctx); err != nil {
		s.log.WarnContext(ctx, "readiness check failed", "err", err)
		return writeJSON(w, http.StatusServiceUnavailable, Health{Status: "unavailable", Database: "unreachable", Redis: s.redisMode()})
	}
	return writeJSON(w, http.StatusOK, Health{Status: "ok", Database: s.app.DB().Engine(), Redis: s.redisMode()})
}

// redisMode is the Redis field of the readiness answer.
func (s *Server) redisMode() string {
	switch {
	case s.opt.RedisUp == nil:
		return ""
	case s.opt.RedisUp():
		return "shared"
	}
	return "local"
}

func (s *Server) metricsHandler() func(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	h := promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{})
	return func(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
		h.ServeHTTP(w, r)
		return nil
	}
}
