package stripepay

import (
	"context"
	"fmt"
	"time"

	"github.com/stripe/stripe-go/v82"

	"github.com/tenantry/tenantry/internal/errs"
)

// Subscription is a Stripe subscription as Tenantry reads it: one item on
// one price.
type Subscription struct {
	ID         string
	CustomerID string
	ItemID     string // the subscription item carrying the price
	PriceID    string
	// Status is Stripe's: trialing, active, past_due, unpaid, canceled,
	// incomplete, incomplete_expired or paused.
	Status             string
	CurrentPeriodStart time.Time
	CurrentPeriodEnd   time.Time
	TrialEnd           time.Time // zero without a trial
	CancelAtPeriodEnd  bool
	// LatestInvoiceID is the subscription's latest invoice (the first one
	// after Subscribe, a proration after ChangePrice), "" when Stripe
	// names none.
	LatestInvoiceID string
}

// Subscribe starts a subscription of the customer on priceID, with a trial
// of trialDays when positive. idempotencyKey names this one subscription
// (say, Tenantry's subscription id and plan), so a retried call creates it
// once.
func (c *Client) Subscribe(ctx context.Context, customerID, priceID string, trialDays int, idempotencyKey string) (Subscription, error) {
	if err := need("Subscribe", priceID, customerID, idempotencyKey); err != nil {
		return Subscription{}, err
	}
	p := &stripe.SubscriptionCreateParams{
		Customer: stripe.String(customerID),
		Items:    []*stripe.SubscriptionCreateItemParams{{Price: stripe.String(priceID)}},
	}
	if trialDays > 0 {
		p.TrialPeriodDays = stripe.Int64(int64(trialDays))
	}
	p.SetIdempotencyKey(idempotencyKey)
	sub, err := c.sc.V1Subscriptions.Create(ctx, p)
	if err != nil {
		return Subscription{}, c.fail("Subscribe", err)
	}
	return subscriptionOf(sub), nil
}

// ChangePrice moves the subscription's item to priceID. With prorate the
// change is invoiced at once for the rest of the period (an upgrade);
// without, the new price applies from the next renewal (a downgrade made at
// the period's end).
func (c *Client) ChangePrice(ctx context.Context, subscriptionID, priceID string, prorate bool, idempotencyKey string) (Subscription, error) {
	if err := need("ChangePrice", priceID, subscriptionID, idempotencyKey); err != nil {
		return Subscription{}, err
	}
	cur, err := c.sc.V1Subscriptions.Retrieve(ctx, subscriptionID, nil)
	if err != nil {
		return Subscription{}, c.fail("ChangePrice", err)
	}
	item := subscriptionOf(cur).ItemID
	if item == "" {
		return Subscription{}, errs.E(errs.Conflict, "payment_subscription_empty", "The Stripe subscription has no item to change.")
	}
	behavior := "none"
	if prorate {
		behavior = "always_invoice"
	}
	p := &stripe.SubscriptionUpdateParams{
		Items:             []*stripe.SubscriptionUpdateItemParams{{ID: stripe.String(item), Price: stripe.String(priceID)}},
		ProrationBehavior: stripe.String(behavior),
	}
	p.SetIdempotencyKey(idempotencyKey)
	sub, err := c.sc.V1Subscriptions.Update(ctx, subscriptionID, p)
	if err != nil {
		return Subscription{}, c.fail("ChangePrice", err)
	}
	return subscriptionOf(sub), nil
}

// Cancel ends the subscription: at once, or with atPeriodEnd at the end of
// the period already paid for (Stripe then reports it deleted). The key,
// optional, guards the at-period-end update; an immediate cancellation is
// idempotent by nature.
func (c *Client) Cancel(ctx context.Context, subscriptionID string, atPeriodEnd bool, idempotencyKey string) (Subscription, error) {
	if subscriptionID == "" {
		return Subscription{}, fmt.Errorf("stripepay.Cancel: no subscription id")
	}
	var sub *stripe.Subscription
	var err error
	if atPeriodEnd {
		p := &stripe.SubscriptionUpdateParams{CancelAtPeriodEnd: stripe.Bool(true)}
		if idempotencyKey != "" {
			p.SetIdempotencyKey(idempotencyKey)
		}
		sub, err = c.sc.V1Subscriptions.Update(ctx, subscriptionID, p)
	} else {
		sub, err = c.sc.V1Subscriptions.Cancel(ctx, subscriptionID, nil)
	}
	if err != nil {
		return Subscription{}, c.fail("Cancel", err)
	}
	return subscriptionOf(sub), nil
}

// need refuses a call without its ids: a plan without a Stripe price is
// Conflict (payment_price_missing); a missing customer or subscription id
// or idempotency key is the caller's bug.
func need(op, priceID string, ids ...string) error {
	if priceID == "" {
		return errs.E(errs.Conflict, CodePriceMissing, "The plan has no Stripe price.")
	}
	for _, v := range ids {
		if v == "" {
			return fmt.Errorf("stripepay.%s: a customer or subscription id and an idempotency key are required", op)
		}
	}
	return nil
}

// subscriptionOf reads the first item of s: since the API's basil release
// the current period lives on the item.
func subscriptionOf(s *stripe.Subscription) Subscription {
	out := Subscription{ID: s.ID, Status: string(s.Status), CancelAtPeriodEnd: s.CancelAtPeriodEnd, TrialEnd: unix(s.TrialEnd)}
	if s.Customer != nil {
		out.CustomerID = s.Customer.ID
	}
	if s.LatestInvoice != nil {
		out.LatestInvoiceID = s.LatestInvoice.ID
	}
	if s.Items != nil && len(s.Items.Data) > 0 {
		it := s.Items.Data[0]
		out.ItemID = it.ID
		out.CurrentPeriodStart, out.CurrentPeriodEnd = unix(it.CurrentPeriodStart), unix(it.CurrentPeriodEnd)
		if it.Price != nil {
			out.PriceID = it.Price.ID
		}
	}
	return out
}

// unix reads a Stripe timestamp; 0 (absent) is the zero time.
func unix(sec int64) time.Time {
	if sec == 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}
