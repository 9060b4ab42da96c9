package stripepay_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/payment/stripepay"
	"github.com/tenantry/tenantry/internal/stripetest"
)

// TestUnreachable: Stripe that cannot be reached is Unavailable
// (payment_provider_unavailable), after the configured retries.
func TestUnreachable(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there any more: connections are refused
	c, err := stripepay.New(stripepay.Settings{SecretKey: stripetest.Key, APIURL: "http://" + addr, MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.EnsureCustomer(ctx, id.New(id.Tenant), "a@example.com", "A", "")
	if errs.KindOf(err) != errs.Unavailable || errs.CodeOf(err) != stripepay.CodeUnavailable {
		t.Fatalf("err = %v", err)
	}
	_, err = c.Subscribe(ctx, "cus_1", "price_1", 0, "k")
	if errs.CodeOf(err) != stripepay.CodeUnavailable {
		t.Fatalf("subscribe: %v", err)
	}
}

// TestMissingObject: a path Stripe does not know (stripe-mock's 404 for a
// subscription id that is not one) is Conflict, payment_resource_missing.
func TestMissingObject(t *testing.T) {
	t.Parallel()
	c, _ := client(t)
	_, err := c.ChangePrice(ctx, "sub_x/items", "price_1", true, "k")
	if errs.KindOf(err) != errs.Conflict || errs.CodeOf(err) != stripepay.CodeMissing {
		t.Fatalf("err = %v", err)
	}
}

// TestErrorClasses runs the real client against an in-process server that
// answers as Stripe does when it fails (its documented error bodies), since
// stripe-mock never declines a card nor fails.
func TestErrorClasses(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		status int
		body   string
		kind   errs.Kind
		code   string
	}{
		{"server error", 500, `{"error":{"type":"api_error","message":"Something went wrong on Stripe's end."}}`, errs.Unavailable, stripepay.CodeUnavailable},
		{"bad gateway page", 502, `<html>bad gateway</html>`, errs.Unavailable, stripepay.CodeUnavailable},
		{"rate limited", 429, `{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests."}}`, errs.Unavailable, stripepay.CodeUnavailable},
		{"revoked key", 401, `{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: sk_test_****cret"}}`, errs.Unavailable, stripepay.CodeMisconfigured},
		{"card declined", 402, `{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds."}}`, errs.Conflict, stripepay.CodeDeclined},
		{"idempotency", 400, `{"error":{"type":"idempotency_error","message":"Keys for idempotent requests can only be used with the same parameters they were first used with."}}`, errs.Conflict, stripepay.CodeIdempotency},
		{"no such price", 400, `{"error":{"type":"invalid_request_error","code":"resource_missing","param":"items[0][price]","message":"No such price: 'price_x'"}}`, errs.Conflict, stripepay.CodeMissing},
		{"no such subscription", 404, `{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such subscription: 'sub_x'"}}`, errs.Conflict, stripepay.CodeMissing},
		{"invalid parameter", 400, `{"error":{"type":"invalid_request_error","code":"parameter_invalid_integer","param":"trial_period_days","message":"Invalid integer: x"}}`, errs.Invalid, stripepay.CodeRejected},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			const key = "sk_test_NeverInAnError"
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Request-Id", "req_test")
				w.Header().Set("Retry-After", "7")
				w.WriteHeader(c.status)
				// Echo the key in the body, as no real Stripe would: the
				// error text must still not carry it.
				fmt.Fprint(w, strings.Replace(c.body, `."}}`, ` (`+key+`)."}}`, 1))
			}))
			t.Cleanup(srv.Close)
			client, err := stripepay.New(stripepay.Settings{SecretKey: key, APIURL: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			_, err = client.Subscribe(ctx, "cus_1", "price_x", 0, "k")
			if errs.KindOf(err) != c.kind || errs.CodeOf(err) != c.code {
				t.Fatalf("err = %v (kind %v), want %v %s", err, errs.KindOf(err), c.kind, c.code)
			}
			if strings.Contains(err.Error(), "NeverInAnError") {
				t.Errorf("the key leaks: %v", err)
			}
			if c.status == 429 {
				if e, _ := errs.As(err); e.RetryAfter != 7*time.Second {
					t.Errorf("retry after %v", e.RetryAfter)
				}
			}
		})
	}
}

// TestDeadline: a Stripe that does not answer before the caller's deadline
// is Unavailable and still reports the deadline; a cancelled caller gets
// context.Canceled, not a provider error.
func TestDeadline(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	c, err := stripepay.New(stripepay.Settings{SecretKey: stripetest.Key, APIURL: srv.URL, MaxRetries: 2})
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, err = c.EnsureCustomer(short, id.New(id.Tenant), "a@example.com", "A", "")
	if errs.CodeOf(err) != stripepay.CodeUnavailable || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("deadline: %v", err)
	}
	gone, cancelNow := context.WithCancel(ctx)
	cancelNow()
	_, err = c.EnsureCustomer(gone, id.New(id.Tenant), "a@example.com", "A", "")
	if !errors.Is(err, context.Canceled) || errs.KindOf(err) == errs.Unavailable {
		t.Fatalf("cancelled: %v", err)
	}
}

// TestMissingIDs: a plan without a Stripe price is Conflict
// (payment_price_missing) before any call.
func TestMissingIDs(t *testing.T) {
	t.Parallel()
	c, err := stripepay.New(stripepay.Settings{SecretKey: stripetest.Key, APIURL: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Subscribe(ctx, "cus_1", "", 0, "k"); errs.CodeOf(err) != stripepay.CodePriceMissing {
		t.Errorf("subscribe without price: %v", err)
	}
	if _, err := c.ChangePrice(ctx, "sub_1", "", false, "k"); errs.CodeOf(err) != stripepay.CodePriceMissing {
		t.Errorf("change without price: %v", err)
	}
	if _, err := c.Subscribe(ctx, "", "price_1", 0, "k"); err == nil {
		t.Error("subscribe without customer")
	}
}
