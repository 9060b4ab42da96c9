package storetest

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/store"
)

func getTOTP(t *testing.T, db *store.DB, userID string) *auth.TOTPFactor {
	t.Helper()
	var f *auth.TOTPFactor
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { f, err = tx.GetTOTP(ctx, userID); return }))
	return f
}

func testTOTPFactor(t *testing.T, db *store.DB) {
	_, u := seed(t, db, "totp")
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetTOTP(ctx, u.ID); return err })
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "totp_not_found" {
		t.Fatalf("factor before enrolment: %v", err)
	}
	f := &auth.TOTPFactor{UserID: u.ID, SecretSealed: "v1.first", CreatedAt: now, UpdatedAt: now}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.PutTOTP(ctx, f) }))
	// A new enrolment replaces the pending one.
	f.SecretSealed = "v1.second"
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.PutTOTP(ctx, f) }))
	got := getTOTP(t, db, u.ID)
	if got.SecretSealed != "v1.second" || got.ConfirmedAt != nil || got.LastStep != nil || !got.CreatedAt.Equal(now) {
		t.Fatalf("stored factor %+v", got)
	}
	use := func(step int64, confirm bool) bool {
		var ok bool
		must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) { ok, err = tx.UseTOTPStep(ctx, u.ID, step, confirm, now); return }))
		return ok
	}
	if !use(100, true) {
		t.Fatal("confirming with a first step failed")
	}
	got = getTOTP(t, db, u.ID)
	if got.ConfirmedAt == nil || got.LastStep == nil || *got.LastStep != 100 {
		t.Fatalf("confirmed factor %+v", got)
	}
	if use(101, true) {
		t.Error("a confirmed factor was confirmed again")
	}
	if use(100, false) || use(99, false) {
		t.Error("a used step (or an earlier one) was accepted again")
	}
	if !use(101, false) || getTOTP(t, db, u.ID).ConfirmedAt == nil {
		t.Error("a later step was refused, or lost the confirmation")
	}
	// Deleting removes the factor and its recovery codes.
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.ReplaceRecoveryCodes(ctx, u.ID, []string{"h1"}, now) }))
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.DeleteTOTP(ctx, u.ID) }))
	err = db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetTOTP(ctx, u.ID); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("factor after delete: %v", err)
	}
	if n := recoveryLeft(t, db, u.ID); n != 0 {
		t.Fatalf("%d recovery codes survived the delete", n)
	}
	// A step of a user without a factor is not used.
	if use(200, false) {
		t.Error("a step was used without a factor")
	}
}

func testTOTPStepRace(t *testing.T, db *store.DB) {
	_, u := seed(t, db, "totp-race")
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.PutTOTP(ctx, &auth.TOTPFactor{UserID: u.ID, SecretSealed: "v1.x", CreatedAt: now, UpdatedAt: now})
	}))
	wins := race(t, db, 8, func(tx *store.Tx) (bool, error) { return tx.UseTOTPStep(ctx, u.ID, 500, false, now) })
	if wins != 1 {
		t.Fatalf("one code used %d times concurrently, want once", wins)
	}
}

func recoveryLeft(t *testing.T, db *store.DB, userID string) int {
	t.Helper()
	var n int
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { n, err = tx.RecoveryCodesLeft(ctx, userID); return }))
	return n
}

func testRecoveryCodes(t *testing.T, db *store.DB) {
	_, u := seed(t, db, "recovery")
	_, other := seed(t, db, "recovery-other")
	plain, hashes, err := auth.NewRecoveryCodes(auth.RecoveryCodeCount)
	must(t, err)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.ReplaceRecoveryCodes(ctx, u.ID, hashes, now) }))
	if n := recoveryLeft(t, db, u.ID); n != auth.RecoveryCodeCount {
		t.Fatalf("%d codes stored, want %d", n, auth.RecoveryCodeCount)
	}
	use := func(userID, code string) bool {
		var ok bool
		must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) {
			ok, err = tx.UseRecoveryCode(ctx, userID, auth.HashRecoveryCode(code), now)
			return
		}))
		return ok
	}
	if use(other.ID, plain[0]) {
		t.Fatal("another user's recovery code was accepted")
	}
	if !use(u.ID, " "+plain[0]+" ") || use(u.ID, plain[0]) {
		t.Fatal("a recovery code is not usable exactly once")
	}
	// Concurrent uses of one code: exactly one wins.
	h := auth.HashRecoveryCode(plain[1])
	if wins := race(t, db, 8, func(tx *store.Tx) (bool, error) { return tx.UseRecoveryCode(ctx, u.ID, h, now) }); wins != 1 {
		t.Fatalf("one recovery code used %d times concurrently", wins)
	}
	if n := recoveryLeft(t, db, u.ID); n != auth.RecoveryCodeCount-2 {
		t.Fatalf("%d codes left, want %d", n, auth.RecoveryCodeCount-2)
	}
	// Replacing them voids the old codes.
	_, fresh, err := auth.NewRecoveryCodes(3)
	must(t, err)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.ReplaceRecoveryCodes(ctx, u.ID, fresh, now) }))
	if use(u.ID, plain[2]) || recoveryLeft(t, db, u.ID) != 3 {
		t.Fatal("an old recovery code survived a replacement")
	}
}

