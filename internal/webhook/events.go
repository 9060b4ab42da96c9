package webhook

import (
	"maps"
	"slices"
)

// events maps the audit actions that are changes to the event type their
// webhook carries. An audited action missing from it, and every failure,
// sends nothing: a sign-in or a refused attempt is a security event of the
// audit log, not a change an integration mirrors (see ignored). The test of
// this package reads internal/app and fails on an action in neither.
var events = map[string]string{
	// Tenants.
	"tenant.register":          "tenant.created",
	"tenant.create":            "tenant.created",
	"tenant.update":            "tenant.updated",
	"tenant.logo_update":       "tenant.updated",
	"tenant.logo_delete":       "tenant.updated",
	"tenant.deactivate":        "tenant.deactivated",
	"tenant.reactivate":        "tenant.reactivated",
	"tenant.status":            "tenant.status_changed",
	"tenant.exported":          "tenant.exported",
	"tenant.partner.provision": "tenant.partner_provisioned",
	"tenant.erase.request":     "tenant.erasure_requested",
	"tenant.erase.cancel":      "tenant.erasure_cancelled",
	"tenant.erase":             "tenant.erased",
	"auth_config.update":       "tenant.auth_config_updated",
	"storage.update":           "tenant.storage_updated",
	"storage.delete":           "tenant.storage_deleted",
	"credential.update":        "tenant.credentials_updated",
	"credential.disable":       "tenant.credentials_disabled",

	// Members and users.
	"user.create":                "member.added",
	"association.add":            "member.added",
	"member.role_change":         "member.role_changed",
	"member.outlets_change":      "member.outlets_changed",
	"member.status_change":       "member.status_changed",
	"member.remove":              "member.removed",
	"association.remove":         "member.removed",
	"member.transfer_ownership":  "member.ownership_transferred",
	"user.update":                "user.updated",
	"user.deactivate":            "user.deactivated",
	"user.reset_password":        "user.password_reset",
	"user.profile_update":        "user.profile_updated",
	"user.picture_update":        "user.profile_updated",
	"user.lock":                  "user.locked",
	"user.unlock":                "user.unlocked",
	"user.platform_admin.grant":  "user.platform_admin_granted",
	"user.platform_admin.revoke": "user.platform_admin_revoked",
	"user.erase":                 "user.erased",
	"mfa.confirm":                "user.mfa_enabled",
	"mfa.disable":                "user.mfa_disabled",
	"mfa.recovery_codes":         "user.recovery_codes_renewed",

	// Invitations.
	"invite.create": "invite.created",
	"invite.revoke": "invite.revoked",
	"invite.accept": "invite.accepted",

	// API keys and platform keys.
	"apikey.create":       "apikey.created",
	"apikey.rotate":       "apikey.rotated",
	"apikey.revoke":       "apikey.revoked",
	"platform_key.create": "platform_key.created",
	"platform_key.revoke": "platform_key.revoked",

	// Plans, subscriptions and payments.
	"plan.create":                             "plan.created",
	"plan.update":                             "plan.updated",
	"plan.archive":                            "plan.archived",
	"plan.restore":                            "plan.restored",
	"subscription.upgrade":                    "subscription.changed",
	"subscription.downgrade":                  "subscription.changed",
	"subscription.cancel":                     "subscription.changed",
	"subscription.trial_end":                  "subscription.changed",
	"subscription.renew":                      "subscription.renewed",
	"subscription.period":                     "subscription.renewed",
	"subscription.downgrade_scheduled":        "subscription.change_scheduled",
	"subscription.scheduled_change_cancelled": "subscription.scheduled_change_cancelled",
	"subscription.downgrade_refused":          "subscription.downgrade_refused",
	"subscription.past_due":                   "subscription.past_due",
	"subscription.suspend":                    "subscription.suspended",
	"subscription.restore":                    "subscription.restored",
	"payment.paid":                            "payment.succeeded",
	"payment.failed":                          "payment.failed",

	// Configuration.
	"config.update":       "config.updated",
	"config.delete":       "config.deleted",
	"config.admin_update": "config.updated",
	"config.admin_delete": "config.deleted",
	"config.define":       "config.defined",

	// Outlets and the booking data plane.
	"outlet.create":               "outlet.created",
	"outlet.update":               "outlet.updated",
	"outlet.delete":               "outlet.deleted",
	"service.create":              "service.created",
	"service.update":              "service.updated",
	"service.delete":              "service.deleted",
	"staff.create":                "staff.created",
	"staff.update":                "staff.updated",
	"staff.delete":                "staff.deleted",
	"customer.create":             "customer.created",
	"customer.update":             "customer.updated",
	"customer.delete":             "customer.deleted",
	"appointment.create":          "appointment.created",
	"appointment.update":          "appointment.updated",
	"appointment.pending":         "appointment.pending",
	"appointment.confirmed":       "appointment.confirmed",
	"appointment.completed":       "appointment.completed",
	"appointment.cancelled":       "appointment.cancelled",
	"appointment.cancel_override": "appointment.cancelled",
	"appointment.no_show":         "appointment.no_show",
}

// ignored are the audited actions that send no event: sign-ins and
// sessions, one-time codes and resets (security events), the server's own
// start-up work, impersonation, and the webhooks' own management (an
// endpoint's change is not an event of the tenant's data).
var ignored = []string{
	"auth.register", "auth.login", "auth.logout", "auth.lockout", "auth.select_tenant", "auth.switch_environment",
	"auth.otp_request", "auth.otp_verify", "auth.password_change", "auth.password_forgot", "auth.password_reset",
	"auth.mfa_challenge", "auth.mfa_verify", "auth.recovery_code_used", "auth.refresh_reuse", "auth.login_token.issue",
	"mfa.enroll", "admin.impersonate", "signing_key.rotate", "tenant.create_public", "tenant.partner.retry",
	"platform_admin.created", "platform_admin.exists", "platform_admin.promoted", "platform_admin.skipped",
	"webhook.create", "webhook.update", "webhook.delete", "webhook.rotate_secret", "webhook.disable", "webhook.replay",
}

// EventType returns the event type an audited action becomes, and false
// when it becomes none.
func EventType(action string) (string, bool) {
	t, ok := events[action]
	return t, ok
}

// Ignored reports whether action is an audited action that deliberately
// sends no event.
func Ignored(action string) bool { return slices.Contains(ignored, action) }

// Types returns every event type, sorted.
func Types() []string {
	seen := map[string]bool{}
	for _, t := range events {
		seen[t] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

// Actions returns the audit actions that become typ, sorted.
func Actions(typ string) []string {
	var out []string
	for a, t := range events {
		if t == typ {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return out
}

// KnownType reports whether typ is an event type or AllEvents.
func KnownType(typ string) bool {
	return typ == AllEvents || slices.Contains(Types(), typ)
}
