package auth

import "time"

// A login token is the pers seed's "extra login requirement": a tenant
// whose auth.login_token_required is on takes a sign-in (password, email
// code, tenant selection) only with a fresh one, minted by its own key
// holders — the project's backend, vouching for the sign-in it is about to
// start — so credentials tried from anywhere else are refused before they
// are checked. A token is opaque ("ltk_" and 256 random bits), stored as
// its SHA-256 only, lives LoginTokenTTL and is spent by the first sign-in
// attempt that presents it, whatever that attempt's outcome.
const (
	LoginTokenPrefix = "ltk_"
	LoginTokenTTL    = 5 * time.Minute
)

// LoginToken is one minted token, as stored.
type LoginToken struct {
	TenantID  string
	ID        string
	Hash      string // HashOpaque of the token
	IssuedBy  string // the API key or user that minted it
	CreatedAt time.Time
	ExpiresAt time.Time
}
