package storage

import "time"

// Record is a tenant's storage configuration as the store keeps it: the
// target, the secrets sealed as one value, and the state of the shipping
// of its audit batches.
type Record struct {
	TenantID  string
	Provider  Provider
	Bucket    string // S3
	Region    string // S3
	Endpoint  string // S3: an S3-compatible store; "" for Amazon S3
	Container string // Azure
	// SecretSealed is the secret fields (Secrets), JSON, sealed with
	// SealContext: never returned, logged or audited.
	SecretSealed string

	LastShippedAt *time.Time // when a batch was last shipped; nil: never
	LastError     string     // the last shipping failure, secrets removed; "" once a batch ships
	// ShippedThrough is the last audit batch shipped: every batch up to
	// it is in the store.
	ShippedThrough int64

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Secrets are a configuration's secret fields by name (FieldAccessKeyID,
// FieldSecretAccessKey, FieldConnectionString), in memory only.
type Secrets map[string]string

// SealContext binds a tenant's sealed storage secrets to it, so that they
// cannot be moved to another row.
func SealContext(tenantID string) string { return "storage:" + tenantID }

// Target is where a record points, without its secrets: a change of
// target starts shipping afresh.
func (r *Record) Target() string {
	return string(r.Provider) + "|" + r.Bucket + "|" + r.Region + "|" + r.Endpoint + "|" + r.Container
}

// Config is the client configuration of a record given its opened
// secrets.
func (r *Record) Config(s Secrets) Config {
	return Config{Provider: r.Provider, Bucket: r.Bucket, Region: r.Region, Endpoint: r.Endpoint,
		AccessKeyID: s[FieldAccessKeyID], SecretAccessKey: s[FieldSecretAccessKey],
		ConnectionString: s[FieldConnectionString], Container: r.Container}
}
