package credential

import (
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
)

func ptr(s string) *string { return &s }

func codes(err error) string {
	e, _ := errs.As(err)
	if e == nil {
		return ""
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field+":"+f.Code)
	}
	return strings.Join(out, ",")
}

func TestFormats(t *testing.T) {
	sk, pk, wh := "sk_test_"+strings.Repeat("a1", 12), "pk_test_"+strings.Repeat("b2", 12), "whsec_"+strings.Repeat("c3", 16)
	for _, c := range []struct {
		name string
		run  func(*errs.Collector)
		want string
	}{
		{"paper ok", func(c *errs.Collector) { CheckPaperID(c, ptr("tenant_client_id_12345"), ptr("your_secret_key_here")) }, ""},
		{"paper absent", func(c *errs.Collector) { CheckPaperID(c, nil, nil) }, ""},
		{"paper bad", func(c *errs.Collector) { CheckPaperID(c, ptr("a b"), ptr("short")) },
			"client_id:invalid_client_id,client_secret:invalid_client_secret"},
		{"paper secret with a space", func(c *errs.Collector) { CheckPaperID(c, nil, ptr("has a space in it")) },
			"client_secret:invalid_client_secret"},
		{"stripe ok", func(c *errs.Collector) { CheckStripe(c, &sk, &wh, &pk) }, ""},
		{"stripe live ok", func(c *errs.Collector) { CheckStripe(c, ptr("sk_live_abcdefghij12"), nil, ptr("pk_live_abcdefghij12")) }, ""},
		{"stripe swapped", func(c *errs.Collector) { CheckStripe(c, &pk, &sk, &wh) },
			"secret_key:invalid_secret_key,webhook_secret:invalid_webhook_secret,publishable_key:invalid_publishable_key"},
		{"stripe restricted key", func(c *errs.Collector) { CheckStripe(c, ptr("rk_live_abcdefghij12"), nil, nil) }, "secret_key:invalid_secret_key"},
	} {
		var col errs.Collector
		c.run(&col)
		if got := codes(col.Err()); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if StripeMode(sk) != "test" || StripeMode("sk_live_x") != "live" || StripeMode("whsec_x") != "" || Last4(sk) != "a1a1" {
		t.Error("mode or last4")
	}
	if !PaperID.Valid() || Provider("paypal").Valid() || SealContext("ten_1", Stripe) != "credential:ten_1:stripe" {
		t.Error("providers")
	}
}
