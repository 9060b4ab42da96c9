package test

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tenantry/tenantry/internal/membership"
)

func TestCustomerCRUD(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acct := h.register(t, "Customer Spa")
		owner := h.scoped(t, acct.email, acct.password, acct.tenantID)

		from := h.clock.peek()
		r := h.post(t, "/api/v1/customers", owner, map[string]any{"name": "  Ana Cruz ", "email": " Ana.Cruz@Example.com ",
			"phone": "+63 917 555 0101", "notes": "prefers mornings\nallergic to latex"}).expect(http.StatusCreated)
		c := r.obj()
		cid := c.str("id")
		if !strings.HasPrefix(cid, "cst_") || r.header.Get("Location") != "/api/v1/customers/"+cid {
			t.Fatalf("created customer id %q, Location %q", cid, r.header.Get("Location"))
		}
		c.eq("tenant_id", acct.tenantID)
		c.eq("name", "Ana Cruz")
		c.eq("email", "Ana.Cruz@Example.com") // its case kept; uniqueness ignores it
		c.eq("phone", "+63 917 555 0101")
		c.eq("notes", "prefers mornings\nallergic to latex")
		c.eq("status", "active")
		if c.boolean("marketing_consent") {
			t.Error("new customer consents to marketing")
		}
		c.null("marketing_consent_at")
		for _, k := range []string{"created_at", "updated_at"} {
			h.clock.stamped(t, k, c.str(k), from)
		}
		if got := h.get(t, "/api/v1/customers/"+cid, owner).expect(http.StatusOK).obj(); got.String() != c.String() {
			t.Errorf("GET %s\nwant %s", got, c)
		}
		d := h.auditDetails(t, owner, "customer.create", cid)
		if strings.Contains(d.String(), "latex") || strings.Contains(d.String(), "Ana") {
			t.Errorf("customer.create audit details carry personal data: %s", d)
		}

		t.Run("partial update", func(t *testing.T) {
			u := h.put(t, "/api/v1/customers/"+cid, owner, map[string]any{"notes": "no latex, secret detail", "status": "inactive"}).
				expect(http.StatusOK).obj()
			u.eq("notes", "no latex, secret detail")
			u.eq("status", "inactive")
			u.eq("name", "Ana Cruz")
			u.eq("email", "Ana.Cruz@Example.com")
			if u.str("updated_at") == c.str("updated_at") || u.str("created_at") != c.str("created_at") {
				t.Errorf("timestamps after update: %s", u)
			}
			d := h.auditDetails(t, owner, "customer.update", cid)
			d.eq("fields", "notes,status")
			if strings.Contains(d.String(), "secret detail") {
				t.Errorf("customer.update audit details carry the notes: %s", d)
			}
			h.put(t, "/api/v1/customers/"+cid, owner, map[string]any{"status": "active"}).expect(http.StatusOK)
		})

		t.Run("marketing consent", func(t *testing.T) {
			before := h.clock.peek()
			on := h.put(t, "/api/v1/customers/"+cid, owner, map[string]any{"marketing_consent": true}).expect(http.StatusOK).obj()
			if !on.boolean("marketing_consent") {
				t.Fatalf("consent not on: %s", on)
			}
			at := on.str("marketing_consent_at")
			h.clock.stamped(t, "marketing_consent_at", at, before)
			// Saying yes again, or changing something else, keeps the moment it was given.
			again := h.put(t, "/api/v1/customers/"+cid, owner, map[string]any{"marketing_consent": true, "phone": "+63 917 555 0102"}).
				expect(http.StatusOK).obj()
			again.eq("marketing_consent_at", at)
			h.auditDetails(t, owner, "customer.update", cid).eq("fields", "phone")
			off := h.put(t, "/api/v1/customers/"+cid, owner, map[string]any{"marketing_consent": false}).expect(http.StatusOK).obj()
			if off.boolean("marketing_consent") {
				t.Error("consent still on")
			}
			off.null("marketing_consent_at")
			// Given at creation, the consent is stamped at creation.
			born := h.post(t, "/api/v1/customers", owner, map[string]any{"name": "Opt In", "marketing_consent": true}).
				expect(http.StatusCreated).obj()
			born.eq("marketing_consent_at", born.str("created_at"))
		})

		t.Run("soft delete", func(t *testing.T) {
			gone := h.createCustomer(t, owner, "Gone Customer", "gone@example.com").str("id")
			h.del(t, "/api/v1/customers/"+gone, owner).expect(http.StatusNoContent)
			h.get(t, "/api/v1/customers/"+gone, owner).problem(http.StatusNotFound, "customer_not_found")
			h.put(t, "/api/v1/customers/"+gone, owner, map[string]any{"name": "Back"}).problem(http.StatusNotFound, "customer_not_found")
			h.del(t, "/api/v1/customers/"+gone, owner).problem(http.StatusNotFound, "customer_not_found")
			if slices.Contains(customerNames(h.searchCustomers(t, owner, "")), "Gone Customer") {
				t.Error("deleted customer listed")
			}
			h.auditDetails(t, owner, "customer.delete", gone)
			// Its email is free again.
			h.createCustomer(t, owner, "Gone Again", "GONE@example.com")
		})

		t.Run("scoped token required", func(t *testing.T) {
			global := h.token(t, acct.email, acct.password)
			h.get(t, "/api/v1/customers", global).problem(http.StatusUnprocessableEntity, "scoped_token_required")
			h.post(t, "/api/v1/customers", global, map[string]any{"name": "X"}).problem(http.StatusUnprocessableEntity, "scoped_token_required")
		})
	})
}

