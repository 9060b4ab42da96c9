package test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/azuritetest"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/s3test"
	"github.com/tenantry/tenantry/internal/storage"
)

// shipTarget is one storage server of a shipping test: how the tenant
// configures it, and the test's own view of it.
type shipTarget struct {
	body    map[string]any
	cfg     storage.Config
	objects func() []string
	stop    func()
	restart func()
}

// TestAuditShippedToS3 and TestAuditShippedToAzure: a tenant with storage
// finds each sealed batch in its bucket as one gzip NDJSON object that
// verifies offline; while the store is down shipping fails and says so,
// and once it is back the batches missed arrive, none twice; a shipping
// state lost after an upload (a crash between the upload and its record)
// ships nothing again under a name taken.
func TestAuditShippedToS3(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		s3 := s3test.Start(t, "acme-corp-audit-logs")
		shipJourney(t, h, shipTarget{
			body: storageBody(s3),
			cfg: storage.Config{Provider: storage.S3, Bucket: s3.Bucket, Region: s3test.Region, Endpoint: s3.URL,
				AccessKeyID: s3test.AccessKeyID, SecretAccessKey: s3test.SecretAccessKey, AllowHTTP: true},
			objects: func() []string { return s3.Objects(t, s3.Bucket) },
			stop:    s3.Stop,
			restart: func() { s3.Restart(t) },
		})
	})
}

func TestAuditShippedToAzure(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		az := azuritetest.StartPersistent(t)
		az.CreateContainer(t, "acme-audit-logs")
		shipJourney(t, h, shipTarget{
			body: azuriteBody(az, "acme-audit-logs", azuritetest.Key),
			cfg: storage.Config{Provider: storage.Azure, Container: "acme-audit-logs",
				ConnectionString: azuritetest.ConnectionString(az.URL, azuritetest.Key), AllowHTTP: true},
			objects: func() []string { return az.Blobs(t, "acme-audit-logs") },
			stop:    az.Stop,
			restart: func() { az.Restart(t) },
		})
	})
}

func shipJourney(t *testing.T, h *harness, st shipTarget) {
	ctx := context.Background()
	h.srv.Jobs.Stop() // the test drives the queue
	runJobs := func() {
		t.Helper()
		if _, err := h.srv.Jobs.RunDue(ctx, h.srv.App.DB()); err != nil {
			t.Fatal(err)
		}
	}
	tm := h.newTeam(t, "Shipping Spa")
	h.put(t, storagePath, tm.owner, st.body).expect(http.StatusOK)
	for i := range 3 {
		h.change(t, tm.owner, i)
	}
	h.seal(t)
	runJobs()
	objs := st.objects()
	if len(objs) != 1 || !strings.HasPrefix(objs[0], "audit/") || !strings.HasSuffix(objs[0], "/00000001.ndjson.gz") {
		t.Fatalf("want the first batch in the bucket, have %v", objs)
	}
	r := verifyObject(t, st.cfg, objs[0])
	if !r.OK || r.Events < 4 || r.Batches != 1 {
		t.Fatalf("the shipped batch should verify offline with its events: %+v", r)
	}
	if o := h.get(t, storagePath, tm.owner).expect(http.StatusOK).obj(); o.str("last_shipped_at") == "" || lastError(o) != "" {
		t.Fatalf("want the shipping state shown: %s", o)
	}

	// The store goes down: the next batch fails, and says so.
	st.stop()
	h.change(t, tm.owner, 5)
	h.seal(t)
	runJobs()
	if o := h.get(t, storagePath, tm.owner).expect(http.StatusOK).obj(); lastError(o) == "" {
		t.Fatalf("want the shipping failure shown: %s", o)
	}
	// Back: the retry ships what was missed.
	st.restart()
	h.clock.advance(job.Backoff(1) + time.Minute)
	runJobs()
	objs = st.objects()
	if len(objs) != 2 || !strings.HasSuffix(objs[1], "/00000002.ndjson.gz") {
		t.Fatalf("want both batches once each after the outage, have %v", objs)
	}
	if o := h.get(t, storagePath, tm.owner).expect(http.StatusOK).obj(); lastError(o) != "" {
		t.Fatalf("the error should clear once shipped: %s", o)
	}

	// The shipping state lost (as after a crash between an upload and its
	// record): shipping again finds the names taken and writes nothing.
	db := h.rawDB(t)
	if _, err := db.Exec(fmt.Sprintf(`UPDATE storage_configs SET shipped_through_batch = 0 WHERE tenant_id = '%s'`, tm.tenantID)); err != nil {
		t.Fatal(err)
	}
	h.put(t, storagePath, tm.owner, st.body).expect(http.StatusOK) // queues shipping again
	runJobs()
	if again := st.objects(); !slices.Equal(again, objs) {
		t.Fatalf("objects after shipping again: %v, want %v", again, objs)
	}
	if r := verifyObject(t, st.cfg, objs[1]); !r.OK {
		t.Fatalf("the second batch should verify: %+v", r)
	}
}

// verifyObject reads a shipped object with the test's own client and
// verifies it offline.
func verifyObject(t *testing.T, cfg storage.Config, name string) audit.Report {
	t.Helper()
	c, err := storage.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := c.Get(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	raw, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s is not gzip: %v", name, err)
	}
	r, err := audit.VerifyFile(zr)
	if err != nil {
		t.Fatalf("verify %s: %v", name, err)
	}
	return r
}

// lastError is the storage answer's last_error, "" when null.
func lastError(o obj) string {
	v, _ := o.field("last_error")
	s, _ := v.(string)
	return s
}
