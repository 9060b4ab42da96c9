package storetest

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/store"
)

// identityCases cover one-time codes, password resets and stamps, and profiles.
func identityCases() map[string]Case {
	return map[string]Case{
		"OTPRoundTrip":          testOTPRoundTrip,
		"OTPSingleUse":          testOTPSingleUse,
		"OTPAttemptsConcurrent": testOTPAttempts,
		"PasswordReset":         testPasswordReset,
		"PasswordStamp":         testPasswordStamp,
		"Profile":               testProfile,
		"Picture":               testPicture,
	}
}

const maxAttempts = identity.OTPMaxAttempts

func newOTP(email, userID string) *identity.OTP {
	return &identity.OTP{ID: id.New(id.OTP), Email: email, UserID: userID, CodeHash: "mac-" + id.New(id.OTP),
		ExpiresAt: now.Add(identity.OTPTTL), CreatedAt: now}
}

// parallel runs fn from n goroutines at once, each in its own transaction,
// and returns how many reported true.
func parallel(t *testing.T, db *store.DB, n int, fn func(tx *store.Tx) (bool, error)) int {
	t.Helper()
	var wins atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Go(func() {
			<-start
			err := db.InSystem(ctx, func(tx *store.Tx) error {
				ok, err := fn(tx)
				if ok {
					wins.Add(1)
				}
				return err
			})
			if err != nil {
				t.Errorf("concurrent call: %v", err)
			}
		})
	}
	close(start)
	wg.Wait()
	return int(wins.Load())
}

func testOTPRoundTrip(t *testing.T, db *store.DB) {
	_, u := seed(t, db, "otp")
	first := newOTP(u.Email, u.ID)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateOTP(ctx, first) }))
	var got *identity.OTP
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { got, err = tx.LiveOTP(ctx, u.Email, maxAttempts, now); return }))
	if got.ID != first.ID || got.CodeHash != first.CodeHash || got.UserID != u.ID || got.Attempts != 0 ||
		got.UsedAt != nil || !got.ExpiresAt.Equal(first.ExpiresAt) || !got.CreatedAt.Equal(now) {
		t.Fatalf("live code %+v, want %+v", got, first)
	}
	// A new code retires the earlier one; the new one is the live one.
	second := newOTP(u.Email, u.ID)
	second.CreatedAt = now.Add(time.Second)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateOTP(ctx, second) }))
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		live, err := tx.LiveOTP(ctx, u.Email, maxAttempts, now)
		if err != nil {
			return err
		}
		old, err := tx.GetOTP(ctx, first.ID)
		if live.ID != second.ID || old.UsedAt == nil {
			t.Errorf("after a second code: live %s (want %s), first used_at %v", live.ID, second.ID, old.UsedAt)
		}
		return err
	}))
	// Expired at a later moment, unknown email, unknown id: NotFound.
	for name, fn := range map[string]func(tx *store.Tx) error{
		"expired": func(tx *store.Tx) error {
			_, err := tx.LiveOTP(ctx, u.Email, maxAttempts, now.Add(identity.OTPTTL+time.Second))
			return err
		},
		"unknown email": func(tx *store.Tx) error {
			_, err := tx.LiveOTP(ctx, "nobody@example.com", maxAttempts, now)
			return err
		},
		"unknown id": func(tx *store.Tx) error { _, err := tx.GetOTP(ctx, "otp_nope"); return err },
	} {
		if err := db.ReadSystem(ctx, fn); !errs.Is(err, errs.NotFound) {
			t.Errorf("%s: %v, want NotFound", name, err)
		}
	}
	// An expired code cannot be used; purging removes exactly the expired ones.
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		if ok, err := tx.UseOTP(ctx, second.ID, maxAttempts, now.Add(identity.OTPTTL+time.Second)); ok || err != nil {
			t.Errorf("use of an expired code: %v %v", ok, err)
		}
		n, err := tx.PurgeOTPs(ctx, now.Add(identity.OTPTTL+2*time.Second))
		if n != 2 {
			t.Errorf("purged %d codes, want 2", n)
		}
		return err
	}))
}

func testOTPSingleUse(t *testing.T, db *store.DB) {
	c := newOTP("single@example.com", id.New(id.User))
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateOTP(ctx, c) }))
	wins := parallel(t, db, 8, func(tx *store.Tx) (bool, error) { return tx.UseOTP(ctx, c.ID, maxAttempts, now) })
	if wins != 1 {
		t.Fatalf("%d concurrent uses of one code won, want 1", wins)
	}
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.LiveOTP(ctx, c.Email, maxAttempts, now); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("a used code is still live: %v", err)
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		ok, err := tx.FailOTP(ctx, c.ID, maxAttempts)
		if ok {
			t.Error("a wrong guess counted against a used code")
		}
		return err
	}))
}

