package store

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/plan"
)

// Usage counts every meter of a tenant from its rows at now, in one
// statement. The same counts answer GET /api/v1/subscriptions/usage, decide
// whether a downgrade fits, and (inside the creating transaction, under the
// tenant's meter lock) whether a creation stays within the plan. Meters
// whose rows do not exist yet (staff, appointments, metered requests) count
// zero.
func (t *Tx) Usage(ctx context.Context, tenantID string, now time.Time) (plan.Usage, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var outlets, members, invites, keys int64
	err := t.get(ctx, "tenant_not_found", `SELECT
		(SELECT COUNT(*) FROM outlets WHERE tenant_id = ?),
		(SELECT COUNT(*) FROM memberships WHERE tenant_id = ? AND status = 'active'),
		(SELECT COUNT(*) FROM invites WHERE tenant_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?),
		(SELECT COUNT(*) FROM api_keys WHERE tenant_id = ? AND revoked_at IS NULL)`,
		[]any{tenantID, tenantID, tenantID, ts(now), tenantID}, &outlets, &members, &invites, &keys)
	if err != nil {
		return nil, err
	}
	u := plan.Usage{}
	for _, m := range plan.Meters() {
		u[m] = 0
	}
	u[plan.Outlets], u[plan.Members], u[plan.APIKeys] = outlets, members+invites, keys
	return u, nil
}
