package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// Plan limits are enforced by one step, reserve, called inside every
// transaction that creates something a meter counts, before its first
// write: it takes the tenant's lock of that meter, then counts (tx.Usage,
// the same counts GET /api/v1/subscriptions/usage shows) and refuses a
// creation past the plan's limit with a *plan.LimitError (403
// plan_limit_exceeded). Creations of one meter in one tenant are thereby
// serialized: of ten parallel outlet creations with one slot left, exactly
// one commits.
//
// Why the count after the lock sees what the previous holder committed: on
// SQLite write transactions are serialized anyway (one writer, BEGIN
// IMMEDIATE); on PostgreSQL the store's transactions run at READ COMMITTED,
// where every statement reads a snapshot taken when it starts, and the
// lock is released only after the holder's commit is visible. Under
// REPEATABLE READ the snapshot would be the transaction's first statement's
// and the count could miss a row; storetest's MeterLockSeesCommitted fails
// if that ever changes.
//
// Take the meter lock before any write in the transaction (a write first
// could hold a row lock the holder of the meter lock waits for), and after
// the roster lock where both are taken (lockRoster, then the meter).

// meterLock names the lock serializing tenantID's creations counted by m.
func meterLock(tenantID string, m plan.Meter) string { return "meter:" + string(m) + ":" + tenantID }

// lockMeter takes tenantID's lock of meter m for the rest of tx.
func lockMeter(ctx context.Context, tx *store.Tx, tenantID string, m plan.Meter) error {
	return tx.Lock(ctx, meterLock(tenantID, m))
}

// reserve makes room for n more on meter m in tenantID, inside the
// creating transaction tx: it takes the meter's lock, then refuses with a
// *plan.LimitError when the tenant's plan does not allow n more. The
// staff and appointments_per_month meters (booking) go through it too.
func (a *App) reserve(ctx context.Context, tx *store.Tx, tenantID string, m plan.Meter, n int64) error {
	if err := lockMeter(ctx, tx, tenantID, m); err != nil {
		return err
	}
	return a.withinLimit(ctx, tx, tenantID, m, n)
}

// withinLimit refuses adding n on meter m when tenantID's plan does not
// allow it. The caller holds the meter's lock (lockMeter); n <= 0 (a
// replacement by something smaller) is always allowed.
func (a *App) withinLimit(ctx context.Context, tx *store.Tx, tenantID string, m plan.Meter, n int64) error {
	if n <= 0 {
		return nil
	}
	current, err := tenantPlan(ctx, tx, tenantID)
	if err != nil {
		return err
	}
	limit, limited := current.Limits.Of(m)
	if !limited {
		return nil
	}
	u, err := tx.Usage(ctx, tenantID, a.now())
	if err != nil {
		return err
	}
	if u.Allows(current, m, n) {
		return nil
	}
	allowing, err := allowingPlan(ctx, tx, current, u, m, n)
	if err != nil {
		return err
	}
	return plan.NewLimitError(current.Code, allowing, false, plan.Exceeded{Meter: m, Used: u[m], Limit: limit})
}

// tenantPlan is tenantID's current plan. A tenant without a subscription
// (none is created without one) is held to the free plan's limits rather
// than to none.
func tenantPlan(ctx context.Context, tx *store.Tx, tenantID string) (*plan.Plan, error) {
	p, err := tx.TenantPlan(ctx, tenantID)
	if !errs.Is(err, errs.NotFound) {
		return p, err
	}
	return tx.GetPlan(ctx, "plan_"+plan.Free)
}

// allowingPlan is the code of the cheapest plan of the catalog, archived
// ones aside, that costs at least as much as current and would allow
// adding n on meter m at usage u (an upgrade, not a cheaper plan with other
// limits); "" when none would.
func allowingPlan(ctx context.Context, tx *store.Tx, current *plan.Plan, u plan.Usage, m plan.Meter, n int64) (string, error) {
	plans, err := tx.ListPlans(ctx, false)
	if err != nil {
		return "", err
	}
	var best *plan.Plan
	for i := range plans {
		p := &plans[i]
		if p.Code == current.Code || p.Price < current.Price || !u.Allows(p, m, n) {
			continue
		}
		if best == nil || p.Price < best.Price { // plans come in display order: ties keep the first
			best = p
		}
	}
	if best == nil {
		return "", nil
	}
	return best.Code, nil
}

// reserveSeat makes room on the members meter for userID joining
// tenantID, unless they are an active member already (joining then
// changes nothing, and join reports it).
func (a *App) reserveSeat(ctx context.Context, tx *store.Tx, tenantID, userID string) error {
	if err := lockMeter(ctx, tx, tenantID, plan.Members); err != nil {
		return err
	}
	m, err := tx.GetMembership(ctx, tenantID, userID)
	switch {
	case err == nil && m.Status == membership.Active:
		return nil
	case err != nil && !errs.Is(err, errs.NotFound):
		return err
	}
	return a.withinLimit(ctx, tx, tenantID, plan.Members, 1)
}

// reserveSeatFor is reserveSeat for the account with email, which may not
// exist yet.
func (a *App) reserveSeatFor(ctx context.Context, tx *store.Tx, tenantID, email string) error {
	u, err := tx.GetUserByEmail(ctx, email)
	if errs.Is(err, errs.NotFound) {
		return a.reserve(ctx, tx, tenantID, plan.Members, 1)
	}
	if err != nil {
		return err
	}
	return a.reserveSeat(ctx, tx, tenantID, u.ID)
}

// reserveInvite makes room on the members meter for a new invitation of
// email: a pending invitation counts as a seat, and one of the same email
// that the new one replaces (CreateInvite revokes it) gives its seat back.
func (a *App) reserveInvite(ctx context.Context, tx *store.Tx, tenantID, email string) error {
	if err := lockMeter(ctx, tx, tenantID, plan.Members); err != nil {
		return err
	}
	replaced, err := tx.PendingInvitesFor(ctx, tenantID, email, a.now())
	if err != nil {
		return err
	}
	return a.withinLimit(ctx, tx, tenantID, plan.Members, 1-replaced)
}
