package auth

import "github.com/golang-jwt/jwt/v5"

// Claims is the payload of an access token.
type Claims struct {
	TenantID  string   `json:"tenant_id,omitempty"`
	Role      string   `json:"role,omitempty"`
	OutletIDs []string `json:"outlet_ids,omitempty"`
	Env       string   `json:"env,omitempty"`
	AMR       []string `json:"amr,omitempty"` // RFC 8176 methods: see AMRPassword
	// SessionID is the refresh-token family (the login session) the token
	// belongs to: when the family is revoked, the token is void too.
	SessionID string `json:"sid,omitempty"`
	// Act names the platform admin acting as the subject in an impersonation
	// token (RFC 8693 actor claim); nil otherwise.
	Act *Actor `json:"act,omitempty"`
	jwt.RegisteredClaims
}

// Actor is the RFC 8693 "act" claim: who acts on behalf of the subject.
type Actor struct {
	Sub string `json:"sub"`
}
