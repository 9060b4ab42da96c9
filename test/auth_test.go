package test

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLoginTokens(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Login Spa")

		t.Run("global", func(t *testing.T) {
			o := h.login(t, acc.email, acc.password)
			o.eq("token_type", "bearer")
			if got := o.num("expires_in"); got != 1800 {
				t.Errorf("expires_in %v, want 1800", got)
			}
			if rt := o.str("refresh_token"); len(rt) < 32 || strings.Count(rt, ".") == 2 {
				t.Errorf("refresh_token %q, want a long opaque token", rt)
			}
			ts := o.objs("tenants")
			if len(ts) != 1 {
				t.Fatalf("tenants %s, want one", o)
			}
			ts[0].eq("id", acc.tenantID)
			ts[0].eq("slug", acc.slug)
			ts[0].eq("role", "owner")

			header, c, _, _ := jwtParts(t, o.str("access_token"))
			header.eq("alg", "EdDSA")
			if header.str("kid") == "" {
				t.Error("token header has no kid")
			}
			if c.has("tenant_id") {
				t.Errorf("global token has a tenant_id claim: %s", c)
			}
			if c.has("role") {
				t.Errorf("global token has a role claim: %s", c)
			}
			if !strings.HasPrefix(c.str("sub"), "usr_") {
				t.Errorf("sub %q, want usr_…", c.str("sub"))
			}
			c.eq("iss", "tenantry")
			checkAudience(t, c)
			if c.str("jti") == "" {
				t.Error("jti empty")
			}
			iat, exp := c.num("iat"), c.num("exp")
			if exp-iat != 1800 {
				t.Errorf("exp-iat = %v, want 1800", exp-iat)
			}
			if now := float64(h.clock.peek().Unix()); iat < now-1 || iat > now {
				t.Errorf("iat %v is not now (%v on the server's clock)", iat, now)
			}
		})

		t.Run("scoped at login", func(t *testing.T) {
			o := h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": acc.password, "tenant_id": acc.tenantID}).
				expect(http.StatusOK).obj()
			o.eq("tenant_id", acc.tenantID)
			o.eq("role", "owner")
			o.eq("environment", "prod")
			if o.str("refresh_token") == "" {
				t.Error("no refresh_token")
			}
			c := claims(t, o.str("access_token"))
			c.eq("tenant_id", acc.tenantID)
			c.eq("role", "owner")
			c.eq("env", "prod")
			c.eq("iss", "tenantry")
			checkAudience(t, c)
			for _, k := range []string{"sub", "jti"} {
				if c.str(k) == "" {
					t.Errorf("claim %s empty", k)
				}
			}
			if c.num("exp")-c.num("iat") != 1800 {
				t.Errorf("scoped token lifetime %v s, want 1800", c.num("exp")-c.num("iat"))
			}
			if c.has("outlet_ids") {
				if ids, ok := c.m["outlet_ids"].([]any); !ok || len(ids) != 0 {
					t.Errorf("outlet_ids %v, want absent or empty", c.m["outlet_ids"])
				}
			}
			// The scoped token works on its tenant.
			h.get(t, "/api/v1/tenants/"+acc.tenantID, o.str("access_token")).expect(http.StatusOK).obj().eq("id", acc.tenantID)
		})

		t.Run("email is case-insensitive", func(t *testing.T) {
			o := h.login(t, "  "+strings.ToUpper(acc.email)+" ", acc.password)
			if ts := o.objs("tenants"); len(ts) != 1 || ts[0].str("id") != acc.tenantID {
				t.Errorf("tenants %s", o)
			}
		})

		t.Run("login naming a tenant the user is not in", func(t *testing.T) {
			h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": acc.password, "tenant_id": "public"}).
				problem(http.StatusNotFound, "tenant_not_found")
		})

		t.Run("wrong password and unknown email answer alike", func(t *testing.T) {
			wrong := h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": "Wrong-Passw0rd"})
			unknown := h.post(t, "/api/v1/auth/login", "", map[string]any{"email": "nobody@nowhere.example.com", "password": "Wrong-Passw0rd"})
			a := wrong.problem(http.StatusUnauthorized, "invalid_credentials")
			b := unknown.problem(http.StatusUnauthorized, "invalid_credentials")
			delete(a.m, "request_id")
			delete(b.m, "request_id")
			if a.String() != b.String() {
				t.Errorf("bodies differ:\nwrong password: %s\nunknown email:  %s", a, b)
			}
			for _, hd := range []string{"Content-Type", "WWW-Authenticate", "Retry-After"} {
				if wrong.header.Get(hd) != unknown.header.Get(hd) {
					t.Errorf("header %s differs: %q vs %q", hd, wrong.header.Get(hd), unknown.header.Get(hd))
				}
			}
		})

		t.Run("platform admin", func(t *testing.T) {
			o := h.login(t, adminEmail, adminPassword)
			if ts := o.objs("tenants"); len(ts) != 0 {
				t.Errorf("platform admin's tenants %s, want []", o)
			}
			if c := claims(t, o.str("access_token")); c.has("tenant_id") {
				t.Errorf("admin's global token has a tenant: %s", c)
			}
		})

		t.Run("missing fields", func(t *testing.T) {
			p := h.post(t, "/api/v1/auth/login", "", map[string]any{}).problem(http.StatusUnprocessableEntity, "validation_failed")
			fe := p.fieldErrors()
			if fe["email"] != "required" || fe["password"] != "required" {
				t.Errorf("errors %v, want email and password required", fe)
			}
		})
	})
}

