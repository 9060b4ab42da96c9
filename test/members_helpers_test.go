package test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/mailtest"
	"github.com/tenantry/tenantry/internal/store"
)

// inviteSubject starts the subject of an invitation email.
const inviteSubject = "You are invited to join "

// team is a registered business with its owner's scoped token.
type team struct {
	account
	owner   string // the owner's tenant-scoped token
	ownerID string
}

// newTeam registers a business called name and signs its owner in to it.
func (h *harness) newTeam(t testing.TB, name string) team {
	t.Helper()
	acc := h.register(t, name)
	tok := h.scoped(t, acc.email, acc.password, acc.tenantID)
	return team{account: acc, owner: tok, ownerID: claims(t, tok).str("sub")}
}

// addUser adds a user with a password through POST /api/v1/users as token
// and returns the new user's id.
func (h *harness) addUser(t testing.TB, token, email, role string, outletIDs ...string) string {
	t.Helper()
	body := map[string]any{"email": email, "first_name": "Kim", "last_name": "Reyes", "password": goodPassword, "role": role}
	if outletIDs != nil {
		body["outlet_ids"] = outletIDs
	}
	return h.post(t, "/api/v1/users", token, body).expect(http.StatusCreated).obj().str("id")
}

// teammate adds a user with role to tm's tenant and returns their id and
// tenant-scoped token.
func (h *harness) teammate(t testing.TB, tm team, email, role string) (string, string) {
	t.Helper()
	uid := h.addUser(t, tm.owner, email, role)
	return uid, h.scoped(t, email, goodPassword, tm.tenantID)
}

// memberByUser returns the member listed for userID in GET /api/v1/members?query.
func (h *harness) memberByUser(t testing.TB, token, query, userID string) (obj, bool) {
	t.Helper()
	for _, m := range h.get(t, "/api/v1/members?limit=500"+query, token).expect(http.StatusOK).list() {
		if m.str("user_id") == userID {
			return m, true
		}
	}
	return obj{}, false
}

// linkToken reads the token of the first link to path in a message.
func linkToken(t testing.TB, m mailtest.Received, path string) string {
	t.Helper()
	link := regexp.MustCompile(`https?://\S+` + regexp.QuoteMeta(path) + `\?\S+`).FindString(m.Text)
	u, err := url.Parse(link)
	if err != nil || u.Query().Get("token") == "" {
		t.Fatalf("no %s link in %q", path, m.Text)
	}
	return u.Query().Get("token")
}

// expireInvite moves one invitation's expiry a minute before the server's
// clock, as if a week had gone by for it alone: a fixture written through
// the store (TestInviteExpiry turns the clock itself).
func (h *harness) expireInvite(t testing.TB, tenantID, inviteID string) {
	t.Helper()
	past := h.clock.peek().UTC().Add(-time.Minute).Format("2006-01-02T15:04:05.000000Z")
	err := h.srv.App.DB().InTenant(context.Background(), tenantID, func(tx *store.Tx) error {
		_, err := tx.SQL().Exec(tx.Rebind(`UPDATE invites SET expires_at = ? WHERE tenant_id = ? AND id = ?`), past, tenantID, inviteID)
		return err
	})
	if err != nil {
		t.Fatalf("expire invitation: %v", err)
	}
}
