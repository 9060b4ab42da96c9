package test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestStorageConfig: the trueport seed's S3 and Azure configurations are
// stored and read back without a credential, replaced, and removed; a
// staff member and an API key may neither read nor change them; every
// change is audited without a secret, and no secret appears in any
// answer, in the log (every level) or in any column in plain text.
func TestStorageConfig(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{debugLog: true}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Storage Config Spa")
		var bodies []string
		do := func(r *response) *response {
			bodies = append(bodies, fmt.Sprintf("%s %s → %d %s %v", r.method, r.path, r.status, r.body, r.header))
			return r
		}
		do(h.get(t, storagePath, tm.owner)).problem(http.StatusNotFound, "storage_not_configured")
		do(h.post(t, storagePath+"/test", tm.owner, nil)).problem(http.StatusNotFound, "storage_not_configured")
		do(h.del(t, storagePath, tm.owner)).problem(http.StatusNotFound, "storage_not_configured")

		put := do(h.put(t, storagePath, tm.owner, seedS3())).expect(http.StatusOK).obj()
		storageShape(t, put)
		put.eq("provider", "S3")
		put.eq("bucket", "acme-corp-audit-logs")
		put.eq("region", "us-east-1")
		put.null("last_shipped_at")
		put.null("last_error")
		got := do(h.get(t, storagePath, tm.owner)).expect(http.StatusOK).obj()
		storageShape(t, got)
		if got.String() != put.String() {
			t.Errorf("GET %s, PUT answered %s", got, put)
		}

		az := do(h.put(t, storagePath, tm.owner, seedAzure())).expect(http.StatusOK).obj()
		storageShape(t, az)
		az.eq("container_name", "acme-audit-logs")
		storageShape(t, do(h.get(t, storagePath, tm.owner)).expect(http.StatusOK).obj())

		_, admin := h.teammate(t, tm, "admin@storage-config.example.com", "tenant_admin")
		_, staff := h.teammate(t, tm, "staff@storage-config.example.com", "staff")
		do(h.get(t, storagePath, admin)).expect(http.StatusOK)
		do(h.get(t, storagePath, staff)).problem(http.StatusForbidden, "forbidden")
		do(h.put(t, storagePath, staff, seedS3())).problem(http.StatusForbidden, "forbidden")
		do(h.del(t, storagePath, staff)).problem(http.StatusForbidden, "forbidden")
		do(h.post(t, storagePath+"/test", staff, nil)).problem(http.StatusForbidden, "forbidden")
		key := h.createKey(t, tm.owner, "storage-key", "prod").str("key")
		do(h.withKey(t, http.MethodGet, storagePath, key, nil)).problem(http.StatusForbidden, "insufficient_scope")
		do(h.withKey(t, http.MethodPut, storagePath, key, seedS3())).problem(http.StatusForbidden, "insufficient_scope")
		// A platform admin's own token names no tenant.
		do(h.get(t, storagePath, h.admin(t))).problem(http.StatusUnprocessableEntity, "scoped_token_required")

		do(h.put(t, storagePath, admin, seedS3())).expect(http.StatusOK)
		do(h.del(t, storagePath, tm.owner)).expect(http.StatusNoContent)
		do(h.get(t, storagePath, tm.owner)).problem(http.StatusNotFound, "storage_not_configured")
		do(h.del(t, storagePath, tm.owner)).problem(http.StatusNotFound, "storage_not_configured")
		do(h.put(t, storagePath, tm.owner, seedAzure())).expect(http.StatusOK)

		audit := do(h.get(t, "/api/v1/audit-logs?limit=500", tm.owner)).expect(http.StatusOK)
		var actions []string
		for _, e := range audit.list() {
			if a := e.str("action"); strings.HasPrefix(a, "storage.") {
				actions = append(actions, a+":"+e.sub("details").str("provider"))
				e.eq("resource_type", "storage_config")
			}
		}
		slices.Sort(actions) // the test clock stands still: events share their time
		want := "storage.delete:S3 storage.update:AZURE storage.update:AZURE storage.update:S3 storage.update:S3"
		if strings.Join(actions, " ") != want {
			t.Errorf("storage audit events %v, want %s", actions, want)
		}

		secrets := []string{seedAccessKeyID, seedSecretAccessKey, seedAccountKey, "AccountKey="}
		for _, b := range bodies {
			noLeak(t, b, secrets...)
		}
		noLeak(t, h.log.String(), secrets...)
		sealed := 0
		for _, cell := range everyCell(t, h.engine, h.rawDB(t)) {
			noLeak(t, cell, secrets...)
			if strings.HasPrefix(cell, "storage_configs.secret_sealed=v") {
				sealed++
			}
		}
		if sealed != 1 {
			t.Errorf("%d sealed storage secrets in the database, want 1", sealed)
		}
	})
}

