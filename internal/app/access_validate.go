package app

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/tenant"
	"github.com/tenantry/tenantry/internal/text"
)

// Every single-line value (names, addresses, phones, emails, URLs, key and
// provider names) passes text.CheckLine: no line breaks, control
// characters or bidirectional overrides. Multi-line values (descriptions,
// reasons) pass text.CheckLines, which also allows line feeds.

// required records a problem when v is blank, longer than max characters,
// or not one line of text.
func required(c *errs.Collector, field, v string, max int) {
	switch {
	case strings.TrimSpace(v) == "":
		c.Add(field, "required", "This field is required.")
	case utf8.RuneCountInString(v) > max:
		c.Add(field, "too_long", "Too long.")
	default:
		text.CheckLine(c, field, v)
	}
}

// optional records a problem when v is longer than max characters or not
// one line of text.
func optional(c *errs.Collector, field, v string, max int) {
	if utf8.RuneCountInString(v) > max {
		c.Add(field, "too_long", "Too long.")
		return
	}
	text.CheckLine(c, field, v)
}

// optionalLines is optional for text that may span lines (a description):
// line feeds are allowed, other control characters are not.
func optionalLines(c *errs.Collector, field, v string, max int) {
	if utf8.RuneCountInString(v) > max {
		c.Add(field, "too_long", "Too long.")
		return
	}
	text.CheckLines(c, field, v)
}

func checkEmail(c *errs.Collector, field, v string, isRequired bool) {
	switch {
	case v == "" && isRequired:
		c.Add(field, "required", "This field is required.")
	case v == "" || !text.CheckLine(c, field, v):
	case !identity.ValidEmail(identity.NormalizeEmail(v)):
		c.Add(field, "invalid_email", "Must be an email address such as name@example.com.")
	}
}

func checkPhone(c *errs.Collector, field, v string) {
	if v == "" || !text.CheckLine(c, field, v) {
		return
	}
	if !tenant.ValidPhone(v) {
		c.Add(field, "invalid_phone", "Must be a phone number such as +1-555-987-6543.")
	}
}

func checkWebsite(c *errs.Collector, field, v string) {
	if v == "" || !text.CheckLine(c, field, v) {
		return
	}
	u, err := url.Parse(tenant.NormalizeWebsite(v))
	if err != nil || u.Host == "" || len(v) > 2048 || strings.ContainsAny(u.Host, " <>\"") {
		c.Add(field, "invalid_url", "Must be a web address such as https://example.com.")
	}
}

func checkSlug(c *errs.Collector, field, slug string) {
	switch {
	case slug == "":
	case !tenant.ValidSlug(slug):
		c.Add(field, "invalid_slug", "Use 2 to 63 lower-case letters, digits and single inner hyphens.")
	case tenant.IsReserved(slug):
		c.Add(field, "reserved_slug", "This slug is reserved.")
	}
}

func joinWords(w []string) string {
	switch len(w) {
	case 0:
		return ""
	case 1:
		return w[0]
	}
	return strings.Join(w[:len(w)-1], ", ") + " and " + w[len(w)-1]
}

func taken(field, code, msg string) error {
	return &errs.Error{Kind: errs.Conflict, Code: code, Msg: msg,
		Fields: []errs.FieldError{{Field: field, Code: "taken", Message: msg}}}
}