// checkAudience checks the aud claim (a string or a list) names tenantry-api.
func checkAudience(t *testing.T, c obj) {
	t.Helper()
	switch aud := c.m["aud"].(type) {
	case string:
		if aud != "tenantry-api" {
			t.Errorf("aud %q, want tenantry-api", aud)
		}
	case []any:
		if len(aud) != 1 || aud[0] != "tenantry-api" {
			t.Errorf("aud %v, want [tenantry-api]", aud)
		}
	default:
		t.Errorf("aud %v (%T), want tenantry-api", c.m["aud"], c.m["aud"])
	}
}

func TestLoginThrottle(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Throttle Spa")
		other := h.register(t, "Unthrottled Spa")
		for i := 0; i < 5; i++ {
			h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": "Wrong-Passw0rd"}).
				problem(http.StatusUnauthorized, "invalid_credentials")
		}
		// The sixth attempt is refused even with the right password.
		r := h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": acc.password})
		r.problem(http.StatusTooManyRequests, "login_throttled")
		if ra := r.header.Get("Retry-After"); ra == "" || ra == "0" {
			t.Errorf("Retry-After %q, want a positive number of seconds", ra)
		}
		// Another account is not affected.
		h.login(t, other.email, other.password)
		// An email no account has is throttled alike, so throttling reveals nothing.
		for i := 0; i < 5; i++ {
			h.post(t, "/api/v1/auth/login", "", map[string]any{"email": "ghost@nowhere.example.com", "password": "Wrong-Passw0rd"}).
				problem(http.StatusUnauthorized, "invalid_credentials")
		}
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": "ghost@nowhere.example.com", "password": "Wrong-Passw0rd"}).
			problem(http.StatusTooManyRequests, "login_throttled")
		// The lock is temporary: it lasts a second, and once that has passed
		// on the server's clock the right password works.
		if ra := r.header.Get("Retry-After"); ra != "1" {
			t.Errorf("Retry-After %q after the fifth failure, want 1", ra)
		}
		h.clock.advance(time.Second)
		h.login(t, acc.email, acc.password)

		// The lockout is in the audit log, seen by the platform admin.
		events := h.get(t, "/api/v1/audit-logs?action=auth.lockout", h.admin(t)).expect(http.StatusOK).list()
		locked := map[string]bool{}
		for _, e := range events {
			e.eq("outcome", "failure")
			e.eq("tenant_id", "public")
			locked[e.str("actor_email")] = true
		}
		if len(events) != 2 || !locked[acc.email] || !locked["ghost@nowhere.example.com"] {
			t.Fatalf("auth.lockout events %v, want one for %s and one for the unknown email", events, acc.email)
		}
		failures := h.get(t, "/api/v1/audit-logs?action=auth.login", h.admin(t)).expect(http.StatusOK).list()
		n := 0
		for _, e := range failures {
			if e.str("actor_email") == acc.email && e.str("outcome") == "failure" {
				n++
			}
		}
		if n != 5 {
			t.Errorf("%d failed auth.login events for %s, want 5", n, acc.email)
		}
	})
}

