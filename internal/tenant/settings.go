package tenant

import "slices"

// Settings are a tenant's preferences. Zero values are filled from Defaults.
type Settings struct {
	Timezone                 string
	Currency                 string
	Language                 string
	BusinessType             string
	StaffPositionTemplates   []string
	ServiceCategoryTemplates []string
	BookingAdvanceDays       *int
	CancellationHours        *int
	WalletEnabled            *bool
	LoyaltyPointsEnabled     *bool
	// The pers seed's project settings (docs/compat-pers.md): its Firebase
	// tenant id, whether its users may get a JWT without signing in, and
	// how its wallets are managed (custodial, the default, or non-custodial).
	FirebaseTenantID           string
	AllowJWTForUnauthenticated *bool
	WalletManagement           string
}

// DefaultStaffPositions are the position templates used when a tenant sets none.
var defaultStaffPositions = []string{
	"Service Provider", "Senior Provider", "Specialist", "Manager", "Receptionist", "Assistant", "Trainee",
}

// defaultServiceCategories are the category templates used when a tenant sets none.
var defaultServiceCategories = []string{
	"hair_cut", "hair_color", "hair_treatment", "hair_styling", "facial", "makeup", "eyebrows",
	"eyelashes", "manicure", "pedicure", "nail_art", "massage", "body_treatment", "waxing", "spa",
	"therapy", "consultation", "other",
}

func ptr[T any](v T) *T { return &v }

// WithDefaults returns s with every unset field filled from the seed's defaults.
func (s Settings) WithDefaults() Settings {
	if s.Timezone == "" {
		s.Timezone = "UTC"
	}
	if s.Currency == "" {
		s.Currency = "USD"
	}
	if s.Language == "" {
		s.Language = "en"
	}
	if s.BusinessType == "" {
		s.BusinessType = "other"
	}
	if len(s.StaffPositionTemplates) == 0 {
		s.StaffPositionTemplates = slices.Clone(defaultStaffPositions)
	}
	if len(s.ServiceCategoryTemplates) == 0 {
		s.ServiceCategoryTemplates = slices.Clone(defaultServiceCategories)
	}
	if s.BookingAdvanceDays == nil {
		s.BookingAdvanceDays = ptr(30)
	}
	if s.CancellationHours == nil {
		s.CancellationHours = ptr(24)
	}
	if s.WalletEnabled == nil {
		s.WalletEnabled = ptr(false)
	}
	if s.LoyaltyPointsEnabled == nil {
		s.LoyaltyPointsEnabled = ptr(false)
	}
	return s
}

// Merge returns s with every field set in patch replacing its own.
func (s Settings) Merge(patch Settings) Settings {
	if patch.Timezone != "" {
		s.Timezone = patch.Timezone
	}
	if patch.Currency != "" {
		s.Currency = patch.Currency
	}
	if patch.Language != "" {
		s.Language = patch.Language
	}
	if patch.BusinessType != "" {
		s.BusinessType = patch.BusinessType
	}
	if patch.StaffPositionTemplates != nil {
		s.StaffPositionTemplates = patch.StaffPositionTemplates
	}
	if patch.ServiceCategoryTemplates != nil {
		s.ServiceCategoryTemplates = patch.ServiceCategoryTemplates
	}
	if patch.BookingAdvanceDays != nil {
		s.BookingAdvanceDays = patch.BookingAdvanceDays
	}
	if patch.CancellationHours != nil {
		s.CancellationHours = patch.CancellationHours
	}
	if patch.WalletEnabled != nil {
		s.WalletEnabled = patch.WalletEnabled
	}
	if patch.LoyaltyPointsEnabled != nil {
		s.LoyaltyPointsEnabled = patch.LoyaltyPointsEnabled
	}
	if patch.FirebaseTenantID != "" {
		s.FirebaseTenantID = patch.FirebaseTenantID
	}
	if patch.AllowJWTForUnauthenticated != nil {
		s.AllowJWTForUnauthenticated = patch.AllowJWTForUnauthenticated
	}
	if patch.WalletManagement != "" {
		s.WalletManagement = patch.WalletManagement
	}
	return s
}