func TestCustomerValidation(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acct := h.register(t, "Customer Rules Spa")
		owner := h.scoped(t, acct.email, acct.password, acct.tenantID)
		cid := h.createCustomer(t, owner, "Valid Customer", "valid@example.com").str("id")
		for name, tc := range map[string]struct {
			body  map[string]any
			field string
			code  string
		}{
			"no name":       {map[string]any{"email": "x@example.com"}, "name", "required"},
			"blank name":    {map[string]any{"name": "   "}, "name", "required"},
			"long name":     {map[string]any{"name": strings.Repeat("n", 201)}, "name", "too_long"},
			"name with LF":  {map[string]any{"name": "Ana\nCruz"}, "name", "invalid_characters"},
			"bad email":     {map[string]any{"name": "A", "email": "not-an-email"}, "email", "invalid_email"},
			"bad phone":     {map[string]any{"name": "A", "phone": "call me maybe"}, "phone", "invalid_phone"},
			"short phone":   {map[string]any{"name": "A", "phone": "12345"}, "phone", "invalid_phone"},
			"long notes":    {map[string]any{"name": "A", "notes": strings.Repeat("n", 4001)}, "notes", "too_long"},
			"notes control": {map[string]any{"name": "A", "notes": "a\u0000b"}, "notes", "invalid_characters"},
			"bad status":    {map[string]any{"name": "A", "status": "vip"}, "status", "invalid_choice"},
		} {
			t.Run(name, func(t *testing.T) {
				p := h.post(t, "/api/v1/customers", owner, tc.body).problem(http.StatusUnprocessableEntity, "validation_failed")
				p.fieldError(tc.field).eq("code", tc.code)
				if _, ok := tc.body["name"]; ok {
					p = h.put(t, "/api/v1/customers/"+cid, owner, tc.body).problem(http.StatusUnprocessableEntity, "validation_failed")
					p.fieldError(tc.field).eq("code", tc.code)
				}
			})
		}
		h.post(t, "/api/v1/customers", owner, raw(`{"name": "A", "marketing_consent": "yes"}`)).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("marketing_consent").eq("code", "invalid_type")
		h.post(t, "/api/v1/customers", owner, raw(`{"name": "A", "vip": true}`)).problem(http.StatusBadRequest, "unknown_field")
		for _, q := range []string{"status=vip", "limit=0", "limit=501", "after=not-a-cursor", "limit=x"} {
			h.get(t, "/api/v1/customers?"+q, owner).problem(http.StatusUnprocessableEntity, "validation_failed")
		}
		// Nothing of the refused requests was kept.
		if got := h.get(t, "/api/v1/customers", owner).expect(http.StatusOK).obj().num("total"); got != 1 {
			t.Errorf("total after refusals = %v, want 1", got)
		}
	})
}

