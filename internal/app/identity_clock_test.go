package app

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/store"
)

// clock is a settable time source for App.Options.Now.
type clock struct {
	mu   sync.Mutex
	t    time.Time
	jump time.Duration // added after the next reading
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.t
	c.t, c.jump = c.t.Add(c.jump), 0
	return t
}

func (c *clock) advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// jumpAfterNextRead makes time pass by d right after the clock is next
// read, as if the work that follows that reading took d.
func (c *clock) jumpAfterNextRead(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.jump = d }

// clockApp is an App on a fresh SQLite database whose time is c, with one
// registered account.
func clockApp(t *testing.T) (*App, *clock, *identity.User) {
	t.Helper()
	ctx := context.Background()
	c := &clock{t: time.Now().UTC()}
	a := startApp(t, testDB(t), slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Now: c.now})
	u, err := a.RegisterAccount(ctx, AccountInput{Email: "clock@example.com", Password: "Clockwork-Orange-77", FirstName: "C", LastName: "L"})
	if err != nil {
		t.Fatal(err)
	}
	return a, c, u
}

// lastMail returns the text of the newest message in the outbox.
func lastMail(t *testing.T, a *App) string {
	t.Helper()
	var text string
	err := a.db.ReadSystem(context.Background(), func(tx *store.Tx) error {
		ms, err := tx.ListMail(context.Background(), 1)
		if err == nil && len(ms) == 1 {
			text = ms[0].Subject + "\n" + ms[0].Text
		}
		return err
	})
	if err != nil || text == "" {
		t.Fatalf("no mail in the outbox: %v", err)
	}
	return text
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if errs.CodeOf(err) != code {
		t.Fatalf("error %v, want code %s", err, code)
	}
}

func TestOTPExpiresAfterTenMinutes(t *testing.T) {
	t.Parallel()
	a, c, u := clockApp(t)
	ctx := context.Background()
	codeRE := regexp.MustCompile(`\b\d{6}\b`)
	request := func() string {
		t.Helper()
		if err := a.RequestOTP(ctx, OTPInput{Email: u.Email}); err != nil {
			t.Fatal(err)
		}
		return codeRE.FindString(lastMail(t, a))
	}
	code := request()
	c.advance(identity.OTPTTL)
	_, err := a.VerifyOTP(ctx, OTPInput{Email: u.Email, Code: code})
	wantCode(t, err, "invalid_code")

	code = request()
	c.advance(identity.OTPTTL - time.Second)
	s, err := a.VerifyOTP(ctx, OTPInput{Email: u.Email, Code: code})
	if err != nil || s.AccessToken == "" {
		t.Fatalf("a code a second before expiry: %v", err)
	}
}

func TestResetLinkExpiresAfterAnHour(t *testing.T) {
	t.Parallel()
	a, c, u := clockApp(t)
	ctx := context.Background()
	token := func() string {
		t.Helper()
		if err := a.ForgotPassword(ctx, u.Email); err != nil {
			t.Fatal(err)
		}
		link := regexp.MustCompile(`https?://\S+`).FindString(lastMail(t, a))
		parsed, err := url.Parse(link)
		if err != nil || parsed.Query().Get("token") == "" {
			t.Fatalf("no reset link in the mail: %q", link)
		}
		return parsed.Query().Get("token")
	}
	tok := token()
	c.advance(identity.ResetTTL)
	wantCode(t, a.ResetPassword(ctx, tok, "Another-Clockwork-88"), "invalid_reset_token")

	tok = token()
	c.advance(identity.ResetTTL - time.Second)
	if err := a.ResetPassword(ctx, tok, "Another-Clockwork-88"); err != nil {
		t.Fatalf("a link a second before expiry: %v", err)
	}
	if _, err := a.Login(ctx, LoginInput{Email: u.Email, Password: "Another-Clockwork-88"}); err != nil {
		t.Fatalf("login with the new password: %v", err)
	}
}

func TestPasswordStampExpiresAfterTenMinutes(t *testing.T) {
	t.Parallel()
	a, c, u := clockApp(t)
	ctx := context.Background()
	p := &auth.Principal{UserID: u.ID, Email: u.Email, Env: auth.EnvProd}
	st, err := a.NewPasswordStamp(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if !st.ExpiresAt.Equal(c.now().Truncate(time.Microsecond).Add(identity.StampTTL)) || !strings.HasPrefix(st.Value, "pcs_") {
		t.Fatalf("stamp %+v", st)
	}
	c.advance(identity.StampTTL)
	in := ChangePasswordInput{CurrentPassword: "Clockwork-Orange-77", NewPassword: "Clockwork-Lemon-99", Stamp: st.Value}
	_, err = a.ChangePassword(ctx, p, in)
	wantCode(t, err, "stamp_invalid")

	st, err = a.NewPasswordStamp(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	c.advance(identity.StampTTL - time.Second)
	in.Stamp = st.Value
	if _, err := a.ChangePassword(ctx, p, in); err != nil {
		t.Fatalf("a stamp a second before expiry: %v", err)
	}
}
