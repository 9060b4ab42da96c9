package test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/tenantry/tenantry/internal/membership"
)

// TestBookingOutletBoundRoles: services and staff as outlet-bound roles see
// them. An outlet manager sees and manages the staff and services of its
// outlet (tenant-wide services it sees, but does not change), gets 404 for
// another outlet's, and may name only its own outlets; staff and
// receptionists read the rows of their outlets; viewers read all.
func TestBookingOutletBoundRoles(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Bound Booking Spa")
		h.onPlan(t, tm.tenantID, "basic")
		north := h.createOutlet(t, tm.owner, "North", "Quezon City")
		south := h.createOutlet(t, tm.owner, "South", "Muntinlupa")
		wide := h.createService(t, tm.owner, "Everywhere")
		atNorth := h.createService(t, tm.owner, "North Only", north)
		atSouth := h.createService(t, tm.owner, "South Only", south)
		annN := h.createStaff(t, tm.owner, "Ann North", north)
		bobS := h.createStaff(t, tm.owner, "Bob South", south)
		cyBoth := h.createStaff(t, tm.owner, "Cy Both", north, south)

		tok := map[membership.Role]string{}
		for role, outlets := range map[membership.Role][]string{
			membership.OutletManager: {north}, membership.Staff: {north}, membership.Receptionist: {south}, membership.Viewer: nil,
		} {
			_, tok[role] = h.addMember(t, tm.owner, tm.tenantID, string(role)+"@bound-booking.example.com", role, outlets...)
		}
		mgr := tok[membership.OutletManager]

		for _, c := range []struct {
			role            membership.Role
			services, staff []string
		}{
			{membership.OutletManager, []string{wide, atNorth}, []string{annN, cyBoth}},
			{membership.Staff, []string{wide, atNorth}, []string{annN, cyBoth}},
			{membership.Receptionist, []string{wide, atSouth}, []string{bobS, cyBoth}},
			{membership.Viewer, []string{wide, atNorth, atSouth}, []string{annN, bobS, cyBoth}},
		} {
			t.Run(string(c.role), func(t *testing.T) {
				tk := tok[c.role]
				l := h.get(t, "/api/v1/services", tk).expect(http.StatusOK)
				if got := idsOf(l.list()); !sameSet(got, c.services) || l.total() != len(c.services) {
					t.Errorf("services %v, want %v", got, c.services)
				}
				l = h.get(t, "/api/v1/staff", tk).expect(http.StatusOK)
				if got := idsOf(l.list()); !sameSet(got, c.staff) || l.total() != len(c.staff) {
					t.Errorf("staff %v, want %v", got, c.staff)
				}
				for _, s := range []string{wide, atNorth, atSouth} {
					if contains(c.services, s) {
						h.get(t, "/api/v1/services/"+s, tk).expect(http.StatusOK)
					} else {
						h.get(t, "/api/v1/services/"+s, tk).problem(http.StatusNotFound, "service_not_found")
					}
				}
				for _, s := range []string{annN, bobS, cyBoth} {
					if contains(c.staff, s) {
						h.get(t, "/api/v1/staff/"+s, tk).expect(http.StatusOK)
					} else {
						h.get(t, "/api/v1/staff/"+s, tk).problem(http.StatusNotFound, "staff_not_found")
					}
				}
				if c.role != membership.OutletManager {
					h.put(t, "/api/v1/staff/"+c.staff[0], tk, map[string]any{"position": "Changed"}).problem(http.StatusForbidden, "forbidden")
					h.post(t, "/api/v1/services", tk, serviceBody("Not allowed", 30, 1)).problem(http.StatusForbidden, "forbidden")
				}
			})
		}

		t.Run("an outlet manager manages its outlet's rows only", func(t *testing.T) {
			h.put(t, "/api/v1/staff/"+annN, mgr, map[string]any{"position": "Lead"}).expect(http.StatusOK).obj().eq("position", "Lead")
			h.put(t, "/api/v1/staff/"+bobS, mgr, map[string]any{"position": "Mine"}).problem(http.StatusNotFound, "staff_not_found")
			h.del(t, "/api/v1/staff/"+bobS, mgr).problem(http.StatusNotFound, "staff_not_found")
			h.put(t, "/api/v1/services/"+atSouth, mgr, map[string]any{"price": 1}).problem(http.StatusNotFound, "service_not_found")
			// Shared with another outlet, or offered everywhere: seen, not changed.
			h.put(t, "/api/v1/staff/"+cyBoth, mgr, map[string]any{"position": "Mine"}).problem(http.StatusForbidden, "forbidden")
			h.put(t, "/api/v1/services/"+wide, mgr, map[string]any{"price": 1}).problem(http.StatusForbidden, "forbidden")
			h.put(t, "/api/v1/services/"+atNorth, mgr, map[string]any{"price": 1234}).expect(http.StatusOK)

			// It names only its own outlets, and at least one.
			p := h.post(t, "/api/v1/staff", mgr, staffBody("Dee", south)).problem(http.StatusUnprocessableEntity, "validation_failed")
			if fe := p.fieldErrors(); fe["outlet_ids[0]"] != "unknown_outlet" {
				t.Errorf("staff at another outlet: %v", fe)
			}
			p = h.post(t, "/api/v1/staff", mgr, map[string]any{"name": "Nowhere"}).problem(http.StatusUnprocessableEntity, "validation_failed")
			if fe := p.fieldErrors(); fe["outlet_ids"] != "required" {
				t.Errorf("staff at no outlet: %v", fe)
			}
			p = h.post(t, "/api/v1/services", mgr, serviceBody("Everywhere Too", 30, 1)).problem(http.StatusUnprocessableEntity, "validation_failed")
			if fe := p.fieldErrors(); fe["outlet_ids"] != "required" {
				t.Errorf("tenant-wide service by a manager: %v", fe)
			}
			p = h.put(t, "/api/v1/staff/"+annN, mgr, map[string]any{"service_ids": []string{atSouth}}).problem(http.StatusUnprocessableEntity, "validation_failed")
			if fe := p.fieldErrors(); fe["service_ids[0]"] != "unknown_service" {
				t.Errorf("another outlet's service: %v", fe)
			}
			// A service the tenant admin assigned, which the manager does not see, does not block its edits.
			h.put(t, "/api/v1/staff/"+annN, tm.owner, map[string]any{"service_ids": []string{atSouth, wide}}).expect(http.StatusOK)
			h.put(t, "/api/v1/staff/"+annN, mgr, map[string]any{"position": "Lead Stylist"}).expect(http.StatusOK)
			dee := h.createStaff(t, mgr, "Dee", north)
			svc := h.createService(t, mgr, "North Special", north)
			h.del(t, "/api/v1/services/"+svc, mgr).expect(http.StatusNoContent)
			h.del(t, "/api/v1/staff/"+dee, mgr).expect(http.StatusNoContent)
		})
	})
}

