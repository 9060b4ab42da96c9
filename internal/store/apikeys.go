package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/tenant"
)

const apiKeyCols = `k.tenant_id, k.id, k.name, k.environment, k.scopes, k.prefix, k.key_hash, k.created_by,
	k.created_at, k.rotated_at, k.last_used_at, k.revoked_at`

func apiKeyDest(k *apikey.Key) []any {
	return []any{&k.TenantID, &k.ID, &k.Name, &k.Environment, jsonCol{&k.Scopes}, &k.Prefix, &k.Hash, &k.CreatedBy,
		timeCol{&k.CreatedAt}, nullTimeCol{&k.RotatedAt}, nullTimeCol{&k.LastUsedAt}, nullTimeCol{&k.RevokedAt}}
}

// CreateAPIKey stores a new key.
func (t *Tx) CreateAPIKey(ctx context.Context, k *apikey.Key) error {
	if err := t.scope(k.TenantID); err != nil {
		return err
	}
	scopes, err := jsonArg(k.Scopes)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO api_keys (tenant_id, id, name, environment, scopes, prefix, key_hash, created_by,
		created_at, rotated_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		k.TenantID, k.ID, k.Name, k.Environment, scopes, k.Prefix, k.Hash, k.CreatedBy,
		ts(k.CreatedAt), tsp(k.RotatedAt), tsp(k.LastUsedAt), tsp(k.RevokedAt))
	return err
}

// GetAPIKey returns one key of tenantID; NotFound code api_key_not_found.
func (t *Tx) GetAPIKey(ctx context.Context, tenantID, keyID string) (*apikey.Key, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var k apikey.Key
	err := t.get(ctx, "api_key_not_found", `SELECT `+apiKeyCols+` FROM api_keys k WHERE k.tenant_id = ? AND k.id = ?`,
		[]any{tenantID, keyID}, apiKeyDest(&k)...)
	if err != nil {
		return nil, err
	}
	return &k, nil
}

// ListAPIKeys returns every key of tenantID, revoked ones included, newest first.
func (t *Tx) ListAPIKeys(ctx context.Context, tenantID string) ([]apikey.Key, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+apiKeyCols+` FROM api_keys k WHERE k.tenant_id = ? ORDER BY k.created_at DESC, k.id DESC`, tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []apikey.Key{}
	for rows.Next() {
		var k apikey.Key
		if err := rows.Scan(apiKeyDest(&k)...); err != nil {
			return nil, fmt.Errorf("store: scan api key: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// RotateAPIKey gives an unrevoked key a new secret (its prefix and hash); the
// old secret stops matching at once. NotFound when no such unrevoked key exists.
func (t *Tx) RotateAPIKey(ctx context.Context, tenantID, keyID, prefix, hash string, now time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE api_keys SET prefix = ?, key_hash = ?, rotated_at = ?
		WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL`, prefix, hash, ts(now), tenantID, keyID)
	return notFoundIfNone(r, err, "api_key_not_found")
}

// RevokeAPIKey revokes a key and reports whether this call revoked it (false
// when it was revoked already or does not exist).
func (t *Tx) RevokeAPIKey(ctx context.Context, tenantID, keyID string, now time.Time) (bool, error) {
	if err := t.scope(tenantID); err != nil {
		return false, err
	}
	r, err := t.exec(ctx, `UPDATE api_keys SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL`,
		ts(now), tenantID, keyID)
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}

// TouchAPIKey records a use of a key at now, unless a use at or after
// notBefore is recorded already, so that concurrent processes write at most
// once per interval.
func (t *Tx) TouchAPIKey(ctx context.Context, tenantID, keyID string, now, notBefore time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	_, err := t.exec(ctx, `UPDATE api_keys SET last_used_at = ?
		WHERE tenant_id = ? AND id = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
		ts(now), tenantID, keyID, ts(notBefore))
	return err
}

// KeyCaller is what an API key's secret resolves to: the key and the state
// of its tenant.
type KeyCaller struct {
	Key          apikey.Key
	TenantStatus tenant.Status
}

// APIKeyByHash finds the key whose secret hashes to hash, revoked or not,
// with its tenant's status (system scope: the caller names no tenant).
// NotFound code api_key_not_found when no key has that hash.
func (t *Tx) APIKeyByHash(ctx context.Context, hash string) (*KeyCaller, error) {
	var c KeyCaller
	dest := append(apiKeyDest(&c.Key), &c.TenantStatus)
	err := t.get(ctx, "api_key_not_found", `SELECT `+apiKeyCols+`, t.status FROM api_keys k
		JOIN tenants t ON t.id = k.tenant_id WHERE k.key_hash = ?`, []any{hash}, dest...)
	if err != nil {
		return nil, err
	}
	return &c, t.scope(c.Key.TenantID)
}
