package storetest

import (
	"encoding/json"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/store"
)

// jobCases cover the job queue: enqueue with payload and dedupe key, due
// jobs, claims with leases, results, retries and giving up, re-queueing,
// listing, and concurrent claimers.
func jobCases() map[string]Case {
	return map[string]Case{
		"JobPayloadRoundTrip": testJobPayloadRoundTrip,
		"JobDedupeKey":        testJobDedupeKey,
		"JobHasten":           testJobHasten,
		"JobClaimLease":       testJobClaimLease,
		"JobLeaseLost":        testJobLeaseLost,
		"JobRetryAndGiveUp":   testJobRetryAndGiveUp,
		"JobClaimRace":        testJobClaimRace,
		"JobList":             testJobList,
		"JobSystemOnly":       testJobSystemOnly,
	}
}

const kindTest = "test.job"

func newJob(t *testing.T, kind, tenantID string, payload any, at time.Time) *job.Job {
	t.Helper()
	j, err := job.New(kind, tenantID, payload, at, at)
	must(t, err)
	return j
}

// enqueueJob writes j in a tenant transaction when it names a tenant, and
// reports whether it was written.
func enqueueJob(t *testing.T, db *store.DB, j *job.Job) bool {
	t.Helper()
	var ok bool
	run := func(tx *store.Tx) (err error) { ok, err = tx.EnqueueJob(ctx, j); return }
	if j.TenantID != "" {
		must(t, db.InTenant(ctx, j.TenantID, run))
	} else {
		must(t, db.InSystem(ctx, run))
	}
	return ok
}

func getJob(t *testing.T, db *store.DB, id string) *job.Job {
	t.Helper()
	var j *job.Job
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { j, err = tx.GetJob(ctx, id); return }))
	return j
}

func dueJobs(t *testing.T, db *store.DB, at time.Time, kinds ...string) []string {
	t.Helper()
	if len(kinds) == 0 {
		kinds = []string{kindTest}
	}
	var ids []string
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { ids, err = tx.DueJobs(ctx, at, kinds, 100); return }))
	return ids
}

// claimJob claims id and returns it, or nil with the Conflict of a job not due.
func claimJob(t *testing.T, db *store.DB, id string, at, until time.Time) *job.Job {
	t.Helper()
	var j *job.Job
	err := db.InSystem(ctx, func(tx *store.Tx) (err error) { j, err = tx.ClaimJob(ctx, id, at, until); return })
	if errs.Is(err, errs.Conflict) && errs.CodeOf(err) == "job_not_due" {
		return nil
	}
	must(t, err)
	return j
}

func testJobPayloadRoundTrip(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "jobrt")
	payload := map[string]any{"tenant": x.ID, "name": "Café «Zeta» 東京", "amount": 125000.0,
		"nested": map[string]any{"ok": true, "list": []any{"a", 1.0, nil}}}
	j := newJob(t, kindTest, x.ID, payload, now)
	j.Key, j.MaxAttempts = "period-1", 3
	if !enqueueJob(t, db, j) { // inside the tenant's transaction
		t.Fatal("not written")
	}
	got := getJob(t, db, j.ID)
	if got.ID != j.ID || got.TenantID != x.ID || got.Kind != kindTest || got.Key != "period-1" || got.MaxAttempts != 3 ||
		!got.RunAt.Equal(now) || !got.CreatedAt.Equal(now) {
		t.Fatalf("round trip: got %+v, want %+v", got, j)
	}
	if got.Status() != job.StatusPending || got.Attempts != 0 || got.LastError != "" || got.Result != "" ||
		got.DoneAt != nil || got.FailedAt != nil {
		t.Fatalf("fresh job state: %+v", got)
	}
	var back map[string]any
	must(t, got.Decode(&back))
	if !reflect.DeepEqual(back, payload) { // jsonb may reorder keys: compare values
		t.Fatalf("payload: got %s, want %v", got.Payload, payload)
	}
	empty := &job.Job{ID: j.ID + "e", Kind: kindTest, RunAt: now, CreatedAt: now} // no payload, default attempts
	enqueueJob(t, db, empty)
	got = getJob(t, db, empty.ID)
	if !json.Valid(got.Payload) || string(got.Payload) != "{}" || got.MaxAttempts != job.DefaultMaxAttempts {
		t.Fatalf("empty payload %q, max attempts %d", got.Payload, got.MaxAttempts)
	}
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetJob(ctx, "job_missing"); return err })
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "job_not_found" {
		t.Fatalf("get missing: %v", err)
	}
}

