package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

var configEnvironment = []Param{{Name: "environment", Type: "string",
	Description: "prod, staging or dev (default: that of the token or key); all for the tenant-wide value every environment inherits."}}

var adminConfigScope = []Param{
	{Name: "scope", Type: "string", Description: "GLOBAL (default), PLAN or TENANT."},
	{Name: "plan_id", Type: "string", Description: "The plan of a PLAN value."},
	{Name: "tenant_id", Type: "string", Description: "The tenant of a TENANT value (tenant-wide)."},
}

// settingRoutes are typed configuration: a tenant's merged view and its own
// values, and the platform's values and custom key definitions.
func (s *Server) settingRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/configs", Tag: "Configuration", Access: Authenticated, Action: membership.ConfigRead,
			Status: http.StatusOK, Reply: ConfigsResponse{}, handle: s.listConfigs,
			Query:   []Param{{Name: "format", Type: "string", Description: "tree (default, the trueport shape) or flat: one object of key → value."}},
			Summary: "The merged configuration of the caller's tenant in its environment (every member; API keys with config:read)"},
		{Method: "PUT", Path: "/api/v1/configs/{key}", Tag: "Configuration", Access: Authenticated, Action: membership.ConfigUpdate,
			Status: http.StatusOK, Body: ConfigValueRequest{}, Reply: ConfigEntry{}, Query: configEnvironment, handle: s.putConfig,
			Summary: "Set one of the tenant's values (403 config_locked, 404 config_key_not_found, 422 on a type error)"},
		{Method: "DELETE", Path: "/api/v1/configs/{key}", Tag: "Configuration", Access: Authenticated, Action: membership.ConfigUpdate,
			Status: http.StatusNoContent, Query: configEnvironment, handle: s.deleteConfig,
			Summary: "Remove one of the tenant's values: the key returns to what it inherits"},
		{Method: "GET", Path: "/api/v1/admin/configs", Tag: "Platform admin", Access: Authenticated, Action: membership.ConfigAdmin,
			Status: http.StatusOK, Reply: AdminConfigList{}, handle: s.adminConfigs,
			Summary: "Every configuration key with its definition and its global and plan values"},
		{Method: "PUT", Path: "/api/v1/admin/configs/{key}", Tag: "Platform admin", Access: Authenticated, Action: membership.ConfigAdmin,
			Status: http.StatusOK, Body: AdminConfigRequest{}, Reply: AdminConfigValue{}, handle: s.putAdminConfig,
			Summary: "Set a value at scope GLOBAL, PLAN (plan_id) or TENANT (tenant_id), optionally locked"},
		{Method: "DELETE", Path: "/api/v1/admin/configs/{key}", Tag: "Platform admin", Access: Authenticated, Action: membership.ConfigAdmin,
			Status: http.StatusNoContent, Query: adminConfigScope, handle: s.deleteAdminConfig,
			Summary: "Remove the value stored at a scope, so the key falls back to the layer above (404 config_value_not_found when none is stored there)"},
		{Method: "POST", Path: "/api/v1/admin/config-definitions", Tag: "Platform admin", Access: Authenticated, Action: membership.ConfigAdmin,
			Status: http.StatusCreated, Body: ConfigDefinitionRequest{}, Reply: ConfigDefinition{}, handle: s.createConfigDefinition,
			Summary: "Define a configuration key of your own product (e.g. a feature flag)"},
		{Method: "PUT", Path: "/api/v1/admin/config-definitions/{key}", Tag: "Platform admin", Access: Authenticated, Action: membership.ConfigAdmin,
			Status: http.StatusOK, Body: ConfigDefinitionRequest{}, Reply: ConfigDefinition{}, handle: s.putConfigDefinition,
			Summary: "Redefine a custom configuration key"},
	}
}