// TestStorageValidation: bucket names by S3's rules, container names by
// Azure's, endpoints https (http only on loopback, which the test server
// allows), a field of the other provider, missing credentials: each is a
// 422 naming the field with a stable code, and no message repeats a
// secret.
func TestStorageValidation(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Storage Rules Spa")
		with := func(base map[string]any, kv ...any) map[string]any {
			out := map[string]any{}
			for k, v := range base {
				out[k] = v
			}
			for i := 0; i < len(kv); i += 2 {
				if kv[i+1] == nil {
					delete(out, kv[i].(string))
				} else {
					out[kv[i].(string)] = kv[i+1]
				}
			}
			return out
		}
		remote := strings.Replace(seedConnection, "https", "http", 1)
		for _, c := range []struct {
			name  string
			body  map[string]any
			field string
			code  string
		}{
			{"no provider", with(seedS3(), "provider", nil), "provider", "invalid_provider"},
			{"unknown provider", with(seedS3(), "provider", "GCS"), "provider", "invalid_provider"},
			{"bucket upper case and underscore", with(seedS3(), "bucket", "Acme_Logs"), "bucket", "invalid_bucket_name"},
			{"bucket is an IP address", with(seedS3(), "bucket", "192.168.1.20"), "bucket", "invalid_bucket_name"},
			{"bucket adjacent dots", with(seedS3(), "bucket", "acme..logs"), "bucket", "invalid_bucket_name"},
			{"bucket too short", with(seedS3(), "bucket", "ab"), "bucket", "invalid_bucket_name"},
			{"no region", with(seedS3(), "region", nil), "region", "required"},
			{"endpoint not http(s)", with(seedS3(), "endpoint", "ftp://files.example.com"), "endpoint", "invalid_endpoint"},
			{"endpoint with a path", with(seedS3(), "endpoint", "https://s3.example.com/acme"), "endpoint", "invalid_endpoint"},
			{"endpoint plain http", with(seedS3(), "endpoint", "http://s3.example.com"), "endpoint", "endpoint_not_https"},
			{"endpoint plain http on a private address", with(seedS3(), "endpoint", "http://10.0.0.7:9000"), "endpoint", "endpoint_not_https"},
			{"no secret key", with(seedS3(), "aws_secret_access_key", nil), "aws_secret_access_key", "required"},
			{"an Azure field on S3", with(seedS3(), "container_name", "acme-audit-logs"), "container_name", "not_for_provider"},
			{"container double hyphen", with(seedAzure(), "container_name", "acme--logs"), "container_name", "invalid_container_name"},
			{"container upper case", with(seedAzure(), "container_name", "AcmeLogs"), "container_name", "invalid_container_name"},
			{"no connection string", with(seedAzure(), "azure_connection_string", nil), "azure_connection_string", "required"},
			{"connection string without a key", with(seedAzure(), "azure_connection_string", "AccountName=acmecorp"),
				"azure_connection_string", "invalid_connection_string"},
			{"connection string over plain http", with(seedAzure(), "azure_connection_string", remote), "azure_connection_string", "endpoint_not_https"},
			{"an S3 field on Azure", with(seedAzure(), "aws_secret_access_key", seedSecretAccessKey), "aws_secret_access_key", "not_for_provider"},
		} {
			t.Run(c.name, func(t *testing.T) {
				r := h.put(t, storagePath, tm.owner, c.body)
				p := r.problem(http.StatusUnprocessableEntity, "validation_failed")
				if got := p.fieldErrors()[c.field]; got != c.code {
					t.Errorf("field %s: code %q, want %q: %s", c.field, got, c.code, r.body)
				}
				noLeak(t, string(r.body), seedSecretAccessKey, seedAccountKey)
			})
		}
		h.get(t, storagePath, tm.owner).problem(http.StatusNotFound, "storage_not_configured")
		// The rules' edges that pass: dots in a bucket name, an
		// S3-compatible endpoint without a region.
		h.put(t, storagePath, tm.owner, with(seedS3(), "bucket", "logs.acme-corp.example", "region", nil,
			"endpoint", "https://s3.storage.example.com")).expect(http.StatusOK)
	})
}
