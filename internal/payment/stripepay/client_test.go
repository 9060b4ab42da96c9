package stripepay_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/payment/stripepay"
	"github.com/tenantry/tenantry/internal/stripetest"
)

const webhookSecret = "whsec_tenantry_test"

var ctx = context.Background()

// client is a Client of the shared stripe-mock, without retries.
func client(t *testing.T) (*stripepay.Client, *stripetest.Server) {
	t.Helper()
	mock := stripetest.Start(t)
	c, err := stripepay.New(stripepay.Settings{SecretKey: stripetest.Key, WebhookSecret: webhookSecret, APIURL: mock.URL})
	if err != nil {
		t.Fatal(err)
	}
	return c, mock
}

// TestEnsureCustomer: a tenant without a customer gets one, created with its
// email, name and tenant_id; a tenant with one keeps it, without a call.
func TestEnsureCustomer(t *testing.T) {
	t.Parallel()
	c, mock := client(t)
	tenantID := id.New(id.Tenant)
	cus, err := c.EnsureCustomer(ctx, tenantID, "owner@acme.example", "Acme", "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(cus, "cus_") {
		t.Errorf("customer id %q", cus)
	}
	mock.WaitForRequest(t, "email:owner@acme.example", "metadata:map[tenant_id:"+tenantID+"]", "name:Acme")

	again, err := c.EnsureCustomer(ctx, tenantID, "owner@acme.example", "Acme", "cus_existing")
	if err != nil || again != "cus_existing" {
		t.Errorf("reuse = %q, %v", again, err)
	}
}

// TestSubscriptionLifecycle: subscribe on a price with a trial, change the
// price with and without proration, cancel at the period's end and at once.
func TestSubscriptionLifecycle(t *testing.T) {
	t.Parallel()
	c, mock := client(t)
	key := id.New(id.Subscription)
	sub, err := c.Subscribe(ctx, "cus_lifecycle", "price_basic_monthly", 14, key)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sub.ID, "sub_") || sub.Status == "" || sub.ItemID == "" || sub.PriceID == "" ||
		sub.CurrentPeriodStart.IsZero() || sub.CurrentPeriodEnd.IsZero() {
		t.Errorf("subscription = %+v", sub)
	}
	mock.WaitForRequest(t, "customer:cus_lifecycle", "items:[map[price:price_basic_monthly]]", "trial_period_days:14")

	changed, err := c.ChangePrice(ctx, sub.ID, "price_pro_monthly", true, key+"-pro")
	if err != nil {
		t.Fatal(err)
	}
	if changed.ID != sub.ID {
		t.Errorf("changed = %+v", changed)
	}
	mock.WaitForRequest(t, "price:price_pro_monthly", "proration_behavior:always_invoice")
	if _, err := c.ChangePrice(ctx, sub.ID, "price_free_lifecycle", false, key+"-free"); err != nil {
		t.Fatal(err)
	}
	mock.WaitForRequest(t, "price:price_free_lifecycle", "proration_behavior:none")

	if ended, err := c.Cancel(ctx, sub.ID, true, key+"-cancel"); err != nil || ended.ID != sub.ID {
		t.Fatalf("cancel at period end = %+v, %v", ended, err)
	}
	mock.WaitForRequest(t, "cancel_at_period_end:true")
	if ended, err := c.Cancel(ctx, sub.ID, false, ""); err != nil || ended.ID != sub.ID {
		t.Fatalf("cancel = %+v, %v", ended, err)
	}
}

// TestRefusedKey: Stripe refusing the platform's key is Unavailable
// (payment_provider_misconfigured), and the key is in no error text.
func TestRefusedKey(t *testing.T) {
	t.Parallel()
	mock := stripetest.Start(t)
	const key = "rk_live_TopSecretValue" // stripe-mock accepts test-mode secret keys only
	c, err := stripepay.New(stripepay.Settings{SecretKey: key, APIURL: mock.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.EnsureCustomer(ctx, id.New(id.Tenant), "a@example.com", "A", "")
	if errs.KindOf(err) != errs.Unavailable || errs.CodeOf(err) != stripepay.CodeMisconfigured {
		t.Fatalf("err = %v", err)
	}
	for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), c.String(), fmt.Sprintf("%v %#v", c, c)} {
		if strings.Contains(s, "TopSecretValue") {
			t.Errorf("the secret key leaks: %s", s)
		}
	}
}

// TestNewNeedsKey: a Client without a secret key is refused.
func TestNewNeedsKey(t *testing.T) {
	if _, err := stripepay.New(stripepay.Settings{}); err == nil {
		t.Error("New without a key")
	}
}
