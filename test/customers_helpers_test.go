package test

import (
	"net/http"
	"net/url"
	"testing"
)

// createCustomer adds a customer named name with email (may be "") to the
// tenant of token and returns it.
func (h *harness) createCustomer(t testing.TB, token, name, email string) obj {
	t.Helper()
	body := map[string]any{"name": name}
	if email != "" {
		body["email"] = email
	}
	return h.post(t, "/api/v1/customers", token, body).expect(http.StatusCreated).obj()
}

// customerNames lists the names of a customer page's items, in order.
func customerNames(page obj) []string {
	var out []string
	for _, c := range page.objs("items") {
		out = append(out, c.str("name"))
	}
	return out
}

// searchCustomers returns the page GET /api/v1/customers?q=… answers.
func (h *harness) searchCustomers(t testing.TB, token, q string) obj {
	t.Helper()
	return h.get(t, "/api/v1/customers?limit=500&q="+url.QueryEscape(q), token).expect(http.StatusOK).obj()
}
