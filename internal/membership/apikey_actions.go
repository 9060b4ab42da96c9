package membership

// Actions on a tenant's API keys. Keys themselves may never manage keys:
// these rules carry no scope.
const (
	APIKeyCreate Action = "apikey.create"
	APIKeyRead   Action = "apikey.read"
	APIKeyRotate Action = "apikey.rotate"
	APIKeyRevoke Action = "apikey.revoke"
)
