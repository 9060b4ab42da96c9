package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/exchange"
	"github.com/tenantry/tenantry/internal/store"
)

// importBatchBudget bounds one batch of an import (one transaction).
const importBatchBudget = 2 * time.Minute

// DefaultImportBatch is how many records an import writes per transaction.
const DefaultImportBatch = 1000

// ImportOptions shape an import.
type ImportOptions struct {
	Batch    int                        // records per transaction; 0 for DefaultImportBatch
	Progress func(records, bytes int64) // called after every batch; nil for none
}

// ImportReport is what an import did.
type ImportReport struct {
	TenantID string
	Slug     string
	ExportID string
	Resumed  bool  // an earlier, unfinished import of the same export was continued
	Records  int64 // records read
	Inserted int64 // rows written (records already present are skipped)
	Users    int   // accounts created, without a password: each must reset it
	Linked   []LinkedUser
	Reenter  []string // the credentials to enter again (the export's header)
}

// LinkedUser is an exported member whose email an account of this
// installation has: the membership went to that account.
type LinkedUser struct {
	Email      string
	ExportedID string
	UserID     string
}

// ImportTenant reads an export (NDJSON) and writes the tenant it holds
// into this installation (docs/export.md): every record is checked through
// the domain's rules, written in batches of one transaction each, records
// already present are skipped (so a re-run after an interruption
// continues). A tenant with the export's id or slug refuses the import
// (tenant_exists, slug_taken) unless it is an unfinished import of the same
// export; a user whose email an account has is linked to that account.
func (a *App) ImportTenant(ctx context.Context, r io.Reader, opt ImportOptions) (*ImportReport, error) {
	if opt.Batch <= 0 {
		opt.Batch = DefaultImportBatch
	}
	rd, err := exchange.NewReader(r)
	if err != nil {
		return nil, err
	}
	h := rd.Header()
	rep := &ImportReport{TenantID: h.TenantID, Slug: h.Slug, ExportID: h.ExportID, Reenter: h.Reenter}
	typ, rec, err := rd.Next()
	if err != nil {
		return nil, err
	}
	t, ok := rec.(*exchange.Tenant)
	if !ok || t.ID != h.TenantID {
		return nil, errs.E(errs.Invalid, "export_malformed", "The first record of an export is its tenant.")
	}
	if err := exchange.Validate(typ, t); err != nil {
		return nil, err
	}
	if rep.Resumed, err = a.startImport(ctx, h, t); err != nil {
		return nil, err
	}
	im := &importer{a: a, rep: rep, tenantID: t.ID, users: map[string]string{}}
	batch := make([]any, 0, opt.Batch)
	batchType := ""
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := im.write(ctx, batchType, batch)
		batch = batch[:0]
		if err == nil && opt.Progress != nil {
			opt.Progress(rd.Records(), rd.Bytes())
		}
		return err
	}
	for {
		typ, rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rep, errors.Join(err, flush())
		}
		if typ == exchange.TypeTenant {
			return rep, errs.E(errs.Invalid, "export_malformed", "An export holds one tenant.")
		}
		if err := exchange.Validate(typ, rec); err != nil {
			return rep, fmt.Errorf("record %d: %w", rd.Records(), err)
		}
		if typ != batchType || len(batch) == opt.Batch {
			if err := flush(); err != nil {
				return rep, err
			}
			batchType = typ
		}
		batch = append(batch, rec)
	}
	if err := flush(); err != nil {
		return rep, err
	}
	rep.Records = rd.Records()
	err = a.db.InTenant(ctx, t.ID, func(tx *store.Tx) error { return tx.CompleteImport(ctx, t.ID, h.ExportID, a.now()) })
	return rep, err
}

// startImport creates the tenant with its import record, or finds the
// unfinished import of the same export to resume (resumed true).
func (a *App) startImport(ctx context.Context, h exchange.Header, t *exchange.Tenant) (resumed bool, err error) {
	err = a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "tenant-import"); err != nil {
			return err
		}
		if _, err := tx.GetTenant(ctx, t.ID); err == nil {
			im, err := tx.GetImport(ctx, t.ID, h.ExportID)
			switch {
			case errs.Is(err, errs.NotFound):
				return errs.E(errs.Conflict, "tenant_exists", fmt.Sprintf(
					"Tenant %s (%s) already exists in this installation: an import creates its tenant.", t.ID, t.Slug))
			case err != nil:
				return err
			case im.CompletedAt != nil:
				return errs.E(errs.Conflict, "import_complete", fmt.Sprintf(
					"This export was imported already (completed %s).", im.CompletedAt.Format(time.RFC3339)))
			}
			resumed = true
			return nil
		} else if !errs.Is(err, errs.NotFound) {
			return err
		}
		if err := tx.ImportTenant(ctx, t); err != nil {
			return err
		}
		return tx.StartImport(ctx, &store.TenantImport{TenantID: t.ID, ExportID: h.ExportID, StartedAt: a.now()})
	})
	return resumed, err
}

// importer writes the batches of one import.
type importer struct {
	a        *App
	rep      *ImportReport
	tenantID string
	users    map[string]string // exported user id → account id here (when linked)
}

// write writes one batch of records of one type in one transaction.
func (im *importer) write(ctx context.Context, typ string, batch []any) error {
	a := im.a
	if typ == exchange.TypeUser {
		// What the batch did counts once it committed.
		created, linked, to := 0, []LinkedUser(nil), map[string]string{}
		err := a.db.Run(ctx, store.Unit{System: true, Budget: importBatchBudget}, func(tx *store.Tx) error {
			created, linked = 0, nil
			for _, rec := range batch {
				u := rec.(*exchange.User)
				userID, what, err := tx.ImportUser(ctx, u)
				if err != nil {
					return err
				}
				switch what {
				case store.UserCreated:
					created++
				case store.UserLinked:
					to[u.ID] = userID
					linked = append(linked, LinkedUser{Email: u.Email, ExportedID: u.ID, UserID: userID})
				}
			}
			return nil
		})
		if err == nil {
			im.rep.Users += created
			im.rep.Inserted += int64(created)
			im.rep.Linked = append(im.rep.Linked, linked...)
			maps.Copy(im.users, to)
		}
		return err
	}
	for _, rec := range batch {
		switch r := rec.(type) {
		case *exchange.Membership:
			r.UserID = im.user(r.UserID)
		case *exchange.Staff:
			r.UserID = im.user(r.UserID)
		}
	}
	var n int64
	err := a.db.Run(ctx, store.Unit{TenantID: im.tenantID, Budget: importBatchBudget}, func(tx *store.Tx) (err error) {
		if typ == exchange.TypeAuthConfig {
			for _, rec := range batch {
				if err := tx.ImportAuthConfig(ctx, im.tenantID, rec.(*exchange.AuthConfig)); err != nil {
					return err
				}
			}
			return nil
		}
		n, err = tx.ImportRecords(ctx, im.tenantID, typ, batch)
		return err
	})
	if err == nil {
		im.rep.Inserted += n
	}
	return err
}

func (im *importer) user(id string) string {
	if to, ok := im.users[id]; ok {
		return to
	}
	return id
}
