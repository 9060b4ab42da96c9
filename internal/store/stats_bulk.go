package store

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/booking"
)

// appointmentsPerInsert is how many rows one multi-row INSERT of
// CreateAppointments carries (18 parameters each, well under both engines'
// limits).
const appointmentsPerInsert = 500

// CreateAppointments inserts appointments of one tenant in multi-row
// statements, for bulk writers (an import, the bench seeder): the rows are
// taken as they are, with no overlap check. Every appointment must belong
// to tenantID. The counters of the statistics follow as for single rows.
func (t *Tx) CreateAppointments(ctx context.Context, tenantID string, as []*booking.Appointment) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	for len(as) > 0 {
		chunk := as[:min(len(as), appointmentsPerInsert)]
		as = as[len(chunk):]
		var q strings.Builder
		q.WriteString(`INSERT INTO appointments (tenant_id, id, outlet_id, customer_id, service_id, staff_id, start_at,
			end_at, start_month, status, notes, price, currency, cancel_reason, created_by, status_changed_at, created_at,
			updated_at) VALUES `)
		args := make([]any, 0, 18*len(chunk))
		for i, a := range chunk {
			if a.TenantID != tenantID {
				return t.scope(a.TenantID)
			}
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, a.TenantID, a.ID, a.OutletID, a.CustomerID, a.ServiceID, a.StaffID, ts(a.StartAt),
				ts(a.EndAt), a.StartMonth, string(a.Status), a.Notes, a.Price, a.Currency, a.CancelReason, a.CreatedBy,
				ts(a.StatusChangedAt), ts(a.CreatedAt), ts(a.UpdatedAt))
		}
		if _, err := t.exec(ctx, q.String(), args...); err != nil {
			return err
		}
	}
	return nil
}
