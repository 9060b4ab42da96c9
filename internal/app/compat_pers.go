package app

import (
	"context"
	"crypto/rand"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
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
// platform admin (pers seed), through the native use cases: CreateTenant
// with a project admin as its owner (an account of the reserved domain
// projectAdminDomain with a random password nobody knows: it signs in only
// through the token returned here), a login of that admin scoped to the
// tenant (its access token is the project's jwt), and CreateAPIKey for a
// prod and a dev key with the default scope (tenant:read). The steps are
// separate transactions; a failure after the first leaves the tenant,
// which a platform admin can deactivate.
func (a *App) CreateProject(ctx context.Context, p *auth.Principal, name string) (*Project, error) {
	if err := requirePlatformAdmin(p); err != nil {
		return nil, err
	}
	password, err := randomPassword()
	if err != nil {
		return nil, err
	}
	email := "admin-" + strings.TrimPrefix(id.New(id.User), id.User+"_") + "@" + projectAdminDomain
	view, err := a.CreateTenant(ctx, p, CreateTenantInput{Name: name, AdminEmail: email, AdminPassword: password,
		AdminFirstName: "Project", AdminLastName: "Admin"})
	if err != nil {
		return nil, renameField(err, "admin_email", "projectName")
	}
	s, err := a.Login(ctx, LoginInput{Email: email, Password: password, TenantID: view.Tenant.ID})
	if err != nil {
		return nil, err
	}
	out := &Project{View: view, AdminToken: s.AccessToken}
	admin, err := a.Authenticate(ctx, s.AccessToken)
	if err != nil {
		return nil, err
	}
	if out.ProdKey, err = a.CreateAPIKey(ctx, admin, APIKeyInput{Name: "projectApiKey", Environment: auth.EnvProd}); err != nil {
		return nil, err
	}
	if out.DevKey, err = a.CreateAPIKey(ctx, admin, APIKeyInput{Name: "testnetProjectApiKey", Environment: auth.EnvDev}); err != nil {
		return nil, err
	}
	return out, nil
}

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
