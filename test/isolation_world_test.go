package test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"slices"
	"testing"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/membership"
)

// side is one tenant of the isolation matrix with one resource of every
// type a route can name.
type side struct {
	tenantID, slug, name, email string // email: the business's
	owner                       string // the owner's tenant-scoped access token
	refresh                     string // a refresh token of the owner's session in the tenant
	outlets                     [2]string
	outletNames                 [2]string
	users                       map[membership.Role]string // user id of the member holding each role
	emails                      map[membership.Role]string
	inviteID, inviteEmail       string
	keyID, keyPrefix, key       string    // an API key with every scope
	services, staff             [2]string // limited to, and working at, outlets[0] and outlets[1]
	serviceNames, staffNames    [2]string
	customerID, customerName    string    // a customer (tenant-wide: no outlet)
	appointments                [2]string // the customer's, with staff[i] for services[i] at outlets[i]
	hookID, deliveryID          string    // a webhook endpoint receiving tenant.updated, and its delivery of one
}

// boundRoles are the roles bound to their outlets (issue 4: outlet
// managers manage, staff and receptionists read, only their outlets).
var boundRoles = []membership.Role{membership.OutletManager, membership.Staff, membership.Receptionist}

// newSide registers a business called name and gives it two outlets, a
// member of every role (the bound ones bound to the first outlet), an API
// key with every scope, a pending invitation, an owner's picture and a logo, all
// through the API. Members get passwords only when they are to sign in
// (withLogins), since hashing one costs a while.
func (m *matrix) newSide(t *testing.T, name string, withLogins bool) (*side, map[membership.Role]string) {
	t.Helper()
	h := m.h
	acc := h.register(t, name)
	// Unlimited: the matrix creates as many outlets, keys and invitations
	// as its cases need (plan limits are limits_*_test.go's).
	h.onPlan(t, acc.tenantID, "enterprise")
	lo := h.loginBody(t, acc.email, acc.password, acc.tenantID)
	s := &side{tenantID: acc.tenantID, slug: acc.slug, name: name, email: registration(name)["business_email"].(string),
		owner: lo.str("access_token"), refresh: lo.str("refresh_token"),
		users:  map[membership.Role]string{membership.Owner: claims(t, lo.str("access_token")).str("sub")},
		emails: map[membership.Role]string{membership.Owner: acc.email}}
	for i, city := range []string{"Makati", "Cebu"} {
		s.outletNames[i] = fmt.Sprintf("%s Outlet %d", name, i+1)
		s.outlets[i] = h.createOutlet(t, s.owner, s.outletNames[i], city)
	}
	for i, o := range s.outlets {
		s.serviceNames[i] = fmt.Sprintf("%s Service %d", name, i+1)
		s.services[i] = h.createService(t, s.owner, s.serviceNames[i], o)
		s.staffNames[i] = fmt.Sprintf("%s Stylist %d", name, i+1)
		s.staff[i] = h.createStaff(t, s.owner, s.staffNames[i], o)
	}
	tokens := map[membership.Role]string{membership.Owner: s.owner}
	for _, role := range membership.Roles()[1:] {
		email := string(role) + "@" + key(name) + ".example.com"
		body := map[string]any{"email": email, "first_name": "Member", "last_name": string(role), "role": role}
		if slices.Contains(boundRoles, role) {
			body["outlet_ids"] = []string{s.outlets[0]}
		}
		if withLogins {
			body["password"] = goodPassword
		}
		s.users[role] = h.post(t, "/api/v1/users", s.owner, body).expect(http.StatusCreated).obj().str("id")
		s.emails[role] = email
		if withLogins {
			tokens[role] = h.scoped(t, email, goodPassword, s.tenantID)
		}
	}
	k := h.createKey(t, s.owner, name+" key", "prod", apikey.Scopes()...)
	s.keyID, s.keyPrefix, s.key = k.str("id"), k.str("prefix"), k.str("key")
	s.inviteEmail = "invitee@" + key(name) + ".example.com"
	s.inviteID = h.post(t, "/api/v1/invites", s.owner, map[string]any{"email": s.inviteEmail, "role": "staff"}).
		expect(http.StatusCreated).obj().str("id")
	s.customerName = name + " Customer"
	s.customerID = h.createCustomer(t, s.owner, s.customerName, "customer@"+key(name)+".example.com").str("id")
	for i, o := range s.outlets {
		h.put(t, "/api/v1/staff/"+s.staff[i], s.owner, map[string]any{"service_ids": []string{s.services[i]}}).expect(http.StatusOK)
		s.appointments[i] = h.book(t, s.owner, o, s.customerID, s.services[i], s.staff[i], h.nextSlot(10, 0))
	}
	h.upload(t, "/api/v1/me/picture", s.owner, "picture", "me.png", tinyPNG(t)).expect(http.StatusOK)
	h.upload(t, logoPath(s.tenantID), s.owner, "logo", "logo.png", tinyPNG(t)).expect(http.StatusOK)
	// A webhook endpoint with a delivery (to a closed port: it stays pending).
	s.hookID = h.post(t, "/api/v1/webhooks", s.owner, map[string]any{"url": deadHookURL, "event_types": []string{"tenant.updated"}}).
		expect(http.StatusCreated).obj().str("id")
	h.put(t, "/api/v1/tenants/"+s.tenantID, s.owner, map[string]any{"description": name + " mirrored"}).expect(http.StatusOK)
	ds := h.get(t, "/api/v1/webhooks/"+s.hookID+"/deliveries", s.owner).expect(http.StatusOK).list()
	if len(ds) != 1 {
		t.Fatalf("%d deliveries of the matrix's endpoint, want 1", len(ds))
	}
	s.deliveryID = ds[0].str("id")
	return s, tokens
}