func testJobDedupeKey(t *testing.T, db *store.DB) {
	first := newJob(t, kindTest, "", nil, now)
	first.Key = "sub_1:2026-12"
	if !enqueueJob(t, db, first) {
		t.Fatal("first not written")
	}
	again := newJob(t, kindTest, "", nil, now)
	again.Key = first.Key
	if enqueueJob(t, db, again) {
		t.Fatal("a second pending job with the same kind and key was written")
	}
	other := newJob(t, "test.other", "", nil, now)
	other.Key = first.Key
	if !enqueueJob(t, db, other) {
		t.Fatal("the same key of another kind was refused")
	}
	// Once the first is done, the key is free again.
	j := claimJob(t, db, first.ID, now, now.Add(time.Minute))
	done := now.Add(time.Second)
	j.DoneAt, j.Attempts, j.Result = &done, 1, "ok"
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.MarkJobDone(ctx, j) }))
	if !enqueueJob(t, db, again) {
		t.Fatal("the key stayed taken after its job was done")
	}
	// A failed job cannot be re-queued while a pending job holds its key.
	failing := newJob(t, "test.other", "", nil, now)
	failing.Key = "k2"
	enqueueJob(t, db, failing)
	lease := now.Add(time.Minute)
	f := claimJob(t, db, failing.ID, now, lease)
	f.Attempts, f.LastError, f.FailedAt = 1, "refused", &now
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleJob(ctx, f, lease) }))
	holder := newJob(t, "test.other", "", nil, now)
	holder.Key = "k2"
	if !enqueueJob(t, db, holder) {
		t.Fatal("a failed job kept its key")
	}
	err := db.InSystem(ctx, func(tx *store.Tx) error { _, err := tx.RetryJob(ctx, failing.ID, now); return err })
	if !errs.Is(err, errs.Conflict) || errs.CodeOf(err) != "job_duplicate" {
		t.Fatalf("retry over a pending key: %v", err)
	}
}

func testJobClaimLease(t *testing.T, db *store.DB) {
	first := newJob(t, kindTest, "", nil, now)
	later := newJob(t, kindTest, "", nil, now.Add(time.Hour))
	other := newJob(t, "test.other", "", nil, now)
	for _, j := range []*job.Job{first, later, other} {
		enqueueJob(t, db, j)
	}
	if ids := dueJobs(t, db, now); len(ids) != 1 || ids[0] != first.ID {
		t.Fatalf("due at now: %v, want only %s", ids, first.ID)
	}
	if ids := dueJobs(t, db, now, kindTest, "test.other"); len(ids) != 2 {
		t.Fatalf("due of both kinds: %v", ids)
	}
	var kinds []string
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { kinds, err = tx.DueJobKinds(ctx, now); return }))
	if !reflect.DeepEqual(kinds, []string{"test.job", "test.other"}) {
		t.Fatalf("due kinds: %v", kinds)
	}
	if claimJob(t, db, later.ID, now, now.Add(time.Minute)) != nil {
		t.Fatal("claimed a job before it was due")
	}
	lease := now.Add(2 * time.Minute)
	got := claimJob(t, db, first.ID, now, lease)
	if got == nil || got.ID != first.ID || got.Kind != kindTest {
		t.Fatalf("claim: %+v", got)
	}
	if ids := dueJobs(t, db, now.Add(time.Second)); len(ids) != 0 {
		t.Fatalf("leased job still due: %v", ids)
	}
	if claimJob(t, db, first.ID, now.Add(time.Second), lease.Add(time.Second)) != nil {
		t.Fatal("a leased job was claimed twice")
	}
	// After the lease expires (the worker crashed), the job is due again.
	expired := lease.Add(time.Second)
	if ids := dueJobs(t, db, expired); len(ids) != 1 || ids[0] != first.ID {
		t.Fatalf("due after the lease: %v", ids)
	}
	doneAt := now.Add(2 * time.Second)
	got.DoneAt, got.Result, got.Attempts = &doneAt, "delivered", 1
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.MarkJobDone(ctx, got) }))
	stored := getJob(t, db, first.ID)
	if stored.Status() != job.StatusDone || !stored.DoneAt.Equal(doneAt) || stored.Result != "delivered" || stored.Attempts != 1 {
		t.Fatalf("after done: %+v", stored)
	}
	if ids := dueJobs(t, db, later.RunAt); len(ids) != 1 || ids[0] != later.ID {
		t.Fatalf("a done job is still due: %v", ids)
	}
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.MarkJobDone(ctx, got) })
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "job_not_pending" {
		t.Fatalf("marking twice: %v", err)
	}
}