func newChallenge(t *testing.T, db *store.DB, userID string, expires time.Time) *auth.MFAChallenge {
	t.Helper()
	c := &auth.MFAChallenge{ID: id.New(id.Challenge), Hash: auth.HashOpaque(id.New(id.Token)), UserID: userID,
		TenantID: "", Method: auth.FactorEmailPassword, Enroll: true, ExpiresAt: expires, CreatedAt: now}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateMFAChallenge(ctx, c) }))
	return c
}

func getChallenge(t *testing.T, db *store.DB, hash string) *auth.MFAChallenge {
	t.Helper()
	var c *auth.MFAChallenge
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { c, err = tx.MFAChallengeByHash(ctx, hash); return }))
	return c
}

func testMFAChallenge(t *testing.T, db *store.DB) {
	x, u := seed(t, db, "mfa")
	c := newChallenge(t, db, u.ID, now.Add(auth.MFAChallengeTTL))
	scoped := &auth.MFAChallenge{ID: id.New(id.Challenge), Hash: auth.HashOpaque("scoped"), UserID: u.ID, TenantID: x.ID,
		Method: auth.FactorOTPEmail, ExpiresAt: now.Add(time.Minute), CreatedAt: now}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateMFAChallenge(ctx, scoped) }))
	got := getChallenge(t, db, scoped.Hash)
	if got.ID != scoped.ID || got.UserID != u.ID || got.TenantID != x.ID || got.Method != auth.FactorOTPEmail || got.Enroll ||
		got.Attempts != 0 || got.UsedAt != nil || !got.ExpiresAt.Equal(scoped.ExpiresAt) || !got.Live(now) {
		t.Fatalf("challenge %+v", got)
	}
	if !getChallenge(t, db, c.Hash).Enroll {
		t.Fatal("enroll flag lost")
	}
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.MFAChallengeByHash(ctx, "nope"); return err })
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "mfa_challenge_not_found" {
		t.Fatalf("unknown challenge: %v", err)
	}
	// An expired challenge cannot be used, and is swept with the user's others.
	old := newChallenge(t, db, u.ID, now.Add(-time.Second))
	var ok bool
	must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) { ok, err = tx.UseMFAChallenge(ctx, old.ID, now); return }))
	if ok {
		t.Fatal("an expired challenge was used")
	}
	var n int64
	must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) { n, err = tx.DeleteExpiredMFAChallenges(ctx, u.ID, now); return }))
	if n != 1 {
		t.Fatalf("swept %d challenges, want the 1 expired", n)
	}
	getChallenge(t, db, scoped.Hash) // a live one stays
}

func testMFAChallengeAttempts(t *testing.T, db *store.DB) {
	_, u := seed(t, db, "mfa-attempts")
	c := newChallenge(t, db, u.ID, now.Add(time.Minute))
	// Twelve concurrent wrong answers: exactly MFAMaxAttempts are counted.
	counted := race(t, db, 12, func(tx *store.Tx) (bool, error) { return tx.FailMFAChallenge(ctx, c.ID) })
	if counted != auth.MFAMaxAttempts {
		t.Fatalf("%d wrong answers counted, want %d", counted, auth.MFAMaxAttempts)
	}
	got := getChallenge(t, db, c.Hash)
	if got.Attempts != auth.MFAMaxAttempts || got.Live(now) {
		t.Fatalf("challenge after its attempts: %+v", got)
	}
	var ok bool
	must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) { ok, err = tx.UseMFAChallenge(ctx, c.ID, now); return }))
	if ok {
		t.Fatal("a challenge out of attempts was used")
	}
}

func testMFAChallengeSingleUse(t *testing.T, db *store.DB) {
	_, u := seed(t, db, "mfa-once")
	c := newChallenge(t, db, u.ID, now.Add(time.Minute))
	if wins := race(t, db, 8, func(tx *store.Tx) (bool, error) { return tx.UseMFAChallenge(ctx, c.ID, now) }); wins != 1 {
		t.Fatalf("one challenge used %d times concurrently, want once", wins)
	}
	var ok bool
	must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) { ok, err = tx.FailMFAChallenge(ctx, c.ID); return }))
	if ok || getChallenge(t, db, c.Hash).UsedAt == nil {
		t.Fatal("a used challenge still counts attempts, or lost its use")
	}
}

// race runs fn in n concurrent system transactions and returns how many
// reported true.
func race(t *testing.T, db *store.DB, n int, fn func(tx *store.Tx) (bool, error)) int {
	t.Helper()
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
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
		}()
	}
	wg.Wait()
	return int(wins.Load())
}
