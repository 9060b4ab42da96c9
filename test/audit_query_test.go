package test

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestAuditQuery(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		a := h.register(t, "Queried Spa")
		tok := h.scoped(t, a.email, a.password, a.tenantID)
		const n = 300
		start := h.seedAudit(t, a.tenantID, "q", n)
		at := func(i int) string { return start.Add(time.Duration(i) * time.Microsecond).Format(time.RFC3339Nano) }
		count := func(q string) int {
			t.Helper()
			r := h.get(t, "/api/v1/audit-logs?limit=500&"+q, tok).expect(http.StatusOK)
			if l := r.list(); len(l) != r.total() {
				t.Fatalf("%s: %d events listed, X-Total-Count %d", q, len(l), r.total())
			}
			return r.total()
		}
		want := func(f func(i int) bool) int {
			k := 0
			for i := 0; i < n; i++ {
				if f(i) {
					k++
				}
			}
			return k
		}

		t.Run("filters", func(t *testing.T) {
			for _, c := range []struct {
				q    string
				want int
			}{
				{"resource_type=booking", want(func(i int) bool { return i%3 == 0 })},
				{"resource_type=invoice&resource_id=res_3", want(func(i int) bool { return i%3 != 0 && i%7 == 3 })},
				{"action=test.seed&result=failure", n / 2},
				{"action=test.seed&result=success", n / 2},
				{"from=" + url.QueryEscape(at(100)) + "&to=" + url.QueryEscape(at(200)), 100},
				{"action=test.seed&from=" + url.QueryEscape(at(250)), 50},
				{"action=test.seed&to=" + url.QueryEscape(at(10)), 10},
				{"resource_type=tenant&resource_id=" + a.tenantID, 1}, // the registration
			} {
				if got := count(c.q); got != c.want {
					t.Errorf("%s: %d events, want %d", c.q, got, c.want)
				}
			}
			r := h.get(t, "/api/v1/audit-logs?resource_type=booking&result=failure&limit=500", tok).expect(http.StatusOK)
			for _, e := range r.list() {
				e.eq("resource_type", "booking")
				e.eq("outcome", "failure")
			}
		})

		t.Run("cursor pages through every event newest first", func(t *testing.T) {
			seen := map[string]bool{}
			var last time.Time
			cursor, pages := "", 0
			for {
				q := "/api/v1/audit-logs?action=test.seed&limit=64"
				if cursor != "" {
					q += "&cursor=" + url.QueryEscape(cursor)
				}
				r := h.get(t, q, tok).expect(http.StatusOK)
				if r.total() != n {
					t.Errorf("page %d: X-Total-Count %d, want %d", pages, r.total(), n)
				}
				for _, e := range r.list() {
					if seen[e.str("id")] {
						t.Fatalf("event %s on two pages", e.str("id"))
					}
					seen[e.str("id")] = true
					if at := auditAt(t, e); !last.IsZero() && at.After(last) {
						t.Fatalf("page %d: %s is newer than the event before it", pages, e.str("id"))
					}
					last = auditAt(t, e)
				}
				pages++
				if cursor = r.header.Get("X-Next-Cursor"); cursor == "" {
					break
				}
				if pages > 10 {
					t.Fatal("the cursor never ends")
				}
			}
			if len(seen) != n || pages != 5 {
				t.Errorf("%d events on %d pages, want %d on 5", len(seen), pages, n)
			}
			// The first page by cursor is the page by skip.
			byCursor := h.get(t, "/api/v1/audit-logs?action=test.seed&limit=10", tok).expect(http.StatusOK)
			second := h.get(t, "/api/v1/audit-logs?action=test.seed&limit=10&cursor="+url.QueryEscape(byCursor.header.Get("X-Next-Cursor")), tok).
				expect(http.StatusOK).list()
			bySkip := h.get(t, "/api/v1/audit-logs?action=test.seed&limit=10&skip=10", tok).expect(http.StatusOK).list()
			for i := range bySkip {
				if second[i].str("id") != bySkip[i].str("id") {
					t.Errorf("second page by cursor %s, by skip %s at %d", second[i].str("id"), bySkip[i].str("id"), i)
				}
			}
		})

		t.Run("platform admins page across tenants", func(t *testing.T) {
			admin := h.admin(t)
			p1 := h.get(t, "/api/v1/audit-logs?limit=3", admin).expect(http.StatusOK)
			p2 := h.get(t, "/api/v1/audit-logs?limit=3&cursor="+url.QueryEscape(p1.header.Get("X-Next-Cursor")), admin).expect(http.StatusOK)
			l1, l2 := p1.list(), p2.list()
			if len(l1) != 3 || len(l2) != 3 || auditAt(t, l2[0]).After(auditAt(t, l1[2])) || l2[0].str("id") == l1[2].str("id") {
				t.Errorf("admin pages %v then %v", l1, l2)
			}
		})

		t.Run("bad values", func(t *testing.T) {
			for q, field := range map[string]string{
				"from=yesterday":                                    "from",
				"to=2026-13-01T00:00:00Z":                           "to",
				"result=maybe":                                      "result",
				"cursor=not-a-cursor!":                              "cursor",
				"cursor=" + url.QueryEscape("Zm9v"):                 "cursor",
				"from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z": "to",
			} {
				h.get(t, "/api/v1/audit-logs?"+q, tok).problem(http.StatusUnprocessableEntity, "validation_failed").fieldError(field)
			}
		})
	})
}
