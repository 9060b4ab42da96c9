package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/tenant"
)

const customerCols = `c.tenant_id, c.id, c.name, c.email, c.phone, c.notes, c.marketing_consent,
	c.marketing_consent_at, c.status, c.created_at, c.updated_at`

func customerDest(c *customer.Customer) []any {
	return []any{&c.TenantID, &c.ID, &c.Name, &c.Email, &c.Phone, &c.Notes, &c.MarketingConsent,
		nullTimeCol{&c.MarketingConsentAt}, &c.Status, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt}}
}

// errCustomerEmailTaken answers a second live customer with an email of the
// tenant, in any case.
var errCustomerEmailTaken = &errs.Error{Kind: errs.Conflict, Code: "customer_email_taken",
	Msg:    "Another customer of this tenant has this email.",
	Fields: []errs.FieldError{{Field: "email", Code: "taken", Message: "Another customer of this tenant has this email."}}}

// customerConflict turns the violation of the customers' one unique key
// beside the primary key (a live email per tenant, any case) into
// customer_email_taken; the random ids never collide.
func customerConflict(err error) error {
	if errs.Is(err, errs.Conflict) {
		return errCustomerEmailTaken
	}
	return err
}

// CreateCustomer inserts a customer; a live customer of the tenant with the
// same email in any case is a Conflict (customer_email_taken).
func (t *Tx) CreateCustomer(ctx context.Context, c *customer.Customer) error {
	if err := t.scope(c.TenantID); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO customers (tenant_id, id, name, name_key, email, email_key, phone, phone_key,
		notes, marketing_consent, marketing_consent_at, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.TenantID, c.ID, c.Name, nameKey(c.Name), c.Email, customer.EmailKey(c.Email), c.Phone, phoneKey(c.Phone),
		c.Notes, c.MarketingConsent, tsp(c.MarketingConsentAt), string(c.Status), ts(c.CreatedAt), ts(c.UpdatedAt))
	return customerConflict(err)
}

// GetCustomer returns a live (not deleted) customer of tenantID.
func (t *Tx) GetCustomer(ctx context.Context, tenantID, customerID string) (*customer.Customer, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var c customer.Customer
	if err := t.get(ctx, "customer_not_found", `SELECT `+customerCols+` FROM customers c
		WHERE c.tenant_id = ? AND c.id = ? AND c.deleted_at IS NULL`,
		[]any{tenantID, customerID}, customerDest(&c)...); err != nil {
		return nil, err
	}
	return &c, nil
}

// UpdateCustomer writes every field of a live customer but its ids and
// creation time; an email another live customer has is a Conflict.
func (t *Tx) UpdateCustomer(ctx context.Context, c *customer.Customer) error {
	if err := t.scope(c.TenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE customers SET name = ?, name_key = ?, email = ?, email_key = ?, phone = ?,
		phone_key = ?, notes = ?, marketing_consent = ?, marketing_consent_at = ?, status = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL`,
		c.Name, nameKey(c.Name), c.Email, customer.EmailKey(c.Email), c.Phone, phoneKey(c.Phone), c.Notes,
		c.MarketingConsent, tsp(c.MarketingConsentAt), string(c.Status), ts(c.UpdatedAt), c.TenantID, c.ID)
	return notFoundIfNone(r, customerConflict(err), "customer_not_found")
}

// DeleteCustomer soft-deletes a live customer: its row stays (appointments
// keep naming it), hidden everywhere, and its email is free again.
func (t *Tx) DeleteCustomer(ctx context.Context, tenantID, customerID string, now time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE customers SET deleted_at = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL`, ts(now), ts(now), tenantID, customerID)
	return notFoundIfNone(r, err, "customer_not_found")
}

// CustomerKey is a position in the customer list's order (newest first):
// the keyset cursor of the next page.
type CustomerKey = TenantKey

// CustomerFilter narrows a listing of customers.
type CustomerFilter struct {
	Status string       // one status exactly, or "" for all
	Query  string       // a part of the name, email or phone, any case; "" for any
	After  *CustomerKey // keyset paging: only customers after this one
	Limit  int
}

