package storetest

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/credential"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/secret"
	"github.com/tenantry/tenantry/internal/storage"
	"github.com/tenantry/tenantry/internal/store"
)

// credentialCases cover gateway credentials and the walk over every sealed
// value that master key rotation makes (isolation: foreign.go).
func credentialCases() map[string]Case {
	return map[string]Case{
		"CredentialRoundTrip":    testCredentialRoundTrip,
		"ResealBatch":            testResealBatch,
		"ResealBatchRace":        testResealBatchRace,
		"ResealBatchSystemScope": testResealBatchSystemScope,
	}
}

func newCredential(tenantID string, p credential.Provider, sealed string, at time.Time) *credential.Credential {
	return &credential.Credential{TenantID: tenantID, ID: id.NewAt(id.Credential, at), Provider: p,
		Public: credential.Fields{credential.ClientID: "client-" + tenantID}, SecretSealed: sealed, Enabled: true,
		CreatedAt: at, UpdatedAt: at}
}

func testCredentialRoundTrip(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "creds")
	c := newCredential(x.ID, credential.PaperID, "v1.first", now)
	get := func(p credential.Provider) (got *credential.Credential, err error) {
		err = db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { got, err = tx.GetCredential(ctx, x.ID, p); return })
		return got, err
	}
	if _, err := get(credential.PaperID); !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "credential_not_found" {
		t.Fatalf("never configured: %v", err)
	}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.PutCredential(ctx, c) }))
	got, err := get(credential.PaperID)
	must(t, err)
	if !reflect.DeepEqual(got, c) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, c)
	}

	// A second put replaces fields, secret and state; id and created_at stay.
	later := now.Add(time.Hour)
	update := newCredential(x.ID, credential.PaperID, "v1.second", later)
	update.Public, update.Enabled = credential.Fields{credential.ClientID: "other", credential.IsProduction: "true"}, false
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.PutCredential(ctx, update) }))
	got, err = get(credential.PaperID)
	must(t, err)
	want := *update
	want.ID, want.CreatedAt = c.ID, c.CreatedAt
	if !reflect.DeepEqual(got, &want) {
		t.Fatalf("after update:\n got %+v\nwant %+v", got, &want)
	}

	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		return tx.SetCredentialEnabled(ctx, x.ID, credential.PaperID, true, later.Add(time.Minute))
	}))
	if got, _ = get(credential.PaperID); !got.Enabled || got.SecretSealed != "v1.second" || !got.UpdatedAt.Equal(later.Add(time.Minute)) {
		t.Fatalf("after enabling: %+v", got)
	}
	err = db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		return tx.SetCredentialEnabled(ctx, x.ID, credential.Stripe, false, later)
	})
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("disable a provider never configured: %v", err)
	}
	if _, err := get(credential.Stripe); !errs.Is(err, errs.NotFound) {
		t.Fatalf("another provider: %v", err)
	}
}

// sealedWorld is one value in every sealed column, sealed by box.
type sealedWorld struct {
	values map[string]string // context → plaintext
}

func seedSealed(t *testing.T, db *store.DB, box *secret.Box, slug string) sealedWorld {
	t.Helper()
	w := sealedWorld{values: map[string]string{}}
	seal := func(plain, context string) string {
		s, err := box.Seal([]byte(plain), context)
		must(t, err)
		w.values[context] = plain
		return s
	}
	x, u := seed(t, db, slug)
	key, err := auth.NewSigningKey(box, now)
	must(t, err)
	opened, err := box.Open(key.PrivateSealed, auth.SigningKeySealContext(key.ID))
	must(t, err)
	w.values[auth.SigningKeySealContext(key.ID)] = string(opened)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.CreateSigningKey(ctx, &key); err != nil {
			return err
		}
		if err := tx.PutTOTP(ctx, &auth.TOTPFactor{UserID: u.ID, SecretSealed: seal("totp-"+slug, auth.TOTPSealContext(u.ID)),
			CreatedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		providers := []auth.Provider{
			{ID: "google", Name: "Google", ClientID: "g", ClientSecretSealed: seal("google-"+slug, auth.ProviderSealContext(x.ID, "google"))},
			{ID: "github", Name: "GitHub", ClientID: "h"}, // no secret
			{ID: "apple", Name: "Apple", ClientID: "a", ClientSecretSealed: seal("apple-"+slug, auth.ProviderSealContext(x.ID, "apple"))},
		}
		if _, err := tx.PutAuthConfig(ctx, &auth.TenantConfig{TenantID: x.ID, Providers: &providers, CreatedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		if err := tx.PutStorageConfig(ctx, newStorageRecord(x.ID, seal("storage-"+slug, storage.SealContext(x.ID)), now)); err != nil {
			return err
		}
		for _, p := range credential.Providers() {
			c := newCredential(x.ID, p, seal("gateway-"+string(p)+"-"+slug, credential.SealContext(x.ID, p)), now)
			if err := tx.PutCredential(ctx, c); err != nil {
				return err
			}
		}
		return nil
	}))
	return w
}

// walkSealed runs ResealBatch over every sealed column with reseal, batch
// rows at a time, and returns the batches' totals.
func walkSealed(t *testing.T, db *store.DB, batch int, reseal store.Reseal) (total store.SealedBatch, batches int) {
	t.Helper()
	for _, col := range store.SealedColumns() {
		var after []string
		for {
			var b store.SealedBatch
			must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) {
				b, err = tx.ResealBatch(ctx, col, after, batch, reseal)
				return err
			}))
			batches++
			total.Rows, total.Values, total.Resealed, total.Raced = total.Rows+b.Rows, total.Values+b.Values,
				total.Resealed+b.Resealed, total.Raced+b.Raced
			if b.Next == nil {
				break
			}
			after = b.Next
		}
	}
	return total, batches
}

