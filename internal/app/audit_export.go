package app

import (
	"context"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// exportBudget bounds one export: every event of the range is read once,
// at the pace the client reads the file.
const exportBudget = 30 * time.Minute

// AuditExportInput names the tenant and the time range of an export.
type AuditExportInput struct {
	TenantID string // "" for the tenant of a scoped token
	From, To string // RFC 3339, created_at in [From, To); "" unbounded
}

// ExportAudit writes a tenant's audit events created in the range to x,
// oldest first in chain order, each with its chain position, the seal of
// each batch before its first event, and the keys that sign the seals in
// the header, so that the file verifies offline (audit.VerifyFile, docs/audit.md).
// Events not sealed yet come last, without position. Access is the
// listing's: those who may read the tenant's audit log; platform admins
// any tenant's. Nothing is written before access and input are checked.
// One read-only transaction reads it all (a consistent snapshot), row by
// row: memory stays constant whatever the range holds.
func (a *App) ExportAudit(ctx context.Context, p *auth.Principal, in AuditExportInput, x *audit.Exporter) error {
	var c errs.Collector
	from, to := parseAuditTime(&c, "from", in.From), parseAuditTime(&c, "to", in.To)
	c.Check(!from.IsZero() && !to.IsZero() && !from.Before(to), "to", "out_of_range", "Must be later than from.")
	if err := c.Err(); err != nil {
		return err
	}
	tenantID := in.TenantID
	if tenantID == "" {
		tenantID = p.TenantID
	}
	if tenantID == "" {
		return errTenantRequired
	}
	if _, err := a.authorize(ctx, p, tenantID, membership.AuditRead); err != nil {
		return err
	}
	keys, err := a.exportKeys()
	if err != nil {
		return err
	}
	return a.db.Run(ctx, store.Unit{TenantID: tenantID, ReadOnly: true, Budget: exportBudget}, func(tx *store.Tx) error {
		if err := x.Header(tenantID, from, to, keys); err != nil {
			return err
		}
		if err := exportChain(ctx, tx, tenantID, from, to, x); err != nil {
			return err
		}
		if err := tx.AuditUnchainedSpan(ctx, tenantID, from, to, func(e *audit.Event) error { return x.Event(nil, e) }); err != nil {
			return err
		}
		return x.Close()
	})
}

// exportChain writes the sealed part of an export: the positions of the
// range, each batch's seal before its first, and where the range starts
// inside a batch, the chain hash before it.
func exportChain(ctx context.Context, tx *store.Tx, tenantID string, from, to time.Time, x *audit.Exporter) error {
	first, last, ok, err := tx.AuditExportRange(ctx, tenantID, from, to)
	if err != nil || !ok {
		return err
	}
	seals, err := tx.AuditSeals(ctx, tenantID) // one per sealBatch events: small
	if err != nil {
		return err
	}
	i := 0
	for i < len(seals) && seals[i].LastSeq < first {
		i++
	}
	var resume *audit.Hash
	if i < len(seals) && seals[i].FirstSeq < first {
		h, err := tx.AuditChainHash(ctx, tenantID, first-1)
		if err != nil {
			return err
		}
		resume = &h
	}
	redacted, err := tx.AuditRedactions(ctx, tenantID) // one per pseudonymised event: few
	if err != nil {
		return err
	}
	batch := int64(0)
	return tx.AuditChainSpan(ctx, tenantID, first, last, func(l *audit.Link, e *audit.Event) error {
		if l.Batch != batch {
			batch = l.Batch
			for i < len(seals) && seals[i].Batch < l.Batch {
				i++
			}
			if i < len(seals) && seals[i].Batch == l.Batch {
				if err := x.Seal(&seals[i]); err != nil {
					return err
				}
			}
			if resume != nil {
				if err := x.Resume(l.Seq-1, *resume); err != nil {
					return err
				}
				resume = nil
			}
		}
		if r, ok := redacted[l.EventID]; ok && e != nil && r.Original == l.EventHash && audit.EventHash(e) != l.EventHash {
			if err := x.Redaction(&r); err != nil {
				return err
			}
		}
		return x.Event(l, e)
	})
}

// exportKeys are the public keys of the signing-key ring, which sign the
// batches' checkpoints.
func (a *App) exportKeys() ([]audit.ExportKey, error) {
	jwks := a.tokens.Ring.JWKS()
	out := make([]audit.ExportKey, 0, len(jwks))
	for _, k := range jwks {
		pub, err := base64.RawURLEncoding.DecodeString(k.X)
		if err != nil {
			return nil, fmt.Errorf("app: decode signing key %s: %w", k.Kid, err)
		}
		out = append(out, audit.ExportKey{KID: k.Kid, PublicKey: pub})
	}
	return out, nil
}
