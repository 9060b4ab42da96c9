package tenant

import (
	"strings"
	"testing"
)

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Bella Vista Spa":         "bella-vista-spa",
		"  Café  Crème & Co. ":    "cafe-creme-co",
		"Salon":                   "salon",
		"---":                     "",
		"A1 -- B2":                "a1-b2",
		strings.Repeat("ab ", 40): strings.TrimRight(strings.Repeat("ab-", 21), "-"),
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidSlug(t *testing.T) {
	for s, want := range map[string]bool{
		"salon": true, "salon-1": true, "a1": true, "a": false, "-a": false, "a-": false, "a--b": false,
		"Salon": false, "sa lon": false, strings.Repeat("a", 63): true, strings.Repeat("a", 64): false,
	} {
		if got := ValidSlug(s); got != want {
			t.Errorf("ValidSlug(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCandidate(t *testing.T) {
	if got := Candidate("salon", 0); got != "salon" {
		t.Errorf("Candidate 0 = %q", got)
	}
	if got := Candidate("salon", 1); got != "salon-1" {
		t.Errorf("Candidate 1 = %q", got)
	}
	long := strings.Repeat("a", 63)
	if got := Candidate(long, 12); len(got) != 63 || !strings.HasSuffix(got, "-12") {
		t.Errorf("long candidate = %q (%d)", got, len(got))
	}
	for _, r := range []string{"public", "admin", "api"} {
		if !IsReserved(r) {
			t.Errorf("%s not reserved", r)
		}
	}
}

func TestNormalize(t *testing.T) {
	if got := NormalizeWebsite("bellavista.com"); got != "https://bellavista.com" {
		t.Errorf("website = %q", got)
	}
	if got := NormalizeWebsite("HTTP://x.com"); got != "HTTP://x.com" {
		t.Errorf("website with scheme = %q", got)
	}
	if a, b := NormalizePhone("+1 (555) 987-6543"), NormalizePhone("+1-555-987-6543"); a != b || a != "+15559876543" {
		t.Errorf("phones %q %q", a, b)
	}
}

func TestSettingsDefaultsAndMerge(t *testing.T) {
	s := Settings{Timezone: "Asia/Manila"}.WithDefaults()
	if s.Timezone != "Asia/Manila" || *s.BookingAdvanceDays != 30 || *s.CancellationHours != 24 ||
		len(s.StaffPositionTemplates) != 7 || len(s.ServiceCategoryTemplates) != 18 || *s.WalletEnabled {
		t.Fatalf("defaults: %+v", s)
	}
	days := 7
	m := s.Merge(Settings{Currency: "PHP", BookingAdvanceDays: &days})
	if m.Currency != "PHP" || *m.BookingAdvanceDays != 7 || m.Timezone != "Asia/Manila" {
		t.Fatalf("merge: %+v", m)
	}
	// Defaults are copies: changing one tenant's list never changes another's.
	s.StaffPositionTemplates[0] = "changed"
	if (Settings{}).WithDefaults().StaffPositionTemplates[0] == "changed" {
		t.Fatal("default templates shared between tenants")
	}
}