// identifiers lists what identifies s: ids, names, slug, emails, key
// prefix and secret. None may reach a caller of the other tenant.
func (s *side) identifiers() []string {
	out := []string{s.tenantID, s.slug, s.name, s.email, s.inviteID, s.inviteEmail, s.keyID, s.keyPrefix, s.key,
		s.customerID, s.customerName, s.hookID, s.deliveryID}
	out = append(out, s.outlets[:]...)
	out = append(out, s.outletNames[:]...)
	out = append(out, s.services[:]...)
	out = append(out, s.serviceNames[:]...)
	out = append(out, s.staff[:]...)
	out = append(out, s.appointments[:]...)
	out = append(out, s.staffNames[:]...)
	for _, r := range membership.Roles() {
		out = append(out, s.users[r], s.emails[r])
	}
	return out
}

// callers are the ways of calling the API as tenant A: each role's
// tenant-scoped token, the API key with every scope, and no credentials.
func (m *matrix) newCallers(tokens map[membership.Role]string) []*caller {
	var out []*caller
	for _, r := range membership.Roles() {
		out = append(out, &caller{name: string(r), role: r, token: tokens[r], userID: m.a.users[r], email: m.a.emails[r]})
	}
	return append(out, &caller{name: "api_key", key: m.a.key}, &caller{name: "anonymous"})
}

// --- throwaway targets for the calls that destroy what they aim at --------

// unique returns a fresh name part.
func (m *matrix) unique() string {
	m.seq++
	return fmt.Sprintf("%03d", m.seq)
}

// throwawayMember adds a viewer without a password (no hash to compute) to
// tenant A and returns their user id.
func (m *matrix) throwawayMember(t *testing.T) string {
	t.Helper()
	return m.h.post(t, "/api/v1/users", m.a.owner, map[string]any{"email": "temp" + m.unique() + "@alpha-iso.example.com",
		"first_name": "Temp", "last_name": "Member", "role": "viewer"}).expect(http.StatusCreated).obj().str("id")
}

// throwawayOutlet adds an outlet to tenant A and returns its id.
func (m *matrix) throwawayOutlet(t *testing.T) string {
	t.Helper()
	return m.h.createOutlet(t, m.a.owner, "Temp Outlet "+m.unique(), "Davao")
}

// throwawayService adds a service of tenant A at outlet and returns its id.
func (m *matrix) throwawayService(t *testing.T, outlet string) string {
	t.Helper()
	return m.h.createService(t, m.a.owner, "Temp Service "+m.unique(), outlet)
}

// throwawayStaff adds a staff member of tenant A at outlet and returns its id.
func (m *matrix) throwawayStaff(t *testing.T, outlet string) string {
	t.Helper()
	return m.h.createStaff(t, m.a.owner, "Temp Stylist "+m.unique(), outlet)
}

// throwawayBooking books the customer of tenant A at outlet with a new
// staff member providing the outlet's service, and returns its id.
func (m *matrix) throwawayBooking(t *testing.T, outlet string) string {
	t.Helper()
	i := slices.Index(m.a.outlets[:], outlet)
	body := staffBody("Temp Booker "+m.unique(), outlet)
	body["service_ids"] = []string{m.a.services[i]}
	staff := m.h.post(t, "/api/v1/staff", m.a.owner, body).expect(http.StatusCreated).obj().str("id")
	return m.h.book(t, m.a.owner, outlet, m.a.customerID, m.a.services[i], staff, m.h.nextSlot(11, 0))
}

// throwawayInvite invites a new address to tenant A and returns the invitation's id.
func (m *matrix) throwawayInvite(t *testing.T) string {
	t.Helper()
	return m.h.post(t, "/api/v1/invites", m.a.owner, map[string]any{"email": "temp" + m.unique() + "@invitee.example.com",
		"role": "viewer"}).expect(http.StatusCreated).obj().str("id")
}

// throwawayKey creates an API key of tenant A and returns its id.
func (m *matrix) throwawayKey(t *testing.T) string {
	t.Helper()
	return m.h.createKey(t, m.a.owner, "Temp key "+m.unique(), "dev").str("id")
}

// deadHookURL is a webhook URL the matrix's endpoints use: loopback http
// (the harness allows it) to a port nothing listens on.
const deadHookURL = "http://127.0.0.1:9/hooks"

// throwawayHook is a new webhook endpoint of tenant A, for a call that
// deletes it.
func (m *matrix) throwawayHook(t *testing.T) string {
	t.Helper()
	return m.h.post(t, "/api/v1/webhooks", m.a.owner, map[string]any{"url": deadHookURL, "enabled": false}).
		expect(http.StatusCreated).obj().str("id")
}

// freshToken is a new tenant-scoped token of a member, for a call that ends it.
func (m *matrix) freshToken(t *testing.T, c *caller) string {
	t.Helper()
	return m.h.post(t, "/api/v1/auth/select-tenant", c.token, map[string]any{"tenant_id": m.a.tenantID}).
		expect(http.StatusOK).obj().str("access_token")
}

// tinyPNG is a 4×4 picture.
func tinyPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for i := range 16 {
		img.Set(i%4, i/4, color.RGBA{R: uint8(i * 16), G: 80, B: 160, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
