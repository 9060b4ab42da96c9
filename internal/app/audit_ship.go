package app

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/storage"
	"github.com/tenantry/tenantry/internal/store"
)

// shipBudget bounds the read of one batch to ship.
const shipBudget = time.Minute

// enqueueShip queues, in tx, the shipping of tenantID's sealed audit
// batches to its storage when it has one configured (one pending job per
// tenant; a job already pending is made due now).
func (a *App) enqueueShip(ctx context.Context, tx *store.Tx, tenantID string) error {
	if _, err := tx.GetStorageConfig(ctx, tenantID); errs.Is(err, errs.NotFound) {
		return nil
	} else if err != nil {
		return err
	}
	return enqueueForTenant(ctx, tx, job.AuditShip, tenantID, a.now())
}

// ShipAudit is the handler of job.AuditShip: it writes each of the job
// tenant's sealed batches not shipped yet, oldest first, to the tenant's
// storage as one gzip NDJSON object, audit/YYYY/MM/DD/<batch>.ndjson.gz
// (the date of the batch's last event, UTC), in the export format, so
// each object verifies offline (tenantry audit verify --file, after
// gunzip). An object is never written twice under its name: Put refuses an
// existing one, which an earlier attempt wrote before it could record it,
// and that counts as shipped. After each object the shipping state moves
// on in its own transaction, so an outage resumes where it stopped; the
// failure is recorded (GET /api/v1/storage last_error) and the job retries
// with the queue's backoff.
func (a *App) ShipAudit(ctx context.Context, j *job.Job) (string, error) {
	if err := j.DecodeTenant(&struct{}{}); err != nil {
		return "", err
	}
	tenantID := j.TenantID
	c, rec, err := a.OpenTenantStorage(ctx, tenantID)
	if errs.Is(err, errs.NotFound) {
		return "no storage configured", nil
	}
	if err != nil {
		return "", err
	}
	var seals []audit.Seal
	if err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		seals, err = tx.AuditSeals(ctx, tenantID)
		return err
	}); err != nil {
		return "", err
	}
	keys, err := a.exportKeys()
	if err != nil {
		return "", err
	}
	shipped := 0
	for i := range seals {
		s := &seals[i]
		if s.Batch <= rec.ShippedThrough || s.PrunedAt != nil {
			continue
		}
		name := ShipName(s)
		body, err := a.batchObject(ctx, s, keys)
		if err != nil {
			return "", err
		}
		err = c.Put(ctx, name, bytes.NewReader(body), int64(len(body)))
		if err != nil && !errors.Is(err, storage.ErrExists) {
			msg := err.Error()
			if se, ok := errors.AsType[*storage.Error](err); ok {
				msg = se.Text
			}
			if rerr := a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error { return tx.RecordStorageError(ctx, tenantID, msg) }); rerr != nil {
				a.log.WarnContext(ctx, "record the audit shipping error", "tenant_id", tenantID, "err", rerr)
			}
			return "", fmt.Errorf("ship audit batch %d of %s: %w", s.Batch, tenantID, err)
		}
		if err := a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
			return tx.RecordStorageShipped(ctx, tenantID, s.Batch, a.now())
		}); err != nil {
			return "", err
		}
		shipped++
	}
	return fmt.Sprintf("shipped %d batches", shipped), nil
}

// ShipName is the object name of a shipped batch.
func ShipName(s *audit.Seal) string {
	return fmt.Sprintf("audit/%s/%08d.ndjson.gz", s.LastAt.UTC().Format("2006/01/02"), s.Batch)
}

// batchObject is batch s in the export format (its header, its seal, its
// events), gzip-compressed.
func (a *App) batchObject(ctx context.Context, s *audit.Seal, keys []audit.ExportKey) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	x, err := audit.NewExporter(zw, "ndjson")
	if err != nil {
		return nil, err
	}
	if err := x.Header(s.TenantID, time.Time{}, time.Time{}, keys); err != nil {
		return nil, err
	}
	if err := x.Seal(s); err != nil {
		return nil, err
	}
	err = a.db.Run(ctx, store.Unit{TenantID: s.TenantID, ReadOnly: true, Budget: shipBudget}, func(tx *store.Tx) error {
		redacted, err := tx.AuditRedactions(ctx, s.TenantID) // pseudonymised events carry their record
		if err != nil {
			return err
		}
		return tx.AuditChainSpan(ctx, s.TenantID, s.FirstSeq, s.LastSeq, func(l *audit.Link, e *audit.Event) error {
			if e == nil {
				return fmt.Errorf("audit batch %d of %s: event %s at position %d is gone", s.Batch, s.TenantID, l.EventID, l.Seq)
			}
			if r, ok := redacted[l.EventID]; ok && r.Original == l.EventHash && audit.EventHash(e) != l.EventHash {
				if err := x.Redaction(&r); err != nil {
					return err
				}
			}
			return x.Event(l, e)
		})
	})
	if err != nil {
		return nil, err
	}
	if err := x.Close(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("audit batch object: %w", err)
	}
	return buf.Bytes(), nil
}
