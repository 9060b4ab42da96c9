package stripepay_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v82"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/payment/stripepay"
	"github.com/tenantry/tenantry/internal/stripetest"
)

var (
	periodStart = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	periodEnd   = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
)

// webhookClient reads events only: it never calls Stripe.
func webhookClient(t *testing.T, secret string) *stripepay.Client {
	t.Helper()
	c, err := stripepay.New(stripepay.Settings{SecretKey: stripetest.Key, WebhookSecret: secret, APIURL: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func invoicePayload(typ string) []byte {
	inv := stripetest.Invoice{ID: "in_1", Customer: "cus_1", Subscription: "sub_1", Status: "paid", Currency: "idr",
		AmountDue: 150000, AmountPaid: 150000, PeriodStart: periodStart, PeriodEnd: periodEnd}
	if typ == stripepay.InvoicePaymentFailed {
		inv.Status, inv.AmountPaid = "open", 0
	}
	return stripetest.Event("evt_"+typ, typ, time.Now(), inv.Object())
}

// TestSignature: stripe-go's verification with the webhook secret: a good
// signature passes; a tampered body, another secret, a stale timestamp or
// no header at all is refused with its own code.
func TestSignature(t *testing.T) {
	t.Parallel()
	c := webhookClient(t, webhookSecret)
	payload := invoicePayload(stripepay.InvoicePaid)
	now := time.Now()
	if _, err := c.ParseEvent(payload, stripetest.Sign(payload, webhookSecret, now)); err != nil {
		t.Fatalf("good signature: %v", err)
	}
	tampered := []byte(strings.Replace(string(payload), `"amount_paid":150000`, `"amount_paid":1`, 1))
	for _, r := range []struct {
		name, header string
		body         []byte
		code         string
	}{
		{"tampered body", stripetest.Sign(payload, webhookSecret, now), tampered, stripepay.CodeSignatureInvalid},
		{"wrong secret", stripetest.Sign(payload, "whsec_other", now), payload, stripepay.CodeSignatureInvalid},
		{"stale timestamp", stripetest.Sign(payload, webhookSecret, now.Add(-10*time.Minute)), payload, stripepay.CodeSignatureExpired},
		{"garbled header", "t=abc,v1=zz", payload, stripepay.CodeSignatureInvalid},
		{"no header", "", payload, stripepay.CodeSignatureMissing},
	} {
		_, err := c.ParseEvent(r.body, r.header)
		if errs.KindOf(err) != errs.Unauthenticated || errs.CodeOf(err) != r.code {
			t.Errorf("%s: %v, want %s", r.name, err, r.code)
		}
	}
	// The same event signed for another client's secret is refused there.
	other := webhookClient(t, "whsec_other")
	if _, err := other.ParseEvent(payload, stripetest.Sign(payload, webhookSecret, now)); errs.CodeOf(err) != stripepay.CodeSignatureInvalid {
		t.Errorf("other client's secret: %v", err)
	}
}

// TestEventBody: a verified body of another API release train, or not JSON,
// is Invalid; a client without a webhook secret verifies nothing.
func TestEventBody(t *testing.T) {
	t.Parallel()
	c := webhookClient(t, webhookSecret)
	old := []byte(strings.Replace(string(invoicePayload(stripepay.InvoicePaid)), stripe.APIVersion, "2024-06-20", 1))
	if _, err := c.ParseEvent(old, stripetest.Sign(old, webhookSecret, time.Now())); errs.CodeOf(err) != stripepay.CodeEventInvalid {
		t.Errorf("old API version: %v", err)
	}
	junk := []byte("not json")
	if _, err := c.ParseEvent(junk, stripetest.Sign(junk, webhookSecret, time.Now())); errs.CodeOf(err) != stripepay.CodeEventInvalid {
		t.Errorf("junk: %v", err)
	}
	payload := invoicePayload(stripepay.InvoicePaid)
	if _, err := webhookClient(t, "").ParseEvent(payload, stripetest.Sign(payload, "", time.Now())); errs.CodeOf(err) != stripepay.CodeMisconfigured {
		t.Errorf("no webhook secret: %v", err)
	}
}

// TestEventMapping: each of the four event types is read into Event; any
// other type is acknowledged with its id and type only.
func TestEventMapping(t *testing.T) {
	t.Parallel()
	c := webhookClient(t, webhookSecret)
	sub := stripetest.Subscription{ID: "sub_1", Customer: "cus_1", Price: "price_pro", Status: "past_due",
		PeriodStart: periodStart, PeriodEnd: periodEnd, CancelAtPeriodEnd: true}
	created := time.Date(2026, 12, 1, 0, 5, 0, 0, time.UTC)
	for _, r := range []struct {
		payload []byte
		want    stripepay.Event
	}{
		{invoicePayload(stripepay.InvoicePaid), stripepay.Event{ID: "evt_invoice.paid", Type: stripepay.InvoicePaid,
			CustomerID: "cus_1", SubscriptionID: "sub_1", InvoiceID: "in_1", Amount: 150000, Currency: "idr", Status: "paid",
			PeriodStart: periodStart, PeriodEnd: periodEnd}},
		{invoicePayload(stripepay.InvoicePaymentFailed), stripepay.Event{ID: "evt_invoice.payment_failed", Type: stripepay.InvoicePaymentFailed,
			CustomerID: "cus_1", SubscriptionID: "sub_1", InvoiceID: "in_1", Amount: 150000, Currency: "idr", Status: "open",
			PeriodStart: periodStart, PeriodEnd: periodEnd}},
		{stripetest.Event("evt_upd", stripepay.SubscriptionUpdated, created, sub.Object()), stripepay.Event{ID: "evt_upd",
			Type: stripepay.SubscriptionUpdated, Created: created, CustomerID: "cus_1", SubscriptionID: "sub_1", PriceID: "price_pro",
			Currency: "usd", Status: "past_due", PeriodStart: periodStart, PeriodEnd: periodEnd, CancelAtPeriodEnd: true}},
		{stripetest.Event("evt_del", stripepay.SubscriptionDeleted, created, withStatus(sub, "canceled").Object()), stripepay.Event{ID: "evt_del",
			Type: stripepay.SubscriptionDeleted, Created: created, CustomerID: "cus_1", SubscriptionID: "sub_1", PriceID: "price_pro",
			Currency: "usd", Status: "canceled", PeriodStart: periodStart, PeriodEnd: periodEnd, CancelAtPeriodEnd: true}},
		{stripetest.Event("evt_other", "customer.created", created, map[string]any{"id": "cus_1", "object": "customer"}),
			stripepay.Event{ID: "evt_other", Type: "customer.created", Created: created}},
	} {
		got, err := c.ParseEvent(r.payload, stripetest.Sign(r.payload, webhookSecret, time.Now()))
		if err != nil {
			t.Fatalf("%s: %v", r.want.Type, err)
		}
		if r.want.Created.IsZero() {
			r.want.Created = got.Created // invoicePayload stamps the event now
		}
		if got != r.want {
			t.Errorf("%s:\n got %+v\nwant %+v", r.want.Type, got, r.want)
		}
		if got.Known() != (r.want.Type != "customer.created") {
			t.Errorf("%s: Known = %v", got.Type, got.Known())
		}
	}
}

func withStatus(s stripetest.Subscription, status string) stripetest.Subscription {
	s.Status = status
	return s
}

// TestEventOfStripeFixtures: the objects stripe-mock serves (Stripe's own
// fixtures, in the shape of the API release stripe-go speaks) read as
// events too, so the mapping follows the real objects, not only the
// builders of stripetest.
func TestEventOfStripeFixtures(t *testing.T) {
	t.Parallel()
	mock := stripetest.Start(t)
	c := webhookClient(t, webhookSecret)
	for _, r := range []struct{ typ, path, wantID string }{
		{stripepay.InvoicePaid, "/v1/invoices/in_fixture", "in_fixture"},
		{stripepay.SubscriptionUpdated, "/v1/subscriptions/sub_fixture", "sub_fixture"},
	} {
		req, err := http.NewRequest(http.MethodGet, mock.URL+r.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+stripetest.Key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s %v", r.path, res.Status, err)
		}
		payload := stripetest.Event("evt_fixture", r.typ, time.Now(), json.RawMessage(body))
		got, err := c.ParseEvent(payload, stripetest.Sign(payload, webhookSecret, time.Now()))
		if err != nil {
			t.Fatalf("%s: %v", r.typ, err)
		}
		id := got.InvoiceID
		if r.typ == stripepay.SubscriptionUpdated {
			id = got.SubscriptionID
		}
		if id != r.wantID || !strings.HasPrefix(got.CustomerID, "cus_") || got.Status == "" || got.PeriodEnd.IsZero() {
			t.Errorf("%s: %+v", r.typ, got)
		}
	}
}