func testOTPAttempts(t *testing.T, db *store.DB) {
	c := newOTP("guess@example.com", id.New(id.User))
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateOTP(ctx, c) }))
	counted := parallel(t, db, 12, func(tx *store.Tx) (bool, error) { return tx.FailOTP(ctx, c.ID, maxAttempts) })
	if counted != maxAttempts {
		t.Fatalf("%d of 12 concurrent wrong guesses counted, want %d", counted, maxAttempts)
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		got, err := tx.GetOTP(ctx, c.ID)
		if err != nil {
			return err
		}
		if got.Attempts != maxAttempts {
			t.Errorf("attempts = %d, want %d", got.Attempts, maxAttempts)
		}
		if _, err := tx.LiveOTP(ctx, c.Email, maxAttempts, now); !errs.Is(err, errs.NotFound) {
			t.Errorf("a code out of attempts is still live: %v", err)
		}
		ok, err := tx.UseOTP(ctx, c.ID, maxAttempts, now)
		if ok {
			t.Error("a code out of attempts was used")
		}
		return err
	}))
}

func testPasswordReset(t *testing.T, db *store.DB) {
	_, u := seed(t, db, "reset")
	newReset := func(userID, plain string) *identity.PasswordReset {
		return &identity.PasswordReset{ID: id.New(id.Reset), UserID: userID, Hash: auth.HashOpaque(plain),
			ExpiresAt: now.Add(identity.ResetTTL), CreatedAt: now}
	}
	first, second, decoy := newReset(u.ID, "one"), newReset(u.ID, "two"), newReset("", "decoy")
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		for _, r := range []*identity.PasswordReset{first, second, decoy} {
			if err := tx.CreatePasswordReset(ctx, r); err != nil {
				return err
			}
		}
		return nil
	}))
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		old, err := tx.PasswordResetByHash(ctx, first.Hash)
		if err != nil {
			return err
		}
		cur, err := tx.PasswordResetByHash(ctx, second.Hash)
		if err != nil {
			return err
		}
		if old.UsedAt == nil || cur.UsedAt != nil || cur.UserID != u.ID || !cur.ExpiresAt.Equal(second.ExpiresAt) {
			t.Errorf("a newer link must retire the older: old %+v, current %+v", old, cur)
		}
		d, err := tx.PasswordResetByHash(ctx, decoy.Hash)
		if err == nil && (d.UserID != "" || d.UsedAt != nil) {
			t.Errorf("decoy %+v", d)
		}
		return err
	}))
	if wins := parallel(t, db, 6, func(tx *store.Tx) (bool, error) { return tx.UsePasswordReset(ctx, second.ID, now) }); wins != 1 {
		t.Fatalf("%d concurrent uses of one reset token won, want 1", wins)
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		if ok, err := tx.UsePasswordReset(ctx, decoy.ID, now.Add(identity.ResetTTL)); ok || err != nil {
			t.Errorf("use of an expired token: %v %v", ok, err)
		}
		n, err := tx.PurgePasswordResets(ctx, now.Add(identity.ResetTTL+time.Second))
		if n != 3 {
			t.Errorf("purged %d reset tokens, want 3", n)
		}
		return err
	}))
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.PasswordResetByHash(ctx, first.Hash); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("purged token: %v, want NotFound", err)
	}
}

func testPasswordStamp(t *testing.T, db *store.DB) {
	_, u := seed(t, db, "stamp")
	_, other := seed(t, db, "stamp-other")
	s := &identity.PasswordStamp{ID: id.New(id.Stamp), UserID: u.ID, Hash: auth.HashOpaque("stamp"),
		ExpiresAt: now.Add(identity.StampTTL), CreatedAt: now}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreatePasswordStamp(ctx, s) }))
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		got, err := tx.PasswordStampByHash(ctx, s.Hash)
		if err != nil {
			return err
		}
		if got.ID != s.ID || got.UserID != u.ID || got.UsedAt != nil || !got.ExpiresAt.Equal(s.ExpiresAt) {
			t.Errorf("stamp %+v, want %+v", got, s)
		}
		for name, c := range map[string]struct {
			user string
			at   time.Time
		}{"another user's": {other.ID, now}, "an expired": {u.ID, now.Add(identity.StampTTL)}} {
			if ok, err := tx.UsePasswordStamp(ctx, s.ID, c.user, c.at); ok || err != nil {
				t.Errorf("use of %s stamp: %v %v", name, ok, err)
			}
		}
		return nil
	}))
	if wins := parallel(t, db, 6, func(tx *store.Tx) (bool, error) { return tx.UsePasswordStamp(ctx, s.ID, u.ID, now) }); wins != 1 {
		t.Fatalf("%d concurrent uses of one stamp won, want 1", wins)
	}
	// A new stamp clears the user's expired ones.
	later := &identity.PasswordStamp{ID: id.New(id.Stamp), UserID: u.ID, Hash: auth.HashOpaque("later"),
		ExpiresAt: now.Add(time.Hour), CreatedAt: now.Add(identity.StampTTL + time.Second)}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreatePasswordStamp(ctx, later) }))
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.PasswordStampByHash(ctx, s.Hash); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("expired stamp after a new one: %v, want NotFound", err)
	}
}
