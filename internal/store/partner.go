package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/tenant"
)

// A tenant's Paper.id partner account: its state (partner_status,
// partner_error, partner_updated_at) beside the ids it produces
// (client_partner_id, client_partner_number), on the tenant's row.

const partnerCols = `partner_status, partner_error, partner_updated_at`

func partnerDest(p *tenant.Partner) []any {
	return []any{&p.Status, &p.LastError, nullTimeCol{&p.UpdatedAt}}
}

// TenantPartner returns the state of a tenant's partner account.
func (t *Tx) TenantPartner(ctx context.Context, tenantID string) (*tenant.Partner, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var p tenant.Partner
	if err := t.get(ctx, "tenant_not_found", `SELECT `+partnerCols+` FROM tenants WHERE id = ?`,
		[]any{tenantID}, partnerDest(&p)...); err != nil {
		return nil, err
	}
	return &p, nil
}

// TenantPartners returns the partner state of each tenant of ids that
// exists, by tenant id. A tenant transaction sees only its own tenant.
func (t *Tx) TenantPartners(ctx context.Context, ids []string) (map[string]tenant.Partner, error) {
	var args []any
	for _, x := range ids {
		if t.scope(x) == nil {
			args = append(args, x)
		}
	}
	out := map[string]tenant.Partner{}
	if len(args) == 0 {
		return out, nil
	}
	rows, err := t.query(ctx, `SELECT id, `+partnerCols+` FROM tenants WHERE id IN (?`+
		strings.Repeat(", ?", len(args)-1)+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var x string
		var p tenant.Partner
		if err := rows.Scan(append([]any{&x}, partnerDest(&p)...)...); err != nil {
			return nil, t.failed(err)
		}
		out[x] = p
	}
	return out, t.failed(rows.Err())
}

// SetTenantPartner records a state other than provisioned (pending, failed
// or disabled) with its last error. A provisioned partner account stays
// provisioned: SetTenantPartner then changes nothing and reports false.
func (t *Tx) SetTenantPartner(ctx context.Context, tenantID string, p tenant.Partner) (bool, error) {
	if err := t.scope(tenantID); err != nil {
		return false, err
	}
	if p.Status == tenant.PartnerProvisioned {
		return false, errors.New("store: SetTenantPartner cannot provision; use ProvisionTenantPartner")
	}
	t.Touch(TenantsTopic)
	r, err := t.exec(ctx, `UPDATE tenants SET partner_status = ?, partner_error = ?, partner_updated_at = ?
		WHERE id = ? AND partner_status <> 'provisioned'`, p.Status, p.LastError, tsp(p.UpdatedAt), tenantID)
	if err != nil {
		return false, err
	}
	if affected(r) == 1 {
		return true, nil
	}
	_, err = t.TenantPartner(ctx, tenantID) // missing → NotFound; else it was provisioned
	return false, err
}

// ProvisionTenantPartner stores the ids of a tenant's partner account and
// marks it provisioned. It reports false, changing nothing, when the
// account was provisioned already (by a concurrent attempt).
func (t *Tx) ProvisionTenantPartner(ctx context.Context, tenantID, partnerID, partnerNumber string, at time.Time) (bool, error) {
	if err := t.scope(tenantID); err != nil {
		return false, err
	}
	t.Touch(TenantsTopic)
	r, err := t.exec(ctx, `UPDATE tenants SET client_partner_id = ?, client_partner_number = ?,
		partner_status = 'provisioned', partner_error = '', partner_updated_at = ?
		WHERE id = ? AND partner_status <> 'provisioned'`,
		partnerID, partnerNumber, ts(at), tenantID)
	if err != nil {
		return false, err
	}
	if affected(r) == 1 {
		return true, nil
	}
	_, err = t.TenantPartner(ctx, tenantID) // missing → NotFound; else it was provisioned
	return false, err
}
