package mail

import (
	"strings"
	"testing"
	"time"
)

func TestAccountSetup(t *testing.T) {
	link := Link("https://app.example.com", "/reset-password", "token", "prt_x")
	subject, text := AccountSetup("kim@example.com", "Bella Vista Spa", link, 7*24*time.Hour)
	for _, w := range []string{"Your account at Bella Vista Spa", "kim@example.com", link, "7 days", "choose your password"} {
		if !strings.Contains(subject+"\n"+text, w) {
			t.Errorf("account setup message lacks %q: %s\n%s", w, subject, text)
		}
	}
	if strings.ContainsAny(subject, "\r\n") {
		t.Errorf("subject spans lines: %q", subject)
	}
}