func TestJWKS(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Keys Spa")
		login := h.login(t, acc.email, acc.password)
		tok := login.str("access_token")

		r := h.get(t, "/.well-known/jwks.json", "").expect(http.StatusOK)
		keys := r.obj().objs("keys")
		if len(keys) == 0 {
			t.Fatal("no keys in the JWKS")
		}
		pub := map[string]ed25519.PublicKey{}
		for _, k := range keys {
			k.eq("kty", "OKP")
			k.eq("crv", "Ed25519")
			k.eq("alg", "EdDSA")
			k.eq("use", "sig")
			if k.has("d") {
				t.Errorf("JWKS publishes a private key: %s", k)
			}
			x, err := base64.RawURLEncoding.DecodeString(k.str("x"))
			if err != nil || len(x) != ed25519.PublicKeySize {
				t.Fatalf("key %s: x is not a base64url Ed25519 public key: %v", k.str("kid"), err)
			}
			pub[k.str("kid")] = x
		}

		// The test verifies the token's signature on its own.
		header, _, input, sig := jwtParts(t, tok)
		header.eq("alg", "EdDSA")
		key, ok := pub[header.str("kid")]
		if !ok {
			t.Fatalf("token kid %q not in the JWKS", header.str("kid"))
		}
		if !ed25519.Verify(key, []byte(input), sig) {
			t.Fatal("token signature does not verify with the published key")
		}

		// A genuine token works; forged ones are refused.
		h.get(t, "/api/v1/tenants", tok).expect(http.StatusOK)
		parts := strings.Split(tok, ".")
		enc := func(v any) string {
			b, _ := json.Marshal(v)
			return base64.RawURLEncoding.EncodeToString(b)
		}
		payload := claims(t, tok).m
		payload["tenant_id"], payload["role"] = acc.tenantID, "owner"
		none := map[string]any{"alg": "none", "typ": "JWT", "kid": header.str("kid")}
		hs := map[string]any{"alg": "HS256", "typ": "JWT", "kid": header.str("kid")}
		forged := map[string]string{
			"alg none, no signature":    enc(none) + "." + parts[1] + ".",
			"alg none, kept signature":  enc(none) + "." + parts[1] + "." + parts[2],
			"alg HS256":                 enc(hs) + "." + parts[1] + "." + parts[2],
			"tampered payload":          parts[0] + "." + enc(payload) + "." + parts[2],
			"signature of another body": parts[0] + "." + enc(map[string]any{"sub": "usr_x"}) + "." + parts[2],
			"truncated signature":       parts[0] + "." + parts[1] + "." + parts[2][:len(parts[2])-4],
			"not a JWT":                 "garbage",
		}
		for name, f := range forged {
			t.Run(name, func(t *testing.T) {
				h.get(t, "/api/v1/tenants", f).problem(http.StatusUnauthorized, "invalid_token")
			})
		}
		r = h.get(t, "/api/v1/tenants", "")
		r.problem(http.StatusUnauthorized, "missing_token")
		if r.header.Get("WWW-Authenticate") == "" {
			t.Error("401 without WWW-Authenticate")
		}
	})
}

func TestSelectTenant(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		a := h.register(t, "Select Alpha")
		b := h.register(t, "Select Beta")
		global := h.token(t, a.email, a.password)

		o := h.post(t, "/api/v1/auth/select-tenant", global, map[string]any{"tenant_id": a.tenantID}).expect(http.StatusOK).obj()
		o.eq("token_type", "bearer")
		o.eq("tenant_id", a.tenantID)
		o.eq("role", "owner")
		o.eq("environment", "prod")
		scoped := o.str("access_token")
		c := claims(t, scoped)
		c.eq("tenant_id", a.tenantID)
		c.eq("role", "owner")
		c.eq("env", "prod")
		c.eq("sub", claims(t, global).str("sub"))

		// Not a member of b: 404, as if it did not exist; a missing tenant alike.
		h.post(t, "/api/v1/auth/select-tenant", global, map[string]any{"tenant_id": b.tenantID}).problem(http.StatusNotFound, "tenant_not_found")
		h.post(t, "/api/v1/auth/select-tenant", global, map[string]any{"tenant_id": "ten_doesnotexist"}).problem(http.StatusNotFound, "tenant_not_found")
		h.post(t, "/api/v1/auth/select-tenant", global, map[string]any{}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.post(t, "/api/v1/auth/select-tenant", "", map[string]any{"tenant_id": a.tenantID}).problem(http.StatusUnauthorized, "missing_token")

		// The scoped token reads its own tenant; another tenant answers 404, never 403.
		h.get(t, "/api/v1/tenants/"+a.tenantID, scoped).expect(http.StatusOK).obj().eq("slug", a.slug)
		h.get(t, "/api/v1/tenants/"+b.tenantID, scoped).problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, "/api/v1/tenants/"+b.tenantID, global).problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, "/api/v1/tenants/ten_doesnotexist", global).problem(http.StatusNotFound, "tenant_not_found")
		h.put(t, "/api/v1/tenants/"+b.tenantID, scoped, map[string]any{"name": "Hijacked"}).problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, "/api/v1/tenants/"+b.tenantID+"/staff-position-templates", scoped).problem(http.StatusNotFound, "tenant_not_found")

		// The platform admin may select any tenant.
		ad := h.post(t, "/api/v1/auth/select-tenant", h.admin(t), map[string]any{"tenant_id": b.tenantID}).expect(http.StatusOK).obj()
		ad.eq("tenant_id", b.tenantID)
		h.get(t, "/api/v1/tenants/"+b.tenantID, ad.str("access_token")).expect(http.StatusOK)
	})
}

