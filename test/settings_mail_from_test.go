package test

import (
	"net/http"
	"net/mail"
	"testing"

	"github.com/tenantry/tenantry/internal/mailtest"
)

// TestMailFromName: mail sent on a tenant's behalf carries its
// mail.from_name as the sender's display name, with the server's own
// address; without it the configured sender is unchanged.
func TestMailFromName(t *testing.T) {
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		tm := h.newTeam(t, "Sender Spa")
		user := func(email string) *mail.Address {
			h.post(t, "/api/v1/users", tm.owner, map[string]any{"email": email, "first_name": "N", "last_name": "P",
				"role": "receptionist"}).expect(http.StatusCreated)
			m := nthMail(t, srv, email, "Your account at Sender Spa", 1)
			a, err := mail.ParseAddress(m.Header.Get("From"))
			if err != nil {
				t.Fatalf("From %q: %v", m.Header.Get("From"), err)
			}
			return a
		}
		before := user("before@example.com")
		if before.Name == "Acme Spa" {
			t.Fatalf("display name before the setting: %+v", before)
		}
		h.put(t, "/api/v1/configs/mail.from_name", tm.owner, map[string]any{"value": "Acme Spa"}).expect(http.StatusOK)
		after := user("after@example.com")
		if after.Name != "Acme Spa" || after.Address != before.Address {
			t.Fatalf("From after mail.from_name: %+v (before %+v)", after, before)
		}
		h.put(t, "/api/v1/configs/mail.from_name", tm.owner, map[string]any{"value": "Evil\r\nBcc: x@example.com"}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
	})
}
