package test

import (
	"net/http"
	"testing"
)

// TestConcurrentJoins sends the same addition several times at once: one
// account and one membership result, exactly one request reports it new,
// and the others answer as for a repeated request (no 500 from the
// unique keys they collide on).
func TestConcurrentJoins(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Race Spa")
		const n = 5
		type result struct {
			status int
			new    bool
		}
		x := h.post(t, "/api/v1/auth/register", "", map[string]any{"email": "racer@example.com", "password": goodPassword,
			"first_name": "R", "last_name": "C"}).expect(http.StatusCreated).obj().str("id")
		results := make(chan result, n)
		for range n {
			go func() {
				r := h.post(t, "/api/v1/tenants/"+tm.tenantID+"/users", tm.owner, map[string]any{"user_id": x})
				results <- result{r.status, r.status == http.StatusOK && !r.obj().boolean("was_already_associated")}
			}()
		}
		fresh := 0
		for range n {
			r := <-results
			if r.status != http.StatusOK {
				t.Errorf("concurrent association: status %d", r.status)
			}
			if r.new {
				fresh++
			}
		}
		if fresh != 1 {
			t.Errorf("%d concurrent associations report a new member, want 1", fresh)
		}

		codes := make(chan int, n)
		for range n {
			go func() {
				codes <- h.post(t, "/api/v1/users", tm.owner, map[string]any{"email": "same@example.com", "first_name": "S",
					"last_name": "M", "role": "viewer"}).status
			}()
		}
		got := map[int]int{}
		for range n {
			got[<-codes]++
		}
		if got[http.StatusCreated] != 1 || got[http.StatusConflict] != n-1 {
			t.Errorf("concurrent creations of one user: %v, want one 201 and the rest 409", got)
		}
		if total := h.get(t, "/api/v1/users", tm.owner).expect(http.StatusOK).total(); total != 3 {
			t.Errorf("users after the races: %d, want 3", total)
		}
	})
}

// TestConcurrentTransfers has the owner hand the tenant to two members at
// once: one transfer wins, the other is refused (its caller is no longer
// the owner), and the tenant keeps exactly one owner.
func TestConcurrentTransfers(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Crown Spa")
		heirs := []string{h.addUser(t, tm.owner, "first@crown.example.com", "staff"), h.addUser(t, tm.owner, "second@crown.example.com", "staff")}
		codes := make(chan int, len(heirs))
		for _, uid := range heirs {
			go func() { codes <- h.post(t, "/api/v1/members/"+uid+"/transfer-ownership", tm.owner, nil).status }()
		}
		got := map[int]int{}
		for range heirs {
			got[<-codes]++
		}
		if got[http.StatusOK] != 1 || got[http.StatusForbidden] != 1 {
			t.Errorf("two transfers at once: %v, want one 200 and one 403", got)
		}
		owners := h.get(t, "/api/v1/members?role=owner", h.post(t, "/api/v1/auth/select-tenant", h.admin(t),
			map[string]any{"tenant_id": tm.tenantID}).expect(http.StatusOK).obj().str("access_token")).expect(http.StatusOK).list()
		if len(owners) != 1 || (owners[0].str("user_id") != heirs[0] && owners[0].str("user_id") != heirs[1]) {
			t.Fatalf("owners after two transfers at once: %v", owners)
		}
	})
}
