package storetest

import (
	"math"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/store"
)

// auditChainForeignChecks are the foreign-tenant checks of the audit
// chain's methods: another tenant's chain is read, sealed or pruned as
// if it did not exist.
func auditChainForeignChecks() map[string]func(tx *store.Tx, b *foreign) error {
	type check = func(tx *store.Tx, b *foreign) error
	none := func(*audit.Link, *audit.Event) error { return nil }
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
		"AuditChainSpan": func(tx *store.Tx, b *foreign) error {
			return tx.AuditChainSpan(ctx, b.tenant.ID, 1, math.MaxInt64, none)
		},
		"AuditUnchainedSpan": func(tx *store.Tx, b *foreign) error {
			return tx.AuditUnchainedSpan(ctx, b.tenant.ID, time.Time{}, time.Time{}, func(*audit.Event) error { return nil })
		},
		"PruneAudit": func(tx *store.Tx, b *foreign) error {
			_, err := tx.PruneAudit(ctx, b.tenant.ID, now, now, 10, -1)
			return err
		},
		"AuditExportRange": func(tx *store.Tx, b *foreign) error {
			_, _, _, err := tx.AuditExportRange(ctx, b.tenant.ID, time.Time{}, time.Time{})
			return err
		},
		"AuditChainHash": func(tx *store.Tx, b *foreign) error { _, err := tx.AuditChainHash(ctx, b.tenant.ID, 1); return err },
	}
}
