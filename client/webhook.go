package client

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The headers of a webhook signed per the Standard Webhooks specification.
const (
	HeaderWebhookID        = "webhook-id"
	HeaderWebhookTimestamp = "webhook-timestamp"
	HeaderWebhookSignature = "webhook-signature"
)

// WebhookTolerance is how far a webhook's timestamp may be from the
// receiver's clock, either way, before it is refused as a replay.
const WebhookTolerance = 5 * time.Minute

// The ways a webhook fails verification.
var (
	ErrWebhookHeaders   = errors.New("webhook: missing or malformed webhook-id, webhook-timestamp or webhook-signature")
	ErrWebhookTimestamp = errors.New("webhook: timestamp outside the tolerance")
	ErrWebhookSignature = errors.New("webhook: no matching signature")
)

// WebhookVerifier checks the signatures of webhooks per the Standard
// Webhooks specification: webhook-signature is a space-separated list of
// "v1,<base64 HMAC-SHA256>" over "<webhook-id>.<webhook-timestamp>.<body>",
// keyed by the endpoint's secret. It accepts any of several secrets, for
// the time a secret is being rotated.
type WebhookVerifier struct {
	keys [][]byte
	now  func() time.Time
}

// NewWebhookVerifier returns a verifier that accepts a signature by any of
// secrets, each as shown when the endpoint was registered: "whsec_" and
// the base64 of the key (a secret without the prefix is read as base64
// too).
func NewWebhookVerifier(secrets ...string) (*WebhookVerifier, error) {
	if len(secrets) == 0 {
		return nil, errors.New("webhook: no secret")
	}
	v := &WebhookVerifier{now: time.Now}
	for i, s := range secrets {
		key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, "whsec_"))
		if err != nil || len(key) == 0 {
			return nil, fmt.Errorf("webhook: secret %d is not whsec_ and base64", i+1)
		}
		v.keys = append(v.keys, key)
	}
	return v, nil
}

// WithWebhookClock returns a copy of v that reads the time from now.
func (v *WebhookVerifier) WithWebhookClock(now func() time.Time) *WebhookVerifier {
	c := *v
	c.now = now
	return &c
}

// Verify checks that body, delivered with header, is signed by one of the
// secrets and timestamped within WebhookTolerance of now. It returns nil
// or an error wrapping ErrWebhookHeaders, ErrWebhookTimestamp or
// ErrWebhookSignature. Pass the body exactly as received: a re-encoded
// body does not verify.
func (v *WebhookVerifier) Verify(header http.Header, body []byte) error {
	id, ts, sigs := header.Get(HeaderWebhookID), header.Get(HeaderWebhookTimestamp), header.Get(HeaderWebhookSignature)
	if id == "" || ts == "" || sigs == "" {
		return ErrWebhookHeaders
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: timestamp %q", ErrWebhookHeaders, ts)
	}
	if d := v.now().Sub(time.Unix(secs, 0)); d > WebhookTolerance || d < -WebhookTolerance {
		return fmt.Errorf("%w: %s is %s from now", ErrWebhookTimestamp, ts, d.Round(time.Second))
	}
	for _, key := range v.keys {
		want := sign(key, id, ts, body)
		for sig := range strings.FieldsSeq(sigs) {
			version, value, ok := strings.Cut(sig, ",")
			if !ok || version != "v1" {
				continue // another scheme (v1a: asymmetric) is not ours to check
			}
			got, err := base64.StdEncoding.DecodeString(value)
			if err == nil && hmac.Equal(got, want) {
				return nil
			}
		}
	}
	return ErrWebhookSignature
}

// SignWebhook returns the webhook-signature value ("v1,<base64>") of body
// sent with id at timestamp under secret (whsec_…): what a sender puts in
// the header, and what tests of a receiver need.
func SignWebhook(secret, id string, timestamp time.Time, body []byte) (string, error) {
	v, err := NewWebhookVerifier(secret)
	if err != nil {
		return "", err
	}
	mac := sign(v.keys[0], id, strconv.FormatInt(timestamp.Unix(), 10), body)
	return "v1," + base64.StdEncoding.EncodeToString(mac), nil
}

// sign is the HMAC-SHA256 under key of "id.timestamp.body".
func sign(key []byte, id, timestamp string, body []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}
