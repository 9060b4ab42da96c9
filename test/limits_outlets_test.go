package test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// TestFreePlanSecondOutletRefused is the first step of issue 8's "Done
// when": a FREE tenant's second outlet is refused with the meter named,
// its limit and usage, the current plan and the plan that would allow it;
// on basic the same creation succeeds, and a deleted outlet frees its place.
func TestFreePlanSecondOutletRefused(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Single Spa")
		first := h.createOutlet(t, tm.owner, "Main", "Manila")
		r := h.post(t, "/api/v1/outlets", tm.owner, outletBody("Second", "Cebu"))
		limitRefusal(t, r, "outlets", 1, 1, "free", "basic")
		if d := r.obj().str("detail"); d == "" {
			t.Errorf("refusal without a detail: %s", r.body)
		}
		if n := h.get(t, "/api/v1/outlets", tm.owner).expect(http.StatusOK).total(); n != 1 {
			t.Errorf("%d outlets after the refusal, want 1", n)
		}

		h.del(t, "/api/v1/outlets/"+first, tm.owner).expect(http.StatusNoContent)
		again := h.createOutlet(t, tm.owner, "Main Again", "Manila") // the deleted one no longer counts
		limitRefusal(t, h.post(t, "/api/v1/outlets", tm.owner, outletBody("Second", "Cebu")), "outlets", 1, 1, "free", "basic")

		h.onPlan(t, tm.tenantID, "basic")
		second := h.createOutlet(t, tm.owner, "Second", "Cebu")
		h.createOutlet(t, tm.owner, "Third", "Davao")
		limitRefusal(t, h.post(t, "/api/v1/outlets", tm.owner, outletBody("Fourth", "Iloilo")), "outlets", 3, 3, "basic", "pro")
		if again == "" || second == "" {
			t.Fatal("outlets not created")
		}

		h.onPlan(t, tm.tenantID, "enterprise") // unlimited: no refusal, and none to name an upgrade for
		h.createOutlet(t, tm.owner, "Fourth", "Iloilo")
	})
}

// TestOutletLimitRace: with one slot left, 10 parallel outlet creations
// create exactly one; the others are refused with the limit, on both
// engines. The meter lock serializes them inside their transactions, and
// the count after the lock sees the winner's commit.
func TestOutletLimitRace(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Racing Spa")
		h.onPlan(t, tm.tenantID, "basic") // 3 outlets
		h.createOutlet(t, tm.owner, "One", "Manila")
		h.createOutlet(t, tm.owner, "Two", "Manila")

		const n = 10
		var wg sync.WaitGroup
		results := make([]*response, n)
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				results[i] = h.post(t, "/api/v1/outlets", tm.owner, outletBody(fmt.Sprintf("Racer %02d", i), "Cebu"))
			}()
		}
		close(start)
		wg.Wait()
		created := 0
		for _, r := range results {
			switch r.status {
			case http.StatusCreated:
				created++
			case http.StatusForbidden:
				limitRefusal(t, r, "outlets", 3, 3, "basic", "pro")
			default:
				t.Errorf("parallel creation: %d %s", r.status, r.body)
			}
		}
		if created != 1 {
			t.Errorf("%d of %d parallel creations succeeded with one slot left, want exactly 1", created, n)
		}
		if total := h.get(t, "/api/v1/outlets", tm.owner).expect(http.StatusOK).total(); total != 3 {
			t.Errorf("%d outlets after the race, want 3", total)
		}
		if u := h.usageOf(t, tm.owner)["outlets"]; u.num("used") != 3 || u.num("remaining") != 0 {
			t.Errorf("usage after the race: %s", u)
		}
	})
}

// TestDowngradeCreationRace: a plan change applied at once to a plan with a
// lower limit and a creation the lower limit forbids, sent together, never
// both succeed: the change counts the usage under the meter's lock, the
// same lock the creation holds while it counts. Rounds of both at once, on
// both engines.
func TestDowngradeCreationRace(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		for round := range 4 {
			tm := h.newTeam(t, fmt.Sprintf("Downgrade Race %d", round))
			h.onPlan(t, tm.tenantID, "basic")
			h.createOutlet(t, tm.owner, "Only", "Manila")
			var change, create *response
			var wg sync.WaitGroup
			start := make(chan struct{})
			wg.Add(2)
			go func() {
				defer wg.Done()
				<-start
				change = h.post(t, "/api/v1/subscriptions", tm.owner, map[string]any{"plan_id": "plan_free"})
			}()
			go func() {
				defer wg.Done()
				<-start
				create = h.post(t, "/api/v1/outlets", tm.owner, outletBody("Second", "Cebu"))
			}()
			close(start)
			wg.Wait()
			switch {
			case change.status == http.StatusCreated && create.status == http.StatusForbidden:
				limitRefusal(t, create, "outlets", 1, 1, "free", "basic")
			case create.status == http.StatusCreated && change.status == http.StatusConflict:
				change.problem(http.StatusConflict, "plan_limit_exceeded")
			default:
				t.Fatalf("round %d: change %d %s, creation %d %s", round, change.status, change.body, create.status, create.body)
			}
		}
	})
}
