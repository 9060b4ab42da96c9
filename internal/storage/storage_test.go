package storage_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
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

// TestPutRace: of concurrent Puts of one name exactly one wins; the others
// answer ErrExists and the object is the winner's.
func TestPutRace(t *testing.T) {
	for name, cfg := range providers(t) {
		t.Run(name, func(t *testing.T) {
			c := open(t, cfg)
			const n = 6
			errc := make(chan error, n)
			for i := range n {
				go func() {
					body := []byte(fmt.Sprintf("writer %d", i))
					if err := c.Put(ctx, "audit/race.ndjson.gz", bytes.NewReader(body), int64(len(body))); err != nil {
						errc <- err
						return
					}
					errc <- nil
				}()
			}
			won := 0
			for range n {
				switch err := <-errc; {
				case err == nil:
					won++
				case !errors.Is(err, storage.ErrExists):
					t.Errorf("put: %v", err)
				}
			}
			if won != 1 {
				t.Fatalf("%d puts won, want exactly 1", won)
			}
		})
	}
}

// TestOutage: with the server down a Put fails (and is no ErrExists);
// once it is back, what was stored before is still there and the Put
// succeeds. The test servers' Stop and Restart are what outage tests use.
func TestOutage(t *testing.T) {
	s3 := s3test.Start(t, "tenantry-outage")
	az := azuritetest.StartPersistent(t)
	az.CreateContainer(t, "tenantry-outage")
	for name, c := range map[string]struct {
		cfg           storage.Config
		stop, restart func()
		list          func() []string
	}{
		"s3": {storage.Config{Provider: storage.S3, Bucket: s3.Bucket, Region: s3test.Region, Endpoint: s3.URL,
			AccessKeyID: s3test.AccessKeyID, SecretAccessKey: s3test.SecretAccessKey, AllowHTTP: true},
			s3.Stop, func() { s3.Restart(t) }, func() []string { return s3.Objects(t, s3.Bucket) }},
		"azure": {storage.Config{Provider: storage.Azure, ConnectionString: az.ConnectionString(), Container: "tenantry-outage", AllowHTTP: true},
			az.Stop, func() { az.Restart(t) }, func() []string { return az.Blobs(t, "tenantry-outage") }},
	} {
		t.Run(name, func(t *testing.T) {
			cl := open(t, c.cfg)
			put := func(obj string) error { return cl.Put(ctx, obj, strings.NewReader("batch"), 5) }
			if err := put("audit/1.ndjson.gz"); err != nil {
				t.Fatal(err)
			}
			c.stop()
			if err := put("audit/2.ndjson.gz"); err == nil || errors.Is(err, storage.ErrExists) {
				t.Fatalf("put during the outage: %v", err)
			}
			c.restart()
			if err := put("audit/2.ndjson.gz"); err != nil {
				t.Fatalf("put after the outage: %v", err)
			}
			if err := put("audit/1.ndjson.gz"); !errors.Is(err, storage.ErrExists) {
				t.Fatalf("the first object was lost in the outage: %v", err)
			}
			if got := strings.Join(c.list(), " "); got != "audit/1.ndjson.gz audit/2.ndjson.gz" {
				t.Fatalf("objects after the outage: %s", got)
			}
		})
	}
}

// TestErrorsCarryNoSecret: an unreachable store's error (which quotes the
// request's URL) carries neither a shared access signature, in any
// encoding, nor an account key.
func TestErrorsCarryNoSecret(t *testing.T) {
	const sig = "kD3+9x/Q7zL1mN0pR2sT4uV6wX8yZ0aB=" // decoded
	sas := "sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2030-01-01T00:00:00Z&sig=" + url.QueryEscape(sig)
	for name, cs := range map[string]string{
		"sas": "AccountName=devstoreaccount1;SharedAccessSignature=" + sas + ";BlobEndpoint=http://127.0.0.1:1/devstoreaccount1",
		"key": azuritetest.ConnectionString("http://127.0.0.1:1/devstoreaccount1", azuritetest.Key),
	} {
		c := open(t, storage.Config{Provider: storage.Azure, ConnectionString: cs, Container: "logs", AllowHTTP: true})
		err := c.Probe(ctx)
		if err == nil {
			t.Fatalf("%s: probe of a closed port succeeded", name)
		}
		for _, secret := range []string{sig, url.QueryEscape(sig), url.PathEscape(sig), azuritetest.Key, sas} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("%s: the error carries %q: %s", name, secret, err)
			}
		}
	}
}
