package app

import (
	"context"
	"crypto/ed25519"
	"errors"
	"math"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// verifyBudget bounds one tenant's verification: every event is read once.
const verifyBudget = 30 * time.Minute

// errVerified stops a chain walk at its first problem.
var errVerified = errors.New("app: verification found a problem")

// VerifyAudit recomputes a tenant's audit chain (GET
// /api/v1/audit-logs/verify) and reports the first event or batch edited,
// deleted, inserted or reordered. Those who may read a tenant's audit log
// verify it (its tenant of a scoped token when tenantID is ""); platform
// admins any tenant's.
func (a *App) VerifyAudit(ctx context.Context, p *auth.Principal, tenantID string) (*audit.Report, error) {
	if tenantID == "" {
		tenantID = p.TenantID
	}
	if tenantID == "" {
		return nil, errTenantRequired
	}
	if _, err := a.authorize(ctx, p, tenantID, membership.AuditRead); err != nil {
		return nil, err
	}
	r, err := a.VerifyTenantAudit(ctx, tenantID)
	return &r, err
}

// VerifyTenantAudit recomputes tenantID's chain (tenantry audit verify).
func (a *App) VerifyTenantAudit(ctx context.Context, tenantID string) (audit.Report, error) {
	var r audit.Report
	keys := a.auditKeys(ctx)
	err := a.db.Run(ctx, store.Unit{System: true, ReadOnly: true, Budget: verifyBudget}, func(tx *store.Tx) error {
		seals, err := tx.AuditSeals(ctx, tenantID)
		if err != nil {
			return err
		}
		v := audit.NewVerifier(tenantID, keys, false)
		red, err := tx.AuditRedactions(ctx, tenantID)
		if err != nil {
			return err
		}
		v.Redactions(red)
		i := 0
		err = tx.AuditChainSpan(ctx, tenantID, 1, math.MaxInt64, func(l *audit.Link, e *audit.Event) error {
			for ; i < len(seals) && seals[i].FirstSeq <= l.Seq; i++ {
				v.Seal(&seals[i])
			}
			if v.Entry(l, e); v.Failed() {
				return errVerified
			}
			return nil
		})
		if err != nil && !errors.Is(err, errVerified) {
			return err
		}
		for ; i < len(seals); i++ {
			v.Seal(&seals[i])
		}
		err = tx.AuditUnchainedSpan(ctx, tenantID, time.Time{}, time.Time{}, func(e *audit.Event) error {
			if v.Unchained(e); v.Failed() {
				return errVerified
			}
			return nil
		})
		if err != nil && !errors.Is(err, errVerified) {
			return err
		}
		r = v.Finish()
		return nil
	})
	return r, err
}

// VerifyAllAudit verifies every tenant's chain, the platform's included.
func (a *App) VerifyAllAudit(ctx context.Context) ([]audit.Report, error) {
	var tenants []string
	if err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { tenants, err = tx.AuditTenants(ctx); return err }); err != nil {
		return nil, err
	}
	out := make([]audit.Report, 0, len(tenants))
	for _, t := range tenants {
		r, err := a.VerifyTenantAudit(ctx, t)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

// auditKeys finds a checkpoint's signing key, reloading the ring once when
// it does not know the key (rotated by another process since).
func (a *App) auditKeys(ctx context.Context) audit.KeyFunc {
	polled := false
	return func(kid string) (ed25519.PublicKey, bool) {
		if k, ok := a.tokens.Ring.PublicKey(kid); ok || polled {
			return k, ok
		}
		polled = true
		if _, err := a.PollKeys(ctx); err != nil {
			a.log.WarnContext(ctx, "reload signing keys to verify the audit log", "err", err)
		}
		return a.tokens.Ring.PublicKey(kid)
	}
}