func customerWhere(tenantID string, f CustomerFilter) (string, []any) {
	where := []string{"c.tenant_id = ?", "c.deleted_at IS NULL"}
	args := []any{tenantID}
	if f.Status != "" {
		where = append(where, "c.status = ?")
		args = append(args, f.Status)
	}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q) + "%" // LIKE's wildcards and escape
		match := []string{`c.name_key LIKE ? ESCAPE '\'`, `c.email_key LIKE ? ESCAPE '\'`, `c.phone LIKE ? ESCAPE '\'`}
		args = append(args, like, like, like)
		// A number written with other separators still finds the phone.
		if digits := phoneKey(q); len(digits) >= 3 && strings.Trim(q, "0123456789 +()-.") == "" {
			match = append(match, `c.phone_key LIKE ?`)
			args = append(args, "%"+strings.TrimPrefix(digits, "+")+"%")
		}
		where = append(where, "("+strings.Join(match, " OR ")+")")
	}
	return strings.Join(where, " AND "), args
}

// ListCustomers returns a page of tenantID's live customers, newest first
// (then by id), after f.After when set. The order is the
// customers_live_created index's, so a deep page reads only its own rows.
func (t *Tx) ListCustomers(ctx context.Context, tenantID string, f CustomerFilter) ([]customer.Customer, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	where, args := customerWhere(tenantID, f)
	if f.After != nil {
		// The first condition is the index range, the second the tie-break.
		where += ` AND c.created_at <= ? AND (c.created_at < ? OR c.id < ?)`
		args = append(args, ts(f.After.CreatedAt), ts(f.After.CreatedAt), f.After.ID)
	}
	rows, err := t.query(ctx, `SELECT `+customerCols+` FROM customers c WHERE `+where+
		` ORDER BY c.created_at DESC, c.id DESC LIMIT ?`, append(args, f.Limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []customer.Customer{}
	for rows.Next() {
		var c customer.Customer
		if err := rows.Scan(customerDest(&c)...); err != nil {
			return nil, fmt.Errorf("store: scan customer: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list customers: %w", err)
	}
	return out, nil
}

// CountCustomers returns how many of tenantID's live customers f matches
// (its paging aside).
func (t *Tx) CountCustomers(ctx context.Context, tenantID string, f CustomerFilter) (int, error) {
	if err := t.scope(tenantID); err != nil {
		return 0, err
	}
	f.After = nil
	where, args := customerWhere(tenantID, f)
	var n int64
	err := t.get(ctx, "", `SELECT COUNT(*) FROM customers c WHERE `+where, args, &n)
	return int(n), err
}

// phoneKey is the digits of a phone number, with a leading + kept.
func phoneKey(p string) string { return tenant.NormalizePhone(p) }

// CustomerCounts are the customer figures of the tenant statistics.
type CustomerCounts struct {
	Total         int // live customers
	Active        int // live customers with status active
	RecentSignups int // live customers created at or after the given time
}

// CustomerCounts counts tenantID's live customers: all, active, and those
// created since since (the statistics' 30 days). Each count is an index
// range (customers_live_status, customers_live_created), not a table scan.
func (t *Tx) CustomerCounts(ctx context.Context, tenantID string, since time.Time) (*CustomerCounts, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	out := &CustomerCounts{}
	rows, err := t.query(ctx, `SELECT c.status, COUNT(*) FROM customers c
		WHERE c.tenant_id = ? AND c.deleted_at IS NULL GROUP BY c.status`, tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return nil, fmt.Errorf("store: scan customer counts: %w", err)
		}
		out.Total += n
		if status == string(customer.Active) {
			out.Active = n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: customer counts: %w", err)
	}
	var recent int64
	err = t.get(ctx, "", `SELECT COUNT(*) FROM customers c
		WHERE c.tenant_id = ? AND c.deleted_at IS NULL AND c.created_at >= ?`, []any{tenantID, ts(since)}, &recent)
	out.RecentSignups = int(recent)
	return out, err
}
