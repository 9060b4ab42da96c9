package mail

import (
	"strings"
	"testing"
	"time"
)

func TestTemplates(t *testing.T) {
	link := Link("https://app.example.com/", "/reset-password", "token", "a+b/c=")
	if link != "https://app.example.com/reset-password?token=a%2Bb%2Fc%3D" {
		t.Fatalf("Link = %q", link)
	}
	cases := []struct {
		name string
		msg  subjectText
		want []string
	}{
		{"welcome", pair(Welcome("maria@example.com", "Maria", "Bella Vista Spa", "https://app.example.com")),
			[]string{"Welcome to Bella Vista Spa", "Hello Maria,", "maria@example.com", "https://app.example.com"}},
		{"welcome without a name", pair(Welcome("x@example.com", " ", "Acme", "https://a")), []string{"Hello there,"}},
		{"otp", pair(OTP("ana@example.com", "493021", 10*time.Minute)),
			[]string{"Your sign-in code: 493021", "\n  493021\n", "10 minutes", "ana@example.com"}},
		{"reset", pair(Reset("ana@example.com", link, time.Hour)),
			[]string{"Reset your password", link, "1 hour", "ana@example.com"}},
		{"invite", pair(Invite("bo@example.com", "Acme", "https://a/invite?token=x", 7*24*time.Hour)),
			[]string{"You are invited to join Acme", "https://a/invite?token=x", "7 days", "bo@example.com"}},
	}
	for _, c := range cases {
		all := c.msg.subject + "\n" + c.msg.text
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: %q lacks %q", c.name, all, w)
			}
		}
		if strings.ContainsAny(c.msg.subject, "\r\n") {
			t.Errorf("%s: subject spans lines: %q", c.name, c.msg.subject)
		}
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second: "30 seconds", time.Second: "1 second", 1500 * time.Millisecond: "2 seconds",
		time.Minute: "1 minute", 10 * time.Minute: "10 minutes", 90 * time.Minute: "90 minutes",
		time.Hour: "1 hour", 24 * time.Hour: "24 hours", 72 * time.Hour: "3 days",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

type subjectText struct{ subject, text string }

func pair(subject, text string) subjectText { return subjectText{subject, text} }
