package membership

import (
	"testing"
	"time"
)

func TestInviteStatusAt(t *testing.T) {
	at := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	later := at.Add(time.Hour)
	cases := []struct {
		name string
		inv  Invite
		want InviteStatus
	}{
		{"pending", Invite{ExpiresAt: at.Add(InviteTTL)}, InvitePending},
		{"expires exactly now", Invite{ExpiresAt: at}, InviteExpired},
		{"expired", Invite{ExpiresAt: at.Add(-time.Second)}, InviteExpired},
		{"accepted, then expired", Invite{ExpiresAt: at.Add(-time.Second), AcceptedAt: &later}, InviteAccepted},
		{"revoked", Invite{ExpiresAt: at.Add(InviteTTL), RevokedAt: &later}, InviteRevoked},
	}
	for _, c := range cases {
		if got := c.inv.StatusAt(at); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
		if !ValidInviteStatus(c.want) {
			t.Errorf("%s not valid", c.want)
		}
	}
	if ValidInviteStatus("open") {
		t.Error("unknown status valid")
	}
}
