package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/credential"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/store"
)

// publishableKeys are the public keys of tenantID's enabled gateway
// credentials that a front end needs (today Stripe's publishable key,
// under "stripe"), for its client configuration.
func publishableKeys(ctx context.Context, tx *store.Tx, tenantID string) (map[string]string, error) {
	out := map[string]string{}
	c, err := tx.GetCredential(ctx, tenantID, credential.Stripe)
	switch {
	case errs.Is(err, errs.NotFound):
		return out, nil
	case err != nil:
		return nil, err
	}
	if pk := c.Public[credential.PublishableKey]; c.Enabled && pk != "" {
		out[string(credential.Stripe)] = pk
	}
	return out, nil
}
