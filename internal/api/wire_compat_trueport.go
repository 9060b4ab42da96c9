package api

import "time"

// TrueportPasswordRequest changes the caller's password the trueport way:
// the current password and the new one, no concurrency stamp.
type TrueportPasswordRequest struct {
	CurrentPassword string `json:"current_password" text:"verbatim"`
	NewPassword     string `json:"new_password" text:"verbatim"`
}

// TrueportInfo is the scoped token's tenant (trueport's GET /service/info).
type TrueportInfo struct {
	ID           string               `json:"id"`
	Name         string               `json:"name"`
	Slug         string               `json:"slug"`
	Status       string               `json:"status"`
	BillingEmail string               `json:"billing_email"`
	Subscription TrueportSubscription `json:"subscription"`
}

// TrueportSubscription is a tenant's plan in trueport's words: the status
// in upper case, the end of the current period as end_date.
type TrueportSubscription struct {
	Plan    string     `json:"plan"`
	Status  string     `json:"status"`
	EndDate *time.Time `json:"end_date"`
}
