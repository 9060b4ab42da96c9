package test

import (
	"net/http"
	"testing"
)

// TestSigningKeyRotation: after a rotation new tokens carry the new kid,
// tokens of the previous key keep working until they expire, and the JWKS
// lists both keys.
func TestSigningKeyRotation(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Rotation Spa")
		before := h.scoped(t, acc.email, acc.password, acc.tenantID)
		oldHeader, _, _, _ := jwtParts(t, before)
		oldKid := oldHeader.str("kid")

		newKid, err := h.srv.App.RotateSigningKey(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if newKid == oldKid || newKid == "" {
			t.Fatalf("rotation returned kid %q (old %q)", newKid, oldKid)
		}
		after := h.scoped(t, acc.email, acc.password, acc.tenantID)
		if hdr, _, _, _ := jwtParts(t, after); hdr.str("kid") != newKid {
			t.Fatalf("new token signed by %q, want %q", hdr.str("kid"), newKid)
		}
		for _, tok := range []string{before, after} {
			h.get(t, "/api/v1/tenants/"+acc.tenantID, tok).expect(http.StatusOK)
		}
		var kids []string
		for _, k := range h.get(t, "/.well-known/jwks.json", "").expect(http.StatusOK).obj().objs("keys") {
			kids = append(kids, k.str("kid"))
		}
		if len(kids) != 2 || kids[0] != newKid || kids[1] != oldKid {
			t.Fatalf("JWKS kids %v, want [%s %s]", kids, newKid, oldKid)
		}
	})
}
