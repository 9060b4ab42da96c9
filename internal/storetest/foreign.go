package storetest

import (
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/credential"
	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/storage"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
	"github.com/tenantry/tenantry/internal/webhook"
)

// isolationCases cover tenant isolation across every tenant-scoped method.
func isolationCases() map[string]Case {
	return map[string]Case{
		"ForeignTenant":         testForeignTenant,
		"ForeignTenantCoverage": testForeignTenantCoverage,
	}
}

// foreign is another tenant's data: one row of each kind, which a tenant
// transaction of someone else must find exactly as if it did not exist.
type foreign struct {
	tenant   *tenant.Tenant
	owner    *identity.User
	sub      *plan.Subscription
	outlet   *outlet.Outlet
	service  *booking.Service
	staff    *booking.Staff
	invite   *membership.Invite
	key      *apikey.Key
	secret   string // the key's
	file     *tenant.File
	changeID string
	payment  *plan.Payment
	customer *customer.Customer
	appt     *booking.Appointment
	export   *store.TenantExport
	hook     *webhook.Endpoint
	delivery *webhook.Delivery // the hook's, of the seed's tenant.update event
}

// foreignChecks is the one list of foreign-tenant checks, keyed by the
// store method each calls: addressed at tenant b from another tenant's
// transaction, the method must fail with NotFound and change nothing.
// ForeignTenantCoverage fails when a tenant-scoped method has no entry, so a
// new method lands with its check here.
func foreignChecks() map[string]func(tx *store.Tx, b *foreign) error {
	type check = func(tx *store.Tx, b *foreign) error
	checks := map[string]check{
		// tenants and subscriptions
		"CreateTenant": func(tx *store.Tx, b *foreign) error { return tx.CreateTenant(ctx, newTenant("planted")) },
		"GetTenant":    func(tx *store.Tx, b *foreign) error { _, err := tx.GetTenant(ctx, b.tenant.ID); return err },
		"GetTenantListing": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetTenantListing(ctx, b.tenant.ID)
			return err
		},
		"TenantIDBySlug": func(tx *store.Tx, b *foreign) error { _, err := tx.TenantIDBySlug(ctx, b.tenant.Slug); return err },
		"UpdateTenant": func(tx *store.Tx, b *foreign) error {
			x := *b.tenant
			x.Name = "Hijacked"
			return tx.UpdateTenant(ctx, &x)
		},
		"SetTenantStatus": func(tx *store.Tx, b *foreign) error {
			return tx.SetTenantStatus(ctx, b.tenant.ID, tenant.Suspended, "hijacked", "chg_planted", now)
		},
		"TenantStatusEvents": func(tx *store.Tx, b *foreign) error {
			_, err := tx.TenantStatusEvents(ctx, b.tenant.ID)
			return err
		},
		"TenantDeactivationID": func(tx *store.Tx, b *foreign) error {
			_, err := tx.TenantDeactivationID(ctx, b.tenant.ID)
			return err
		},
		"TenantPartner": func(tx *store.Tx, b *foreign) error { _, err := tx.TenantPartner(ctx, b.tenant.ID); return err },
		"TenantPartners": func(tx *store.Tx, b *foreign) error { // a foreign id is left out, as a missing one
			m, err := tx.TenantPartners(ctx, []string{b.tenant.ID})
			if _, seen := m[b.tenant.ID]; err == nil && !seen {
				return errs.E(errs.NotFound, "not_found", "Not found.")
			}
			return err
		},
		"SetTenantPartner": func(tx *store.Tx, b *foreign) error {
			_, err := tx.SetTenantPartner(ctx, b.tenant.ID, tenant.Partner{Status: tenant.PartnerFailed, LastError: "hijacked"})
			return err
		},
		"ProvisionTenantPartner": func(tx *store.Tx, b *foreign) error {
			_, err := tx.ProvisionTenantPartner(ctx, b.tenant.ID, "planted", "planted", now)
			return err
		},
		"CreateSubscription": func(tx *store.Tx, b *foreign) error {
			s := plan.NewFree(b.tenant.ID, id.New(id.Subscription), now)
			return tx.CreateSubscription(ctx, &s)
		},
		"CurrentSubscription": func(tx *store.Tx, b *foreign) error {
			_, err := tx.CurrentSubscription(ctx, b.tenant.ID)
			return err
		},
		"MeterCounts": func(tx *store.Tx, b *foreign) error { _, err := tx.MeterCounts(ctx, b.tenant.ID, now); return err },
		"Usage":       func(tx *store.Tx, b *foreign) error { _, err := tx.Usage(ctx, b.tenant.ID, now); return err },
		"TenantPlan":  func(tx *store.Tx, b *foreign) error { _, err := tx.TenantPlan(ctx, b.tenant.ID); return err },
		"PendingInvitesFor": func(tx *store.Tx, b *foreign) error {
			_, err := tx.PendingInvitesFor(ctx, b.tenant.ID, b.invite.Email, now)
			return err
		},
		"SetSubscriptionStatus": func(tx *store.Tx, b *foreign) error {
			return tx.SetSubscriptionStatus(ctx, b.tenant.ID, b.sub.ID, plan.Cancelled, now)
		},
		"SubscriptionByProviderIDs": func(tx *store.Tx, b *foreign) error {
			_, err := tx.SubscriptionByProviderIDs(ctx, b.sub.ProviderCustomerID, b.sub.ProviderSubscriptionID)
			return err
		},
		"UpdateSubscription": func(tx *store.Tx, b *foreign) error {
			x := *b.sub
			x.Plan, x.UpdatedAt = "enterprise", now
			return tx.UpdateSubscription(ctx, &x)
		},

		// payments
		"CreatePayment": func(tx *store.Tx, b *foreign) error {
			x := *b.payment
			x.ID = id.New(id.Payment)
			return tx.CreatePayment(ctx, &x)
		},
		"UpdatePayment": func(tx *store.Tx, b *foreign) error {
			x := *b.payment
			x.Status = plan.PaymentRefunded
			return tx.UpdatePayment(ctx, &x)
		},
		"GetPayment": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetPayment(ctx, b.tenant.ID, b.payment.ID)
			return err
		},
		"PaymentByRef": func(tx *store.Tx, b *foreign) error {
			_, err := tx.PaymentByRef(ctx, b.tenant.ID, b.payment.Provider, b.payment.ProviderRef)
			return err
		},
		"ListPayments": func(tx *store.Tx, b *foreign) error {
			_, _, err := tx.ListPayments(ctx, b.tenant.ID, store.PaymentFilter{Limit: 10})
			return err
		},
		"PaidSince": func(tx *store.Tx, b *foreign) error {
			_, err := tx.PaidSince(ctx, b.tenant.ID, b.sub.ID, b.payment.CreatedAt)
			return err
		},

		"RecordChange": func(tx *store.Tx, b *foreign) error {
			return tx.RecordChange(ctx, b.tenant.ID, b.changeID, store.Change{Kind: "outlet", RefID: "out_planted", Previous: "x"})
		},
		"Changes": func(tx *store.Tx, b *foreign) error { _, err := tx.Changes(ctx, b.tenant.ID, b.changeID); return err },

		// memberships, members and sessions
		"CreateMembership": func(tx *store.Tx, b *foreign) error {
			return tx.CreateMembership(ctx, &membership.Membership{TenantID: b.tenant.ID, UserID: "usr_planted",
				ID: id.New(id.Membership), Role: membership.Owner, Status: membership.Active, CreatedAt: now, UpdatedAt: now})
		},
		"GetMembership": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetMembership(ctx, b.tenant.ID, b.owner.ID)
			return err
		},
		"SetMembershipStatus": func(tx *store.Tx, b *foreign) error {
			return tx.SetMembershipStatus(ctx, b.tenant.ID, b.owner.ID, membership.Inactive, now)
		},
		"UpdateMembership": func(tx *store.Tx, b *foreign) error {
			return tx.UpdateMembership(ctx, &membership.Membership{TenantID: b.tenant.ID, UserID: b.owner.ID,
				Role: membership.Viewer, Status: membership.Active, UpdatedAt: now})
		},
		"ActiveNonPlatformMembers": func(tx *store.Tx, b *foreign) error {
			_, err := tx.ActiveNonPlatformMembers(ctx, b.tenant.ID)
			return err
		},
		"ActiveMembersWithRole": func(tx *store.Tx, b *foreign) error {
			_, err := tx.ActiveMembersWithRole(ctx, b.tenant.ID, membership.Owner)
			return err
		},
		"ListMembers": func(tx *store.Tx, b *foreign) error {
			_, _, err := tx.ListMembers(ctx, b.tenant.ID, store.MemberFilter{Limit: 10})
			return err
		},
		"GetMember": func(tx *store.Tx, b *foreign) error { _, err := tx.GetMember(ctx, b.tenant.ID, b.owner.ID); return err },
		"Caller": func(tx *store.Tx, b *foreign) error {
			_, err := tx.Caller(ctx, b.owner.ID, b.tenant.ID, "", "")
			return err
		},
		"RevokeUserSessions": func(tx *store.Tx, b *foreign) error {
			return tx.RevokeUserSessions(ctx, b.owner.ID, b.tenant.ID, now)
		},

		// invitations
		"CreateInvite": func(tx *store.Tx, b *foreign) error {
			_, err := tx.CreateInvite(ctx, newInvite(b.tenant.ID, "planted@example.com", now))
			return err
		},
		"GetInvite": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetInvite(ctx, b.tenant.ID, b.invite.ID)
			return err
		},
		"InviteByHash": func(tx *store.Tx, b *foreign) error { _, err := tx.InviteByHash(ctx, b.invite.Hash); return err },
		"ListInvites": func(tx *store.Tx, b *foreign) error {
			_, _, err := tx.ListInvites(ctx, b.tenant.ID, store.InviteFilter{Limit: 10}, now)
			return err
		},
		"RevokeInvite": func(tx *store.Tx, b *foreign) error {
			_, err := tx.RevokeInvite(ctx, b.tenant.ID, b.invite.ID, now)
			return err
		},
		"AcceptInvite": func(tx *store.Tx, b *foreign) error {
			_, err := tx.AcceptInvite(ctx, b.tenant.ID, b.invite.ID, "usr_planted", now)
			return err
		},

		// outlets
		"CreateOutlet": func(tx *store.Tx, b *foreign) error {
			return tx.CreateOutlet(ctx, newOutlet(b.tenant.ID, "Planted", ""))
		},
		"GetOutlet": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetOutlet(ctx, b.tenant.ID, b.outlet.ID)
			return err
		},
		"UpdateOutlet": func(tx *store.Tx, b *foreign) error {
			o := *b.outlet
			o.Name = "Hijacked"
			return tx.UpdateOutlet(ctx, &o)
		},
		"DeleteOutlet": func(tx *store.Tx, b *foreign) error { return tx.DeleteOutlet(ctx, b.tenant.ID, b.outlet.ID, now) },
		"SetOutletActive": func(tx *store.Tx, b *foreign) error {
			return tx.SetOutletActive(ctx, b.tenant.ID, b.outlet.ID, false, now)
		},
		"ActiveOutletIDs": func(tx *store.Tx, b *foreign) error { _, err := tx.ActiveOutletIDs(ctx, b.tenant.ID); return err },
		"MissingOutlets": func(tx *store.Tx, b *foreign) error {
			_, err := tx.MissingOutlets(ctx, b.tenant.ID, []string{b.outlet.ID})
			return err
		},
		"OutletExists": func(tx *store.Tx, b *foreign) error {
			_, err := tx.OutletExists(ctx, b.tenant.ID, b.outlet.ID)
			return err
		},
		"ListOutlets": func(tx *store.Tx, b *foreign) error {
			_, _, err := tx.ListOutlets(ctx, b.tenant.ID, store.OutletFilter{Limit: 10})
			return err
		},
		"OutletStats": func(tx *store.Tx, b *foreign) error { _, err := tx.OutletStats(ctx, b.tenant.ID); return err },
		// services and staff
		"CreateService": func(tx *store.Tx, b *foreign) error { return tx.CreateService(ctx, newService(b.tenant.ID, "Planted")) },
		"GetService": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetService(ctx, b.tenant.ID, b.service.ID)
			return err
		},
		"UpdateService": func(tx *store.Tx, b *foreign) error {
			s := *b.service
			s.Name = "Hijacked"
			return tx.UpdateService(ctx, &s)
		},
		"DeleteService": func(tx *store.Tx, b *foreign) error { return tx.DeleteService(ctx, b.tenant.ID, b.service.ID, now) },
		"ListServices": func(tx *store.Tx, b *foreign) error {
			_, _, err := tx.ListServices(ctx, b.tenant.ID, store.ServiceFilter{Limit: 10})
			return err
		},
		"MissingServices": func(tx *store.Tx, b *foreign) error {
			_, err := tx.MissingServices(ctx, b.tenant.ID, []string{b.service.ID}, nil)
			return err
		},
		"CreateStaff": func(tx *store.Tx, b *foreign) error {
			return tx.CreateStaff(ctx, newStaff(b.tenant.ID, "Planted", []string{}))
		},
		"GetStaff": func(tx *store.Tx, b *foreign) error { _, err := tx.GetStaff(ctx, b.tenant.ID, b.staff.ID); return err },
		"UpdateStaff": func(tx *store.Tx, b *foreign) error {
			s := *b.staff
			s.Name = "Hijacked"
			return tx.UpdateStaff(ctx, &s)
		},
		"DeleteStaff": func(tx *store.Tx, b *foreign) error { return tx.DeleteStaff(ctx, b.tenant.ID, b.staff.ID, now) },
		"ListStaff": func(tx *store.Tx, b *foreign) error {
			_, _, err := tx.ListStaff(ctx, b.tenant.ID, store.StaffFilter{Limit: 10})
			return err
		},
		"StaffOfUser": func(tx *store.Tx, b *foreign) error {
			_, err := tx.StaffOfUser(ctx, b.tenant.ID, b.owner.ID)
			return err
		},

		// Appointments
		"CreateAppointment": func(tx *store.Tx, b *foreign) error {
			a := *b.appt
			a.ID = id.New(id.Appointment)
			return tx.CreateAppointment(ctx, &a)
		},
		"GetAppointment": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetAppointment(ctx, b.tenant.ID, b.appt.ID)
			return err
		},
		"UpdateAppointment": func(tx *store.Tx, b *foreign) error {
			a := *b.appt
			a.Status = booking.Cancelled
			return tx.UpdateAppointment(ctx, &a)
		},
		"ListAppointments": func(tx *store.Tx, b *foreign) error {
			_, err := tx.ListAppointments(ctx, b.tenant.ID, store.AppointmentFilter{Limit: 10})
			return err
		},
		"StaffBusy": func(tx *store.Tx, b *foreign) error {
			_, err := tx.StaffBusy(ctx, b.tenant.ID, b.staff.ID, "", b.appt.StartAt, b.appt.EndAt)
			return err
		},
		"AppointmentsCreated": func(tx *store.Tx, b *foreign) error {
			_, err := tx.AppointmentsCreated(ctx, b.tenant.ID, now.AddDate(0, -1, 0), now.AddDate(0, 1, 0))
			return err
		},

		// Exports
		"StartExport": func(tx *store.Tx, b *foreign) error {
			e := *b.export
			e.ID = id.New(id.Export)
			return tx.StartExport(ctx, &e)
		},
		"CompleteExport": func(tx *store.Tx, b *foreign) error {
			return tx.CompleteExport(ctx, b.tenant.ID, b.export.ID, 1, 1, now)
		},
		"LastCompletedExport": func(tx *store.Tx, b *foreign) error {
			_, err := tx.LastCompletedExport(ctx, b.tenant.ID)
			return err
		},

		// API keys
		"CreateAPIKey": func(tx *store.Tx, b *foreign) error {
			k := *b.key
			k.ID, k.Hash = id.New(id.APIKey), "planted"
			return tx.CreateAPIKey(ctx, &k)
		},
		"GetAPIKey":   func(tx *store.Tx, b *foreign) error { _, err := tx.GetAPIKey(ctx, b.tenant.ID, b.key.ID); return err },
		"ListAPIKeys": func(tx *store.Tx, b *foreign) error { _, err := tx.ListAPIKeys(ctx, b.tenant.ID); return err },
		"RotateAPIKey": func(tx *store.Tx, b *foreign) error {
			return tx.RotateAPIKey(ctx, b.tenant.ID, b.key.ID, "p", "h", now)
		},
		// webhook endpoints and deliveries
		"CreateWebhookEndpoint": func(tx *store.Tx, b *foreign) error {
			return tx.CreateWebhookEndpoint(ctx, newWebhook(b.tenant.ID, now))
		},
		"GetWebhookEndpoint": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetWebhookEndpoint(ctx, b.tenant.ID, b.hook.ID)
			return err
		},
		"ListWebhookEndpoints": func(tx *store.Tx, b *foreign) error { _, err := tx.ListWebhookEndpoints(ctx, b.tenant.ID); return err },
		"UpdateWebhookEndpoint": func(tx *store.Tx, b *foreign) error {
			e := *b.hook
			e.URL = "https://hijacked.example/hook"
			return tx.UpdateWebhookEndpoint(ctx, &e)
		},
		"DeleteWebhookEndpoint": func(tx *store.Tx, b *foreign) error { return tx.DeleteWebhookEndpoint(ctx, b.tenant.ID, b.hook.ID) },
		"GetDelivery": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetDelivery(ctx, b.tenant.ID, b.delivery.ID)
			return err
		},
		"GetEndpointDelivery": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetEndpointDelivery(ctx, b.tenant.ID, b.hook.ID, b.delivery.ID)
			return err
		},
		"ListDeliveries": func(tx *store.Tx, b *foreign) error {
			_, err := tx.ListDeliveries(ctx, b.tenant.ID, b.hook.ID, 10)
			return err
		},
		"FirstPendingDelivery": func(tx *store.Tx, b *foreign) error { _, err := tx.FirstPendingDelivery(ctx, b.delivery); return err },
		"RecordDelivery": func(tx *store.Tx, b *foreign) error {
			d := *b.delivery
			d.Status = webhook.Failed
			return tx.RecordDelivery(ctx, &d)
		},
		"EnqueueWebhookJob": func(tx *store.Tx, b *foreign) error {
			return tx.EnqueueWebhookJob(ctx, b.tenant.ID, b.delivery.ID, now, now)
		},
		"RevokeAPIKey": func(tx *store.Tx, b *foreign) error {
			_, err := tx.RevokeAPIKey(ctx, b.tenant.ID, b.key.ID, now)
			return err
		},
		"TouchAPIKey": func(tx *store.Tx, b *foreign) error {
			return tx.TouchAPIKey(ctx, b.tenant.ID, b.key.ID, now, now)
		},
		"APIKeyByHash": func(tx *store.Tx, b *foreign) error {
			_, err := tx.APIKeyByHash(ctx, apikey.Hash(b.secret))
			return err
		},

		// login tokens
		"CreateLoginToken": func(tx *store.Tx, b *foreign) error {
			return tx.CreateLoginToken(ctx, &auth.LoginToken{TenantID: b.tenant.ID, ID: id.New(id.LoginToken), Hash: "planted",
				CreatedAt: now, ExpiresAt: now.Add(auth.LoginTokenTTL)})
		},
		"SpendLoginToken": func(tx *store.Tx, b *foreign) error {
			_, err := tx.SpendLoginToken(ctx, b.tenant.ID, "planted", now)
			return err
		},

		// stored files
		"PutTenantFile": func(tx *store.Tx, b *foreign) error {
			return tx.PutTenantFile(ctx, newFile(b.tenant.ID, []byte("planted"), now))
		},
		"TenantFileByPurpose": func(tx *store.Tx, b *foreign) error {
			_, err := tx.TenantFileByPurpose(ctx, b.tenant.ID, tenant.LogoFile)
			return err
		},
		"DeleteTenantFile": func(tx *store.Tx, b *foreign) error { return tx.DeleteTenantFile(ctx, b.tenant.ID, b.file.ID) },

		// login configuration
		"GetAuthConfig": func(tx *store.Tx, b *foreign) error { _, err := tx.GetAuthConfig(ctx, b.tenant.ID); return err },
		"PutAuthConfig": func(tx *store.Tx, b *foreign) error {
			_, err := tx.PutAuthConfig(ctx, &auth.TenantConfig{TenantID: b.tenant.ID, Providers: &[]auth.Provider{},
				CreatedAt: now, UpdatedAt: now})
			return err
		},

		// storage configuration
		"GetStorageConfig": func(tx *store.Tx, b *foreign) error { _, err := tx.GetStorageConfig(ctx, b.tenant.ID); return err },
		"PutStorageConfig": func(tx *store.Tx, b *foreign) error {
			return tx.PutStorageConfig(ctx, newStorageRecord(b.tenant.ID, "v1.planted", now))
		},
		"DeleteStorageConfig": func(tx *store.Tx, b *foreign) error { return tx.DeleteStorageConfig(ctx, b.tenant.ID) },
		"RecordStorageShipped": func(tx *store.Tx, b *foreign) error {
			return tx.RecordStorageShipped(ctx, b.tenant.ID, 99, now)
		},
		"RecordStorageError": func(tx *store.Tx, b *foreign) error { return tx.RecordStorageError(ctx, b.tenant.ID, "planted") },
		// gateway credentials
		"GetCredential": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetCredential(ctx, b.tenant.ID, credential.PaperID)
			return err
		},
		"PutCredential": func(tx *store.Tx, b *foreign) error {
			return tx.PutCredential(ctx, newCredential(b.tenant.ID, credential.PaperID, "v1.planted", now))
		},
		"SetCredentialEnabled": func(tx *store.Tx, b *foreign) error {
			return tx.SetCredentialEnabled(ctx, b.tenant.ID, credential.PaperID, false, now)
		},

		// audit
		"AppendAudit": func(tx *store.Tx, b *foreign) error {
			return tx.AppendAudit(ctx, &audit.Event{TenantID: b.tenant.ID, ID: id.New(id.Audit), Action: "planted",
				Outcome: audit.Success, CreatedAt: now})
		},
		"ListAudit": func(tx *store.Tx, b *foreign) error {
			_, _, err := tx.ListAudit(ctx, audit.Filter{TenantID: b.tenant.ID, Limit: 10})
			return err
		},
	}
	maps.Copy(checks, settingForeignChecks())
	maps.Copy(checks, customerForeignChecks())
	maps.Copy(checks, statsForeignChecks())
	maps.Copy(checks, auditChainForeignChecks())
	maps.Copy(checks, auditExportForeignChecks())
	maps.Copy(checks, erasureForeignChecks())
	maps.Copy(checks, exchangeForeignChecks())
	return checks
}

