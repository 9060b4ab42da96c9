package test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/credential"
	"github.com/tenantry/tenantry/internal/secret"
	"github.com/tenantry/tenantry/internal/server"
)

// rotationTeam is a tenant whose owner has every kind of sealed value: a
// TOTP secret, a third-party provider's client secret, Paper.id and
// Stripe credentials.
type rotationTeam struct {
	team
	totp          *authenticator
	paperSecret   string
	stripeSecret  string
	webhookSecret string
}

// TestRotateMasterKey follows docs/operations.md "Rotating the master key"
// on both engines: a database sealed under one key (some values still in
// the format before key versions, v1), servers restarted with the new key
// first, a rotation stopped half way while a server keeps writing, resumed,
// run again (nothing to do), and then a server with the new key alone opens
// every value: it signs tokens, checks TOTP codes, and opens every
// credential; the old key alone no longer starts one.
func TestRotateMasterKey(t *testing.T) {
	t.Parallel()
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			oldKey, _ := secret.NewKey()
			newKey, _ := secret.NewKey()
			nk, _ := secret.ParseKey(newKey)
			newV := secret.Fingerprint(nk)
			clock := newTestClock()
			cfg := mailConfig(t, engine, "")
			cfg.MasterKey = oldKey

			// 1. One key: three tenants with every sealed value.
			s1 := serve(t, engine, cfg, clock)
			var teams []rotationTeam
			for _, name := range []string{"Rotation Alpha Spa", "Rotation Beta Spa", "Rotation Gamma Spa"} {
				rt := rotationTeam{team: s1.newTeam(t, name), paperSecret: "paper-secret-" + key(name)}
				rt.totp, _ = s1.enrolTOTP(t, rt.owner)
				s1.authConfig(t, rt.owner, rt.tenantID, map[string]any{"providers": []any{map[string]any{
					"id": "google", "name": "Google", "client_id": "google-" + key(name), "client_secret": "google-secret-" + key(name)}}})
				s1.put(t, paperIDPath(rt.tenantID), rt.owner, map[string]any{"client_id": "client_" + key(name),
					"client_secret": rt.paperSecret}).expect(http.StatusOK)
				var pk string
				rt.stripeSecret, rt.webhookSecret, pk = stripeKeys(name)
				s1.put(t, stripePath(rt.tenantID), rt.owner, map[string]any{"secret_key": rt.stripeSecret,
					"webhook_secret": rt.webhookSecret, "publishable_key": pk}).expect(http.StatusOK)
				teams = append(teams, rt)
			}
			otpUser := s1.newAccount(t, "otp@rotation.example.com")
			s1.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": otpUser}).expect(http.StatusOK)
			s1.Stop()
			legacy(t, s1.harness, oldKey, teams[0].tenantID)
			code := otpCode(t, s1.harness, otpUser)

			// 2. Every server restarts with the new key first, the old one second.
			cfg.MasterKey, cfg.MasterKeys = "", newKey+","+oldKey
			s2 := serve(t, engine, cfg, clock)
			s2.post(t, "/api/v1/auth/otp/verify", "", map[string]any{"email": otpUser, "code": code}).expect(http.StatusOK)
			rotator, err := server.OpenApp(ctx, &cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				t.Fatal(err)
			}
			defer rotator.DB().Close()
			before := check(t, rotator)
			if before.Values != 13 || before.ByVersion[newV] != 0 || before.ByVersion[secret.LegacyVersion] != 2 {
				t.Fatalf("before: %+v (want 13 values: a signing key and 4 per tenant, 2 of them v1)", before)
			}

			// 3. Stopped after four batches, while a server writes a new secret.
			stop, cancel := context.WithCancel(ctx)
			batches := 0
			_, err = rotator.RotateMasterKey(stop, 2, func(p app.RotationProgress) {
				if batches++; batches == 2 {
					teams[1].paperSecret = "paper-secret-changed-meanwhile"
					s2.put(t, paperIDPath(teams[1].tenantID), teams[1].owner,
						map[string]any{"client_secret": teams[1].paperSecret}).expect(http.StatusOK)
				}
				if batches == 4 {
					cancel()
				}
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("the stopped rotation: %v", err)
			}
			mid := check(t, rotator)
			if mid.ByVersion[newV] == 0 || mid.Older(newV) == 0 || mid.Values != 13 {
				t.Fatalf("half way: %+v", mid)
			}

			// 4. Resumed: only what is left is re-sealed; again: nothing.
			res, err := rotator.RotateMasterKey(ctx, 2, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Resealed+res.Raced != mid.Older(newV) || res.Current != mid.ByVersion[newV] || res.Version != newV {
				t.Fatalf("resumed: %+v after %+v", res, mid)
			}
			t.Logf("before %+v; half way %+v; resumed %+v", before, mid, res)
			if again, err := rotator.RotateMasterKey(ctx, 5, nil); err != nil || again.Resealed != 0 || again.Current != 13 {
				t.Fatalf("run twice: %+v %v", again, err)
			}
			if after := check(t, rotator); after.Older(newV) != 0 || after.Values != 13 {
				t.Fatalf("after: %+v", after)
			}
			s2.Stop()

			// 5. The old key goes: the new one alone opens everything.
			cfg.MasterKeys = newKey
			s3 := serve(t, engine, cfg, clock)
			if c := check(t, s3.srv.App); c.ByVersion[newV] != 13 {
				t.Fatalf("new key alone: %+v", c)
			}
			for _, rt := range teams {
				mfa := challenged(t, s3.loginBody(t, rt.email, rt.password, rt.tenantID), false)
				s3.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": rt.totp.next()}).
					expect(http.StatusOK).obj().str("access_token")
				s3.get(t, paperIDPath(rt.tenantID), rt.owner).expect(http.StatusOK)
				if _, s := s3.openedSecrets(t, rt.tenantID, credential.PaperID); s[credential.ClientSecret] != rt.paperSecret {
					t.Errorf("%s: Paper.id secret after rotation", rt.name())
				}
				if _, s := s3.openedSecrets(t, rt.tenantID, credential.Stripe); s[credential.SecretKey] != rt.stripeSecret ||
					s[credential.WebhookSecret] != rt.webhookSecret {
					t.Errorf("%s: Stripe secrets after rotation", rt.name())
				}
			}
			s3.Stop()
			cfg.MasterKeys, cfg.MasterKey = oldKey, ""
			if s, err := server.Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
				_ = s.Close()
				t.Fatal("a server with the old key alone started after the rotation")
			}
		})
	}
}