func TestCustomerEmailUnique(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acct := h.register(t, "Customer Email Spa")
		owner := h.scoped(t, acct.email, acct.password, acct.tenantID)
		other := h.register(t, "Customer Email Other Spa")
		otherOwner := h.scoped(t, other.email, other.password, other.tenantID)

		h.createCustomer(t, owner, "Ana", "ana.cruz@example.com")
		p := h.post(t, "/api/v1/customers", owner, map[string]any{"name": "Ana Twin", "email": "ANA.Cruz@Example.COM"}).
			problem(http.StatusConflict, "customer_email_taken")
		p.fieldError("email").eq("code", "taken")
		bea := h.createCustomer(t, owner, "Bea", "bea@example.com").str("id")
		h.put(t, "/api/v1/customers/"+bea, owner, map[string]any{"email": "Ana.Cruz@example.com"}).
			problem(http.StatusConflict, "customer_email_taken")
		// No email is no limit; another tenant may have the same email.
		h.createCustomer(t, owner, "Walk-in 1", "")
		h.createCustomer(t, owner, "Walk-in 2", "")
		h.post(t, "/api/v1/customers", owner, map[string]any{"name": "Walk-in 3", "email": ""}).expect(http.StatusCreated)
		h.createCustomer(t, otherOwner, "Ana Elsewhere", "ana.cruz@example.com")

		// Racing creations of one email, in different cases, keep exactly one.
		statuses := make(chan int, 10)
		var wg sync.WaitGroup
		for i := range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				email := "Race@Example.com"
				if i%2 == 1 {
					email = "race@EXAMPLE.com"
				}
				statuses <- h.post(t, "/api/v1/customers", owner, map[string]any{"name": "Racer", "email": email}).status
			}()
		}
		wg.Wait()
		close(statuses)
		counts := map[int]int{}
		for s := range statuses {
			counts[s]++
		}
		if counts[http.StatusCreated] != 1 || counts[http.StatusConflict] != 9 {
			t.Errorf("racing creations answered %v, want one 201 and nine 409", counts)
		}
	})
}

func TestCustomerSearch(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acct := h.register(t, "Customer Search Spa")
		owner := h.scoped(t, acct.email, acct.password, acct.tenantID)
		for _, c := range []map[string]any{
			{"name": "Ana Cruz", "email": "ana@cruz.example.com", "phone": "+63 917 555 0101"},
			{"name": "Bea 100% Santos", "email": "bea_santos@example.com", "phone": "(02) 8123-4567"},
			{"name": "Carla Reyes", "email": "CARLA@Example.org"},
			{"name": "Dina López", "phone": "+63-917-555-0199", "status": "blocked"},
		} {
			h.post(t, "/api/v1/customers", owner, c).expect(http.StatusCreated)
		}
		for q, want := range map[string][]string{
			"cruz":        {"Ana Cruz"},               // name and email
			"REYES":       {"Carla Reyes"},            // any case
			"example.org": {"Carla Reyes"},            // part of the email, stored in another case
			"lópez":       {"Dina López"},             // beyond ASCII
			"100%":        {"Bea 100% Santos"},        // % is literal
			"%":           {"Bea 100% Santos"},        // … not a wildcard
			"_":           {"Bea 100% Santos"},        // nor is _
			"555 01":      {"Ana Cruz", "Dina López"}, // part of a phone as written
			"9175550199":  {"Dina López"},             // its digits, written otherwise
			"8123-45":     {"Bea 100% Santos"},
			"nobody":      nil,
		} {
			page := h.searchCustomers(t, owner, q)
			got := customerNames(page)
			slices.Sort(got)
			if !slices.Equal(got, want) || int(page.num("total")) != len(want) {
				t.Errorf("q %q: %v (total %v), want %v", q, got, page.num("total"), want)
			}
		}
		blocked := h.get(t, "/api/v1/customers?status=blocked", owner).expect(http.StatusOK).obj()
		if got := customerNames(blocked); !slices.Equal(got, []string{"Dina López"}) {
			t.Errorf("status=blocked: %v", got)
		}
		both := h.get(t, "/api/v1/customers?status=active&q=555", owner).expect(http.StatusOK).obj()
		if got := customerNames(both); !slices.Equal(got, []string{"Ana Cruz"}) {
			t.Errorf("status=active&q=555: %v", got)
		}
	})
}

func TestCustomerPaging(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acct := h.register(t, "Customer Paging Spa")
		owner := h.scoped(t, acct.email, acct.password, acct.tenantID)
		var created []string
		for i := range 120 {
			created = append(created, h.createCustomer(t, owner, "Paged "+itoa3(i), "").str("id"))
		}
		slices.Reverse(created) // newest first
		var walked []string
		path := "/api/v1/customers?limit=50"
		for pages := 0; ; pages++ {
			if pages > 3 {
				t.Fatal("paging does not end")
			}
			page := h.get(t, path, owner).expect(http.StatusOK).obj()
			if page.num("total") != 120 {
				t.Errorf("page %d total %v, want 120", pages, page.num("total"))
			}
			for _, c := range page.objs("items") {
				walked = append(walked, c.str("id"))
			}
			if !page.has("next") {
				if n := len(page.objs("items")); n != 20 {
					t.Errorf("last page has %d items, want 20", n)
				}
				break
			}
			path = "/api/v1/customers?limit=50&after=" + page.str("next")
		}
		if !slices.Equal(walked, created) {
			t.Errorf("walked %d customers, want the 120 created newest first once each", len(walked))
		}
		// A cursor keeps its place while customers are added in front of it.
		first := h.get(t, "/api/v1/customers?limit=10", owner).expect(http.StatusOK).obj()
		h.createCustomer(t, owner, "Newcomer", "")
		next := h.get(t, "/api/v1/customers?limit=10&after="+first.str("next"), owner).expect(http.StatusOK).obj()
		if got := next.objs("items")[0].str("id"); got != created[10] {
			t.Errorf("page after the cursor starts at %s, want %s", got, created[10])
		}
	})
}