// A worker whose lease expired while it ran cannot record a failure over the
// worker that claimed the job after it; a success it still records.
func testJobLeaseLost(t *testing.T, db *store.DB) {
	j := newJob(t, kindTest, "", nil, now)
	enqueueJob(t, db, j)
	leaseA := now.Add(time.Minute)
	a := claimJob(t, db, j.ID, now, leaseA)
	later := leaseA.Add(time.Second)
	leaseB := later.Add(time.Minute)
	b := claimJob(t, db, j.ID, later, leaseB)
	if a == nil || b == nil {
		t.Fatal("the expired lease was not claimable")
	}
	a.Attempts, a.LastError, a.RunAt = 1, "timeout", later.Add(time.Minute)
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleJob(ctx, a, leaseA) })
	if !errs.Is(err, errs.Conflict) || errs.CodeOf(err) != "job_lease_lost" {
		t.Fatalf("reschedule after the lease was lost: %v", err)
	}
	if got := getJob(t, db, j.ID); got.Attempts != 0 || got.LastError != "" {
		t.Fatalf("a lost lease wrote: %+v", got)
	}
	doneAt := later.Add(time.Second)
	b.DoneAt, b.Result, b.Attempts = &doneAt, "ok", 1
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.MarkJobDone(ctx, b) }))
	a.DoneAt, a.Result = &doneAt, "late"
	err = db.InSystem(ctx, func(tx *store.Tx) error { return tx.MarkJobDone(ctx, a) })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("second success: %v", err)
	}
	if got := getJob(t, db, j.ID); got.Result != "ok" {
		t.Fatalf("the first success was overwritten: %+v", got)
	}
}