// TestFreePlanStaffLimit: the free plan's five staff members; the sixth is
// refused with the staff meter named, a deleted one frees its place, and
// usage counts live staff.
func TestFreePlanStaffLimit(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Staff Limit Spa")
		var ids []string
		for _, n := range []string{"One", "Two", "Three", "Four", "Five"} {
			ids = append(ids, h.createStaff(t, tm.owner, n))
		}
		if u := h.usageOf(t, tm.owner)["staff"]; u.num("used") != 5 || u.num("limit") != 5 || u.num("remaining") != 0 {
			t.Errorf("usage %s", u)
		}
		limitRefusal(t, h.post(t, "/api/v1/staff", tm.owner, staffBody("Six")), "staff", 5, 5, "free", "basic")
		if n := h.get(t, "/api/v1/staff", tm.owner).expect(http.StatusOK).total(); n != 5 {
			t.Errorf("%d staff after the refusal", n)
		}
		h.put(t, "/api/v1/staff/"+ids[0], tm.owner, map[string]any{"is_active": false}).expect(http.StatusOK) // still counts
		limitRefusal(t, h.post(t, "/api/v1/staff", tm.owner, staffBody("Six")), "staff", 5, 5, "free", "basic")
		h.del(t, "/api/v1/staff/"+ids[1], tm.owner).expect(http.StatusNoContent)
		h.createStaff(t, tm.owner, "Six")
		limitRefusal(t, h.post(t, "/api/v1/staff", tm.owner, staffBody("Seven")), "staff", 5, 5, "free", "basic")
		h.onPlan(t, tm.tenantID, "basic")
		h.createStaff(t, tm.owner, "Seven")
		if u := h.usageOf(t, tm.owner)["staff"]; u.num("used") != 6 || u.num("limit") != 15 {
			t.Errorf("usage on basic %s", u)
		}
	})
}

// TestStaffLimitRace: with one staff place left, 10 parallel creations
// create exactly one on both engines (the meter lock, as for outlets).
func TestStaffLimitRace(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Staff Race Spa")
		for _, n := range []string{"One", "Two", "Three", "Four"} {
			h.createStaff(t, tm.owner, n)
		}
		const n = 10
		var wg sync.WaitGroup
		results := make([]*response, n)
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				results[i] = h.post(t, "/api/v1/staff", tm.owner, staffBody(fmt.Sprintf("Racer %02d", i)))
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
				limitRefusal(t, r, "staff", 5, 5, "free", "basic")
			default:
				t.Errorf("parallel creation: %d %s", r.status, r.body)
			}
		}
		if created != 1 {
			t.Errorf("%d of %d parallel creations succeeded with one place left, want exactly 1", created, n)
		}
		if total := h.get(t, "/api/v1/staff", tm.owner).expect(http.StatusOK).total(); total != 5 {
			t.Errorf("%d staff after the race, want 5", total)
		}
	})
}