// testResealBatch walks every sealed column in small batches: each value is
// given with its own row's context, rewritten under the new key, and opens
// with the new key alone; a second walk rewrites nothing.
func testResealBatch(t *testing.T, db *store.DB) {
	k1, k2 := bytes.Repeat([]byte{1}, secret.KeySize), bytes.Repeat([]byte{2}, secret.KeySize)
	old, _ := secret.FromKeys([][]byte{k1})
	both, _ := secret.FromKeys([][]byte{k2, k1})
	newOnly, _ := secret.FromKeys([][]byte{k2})
	worlds := []sealedWorld{seedSealed(t, db, old, "seal-a"), seedSealed(t, db, old, "seal-b"), seedSealed(t, db, old, "seal-c")}
	want := 0
	for _, w := range worlds {
		want += len(w.values)
	}

	total, batches := walkSealed(t, db, 2, both.Reseal)
	if total.Values != want || total.Resealed != want || total.Raced != 0 || batches < 8 {
		t.Fatalf("first walk: %+v in %d batches, want %d values resealed", total, batches, want)
	}
	seen := 0
	check := func(sealed, context string) (string, bool, error) {
		plain, err := newOnly.Open(sealed, context)
		if err != nil {
			t.Errorf("%s does not open with the new key alone: %v", context, err)
		}
		for _, w := range worlds {
			if v, ok := w.values[context]; ok {
				seen++
				if v != string(plain) {
					t.Errorf("%s opens to %q, want %q", context, plain, v)
				}
			}
		}
		return sealed, false, nil
	}
	if total, _ = walkSealed(t, db, 3, check); total.Resealed != 0 || seen != want {
		t.Fatalf("check walk: %+v, %d of %d values seen", total, seen, want)
	}
	if total, _ = walkSealed(t, db, 100, both.Reseal); total.Values != want || total.Resealed != 0 {
		t.Fatalf("second walk rewrote values already under the current key: %+v", total)
	}
}

// testResealBatchRace: a value changed since the batch read it is left as
// it now is (counted as raced), never overwritten with the stale one.
func testResealBatchRace(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "seal-race")
	c := newCredential(x.ID, credential.Stripe, "v1.old", now)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.PutCredential(ctx, c) }))
	col := store.SealedColumns()[3]
	var b store.SealedBatch
	must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) {
		b, err = tx.ResealBatch(ctx, col, nil, 10, func(sealed, context string) (string, bool, error) {
			if context != credential.SealContext(x.ID, credential.Stripe) {
				t.Errorf("context %q", context)
			}
			fresh := *c
			fresh.SecretSealed, fresh.UpdatedAt = "v9.concurrent", now.Add(time.Second)
			return "v2.rotated", true, tx.PutCredential(ctx, &fresh)
		})
		return err
	}))
	var got *credential.Credential
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { got, err = tx.GetCredential(ctx, x.ID, credential.Stripe); return }))
	if b.Raced != 1 || b.Resealed != 0 || got.SecretSealed != "v9.concurrent" || b.Next != nil {
		t.Fatalf("batch %+v, stored %q", b, got.SecretSealed)
	}
}

// testResealBatchSystemScope: the walk crosses tenants, so a tenant
// transaction may not run it.
func testResealBatchSystemScope(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "seal-scope")
	err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		_, err := tx.ResealBatch(ctx, store.SealedColumns()[0], nil, 10, func(s, _ string) (string, bool, error) { return s, false, nil })
		return err
	})
	if err == nil {
		t.Fatal("ResealBatch ran in a tenant transaction")
	}
}
