package webhook

import (
	"net/netip"
	"net/url"
	"strings"

	"github.com/tenantry/tenantry/internal/errs"
)

// MaxURL bounds an endpoint's URL.
const MaxURL = 2000

// URL problems, each with its stable code (422, field url).
var (
	ErrURLInvalid   = urlError("webhook_url_invalid", "Must be an absolute https:// URL without credentials or fragment.")
	ErrURLNotHTTPS  = urlError("webhook_url_not_https", "Must be https:// (plain http:// only to a literal loopback address, with the development setting webhooks-allow-http-loopback).")
	ErrURLForbidden = urlError("webhook_url_forbidden", "Must not point at a private, loopback, link-local, unspecified or multicast address.")
)

func urlError(code, msg string) *errs.Error {
	return &errs.Error{Kind: errs.Invalid, Code: code, Msg: "The webhook URL is refused: " + msg,
		Fields: []errs.FieldError{{Field: "url", Code: code, Message: msg}}}
}

// CheckURL checks an endpoint URL before any DNS lookup: https:// with a
// host, no credentials, no fragment, no literal address that AllowedAddr
// refuses and no localhost name. Plain http:// is accepted only when
// allowHTTPLoopback is on and the host is a literal loopback address (the
// development setting); https:// to a loopback address never is. Names are
// checked again after resolution, at registration and on every
// connection (package outbound).
func CheckURL(raw string, allowHTTPLoopback bool) error {
	if len(raw) > MaxURL || strings.TrimSpace(raw) != raw {
		return ErrURLInvalid
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" || u.User != nil || u.Fragment != "" || u.Opaque != "" {
		return ErrURLInvalid
	}
	host := u.Hostname()
	if host == "" {
		return ErrURLInvalid
	}
	addr, literal := ParseHost(host)
	switch u.Scheme {
	case "https":
	case "http":
		if !allowHTTPLoopback || !literal || !addr.IsLoopback() {
			return ErrURLNotHTTPS
		}
		return nil
	default:
		return ErrURLNotHTTPS
	}
	if literal && !AllowedAddr(addr) {
		return ErrURLForbidden
	}
	if h := strings.ToLower(strings.TrimSuffix(host, ".")); h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return ErrURLForbidden
	}
	return nil
}

// LoopbackHTTP reports whether raw is a plain http:// URL to a literal
// loopback address: the only kind of URL a connection to loopback is
// allowed for, and only with the development setting.
func LoopbackHTTP(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" {
		return false
	}
	addr, literal := ParseHost(u.Hostname())
	return literal && addr.IsLoopback()
}

// ParseHost parses a URL's host as a literal IP address.
func ParseHost(host string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(strings.Trim(host, "[]"))
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

// AllowedAddr reports whether a webhook may connect to addr: a public
// unicast address, not private (RFC 1918, fc00::/7), loopback, link-local
// (169.254/16 with the cloud metadata services, fe80::/10), unspecified,
// multicast, or in the shared (100.64/10), benchmarking, documentation or
// reserved ranges.
func AllowedAddr(addr netip.Addr) bool {
	addr = addr.Unmap()
	if !addr.IsValid() || addr.IsLoopback() || addr.IsPrivate() || addr.IsLinkLocalUnicast() ||
		addr.IsLinkLocalMulticast() || addr.IsInterfaceLocalMulticast() || addr.IsMulticast() || addr.IsUnspecified() {
		return false
	}
	for _, p := range refused {
		if p.Contains(addr) {
			return false
		}
	}
	return true
}

// refused are the special-purpose ranges netip has no predicate for.
var refused = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // shared address space (carrier-grade NAT)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and the broadcast address
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: would reach IPv4 addresses behind it
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("100::/64"),        // discard-only
}