func (rt rotationTeam) name() string { return rt.slug }

// check opens every sealed value with a's keys and fails on any that does
// not open.
func check(t *testing.T, a *app.App) app.SealedCheck {
	t.Helper()
	c, err := a.CheckSealedValues(context.Background(), 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Failed) > 0 {
		t.Fatalf("values that do not open: %v", c.Failed)
	}
	return c
}

// legacy rewrites the signing keys and one tenant's Stripe credential in
// the format of before key versions ("v1.", sealed with the one master
// key), as a database of an earlier Tenantry holds them.
func legacy(t *testing.T, h *harness, masterKey, tenantID string) {
	t.Helper()
	k, _ := secret.ParseKey(masterKey)
	current, _ := secret.FromKeys([][]byte{k})
	old, _ := secret.NewBox(secret.LegacyVersion, map[string][]byte{secret.LegacyVersion: k})
	db := h.rawDB(t)
	rewrite := func(table, where, id, context string) {
		t.Helper()
		var sealed string
		col := map[string]string{"signing_keys": "private_sealed", "gateway_credentials": "secret_sealed"}[table]
		if err := db.QueryRow(h.rebind(`SELECT `+col+` FROM `+table+` WHERE `+where), id).Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		plain, err := current.Open(sealed, context)
		if err != nil {
			t.Fatal(err)
		}
		v1, _ := old.Seal(plain, context)
		if _, err := db.Exec(h.rebind(`UPDATE `+table+` SET `+col+` = ? WHERE `+where), v1, id); err != nil {
			t.Fatal(err)
		}
	}
	var kid string
	if err := db.QueryRow(`SELECT id FROM signing_keys`).Scan(&kid); err != nil {
		t.Fatal(err)
	}
	rewrite("signing_keys", "id = ?", kid, auth.SigningKeySealContext(kid))
	rewrite("gateway_credentials", "provider = 'stripe' AND tenant_id = ?", tenantID, credential.SealContext(tenantID, credential.Stripe))
}

// rebind writes ? parameters as the engine wants them.
func (h *harness) rebind(q string) string {
	if h.engine != "postgres" {
		return q
	}
	n := 0
	return regexp.MustCompile(`\?`).ReplaceAllStringFunc(q, func(string) string { n++; return "$" + strconv.Itoa(n) })
}

// otpCode is the sign-in code of the newest mail to email in the outbox.
func otpCode(t *testing.T, h *harness, email string) string {
	t.Helper()
	msgs := mailTo(t, outbox(t, h.cfg), email)
	if len(msgs) == 0 {
		t.Fatalf("no mail to %s", email)
	}
	code := regexp.MustCompile(`\b\d{6}\b`).FindString(msgs[0].Text)
	if code == "" {
		t.Fatalf("no code in %q", msgs[0].Text)
	}
	return code
}
