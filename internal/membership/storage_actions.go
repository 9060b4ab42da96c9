package membership

// Actions on a tenant's own storage configuration (trueport "Storage
// Configuration"), where its audit batches are shipped: owner and
// tenant_admin, and platform admins for any tenant. Like gateway
// credentials, API keys never read or change it: these rules carry no
// scope.
const (
	StorageRead   Action = "tenant.storage.read"
	StorageManage Action = "tenant.storage.manage" // configure, remove, test
)
