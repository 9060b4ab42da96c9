package client_test

import (
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/tenantry/tenantry/client"
)

// The Standard Webhooks specification's published test vector (its
// reference libraries' tests).
const (
	vectorSecret    = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vectorID        = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vectorTimestamp = 1614265330
	vectorBody      = `{"test": 2432232314}`
	vectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

func vectorHeader(signature string) http.Header {
	h := http.Header{}
	h.Set("Webhook-Id", vectorID)
	h.Set("Webhook-Timestamp", strconv.Itoa(vectorTimestamp))
	h.Set("Webhook-Signature", signature)
	return h
}

// at is a clock stopped d after the vector's timestamp.
func at(d time.Duration) func() time.Time {
	return func() time.Time { return time.Unix(vectorTimestamp, 0).Add(d) }
}

func verifier(t *testing.T, now func() time.Time, secrets ...string) *client.WebhookVerifier {
	t.Helper()
	v, err := client.NewWebhookVerifier(secrets...)
	if err != nil {
		t.Fatal(err)
	}
	return v.WithWebhookClock(now)
}

func TestSignWebhookMatchesTheSpecVector(t *testing.T) {
	got, err := client.SignWebhook(vectorSecret, vectorID, time.Unix(vectorTimestamp, 0), []byte(vectorBody))
	if err != nil || got != vectorSignature {
		t.Fatalf("SignWebhook = %q, %v; want %q", got, err, vectorSignature)
	}
}

func TestVerifyWebhook(t *testing.T) {
	const other = "whsec_" + "c2Vjb25kLXNlY3JldC1mb3ItdGhlLXJvdGF0aW9uLXRlc3Q=" // base64 of a second key
	otherSig, err := client.SignWebhook(other, vectorID, time.Unix(vectorTimestamp, 0), []byte(vectorBody))
	if err != nil {
		t.Fatal(err)
	}
	forged := "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="
	cases := []struct {
		name    string
		secrets []string
		header  http.Header
		body    string
		clock   time.Duration
		want    error
	}{
		{"the spec's vector", []string{vectorSecret}, vectorHeader(vectorSignature), vectorBody, 0, nil},
		{"the secret without its prefix", []string{vectorSecret[len("whsec_"):]}, vectorHeader(vectorSignature), vectorBody, 0, nil},
		{"one of several signatures", []string{vectorSecret},
			vectorHeader(forged + " v2," + vectorSignature[3:] + " " + vectorSignature + " " + forged), vectorBody, 0, nil},
		{"the second of two secrets (rotation)", []string{other, vectorSecret}, vectorHeader(vectorSignature), vectorBody, 0, nil},
		{"the new secret's signature beside the old one's", []string{vectorSecret}, vectorHeader(otherSig + " " + vectorSignature), vectorBody, 0, nil},
		{"5 minutes late", []string{vectorSecret}, vectorHeader(vectorSignature), vectorBody, 5 * time.Minute, nil},
		{"5 minutes early", []string{vectorSecret}, vectorHeader(vectorSignature), vectorBody, -5 * time.Minute, nil},

		{"a forged signature", []string{vectorSecret}, vectorHeader(forged), vectorBody, 0, client.ErrWebhookSignature},
		{"another secret", []string{other}, vectorHeader(vectorSignature), vectorBody, 0, client.ErrWebhookSignature},
		{"a changed body", []string{vectorSecret}, vectorHeader(vectorSignature), `{"test": 2432232315}`, 0, client.ErrWebhookSignature},
		{"a re-encoded body", []string{vectorSecret}, vectorHeader(vectorSignature), `{"test":2432232314}`, 0, client.ErrWebhookSignature},
		{"the right value under another version", []string{vectorSecret}, vectorHeader("v2," + vectorSignature[3:]), vectorBody, 0, client.ErrWebhookSignature},
		{"a signature that is not base64", []string{vectorSecret}, vectorHeader("v1,not*base64"), vectorBody, 0, client.ErrWebhookSignature},
		{"5 minutes and a second late", []string{vectorSecret}, vectorHeader(vectorSignature), vectorBody, 5*time.Minute + time.Second, client.ErrWebhookTimestamp},
		{"5 minutes and a second early", []string{vectorSecret}, vectorHeader(vectorSignature), vectorBody, -5*time.Minute - time.Second, client.ErrWebhookTimestamp},
		{"no id", []string{vectorSecret}, without(vectorHeader(vectorSignature), "webhook-id"), vectorBody, 0, client.ErrWebhookHeaders},
		{"no timestamp", []string{vectorSecret}, without(vectorHeader(vectorSignature), "webhook-timestamp"), vectorBody, 0, client.ErrWebhookHeaders},
		{"no signature", []string{vectorSecret}, without(vectorHeader(vectorSignature), "webhook-signature"), vectorBody, 0, client.ErrWebhookHeaders},
		{"a timestamp that is not a number", []string{vectorSecret}, with(vectorHeader(vectorSignature), "webhook-timestamp", "2021-02-25T15:02:10Z"), vectorBody, 0, client.ErrWebhookHeaders},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := verifier(t, at(c.clock), c.secrets...).Verify(c.header, []byte(c.body))
			if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
				t.Fatalf("Verify = %v, want %v", err, c.want)
			}
		})
	}
}

func TestNewWebhookVerifierRefusesBadSecrets(t *testing.T) {
	for _, secrets := range [][]string{nil, {""}, {"whsec_"}, {"whsec_not base64!"}, {vectorSecret, "whsec_%%"}} {
		if _, err := client.NewWebhookVerifier(secrets...); err == nil {
			t.Errorf("NewWebhookVerifier(%q) accepted", secrets)
		}
	}
}

func without(h http.Header, name string) http.Header { h.Del(name); return h }

func with(h http.Header, name, value string) http.Header { h.Set(name, value); return h }
