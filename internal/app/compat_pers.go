package app

import (
	"cmp"
	"context"
	"crypto/rand"
	"strings"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/store"
)

// Project is a tenant as the pers seed's POST /tenants creates it, with the
// secrets shown once: its prod and dev API keys and a tenant-admin token.
type Project struct {
	View       *TenantView
	ProdKey    *IssuedAPIKey
	DevKey     *IssuedAPIKey
	AdminToken string
}

// projectAdminDomain is where the project admins' addresses live: a
// reserved top-level domain (RFC 2606), so nothing is ever delivered there.
const projectAdminDomain = "projects.tenantry.invalid"

// CreateProject creates a tenant called name for a platform key or a
// platform admin (pers seed), in one transaction, through the native use
// cases' steps: the tenant with a project admin as its owner (an account of
// the reserved domain projectAdminDomain with a random password nobody
// knows: it signs in only through the token returned here), a login of that
// admin scoped to the tenant (its access token is the project's jwt), and a
// prod and a dev key that read the tenant and mint its login tokens. Any
// failure leaves nothing behind: when the platform's policy would ask the
// new admin for a second factor, the project is refused rather than
// answered without its jwt.
func (a *App) CreateProject(ctx context.Context, p *auth.Principal, name string) (*Project, error) {
	if err := requirePlatformAdmin(p); err != nil {
		return nil, err
	}
	password, err := randomPassword()
	if err != nil {
		return nil, err
	}
	out := &Project{}
	email := "admin-" + strings.TrimPrefix(id.New(id.User), id.User+"_") + "@" + projectAdminDomain
	in := CreateTenantInput{Name: name, AdminEmail: email, AdminPassword: password,
		AdminFirstName: "Project", AdminLastName: "Admin",
		then: func(ctx context.Context, tx *store.Tx, view *TenantView, owner *identity.User) error {
			admin, cfg, err := a.loginPrincipal(ctx, tx, owner, view.Tenant.ID, MethodPassword)
			if err != nil {
				return err
			}
			if need, _, err := needsMFA(ctx, tx, owner.ID, cfg); err != nil || need {
				return cmp.Or[error](err, errProjectMFA)
			}
			s, err := a.completeLogin(ctx, tx, admin, MethodPassword, map[string]string{"via": "project.create"})
			if err != nil {
				return err
			}
			out.AdminToken = s.AccessToken
			scopes := []string{apikey.ScopeTenantRead, apikey.ScopeLoginTokensWrite}
			if out.ProdKey, err = a.createAPIKeyIn(ctx, tx, admin,
				APIKeyInput{Name: "projectApiKey", Environment: auth.EnvProd, Scopes: scopes}); err != nil {
				return err
			}
			out.DevKey, err = a.createAPIKeyIn(ctx, tx, admin,
				APIKeyInput{Name: "testnetProjectApiKey", Environment: auth.EnvDev, Scopes: scopes})
			return err
		}}
	if out.View, err = a.CreateTenant(ctx, p, in); err != nil {
		return nil, renameField(err, "admin_email", "projectName")
	}
	return out, nil
}

var errProjectMFA = errs.E(errs.Conflict, "project_admin_mfa_required",
	"The platform's MFA policy asks every sign-in for a second factor, which a project's admin cannot have: "+
		"projects cannot be created while it applies to new tenants.")

// renameField names a validation problem of field as the seed's field.
func renameField(err error, from, to string) error {
	e, ok := errs.As(err)
	if !ok {
		return err
	}
	c := *e // a copy: the error may be shared
	c.Fields = append([]errs.FieldError(nil), e.Fields...)
	for i := range c.Fields {
		if c.Fields[i].Field == "name" || c.Fields[i].Field == from {
			c.Fields[i].Field = to
		}
	}
	return &c
}

// randomPassword is 40 random base62 characters and one of each class a
// password policy may ask for.
func randomPassword() (string, error) {
	const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b := make([]byte, 40)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	for i := range b {
		b[i] = base62[int(b[i])%62]
	}
	return string(b) + "Aa1!", nil
}
