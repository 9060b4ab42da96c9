package config

import (
	"fmt"
	"net/url"
	"time"
)

// loadPaperID checks the Paper.id settings: all of URL, client id and
// client secret, or none; a URL that is http(s); a timeout of 100ms or more.
func (c *Config) loadPaperID(timeout string) error {
	var err error
	if c.PaperIDTimeout, err = time.ParseDuration(timeout); err != nil || c.PaperIDTimeout < 100*time.Millisecond {
		return fmt.Errorf("config: paperid-timeout %q: must be a duration of 100ms or more, e.g. 10s", timeout)
	}
	if c.PaperIDURL == "" && c.PaperIDClientID == "" && c.PaperIDClientSecret == "" {
		return nil
	}
	if c.PaperIDURL == "" || c.PaperIDClientID == "" || c.PaperIDClientSecret == "" {
		return fmt.Errorf("config: set TENANTRY_PAPERID_URL, TENANTRY_PAPERID_CLIENT_ID and TENANTRY_PAPERID_CLIENT_SECRET together, or none of them")
	}
	if u, err := url.Parse(c.PaperIDURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("config: paperid-url %q: must be an http(s) URL such as https://open-api.paper.id", c.PaperIDURL)
	}
	return nil
}

// PaperID reports whether Paper.id partner accounts are configured.
func (c *Config) PaperID() bool { return c.PaperIDURL != "" }

func (c *Config) paperID() string {
	if !c.PaperID() {
		return "(none: no partner accounts, partner_status disabled)"
	}
	shown := "(unparsable URL)"
	if u, err := url.Parse(c.PaperIDURL); err == nil {
		shown = u.Redacted()
	}
	return fmt.Sprintf("%s client_id %s client_secret %s, timeout %s", shown, c.PaperIDClientID,
		mask(c.PaperIDClientSecret, "-"), c.PaperIDTimeout)
}
