// Package stripepay is Tenantry's Stripe account, through Stripe's own
// client (stripe-go): a tenant's customer, its subscription on a plan's
// price, plan changes and cancellations, and the signed webhook events that
// report payments, read into a small typed Event.
//
// Every failure is an errs error with a stable code: Stripe unreachable,
// failing or rate limiting is Unavailable (payment_provider_unavailable),
// a refused request Invalid or Conflict. The secret key never appears in an
// error, a log line or a printed Client.
package stripepay

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v82"

	"github.com/tenantry/tenantry/internal/config"
)

// DefaultMaxRetries is how many times the server's client retries a request
// that failed on the network or with a 5xx/429 (stripe-go's own backoff; the
// idempotency keys make a retry safe).
const DefaultMaxRetries = 1

// Settings configure a Client.
type Settings struct {
	SecretKey     string       // sk_live_…, sk_test_… or a restricted rk_… key
	WebhookSecret string       // whsec_…, verifies Stripe-Signature
	APIURL        string       // "" is Stripe's API; a stripe-mock's URL in development and tests
	HTTPClient    *http.Client // nil: a client with a 30 s timeout
	MaxRetries    int          // retries after a network failure, 5xx or 429; 0 for none
}

// FromConfig is the server's settings for cfg: its secrets and API URL,
// with DefaultMaxRetries.
func FromConfig(cfg config.Stripe) Settings {
	return Settings{SecretKey: cfg.SecretKey, WebhookSecret: cfg.WebhookSecret, APIURL: cfg.APIURL, MaxRetries: DefaultMaxRetries}
}

// Client calls Stripe for the platform's account and reads its webhooks.
type Client struct {
	sc            *stripe.Client
	key           string
	webhookSecret string
	apiURL        string
}

// New builds a Client. The secret key is required; the webhook secret is
// needed by ParseEvent only.
func New(s Settings) (*Client, error) {
	if s.SecretKey == "" {
		return nil, fmt.Errorf("stripepay: no secret key")
	}
	apiURL := strings.TrimRight(s.APIURL, "/")
	if apiURL == "" {
		apiURL = stripe.APIURL
	}
	hc := s.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	backends := stripe.NewBackendsWithConfig(&stripe.BackendConfig{
		URL:               stripe.String(apiURL),
		HTTPClient:        hc,
		MaxNetworkRetries: stripe.Int64(int64(max(s.MaxRetries, 0))),
		// Failures are returned, classified, to the caller, which logs
		// them; stripe-go's own log lines would repeat them unclassified.
		LeveledLogger: &stripe.LeveledLogger{Level: stripe.LevelNull},
	})
	return &Client{
		sc: stripe.NewClient(s.SecretKey, stripe.WithBackends(backends)), key: s.SecretKey,
		webhookSecret: s.WebhookSecret, apiURL: apiURL,
	}, nil
}

// String describes the client without its secrets.
func (c *Client) String() string {
	mode := "live"
	if strings.Contains(c.key, "_test_") {
		mode = "test"
	}
	return "stripepay.Client(" + mode + " mode, " + c.apiURL + ")"
}

// GoString is String, so that %#v does not print the secrets either.
func (c *Client) GoString() string { return c.String() }
