package tenant

import (
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/text"
)

// ValidateSettings checks the settings fields a client set, reporting each
// problem under prefix (for example "settings.").
func ValidateSettings(s Settings, prefix string, c *errs.Collector) {
	if s.Timezone != "" {
		if _, err := time.LoadLocation(s.Timezone); err != nil {
			c.Add(prefix+"timezone", "invalid_timezone", "Must be an IANA time zone such as Asia/Manila.")
		}
	}
	if s.Currency != "" && !isUpperCode(s.Currency, 3) {
		c.Add(prefix+"currency", "invalid_currency", "Must be a three-letter ISO 4217 code such as PHP.")
	}
	if s.Language != "" && text.CheckLine(c, prefix+"language", s.Language) && (len(s.Language) < 2 || len(s.Language) > 35) {
		c.Add(prefix+"language", "invalid_language", "Must be a language tag such as en or pt-BR.")
	}
	if len(s.BusinessType) > 64 {
		c.Add(prefix+"business_type", "too_long", "At most 64 characters.")
	} else {
		text.CheckLine(c, prefix+"business_type", s.BusinessType)
	}
	checkTemplates(s.StaffPositionTemplates, prefix+"staff_position_templates", c)
	checkTemplates(s.ServiceCategoryTemplates, prefix+"service_category_templates", c)
	if s.BookingAdvanceDays != nil && (*s.BookingAdvanceDays < 0 || *s.BookingAdvanceDays > 3650) {
		c.Add(prefix+"booking_advance_days", "out_of_range", "Must be between 0 and 3650.")
	}
	if s.CancellationHours != nil && (*s.CancellationHours < 0 || *s.CancellationHours > 8760) {
		c.Add(prefix+"cancellation_hours", "out_of_range", "Must be between 0 and 8760.")
	}
	if len(s.FirebaseTenantID) > 128 {
		c.Add(prefix+"firebase_tenant_id", "too_long", "At most 128 characters.")
	} else {
		text.CheckLine(c, prefix+"firebase_tenant_id", s.FirebaseTenantID)
	}
	if s.WalletManagement != "" && s.WalletManagement != WalletCustodial && s.WalletManagement != WalletNonCustodial {
		c.Add(prefix+"wallet_management", "invalid_choice", "Must be custodial or non-custodial.")
	}
}

// The wallet management types of the pers seed.
const (
	WalletCustodial    = "custodial"
	WalletNonCustodial = "non-custodial"
)

func checkTemplates(list []string, field string, c *errs.Collector) {
	if len(list) > 100 {
		c.Add(field, "too_many", "At most 100 entries.")
		return
	}
	for _, v := range list {
		if strings.TrimSpace(v) == "" || len(v) > 100 {
			c.Add(field, "invalid_entry", "Entries must be 1 to 100 characters.")
			return
		}
		if !text.CheckLine(c, field, v) {
			return
		}
	}
}

func isUpperCode(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// NormalizeWebsite prepends https:// to a website given without a scheme.
func NormalizeWebsite(w string) string {
	w = strings.TrimSpace(w)
	if w == "" {
		return ""
	}
	lower := strings.ToLower(w)
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		return w
	}
	return "https://" + w
}

// NormalizePhone reduces a phone number to a leading + and its digits, so that
// "+1-555-987-6543" and "+1 (555) 987 6543" compare equal.
func NormalizePhone(p string) string {
	var b strings.Builder
	for i, r := range strings.TrimSpace(p) {
		if r == '+' && i == 0 {
			b.WriteRune(r)
		}
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
