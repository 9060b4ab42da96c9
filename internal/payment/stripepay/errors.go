package stripepay

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v82"

	"github.com/tenantry/tenantry/internal/errs"
)

// The codes of the errors a call to Stripe returns.
const (
	CodeUnavailable   = "payment_provider_unavailable"   // unreachable, timed out, 5xx or 429: retry later
	CodeMisconfigured = "payment_provider_misconfigured" // Stripe refused the platform's key (401/403)
	CodeDeclined      = "payment_declined"               // a card error: the customer's payment method was refused
	CodeIdempotency   = "payment_idempotency_conflict"   // an idempotency key reused with other parameters
	CodeMissing       = "payment_resource_missing"       // Stripe does not know the customer, subscription or price
	CodeRejected      = "payment_request_rejected"       // any other refused request
	CodePriceMissing  = "payment_price_missing"          // the plan has no Stripe price id
)

// fail classifies an error of stripe-go into an errs error of a stable code.
// Its cause keeps what an operator needs (status, Stripe's type, code and
// request id, its message) with the secret key scrubbed; a cancelled
// request stays a context.Canceled.
func (c *Client) fail(op string, err error) error {
	op = "stripepay." + op
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("%s: %w", op, context.Canceled)
	}
	var se *stripe.Error
	if !errors.As(err, &se) {
		// Not an answer of the API: the network, a timeout, or a body that
		// is not Stripe's JSON (a proxy's error page).
		e := errs.E(errs.Unavailable, CodeUnavailable, "The payment provider cannot be reached; try again later.")
		e.Op, e.Err = op, c.scrubbed(err)
		if errors.Is(err, context.DeadlineExceeded) {
			e.Err = fmt.Errorf("%w: %w", e.Err, context.DeadlineExceeded)
		}
		return e
	}
	cause := c.scrubbed(fmt.Errorf("stripe %d %s %s (request %s): %s", se.HTTPStatusCode, se.Type, se.Code, se.RequestID, se.Msg))
	var e *errs.Error
	switch {
	case se.HTTPStatusCode == http.StatusTooManyRequests || se.HTTPStatusCode >= 500 || se.Type == stripe.ErrorTypeAPI:
		e = errs.E(errs.Unavailable, CodeUnavailable, "The payment provider is unavailable; try again later.")
		e.RetryAfter = retryAfter(se)
	case se.HTTPStatusCode == http.StatusUnauthorized || se.HTTPStatusCode == http.StatusForbidden:
		e = errs.E(errs.Unavailable, CodeMisconfigured, "Payments are unavailable: the platform's payment provider account refused the request.")
	case se.Type == stripe.ErrorTypeCard:
		e = errs.E(errs.Conflict, CodeDeclined, "The payment method was declined.")
	case se.Type == stripe.ErrorTypeIdempotency:
		e = errs.E(errs.Conflict, CodeIdempotency, "A different request with the same idempotency key was already made.")
	case se.HTTPStatusCode == http.StatusNotFound || se.Code == stripe.ErrorCodeResourceMissing:
		e = errs.E(errs.Conflict, CodeMissing, "The payment provider does not know this customer, subscription or price.")
	default:
		e = errs.E(errs.Invalid, CodeRejected, "The payment provider refused the request.")
	}
	e.Op, e.Err = op, cause
	return e
}

// scrubbed is err's text with the secret key masked: Stripe masks keys in
// its own messages, and this makes sure of it for every other text too.
func (c *Client) scrubbed(err error) error {
	return errors.New(strings.ReplaceAll(err.Error(), c.key, "sk_****"))
}

// retryAfter reads a 429's Retry-After in seconds, if Stripe sent one.
func retryAfter(se *stripe.Error) time.Duration {
	if se.LastResponse == nil || se.LastResponse.Header == nil {
		return 0
	}
	if n, err := strconv.Atoi(se.LastResponse.Header.Get("Retry-After")); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	return 0
}
