package credential

import (
	"regexp"
	"strings"

	"github.com/tenantry/tenantry/internal/errs"
)

var (
	paperClientID     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{2,199}$`)
	paperClientSecret = regexp.MustCompile(`^[!-~]{8,512}$`) // printable ASCII, no spaces
	stripeSecretKey   = regexp.MustCompile(`^sk_(live|test)_[A-Za-z0-9]{10,247}$`)
	stripePublishable = regexp.MustCompile(`^pk_(live|test)_[A-Za-z0-9]{10,247}$`)
	stripeWebhook     = regexp.MustCompile(`^whsec_[A-Za-z0-9+/=]{10,250}$`)
)

// CheckPaperID records what is wrong with Paper.id fields given in an update
// (nil: not given). Messages never repeat a value.
func CheckPaperID(c *errs.Collector, clientID, clientSecret *string) {
	if clientID != nil && !paperClientID.MatchString(*clientID) {
		c.Add(ClientID, "invalid_client_id", "A Paper.id client id is 3 to 200 letters, digits, dots, dashes or underscores.")
	}
	if clientSecret != nil && !paperClientSecret.MatchString(*clientSecret) {
		c.Add(ClientSecret, "invalid_client_secret", "A Paper.id client secret is 8 to 512 printable characters without spaces.")
	}
}

// CheckStripe records what is wrong with Stripe keys given in an update
// (nil: not given). Messages never repeat a value.
func CheckStripe(c *errs.Collector, secretKey, webhookSecret, publishableKey *string) {
	if secretKey != nil && !stripeSecretKey.MatchString(*secretKey) {
		c.Add(SecretKey, "invalid_secret_key", "A Stripe secret key starts with sk_live_ or sk_test_.")
	}
	if webhookSecret != nil && !stripeWebhook.MatchString(*webhookSecret) {
		c.Add(WebhookSecret, "invalid_webhook_secret", "A Stripe webhook signing secret starts with whsec_.")
	}
	if publishableKey != nil && !stripePublishable.MatchString(*publishableKey) {
		c.Add(PublishableKey, "invalid_publishable_key", "A Stripe publishable key starts with pk_live_ or pk_test_.")
	}
}

// StripeMode is "live" or "test" for a Stripe key, "" for anything else.
func StripeMode(key string) string {
	_, rest, ok := strings.Cut(key, "_")
	mode, _, _ := strings.Cut(rest, "_")
	if !ok || mode != "live" && mode != "test" {
		return ""
	}
	return mode
}

// Last4 is the last four characters of a key, the part dashboards show.
func Last4(key string) string {
	if len(key) < 4 {
		return ""
	}
	return key[len(key)-4:]
}
