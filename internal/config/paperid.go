package config

import (
	"fmt"
	"net/url"
	"time"
)

// PaperID is the platform's Paper.id account, where every tenant gets a
// partner account (docs/billing.md). With no URL there is none: tenants'
// partner_status is disabled.
type PaperID struct {
	URL          string        // Paper.id's Open API, https://open-api.paper.id or the staging one
	ClientID     string        // the client_id header
	ClientSecret string        // the client_secret header; never printed
	Timeout      time.Duration // budget of one request
}

// Configured reports whether Paper.id partner accounts are configured.
func (p PaperID) Configured() bool { return p.URL != "" }

// load reads the timeout and checks the settings: URL, client id and client
// secret all together or none; an http(s) URL; a timeout of 100ms or more.
// No error quotes the secret.
func (p *PaperID) load(timeout string) error {
	var err error
	if p.Timeout, err = time.ParseDuration(timeout); err != nil || p.Timeout < 100*time.Millisecond {
		return fmt.Errorf("config: paperid-timeout %q: must be a duration of 100ms or more, e.g. 10s", timeout)
	}
	if p.URL == "" && p.ClientID == "" && p.ClientSecret == "" {
		return nil
	}
	if p.URL == "" || p.ClientID == "" || p.ClientSecret == "" {
		return fmt.Errorf("config: set TENANTRY_PAPERID_URL, TENANTRY_PAPERID_CLIENT_ID and TENANTRY_PAPERID_CLIENT_SECRET together, or none of them")
	}
	if u, err := url.Parse(p.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("config: paperid-url: must be an http(s) URL such as https://open-api.paper.id")
	}
	return nil
}

// describe is the printed form, the secret masked.
func (p PaperID) describe() string {
	if !p.Configured() {
		return "(none: no partner accounts, partner_status disabled)"
	}
	shown := "(unparsable URL)"
	if u, err := url.Parse(p.URL); err == nil {
		shown = u.Redacted()
	}
	return fmt.Sprintf("%s client_id %s, client secret ****, timeout %s", shown, p.ClientID, p.Timeout)
}
