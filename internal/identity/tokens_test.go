package identity

import "testing"

func TestNewOTPCode(t *testing.T) {
	seen := map[string]bool{}
	digits := map[byte]int{}
	for i := 0; i < 2000; i++ {
		c, err := NewOTPCode()
		if err != nil {
			t.Fatal(err)
		}
		if !ValidOTPCode(c) {
			t.Fatalf("code %q is not %d digits", c, OTPDigits)
		}
		seen[c] = true
		for j := 0; j < len(c); j++ {
			digits[c[j]]++
		}
	}
	// 2000 draws from a million: a handful of repeats at most, and every
	// digit turns up in every position's mix.
	if len(seen) < 1990 || len(digits) != 10 {
		t.Fatalf("%d distinct codes of 2000, digits %v", len(seen), digits)
	}
	for _, bad := range []string{"", "12345", "1234567", "12a456", "12 456", "１２３４５６"} {
		if ValidOTPCode(bad) {
			t.Errorf("ValidOTPCode(%q) = true", bad)
		}
	}
}
