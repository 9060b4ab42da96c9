package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// billingRoutes are the plan catalog (public, and managed by platform
// admins), a tenant's subscription and its payments. Subscription routes
// act on the tenant of the caller's scoped token; platform admins name any
// tenant with ?tenant_id=.
func (s *Server) billingRoutes() []Route {
	tenantParam := []Param{{Name: "tenant_id", Type: "string",
		Description: "The tenant (platform admins: any; others: their own, the default being the token's tenant)."}}
	payments := append(append([]Param{}, tenantParam...), pagination...)
	return []Route{
		{Method: "GET", Path: "/api/v1/catalog/plans", Tag: "Billing", Access: Public, Status: http.StatusOK,
			Summary: "The plans a tenant may choose (no authentication)", Reply: []CatalogPlan{}, handle: s.catalogPlans},

		{Method: "GET", Path: "/api/v1/admin/plans", Tag: "Platform admin", Access: Authenticated, Action: membership.PlanManage,
			Status: http.StatusOK, Summary: "The whole plan catalog, archived plans included, with subscriber counts",
			Reply: []AdminPlan{}, handle: s.adminPlans},
		{Method: "POST", Path: "/api/v1/admin/plans", Tag: "Platform admin", Access: Authenticated, Action: membership.PlanManage,
			Status: http.StatusCreated, Summary: "Add a plan to the catalog", Body: PlanRequest{}, Reply: AdminPlan{}, handle: s.createPlan},
		{Method: "PUT", Path: "/api/v1/admin/plans/{plan_id}", Tag: "Platform admin", Access: Authenticated, Action: membership.PlanManage,
			Status: http.StatusOK, Summary: "Change a plan (partial; archived: true archives it, false restores it)",
			Body: PlanRequest{}, Reply: AdminPlan{}, handle: s.updatePlan},

		{Method: "GET", Path: "/api/v1/subscriptions/current", Tag: "Billing", Access: Authenticated, Action: membership.SubscriptionRead,
			Status: http.StatusOK, Summary: "The tenant's subscription, with a change scheduled for the period's end",
			Query: tenantParam, Reply: CurrentSubscription{}, handle: s.currentSubscription},
		{Method: "POST", Path: "/api/v1/subscriptions/upgrade", Tag: "Billing", Access: Authenticated, Action: membership.SubscriptionChange,
			Status: http.StatusOK, Summary: "Move to a higher plan at once (a new period; a trial the first time)",
			Query: tenantParam, Body: PlanChangeRequest{}, Reply: CurrentSubscription{}, handle: s.upgrade},
		{Method: "POST", Path: "/api/v1/subscriptions/downgrade", Tag: "Billing", Access: Authenticated, Action: membership.SubscriptionChange,
			Status: http.StatusOK, Summary: "Move to a lower plan at the end of the period (refused while usage exceeds its limits)",
			Query: tenantParam, Body: PlanChangeRequest{}, Reply: CurrentSubscription{}, handle: s.downgrade},
		{Method: "POST", Path: "/api/v1/subscriptions", Tag: "Billing", Access: Authenticated, Action: membership.SubscriptionChange,
			Status: http.StatusCreated, Summary: "Activate or change the plan at once (trueport)",
			Query: tenantParam, Body: PlanChangeRequest{}, Reply: ActivatedSubscription{}, handle: s.activatePlan},
		{Method: "GET", Path: "/api/v1/subscriptions/payments", Tag: "Billing", Access: Authenticated, Action: membership.PaymentRead,
			Status: http.StatusOK, Summary: "The tenant's invoices and payments, newest first",
			Query: payments, Reply: []Payment{}, TotalCount: true, handle: s.listPayments},
	}
}
