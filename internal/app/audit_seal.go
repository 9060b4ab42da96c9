package app

import (
	"context"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
)

// sealBatch is the most events one batch (and one transaction) seals.
const sealBatch = 1000

// pruneBatches is the most batches one retention transaction removes.
const pruneBatches = 20

// auditLoopTimeout bounds one round of the audit loop.
const auditLoopTimeout = 5 * time.Minute

// sealDelay is how old an event must be before it is sealed: longer than
// any write unit may take, so that no transaction still open can commit an
// event the sealer has passed (which would then verify as inserted).
func (a *App) sealDelay() time.Duration { return a.db.Budgets().Write + 5*time.Second }

// auditState is the audit loop's memory: since when it has looked for new
// events (read from audit_sealer at the first round, so a restart does not
// rescan the whole log), and when retention last ran.
type auditState struct {
	started     bool
	sealedSince time.Time
	prunedAt    time.Time
}

// SealAudit seals, for every tenant with events older than the seal delay
// that are not sealed yet, those events into batches of its hash chain
// (docs/audit.md): one transaction per batch, each signed. Writers are never
// held up: events are appended as before and sealed later, in (created_at,
// id) order. Several processes may seal at once; a batch sealed by another
// first is taken up from where it ended. It returns the events sealed.
func (a *App) SealAudit(ctx context.Context) (int64, error) {
	a.auditMu.Lock()
	defer a.auditMu.Unlock()
	return a.sealAudit(ctx)
}

func (a *App) sealAudit(ctx context.Context) (int64, error) {
	cutoff := a.now().Add(-a.sealDelay())
	var tenants []string
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		if !a.audit.started { // where the last complete round of any process ended
			if a.audit.sealedSince, err = tx.AuditSealedThrough(ctx); err != nil {
				return err
			}
			a.audit.started = true
		}
		tenants, err = tx.AuditTenantsSince(ctx, a.audit.sealedSince, cutoff)
		return err
	})
	if err != nil {
		return 0, err
	}
	var n int64
	for _, t := range tenants {
		k, err := a.sealTenant(ctx, t, cutoff)
		n += k
		if err != nil {
			return n, fmt.Errorf("app: seal the audit log of %s: %w", t, err)
		}
	}
	if cutoff.After(a.audit.sealedSince) {
		if err := a.db.InSystem(ctx, func(tx *store.Tx) error { return tx.SetAuditSealedThrough(ctx, cutoff) }); err != nil {
			return n, err
		}
		a.audit.sealedSince = cutoff
	}
	return n, nil
}

// sealTenant seals tenantID's events created before cutoff.
func (a *App) sealTenant(ctx context.Context, tenantID string, cutoff time.Time) (int64, error) {
	var total int64
	for {
		var n int
		err := a.db.Run(ctx, store.Unit{System: true, Budget: a.db.Budgets().Write}, func(tx *store.Tx) error {
			if err := tx.Lock(ctx, "audit-seal:"+tenantID); err != nil {
				return err
			}
			head, err := tx.AuditHead(ctx, tenantID)
			if err != nil {
				return err
			}
			s := &audit.Seal{TenantID: tenantID, Batch: 1, FirstSeq: 1, PrevHash: audit.Genesis(tenantID)}
			var afterAt time.Time
			var afterID string
			if head != nil {
				s.Batch, s.FirstSeq, s.PrevHash = head.Batch+1, head.LastSeq+1, head.Hash
				afterAt, afterID = head.LastAt, head.LastID
			}
			events, err := tx.AuditToSeal(ctx, tenantID, afterAt, afterID, cutoff, sealBatch)
			if n = len(events); err != nil || n == 0 {
				return err
			}
			links := make([]audit.Link, n)
			chain := s.PrevHash
			for i := range events {
				e := &events[i]
				eh := audit.EventHash(e)
				chain = audit.Next(chain, eh)
				links[i] = audit.Link{Seq: s.FirstSeq + int64(i), Batch: s.Batch, EventID: e.ID, EventHash: eh, Chain: chain}
			}
			last := &events[n-1]
			s.LastSeq, s.Hash, s.LastAt, s.LastID, s.SealedAt = s.FirstSeq+int64(n)-1, chain, last.CreatedAt, last.ID, a.now()
			if s.KeyID, s.Signature, err = a.tokens.Ring.Sign(audit.Checkpoint(s)); err != nil {
				return err
			}
			if err := tx.AppendSeal(ctx, s, links); err != nil {
				return err
			}
			return a.enqueueShip(ctx, tx, tenantID)
		})
		if e, ok := errs.As(err); ok && e.Kind == errs.Conflict {
			continue // another process sealed this batch: go on from its end
		}
		if err != nil {
			return total, err
		}
		total += int64(n)
		if n < sealBatch {
			return total, nil
		}
	}
}

