package test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/mailtest"
	"github.com/tenantry/tenantry/internal/membership"
)

// TestLoginTokenRequirement: while a tenant requires login tokens, every sign-in into
// it (password login, email-code verification, tenant selection) needs a
// fresh one minted by its key holders; a token is spent by the first
// attempt that presents it, whatever that attempt's outcome; expired and
// other tenants' tokens are refused; refusals are audited; platform admins
// and global logins are exempt; a tenant that does not require them takes
// sign-ins as before.
func TestLoginTokenRequirement(t *testing.T) {
	t.Parallel()
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		acc, owner := h.keyOwner(t, "Token Gate Spa")
		other, otherOwner := h.keyOwner(t, "Token Other Spa")
		login := func(password, tenantID, token string) *response {
			body := map[string]any{"email": acc.email, "password": password, "tenant_id": tenantID}
			if token != "" {
				body["login_token"] = token
			}
			return h.post(t, "/api/v1/auth/login", "", body)
		}
		mint := func(token string) string {
			o := h.post(t, "/api/v1/login-tokens", token, nil).expect(http.StatusCreated).obj()
			if !strings.HasPrefix(o.str("login_token"), "ltk_") {
				t.Fatalf("login token %s", o)
			}
			exp, err := time.Parse(time.RFC3339Nano, o.str("expires_at"))
			if d := exp.Sub(h.clock.peek()); err != nil || d < 4*time.Minute || d > 5*time.Minute {
				t.Fatalf("expires_at %q is not five minutes ahead (%v)", o.str("expires_at"), err)
			}
			return o.str("login_token")
		}

		// Not required (the default): a token is neither needed nor checked.
		login(acc.password, acc.tenantID, "").expect(http.StatusOK)
		login(acc.password, acc.tenantID, "ltk_whatever").expect(http.StatusOK)

		h.put(t, "/api/v1/configs/auth.login_token_required", owner, map[string]any{"value": true}).expect(http.StatusOK)
		login(acc.password, acc.tenantID, "").problem(http.StatusForbidden, "login_token_required")
		login(acc.password, acc.tenantID, "ltk_forged").problem(http.StatusUnauthorized, "invalid_login_token")
		global := h.login(t, acc.email, acc.password).str("access_token") // a global login is scoped to nothing: exempt
		h.scoped(t, other.email, other.password, other.tenantID)          // the other tenant does not require them

		// A fresh token lets one sign-in in, once.
		tok := mint(owner)
		login(acc.password, acc.tenantID, tok).expect(http.StatusOK).obj().eq("tenant_id", acc.tenantID)
		login(acc.password, acc.tenantID, tok).problem(http.StatusUnauthorized, "invalid_login_token")

		// A failed attempt spends it too: the right password cannot follow with the same token.
		tok = mint(owner)
		login("Wrong-Passw0rd!", acc.tenantID, tok).problem(http.StatusUnauthorized, "invalid_credentials")
		login(acc.password, acc.tenantID, tok).problem(http.StatusUnauthorized, "invalid_login_token")

		// Expired after five minutes; another tenant's token is no token here.
		tok = mint(owner)
		h.clock.advance(5*time.Minute + time.Second)
		login(acc.password, acc.tenantID, tok).problem(http.StatusUnauthorized, "invalid_login_token")
		login(acc.password, acc.tenantID, mint(otherOwner)).problem(http.StatusUnauthorized, "invalid_login_token")

		// Tenant selection: the member needs a token, the platform admin does not.
		sel := func(token, loginToken string) *response {
			body := map[string]any{"tenant_id": acc.tenantID}
			if loginToken != "" {
				body["login_token"] = loginToken
			}
			return h.post(t, "/api/v1/auth/select-tenant", token, body)
		}
		sel(global, "").problem(http.StatusForbidden, "login_token_required")
		sel(global, mint(owner)).expect(http.StatusOK).obj().eq("tenant_id", acc.tenantID)
		sel(h.admin(t), "").expect(http.StatusOK)

		// Email-code sign-in: the code is not tried without a token, so it still works with one.
		code := h.requestCode(t, srv, acc.email, 1)
		verify := func(loginToken string) *response {
			body := map[string]any{"email": acc.email, "code": code, "tenant_id": acc.tenantID}
			if loginToken != "" {
				body["login_token"] = loginToken
			}
			return h.post(t, "/api/v1/auth/otp/verify", "", body)
		}
		verify("").problem(http.StatusForbidden, "login_token_required")
		verify(mint(owner)).expect(http.StatusOK).obj().eq("tenant_id", acc.tenantID)

		// Who mints: owner and tenant admin, API keys with login-tokens:write; not other roles or keys.
		signIn := func(email string, role membership.Role) string {
			h.post(t, "/api/v1/users", owner, map[string]any{"email": email, "password": goodPassword,
				"first_name": "Member", "last_name": string(role), "role": role}).expect(http.StatusCreated)
			return h.post(t, "/api/v1/auth/login", "", map[string]any{"email": email, "password": goodPassword,
				"tenant_id": acc.tenantID, "login_token": mint(owner)}).expect(http.StatusOK).obj().str("access_token")
		}
		mint(signIn("admin@token-gate-spa.example.com", membership.TenantAdmin))
		viewer := signIn("viewer@token-gate-spa.example.com", membership.Viewer)
		h.post(t, "/api/v1/login-tokens", viewer, nil).expect(http.StatusForbidden)
		h.post(t, "/api/v1/login-tokens", global, nil).problem(http.StatusUnprocessableEntity, "scoped_token_required")
		minter := h.createKey(t, owner, "Backend", "prod", "login-tokens:write").str("key")
		reader := h.createKey(t, owner, "Reader", "prod", "tenant:read").str("key")
		keyTok := h.withKey(t, "POST", "/api/v1/login-tokens", minter, nil).expect(http.StatusCreated).obj().str("login_token")
		h.withKey(t, "POST", "/api/v1/login-tokens", reader, nil).problem(http.StatusForbidden, "insufficient_scope")
		login(acc.password, acc.tenantID, keyTok).expect(http.StatusOK)

		// The refusals are in the tenant's audit log, with their reason and no token.
		reasons := map[string]bool{}
		for _, e := range h.get(t, "/api/v1/audit-logs?limit=500&action=auth.login", owner).expect(http.StatusOK).list() {
			if d := e.sub("details"); d.has("reason") {
				reasons[d.str("reason")] = true
			}
			if b, _ := json.Marshal(e.m); strings.Contains(string(b), "ltk_") {
				t.Errorf("a login token reached the audit log: %s", b)
			}
		}
		if !reasons["login_token_required"] || !reasons["invalid_login_token"] {
			t.Errorf("refusals not audited with their reasons: %v", reasons)
		}
		if n := len(h.get(t, "/api/v1/audit-logs?limit=500&action=auth.login_token.issue", owner).expect(http.StatusOK).list()); n < 8 {
			t.Errorf("%d login token issues audited", n)
		}
	})
}

