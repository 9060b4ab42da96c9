package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// storageRoutes are the tenant's own storage (trueport "Storage
// Configuration"), where its audit batches are shipped: the routes name no
// tenant, they act on that of the credentials. Secrets go in, never out.
func (s *Server) storageRoutes() []Route {
	const path = "/api/v1/storage"
	return []Route{
		{Method: "GET", Path: path, Tag: "Storage", Access: Authenticated, Action: membership.StorageRead,
			Status: http.StatusOK, Reply: StorageConfig{}, handle: s.getStorage,
			Summary: "The tenant's storage configuration and shipping state, never a credential (404 storage_not_configured when none)"},
		{Method: "PUT", Path: path, Tag: "Storage", Access: Authenticated, Action: membership.StorageManage,
			Status: http.StatusOK, Body: StorageConfigRequest{}, Reply: StorageConfig{}, handle: s.putStorage,
			Summary: "Configure the tenant's storage: S3 (bucket, region, keys, optional endpoint) or AZURE " +
				"(connection string, container); the whole configuration each time, secrets sealed and never returned"},
		{Method: "DELETE", Path: path, Tag: "Storage", Access: Authenticated, Action: membership.StorageManage,
			Status: http.StatusNoContent, handle: s.deleteStorage,
			Summary: "Remove the tenant's storage configuration and its secrets (shipping stops)"},
		{Method: "POST", Path: path + "/test", Tag: "Storage", Access: Authenticated, Action: membership.StorageManage,
			Status: http.StatusOK, Reply: StorageTestResult{}, handle: s.testStorage,
			Summary: "Write, read back and delete a probe object with the stored credentials " +
				"(422 storage_test_failed with the provider's error, secrets removed)"},
	}
}
