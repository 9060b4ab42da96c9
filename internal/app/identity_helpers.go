package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// activeUser returns the active user with email, or nil when there is none
// (no account, or a deactivated one).
func activeUser(ctx context.Context, tx *store.Tx, email string) (*identity.User, error) {
	u, err := tx.GetUserByEmail(ctx, email)
	switch {
	case errs.Is(err, errs.NotFound):
		return nil, nil
	case err != nil:
		return nil, err
	case !u.IsActive:
		return nil, nil
	}
	return u, nil
}

// auditTenant is where an event concerning tenantID is recorded: that
// tenant when it exists, else the public tenant.
func auditTenant(ctx context.Context, tx *store.Tx, tenantID string) string {
	if tenantID != "" {
		if _, err := tx.GetTenant(ctx, tenantID); err == nil {
			return tenantID
		}
	}
	return tenant.PublicID
}
