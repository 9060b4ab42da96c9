package test

import (
	"net/http"
	"testing"
)

// TestRefreshReuseVoidsAccessTokens: a reused refresh token means it was
// stolen, so every access token of its family stops working at once — the
// ones issued at login and refresh, and those exchanged from them by
// select-tenant and switch-environment — while another session of the same
// user keeps working. Logout with a refresh token ends its family's access
// tokens the same way.
func TestRefreshReuseVoidsAccessTokens(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Reuse Spa")
		tenantPath := "/api/v1/tenants/" + acc.tenantID

		t.Run("reuse", func(t *testing.T) {
			login := h.login(t, acc.email, acc.password)
			a1, r1 := login.str("access_token"), login.str("refresh_token")
			other := h.login(t, acc.email, acc.password) // an unrelated session of the same user
			s1 := h.post(t, "/api/v1/auth/select-tenant", a1, map[string]any{"tenant_id": acc.tenantID}).expect(http.StatusOK).obj().str("access_token")
			e1 := h.post(t, "/api/v1/auth/switch-environment", s1, map[string]any{"environment": "staging"}).expect(http.StatusOK).obj().str("access_token")

			o := h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": r1}).expect(http.StatusOK).obj()
			a2 := o.str("access_token")
			// Every token works and is now in the caller cache.
			for _, tok := range []string{a1, a2} {
				h.get(t, "/api/v1/me", tok).expect(http.StatusOK)
			}
			for _, tok := range []string{s1, e1} {
				h.get(t, tenantPath, tok).expect(http.StatusOK)
			}

			h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": r1}).problem(http.StatusUnauthorized, "refresh_token_reused")

			for name, tok := range map[string]string{"login": a1, "refresh": a2} {
				t.Run(name, func(t *testing.T) { h.get(t, "/api/v1/me", tok).problem(http.StatusUnauthorized, "invalid_token") })
			}
			for name, tok := range map[string]string{"select-tenant": s1, "switch-environment": e1} {
				t.Run(name, func(t *testing.T) { h.get(t, tenantPath, tok).problem(http.StatusUnauthorized, "invalid_token") })
			}
			h.get(t, "/api/v1/me", other.str("access_token")).expect(http.StatusOK)
			h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": other.str("refresh_token")}).expect(http.StatusOK)
		})

		t.Run("scoped login", func(t *testing.T) {
			login := h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": acc.password, "tenant_id": acc.tenantID}).
				expect(http.StatusOK).obj()
			a1, r1 := login.str("access_token"), login.str("refresh_token")
			a2 := h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": r1}).expect(http.StatusOK).obj().str("access_token")
			h.get(t, tenantPath, a2).expect(http.StatusOK)
			h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": r1}).problem(http.StatusUnauthorized, "refresh_token_reused")
			for _, tok := range []string{a1, a2} {
				h.get(t, tenantPath, tok).problem(http.StatusUnauthorized, "invalid_token")
			}
		})

		t.Run("logout with a refresh token", func(t *testing.T) {
			login := h.login(t, acc.email, acc.password)
			a1, r1 := login.str("access_token"), login.str("refresh_token")
			other := h.token(t, acc.email, acc.password)
			s1 := h.post(t, "/api/v1/auth/select-tenant", a1, map[string]any{"tenant_id": acc.tenantID}).expect(http.StatusOK).obj().str("access_token")
			h.get(t, tenantPath, s1).expect(http.StatusOK)
			h.post(t, "/api/v1/auth/logout", a1, map[string]any{"refresh_token": r1}).expect(http.StatusNoContent)
			h.get(t, tenantPath, s1).problem(http.StatusUnauthorized, "invalid_token")
			h.get(t, "/api/v1/me", other).expect(http.StatusOK)
		})
	})
}
