package paperid

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/tenantry/tenantry/internal/job"
)

// Partner is a partner of the platform's Paper.id company, as Paper.id
// answers it (the fields Tenantry reads).
type Partner struct {
	ID     string `json:"id"`     // Paper.id's UUID, the partner_id of its URLs
	Number string `json:"number"` // our own code for the partner
	Name   string `json:"name"`
	Type   string `json:"type"`
	Email  string `json:"email"`
	Phone  string `json:"phone"`
}

// ClientType is the partner type of a tenant: a customer the platform
// invoices (Paper.id's types are client, supplier and both).
const ClientType = "client"

// NewPartner is what creating a partner sends.
type NewPartner struct {
	Name   string `json:"name"`
	Number string `json:"number"` // unique per company: the idempotency reference
	Type   string `json:"type"`
	Email  string `json:"email,omitempty"`
	Phone  string `json:"phone"` // E.164 when the number was given with its country code
}

// CreatePartner creates a partner: POST /api/v2/partners.
func (c *Client) CreatePartner(ctx context.Context, in NewPartner) (*Partner, error) {
	if in.Type == "" {
		in.Type = ClientType
	}
	in.Phone = E164(in.Phone)
	var p Partner
	if err := c.do(ctx, "create partner", http.MethodPost, "/api/v2/partners", nil, in, &p); err != nil {
		return nil, err
	}
	if p.ID == "" {
		return nil, c.fail("create partner", http.StatusCreated, nil, errors.New("answer without a partner id"))
	}
	return &p, nil
}

// GetPartner returns the partner with Paper.id's id: GET
// /api/v2/partners/{partnerId}. A partner Paper.id does not have fails
// with an error matching ErrNotFound.
func (c *Client) GetPartner(ctx context.Context, partnerID string) (*Partner, error) {
	var p Partner
	if err := c.do(ctx, "get partner", http.MethodGet, "/api/v2/partners/"+url.PathEscape(partnerID), nil, nil, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// FindPartner returns the partner whose number is exactly number: GET
// /api/v2/partners?number=…, or an error matching ErrNotFound.
func (c *Client) FindPartner(ctx context.Context, number string) (*Partner, error) {
	var list []Partner
	q := url.Values{"number": {number}, "limit": {"100"}}
	if err := c.do(ctx, "find partner", http.MethodGet, "/api/v2/partners", q, nil, &list); err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].Number == number && list[i].ID != "" {
			return &list[i], nil
		}
	}
	return nil, job.Permanent(fmt.Errorf("paperid: find partner %q: %w", number, ErrNotFound))
}

// EnsurePartner returns the partner numbered in.Number, creating it if
// Paper.id has none: safe to call again after any failure, including a
// timeout after Paper.id created the partner. A creation refused with a 4xx
// is looked up once more, in case a concurrent call created it first.
func (c *Client) EnsurePartner(ctx context.Context, in NewPartner) (*Partner, error) {
	if in.Number == "" {
		return nil, job.Permanent(errors.New("paperid: a partner number is required"))
	}
	p, err := c.FindPartner(ctx, in.Number)
	if !errors.Is(err, ErrNotFound) {
		return p, err
	}
	p, err = c.CreatePartner(ctx, in)
	if err == nil || !job.IsPermanent(err) {
		return p, err
	}
	if again, findErr := c.FindPartner(ctx, in.Number); findErr == nil {
		return again, nil
	}
	return nil, err
}

// E164 writes a phone number given with its country code ("+1-555-987-6543")
// as E.164 ("+15559876543"), the form Paper.id documents; a number without a
// leading + keeps only its digits, since its country is unknown.
func E164(phone string) string {
	phone = strings.TrimSpace(phone)
	var b strings.Builder
	if strings.HasPrefix(phone, "+") {
		b.WriteByte('+')
	}
	for _, r := range phone {
		if unicode.IsDigit(r) && r < unicode.MaxASCII {
			b.WriteRune(r)
		}
	}
	if b.Len() == 1 && strings.HasPrefix(phone, "+") {
		return ""
	}
	return b.String()
}
