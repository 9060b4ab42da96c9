package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/errs"
)

const platformKeyCols = `id, name, prefix, key_hash, created_by, created_at, last_used_at, revoked_at`

func platformKeyDest(k *apikey.PlatformKey) []any {
	return []any{&k.ID, &k.Name, &k.Prefix, &k.Hash, &k.CreatedBy,
		timeCol{&k.CreatedAt}, nullTimeCol{&k.LastUsedAt}, nullTimeCol{&k.RevokedAt}}
}

// errPlatformOnly refuses a platform key method in a tenant transaction.
var errPlatformOnly = errs.E(errs.NotFound, "platform_key_not_found", "Platform key not found.")

// CreatePlatformKey stores a new platform key (system transactions only).
func (t *Tx) CreatePlatformKey(ctx context.Context, k *apikey.PlatformKey) error {
	if !t.system {
		return errPlatformOnly
	}
	_, err := t.exec(ctx, `INSERT INTO platform_keys (id, name, prefix, key_hash, created_by, created_at, last_used_at, revoked_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, k.ID, k.Name, k.Prefix, k.Hash, k.CreatedBy, ts(k.CreatedAt), tsp(k.LastUsedAt), tsp(k.RevokedAt))
	return err
}

// ListPlatformKeys returns every platform key, revoked ones included, newest first.
func (t *Tx) ListPlatformKeys(ctx context.Context) ([]apikey.PlatformKey, error) {
	if !t.system {
		return nil, errPlatformOnly
	}
	rows, err := t.query(ctx, `SELECT `+platformKeyCols+` FROM platform_keys ORDER BY created_at DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []apikey.PlatformKey{}
	for rows.Next() {
		var k apikey.PlatformKey
		if err := rows.Scan(platformKeyDest(&k)...); err != nil {
			return nil, fmt.Errorf("store: scan platform key: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// PlatformKeyByHash finds the platform key whose secret hashes to hash,
// revoked or not; NotFound code platform_key_not_found when none has it.
func (t *Tx) PlatformKeyByHash(ctx context.Context, hash string) (*apikey.PlatformKey, error) {
	if !t.system {
		return nil, errPlatformOnly
	}
	var k apikey.PlatformKey
	err := t.get(ctx, "platform_key_not_found", `SELECT `+platformKeyCols+` FROM platform_keys WHERE key_hash = ?`,
		[]any{hash}, platformKeyDest(&k)...)
	if err != nil {
		return nil, err
	}
	return &k, nil
}

// RevokePlatformKey revokes a key and reports whether this call revoked it;
// NotFound code platform_key_not_found when no such key exists.
func (t *Tx) RevokePlatformKey(ctx context.Context, keyID string, now time.Time) (bool, error) {
	if !t.system {
		return false, errPlatformOnly
	}
	r, err := t.exec(ctx, `UPDATE platform_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, ts(now), keyID)
	if err != nil {
		return false, err
	}
	if affected(r) == 1 {
		return true, nil
	}
	var n int
	if err := t.get(ctx, "platform_key_not_found", `SELECT COUNT(*) FROM platform_keys WHERE id = ?`, []any{keyID}, &n); err != nil {
		return false, err
	}
	if n == 0 {
		return false, errPlatformOnly
	}
	return false, nil
}

// TouchPlatformKey records a use of a key at now, unless one at or after
// notBefore is recorded already.
func (t *Tx) TouchPlatformKey(ctx context.Context, keyID string, now, notBefore time.Time) error {
	if !t.system {
		return errPlatformOnly
	}
	_, err := t.exec(ctx, `UPDATE platform_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
		ts(now), keyID, ts(notBefore))
	return err
}
