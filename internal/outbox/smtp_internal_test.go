package outbox

import (
	"strings"
	"testing"

	gomail "github.com/wneessen/go-mail"
)

func TestNewSMTPSettings(t *testing.T) {
	const from = "Tenantry <no-reply@mail.example.com>"
	cases := []struct {
		url      string
		port     int
		implicit bool
		policy   gomail.TLSPolicy
		user     string
	}{
		{"smtp://relay.example.com", 587, false, gomail.TLSMandatory, ""},
		{"smtp://u%40x:p%3Ass@relay.example.com:2525", 2525, false, gomail.TLSMandatory, "u@x"},
		{"smtp://localhost:1025", 1025, false, gomail.TLSOpportunistic, ""},
		{"smtp://127.0.0.1:1025", 1025, false, gomail.TLSOpportunistic, ""},
		{"smtp://[::1]:1025", 1025, false, gomail.TLSOpportunistic, ""},
		{"smtp://mailpit:1025?starttls=optional", 1025, false, gomail.TLSOpportunistic, ""},
		{"smtp://127.0.0.1:1025?starttls=required", 1025, false, gomail.TLSMandatory, ""},
		{"smtps://user:pw@smtp.example.com", 465, true, 0, "user"},
	}
	for _, c := range cases {
		s, err := NewSMTP(c.url, from, nil)
		if err != nil {
			t.Errorf("%s: %v", c.url, err)
			continue
		}
		if s.port != c.port || s.implicitTLS != c.implicit || (!c.implicit && s.policy != c.policy) || s.user != c.user {
			t.Errorf("%s: port %d implicit %v policy %v user %q", c.url, s.port, s.implicitTLS, s.policy, s.user)
		}
		if s.domain != "mail.example.com" || s.from.Name != "Tenantry" {
			t.Errorf("%s: sender %+v, domain %q", c.url, s.from, s.domain)
		}
	}
	if s, _ := NewSMTP("smtp://u:p%3Ass@h", from, nil); s == nil || s.pass != "p:ss" {
		t.Errorf("password not decoded: %+v", s)
	}
	for _, bad := range []struct{ url, from, want string }{
		{"http://relay.example.com", from, "scheme"},
		{"smtp://", from, "no host"},
		{"smtp://h:0", from, "port"},
		{"smtp://h:99999", from, "port"},
		{"smtp://h?starttls=never", from, "starttls"},
		{"smtp://h?tls=off", from, "unknown setting"},
		{"smtps://h?starttls=optional", from, "unknown setting"},
		{"smtp://h", "not an address", "mail from"},
		{"::", from, "smtp url"},
	} {
		if _, err := NewSMTP(bad.url, bad.from, nil); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("NewSMTP(%q, %q) = %v, want an error about %s", bad.url, bad.from, err, bad.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	if got := truncate("héllo", 2); got != "h…" { // never cuts é in half
		t.Errorf("truncate = %q", got)
	}
	if got := truncate("short", 10); got != "short" {
		t.Errorf("truncate = %q", got)
	}
}
