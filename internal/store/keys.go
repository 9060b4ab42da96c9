package store

import (
	"context"
	"fmt"

	"github.com/tenantry/tenantry/internal/auth"
)

// SigningKeysTopic is what a transaction touches when it adds a signing
// key, so that every process reloads its keys when the commit is
// broadcast, not only at its next poll.
const SigningKeysTopic = "signing-keys"

// CreateSigningKey stores a signing key (its private half sealed).
func (t *Tx) CreateSigningKey(ctx context.Context, k *auth.SigningKey) error {
	t.Touch(SigningKeysTopic)
	_, err := t.exec(ctx, `INSERT INTO signing_keys (id, alg, public_key, private_sealed, created_at) VALUES (?, ?, ?, ?, ?)`,
		k.ID, k.Alg, k.PublicKey, k.PrivateSealed, ts(k.CreatedAt))
	return err
}

// NewestSigningKey returns the newest signing key's id ("" when there is
// none) and how many keys there are: one cheap query for a process to tell
// whether the keys changed since it loaded them.
func (t *Tx) NewestSigningKey(ctx context.Context) (kid string, n int, err error) {
	err = t.get(ctx, "signing_key_not_found", `SELECT COALESCE(MAX(id), ''), COUNT(*) FROM signing_keys`, nil, &kid, &n)
	return kid, n, err
}

// SigningKeys returns every signing key, newest first.
func (t *Tx) SigningKeys(ctx context.Context) ([]auth.SigningKey, error) {
	rows, err := t.query(ctx, `SELECT id, alg, public_key, private_sealed, created_at FROM signing_keys ORDER BY id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []auth.SigningKey
	for rows.Next() {
		var k auth.SigningKey
		if err := rows.Scan(&k.ID, &k.Alg, &k.PublicKey, &k.PrivateSealed, timeCol{&k.CreatedAt}); err != nil {
			return nil, fmt.Errorf("store: scan signing key: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}
