package test

// adminEntries cover platform administration: no tenant role and no API
// key may call it, so A's members get 403 forbidden and the key 403
// insufficient_scope; routes naming a tenant answer another or a missing
// tenant 404 tenant_not_found first, as every route naming a tenant does.
func adminEntries() map[string]entry {
	return map[string]entry{
		"GET /api/v1/admin/tenants": {want: inTenant(""), call: fixed(call{})},
	}
}
