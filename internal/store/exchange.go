package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/exchange"
	"github.com/tenantry/tenantry/internal/identity"
)

// ReadTenantSnapshot runs fn in one long read-only transaction that sees
// only tenantID's rows as of its start — on PostgreSQL REPEATABLE READ
// READ ONLY, on SQLite a read transaction (a snapshot by nature) — within
// budget rather than the request path's: an export reads a whole tenant
// through it at the pace its client reads.
func (db *DB) ReadTenantSnapshot(ctx context.Context, tenantID string, budget time.Duration, fn func(*Tx) error) error {
	if tenantID == "" {
		return fmt.Errorf("store: ReadTenantSnapshot without a tenant")
	}
	return db.Run(ctx, Unit{TenantID: tenantID, ReadOnly: true, Snapshot: true, Budget: budget}, fn)
}

// ExportRecords calls fn for each record of type typ of tenantID, in key
// order, streaming rows (fn must not use the transaction). typ is one of
// the plain row types (everything but tenant, user and auth_config).
func (t *Tx) ExportRecords(ctx context.Context, tenantID, typ string, fn func(rec any) error) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	spec, ok := xtables()[typ]
	if !ok {
		return fmt.Errorf("store: no exchange table for %q", typ)
	}
	rec := exchange.New(typ)
	cols := spec.cols(rec)
	names, dest := make([]string, len(cols)), make([]any, len(cols))
	for i, c := range cols {
		names[i], dest[i] = c.name, c.dest()
	}
	rows, err := t.query(ctx, `SELECT `+strings.Join(names, ", ")+` FROM `+spec.table+
		` WHERE tenant_id = ? ORDER BY `+spec.order, tenantID)
	if err != nil {
		return err
	}
	defer rows.Close()
	fresh := exchange.New(typ)
	for rows.Next() {
		copyRecord(rec, fresh)
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: scan %s: %w", spec.table, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	return t.failed(rows.Err())
}

// ImportRecords inserts records of type typ (all of one type) into
// tenantID, skipping those whose key is already present (a resumed
// import); it returns how many it inserted. Any other conflict (a unique
// email, a missing reference) fails the batch.
func (t *Tx) ImportRecords(ctx context.Context, tenantID, typ string, recs []any) (int64, error) {
	if err := t.scope(tenantID); err != nil {
		return 0, err
	}
	spec, ok := xtables()[typ]
	if !ok {
		return 0, fmt.Errorf("store: no exchange table for %q", typ)
	}
	var inserted int64
	for len(recs) > 0 {
		var names []string
		var args []any
		rows := 0
		per := 0
		for len(recs) > 0 && (per == 0 || len(args)+per <= 30000) {
			cols := spec.cols(recs[0])
			var dn []string
			var dv []any
			if spec.derived != nil {
				dn, dv = spec.derived(recs[0])
			}
			if names == nil {
				names = append([]string{"tenant_id"}, dn...)
				for _, c := range cols {
					names = append(names, c.name)
				}
				per = len(names)
			}
			args = append(args, tenantID)
			args = append(args, dv...)
			for _, c := range cols {
				args = append(args, c.arg())
			}
			recs = recs[1:]
			rows++
		}
		one := "(" + qmarks(per) + ")"
		if spec.table == "outlets" {
			t.Touch(OutletsTopic)
		}
		r, err := t.exec(ctx, `INSERT INTO `+spec.table+` (`+strings.Join(names, ", ")+`) VALUES `+
			strings.Repeat(one+", ", rows-1)+one+` ON CONFLICT (`+spec.key+`) DO NOTHING`, args...)
		if err != nil {
			return inserted, err
		}
		inserted += affected(r)
	}
	return inserted, nil
}

