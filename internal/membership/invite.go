package membership

import "time"

// InviteTTL is how long an invitation can be accepted.
const InviteTTL = 7 * 24 * time.Hour

// InviteStatus is where an invitation stands.
type InviteStatus string

// Invitation states. Only a pending invitation can be accepted or revoked.
const (
	InvitePending  InviteStatus = "pending"
	InviteAccepted InviteStatus = "accepted"
	InviteRevoked  InviteStatus = "revoked"
	InviteExpired  InviteStatus = "expired"
)

// ValidInviteStatus reports whether s is a known invitation state.
func ValidInviteStatus(s InviteStatus) bool {
	switch s {
	case InvitePending, InviteAccepted, InviteRevoked, InviteExpired:
		return true
	}
	return false
}

// Invite asks someone, by email, to join a tenant with a role. Its token is
// single use and kept only as a hash.
type Invite struct {
	TenantID   string
	ID         string
	Email      string // normalized
	Role       Role
	OutletIDs  []string
	Hash       string // SHA-256 of the token sent by email
	InvitedBy  string // user id of whoever sent it
	ExpiresAt  time.Time
	AcceptedAt *time.Time
	AcceptedBy string // user id of whoever accepted it
	RevokedAt  *time.Time
	CreatedAt  time.Time
}

// StatusAt returns the invitation's state at now.
func (i *Invite) StatusAt(now time.Time) InviteStatus {
	switch {
	case i.AcceptedAt != nil:
		return InviteAccepted
	case i.RevokedAt != nil:
		return InviteRevoked
	case !now.Before(i.ExpiresAt):
		return InviteExpired
	}
	return InvitePending
}
