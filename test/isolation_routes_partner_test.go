package test

// partnerEntries cover the platform admins' Paper.id partner routes: no
// tenant role may retry a provisioning, so A's members get 403 and another
// or a missing tenant answers 404 tenant_not_found, as every route naming a
// tenant does.
func partnerEntries() map[string]entry {
	return map[string]entry{
		"POST /api/v1/admin/tenants/{tenant_id}/partner/retry": {targets: tenantTargets, want: onTenant, call: atTenant(nil)},
	}
}
