package booking

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/text"
)

// Staff is a service provider's profile, optionally linked to a user who is
// a member of the tenant. It works at the outlets of OutletIDs, each with
// its weekly availability there, and provides the services of ServiceIDs.
type Staff struct {
	TenantID     string
	ID           string
	Name         string
	Email        string // normalized (identity.NormalizeEmail); "" when not given
	Phone        string
	UserID       string // "" when not linked to a user
	Position     string // free text; the tenant's staff_position_templates only suggest
	OutletIDs    []string
	ServiceIDs   []string
	Skills       []string
	CommissionBP int // commission in basis points: 1250 is 12.5 %
	// Availability holds, per outlet of OutletIDs, the weekly hours the
	// staff member works there, in that outlet's time zone. An outlet
	// without an entry has none set.
	Availability map[string]outlet.Hours
	Active       bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Limits of a staff member's fields.
const (
	MaxPosition   = 100
	MaxSkills     = 50
	MaxSkill      = 100
	MaxCommission = 10_000 // basis points: 100 %
)

// Validate checks every field of s, reporting each problem to c: its text,
// skills, commission and availability (keys among OutletIDs, each week
// valid as business hours are). Whether the references exist, and whether
// the availability lies inside each outlet's hours (WithinHours), is the
// caller's to check.
func (s *Staff) Validate(c *errs.Collector) {
	checkName(c, s.Name)
	if s.Email != "" && text.CheckLine(c, "email", s.Email) && !identity.ValidEmail(s.Email) {
		c.Add("email", "invalid_email", "Must be an email address such as name@example.com.")
	}
	if s.Phone != "" && text.CheckLine(c, "phone", s.Phone) && !outlet.ValidPhone(s.Phone) {
		c.Add("phone", "invalid_phone", "Must be a phone number such as +63-2-555-0101.")
	}
	checkText(c, "position", s.Position, MaxPosition)
	c.Check(len(s.OutletIDs) > MaxOutlets, "outlet_ids", "too_many", fmt.Sprintf("At most %d outlets.", MaxOutlets))
	c.Check(len(s.ServiceIDs) > MaxServiceRefs, "service_ids", "too_many", fmt.Sprintf("At most %d services.", MaxServiceRefs))
	s.validateSkills(c)
	c.Check(s.CommissionBP < 0 || s.CommissionBP > MaxCommission, "commission_rate", "out_of_range",
		"Must be a percentage between 0 and 100.")
	for _, outletID := range sortedKeys(s.Availability) {
		field := "availability." + outletID
		if !contains(s.OutletIDs, outletID) {
			c.Add(field, "outlet_not_assigned", "Availability is set only for the staff member's own outlet_ids.")
			continue
		}
		s.Availability[outletID].Validate(field, c)
	}
}

func (s *Staff) validateSkills(c *errs.Collector) {
	if len(s.Skills) > MaxSkills {
		c.Add("skills", "too_many", fmt.Sprintf("At most %d skills.", MaxSkills))
		return
	}
	seen := map[string]bool{}
	for i, sk := range s.Skills {
		field := fmt.Sprintf("skills[%d]", i)
		k := strings.ToLower(sk)
		switch {
		case strings.TrimSpace(sk) == "":
			c.Add(field, "required", "A skill must not be empty.")
		case utf8.RuneCountInString(sk) > MaxSkill:
			c.Add(field, "too_long", fmt.Sprintf("At most %d characters.", MaxSkill))
		case seen[k]:
			c.Add(field, "duplicate", "Each skill once.")
		default:
			text.CheckLine(c, field, sk)
		}
		seen[k] = true
	}
}

// CommissionBP turns a commission rate in percent (up to two decimals, as
// the API takes it) into basis points; ok is false when the rate has more
// precision than that or is not a finite number in range of an int.
func CommissionBP(percent float64) (bp int, ok bool) {
	scaled := percent * 100
	if math.IsNaN(scaled) || math.IsInf(scaled, 0) || math.Abs(scaled) > 1e9 {
		return 0, false
	}
	r := math.Round(scaled)
	return int(r), math.Abs(scaled-r) < 1e-6
}

// CommissionPercent is bp in percent.
func CommissionPercent(bp int) float64 { return float64(bp) / 100 }

// WorksAt reports whether s works at outletID.
func (s *Staff) WorksAt(outletID string) bool { return contains(s.OutletIDs, outletID) }

// sortedKeys returns the keys of m in order, so problems are reported stably.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