// seedForeign creates tenant slug with one row of every tenant-owned kind.
func seedForeign(t *testing.T, db *store.DB, slug string) *foreign {
	t.Helper()
	x, owner := seed(t, db, slug)
	b := &foreign{tenant: x, owner: owner, outlet: newOutlet(x.ID, "Theirs", "Davao"),
		invite: newInvite(x.ID, slug+"-invite@example.com", now), file: newFile(x.ID, []byte("their logo"), now),
		changeID: id.New(id.Change)}
	createOutlets(t, db, b.outlet)
	b.service = newService(x.ID, "Their Cut", b.outlet.ID)
	b.staff = newStaff(x.ID, "Their Stylist", []string{b.outlet.ID}, b.service.ID)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		if err := tx.CreateService(ctx, b.service); err != nil {
			return err
		}
		return tx.CreateStaff(ctx, b.staff)
	}))
	createInvite(t, db, b.invite)
	b.customer = newCustomer(x.ID, "Their Customer", "theirs@example.com", "+63 917 555 0101", now)
	createCustomers(t, db, b.customer)
	b.appt = newAppointment(b.outlet.ID, b.customer, b.service, b.staff, now.Add(24*time.Hour), now)
	b.export = &store.TenantExport{TenantID: x.ID, ID: id.New(id.Export), Format: "ndjson", StartedAt: now}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		if err := tx.CreateAppointment(ctx, b.appt); err != nil {
			return err
		}
		return tx.StartExport(ctx, b.export)
	}))
	b.key, b.secret = newAPIKey(t, db, x.ID, "prod", now)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		var err error
		if b.sub, err = tx.CurrentSubscription(ctx, x.ID); err != nil {
			return err
		}
		b.sub.Provider, b.sub.ProviderCustomerID, b.sub.ProviderSubscriptionID = "stripe", "cus_foreign", "sub_foreign"
		if err := tx.UpdateSubscription(ctx, b.sub); err != nil {
			return err
		}
		if err := tx.PutTenantFile(ctx, b.file); err != nil {
			return err
		}
		b.payment = newPayment(b.sub, "in_foreign")
		if err := tx.CreatePayment(ctx, b.payment); err != nil {
			return err
		}
		if _, err := tx.PutAuthConfig(ctx, &auth.TenantConfig{TenantID: x.ID, Providers: &[]auth.Provider{},
			CreatedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		if err := tx.PutCredential(ctx, newCredential(x.ID, credential.PaperID, "v1.theirs", now)); err != nil {
			return err
		}
		if err := tx.PutStorageConfig(ctx, newStorageRecord(x.ID, "v1.theirs", now)); err != nil {
			return err
		}
		if err := tx.RecordChange(ctx, x.ID, b.changeID, store.Change{Kind: "outlet", RefID: b.outlet.ID, Previous: "active"}); err != nil {
			return err
		}
		if err := tx.PutTenantSetting(ctx, foreignSetting(x.ID)); err != nil {
			return err
		}
		if err := tx.AppendAudit(ctx, &audit.Event{TenantID: x.ID, ID: id.New(id.Audit), Action: "seed", Outcome: audit.Success, CreatedAt: now}); err != nil {
			return err
		}
		b.hook = newWebhook(x.ID, now)
		if err := tx.CreateWebhookEndpoint(ctx, b.hook); err != nil {
			return err
		}
		if err := tx.AppendAudit(ctx, &audit.Event{TenantID: x.ID, ID: id.New(id.Audit), Action: "tenant.update",
			ResourceType: "tenant", ResourceID: x.ID, Outcome: audit.Success, CreatedAt: now}); err != nil {
			return err
		}
		ds, err := tx.ListDeliveries(ctx, x.ID, b.hook.ID, 10)
		if err != nil {
			return err
		}
		if len(ds) != 1 {
			t.Fatalf("%d deliveries of the foreign webhook, want 1", len(ds))
		}
		b.delivery = &ds[0]
		return nil
	}))
	return b
}

