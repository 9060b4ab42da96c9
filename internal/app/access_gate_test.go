package app

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/setting"
)

// TestUseCasesAuthorizeFirst (issue 7, defect 9): a use case refuses a
// caller the permission table does not allow before it looks at the input,
// so an invalid input answers Forbidden, not which fields are wrong. The
// callers are scoped, so deciding needs no database (the App has none).
func TestUseCasesAuthorizeFirst(t *testing.T) {
	ctx := context.Background()
	a := &App{}
	viewer := &auth.Principal{UserID: "usr_1", TenantID: "ten_1", Role: membership.Viewer}
	staff := &auth.Principal{UserID: "usr_2", TenantID: "ten_1", Role: membership.Staff}
	key := &auth.Principal{APIKeyID: "key_1", TenantID: "ten_1", Scopes: []string{"tenant:read"}}
	for _, p := range []*auth.Principal{viewer, staff, key} {
		for name, call := range map[string]func() error{
			"CreateUser":   func() error { _, err := a.CreateUser(ctx, p, CreateUserInput{Role: "bogus"}); return err },
			"CreateInvite": func() error { _, err := a.CreateInvite(ctx, p, InviteInput{Email: "not an email"}); return err },
			"CreateAPIKey": func() error { _, err := a.CreateAPIKey(ctx, p, APIKeyInput{Environment: "mars"}); return err },
			"ListUsers":    func() error { _, _, err := a.ListUsers(ctx, p, MemberFilter{Skip: -1, Role: "bogus"}); return err },
			"ListMembers":  func() error { _, _, err := a.ListMembers(ctx, p, MemberFilter{Limit: 0, Status: "x"}); return err },
			"ListInvites":  func() error { _, _, err := a.ListInvites(ctx, p, InviteFilter{Skip: -1, Status: "x"}); return err },
			"AssociateUser": func() error {
				_, err := a.AssociateUser(ctx, p, "ten_1", "", "SUPER_ADMIN")
				return err
			},
			"DisassociateUser": func() error { _, err := a.DisassociateUser(ctx, p, "ten_1", ""); return err },
			"PutAuthConfig": func() error {
				_, err := a.PutAuthConfig(ctx, p, "ten_1", AuthConfigUpdate{BodyTenantID: "other",
					Values: map[string]json.RawMessage{setting.AccessTokenValidity: json.RawMessage(`"1s"`)}})
				return err
			},
		} {
			if err := call(); !errs.Is(err, errs.Forbidden) {
				t.Errorf("%s as %s: %v, want Forbidden", name, who(p), err)
			}
		}
	}
}

func who(p *auth.Principal) string {
	if p.IsAPIKey() {
		return "an API key"
	}
	return string(p.Role)
}

// TestAuthorize: the API's check before a handler's input error is the
// permission table's, in the tenant named or the token's.
func TestAuthorize(t *testing.T) {
	ctx := context.Background()
	a := &App{}
	admin := &auth.Principal{UserID: "usr_1", TenantID: "ten_1", Role: membership.TenantAdmin}
	viewer := &auth.Principal{UserID: "usr_2", TenantID: "ten_1", Role: membership.Viewer}
	platform := &auth.Principal{UserID: "usr_3", PlatformAdmin: true}
	global := &auth.Principal{UserID: "usr_4"}
	for _, c := range []struct {
		p      *auth.Principal
		tenant string
		want   errs.Kind // Internal: allowed
		code   string
	}{
		{admin, "", errs.Internal, ""},
		{admin, "ten_1", errs.Internal, ""},
		{admin, "ten_2", errs.NotFound, "tenant_not_found"},
		{viewer, "", errs.Forbidden, "forbidden"},
		{viewer, "ten_2", errs.NotFound, "tenant_not_found"},
		{platform, "", errs.Internal, ""},
		{global, "", errs.Internal, ""}, // no tenant to judge in: the use case answers
	} {
		err := a.Authorize(ctx, c.p, c.tenant, membership.UserCreate)
		switch {
		case c.want == errs.Internal && err != nil:
			t.Errorf("%s in %q: %v, want allowed", who(c.p), c.tenant, err)
		case c.want != errs.Internal && (!errs.Is(err, c.want) || errs.CodeOf(err) != c.code):
			t.Errorf("%s in %q: %v, want %s", who(c.p), c.tenant, err, c.code)
		}
	}
}
