package app

import (
	"context"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

// TestLoginLockStartsAtTheFailure: the wait after the failure that locks an
// account is counted from when the failure is recorded, not from when the
// attempt began, so a slow password check does not eat the wait.
func TestLoginLockStartsAtTheFailure(t *testing.T) {
	t.Parallel()
	a, c, u := clockApp(t)
	ctx := context.Background()
	wrong := LoginInput{Email: u.Email, Password: "Not-The-Password-1"}
	for range 4 {
		_, err := a.Login(ctx, wrong)
		wantCode(t, err, "invalid_credentials")
	}
	// The attempt reads the clock as it begins; its check then takes 2 s.
	c.jumpAfterNextRead(2 * time.Second)
	_, err := a.Login(ctx, wrong)
	wantCode(t, err, "invalid_credentials")

	_, err = a.Login(ctx, LoginInput{Email: u.Email, Password: "Clockwork-Orange-77"})
	wantCode(t, err, "login_throttled")
	if e, ok := errs.As(err); !ok || e.RetryAfter != time.Second {
		t.Fatalf("Retry-After %v, want the whole second after the failure", err)
	}
	c.advance(time.Second)
	if _, err := a.Login(ctx, LoginInput{Email: u.Email, Password: "Clockwork-Orange-77"}); err != nil {
		t.Fatalf("login once the wait is over: %v", err)
	}
}