// testForeignTenant runs every foreign-tenant check from tenant a's
// transactions against tenant b, then checks that b's rows are as they were.
func testForeignTenant(t *testing.T, db *store.DB) {
	a, _ := seed(t, db, "foreign-a")
	b := seedForeign(t, db, "foreign-b")
	before := snapshot(t, db, b)
	for name, check := range foreignChecks() {
		if err := db.InTenant(ctx, a.ID, func(tx *store.Tx) error { return check(tx, b) }); !errs.Is(err, errs.NotFound) {
			t.Errorf("%s of another tenant: %v, want NotFound", name, err)
		}
	}
	after := snapshot(t, db, b)
	for i, v := range reflect.VisibleFields(reflect.TypeFor[bState]()) {
		was, is := reflect.ValueOf(before).Field(i), reflect.ValueOf(after).Field(i)
		if !reflect.DeepEqual(is.Interface(), was.Interface()) {
			t.Errorf("tenant b's %s changed through tenant a's transactions:\n got %+v\nwant %+v", v.Name,
				reflect.Indirect(is), reflect.Indirect(was))
		}
	}
	var planted error
	_ = db.ReadSystem(ctx, func(tx *store.Tx) error { _, planted = tx.TenantIDBySlug(ctx, "planted"); return nil })
	if !errs.Is(planted, errs.NotFound) {
		t.Errorf("a tenant transaction created another tenant: %v", planted)
	}
	// Addressed with its own tenant id, another tenant's row is simply not there.
	must(t, db.ReadTenant(ctx, a.ID, func(tx *store.Tx) error {
		if _, err := tx.GetOutlet(ctx, a.ID, b.outlet.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("GetOutlet of a foreign id under own tenant: %v", err)
		}
		if _, err := tx.GetInvite(ctx, a.ID, b.invite.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("GetInvite of a foreign id under own tenant: %v", err)
		}
		if _, err := tx.GetAPIKey(ctx, a.ID, b.key.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("GetAPIKey of a foreign id under own tenant: %v", err)
		}
		if _, err := tx.GetCustomer(ctx, a.ID, b.customer.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("GetCustomer of a foreign id under own tenant: %v", err)
		}
		list, total, err := tx.ListOutlets(ctx, a.ID, store.OutletFilter{Limit: 10, Only: []string{b.outlet.ID}})
		if len(list) != 0 || total != 0 {
			t.Errorf("foreign outlet listed: %v", outletIDs(list))
		}
		return err
	}))
}

