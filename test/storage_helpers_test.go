package test

import (
	"slices"
	"testing"

	"github.com/tenantry/tenantry/internal/azuritetest"
)

const storagePath = "/api/v1/storage"

// The trueport seed's storage examples (the Azure account key is a
// made-up base64 key).
const (
	seedAccessKeyID     = "AKIAIOSFODNN7EXAMPLE"
	seedSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	seedAccountKey      = "c2VlZC1hY2NvdW50LWtleS1mb3ItdGhlLXRydWVwb3J0LXN0b3JhZ2UtZXhhbXBsZQ=="
	seedConnection      = "DefaultEndpointsProtocol=https;AccountName=acmecorp;AccountKey=" + seedAccountKey + ";EndpointSuffix=core.windows.net"
)

func seedS3() map[string]any {
	return map[string]any{"provider": "S3", "bucket": "acme-corp-audit-logs", "region": "us-east-1",
		"aws_access_key_id": seedAccessKeyID, "aws_secret_access_key": seedSecretAccessKey}
}

func seedAzure() map[string]any {
	return map[string]any{"provider": "AZURE", "azure_connection_string": seedConnection, "container_name": "acme-audit-logs"}
}

// azuriteBody is an Azure configuration of the Azurite server az, with
// the container and the account key given.
func azuriteBody(az *azuritetest.Server, container, key string) map[string]any {
	return map[string]any{"provider": "AZURE", "container_name": container,
		"azure_connection_string": azuritetest.ConnectionString(az.URL, key)}
}

// storageShape checks that o has exactly the fields of GET /storage for
// its provider, and never a credential.
func storageShape(t testing.TB, o obj) {
	t.Helper()
	want := []string{"bucket", "credentials_set", "last_error", "last_shipped_at", "provider", "region"}
	switch {
	case o.str("provider") == "AZURE":
		want = []string{"container_name", "credentials_set", "last_error", "last_shipped_at", "provider"}
	case o.has("endpoint"):
		want = []string{"bucket", "credentials_set", "endpoint", "last_error", "last_shipped_at", "provider", "region"}
	}
	if got := keysOf(o); !slices.Equal(got, want) {
		t.Fatalf("storage answer has fields %v, want %v: %s", got, want, o)
	}
	if !o.boolean("credentials_set") {
		t.Errorf("credentials_set is false: %s", o)
	}
}
