package auth

import "time"

// RefreshToken is a stored refresh token. Tokens of one login form a family;
// each use rotates to a new token of the same family, and presenting a used
// token again revokes the whole family.
type RefreshToken struct {
	ID        string
	FamilyID  string
	UserID    string
	TenantID  string // "" for a global session
	Env       string
	AMR       []string // how the session was established, carried into refreshed access tokens
	Hash      string
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}
