package storetest

import (
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/store"
)

// auditChainForeignChecks are the foreign-tenant checks of the audit
// chain's methods: another tenant's chain is read, sealed or pruned as
// if it did not exist.
func auditChainForeignChecks() map[string]func(tx *store.Tx, b *foreign) error {
	type check = func(tx *store.Tx, b *foreign) error
	return map[string]check{
		"AuditHead": func(tx *store.Tx, b *foreign) error { _, err := tx.AuditHead(ctx, b.tenant.ID); return err },
		"AuditToSeal": func(tx *store.Tx, b *foreign) error {
			_, err := tx.AuditToSeal(ctx, b.tenant.ID, time.Time{}, "", now, 10)
			return err
		},
		"AppendSeal": func(tx *store.Tx, b *foreign) error {
			return tx.AppendSeal(ctx, &audit.Seal{TenantID: b.tenant.ID, Batch: 1, FirstSeq: 1, LastSeq: 1,
				LastAt: now, LastID: "aud_planted", KeyID: "k", Signature: []byte("s"), SealedAt: now}, nil)
		},
		"AuditSeals": func(tx *store.Tx, b *foreign) error { _, err := tx.AuditSeals(ctx, b.tenant.ID); return err },
		"PruneAudit": func(tx *store.Tx, b *foreign) error {
			_, err := tx.PruneAudit(ctx, b.tenant.ID, now, now, 10, -1)
			return err
		},
	}
}
