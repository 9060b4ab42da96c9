package app

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/storage"
	"github.com/tenantry/tenantry/internal/store"
)

// StorageView is a tenant's storage configuration without its secrets:
// where it points, whether its credentials are set, and the state of the
// shipping of its audit batches.
type StorageView struct {
	Provider       storage.Provider
	Bucket         string
	Region         string
	Endpoint       string
	Container      string
	CredentialsSet bool
	LastShippedAt  *time.Time
	LastError      string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// StorageUpdate is a PUT of the caller's tenant's storage (trueport seed):
// S3 with Bucket, Region (optional with an Endpoint), the keys and an
// optional Endpoint of an S3-compatible store, or AZURE with the
// ConnectionString and the Container. Every PUT gives the whole
// configuration, secrets included: it replaces the stored one.
type StorageUpdate struct {
	Provider         string
	Bucket           string
	Region           string
	Endpoint         string
	AccessKeyID      string
	SecretAccessKey  string
	ConnectionString string
	Container        string
}

var errStorageNotConfigured = errs.E(errs.NotFound, "storage_not_configured", "This tenant has not configured its storage.")

// GetStorage returns the storage configuration of the caller's tenant,
// without its secrets; 404 storage_not_configured when it has none.
func (a *App) GetStorage(ctx context.Context, p *auth.Principal) (*StorageView, error) {
	if !p.Scoped() {
		return nil, errScopedCredentials
	}
	if _, err := a.authorize(ctx, p, p.TenantID, membership.StorageRead); err != nil {
		return nil, err
	}
	var v *StorageView
	err := a.db.ReadTenant(ctx, p.TenantID, func(tx *store.Tx) error {
		if _, err := tx.GetTenant(ctx, p.TenantID); err != nil {
			return notFoundAs(err, errTenantNotFound)
		}
		r, err := tx.GetStorageConfig(ctx, p.TenantID)
		if err != nil {
			return notFoundAs(err, errStorageNotConfigured)
		}
		v, err = a.viewOfStorage(r)
		return err
	})
	return v, err
}

// PutStorage creates or replaces the storage configuration of the caller's
// tenant, in one transaction with its audit event (storage.update: where
// it points, never a secret). The secrets are sealed, bound to the tenant.
// A configuration pointing where the stored one did keeps its shipping
// state; one pointing elsewhere starts shipping afresh.
func (a *App) PutStorage(ctx context.Context, p *auth.Principal, in StorageUpdate) (*StorageView, error) {
	if !p.Scoped() {
		return nil, errScopedCredentials
	}
	tenantID := p.TenantID
	if _, err := a.authorize(ctx, p, tenantID, membership.StorageManage); err != nil {
		return nil, err
	}
	cfg, secrets, err := a.storageInput(in)
	if err != nil {
		return nil, err
	}
	var v *StorageView
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := activeTenant(ctx, tx, tenantID); err != nil {
			return err
		}
		if err := tx.Lock(ctx, "storage:"+tenantID); err != nil {
			return err
		}
		old, err := tx.GetStorageConfig(ctx, tenantID)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		now := a.now()
		r := &storage.Record{TenantID: tenantID, Provider: cfg.Provider, Bucket: cfg.Bucket, Region: cfg.Region,
			Endpoint: cfg.Endpoint, Container: cfg.Container, CreatedAt: now, UpdatedAt: now}
		moved := old == nil || old.Target() != r.Target()
		if old != nil {
			r.CreatedAt = old.CreatedAt
			if !moved {
				r.LastShippedAt, r.LastError, r.ShippedThrough = old.LastShippedAt, old.LastError, old.ShippedThrough
			}
		}
		if r.SecretSealed, err = a.sealStorage(tenantID, secrets); err != nil {
			return err
		}
		if err := tx.PutStorageConfig(ctx, r); err != nil {
			return err
		}
		if err := a.enqueueShip(ctx, tx, tenantID); err != nil { // what is sealed already
			return err
		}
		if v, err = a.viewOfStorage(r); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "storage.update", "storage_config", tenantID, map[string]string{
			"provider": string(r.Provider), "bucket": r.Bucket, "region": r.Region, "endpoint": r.Endpoint,
			"container_name": r.Container, "created": boolString(old == nil), "target_changed": boolString(old != nil && moved),
			"secrets_replaced": strings.Join(slices.Sorted(maps.Keys(secrets)), ",")})
	})
	return v, err
}

