package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

// maxWebhookBody bounds a webhook's body: Stripe's events are a few
// kilobytes, an invoice with many lines some tens.
const maxWebhookBody = 1 << 20

// stripeWebhook hands the body, as sent, and its Stripe-Signature to the
// app, which verifies it before reading anything.
func (s *Server) stripeWebhook(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return errs.E(errs.TooLarge, "body_too_large", fmt.Sprintf("The body may be at most %d bytes.", maxWebhookBody))
	case err != nil:
		return &errs.Error{Kind: errs.Malformed, Code: "malformed_body", Msg: "The body could not be read.", Err: err}
	}
	receipt, err := s.app.StripeWebhook(r.Context(), body, r.Header.Get("Stripe-Signature"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, webhookReceiptOf(receipt))
}
