package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
)

// StorageConfigRequest configures the tenant's storage exactly as the
// trueport seed: provider S3 with bucket, region, aws_access_key_id,
// aws_secret_access_key and, for an S3-compatible store, endpoint (an
// https URL of a host; region may then be left out); or provider AZURE
// with azure_connection_string and container_name. The whole
// configuration is given each time; a field of the other provider is
// refused.
type StorageConfigRequest struct {
	Provider              string `json:"provider"`
	Bucket                string `json:"bucket,omitempty"`
	Region                string `json:"region,omitempty"`
	Endpoint              string `json:"endpoint,omitempty"`
	AWSAccessKeyID        string `json:"aws_access_key_id,omitempty" text:"verbatim"`
	AWSSecretAccessKey    string `json:"aws_secret_access_key,omitempty" text:"verbatim"`
	AzureConnectionString string `json:"azure_connection_string,omitempty" text:"verbatim"`
	ContainerName         string `json:"container_name,omitempty"`
}

func (r StorageConfigRequest) input() app.StorageUpdate {
	return app.StorageUpdate{Provider: r.Provider, Bucket: r.Bucket, Region: r.Region, Endpoint: r.Endpoint,
		AccessKeyID: r.AWSAccessKeyID, SecretAccessKey: r.AWSSecretAccessKey,
		ConnectionString: r.AzureConnectionString, Container: r.ContainerName}
}

// StorageConfig is the tenant's storage as the trueport seed answers it,
// never a credential: the provider, the bucket and region (S3, with the
// endpoint of an S3-compatible store) or the container (Azure), whether
// the credentials are set, and the shipping of the audit batches: when
// one was last shipped and the last failure (null when none since).
type StorageConfig struct {
	Provider       string     `json:"provider"`
	Bucket         string     `json:"bucket,omitempty"`
	Region         string     `json:"region,omitempty"`
	Endpoint       string     `json:"endpoint,omitempty"`
	ContainerName  string     `json:"container_name,omitempty"`
	CredentialsSet bool       `json:"credentials_set"`
	LastShippedAt  *time.Time `json:"last_shipped_at"`
	LastError      *string    `json:"last_error"`
}

func storageConfigOf(v *app.StorageView) StorageConfig {
	out := StorageConfig{Provider: string(v.Provider), Bucket: v.Bucket, Region: v.Region, Endpoint: v.Endpoint,
		ContainerName: v.Container, CredentialsSet: v.CredentialsSet, LastShippedAt: v.LastShippedAt}
	if v.LastError != "" {
		out.LastError = &v.LastError
	}
	return out
}

// StorageTestResult is the answer of a storage test that succeeded.
type StorageTestResult struct {
	OK bool `json:"ok"`
}
