package auth

import (
	"slices"
	"testing"
	"time"
)

func TestAllowsAndCanLogIn(t *testing.T) {
	e := Effective{EmailPasswordEnabled: true, PasswordlessEnabled: true, Providers: []Provider{},
		FirstFactors: []string{FactorEmailPassword, FactorOTPEmail}, RequiredSecondaryFactors: []string{},
		AccessTokenValidity: time.Minute, RefreshTokenValidity: time.Hour}
	tests := []struct {
		name   string
		change func(*Effective)
		method string
		want   bool
	}{
		{"password by default", func(*Effective) {}, FactorEmailPassword, true},
		{"otp by default", func(*Effective) {}, FactorOTPEmail, true},
		{"password off", func(e *Effective) { e.EmailPasswordEnabled = false }, FactorEmailPassword, false},
		{"password not a first factor", func(e *Effective) { e.FirstFactors = []string{FactorOTPEmail} }, FactorEmailPassword, false},
		{"third party without providers", func(e *Effective) {
			e.ThirdPartyEnabled, e.FirstFactors = true, []string{FactorThirdParty}
		}, FactorThirdParty, false},
		{"third party with a provider", func(e *Effective) {
			e.ThirdPartyEnabled, e.FirstFactors, e.Providers = true, []string{FactorThirdParty}, []Provider{{ID: "google"}}
		}, FactorThirdParty, true},
		{"unknown method", func(*Effective) {}, "", false},
		{"totp is no first factor", func(e *Effective) { e.FirstFactors = append(e.FirstFactors, FactorTOTP) }, FactorTOTP, false},
	}
	for _, tt := range tests {
		c := e
		c.FirstFactors = slices.Clone(e.FirstFactors)
		tt.change(&c)
		if got := c.Allows(tt.method); got != tt.want {
			t.Errorf("%s: Allows(%q) = %v, want %v", tt.name, tt.method, got, tt.want)
		}
	}
	onlyThirdParty := e
	onlyThirdParty.ThirdPartyEnabled, onlyThirdParty.Providers = true, []Provider{{ID: "google"}}
	onlyThirdParty.FirstFactors = []string{FactorThirdParty}
	if onlyThirdParty.CanLogIn() || !e.CanLogIn() {
		t.Error("CanLogIn must count email/password and email OTP only")
	}
}

func TestAMR(t *testing.T) {
	if AMRFor(FactorEmailPassword) != "pwd" || AMRFor(FactorOTPEmail) != "otp" || AMRFor(FactorThirdParty) != "" {
		t.Fatal("AMRFor")
	}
	if FirstFactorOf([]string{"pwd", "mfa"}) != FactorEmailPassword || FirstFactorOf([]string{"otp"}) != FactorOTPEmail ||
		FirstFactorOf(nil) != "" || !HasMFA([]string{"otp", "mfa"}) || HasMFA([]string{"pwd"}) {
		t.Fatal("FirstFactorOf / HasMFA")
	}
}

func TestRecoveryCodes(t *testing.T) {
	plain, hashes, err := NewRecoveryCodes(RecoveryCodeCount)
	if err != nil || len(plain) != RecoveryCodeCount || len(hashes) != RecoveryCodeCount {
		t.Fatalf("%v %v %v", plain, hashes, err)
	}
	seen := map[string]bool{}
	for i, p := range plain {
		if len(p) != 11 || p[5] != '-' || seen[p] || hashes[i] != HashRecoveryCode(p) || hashes[i] == p {
			t.Fatalf("code %q hash %q", p, hashes[i])
		}
		seen[p] = true
	}
	typed := " " + plain[0][:5] + " " + plain[0][6:] + " "
	if HashRecoveryCode(typed) != hashes[0] || HashRecoveryCode(plain[0]) == HashRecoveryCode(plain[1]) {
		t.Fatal("typed variants must hash alike, different codes differently")
	}
}

func TestChallengeLive(t *testing.T) {
	now := time.Now()
	c := MFAChallenge{ExpiresAt: now.Add(time.Minute)}
	if !c.Live(now) {
		t.Fatal("fresh challenge not live")
	}
	for name, d := range map[string]MFAChallenge{
		"expired":     {ExpiresAt: now},
		"used":        {ExpiresAt: now.Add(time.Minute), UsedAt: &now},
		"no attempts": {ExpiresAt: now.Add(time.Minute), Attempts: MFAMaxAttempts},
	} {
		if d.Live(now) {
			t.Errorf("%s challenge is live", name)
		}
	}
}
