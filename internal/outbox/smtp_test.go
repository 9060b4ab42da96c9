package outbox_test

import (
	"context"
	"crypto/tls"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/mailtest"
	"github.com/tenantry/tenantry/internal/outbox"
)

const from = "Tenantry <no-reply@mail.example.com>"

var created = time.Date(2026, 11, 29, 12, 30, 0, 0, time.UTC)

func message(to string) *mail.Message {
	subject, text := mail.OTP(to, "493021", 10*time.Minute)
	text += "Ünïcödé and a long line " + strings.Repeat("x", 120) + "\n"
	return mail.New(mail.KindOTP, "ten_1", to, "Café "+subject, text, created)
}

func newSMTP(t *testing.T, url string, c *tls.Config) *outbox.SMTP {
	t.Helper()
	s, err := outbox.NewSMTP(url, from, c)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSMTPSendsAProperMessage(t *testing.T) {
	srv := mailtest.Start(t)
	m := message("ana@example.com")
	if err := newSMTP(t, srv.URL(), nil).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := srv.WaitFor(t, "ana@example.com", 2*time.Second)
	if got.From != "no-reply@mail.example.com" || got.Subject != m.Subject || got.Text != strings.ReplaceAll(m.Text, "\r\n", "\n") {
		t.Fatalf("received %q from %q:\n%s\nwant %q:\n%s", got.Subject, got.From, got.Text, m.Subject, m.Text)
	}
	h := got.Header
	if h.Get("Message-Id") != "<"+m.ID+"@mail.example.com>" {
		t.Errorf("Message-ID = %q, want one derived from %s", h.Get("Message-Id"), m.ID)
	}
	if d, err := h.Date(); err != nil || !d.Equal(created) {
		t.Errorf("Date = %q (%v), want %v", h.Get("Date"), err, created)
	}
	if !strings.Contains(h.Get("From"), "Tenantry") || h.Get("To") != "<ana@example.com>" ||
		h.Get("Auto-Submitted") != "auto-generated" || !strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
		t.Errorf("headers: %v", h)
	}
	if got.TLS || got.User != "" {
		t.Errorf("plain server: TLS %v, user %q", got.TLS, got.User)
	}
}

func TestSMTPAuthAndSTARTTLS(t *testing.T) {
	srv := mailtest.Start(t, mailtest.WithAuth("mailer", "s3cret"), mailtest.WithSTARTTLS())
	trust := &tls.Config{RootCAs: srv.RootCAs(), MinVersion: tls.VersionTLS12}
	if err := newSMTP(t, srv.URL()+"?starttls=required", trust).Send(context.Background(), message("tls@example.com")); err != nil {
		t.Fatal(err)
	}
	if got := srv.WaitFor(t, "tls@example.com", 2*time.Second); !got.TLS || got.User != "mailer" {
		t.Fatalf("TLS %v, user %q: want STARTTLS and AUTH as mailer", got.TLS, got.User)
	}
	// An untrusted certificate is refused rather than used.
	err := newSMTP(t, srv.URL(), nil).Send(context.Background(), message("x@example.com"))
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("untrusted certificate: %v", err)
	}
	// A wrong password is an error, not a silent success.
	bad := strings.Replace(srv.URL(), "s3cret", "wrong", 1)
	if err := newSMTP(t, bad, trust).Send(context.Background(), message("x@example.com")); err == nil {
		t.Fatal("sent with a wrong password")
	}
	if n := len(srv.To("x@example.com")); n != 0 {
		t.Fatalf("%d messages arrived through failed sessions", n)
	}
}

func TestSMTPAuthWithoutTLSOnLoopback(t *testing.T) {
	srv := mailtest.Start(t, mailtest.WithAuth("mailer", "s3cret"))
	if err := newSMTP(t, srv.URL(), nil).Send(context.Background(), message("a@example.com")); err != nil {
		t.Fatal(err)
	}
	if got := srv.WaitFor(t, "a@example.com", 2*time.Second); got.User != "mailer" {
		t.Fatalf("user %q", got.User)
	}
}

func TestSMTPRequiredSTARTTLSMissing(t *testing.T) {
	srv := mailtest.Start(t)
	err := newSMTP(t, srv.URL()+"?starttls=required", nil).Send(context.Background(), message("a@example.com"))
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("send without the required STARTTLS: %v", err)
	}
}

func TestSMTPTemporaryFailure(t *testing.T) {
	srv := mailtest.Start(t)
	srv.FailNext(1)
	err := newSMTP(t, srv.URL(), nil).Send(context.Background(), message("a@example.com"))
	if err == nil || !strings.Contains(err.Error(), "451") {
		t.Fatalf("send to a refusing server: %v", err)
	}
}