func TestRefreshAndLogout(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Refresh Spa")

		t.Run("rotation and reuse", func(t *testing.T) {
			login := h.login(t, acc.email, acc.password)
			rt1 := login.str("refresh_token")
			o := h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": rt1}).expect(http.StatusOK).obj()
			rt2 := o.str("refresh_token")
			o.eq("token_type", "bearer")
			if o.num("expires_in") != 1800 {
				t.Errorf("expires_in %v, want 1800", o.num("expires_in"))
			}
			if rt2 == "" || rt2 == rt1 {
				t.Fatalf("refresh did not rotate: %q then %q", rt1, rt2)
			}
			access := o.str("access_token")
			if access == login.str("access_token") {
				t.Error("refresh returned the same access token")
			}
			h.get(t, "/api/v1/tenants", access).expect(http.StatusOK)

			// The used token again: reuse, the whole family ends.
			h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": rt1}).problem(http.StatusUnauthorized, "refresh_token_reused")
			h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": rt2}).problem(http.StatusUnauthorized, "invalid_refresh_token")

			// Another login (another family) is untouched.
			other := h.login(t, acc.email, acc.password).str("refresh_token")
			h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": other}).expect(http.StatusOK)
		})

		t.Run("concurrent use of one refresh token", func(t *testing.T) {
			rt := h.login(t, acc.email, acc.password).str("refresh_token")
			const n = 5
			results := make(chan *response, n)
			var wg sync.WaitGroup
			for range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					results <- h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": rt})
				}()
			}
			wg.Wait()
			close(results)
			var winners []*response
			codes := map[string]int{}
			for r := range results {
				switch r.status {
				case http.StatusOK:
					winners = append(winners, r)
				case http.StatusUnauthorized:
					codes[r.obj().str("code")]++
				default:
					t.Errorf("status %d: %s", r.status, r.body)
				}
			}
			if len(winners) != 1 {
				t.Fatalf("%d refreshes won, want exactly 1 (losers: %v)", len(winners), codes)
			}
			if codes["refresh_token_reused"] == 0 || codes["refresh_token_reused"]+codes["invalid_refresh_token"] != n-1 {
				t.Errorf("losers answered %v, want reuse detected", codes)
			}
			// Reuse was detected, so the winner's new token is revoked too.
			h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": winners[0].obj().str("refresh_token")}).
				problem(http.StatusUnauthorized, "invalid_refresh_token")
		})

		t.Run("scoped refresh keeps the tenant", func(t *testing.T) {
			o := h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": acc.password, "tenant_id": acc.tenantID}).
				expect(http.StatusOK).obj()
			r := h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": o.str("refresh_token")}).expect(http.StatusOK).obj()
			c := claims(t, r.str("access_token"))
			c.eq("tenant_id", acc.tenantID)
			c.eq("role", "owner")
		})

		t.Run("invalid refresh tokens", func(t *testing.T) {
			h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": "rt_not-a-real-token"}).problem(http.StatusUnauthorized, "invalid_refresh_token")
			p := h.post(t, "/api/v1/auth/refresh", "", map[string]any{}).problem(http.StatusUnprocessableEntity, "validation_failed")
			p.fieldError("refresh_token").eq("code", "required")
		})

		t.Run("logout", func(t *testing.T) {
			login := h.login(t, acc.email, acc.password)
			access, rt := login.str("access_token"), login.str("refresh_token")
			h.get(t, "/api/v1/tenants", access).expect(http.StatusOK)
			r := h.post(t, "/api/v1/auth/logout", access, map[string]any{"refresh_token": rt}).expect(http.StatusNoContent)
			if len(r.body) != 0 {
				t.Errorf("204 with a body: %q", r.body)
			}
			h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": rt}).problem(http.StatusUnauthorized, "invalid_refresh_token")
			h.get(t, "/api/v1/tenants", access).problem(http.StatusUnauthorized, "invalid_token")
		})

		t.Run("logout everywhere", func(t *testing.T) {
			a := h.login(t, acc.email, acc.password)
			b := h.login(t, acc.email, acc.password)
			h.do(t, http.MethodPost, "/api/v1/auth/logout", req{token: a.str("access_token")}).expect(http.StatusNoContent)
			for _, rt := range []string{a.str("refresh_token"), b.str("refresh_token")} {
				h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": rt}).problem(http.StatusUnauthorized, "invalid_refresh_token")
			}
			// Every access token issued before it ends too, and a new login works.
			for _, tok := range []string{a.str("access_token"), b.str("access_token")} {
				h.get(t, "/api/v1/tenants", tok).problem(http.StatusUnauthorized, "invalid_token")
			}
			h.get(t, "/api/v1/tenants", h.token(t, acc.email, acc.password)).expect(http.StatusOK)
		})
	})
}
