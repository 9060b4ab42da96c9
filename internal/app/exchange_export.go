package app

import (
	"context"
	"io"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/exchange"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// exchangeBudget bounds one export of a tenant's data: every row is read
// once, at the pace the client reads the file.
const exchangeBudget = 2 * time.Hour

// Export formats of a tenant's data.
const (
	ExportNDJSON = "ndjson" // one record per line (default)
	ExportJSON   = "json"   // one JSON document
)

// TenantExportInput names the tenant and the form of an export.
type TenantExportInput struct {
	TenantID string
	Format   string                     // ExportNDJSON or ExportJSON; "" for NDJSON
	Progress func(records, bytes int64) // called after every record; nil for none
}

// ExportTenant writes the tenant's complete data to w (docs/export.md):
// owner and tenant_admin of the tenant, platform admins any tenant's;
// another tenant answers 404. Nothing is written before access is checked.
func (a *App) ExportTenant(ctx context.Context, p *auth.Principal, in TenantExportInput, w io.Writer) error {
	if _, err := a.authorize(ctx, p, in.TenantID, membership.TenantExport); err != nil {
		return err
	}
	return a.exportTenant(ctx, p, in, w)
}

// ExportTenantOffline is ExportTenant for the command line (tenantry
// export), which has the database and no caller.
func (a *App) ExportTenantOffline(ctx context.Context, in TenantExportInput, w io.Writer) error {
	return a.exportTenant(ctx, nil, in, w)
}

// exportTenant records the export's start, reads the tenant through one
// snapshot transaction row by row (memory stays constant whatever the
// tenant holds), and records its completion, audited, after the last
// record: a file cut short leaves the export incomplete.
func (a *App) exportTenant(ctx context.Context, p *auth.Principal, in TenantExportInput, w io.Writer) error {
	format := in.Format
	switch format {
	case "":
		format = ExportNDJSON
	case ExportNDJSON, ExportJSON:
	default:
		return errs.Fields(errs.FieldError{Field: "format", Code: "invalid_choice", Message: "Must be ndjson or json."})
	}
	if in.TenantID == "" {
		return errTenantNotFound
	}
	e := &store.TenantExport{TenantID: in.TenantID, ID: id.New(id.Export), Format: format, StartedAt: a.now()}
	if p != nil {
		e.RequestedBy = p.UserID
	}
	err := a.db.InTenant(ctx, in.TenantID, func(tx *store.Tx) error {
		if _, err := tx.GetTenant(ctx, in.TenantID); err != nil {
			return err
		}
		return tx.StartExport(ctx, e)
	})
	if err != nil {
		return err
	}
	x := exchange.NewWriter(w, format == ExportJSON)
	if in.Progress != nil {
		x.Progress(in.Progress)
	}
	if err := a.db.ReadTenantSnapshot(ctx, in.TenantID, exchangeBudget, func(tx *store.Tx) error {
		return writeTenant(ctx, tx, in.TenantID, e.ID, a.now(), x)
	}); err != nil {
		return err
	}
	return a.db.InTenant(ctx, in.TenantID, func(tx *store.Tx) error {
		if err := tx.CompleteExport(ctx, in.TenantID, e.ID, x.Records(), x.Bytes(), a.now()); err != nil {
			return err
		}
		return a.record(ctx, tx, in.TenantID, p, "tenant.exported", "tenant", in.TenantID,
			map[string]string{"export_id": e.ID, "format": format})
	})
}

// writeTenant writes every record of the tenant in file order.
func writeTenant(ctx context.Context, tx *store.Tx, tenantID, exportID string, now time.Time, x *exchange.Writer) error {
	t, err := tx.ExportTenant(ctx, tenantID)
	if err != nil {
		return err
	}
	if err := x.Header(exchange.NewHeader(exportID, tenantID, t.Slug, now)); err != nil {
		return err
	}
	if err := x.Record(exchange.TypeTenant, t); err != nil {
		return err
	}
	plain := func(typ string) error {
		return tx.ExportRecords(ctx, tenantID, typ, func(rec any) error { return x.Record(typ, rec) })
	}
	for _, typ := range []string{exchange.TypeSetting, exchange.TypeSubscription, exchange.TypePayment, exchange.TypeOutlet} {
		if err := plain(typ); err != nil {
			return err
		}
	}
	if err := tx.ExportUsers(ctx, tenantID, func(u *exchange.User) error { return x.Record(exchange.TypeUser, u) }); err != nil {
		return err
	}
	for _, typ := range []string{exchange.TypeMembership, exchange.TypeInvite, exchange.TypeAPIKey} {
		if err := plain(typ); err != nil {
			return err
		}
	}
	switch c, err := tx.ExportAuthConfig(ctx, tenantID); {
	case err == nil:
		if err := x.Record(exchange.TypeAuthConfig, c); err != nil {
			return err
		}
	case !errs.Is(err, errs.NotFound):
		return err
	}
	for _, typ := range []string{exchange.TypeService, exchange.TypeServiceOutlet, exchange.TypeStaff, exchange.TypeStaffOutlet,
		exchange.TypeStaffService, exchange.TypeCustomer, exchange.TypeAppointment, exchange.TypeAuditEvent} {
		if err := plain(typ); err != nil {
			return err
		}
	}
	return x.Close()
}
