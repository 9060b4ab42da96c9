package store

import (
	"database/sql"
	"fmt"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/tenant"
)

// settingsRow is the stored JSON form of tenant.Settings.
type settingsRow struct {
	Timezone                 string   `json:"timezone,omitempty"`
	Currency                 string   `json:"currency,omitempty"`
	Language                 string   `json:"language,omitempty"`
	BusinessType             string   `json:"business_type,omitempty"`
	StaffPositionTemplates   []string `json:"staff_position_templates,omitempty"`
	ServiceCategoryTemplates []string `json:"service_category_templates,omitempty"`
	BookingAdvanceDays       *int     `json:"booking_advance_days,omitempty"`
	CancellationHours        *int     `json:"cancellation_hours,omitempty"`
	WalletEnabled            *bool    `json:"wallet_enabled,omitempty"`
	LoyaltyPointsEnabled     *bool    `json:"loyalty_points_enabled,omitempty"`
	// pers seed project settings
	FirebaseTenantID           string `json:"firebase_tenant_id,omitempty"`
	AllowJWTForUnauthenticated *bool  `json:"allow_jwt_for_unauthenticated,omitempty"`
	WalletManagement           string `json:"wallet_management,omitempty"`
}

func settingsRowOf(s tenant.Settings) settingsRow { return settingsRow(s) }

func (r settingsRow) settings() tenant.Settings { return tenant.Settings(r) }

func scanListings(rows *sql.Rows, withRole bool) ([]tenant.Listing, error) {
	defer rows.Close()
	var out []tenant.Listing
	for rows.Next() {
		var l tenant.Listing
		var s settingsRow
		var sub nullSub
		dest := append(tenantDest(&l.Tenant, &s), sub.dest()...)
		if withRole {
			dest = append(dest, &l.Role)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("store: scan tenant: %w", err)
		}
		l.Tenant.Settings = s.settings()
		l.Subscription = sub.value(l.Tenant.ID)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list tenants: %w", err)
	}
	return out, nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// notFoundIfNone turns an update that matched no row into a NotFound error.
func notFoundIfNone(r sql.Result, err error, code string) error {
	if err != nil {
		return err
	}
	if affected(r) == 0 {
		return errs.E(errs.NotFound, code, "Not found.")
	}
	return nil
}
