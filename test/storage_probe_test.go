package test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/azuritetest"
	"github.com/tenantry/tenantry/internal/s3test"
)

// TestStorageProbeS3: POST /storage/test writes, reads back and deletes a
// probe object in the test S3 server's bucket (none is left); an unknown
// bucket answers 422 storage_test_failed with S3's own error and no
// secret, and an unreachable endpoint the same, never a 5xx.
func TestStorageProbeS3(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Storage Probe S3 Spa")
		s3 := s3test.Start(t, "acme-corp-audit-logs")
		h.put(t, storagePath, tm.owner, storageBody(s3)).expect(http.StatusOK)
		r := h.post(t, storagePath+"/test", tm.owner, nil).expect(http.StatusOK)
		if o := r.obj(); !o.boolean("ok") || len(o.m) != 1 {
			t.Errorf("test answer: %s", r.body)
		}
		if objs := s3.Objects(t, s3.Bucket); len(objs) != 0 {
			t.Errorf("the probe left objects behind: %v", objs)
		}

		body := storageBody(s3)
		body["bucket"] = "no-such-bucket"
		h.put(t, storagePath, tm.owner, body).expect(http.StatusOK)
		p := h.post(t, storagePath+"/test", tm.owner, nil).problem(http.StatusUnprocessableEntity, "storage_test_failed")
		if d := p.str("detail"); !strings.Contains(d, "NoSuchBucket") || !strings.Contains(d, "does not exist") {
			t.Errorf("detail does not carry S3's error: %s", d)
		}
		noLeak(t, p.String(), s3test.AccessKeyID, s3test.SecretAccessKey)

		s3.Stop()
		h.put(t, storagePath, tm.owner, storageBody(s3)).expect(http.StatusOK)
		p = h.post(t, storagePath+"/test", tm.owner, nil).problem(http.StatusUnprocessableEntity, "storage_test_failed")
		if d := p.str("detail"); !strings.Contains(d, "connection refused") {
			t.Errorf("detail of an unreachable store: %s", d)
		}
		s3.Restart(t)
		h.post(t, storagePath+"/test", tm.owner, nil).expect(http.StatusOK)
	})
}

// TestStorageProbeAzure: the same against Microsoft's Azurite: the probe
// succeeds in an existing container and leaves nothing; a wrong account
// key and an unknown container answer 422 storage_test_failed with
// Azure's own error code and message and no secret.
func TestStorageProbeAzure(t *testing.T) {
	t.Parallel()
	az := azuritetest.Start(t)
	az.CreateContainer(t, "acme-audit-logs")
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Storage Probe Azure Spa")
		h.put(t, storagePath, tm.owner, azuriteBody(az, "acme-audit-logs", azuritetest.Key)).expect(http.StatusOK)
		h.post(t, storagePath+"/test", tm.owner, nil).expect(http.StatusOK)
		if blobs := az.Blobs(t, "acme-audit-logs"); len(blobs) != 0 {
			t.Errorf("the probe left blobs behind: %v", blobs)
		}
		for _, c := range []struct {
			name, container, key, want string
		}{
			{"wrong key", "acme-audit-logs", seedAccountKey, "403 AuthorizationFailure"},
			{"unknown container", "no-such-container", azuritetest.Key, "404 ContainerNotFound"},
		} {
			h.put(t, storagePath, tm.owner, azuriteBody(az, c.container, c.key)).expect(http.StatusOK)
			p := h.post(t, storagePath+"/test", tm.owner, nil).problem(http.StatusUnprocessableEntity, "storage_test_failed")
			if d := p.str("detail"); !strings.Contains(d, c.want) {
				t.Errorf("%s: detail %q does not say %q", c.name, d, c.want)
			}
			noLeak(t, p.String(), azuritetest.Key, seedAccountKey, "AccountKey=")
		}
		noLeak(t, h.log.String(), azuritetest.Key, seedAccountKey)
	})
}
