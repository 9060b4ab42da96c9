package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// Plan limits are enforced by one step, reserve, called inside every
// transaction that creates something a meter counts, before its write: it
// counts (tx.Usage, the same counts GET /api/v1/subscriptions/usage shows)
// and refuses a creation past the plan's limit with a *plan.LimitError
// (403 plan_limit_exceeded). When the count leaves room (or the plan does
// not limit the meter), it takes the tenant's lock of that meter, reads the
// plan again and counts again, so that creations of one meter in one tenant
// are serialized with each other and with plan changes that lower the
// limit (lockedUsage): of ten parallel outlet creations with one slot left,
// exactly one commits, and a downgrade and a creation it forbids never both
// commit. A refusal needs no lock (it is true of a committed state), so the
// refusal path runs in parallel.
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
// Reserve before any write in the transaction (a write first could hold a
// row lock the holder of the meter lock waits for), and after the roster
// lock where both are taken (lockRoster, then the meter). A change that
// lowers a tenant's limits checks its usage against them under the locks of
// the meters it checks (lockedUsage), so that no creation slips in between.

// meterLock names the lock serializing tenantID's creations counted by m.
func meterLock(tenantID string, m plan.Meter) string { return "meter:" + string(m) + ":" + tenantID }

// lockMeter takes tenantID's lock of meter m for the rest of tx.
func lockMeter(ctx context.Context, tx *store.Tx, tenantID string, m plan.Meter) error {
	return tx.Lock(ctx, meterLock(tenantID, m))
}

// reserve makes room for n more on meter m in tenantID, inside the
// creating transaction tx, or refuses with a *plan.LimitError when the
// tenant's plan does not allow n more. The staff and
// appointments_per_month meters (booking) go through it too.
func (a *App) reserve(ctx context.Context, tx *store.Tx, tenantID string, m plan.Meter, n int64) error {
	return a.reserveFor(ctx, tx, tenantID, m, func() (int64, error) { return n, nil })
}

// reserveFor is reserve for a creation whose need on the meter depends on
// the tenant's rows (a replaced invitation gives its seat back): need reads
// it from tx, once before the lock and again under it.
func (a *App) reserveFor(ctx context.Context, tx *store.Tx, tenantID string, m plan.Meter, need func() (int64, error)) error {
	current, err := tenantPlan(ctx, tx, tenantID)
	if err != nil {
		return err
	}
	if _, limited := current.Limits.Of(m); limited {
		n, err := need()
		if err != nil {
			return err
		}
		if err := a.allows(ctx, tx, tenantID, current, m, n); err != nil {
			return err
		}
	}
	if err := lockMeter(ctx, tx, tenantID, m); err != nil {
		return err
	}
	// Under the lock, the plan as well as the count: a plan change lowering
	// the limit may have committed while this transaction waited.
	n, err := need()
	if err != nil {
		return err
	}
	return a.withinLimit(ctx, tx, tenantID, m, n)
}

// withinLimit refuses adding n on meter m when tenantID's plan does not
// allow it. The caller holds the meter's lock (lockMeter).
func (a *App) withinLimit(ctx context.Context, tx *store.Tx, tenantID string, m plan.Meter, n int64) error {
	current, err := tenantPlan(ctx, tx, tenantID)
	if err != nil {
		return err
	}
	return a.allows(ctx, tx, tenantID, current, m, n)
}

// allows counts tenantID's usage and refuses adding n on meter m past the
// limit of its plan current; n <= 0 (a replacement by something no bigger)
// is always allowed.
func (a *App) allows(ctx context.Context, tx *store.Tx, tenantID string, current *plan.Plan, m plan.Meter, n int64) error {
	limit, limited := current.Limits.Of(m)
	if n <= 0 || !limited {
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
	return a.reserveFor(ctx, tx, tenantID, plan.Members, func() (int64, error) {
		m, err := tx.GetMembership(ctx, tenantID, userID)
		switch {
		case err == nil && m.Status == membership.Active:
			return 0, nil
		case err != nil && !errs.Is(err, errs.NotFound):
			return 0, err
		}
		return 1, nil
	})
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
	return a.reserveFor(ctx, tx, tenantID, plan.Members, func() (int64, error) {
		replaced, err := tx.PendingInvitesFor(ctx, tenantID, email, a.now())
		return 1 - replaced, err
	})
}

// lockedUsage counts tenantID's usage for a change to the lower plan
// target, holding the lock of every meter target limits (in vocabulary
// order, after the billing lock), so that no creation slips in between the
// check and the change's commit.
func lockedUsage(ctx context.Context, tx *store.Tx, tenantID string, target *plan.Plan, now time.Time) (plan.Usage, error) {
	for _, m := range plan.Meters() {
		if _, ok := target.Limits.Of(m); ok {
			if err := lockMeter(ctx, tx, tenantID, m); err != nil {
				return nil, err
			}
		}
	}
	return tx.Usage(ctx, tenantID, now)
}
