// Package identity describes users (global identities that may belong to many
// tenants), the password policy and password hashing.
package identity

import (
	"net/mail"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/text"
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

// NormalizeEmail trims, lower-cases and brings to NFC an email address for
// storage and lookup.
func NormalizeEmail(e string) string { return strings.ToLower(strings.TrimSpace(text.Normalize(e))) }

// ValidEmail reports whether e is a plain addr-spec such as jane@example.com,
// on one line (text.SingleLine).
func ValidEmail(e string) bool {
	if len(e) > 254 || strings.ContainsAny(e, " <>\"") || !text.SingleLine(e) {
		return false
	}
	a, err := mail.ParseAddress(e)
	return err == nil && a.Address == e && strings.Contains(e[strings.LastIndexByte(e, '@'):], ".")
}