// TestPersLoginToken: the pers surface's GET /tenants/login-token answers a
// bare string with the project's own key, which a sign-in into the project
// then spends; a key without the scope is refused.
func TestPersLoginToken(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		_, secret := h.platformKey(t, "business")
		made := h.do(t, "POST", "/tenants", req{body: map[string]any{"projectName": "Gated Project"},
			header: map[string]string{"x-api-key": secret}}).expect(http.StatusCreated).obj()
		projectID, jwt, prod := made.str("id"), made.str("jwt"), made.str("projectApiKey")
		h.member(t, projectID, "player@gated-project.example.com", membership.Viewer) // signs in below
		h.put(t, "/api/v1/configs/auth.login_token_required", jwt, map[string]any{"value": true}).expect(http.StatusOK)
		body := func(token string) map[string]any {
			return map[string]any{"email": "player@gated-project.example.com", "password": goodPassword,
				"tenant_id": projectID, "login_token": token}
		}

		var tok string
		res := h.do(t, "GET", "/tenants/login-token", req{header: map[string]string{"x-project-key": prod}}).expect(http.StatusOK)
		if err := json.Unmarshal(res.body, &tok); err != nil || !strings.HasPrefix(tok, "ltk_") {
			t.Fatalf("GET /tenants/login-token: %s (%v)", res.body, err)
		}
		h.post(t, "/api/v1/auth/login", "", body(tok)).expect(http.StatusOK).obj().eq("tenant_id", projectID)
		h.post(t, "/api/v1/auth/login", "", body(tok)).problem(http.StatusUnauthorized, "invalid_login_token")

		// The admin's bearer mints too; a key with tenant:read only, or no credentials, do not.
		h.get(t, "/tenants/login-token", jwt).expect(http.StatusOK)
		reader := h.createKey(t, jwt, "Reader", "prod", "tenant:read").str("key")
		h.do(t, "GET", "/tenants/login-token", req{header: map[string]string{"x-project-key": reader}}).
			problem(http.StatusForbidden, "insufficient_scope")
		h.get(t, "/tenants/login-token", "").problem(http.StatusUnauthorized, "missing_credentials")
	})
}

// TestPersProjectAtomic: a project is created in one transaction — while
// the platform's MFA policy would ask its admin for a second factor it
// cannot have, the creation is refused and leaves no tenant, user or key
// behind; once the policy is lifted the same name is created.
func TestPersProjectAtomic(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		_, secret := h.platformKey(t, "business")
		biz := map[string]string{"x-api-key": secret}
		before := h.tenantCount(t)
		h.adminConfig(t, "auth.mfa_enforced", map[string]any{"value": true})
		h.do(t, "POST", "/tenants", req{body: map[string]any{"projectName": "Half Made"}, header: biz}).
			problem(http.StatusConflict, "project_admin_mfa_required")
		if n := h.tenantCount(t); n != before {
			t.Fatalf("a refused project left a tenant: %d tenants, %d before", n, before)
		}
		if h.get(t, "/api/v1/admin/users?email=projects.tenantry.invalid", h.admin(t)).expect(http.StatusOK).obj().num("total") != 0 {
			t.Fatal("a refused project left its admin account")
		}
		h.del(t, "/api/v1/admin/configs/auth.mfa_enforced?scope=GLOBAL", h.admin(t)).expect(http.StatusNoContent)
		made := h.do(t, "POST", "/tenants", req{body: map[string]any{"projectName": "Half Made"}, header: biz}).
			expect(http.StatusCreated).obj()
		made.eq("acronym", "HM")
		if n := h.tenantCount(t); n != before+1 {
			t.Fatalf("%d tenants after the retry, %d before", n, before)
		}
	})
}