func testJobRetryAndGiveUp(t *testing.T, db *store.DB) {
	j := newJob(t, kindTest, "", map[string]string{"n": "1"}, now)
	enqueueJob(t, db, j)
	lease := now.Add(time.Minute)
	got := claimJob(t, db, j.ID, now, lease)
	got.Attempts, got.LastError, got.RunAt = 1, "503 unavailable", now.Add(job.Backoff(1))
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleJob(ctx, got, lease.Add(time.Second)) })
	if !errs.Is(err, errs.Conflict) {
		t.Fatalf("reschedule with another lease: %v", err)
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleJob(ctx, got, lease) }))
	stored := getJob(t, db, j.ID)
	if stored.Status() != job.StatusPending || stored.Attempts != 1 || stored.LastError != "503 unavailable" ||
		!stored.RunAt.Equal(now.Add(30*time.Second)) {
		t.Fatalf("after retry: %+v", stored)
	}
	if ids := dueJobs(t, db, now.Add(29*time.Second)); len(ids) != 0 {
		t.Fatalf("due before its backoff: %v", ids)
	}
	at := now.Add(30 * time.Second)
	lease = at.Add(time.Minute)
	got = claimJob(t, db, j.ID, at, lease)
	if got == nil || got.Attempts != 1 || got.LastError != "503 unavailable" {
		t.Fatalf("claimed state: %+v", got)
	}
	gaveUp := at.Add(time.Second)
	got.Attempts, got.LastError, got.RunAt, got.FailedAt = 2, "400 refused", gaveUp, &gaveUp
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleJob(ctx, got, lease) }))
	stored = getJob(t, db, j.ID)
	if stored.Status() != job.StatusFailed || !stored.FailedAt.Equal(gaveUp) || stored.Attempts != 2 ||
		stored.LastError != "400 refused" {
		t.Fatalf("after giving up: %+v", stored)
	}
	if ids := dueJobs(t, db, now.Add(48*time.Hour)); len(ids) != 0 {
		t.Fatalf("a failed job is still due: %v", ids)
	}
	// Re-queued by an operator: due at once with a fresh count of attempts.
	retryAt := now.Add(time.Hour)
	var back *job.Job
	must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) { back, err = tx.RetryJob(ctx, j.ID, retryAt); return }))
	if back.Status() != job.StatusPending || back.Attempts != 0 || !back.RunAt.Equal(retryAt) || back.LastError != "400 refused" {
		t.Fatalf("after retry: %+v", back)
	}
	if ids := dueJobs(t, db, retryAt); len(ids) != 1 {
		t.Fatalf("a re-queued job is not due: %v", ids)
	}
	err = db.InSystem(ctx, func(tx *store.Tx) error { _, err := tx.RetryJob(ctx, j.ID, retryAt); return err })
	if !errs.Is(err, errs.Conflict) || errs.CodeOf(err) != "job_not_failed" {
		t.Fatalf("retry of a pending job: %v", err)
	}
	err = db.InSystem(ctx, func(tx *store.Tx) error { _, err := tx.RetryJob(ctx, "job_missing", retryAt); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("retry of a missing job: %v", err)
	}
}

// Workers racing for the same jobs (on PostgreSQL, concurrent transactions)
// each get a disjoint share: every job is claimed exactly once.
func testJobClaimRace(t *testing.T, db *store.DB) {
	var ids []string
	for range 6 {
		j := newJob(t, kindTest, "", nil, now)
		enqueueJob(t, db, j)
		ids = append(ids, j.ID)
	}
	const workers = 6
	var mu sync.Mutex
	claimed := map[string]int{}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			until := now.Add(time.Minute + time.Duration(w)*time.Millisecond)
			for _, id := range ids {
				var got *job.Job
				err := db.InSystem(ctx, func(tx *store.Tx) (err error) { got, err = tx.ClaimJob(ctx, id, now, until); return })
				if errs.CodeOf(err) == "job_not_due" {
					continue
				}
				if err != nil {
					t.Errorf("worker %d: %v", w, err)
					return
				}
				mu.Lock()
				claimed[got.ID]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if claimed[id] != 1 {
			t.Errorf("job %s claimed %d times, want exactly 1", id, claimed[id])
		}
	}
}

func testJobList(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "joblist")
	a := newJob(t, kindTest, x.ID, nil, now)
	b := newJob(t, "test.other", "", nil, now.Add(time.Minute))
	c := newJob(t, kindTest, "", nil, now.Add(2*time.Minute))
	for _, j := range []*job.Job{a, b, c} {
		enqueueJob(t, db, j)
	}
	lease := now.Add(10 * time.Minute)
	gc := claimJob(t, db, c.ID, now.Add(3*time.Minute), lease)
	gc.DoneAt, gc.Attempts = &lease, 1
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.MarkJobDone(ctx, gc) }))
	gb := claimJob(t, db, b.ID, now.Add(3*time.Minute), lease)
	gb.Attempts, gb.FailedAt = 1, &lease
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleJob(ctx, gb, lease) }))
	for _, tc := range []struct {
		f    store.JobFilter
		want []*job.Job
	}{
		{store.JobFilter{}, []*job.Job{c, b, a}},
		{store.JobFilter{Limit: 2}, []*job.Job{c, b}},
		{store.JobFilter{Kind: kindTest}, []*job.Job{c, a}},
		{store.JobFilter{Status: job.StatusPending}, []*job.Job{a}},
		{store.JobFilter{Status: job.StatusDone}, []*job.Job{c}},
		{store.JobFilter{Status: job.StatusFailed}, []*job.Job{b}},
		{store.JobFilter{TenantID: x.ID}, []*job.Job{a}},
		{store.JobFilter{Kind: "test.other", Status: job.StatusPending}, nil},
	} {
		var got []*job.Job
		must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { got, err = tx.ListJobs(ctx, tc.f); return }))
		var gotIDs, wantIDs []string
		for _, j := range got {
			gotIDs = append(gotIDs, j.ID)
		}
		for _, j := range tc.want {
			wantIDs = append(wantIDs, j.ID)
		}
		if !reflect.DeepEqual(gotIDs, wantIDs) {
			t.Errorf("ListJobs(%+v) = %v, want %v", tc.f, gotIDs, wantIDs)
		}
	}
	err := db.ReadSystem(ctx, func(tx *store.Tx) error {
		_, err := tx.ListJobs(ctx, store.JobFilter{Status: "stuck"})
		return err
	})
	if !errs.Is(err, errs.Invalid) {
		t.Fatalf("unknown status: %v", err)
	}
}

