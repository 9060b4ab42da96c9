package storage_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/azuritetest"
	"github.com/tenantry/tenantry/internal/s3test"
	"github.com/tenantry/tenantry/internal/storage"
)

var ctx = context.Background()

// providers are a configuration of each provider against its test server.
func providers(t *testing.T) map[string]storage.Config {
	t.Helper()
	s3 := s3test.Start(t, "tenantry-test-bucket")
	az := azuritetest.Start(t)
	az.CreateContainer(t, "tenantry-test")
	return map[string]storage.Config{
		"s3": {Provider: storage.S3, Bucket: s3.Bucket, Region: s3test.Region, Endpoint: s3.URL,
			AccessKeyID: s3test.AccessKeyID, SecretAccessKey: s3test.SecretAccessKey, AllowHTTP: true},
		"azure": {Provider: storage.Azure, ConnectionString: az.ConnectionString(), Container: "tenantry-test", AllowHTTP: true},
	}
}

func open(t *testing.T, cfg storage.Config) *storage.Client {
	t.Helper()
	c, err := storage.Open(cfg)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	return c
}

// TestPutNeverOverwrites: a second Put of a name answers ErrExists and
// leaves the first object as it was; Get, Stat and Delete work; a name
// that holds nothing answers ErrNotFound; Probe succeeds.
func TestPutNeverOverwrites(t *testing.T) {
	for name, cfg := range providers(t) {
		t.Run(name, func(t *testing.T) {
			c := open(t, cfg)
			const obj = "audit/2026/12/03/1.ndjson.gz"
			first, second := []byte("first batch"), []byte("second, longer batch")
			if err := c.Put(ctx, obj, bytes.NewReader(first), int64(len(first))); err != nil {
				t.Fatalf("first put: %v", err)
			}
			err := c.Put(ctx, obj, bytes.NewReader(second), int64(len(second)))
			if !errors.Is(err, storage.ErrExists) {
				t.Fatalf("second put: %v, want ErrExists", err)
			}
			r, err := c.Get(ctx, obj)
			if err != nil {
				t.Fatalf("get: %v", err)
			}
			got, err := io.ReadAll(r)
			_ = r.Close()
			if err != nil || !bytes.Equal(got, first) {
				t.Fatalf("get: %q, %v; want the first object", got, err)
			}
			if n, err := c.Stat(ctx, obj); err != nil || n != int64(len(first)) {
				t.Fatalf("stat: %d, %v", n, err)
			}
			if err := c.Delete(ctx, obj); err != nil {
				t.Fatalf("delete: %v", err)
			}
			if _, err := c.Get(ctx, obj); !errors.Is(err, storage.ErrNotFound) {
				t.Fatalf("get after delete: %v, want ErrNotFound", err)
			}
			if _, err := c.Stat(ctx, obj); !errors.Is(err, storage.ErrNotFound) {
				t.Fatalf("stat after delete: %v, want ErrNotFound", err)
			}
			if err := c.Delete(ctx, obj); err != nil {
				t.Fatalf("delete of nothing: %v", err)
			}
			if err := c.Put(ctx, obj, bytes.NewReader(second), int64(len(second))); err != nil {
				t.Fatalf("put after delete: %v", err)
			}
			if err := c.Probe(ctx); err != nil {
				t.Fatalf("probe: %v", err)
			}
		})
	}
}

// TestProbeFailures: an unknown bucket or container, or a wrong account
// key, fails the probe with the provider's text and no secret in it.
func TestProbeFailures(t *testing.T) {
	cfgs := providers(t)
	s3, az := cfgs["s3"], cfgs["azure"]
	noBucket := s3
	noBucket.Bucket = "no-such-bucket"
	noContainer := az
	noContainer.Container = "no-such-container"
	wrongKey := az
	const otherKey = "T3RoZXJLZXlPdGhlcktleU90aGVyS2V5T3RoZXJLZXlPdGhlcktleU90aGVyS2V5T3RoZXI="
	wrongKey.ConnectionString = strings.Replace(az.ConnectionString, azuritetest.Key, otherKey, 1)
	for _, c := range []struct {
		name string
		cfg  storage.Config
		want string
	}{
		{"s3 unknown bucket", noBucket, "bucket does not exist"},
		{"azure unknown container", noContainer, "ContainerNotFound"},
		{"azure wrong key", wrongKey, "AuthorizationFailure"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := open(t, c.cfg).Probe(ctx)
			var se *storage.Error
			if !errors.As(err, &se) {
				t.Fatalf("probe: %v, want a *storage.Error", err)
			}
			t.Logf("%s", err)
			if !strings.Contains(se.Text, c.want) {
				t.Errorf("probe error %q does not say %q", se.Text, c.want)
			}
			for _, secret := range []string{s3test.SecretAccessKey, s3test.AccessKeyID, azuritetest.Key, otherKey} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("probe error carries a secret: %s", err)
				}
			}
		})
	}
}
