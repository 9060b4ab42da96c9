package test

import (
	"log/slog"
	"net/http"
	"slices"
	"testing"

	"github.com/tenantry/tenantry/internal/server"
)

// TestSigningKeyRotationReachesRunningServers: two servers run on one
// database (the same SQLite file, the same PostgreSQL database) and the key
// is rotated the way `tenantry admin rotate-signing-key` does it, by another
// process opening the app with the same settings. Once each server has
// polled the keys table (driven here through Server.PollKeys, which asks the
// server's own poller and waits for its answer, instead of waiting for its
// ticker), both publish both keys, sign new tokens with the new one, accept
// each other's new tokens, and still accept a token of the old key.
func TestSigningKeyRotationReachesRunningServers(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h1 *harness) {
		h2 := serve(t, h1.engine, h1.cfg, h1.clock).harness // a second server on the same database and clock
		acc := h1.register(t, "Rotation Poll Spa")
		tenantPath := "/api/v1/tenants/" + acc.tenantID
		before := h1.scoped(t, acc.email, acc.password, acc.tenantID)
		oldKid := kidOf(t, before)
		for _, h := range []*harness{h1, h2} {
			if got := jwksKids(t, h); !slices.Equal(got, []string{oldKid}) {
				t.Fatalf("JWKS before rotation: %v, want [%s]", got, oldKid)
			}
		}

		cfg := h1.cfg
		a, err := server.OpenApp(t.Context(), &cfg, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatalf("open app as the command does: %v", err)
		}
		newKid, err := a.RotateSigningKey(t.Context())
		if cerr := a.DB().Close(); cerr != nil {
			t.Errorf("close: %v", cerr)
		}
		if err != nil || newKid == "" || newKid == oldKid {
			t.Fatalf("rotate: kid %q (old %q): %v", newKid, oldKid, err)
		}

		for _, h := range []*harness{h1, h2} {
			if err := h.srv.PollKeys(t.Context()); err != nil {
				t.Fatalf("poll keys: %v", err)
			}
		}
		var issued []string
		for i, h := range []*harness{h1, h2} {
			if got := jwksKids(t, h); !slices.Equal(got, []string{newKid, oldKid}) {
				t.Errorf("server %d JWKS after rotation: %v, want [%s %s]", i+1, got, newKid, oldKid)
			}
			tok := h.scoped(t, acc.email, acc.password, acc.tenantID)
			if kid := kidOf(t, tok); kid != newKid {
				t.Errorf("server %d signs with %q after rotation, want %q", i+1, kid, newKid)
			}
			issued = append(issued, tok)
		}
		for _, h := range []*harness{h1, h2} {
			for _, tok := range append([]string{before}, issued...) {
				h.get(t, tenantPath, tok).expect(http.StatusOK)
			}
		}
	})
}

// kidOf returns the key id in a token's header.
func kidOf(t *testing.T, tok string) string {
	t.Helper()
	hdr, _, _, _ := jwtParts(t, tok)
	return hdr.str("kid")
}

// jwksKids returns the key ids a server publishes, in order.
func jwksKids(t *testing.T, h *harness) []string {
	t.Helper()
	var kids []string
	for _, k := range h.get(t, "/.well-known/jwks.json", "").expect(http.StatusOK).obj().objs("keys") {
		kids = append(kids, k.str("kid"))
	}
	return kids
}
