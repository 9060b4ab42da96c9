package store

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/exchange"
)

// xcol is one column of an exchange record: its name, how it is stored,
// and the record's field it reads into and writes from.
type xcol struct {
	name string
	kind xkind
	ptr  any
}

type xkind int

const (
	xPlain    xkind = iota // string, int, int64, bool: as they are
	xTime                  // *time.Time
	xNullTime              // **time.Time
	xJSON                  // *json.RawMessage, canonical (exchange.Canon)
)

// dest is what rows.Scan reads the column into.
func (c xcol) dest() any {
	switch c.kind {
	case xTime:
		return timeCol{c.ptr.(*time.Time)}
	case xNullTime:
		return nullTimeCol{c.ptr.(**time.Time)}
	case xJSON:
		return canonCol{c.ptr.(*json.RawMessage)}
	}
	return c.ptr
}

// arg is the column's value as a query argument.
func (c xcol) arg() any {
	switch c.kind {
	case xTime:
		return ts(*c.ptr.(*time.Time))
	case xNullTime:
		return tsp(*c.ptr.(**time.Time))
	case xJSON:
		raw := *c.ptr.(*json.RawMessage)
		if raw == nil {
			return nil
		}
		return string(raw)
	}
	switch p := c.ptr.(type) {
	case *string:
		return *p
	case *int:
		return *p
	case *int64:
		return *p
	case *bool:
		return *p
	}
	panic(fmt.Sprintf("store: exchange column %s of type %T", c.name, c.ptr))
}

// canonCol scans a JSON column in exchange.Canon's form.
type canonCol struct{ v *json.RawMessage }

func (c canonCol) Scan(src any) error {
	var raw json.RawMessage
	if err := (rawCol{&raw}).Scan(src); err != nil {
		return err
	}
	out, err := exchange.Canon(raw)
	*c.v = out
	return err
}

func xp(name string, ptr any) xcol               { return xcol{name, xPlain, ptr} }
func xtm(name string, ptr *time.Time) xcol       { return xcol{name, xTime, ptr} }
func xntm(name string, ptr **time.Time) xcol     { return xcol{name, xNullTime, ptr} }
func xjs(name string, ptr *json.RawMessage) xcol { return xcol{name, xJSON, ptr} }

// xtable is how one record type is stored: its table, the key an import
// skips a present record by, the export's order, its columns, and the
// columns derived on insert (the search keys).
type xtable struct {
	table   string
	key     string // the primary key's columns, for ON CONFLICT
	order   string
	cols    func(rec any) []xcol
	derived func(rec any) ([]string, []any)
}

