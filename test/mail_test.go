package test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/mailtest"
)

// Registration and admin tenant creation send the owner a welcome message
// through the configured SMTP server (here one that requires AUTH PLAIN).
func TestWelcomeMail(t *testing.T) {
	t.Parallel()
	auth := []mailtest.Option{mailtest.WithAuth("tenantry", "smtp-Passw0rd")}
	forEachEngineSMTP(t, auth, func(t *testing.T, h *harness, srv *mailtest.Server) {
		acc := h.register(t, "Welcome Spa")
		got := srv.WaitFor(t, acc.email, 10*time.Second)
		if got.Subject != "Welcome to Welcome Spa" || got.User != "tenantry" || got.From != "no-reply@localhost" {
			t.Fatalf("welcome: subject %q, auth user %q, envelope from %q", got.Subject, got.User, got.From)
		}
		for _, want := range []string{"Hello Maria,", "Welcome Spa is ready", acc.email, h.cfg.PublicURL} {
			if !strings.Contains(got.Text, want) {
				t.Errorf("welcome text lacks %q:\n%s", want, got.Text)
			}
		}
		if id := got.Header.Get("Message-Id"); !strings.HasPrefix(id, "<msg_") {
			t.Errorf("Message-ID %q is not derived from the outbox row", id)
		}

		b := seedAdminTenant()
		b["slug"], b["name"], b["email"], b["phone"] = "welcome-admin", "Admin Made Spa", "admin@adminmade.example.com", "+639170000001"
		b["admin_email"], b["admin_first_name"] = "owner@adminmade.example.com", "Lea"
		h.post(t, "/api/v1/tenants", h.admin(t), b).expect(http.StatusCreated)
		owner := srv.WaitFor(t, "owner@adminmade.example.com", 10*time.Second)
		if owner.Subject != "Welcome to Admin Made Spa" || !strings.Contains(owner.Text, "Hello Lea,") {
			t.Fatalf("admin-created tenant's welcome: %q\n%s", owner.Subject, owner.Text)
		}
		if n := len(srv.To(acc.email)); n != 1 {
			t.Fatalf("the registration welcome arrived %d times", n)
		}
	})
}

// With SMTP down, registration still succeeds, the welcome waits in the
// outbox with its failed attempts, and once SMTP is back it is delivered
// exactly once.
func TestMailSurvivesSMTPOutage(t *testing.T) {
	t.Parallel()
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		srv.Stop()
		acc := h.register(t, "Outage Spa")
		db := outbox(t, h.cfg)
		m := waitMail(t, db, acc.email, 10*time.Second, func(m *mail.Message) bool { return m.Attempts > 0 })
		if m.Status() != mail.StatusPending || m.LastError == "" || m.Kind != mail.KindWelcome {
			t.Fatalf("while SMTP is down: %+v", m)
		}
		srv.Restart(t)
		// The server's clock stands still: no retry comes until the first
		// one is due, job.Backoff(1) after the failure.
		if m := mailTo(t, db, acc.email)[0]; m.Attempts != 1 || m.SentAt != nil {
			t.Fatalf("retried before the retry was due: %+v", m)
		}
		h.clock.advance(job.Backoff(1))
		h.srv.Jobs.Notify()
		got := srv.WaitFor(t, acc.email, 20*time.Second)
		if got.Subject != "Welcome to Outage Spa" {
			t.Fatalf("subject %q", got.Subject)
		}
		sent := waitMail(t, db, acc.email, 5*time.Second, func(m *mail.Message) bool { return m.SentAt != nil })
		if sent.Via != mail.ViaSMTP || sent.LastError != "" || sent.Attempts != 2 {
			t.Fatalf("after recovery: %+v", sent)
		}
		// Nothing is sent again, however much later: a delivery pass past every
		// lease and retry finds nothing due.
		h.clock.advance(24 * time.Hour)
		if n, err := h.srv.Jobs.RunDue(context.Background(), h.srv.App.DB()); err != nil || n != 0 {
			t.Fatalf("a later delivery pass sent %d (%v)", n, err)
		}
		if n := len(srv.To(acc.email)); n != 1 {
			t.Fatalf("delivered %d times, want exactly once", n)
		}
	})
}

// A message still pending when its server stops is delivered by the next
// server started on the same database.
func TestPendingMailSurvivesRestart(t *testing.T) {
	t.Parallel()
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			t.Parallel()
			srv := mailtest.Start(t)
			srv.Stop()
			cfg := mailConfig(t, eng, srv.URL())
			clock := newTestClock()
			first := serve(t, eng, cfg, clock)
			acc := first.register(t, "Restart Spa")
			db := outbox(t, cfg)
			waitMail(t, db, acc.email, 10*time.Second, func(m *mail.Message) bool { return m.Attempts > 0 })
			first.Stop() // its mail worker has stopped when Stop returns
			srv.Restart(t)
			clock.advance(job.Backoff(1)) // the retry is due
			if n := len(srv.Messages()); n != 0 {
				t.Fatalf("%d messages sent with no server running", n)
			}
			serve(t, eng, cfg, clock)
			srv.WaitFor(t, acc.email, 20*time.Second)
			waitMail(t, db, acc.email, 5*time.Second, func(m *mail.Message) bool { return m.Status() == mail.StatusSent })
			if n := len(srv.To(acc.email)); n != 1 {
				t.Fatalf("delivered %d times, want once", n)
			}
		})
	}
}

// Without SMTP the welcome goes to the local mailbox: recorded as delivered
// there, body kept in the outbox for `tenantry mail list`.
func TestLocalMailboxWithoutSMTP(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Local Spa")
		db := outbox(t, h.cfg)
		m := waitMail(t, db, acc.email, 10*time.Second, func(m *mail.Message) bool { return m.SentAt != nil })
		if m.Via != mail.ViaLocal || m.LastError != "" || m.Attempts != 1 || m.TenantID != acc.tenantID ||
			m.Subject != "Welcome to Local Spa" || !strings.Contains(m.Text, "Hello Maria,") {
			t.Fatalf("local mailbox: %+v", m)
		}
	})
}