// DeleteStorage removes the storage configuration of the caller's tenant
// and its secrets, audited (storage.delete); shipping stops. 404
// storage_not_configured when it has none.
func (a *App) DeleteStorage(ctx context.Context, p *auth.Principal) error {
	if !p.Scoped() {
		return errScopedCredentials
	}
	tenantID := p.TenantID
	if _, err := a.authorize(ctx, p, tenantID, membership.StorageManage); err != nil {
		return err
	}
	return a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := activeTenant(ctx, tx, tenantID); err != nil {
			return err
		}
		old, err := tx.GetStorageConfig(ctx, tenantID)
		if err != nil {
			return notFoundAs(err, errStorageNotConfigured)
		}
		if err := tx.DeleteStorageConfig(ctx, tenantID); err != nil {
			return notFoundAs(err, errStorageNotConfigured)
		}
		return a.record(ctx, tx, tenantID, p, "storage.delete", "storage_config", tenantID, map[string]string{
			"provider": string(old.Provider), "bucket": old.Bucket, "container_name": old.Container})
	})
}

// storageInput checks a PUT: the provider's own fields, by its rules
// (storage.Config.Check), and none of the other provider's.
func (a *App) storageInput(in StorageUpdate) (storage.Config, storage.Secrets, error) {
	cfg := storage.Config{Provider: storage.Provider(strings.ToUpper(strings.TrimSpace(in.Provider))),
		Bucket: in.Bucket, Region: in.Region, Endpoint: strings.TrimRight(in.Endpoint, "/"),
		AccessKeyID: in.AccessKeyID, SecretAccessKey: in.SecretAccessKey,
		ConnectionString: in.ConnectionString, Container: in.Container, AllowHTTP: a.opt.StorageAllowHTTP}
	var col errs.Collector
	var other map[string]string
	secrets := storage.Secrets{}
	switch cfg.Provider {
	case storage.S3:
		other = map[string]string{storage.FieldConnectionString: in.ConnectionString, storage.FieldContainer: in.Container}
		secrets[storage.FieldAccessKeyID], secrets[storage.FieldSecretAccessKey] = in.AccessKeyID, in.SecretAccessKey
	case storage.Azure:
		other = map[string]string{storage.FieldBucket: in.Bucket, storage.FieldRegion: in.Region, storage.FieldEndpoint: in.Endpoint,
			storage.FieldAccessKeyID: in.AccessKeyID, storage.FieldSecretAccessKey: in.SecretAccessKey}
		secrets[storage.FieldConnectionString] = in.ConnectionString
	}
	for _, f := range slices.Sorted(maps.Keys(other)) {
		col.Check(other[f] != "", f, "not_for_provider", "This field does not apply to provider "+string(cfg.Provider)+".")
	}
	if err := cfg.Check(); err != nil {
		if e, ok := errs.As(err); ok {
			for _, f := range e.Fields {
				col.Add(f.Field, f.Code, f.Message)
			}
		}
	}
	return cfg, secrets, col.Err()
}

// sealStorage seals a configuration's secrets as one value bound to its
// tenant.
func (a *App) sealStorage(tenantID string, s storage.Secrets) (string, error) {
	plain, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("seal storage secrets: %w", err)
	}
	defer clear(plain)
	return a.box.Seal(plain, storage.SealContext(tenantID))
}

func (a *App) openStorageSecrets(r *storage.Record) (storage.Secrets, error) {
	plain, err := a.box.Open(r.SecretSealed, storage.SealContext(r.TenantID))
	if err != nil {
		return nil, fmt.Errorf("open storage secrets of %s: %w", r.TenantID, err)
	}
	defer clear(plain)
	out := storage.Secrets{}
	if err := json.Unmarshal(plain, &out); err != nil {
		return nil, fmt.Errorf("open storage secrets of %s: %w", r.TenantID, err)
	}
	return out, nil
}

// viewOfStorage describes a record without its secrets (opening them,
// which proves they still open, to say whether they are set).
func (a *App) viewOfStorage(r *storage.Record) (*StorageView, error) {
	s, err := a.openStorageSecrets(r)
	if err != nil {
		return nil, err
	}
	set := s[storage.FieldConnectionString] != ""
	if r.Provider == storage.S3 {
		set = s[storage.FieldAccessKeyID] != "" && s[storage.FieldSecretAccessKey] != ""
	}
	return &StorageView{Provider: r.Provider, Bucket: r.Bucket, Region: r.Region, Endpoint: r.Endpoint, Container: r.Container,
		CredentialsSet: set, LastShippedAt: r.LastShippedAt, LastError: r.LastError, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}, nil
}