// xtables are the record types stored as plain rows of one tenant table.
func xtables() map[string]xtable {
	return map[string]xtable{
		exchange.TypeSetting: {table: "tenant_settings", key: "tenant_id, environment, key", order: "environment, key",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.Setting)
				return []xcol{xp("environment", &r.Environment), xp("key", &r.Key), xjs("value", &r.Value),
					xp("is_locked", &r.Locked), xp("updated_by", &r.UpdatedBy), xtm("updated_at", &r.UpdatedAt)}
			}},
		exchange.TypeSubscription: {table: "subscriptions", key: "tenant_id, id", order: "id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.Subscription)
				return []xcol{xp("id", &r.ID), xp("plan", &r.Plan), xp("status", &r.Status), xntm("trial_ends_at", &r.TrialEndsAt),
					xtm("current_period_start", &r.CurrentPeriodStart), xtm("current_period_end", &r.CurrentPeriodEnd),
					xp("scheduled_plan", &r.ScheduledPlan), xntm("scheduled_at", &r.ScheduledAt),
					xntm("past_due_since", &r.PastDueSince), xp("provider", &r.Provider),
					xp("provider_customer_id", &r.ProviderCustomerID), xp("provider_subscription_id", &r.ProviderSubscriptionID),
					xjs("trialed", &r.Trialed), xtm("created_at", &r.CreatedAt), xtm("updated_at", &r.UpdatedAt)}
			}},
		exchange.TypePayment: {table: "payments", key: "tenant_id, id", order: "id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.Payment)
				return []xcol{xp("id", &r.ID), xp("subscription_id", &r.SubscriptionID), xp("plan_id", &r.PlanID),
					xp("amount", &r.Amount), xp("currency", &r.Currency), xp("status", &r.Status),
					xtm("period_start", &r.PeriodStart), xtm("period_end", &r.PeriodEnd), xp("provider", &r.Provider),
					xp("provider_ref", &r.ProviderRef), xp("failure_reason", &r.FailureReason),
					xtm("created_at", &r.CreatedAt), xtm("updated_at", &r.UpdatedAt)}
			}},
		exchange.TypeOutlet: {table: "outlets", key: "tenant_id, id", order: "id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.Outlet)
				return []xcol{xp("id", &r.ID), xp("name", &r.Name), xp("address_line1", &r.AddressLine1),
					xp("address_line2", &r.AddressLine2), xp("city", &r.City), xp("state", &r.State),
					xp("postal_code", &r.PostalCode), xp("country", &r.Country), xp("phone", &r.Phone), xp("email", &r.Email),
					xp("timezone", &r.Timezone), xjs("business_hours", &r.BusinessHours), xp("is_active", &r.Active),
					xntm("deleted_at", &r.DeletedAt), xtm("created_at", &r.CreatedAt), xtm("updated_at", &r.UpdatedAt)}
			},
			derived: func(rec any) ([]string, []any) {
				return []string{"name_key"}, []any{nameKey(rec.(*exchange.Outlet).Name)}
			}},
		exchange.TypeMembership: {table: "memberships", key: "tenant_id, user_id", order: "user_id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.Membership)
				return []xcol{xp("user_id", &r.UserID), xp("id", &r.ID), xp("role", &r.Role), xjs("outlet_ids", &r.OutletIDs),
					xp("status", &r.Status), xtm("created_at", &r.CreatedAt), xtm("updated_at", &r.UpdatedAt)}
			}},
		exchange.TypeInvite: {table: "invites", key: "tenant_id, id", order: "id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.Invite)
				return []xcol{xp("id", &r.ID), xp("email", &r.Email), xp("role", &r.Role), xjs("outlet_ids", &r.OutletIDs),
					xp("invited_by", &r.InvitedBy), xtm("expires_at", &r.ExpiresAt), xntm("accepted_at", &r.AcceptedAt),
					xp("accepted_by", &r.AcceptedBy), xntm("revoked_at", &r.RevokedAt), xtm("created_at", &r.CreatedAt)}
			},
			// No token was exported: a hash no token has keeps the invite from being accepted.
			derived: func(rec any) ([]string, []any) {
				return []string{"token_hash"}, []any{"imported:" + rec.(*exchange.Invite).ID}
			}},
		exchange.TypeAPIKey: {table: "api_keys", key: "tenant_id, id", order: "id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.APIKey)
				return []xcol{xp("id", &r.ID), xp("name", &r.Name), xp("environment", &r.Environment), xjs("scopes", &r.Scopes),
					xp("prefix", &r.Prefix), xp("created_by", &r.CreatedBy), xtm("created_at", &r.CreatedAt),
					xntm("rotated_at", &r.RotatedAt), xntm("last_used_at", &r.LastUsedAt), xntm("revoked_at", &r.RevokedAt)}
			},
			// No secret was exported: a hash no key has; rotating the key issues a new secret.
			derived: func(rec any) ([]string, []any) {
				return []string{"key_hash"}, []any{"imported:" + rec.(*exchange.APIKey).ID}
			}},
		exchange.TypeService: {table: "services", key: "tenant_id, id", order: "id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.Service)
				return []xcol{xp("id", &r.ID), xp("name", &r.Name), xp("category", &r.Category),
					xp("duration_minutes", &r.DurationMinutes), xp("price", &r.Price), xp("currency", &r.Currency),
					xp("tenant_wide", &r.TenantWide), xp("is_active", &r.Active), xntm("deleted_at", &r.DeletedAt),
					xtm("created_at", &r.CreatedAt), xtm("updated_at", &r.UpdatedAt)}
			},
			derived: func(rec any) ([]string, []any) {
				return []string{"name_key"}, []any{nameKey(rec.(*exchange.Service).Name)}
			}},
		exchange.TypeServiceOutlet: {table: "service_outlets", key: "tenant_id, service_id, outlet_id", order: "service_id, outlet_id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.ServiceOutlet)
				return []xcol{xp("service_id", &r.ServiceID), xp("outlet_id", &r.OutletID)}
			}},
		exchange.TypeStaff: {table: "staff", key: "tenant_id, id", order: "id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.Staff)
				return []xcol{xp("id", &r.ID), xp("name", &r.Name), xp("email", &r.Email), xp("phone", &r.Phone),
					xp("user_id", &r.UserID), xp("position", &r.Position), xjs("skills", &r.Skills),
					xp("commission_bp", &r.CommissionBP), xp("is_active", &r.Active), xntm("deleted_at", &r.DeletedAt),
					xtm("created_at", &r.CreatedAt), xtm("updated_at", &r.UpdatedAt)}
			},
			derived: func(rec any) ([]string, []any) {
				return []string{"name_key"}, []any{nameKey(rec.(*exchange.Staff).Name)}
			}},
		exchange.TypeStaffOutlet: {table: "staff_outlets", key: "tenant_id, staff_id, outlet_id", order: "staff_id, outlet_id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.StaffOutlet)
				return []xcol{xp("staff_id", &r.StaffID), xp("outlet_id", &r.OutletID), xjs("availability", &r.Availability)}
			}},
		exchange.TypeStaffService: {table: "staff_services", key: "tenant_id, staff_id, service_id", order: "staff_id, service_id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.StaffService)
				return []xcol{xp("staff_id", &r.StaffID), xp("service_id", &r.ServiceID)}
			}},
		exchange.TypeCustomer: {table: "customers", key: "tenant_id, id", order: "id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.Customer)
				return []xcol{xp("id", &r.ID), xp("name", &r.Name), xp("email", &r.Email), xp("phone", &r.Phone),
					xp("notes", &r.Notes), xp("marketing_consent", &r.MarketingConsent),
					xntm("marketing_consent_at", &r.MarketingConsentAt), xp("status", &r.Status),
					xtm("created_at", &r.CreatedAt), xtm("updated_at", &r.UpdatedAt), xntm("deleted_at", &r.DeletedAt)}
			},
			derived: func(rec any) ([]string, []any) {
				r := rec.(*exchange.Customer)
				return []string{"name_key", "email_key", "phone_key"}, []any{nameKey(r.Name), customer.EmailKey(r.Email), phoneKey(r.Phone)}
			}},
		exchange.TypeAppointment: {table: "appointments", key: "tenant_id, id", order: "id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.Appointment)
				return []xcol{xp("id", &r.ID), xp("outlet_id", &r.OutletID), xp("customer_id", &r.CustomerID),
					xp("service_id", &r.ServiceID), xp("staff_id", &r.StaffID), xtm("start_at", &r.StartAt), xtm("end_at", &r.EndAt),
					xp("start_month", &r.StartMonth), xp("status", &r.Status), xp("notes", &r.Notes), xp("price", &r.Price),
					xp("currency", &r.Currency), xp("cancel_reason", &r.CancelReason), xp("created_by", &r.CreatedBy),
					xtm("status_changed_at", &r.StatusChangedAt), xtm("created_at", &r.CreatedAt), xtm("updated_at", &r.UpdatedAt)}
			}},
		exchange.TypeAuditEvent: {table: "audit_logs", key: "tenant_id, id", order: "id",
			cols: func(rec any) []xcol {
				r := rec.(*exchange.AuditEvent)
				return []xcol{xp("id", &r.ID), xp("actor_id", &r.ActorID), xp("actor_email", &r.ActorEmail),
					xp("impersonator_id", &r.ImpersonatorID), xp("action", &r.Action), xp("resource_type", &r.ResourceType),
					xp("resource_id", &r.ResourceID), xp("outcome", &r.Outcome), xp("ip", &r.IP), xp("user_agent", &r.UserAgent),
					xp("request_id", &r.RequestID), xjs("details", &r.Details), xtm("created_at", &r.CreatedAt)}
			}},
	}
}