func TestCustomerAccess(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acct := h.register(t, "Customer Access Spa")
		owner := h.scoped(t, acct.email, acct.password, acct.tenantID)
		other := h.register(t, "Customer Access Other Spa")
		otherOwner := h.scoped(t, other.email, other.password, other.tenantID)
		theirs := h.createCustomer(t, otherOwner, "Their Customer", "their@example.com").str("id")

		reception := h.member(t, acct.tenantID, "reception@customer-access.example.com", membership.Receptionist)
		staff := h.member(t, acct.tenantID, "staff@customer-access.example.com", membership.Staff)
		viewer := h.member(t, acct.tenantID, "viewer@customer-access.example.com", membership.Viewer)

		// A receptionist, bound to no outlet, manages customers tenant-wide.
		cid := h.createCustomer(t, reception, "Front Desk Walk-in", "walkin@example.com").str("id")
		h.put(t, "/api/v1/customers/"+cid, reception, map[string]any{"phone": "+63 917 555 0111"}).expect(http.StatusOK)
		h.get(t, "/api/v1/customers/"+cid, owner).expect(http.StatusOK)

		// Staff read, and may not change.
		h.get(t, "/api/v1/customers", staff).expect(http.StatusOK)
		h.get(t, "/api/v1/customers/"+cid, staff).expect(http.StatusOK)
		h.post(t, "/api/v1/customers", staff, map[string]any{"name": "Not Allowed"}).problem(http.StatusForbidden, "forbidden")
		h.put(t, "/api/v1/customers/"+cid, staff, map[string]any{"name": "Not Allowed"}).problem(http.StatusForbidden, "forbidden")
		h.del(t, "/api/v1/customers/"+cid, staff).problem(http.StatusForbidden, "forbidden")
		// Viewers do not see customers at all.
		h.get(t, "/api/v1/customers", viewer).problem(http.StatusForbidden, "forbidden")
		h.get(t, "/api/v1/customers/"+cid, viewer).problem(http.StatusForbidden, "forbidden")

		// Another tenant's customer answers like a missing one, to everyone.
		for _, tok := range []string{owner, reception, staff, viewer} {
			h.get(t, "/api/v1/customers/"+theirs, tok).problem(http.StatusNotFound, "customer_not_found")
			h.put(t, "/api/v1/customers/"+theirs, tok, map[string]any{"name": "Hijacked"}).problem(http.StatusNotFound, "customer_not_found")
			h.del(t, "/api/v1/customers/"+theirs, tok).problem(http.StatusNotFound, "customer_not_found")
		}
		if names := customerNames(h.searchCustomers(t, owner, "")); slices.Contains(names, "Their Customer") {
			t.Errorf("another tenant's customer listed: %v", names)
		}
		h.get(t, "/api/v1/customers/"+theirs, otherOwner).expect(http.StatusOK).obj().eq("name", "Their Customer")

		// API keys act by scope: customers:read reads, customers:write changes.
		reader := h.createKey(t, owner, "Customer reader", "prod", "customers:read").str("key")
		writer := h.createKey(t, owner, "Customer writer", "prod", "customers:read", "customers:write").str("key")
		h.withKey(t, "GET", "/api/v1/customers/"+cid, reader, nil).expect(http.StatusOK)
		h.withKey(t, "POST", "/api/v1/customers", reader, map[string]any{"name": "Keyed"}).problem(http.StatusForbidden, "insufficient_scope")
		h.withKey(t, "POST", "/api/v1/customers", writer, map[string]any{"name": "Keyed"}).expect(http.StatusCreated)
		h.withKey(t, "GET", "/api/v1/customers/"+theirs, writer, nil).problem(http.StatusNotFound, "customer_not_found")
	})
}

// itoa3 writes i with three digits.
func itoa3(i int) string {
	return string([]byte{byte('0' + i/100%10), byte('0' + i/10%10), byte('0' + i%10)})
}
