package tenant

import "strings"

// ValidPhone reports whether p (non-empty, already checked to be one line)
// is a phone number as a tenant's is: 6 to 20 digits once reduced by
// NormalizePhone, at most 40 characters as written.
func ValidPhone(p string) bool {
	digits := strings.TrimPrefix(NormalizePhone(p), "+")
	return len(digits) >= 6 && len(digits) <= 20 && len(p) <= 40
}
