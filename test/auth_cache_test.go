package test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/store"
)

// TestCallerCacheTTL: a resolved caller is cached for 2 seconds of the
// server's clock, so a change made by another process (here a second handle
// on the database ending the user's sessions) takes effect in this one when
// the entry expires. Changes made through this process clear its cache at
// once (the logout and deactivation scenarios).
func TestCallerCacheTTL(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Cache Spa")
		tok := h.token(t, acc.email, acc.password)
		h.get(t, "/api/v1/me", tok).expect(http.StatusOK) // resolves the caller and caches it
		ctx, db := context.Background(), outbox(t, h.cfg)
		err := db.InSystem(ctx, func(tx *store.Tx) error {
			return tx.RevokeUserSessions(ctx, claims(t, tok).str("sub"), "", h.clock.now())
		})
		if err != nil {
			t.Fatal(err)
		}
		h.clock.advance(2*time.Second - 10*time.Millisecond)
		h.get(t, "/api/v1/me", tok).expect(http.StatusOK) // still the cached caller
		h.clock.advance(10 * time.Millisecond)
		h.get(t, "/api/v1/me", tok).problem(http.StatusUnauthorized, "invalid_token")
	})
}