// copyRecord resets *dst to *src (both the same record type).
func copyRecord(dst, src any) {
	switch d := dst.(type) {
	case *exchange.Setting:
		*d = *src.(*exchange.Setting)
	case *exchange.Subscription:
		*d = *src.(*exchange.Subscription)
	case *exchange.Payment:
		*d = *src.(*exchange.Payment)
	case *exchange.Outlet:
		*d = *src.(*exchange.Outlet)
	case *exchange.Membership:
		*d = *src.(*exchange.Membership)
	case *exchange.Invite:
		*d = *src.(*exchange.Invite)
	case *exchange.APIKey:
		*d = *src.(*exchange.APIKey)
	case *exchange.Service:
		*d = *src.(*exchange.Service)
	case *exchange.ServiceOutlet:
		*d = *src.(*exchange.ServiceOutlet)
	case *exchange.Staff:
		*d = *src.(*exchange.Staff)
	case *exchange.StaffOutlet:
		*d = *src.(*exchange.StaffOutlet)
	case *exchange.StaffService:
		*d = *src.(*exchange.StaffService)
	case *exchange.Customer:
		*d = *src.(*exchange.Customer)
	case *exchange.Appointment:
		*d = *src.(*exchange.Appointment)
	case *exchange.AuditEvent:
		*d = *src.(*exchange.AuditEvent)
	}
}

func tenantXCols(r *exchange.Tenant) []xcol {
	return []xcol{xp("id", &r.ID), xp("slug", &r.Slug), xp("name", &r.Name), xp("email", &r.Email), xp("phone", &r.Phone),
		xp("description", &r.Description), xp("website", &r.Website), xp("billing_email", &r.BillingEmail),
		xp("logo_url", &r.LogoURL), xp("status", &r.Status), xp("status_reason", &r.StatusReason),
		xjs("settings", &r.Settings), xtm("created_at", &r.CreatedAt), xtm("updated_at", &r.UpdatedAt)}
}

func userXCols(r *exchange.User) []xcol {
	return []xcol{xp("id", &r.ID), xp("email", &r.Email), xp("first_name", &r.FirstName), xp("last_name", &r.LastName),
		xp("phone", &r.Phone), xp("is_active", &r.Active), xjs("primary_address", &r.PrimaryAddress),
		xjs("communication_address", &r.CommunicationAddress), xtm("created_at", &r.CreatedAt), xtm("updated_at", &r.UpdatedAt)}
}

func colNames(cols []xcol, prefix string) (string, []any) {
	names, dest := make([]string, len(cols)), make([]any, len(cols))
	for i, c := range cols {
		names[i], dest[i] = prefix+c.name, c.dest()
	}
	return strings.Join(names, ", "), dest
}

// ExportTenant returns tenantID's own record: its profile and settings.
func (t *Tx) ExportTenant(ctx context.Context, tenantID string) (*exchange.Tenant, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var r exchange.Tenant
	names, dest := colNames(tenantXCols(&r), "")
	if err := t.get(ctx, "tenant_not_found", `SELECT `+names+` FROM tenants WHERE id = ?`, []any{tenantID}, dest...); err != nil {
		return nil, err
	}
	return &r, nil
}

// ExportUsers calls fn for the profile of each member of tenantID (every
// status), in id order: never a password hash or platform admin rights.
func (t *Tx) ExportUsers(ctx context.Context, tenantID string, fn func(*exchange.User) error) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	var r exchange.User
	names, dest := colNames(userXCols(&r), "u.")
	rows, err := t.query(ctx, `SELECT `+names+` FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.tenant_id = ? ORDER BY u.id`, tenantID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r = exchange.User{}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: scan user: %w", err)
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return t.failed(rows.Err())
}

// ExportAuthConfig returns tenantID's own sign-in providers without their
// client secrets; NotFound when it set none.
func (t *Tx) ExportAuthConfig(ctx context.Context, tenantID string) (*exchange.AuthConfig, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var r exchange.AuthConfig
	var providers *[]providerRow
	if err := t.get(ctx, "auth_config_not_found", `SELECT providers, created_at, updated_at FROM auth_configs
		WHERE tenant_id = ?`, []any{tenantID}, jsonCol{&providers}, timeCol{&r.CreatedAt}, timeCol{&r.UpdatedAt}); err != nil {
		return nil, err
	}
	if providers != nil {
		r.Providers = []exchange.Provider{}
		for _, pr := range *providers {
			r.Providers = append(r.Providers, exchange.Provider{ID: pr.ID, Name: pr.Name, ClientID: pr.ClientID})
		}
	}
	return &r, nil
}

