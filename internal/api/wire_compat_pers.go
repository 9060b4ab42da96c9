package api

import (
	"strings"
	"time"
	"unicode"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/tenant"
)

// PersCreateRequest creates a project (pers POST /tenants).
type PersCreateRequest struct {
	ProjectName string `json:"projectName"`
}

// PersUpdateRequest updates the caller's project (pers PUT /tenants):
// every field optional. The Stripe keys are sealed (the stripe
// configuration use case) and never returned. loginToken is not stored:
// login tokens are issued by GET /tenants/login-token; a value given here
// is refused (422 login_token_issued).
type PersUpdateRequest struct {
	ProjectName                     *string `json:"projectName,omitempty"`
	ProjectDescription              *string `json:"projectDescription,omitempty"`
	StripeAPIKey                    *string `json:"stripeApiKey,omitempty" text:"verbatim"`
	StripeWebhookSecret             *string `json:"stripeWebhookSecret,omitempty" text:"verbatim"`
	StripePublishableKey            *string `json:"stripePublishableKey,omitempty"`
	LoginToken                      *string `json:"loginToken,omitempty" text:"verbatim"`
	AllowJWTForUnauthenticatedUsers *bool   `json:"allowJWTForUnauthenticatedUsers,omitempty"`
	FirebaseTenantID                *string `json:"firebaseTenantId,omitempty"`
	ProjectWebsite                  *string `json:"projectWebsite,omitempty"`
	ProjectEmail                    *string `json:"projectEmail,omitempty"`
	ProjectImageURL                 *string `json:"projectImageUrl,omitempty"`
}

// tenantUpdate is the native partial update of the tenant's own fields.
func (r PersUpdateRequest) tenantUpdate() app.UpdateTenantInput {
	in := app.UpdateTenantInput{Name: r.ProjectName, Description: r.ProjectDescription, Website: r.ProjectWebsite,
		Email: r.ProjectEmail, LogoURL: r.ProjectImageURL}
	if r.AllowJWTForUnauthenticatedUsers != nil || r.FirebaseTenantID != nil {
		s := tenant.Settings{AllowJWTForUnauthenticated: r.AllowJWTForUnauthenticatedUsers}
		if r.FirebaseTenantID != nil {
			s.FirebaseTenantID = *r.FirebaseTenantID
		}
		in.Settings = &s
	}
	return in
}

// stripe is the native Stripe update, or nil when no Stripe field is given.
func (r PersUpdateRequest) stripe() *app.StripeUpdate {
	if r.StripeAPIKey == nil && r.StripeWebhookSecret == nil && r.StripePublishableKey == nil {
		return nil
	}
	return &app.StripeUpdate{SecretKey: r.StripeAPIKey, WebhookSecret: r.StripeWebhookSecret, PublishableKey: r.StripePublishableKey}
}

// PersProject is a project as pers creates or updates it. The secrets
// (projectApiKey, testnetProjectApiKey, jwt) are filled only in the answer
// to POST /tenants, the one time they are shown; elsewhere they are "".
// The Stripe secrets are never returned.
type PersProject struct {
	ProjectName                     string    `json:"projectName"`
	Acronym                         string    `json:"acronym"`
	ID                              string    `json:"id"`
	CreatedAt                       time.Time `json:"createdAt"`
	ProjectDescription              string    `json:"projectDescription,omitempty"`
	ProjectWebsite                  string    `json:"projectWebsite,omitempty"`
	ProjectEmail                    string    `json:"projectEmail,omitempty"`
	ProjectImageURL                 string    `json:"projectImageUrl,omitempty"`
	ProjectAPIKey                   string    `json:"projectApiKey"`
	TestnetProjectAPIKey            string    `json:"testnetProjectApiKey"`
	AllowJWTForUnauthenticatedUsers bool      `json:"allowJWTForUnauthenticatedUsers"`
	FirebaseTenantID                string    `json:"firebaseTenantId,omitempty"`
	JWT                             string    `json:"jwt,omitempty"`
	DefaultWalletManagementType     string    `json:"defaultWalletManagementType"`
}

func persProjectOf(v *app.TenantView) PersProject {
	t := v.Tenant
	s := t.Settings
	wallet := s.WalletManagement
	if wallet == "" {
		wallet = tenant.WalletCustodial
	}
	return PersProject{ProjectName: t.Name, Acronym: acronym(t.Name), ID: t.ID, CreatedAt: t.CreatedAt,
		ProjectDescription: t.Description, ProjectWebsite: t.Website, ProjectEmail: t.Email, ProjectImageURL: t.LogoURL,
		AllowJWTForUnauthenticatedUsers: s.AllowJWTForUnauthenticated != nil && *s.AllowJWTForUnauthenticated,
		FirebaseTenantID:                s.FirebaseTenantID, DefaultWalletManagementType: wallet}
}

// PersTenantInfo is a project as GET /tenants/{id} and /tenants/me show it,
// at the caller's level: projectEmail from the client level (the tenant's
// API key or a member); projectApiKey is always "" (secrets are shown once).
type PersTenantInfo struct {
	ProjectName        string    `json:"projectName"`
	Acronym            string    `json:"acronym"`
	ID                 string    `json:"id"`
	CreatedAt          time.Time `json:"createdAt"`
	ProjectDescription string    `json:"projectDescription,omitempty"`
	ProjectWebsite     string    `json:"projectWebsite,omitempty"`
	ProjectEmail       string    `json:"projectEmail,omitempty"`
	ProjectImageURL    string    `json:"projectImageUrl,omitempty"`
	ProjectAPIKey      string    `json:"projectApiKey"`
	// AccessLevel says which level answered: public, client or admin.
	AccessLevel string `json:"accessLevel"`
}

func persInfoOf(v *app.TenantContextView) PersTenantInfo {
	p := v.Profile
	return PersTenantInfo{ProjectName: p.Name, Acronym: acronym(p.Name), ID: p.ID, CreatedAt: p.CreatedAt,
		ProjectDescription: p.Description, ProjectWebsite: p.Website, ProjectEmail: v.Email, ProjectImageURL: p.LogoURL,
		AccessLevel: string(v.Level)}
}

// PersClientConfig is what a project's front end needs (GET
// /tenants/client-config). Tenantry keeps no Infura or PolyScan keys and
// no IP geolocation: those fields are absent and clientIpLocation is null.
type PersClientConfig struct {
	ProjectName          string  `json:"projectName"`
	ID                   string  `json:"id"`
	StripePublishableKey string  `json:"stripePublishableKey,omitempty"`
	FirebaseTenantID     string  `json:"firebaseTenantId,omitempty"`
	ClientIPLocation     *string `json:"clientIpLocation"`
}

func persClientConfigOf(c *app.ClientConfig) PersClientConfig {
	return PersClientConfig{ProjectName: c.Profile.Name, ID: c.Profile.ID, StripePublishableKey: c.PublishableKeys["stripe"],
		FirebaseTenantID: c.FirebaseTenantID}
}

// acronym derives a project's acronym from its name: the initials of its
// words (up to five), or the first three letters of a one-word name, upper case.
func acronym(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var b strings.Builder
	switch {
	case len(words) == 1:
		for i, r := range []rune(words[0]) {
			if i == 3 {
				break
			}
			b.WriteRune(r)
		}
	default:
		for _, w := range words {
			if b.Len() >= 5 {
				break
			}
			b.WriteRune([]rune(w)[0])
		}
	}
	return strings.ToUpper(b.String())
}
