package api

import (
	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
)

// TenantContextView is a tenant as the caller may see it (pers seed). Every
// level has the public profile; access_level says which level this is:
//   - public (anonymous, or credentials of another tenant): the profile only;
//   - client (an API key with tenant:read, or a member): also email,
//     environment (of the key or token) and client_config;
//   - admin (a platform admin, or an owner or tenant_admin): also tenant,
//     the full tenant document as GET /api/v1/tenants/{tenant_id} returns it.
type TenantContextView struct {
	AccessLevel  string        `json:"access_level"`
	ID           string        `json:"id"`
	Name         string        `json:"name"`
	Slug         string        `json:"slug"`
	Description  string        `json:"description"`
	Website      string        `json:"website"`
	LogoURL      string        `json:"logo_url"`
	Email        string        `json:"email,omitempty"`
	Environment  string        `json:"environment,omitempty"`
	ClientConfig *ClientConfig `json:"client_config,omitempty"`
	Tenant       *Tenant       `json:"tenant,omitempty"`
}

// ClientConfig is what a tenant's front end needs to sign its users in:
// which login methods are usable (switched on and a first factor), the
// factors, and the publishable keys of its enabled gateway credentials
// (Stripe's under "stripe"), and its branding (configuration keys
// branding.logo_url and branding.primary_color, "" when unset).
type ClientConfig struct {
	TenantID                 string            `json:"tenant_id"`
	Name                     string            `json:"name"`
	Slug                     string            `json:"slug"`
	LoginMethods             LoginMethods      `json:"login_methods"`
	FirstFactors             []string          `json:"first_factors"`
	RequiredSecondaryFactors []string          `json:"required_secondary_factors"`
	PublishableKeys          map[string]string `json:"publishable_keys"`
	Branding                 ClientBranding    `json:"branding"`
}

// ClientBranding is what a tenant's sign-in page shows of its brand.
type ClientBranding struct {
	LogoURL      string `json:"logo_url"`
	PrimaryColor string `json:"primary_color"`
}

// LoginMethods says which ways of signing in a login page should offer.
type LoginMethods struct {
	EmailPassword bool             `json:"email_password"`
	Passwordless  bool             `json:"passwordless"`
	ThirdParty    ThirdPartyMethod `json:"third_party"`
}

// ThirdPartyMethod is third-party sign-in and its providers (no client
// secrets, no client ids).
type ThirdPartyMethod struct {
	Enabled   bool               `json:"enabled"`
	Providers []PublicProviderID `json:"providers"`
}

// PublicProviderID names one third-party identity provider.
type PublicProviderID struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func clientConfigOf(c *app.ClientConfig) ClientConfig {
	e := c.Auth
	out := ClientConfig{TenantID: c.Profile.ID, Name: c.Profile.Name, Slug: c.Profile.Slug,
		LoginMethods: LoginMethods{EmailPassword: e.Allows(auth.FactorEmailPassword), Passwordless: e.Allows(auth.FactorOTPEmail),
			ThirdParty: ThirdPartyMethod{Enabled: e.Allows(auth.FactorThirdParty), Providers: []PublicProviderID{}}},
		FirstFactors: nonNilStrings(e.FirstFactors), RequiredSecondaryFactors: nonNilStrings(e.RequiredSecondaryFactors),
		PublishableKeys: c.PublishableKeys, Branding: ClientBranding{LogoURL: c.Branding.LogoURL, PrimaryColor: c.Branding.PrimaryColor}}
	if out.PublishableKeys == nil {
		out.PublishableKeys = map[string]string{}
	}
	if out.LoginMethods.ThirdParty.Enabled {
		for _, p := range e.Providers {
			out.LoginMethods.ThirdParty.Providers = append(out.LoginMethods.ThirdParty.Providers, PublicProviderID{ID: p.ID, Name: p.Name})
		}
	}
	return out
}

func tenantContextOf(v *app.TenantContextView) TenantContextView {
	p := v.Profile
	out := TenantContextView{AccessLevel: string(v.Level), ID: p.ID, Name: p.Name, Slug: p.Slug, Description: p.Description,
		Website: p.Website, LogoURL: p.LogoURL, Email: v.Email, Environment: v.Environment}
	if v.Client != nil {
		c := clientConfigOf(v.Client)
		out.ClientConfig = &c
	}
	if v.Full != nil {
		t := tenantOf(v.Full)
		out.Tenant = &t
	}
	return out
}