func testJobSystemOnly(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "jobsys")
	j := newJob(t, kindTest, x.ID, nil, now)
	enqueueJob(t, db, j) // a tenant transaction may enqueue …
	// … but never read or run the platform's queue.
	for name, fn := range map[string]func(*store.Tx) error{
		"DueJobs":     func(tx *store.Tx) error { _, err := tx.DueJobs(ctx, now, []string{kindTest}, 10); return err },
		"DueJobKinds": func(tx *store.Tx) error { _, err := tx.DueJobKinds(ctx, now); return err },
		"ClaimJob":    func(tx *store.Tx) error { _, err := tx.ClaimJob(ctx, j.ID, now, now.Add(time.Minute)); return err },
		"MarkJobDone": func(tx *store.Tx) error { return tx.MarkJobDone(ctx, &job.Job{ID: j.ID, DoneAt: &now}) },
		"RescheduleJob": func(tx *store.Tx) error {
			return tx.RescheduleJob(ctx, &job.Job{ID: j.ID, RunAt: now}, now)
		},
		"RetryJob": func(tx *store.Tx) error { _, err := tx.RetryJob(ctx, j.ID, now); return err },
		"GetJob":   func(tx *store.Tx) error { _, err := tx.GetJob(ctx, j.ID); return err },
		"ListJobs": func(tx *store.Tx) error { _, err := tx.ListJobs(ctx, store.JobFilter{}); return err },
	} {
		if err := db.InTenant(ctx, x.ID, fn); err == nil {
			t.Errorf("%s in a tenant transaction succeeded", name)
		}
	}
	if got := getJob(t, db, j.ID); got.Status() != job.StatusPending || got.Attempts != 0 {
		t.Fatalf("a tenant transaction changed the job: %+v", got)
	}
}

// testJobHasten: a pending job waiting out a backoff is made due now; one
// already due, leased or ended is left alone.
func testJobHasten(t *testing.T, db *store.DB) {
	later := now.Add(time.Hour)
	j := newJob(t, kindTest, "", map[string]int{"n": 1}, later)
	j.Key = "hasten"
	enqueueJob(t, db, j)
	hasten := func(key string, at time.Time) bool {
		var moved bool
		must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) { moved, err = tx.HastenJob(ctx, kindTest, key, at); return }))
		return moved
	}
	if len(dueJobs(t, db, now)) != 0 {
		t.Fatal("the job is due before its time")
	}
	if !hasten("hasten", now) || hasten("hasten", now) || hasten("other", now) {
		t.Fatal("HastenJob moved the wrong number of jobs")
	}
	if ids := dueJobs(t, db, now); len(ids) != 1 || ids[0] != j.ID {
		t.Fatalf("due after hastening: %v", ids)
	}
	if claimJob(t, db, j.ID, now, now.Add(time.Minute)) == nil {
		t.Fatal("claim")
	}
	if hasten("hasten", now.Add(-time.Hour)) {
		t.Error("a leased job was moved")
	}
}
