// Package identity describes users (global identities that may belong to many
// tenants), the password policy and password hashing.
package identity

import (
	"net/mail"
	"strings"
	"time"
)

// User is a global identity.
type User struct {
	ID              string
	Email           string // stored lower-cased
	PasswordHash    string
	FirstName       string
	LastName        string
	Phone           string
	IsPlatformAdmin bool
	IsActive        bool
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// NormalizeEmail trims and lower-cases an email address for storage and lookup.
func NormalizeEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// ValidEmail reports whether e is a plain addr-spec such as jane@example.com.
func ValidEmail(e string) bool {
	if len(e) > 254 || strings.ContainsAny(e, " <>\"") {
		return false
	}
	a, err := mail.ParseAddress(e)
	return err == nil && a.Address == e && strings.Contains(e[strings.LastIndexByte(e, '@'):], ".")
}
