package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// customerRoutes are a tenant's customers (issue 11), always in the tenant
// of the caller's scoped token. Customers are tenant-wide: no role is bound
// to its outlets for them; another tenant's customer answers 404.
func (s *Server) customerRoutes() []Route {
	list := []Param{
		{Name: "q", Type: "string", Description: "Only customers whose name, email or phone contains this (any case; % and _ are literal)."},
		{Name: "status", Type: "string", Description: "Only this status: active, inactive or blocked."},
		{Name: "limit", Type: "integer", Description: "How many customers to return (default 50, at most 500)."},
		{Name: "after", Type: "string", Description: "The next cursor of the previous page: pages at any depth in the time of one page."},
	}
	return []Route{
		{Method: "GET", Path: "/api/v1/customers", Tag: "Customers", Access: Authenticated, Action: membership.CustomersRead, Status: http.StatusOK,
			Summary: "List the tenant's customers, newest first, with the total the query matches", Query: list, Reply: CustomerList{}, handle: s.listCustomers},
		{Method: "POST", Path: "/api/v1/customers", Tag: "Customers", Access: Authenticated, Action: membership.CustomersManage, Status: http.StatusCreated,
			Summary: "Create a customer (email unique in the tenant in any case: 409 customer_email_taken)", Body: CustomerRequest{}, Reply: Customer{}, handle: s.createCustomer},
		{Method: "GET", Path: "/api/v1/customers/{customer_id}", Tag: "Customers", Access: Authenticated, Action: membership.CustomersRead, Status: http.StatusOK,
			Summary: "Get a customer", Reply: Customer{}, handle: s.getCustomer},
		{Method: "PUT", Path: "/api/v1/customers/{customer_id}", Tag: "Customers", Access: Authenticated, Action: membership.CustomersManage, Status: http.StatusOK,
			Summary: "Update a customer (partial; marketing_consent true records its time, false clears it)", Body: CustomerRequest{}, Reply: Customer{}, handle: s.updateCustomer},
		{Method: "DELETE", Path: "/api/v1/customers/{customer_id}", Tag: "Customers", Access: Authenticated, Action: membership.CustomersManage, Status: http.StatusNoContent,
			Summary: "Delete a customer (soft: kept for its history, hidden everywhere)", handle: s.deleteCustomer},
	}
}