// bState is what snapshot reads of tenant b.
type bState struct {
	Tenant       *tenant.Tenant
	Deactivation string
	Partner      *tenant.Partner
	Subscription *plan.Subscription
	Membership   *membership.Membership
	Members      []membership.Member
	Outlets      []outlet.Outlet
	Services     []booking.Service
	Staff        []booking.Staff
	Invites      []membership.Invite
	Keys         []apikey.Key
	Config       *auth.TenantConfig
	Credential   *credential.Credential
	Storage      *storage.Record
	File         *tenant.File
	Changes      []store.Change
	Audit        []audit.Event
	Payments     []plan.Payment
	Settings     setting.Layers
	Customers    []customer.Customer
	Hooks        []webhook.Endpoint
	Deliveries   []webhook.Delivery
}

// snapshot reads all of b's rows in b's own transaction.
func snapshot(t *testing.T, db *store.DB, b *foreign) bState {
	t.Helper()
	var s bState
	x := b.tenant.ID
	must(t, db.ReadTenant(ctx, x, func(tx *store.Tx) (err error) {
		steps := []func() error{
			func() (err error) { s.Tenant, err = tx.GetTenant(ctx, x); return },
			func() (err error) { s.Deactivation, err = tx.TenantDeactivationID(ctx, x); return },
			func() (err error) { s.Partner, err = tx.TenantPartner(ctx, x); return },
			func() (err error) { s.Subscription, err = tx.CurrentSubscription(ctx, x); return },
			func() (err error) { s.Membership, err = tx.GetMembership(ctx, x, b.owner.ID); return },
			func() (err error) { s.Members, _, err = tx.ListMembers(ctx, x, store.MemberFilter{Limit: 50}); return },
			func() (err error) { s.Outlets, _, err = tx.ListOutlets(ctx, x, store.OutletFilter{Limit: 50}); return },
			func() (err error) {
				s.Services, _, err = tx.ListServices(ctx, x, store.ServiceFilter{Limit: 50})
				return
			},
			func() (err error) { s.Staff, _, err = tx.ListStaff(ctx, x, store.StaffFilter{Limit: 50}); return },
			func() (err error) {
				s.Invites, _, err = tx.ListInvites(ctx, x, store.InviteFilter{Limit: 50}, now)
				return
			},
			func() (err error) { s.Keys, err = tx.ListAPIKeys(ctx, x); return },
			func() (err error) { s.Config, err = tx.GetAuthConfig(ctx, x); return },
			func() (err error) { s.Credential, err = tx.GetCredential(ctx, x, credential.PaperID); return },
			func() (err error) { s.Storage, err = tx.GetStorageConfig(ctx, x); return },
			func() (err error) { s.File, err = tx.TenantFileByPurpose(ctx, x, tenant.LogoFile); return },
			func() (err error) { s.Changes, err = tx.Changes(ctx, x, b.changeID); return },
			func() (err error) { s.Audit, _, err = tx.ListAudit(ctx, audit.Filter{TenantID: x, Limit: 50}); return },
			func() (err error) {
				s.Payments, _, err = tx.ListPayments(ctx, x, store.PaymentFilter{Limit: 50})
				return
			},
			func() (err error) { s.Settings, err = tx.LoadSettings(ctx, x, "prod"); return },
			func() (err error) {
				s.Customers, err = tx.ListCustomers(ctx, x, store.CustomerFilter{Limit: 50})
				return
			},
			func() (err error) { s.Hooks, err = tx.ListWebhookEndpoints(ctx, x); return },
			func() (err error) { s.Deliveries, err = tx.ListDeliveries(ctx, x, b.hook.ID, 50); return },
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	}))
	return s
}

// testForeignTenantCoverage checks that foreignChecks has a check for every
// tenant-scoped store method, read from the store's source, and names only
// methods that exist.
func testForeignTenantCoverage(t *testing.T, _ *store.DB) {
	scoped, err := tenantScopedMethods()
	if err != nil {
		t.Fatal(err)
	}
	checks := foreignChecks()
	for _, name := range scoped {
		if _, ok := checks[name]; !ok {
			t.Errorf("store.Tx.%s is tenant-scoped but has no foreign-tenant check: add one to foreignChecks", name)
		}
	}
	tx := reflect.TypeFor[*store.Tx]()
	for name := range checks {
		if _, ok := tx.MethodByName(name); !ok {
			t.Errorf("foreignChecks names %s, which is not a method of *store.Tx", name)
		}
	}
	if len(scoped) < 40 || !slices.Contains(scoped, "ListOutlets") {
		t.Fatalf("found only %d tenant-scoped methods: %v", len(scoped), scoped)
	}
}
