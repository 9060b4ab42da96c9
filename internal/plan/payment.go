package plan

import "time"

// ProviderNone bills nothing: plan changes apply at once and payments are
// recorded as paid, so an embedded server without a payment provider works.
const ProviderNone = "none"

// PaymentStatus is where an invoice or payment stands.
type PaymentStatus string

// Payment states.
const (
	PaymentPaid     PaymentStatus = "paid"
	PaymentOpen     PaymentStatus = "open" // issued, not paid yet
	PaymentFailed   PaymentStatus = "failed"
	PaymentRefunded PaymentStatus = "refunded"
)

// Valid reports whether s is one of the payment states.
func (s PaymentStatus) Valid() bool {
	switch s {
	case PaymentPaid, PaymentOpen, PaymentFailed, PaymentRefunded:
		return true
	}
	return false
}

// Payment is one invoice of a tenant's subscription and what became of it:
// the charge for a period of a plan.
type Payment struct {
	TenantID       string
	ID             string // "pay_…"
	SubscriptionID string
	PlanID         string
	Amount         int64  // minor units of Currency
	Currency       string // ISO 4217
	Status         PaymentStatus
	PeriodStart    time.Time
	PeriodEnd      time.Time
	Provider       string // ProviderNone or the provider that issued it
	ProviderRef    string // the provider's reference (an invoice id); "" for ProviderNone
	FailureReason  string // why the last attempt failed, "" otherwise
	CreatedAt      time.Time
	UpdatedAt      time.Time
}
