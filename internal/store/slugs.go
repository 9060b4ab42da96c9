package store

import "context"

// Slugs are claimed in tenant_slugs, a global table (migration 0038): on a
// database distributed by tenant (Citus) the tenants table cannot hold a
// unique index on slug, so the claim, written in the transaction that
// creates the tenant, is what keeps a slug unique. An erased tenant's claim
// stays with tenant_id "", so its slug stays reserved.

// claimSlug claims slug for tenantID; a slug claimed before is a Duplicate
// on "tenants.slug", as a unique index on tenants would have raised.
func (t *Tx) claimSlug(ctx context.Context, slug, tenantID string) error {
	_, err := t.exec(ctx, `INSERT INTO tenant_slugs (slug, tenant_id) VALUES (?, ?)`, slug, tenantID)
	if IsDuplicate(err, "tenant_slugs.slug") {
		return DuplicateError("tenants.slug", err)
	}
	return err
}

// releaseSlug leaves the claims of an erased tenant without its id: the
// slug stays reserved and no row names the tenant.
func (t *Tx) releaseSlug(ctx context.Context, tenantID string) error {
	_, err := t.exec(ctx, `UPDATE tenant_slugs SET tenant_id = '' WHERE tenant_id = ?`, tenantID)
	return err
}

// TenantIDBySlug returns the id of the tenant with the given slug (system
// scope; a tenant transaction finds only its own tenant).
func (t *Tx) TenantIDBySlug(ctx context.Context, slug string) (string, error) {
	var id string
	err := t.get(ctx, "tenant_not_found", `SELECT tenant_id FROM tenant_slugs WHERE slug = ? AND tenant_id <> ''`, []any{slug}, &id)
	if err != nil {
		return "", err
	}
	return id, t.scope(id) // the claims are global: a tenant transaction finds only its own
}

// SlugTaken reports whether a tenant already uses slug, or an erased one
// did: an erased tenant's slug stays reserved (system scope).
func (t *Tx) SlugTaken(ctx context.Context, slug string) (bool, error) {
	var n int
	err := t.get(ctx, "", `SELECT COUNT(*) FROM tenant_slugs WHERE slug = ?`, []any{slug}, &n)
	return n > 0, err
}
