package app

import (
	"context"
	"fmt"
	"strconv"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var errPlanNotFound = errs.E(errs.NotFound, "plan_not_found", "Plan not found.")

// CatalogPlans returns the plans a tenant may choose, in display order:
// the catalog without its archived plans. Anyone may read it (a pricing
// page needs it).
func (a *App) CatalogPlans(ctx context.Context) ([]plan.Plan, error) {
	var out []plan.Plan
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { out, err = tx.ListPlans(ctx, false); return err })
	return out, err
}

// AdminPlan is a plan of the catalog with how many subscriptions (not
// cancelled) are on it.
type AdminPlan struct {
	Plan        plan.Plan
	Subscribers int
}

// AdminPlans returns the whole catalog, archived plans included, with
// their subscriber counts, to platform admins.
func (a *App) AdminPlans(ctx context.Context, p *auth.Principal) ([]AdminPlan, error) {
	if err := platformOnly(p, membership.PlanManage); err != nil {
		return nil, err
	}
	var out []AdminPlan
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) error {
		plans, err := tx.ListPlans(ctx, true)
		if err != nil {
			return err
		}
		counts, err := tx.PlanSubscribers(ctx)
		if err != nil {
			return err
		}
		for _, x := range plans {
			out = append(out, AdminPlan{Plan: x, Subscribers: counts[x.Code]})
		}
		return nil
	})
	return out, err
}

// CreatePlan adds a plan to the catalog (platform admins). Its currency
// defaults to USD and its billing cycle to MONTHLY; a code in use is 409
// plan_code_taken.
func (a *App) CreatePlan(ctx context.Context, p *auth.Principal, in PlanInput) (*AdminPlan, error) {
	if err := platformOnly(p, membership.PlanManage); err != nil {
		return nil, err
	}
	now := a.now()
	x := &plan.Plan{ID: id.NewAt(id.Plan, now), Currency: "USD", BillingCycle: plan.Monthly, Features: []string{},
		Limits: plan.Limits{}, CreatedAt: now, UpdatedAt: now}
	if err := in.apply(x, true); err != nil {
		return nil, err
	}
	if in.Archived != nil && *in.Archived {
		x.ArchivedAt = &now
	}
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "plan-catalog"); err != nil {
			return err
		}
		if _, err := tx.GetPlanByCode(ctx, x.Code); err == nil {
			return taken("code", "plan_code_taken", "A plan with this code exists (archived plans keep their codes).")
		} else if !errs.Is(err, errs.NotFound) {
			return err
		}
		if err := tx.CreatePlan(ctx, x); err != nil {
			return err
		}
		return a.record(ctx, tx, tenant.PublicID, p, "plan.create", "plan", x.ID, planDetails(x, nil))
	})
	if err != nil {
		return nil, err
	}
	return &AdminPlan{Plan: *x}, nil
}

// UpdatePlan changes the fields in names on a plan (platform admins).
// Changing the limits of a plan with subscribers changes theirs, so it
// needs in.ConfirmSubscribers (else 409 plan_has_subscribers, with their
// count). Archiving keeps every subscriber on the plan; the free plan,
// every new tenant's, cannot be archived.
func (a *App) UpdatePlan(ctx context.Context, p *auth.Principal, planID string, in PlanInput) (*AdminPlan, error) {
	if err := platformOnly(p, membership.PlanManage); err != nil {
		return nil, err
	}
	var out *AdminPlan
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "plan-catalog"); err != nil {
			return err
		}
		was, err := tx.GetPlan(ctx, planID)
		if errs.Is(err, errs.NotFound) {
			return errPlanNotFound
		}
		if err != nil {
			return err
		}
		x := *was
		if err := in.apply(&x, false); err != nil {
			return err
		}
		counts, err := tx.PlanSubscribers(ctx)
		if err != nil {
			return err
		}
		subscribers := counts[x.Code]
		limitsChanged := in.SetLimits && !sameLimits(was.Limits, x.Limits)
		if limitsChanged && subscribers > 0 && !in.ConfirmSubscribers {
			return errs.E(errs.Conflict, "plan_has_subscribers", fmt.Sprintf(
				"%d subscriptions are on plan %s: changing its limits changes theirs. Send confirm_subscribers: true to go ahead.",
				subscribers, x.Code))
		}
		action, err := a.archiveChange(&x, was, in.Archived)
		if err != nil {
			return err
		}
		x.UpdatedAt = a.now()
		if err := tx.UpdatePlan(ctx, &x); err != nil {
			return err
		}
		details := planDetails(&x, was)
		if limitsChanged {
			details["limits_changed"], details["subscribers"] = "true", strconv.Itoa(subscribers)
		}
		out = &AdminPlan{Plan: x, Subscribers: subscribers}
		return a.record(ctx, tx, tenant.PublicID, p, action, "plan", x.ID, details)
	})
	return out, err
}

// archiveChange applies an archived flag to x and names the audit action.
func (a *App) archiveChange(x, was *plan.Plan, archived *bool) (string, error) {
	switch {
	case archived == nil || *archived == (was.ArchivedAt != nil):
		return "plan.update", nil
	case *archived && x.Code == plan.Free:
		return "", errs.E(errs.Conflict, "plan_default", "The free plan is every new tenant's plan: it cannot be archived.")
	case *archived:
		now := a.now()
		x.ArchivedAt = &now
		return "plan.archive", nil
	}
	x.ArchivedAt = nil
	return "plan.restore", nil
}

// planDetails describes a plan (and what changed from was) for the audit log.
func planDetails(x, was *plan.Plan) map[string]string {
	d := map[string]string{"code": x.Code, "price": strconv.FormatInt(x.Price, 10), "currency": x.Currency,
		"billing_cycle": x.BillingCycle}
	if was != nil && was.Price != x.Price {
		d["previous_price"] = strconv.FormatInt(was.Price, 10)
	}
	return d
}