// ImportTenant creates the tenant of an import (a system transaction); a
// tenant with its id or slug is a Conflict (tenant_exists, slug_taken).
func (t *Tx) ImportTenant(ctx context.Context, r *exchange.Tenant) error {
	if !t.system {
		return fmt.Errorf("store: ImportTenant outside a system transaction")
	}
	var n int
	if err := t.get(ctx, "", `SELECT COUNT(*) FROM tenants WHERE id = ?`, []any{r.ID}, &n); err != nil {
		return err
	}
	if n > 0 {
		return errs.E(errs.Conflict, "tenant_exists", "A tenant with this id already exists in this installation.")
	}
	if taken, err := t.SlugTaken(ctx, r.Slug); err != nil || taken {
		if err == nil {
			err = errs.E(errs.Conflict, "slug_taken", fmt.Sprintf("The slug %q is taken in this installation.", r.Slug))
		}
		return err
	}
	if err := t.claimSlug(ctx, r.Slug, r.ID); err != nil {
		return err
	}
	cols := tenantXCols(r)
	names, args := []string{"name_key", "phone_key"}, []any{nameKey(r.Name), phoneKey(r.Phone)}
	for _, c := range cols {
		names, args = append(names, c.name), append(args, c.arg())
	}
	_, err := t.exec(ctx, `INSERT INTO tenants (`+strings.Join(names, ", ")+`) VALUES (`+qmarks(len(names))+`)`, args...)
	return err
}

// UserImport is what ImportUser did with a user record.
type UserImport int

// What ImportUser did.
const (
	UserCreated UserImport = iota // a new account without a password
	UserPresent                   // the same account was there (a resumed import)
	UserLinked                    // another account has the email: the membership goes to it
)

// ImportUser creates the account of an imported member, without a
// password (a system transaction), unless an account with its email
// exists: then it returns that account's id (UserLinked), or, being the
// very account, UserPresent. An account with its id but another email is a
// Conflict (user_id_taken).
func (t *Tx) ImportUser(ctx context.Context, r *exchange.User) (string, UserImport, error) {
	if !t.system {
		return "", 0, fmt.Errorf("store: ImportUser outside a system transaction")
	}
	email := identity.NormalizeEmail(r.Email)
	var existing string
	err := t.get(ctx, "user_not_found", `SELECT id FROM users WHERE email = ?`, []any{email}, &existing)
	switch {
	case err == nil && existing == r.ID:
		return existing, UserPresent, nil
	case err == nil:
		return existing, UserLinked, nil
	case !errs.Is(err, errs.NotFound):
		return "", 0, err
	}
	var n int
	if err := t.get(ctx, "", `SELECT COUNT(*) FROM users WHERE id = ?`, []any{r.ID}, &n); err != nil {
		return "", 0, err
	}
	if n > 0 {
		return "", 0, errs.E(errs.Conflict, "user_id_taken", "Another account of this installation has the id of user "+r.ID+".")
	}
	rec := *r
	rec.Email = email
	cols := userXCols(&rec)
	names, args := make([]string, 0, len(cols)), make([]any, 0, len(cols))
	for _, c := range cols {
		names, args = append(names, c.name), append(args, c.arg())
	}
	_, err = t.exec(ctx, `INSERT INTO users (`+strings.Join(names, ", ")+`) VALUES (`+qmarks(len(names))+`)`, args...)
	return r.ID, UserCreated, err
}

// ImportAuthConfig stores an imported auth configuration (providers
// without client secrets), unless tenantID has one already.
func (t *Tx) ImportAuthConfig(ctx context.Context, tenantID string, r *exchange.AuthConfig) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	var providers any
	if r.Providers != nil {
		list := make([]providerRow, len(r.Providers))
		for i, p := range r.Providers {
			list[i] = providerRow{ID: p.ID, Name: p.Name, ClientID: p.ClientID}
		}
		s, err := jsonArg(list)
		if err != nil {
			return err
		}
		providers = s
	}
	_, err := t.exec(ctx, `INSERT INTO auth_configs (tenant_id, providers, created_at, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (tenant_id) DO NOTHING`, tenantID, providers, ts(r.CreatedAt), ts(r.UpdatedAt))
	return err
}
