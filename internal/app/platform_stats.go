package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/metering"
	"github.com/tenantry/tenantry/internal/store"
)

// PlatformStats returns the platform's figures (GET /api/v1/admin/stats)
// to a platform admin: tenants, users, sign-ups per day and the last 24
// hours of metered requests and violations. This process's meter is
// flushed first, so its own requests are in the figures; other processes'
// are as of their last flush. An API key needs the platform:administer
// scope (no tenant key has it); anyone else is Forbidden.
func (a *App) PlatformStats(ctx context.Context, p *auth.Principal) (*metering.Stats, error) {
	if err := platformOnly(p, membership.PlatformAdminister); err != nil {
		return nil, err
	}
	if err := a.FlushMeter(ctx); err != nil {
		a.log.WarnContext(ctx, "flush meter for stats", "err", err)
	}
	var s *metering.Stats
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { s, err = tx.PlatformStats(ctx, a.now()); return err })
	return s, err
}
