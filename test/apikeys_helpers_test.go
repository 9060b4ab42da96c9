package test

import (
	"net/http"
	"testing"
)

// withKey sends a request authenticated by an API key (X-API-Key) alone.
func (h *harness) withKey(t testing.TB, method, path, key string, body any) *response {
	t.Helper()
	return h.do(t, method, path, req{body: body, header: map[string]string{"X-API-Key": key}})
}

// createKey creates an API key with the tenant-scoped token, expecting 201,
// and returns the answer (which holds the secret as "key").
func (h *harness) createKey(t testing.TB, token, name, env string, scopes ...string) obj {
	t.Helper()
	body := map[string]any{"name": name, "environment": env}
	if len(scopes) > 0 {
		body["scopes"] = scopes
	}
	return h.post(t, "/api/v1/api-keys", token, body).expect(http.StatusCreated).obj()
}

// keyOwner registers a business called name and returns its account and
// its owner's tenant-scoped token.
func (h *harness) keyOwner(t testing.TB, name string) (account, string) {
	t.Helper()
	acc := h.register(t, name)
	return acc, h.scoped(t, acc.email, acc.password, acc.tenantID)
}

// listedKey returns the entry of keyID in the tenant's key listing.
func (h *harness) listedKey(t testing.TB, token, keyID string) obj {
	t.Helper()
	for _, k := range h.get(t, "/api/v1/api-keys", token).expect(http.StatusOK).list() {
		if k.str("id") == keyID {
			return k
		}
	}
	t.Fatalf("key %s not listed", keyID)
	return obj{}
}
