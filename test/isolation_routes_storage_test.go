package test

import (
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/s3test"
)

// storageBody is an S3 configuration of the test S3 server s.
func storageBody(s *s3test.Server) map[string]any {
	return map[string]any{"provider": "S3", "bucket": s.Bucket, "region": s3test.Region, "endpoint": s.URL,
		"aws_access_key_id": s3test.AccessKeyID, "aws_secret_access_key": s3test.SecretAccessKey}
}

// storageAtNewServer points tenant A's storage (as its owner) at a test
// S3 server of its own, started for the case (in process, stopped when
// the matrix ends), so that a read finds a configuration and a test
// reaches a store.
func (m *matrix) storageAtNewServer(t *testing.T) *s3test.Server {
	t.Helper()
	s := s3test.Start(t, "iso-audit-logs")
	m.h.put(t, "/api/v1/storage", m.a.owner, storageBody(s)).expect(http.StatusOK)
	return s
}

// withStorage sends body once A's storage is configured.
func withStorage(body any) callFunc {
	return func(t *testing.T, m *matrix, _ *caller, _ target, _ want) call {
		m.storageAtNewServer(t)
		return call{body: body}
	}
}

// storageEntries cover the tenant's storage configuration. The routes name
// no tenant: they act on the credentials' tenant, so only own is aimed at
// (another tenant's configuration is unreachable by construction). Owner
// and tenant_admin only, never an API key.
func storageEntries() map[string]entry {
	const path = "/api/v1/storage"
	return map[string]entry{
		"GET " + path: {want: inTenant(""), call: withStorage(nil),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
				o := r.obj()
				if o.str("provider") != "S3" || !o.boolean("credentials_set") || o.has("aws_secret_access_key") || o.has("aws_access_key_id") {
					t.Errorf("storage: %s", r.body)
				}
			}},
		"PUT " + path: {want: inTenant(""),
			call: func(t *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				return call{body: storageBody(s3test.Start(t, "iso-audit-logs"))}
			}},
		"DELETE " + path:         {want: inTenant(""), call: withStorage(nil)},
		"POST " + path + "/test": {want: inTenant(""), call: withStorage(nil)},
	}
}
