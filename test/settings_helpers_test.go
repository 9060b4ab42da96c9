package test

import (
	"net/http"
	"testing"
)

// flatConfigs returns the merged configuration of token's tenant as one
// object of key → value.
func (h *harness) flatConfigs(t testing.TB, token string) obj {
	t.Helper()
	return h.get(t, "/api/v1/configs?format=flat", token).expect(http.StatusOK).obj()
}

// configEntry finds key in the trueport tree of token's tenant.
func (h *harness) configEntry(t testing.TB, token, key string) obj {
	t.Helper()
	tree := h.get(t, "/api/v1/configs", token).expect(http.StatusOK).obj()
	for _, r := range tree.objs("resources") {
		for _, g := range r.objs("config_groups") {
			for _, s := range g.objs("sections") {
				for _, c := range s.objs("configs") {
					if c.str("key") == key {
						return c
					}
				}
			}
		}
	}
	t.Fatalf("key %s not in the tree: %s", key, tree)
	return obj{}
}

// adminConfig sets a platform admin's value and expects 200.
func (h *harness) adminConfig(t testing.TB, key string, body map[string]any) obj {
	t.Helper()
	return h.put(t, "/api/v1/admin/configs/"+key, h.admin(t), body).expect(http.StatusOK).obj()
}
