package app

import (
	"context"
	"errors"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/storage"
	"github.com/tenantry/tenantry/internal/store"
)

// storageProbeTimeout bounds POST /storage/test.
const storageProbeTimeout = 30 * time.Second

// TestStorage probes the stored configuration of the caller's tenant: it
// writes, reads back and deletes an object with the stored credentials.
// A store that refuses or cannot be reached answers 422
// storage_test_failed with the provider's own error text, secrets
// removed; 404 storage_not_configured when there is none.
func (a *App) TestStorage(ctx context.Context, p *auth.Principal) error {
	if !p.Scoped() {
		return errScopedCredentials
	}
	if _, err := a.authorize(ctx, p, p.TenantID, membership.StorageManage); err != nil {
		return err
	}
	c, _, err := a.OpenTenantStorage(ctx, p.TenantID)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, storageProbeTimeout)
	defer cancel()
	if err := c.Probe(ctx); err != nil {
		var se *storage.Error
		if !errors.As(err, &se) {
			return err
		}
		e := errs.E(errs.Invalid, "storage_test_failed", "The storage test failed: "+se.Op+": "+se.Text)
		e.Err = err
		return e
	}
	return nil
}

// OpenTenantStorage opens a client for tenantID's stored configuration,
// with its secrets, for the code that writes to the tenant's storage (the
// probe, the shipping job), and returns the record (its secret still
// sealed). NotFound storage_not_configured when there is none; a stored
// configuration that the server's rules now refuse (an http endpoint once
// StorageAllowHTTP is off) is Invalid.
func (a *App) OpenTenantStorage(ctx context.Context, tenantID string) (*storage.Client, *storage.Record, error) {
	var r *storage.Record
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		r, err = tx.GetStorageConfig(ctx, tenantID)
		return notFoundAs(err, errStorageNotConfigured)
	})
	if err != nil {
		return nil, nil, err
	}
	s, err := a.openStorageSecrets(r)
	if err != nil {
		return nil, nil, err
	}
	cfg := r.Config(s)
	cfg.AllowHTTP = a.opt.StorageAllowHTTP
	c, err := storage.Open(cfg)
	if err != nil {
		return nil, nil, err
	}
	return c, r, nil
}