// PruneAudit applies each tenant's audit.retention_days: whole sealed
// batches whose last event is older are removed, events and chain
// positions, while their seals stay as the chain's anchor (the pruned
// prefix is replaced by its last hash). Unsealed events are never pruned,
// nor, for a tenant with storage, batches not shipped to it yet.
// It returns the batches removed.
func (a *App) PruneAudit(ctx context.Context) (int, error) {
	a.auditMu.Lock()
	defer a.auditMu.Unlock()
	return a.pruneAudit(ctx)
}

func (a *App) pruneAudit(ctx context.Context) (int, error) {
	now := a.now()
	var tenants []string
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		tenants, err = tx.AuditTenantsToPrune(ctx, now.AddDate(0, 0, -int(minRetentionDays)))
		return err
	})
	if err != nil {
		return 0, err
	}
	total := 0
	for _, t := range tenants {
		days, err := a.retentionDays(ctx, t)
		if err != nil {
			return total, err
		}
		before := now.AddDate(0, 0, -days)
		through, err := a.shippedThrough(ctx, t)
		if err != nil {
			return total, err
		}
		for {
			var n int
			err := a.db.Run(ctx, store.Unit{System: true, Budget: a.db.Budgets().Write}, func(tx *store.Tx) (err error) {
				if err := tx.Lock(ctx, "audit-seal:"+t); err != nil {
					return err
				}
				n, err = tx.PruneAudit(ctx, t, before, now, pruneBatches, through)
				return err
			})
			if err != nil {
				return total, fmt.Errorf("app: prune the audit log of %s: %w", t, err)
			}
			total += n
			if n < pruneBatches {
				break
			}
		}
		a.log.InfoContext(ctx, "audit retention", "tenant_id", t, "retention_days", days)
	}
	a.audit.prunedAt = now
	return total, nil
}

// minRetentionDays is the shortest retention the registry allows.
const minRetentionDays = 1

// retentionDays is tenantID's audit.retention_days in production.
func (a *App) retentionDays(ctx context.Context, tenantID string) (int, error) {
	s, err := a.Settings(ctx, tenantID, "")
	if err != nil {
		return 0, err
	}
	return int(max(s.Int(setting.RetentionDays), minRetentionDays)), nil
}

// RunAudit seals new audit events every opt.AuditSeal and applies retention
// once an hour, until ctx ends. A channel sent on asks gets a round at once
// (seal, then retention) and its error in reply.
func (a *App) RunAudit(ctx context.Context, asks <-chan chan<- error) {
	a.repeat(ctx, a.opt.AuditSeal, auditLoopTimeout, asks, "seal the audit log", a.auditRound)
}

// auditRound seals, then applies retention when asked or an hour after it last ran.
func (a *App) auditRound(ctx context.Context, asked bool) error {
	a.auditMu.Lock()
	defer a.auditMu.Unlock()
	if _, err := a.sealAudit(ctx); err != nil {
		return err
	}
	if !asked && a.now().Sub(a.audit.prunedAt) < time.Hour {
		return nil
	}
	_, err := a.pruneAudit(ctx)
	return err
}

// shippedThrough is the last of tenantID's batches shipped to its storage,
// which retention may prune through; -1 (no cap) without storage.
func (a *App) shippedThrough(ctx context.Context, tenantID string) (int64, error) {
	through := int64(-1)
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) error {
		r, err := tx.GetStorageConfig(ctx, tenantID)
		switch {
		case errs.Is(err, errs.NotFound):
			return nil
		case err != nil:
			return err
		}
		through = r.ShippedThrough
		return nil
	})
	return through, err
}
