package test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tenantry "github.com/tenantry/tenantry/client"
	"github.com/tenantry/tenantry/internal/mailtest"
)

// TestClientJourney drives a whole journey through the generated Go client
// and its Session helper, as an application built on Tenantry would: a
// change to the API that breaks the client fails here (and the build).
// Register a business, log in, select its tenant, create an outlet, invite
// a member who accepts, list the members, create an API key and call with
// it, refresh, log out.
func TestClientJourney(t *testing.T) {
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		ctx := context.Background()
		anon := h.apiClient(t)

		reg, err := anon.PostPublicRegisterWithResponse(ctx, tenantry.RegisterRequest{
			BusinessName: "Client Journey Spa", BusinessEmail: "contact@journey.example.com",
			AdminFirstName: "Maria", AdminLastName: "Rodriguez", AdminEmail: "owner@journey.example.com",
			AdminPassword: goodPassword, TermsAccepted: true, PrivacyAccepted: true,
		})
		must(t, tenantry.Check(reg, err, http.StatusCreated))
		tenantID := reg.JSON201.TenantID

		s := h.session(t)
		login, err := s.Login(ctx, tenantry.LoginRequest{Email: "owner@journey.example.com", Password: goodPassword})
		must(t, err)
		if login.Tenants == nil || len(*login.Tenants) != 1 || (*login.Tenants)[0].ID != tenantID || (*login.Tenants)[0].Role != "owner" {
			t.Fatalf("login lists tenants %+v, want %s as owner", login.Tenants, tenantID)
		}
		if s.TenantID() != "" {
			t.Fatalf("a global login acts in tenant %q", s.TenantID())
		}
		sel, err := s.SelectTenant(ctx, tenantID)
		must(t, err)
		if sel.Role != "owner" || s.TenantID() != tenantID {
			t.Fatalf("selected %+v, session in %q", sel, s.TenantID())
		}
		c, err := s.Client()
		must(t, err)

		outlet, err := c.PostOutletsWithResponse(ctx, tenantry.OutletRequest{Name: new("Main"), Timezone: new("Asia/Manila"),
			Address: &tenantry.AddressPatch{Line1: new("12 Rizal Ave"), City: new("Manila"), Country: new("PH")}})
		must(t, tenantry.Check(outlet, err, http.StatusCreated))
		got, err := c.GetOutletsByOutletIDWithResponse(ctx, outlet.JSON201.ID)
		must(t, tenantry.Check(got, err, http.StatusOK))
		if o := got.JSON200; o.Name != "Main" || o.Address.City != "Manila" || o.TenantID != tenantID {
			t.Fatalf("outlet %+v", o)
		}

		inv, err := c.PostInvitesWithResponse(ctx, tenantry.InviteRequest{Email: "nina@journey.example.com", Role: "staff",
			OutletIDs: &[]string{outlet.JSON201.ID}})
		must(t, tenantry.Check(inv, err, http.StatusCreated))
		if inv.JSON201.Status != "pending" || !slices.Equal(inv.JSON201.OutletIDs, []string{outlet.JSON201.ID}) {
			t.Fatalf("invite %+v", inv.JSON201)
		}
		token := linkToken(t, nthMail(t, srv, "nina@journey.example.com", inviteSubject+"Client Journey Spa", 1), "/accept-invite")
		acc, err := anon.PostInvitesAcceptWithResponse(ctx, tenantry.AcceptInviteRequest{Token: token, Password: new(goodPassword),
			FirstName: new("Nina"), LastName: new("Cruz")})
		must(t, tenantry.Check(acc, err, http.StatusOK))
		if acc.JSON200.TenantID != tenantID || acc.JSON200.Session == nil || acc.JSON200.Session.AccessToken == nil {
			t.Fatalf("accepted %+v", acc.JSON200)
		}

		nina := h.session(t) // the invitation's acceptance signed her in to the tenant
		must(t, nina.Adopt(acc.JSON200.Session))
		ninaClient, err := nina.Client()
		must(t, err)
		ninaMe, err := ninaClient.GetMeWithResponse(ctx)
		must(t, tenantry.Check(ninaMe, err, http.StatusOK))
		if ninaMe.JSON200.Email != "nina@journey.example.com" || nina.TenantID() != tenantID {
			t.Fatalf("the invited member's session: %+v in %q", ninaMe.JSON200, nina.TenantID())
		}

		members, err := c.GetMembersWithResponse(ctx, &tenantry.GetMembersParams{})
		must(t, tenantry.Check(members, err, http.StatusOK))
		roles := map[string]string{}
		for _, m := range *members.JSON200 {
			roles[m.Email] = m.Role
		}
		if len(roles) != 2 || roles["owner@journey.example.com"] != "owner" || roles["nina@journey.example.com"] != "staff" {
			t.Fatalf("members %v", roles)
		}
		if members.Headers200 == nil || members.Headers200.XTotalCount == nil || *members.Headers200.XTotalCount != 2 {
			t.Fatalf("X-Total-Count %+v", members.Headers200)
		}

		key, err := c.PostAPIKeysWithResponse(ctx, tenantry.CreateAPIKeyRequest{Name: "sync", Environment: "prod",
			Scopes: &[]string{"outlets:read"}})
		must(t, tenantry.Check(key, err, http.StatusCreated))
		machine := h.apiClient(t, tenantry.WithAPIKey(key.JSON201.Key))
		listed, err := machine.GetOutletsWithResponse(ctx, nil)
		must(t, tenantry.Check(listed, err, http.StatusOK))
		if len(*listed.JSON200) != 1 || (*listed.JSON200)[0].ID != outlet.JSON201.ID {
			t.Fatalf("outlets listed with the key: %+v", *listed.JSON200)
		}
		refused, err := machine.GetMembersWithResponse(ctx, nil) // members:read is not among the key's scopes
		if code := tenantry.ProblemCode(tenantry.Check(refused, err, http.StatusOK)); code == "" {
			t.Fatalf("the key listed members: %d", refused.StatusCode())
		}

		before, err := s.AccessToken(ctx)
		must(t, err)
		must(t, s.Refresh(ctx))
		after, err := s.AccessToken(ctx)
		must(t, err)
		if after == before || s.TenantID() != tenantID {
			t.Fatalf("refresh: token changed %v, session in %q", after != before, s.TenantID())
		}
		me, err := c.GetTenantsMeWithResponse(ctx) // the refreshed token still acts in the selected tenant
		must(t, tenantry.Check(me, err, http.StatusOK))
		if me.JSON200.ID != tenantID {
			t.Fatalf("after the refresh the session acts in %s", me.JSON200.ID)
		}

		must(t, s.Logout(ctx))
		if _, err := c.GetMeWithResponse(ctx); !errors.Is(err, tenantry.ErrNotSignedIn) {
			t.Fatalf("a request after logout: %v", err)
		}
		old, err := anon.GetMeWithResponse(ctx, tenantry.WithToken(after))
		must(t, tenantry.Check(old, err, http.StatusUnauthorized))
	})
}

// TestClientSessionRefreshesOn401: once the server no longer takes the
// access token (it expired on the server's clock), the session's requests
// refresh it and are sent again; requests that meet the 401 together
// refresh once, so the server never sees a refresh token reused (which
// would end the session) and every request succeeds.
func TestClientSessionRefreshesOn401(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		ctx := context.Background()
		tm := h.newTeam(t, "Refresh Spa")
		rec := &statusLog{doer: h.client}
		s, err := tenantry.NewSession(h.base, tenantry.WithDoer(rec))
		must(t, err)
		_, err = s.Login(ctx, tenantry.LoginRequest{Email: tm.email, Password: tm.password})
		must(t, err)
		_, err = s.SelectTenant(ctx, tm.tenantID)
		must(t, err)
		c, err := s.Client()
		must(t, err)
		before, err := s.AccessToken(ctx)
		must(t, err)

		outlet, err := c.PostOutletsWithResponse(ctx, tenantry.OutletRequest{Name: new("Main")})
		must(t, tenantry.Check(outlet, err, http.StatusCreated))

		h.clock.advance(h.cfg.AccessTTL + time.Minute)
		var wg sync.WaitGroup
		errs := make([]error, 4) // requests with a body: sent again after the refresh
		for i := range errs {
			wg.Go(func() {
				r, err := c.PutOutletsByOutletIDWithResponse(ctx, outlet.JSON201.ID, tenantry.OutletRequest{Phone: new("+63 2 555 010" + string(rune('0'+i)))})
				errs[i] = tenantry.Check(r, err, http.StatusOK)
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("request %d after the expiry: %v", i, err)
			}
		}
		after, err := s.AccessToken(ctx)
		must(t, err)
		if after == before || rec.count("/api/v1/auth/refresh", http.StatusOK) != 1 || rec.count("/api/v1/outlets/"+outlet.JSON201.ID, http.StatusUnauthorized) == 0 {
			t.Fatalf("token changed %v; requests %v", after != before, rec.seen())
		}
		me, err := c.GetTenantsMeWithResponse(ctx)
		must(t, tenantry.Check(me, err, http.StatusOK))
		if me.JSON200.ID != tm.tenantID {
			t.Fatalf("after the refresh the session acts in %s", me.JSON200.ID)
		}
		got, err := c.GetOutletsByOutletIDWithResponse(ctx, outlet.JSON201.ID)
		must(t, tenantry.Check(got, err, http.StatusOK))
		if !strings.HasPrefix(got.JSON200.Phone, "+63 2 555 010") {
			t.Fatalf("outlet %+v", got.JSON200)
		}
	})
}

// TestClientSessionRefreshesBeforeExpiry: a session whose clock says the
// access token is about to expire refreshes it before sending the request,
// so the server never sees the old token again.
func TestClientSessionRefreshesBeforeExpiry(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		ctx := context.Background()
		tm := h.newTeam(t, "Expiry Spa")
		rec := &statusLog{doer: h.client}
		var mu sync.Mutex
		now := time.Now()
		clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		s, err := tenantry.NewSession(h.base, tenantry.WithDoer(rec), tenantry.WithClock(clock))
		must(t, err)
		_, err = s.Login(ctx, tenantry.LoginRequest{Email: tm.email, Password: tm.password, TenantID: &tm.tenantID})
		must(t, err)
		c, err := s.Client()
		must(t, err)
		r, err := c.GetTenantsMeWithResponse(ctx)
		must(t, tenantry.Check(r, err, http.StatusOK))
		if rec.count("/api/v1/auth/refresh", http.StatusOK) != 0 {
			t.Fatalf("refreshed a fresh token: %v", rec.seen())
		}

		mu.Lock()
		now = now.Add(h.cfg.AccessTTL - 10*time.Second) // within the skew before expiry
		mu.Unlock()
		r, err = c.GetTenantsMeWithResponse(ctx)
		must(t, tenantry.Check(r, err, http.StatusOK))
		if r.JSON200.ID != tm.tenantID || rec.count("/api/v1/auth/refresh", http.StatusOK) != 1 || rec.count("/api/v1/tenants/me", http.StatusUnauthorized) != 0 {
			t.Fatalf("tenant %s; requests %v", r.JSON200.ID, rec.seen())
		}
	})
}

// apiClient is a generated client of h's server, without credentials
// unless opts add them.
func (h *harness) apiClient(t testing.TB, opts ...tenantry.ClientOption) *tenantry.ClientWithResponses {
	t.Helper()
	c, err := tenantry.NewClientWithResponses(h.base, append([]tenantry.ClientOption{tenantry.WithHTTPClient(h.client)}, opts...)...)
	must(t, err)
	return c
}

// session is a client Session with h's server, not yet signed in.
func (h *harness) session(t testing.TB) *tenantry.Session {
	t.Helper()
	s, err := tenantry.NewSession(h.base, tenantry.WithDoer(h.client))
	must(t, err)
	return s
}

// statusLog sends requests through doer and notes each one's path and
// answer status.
type statusLog struct {
	doer tenantry.HttpRequestDoer
	mu   sync.Mutex
	log  []string
}

func (l *statusLog) Do(req *http.Request) (*http.Response, error) {
	resp, err := l.doer.Do(req)
	if err == nil {
		l.mu.Lock()
		l.log = append(l.log, req.URL.Path+" "+http.StatusText(resp.StatusCode))
		l.mu.Unlock()
	}
	return resp, err
}

// count is how many requests to path were answered with status.
func (l *statusLog) count(path string, status int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, e := range l.log {
		if e == path+" "+http.StatusText(status) {
			n++
		}
	}
	return n
}

func (l *statusLog) seen() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.log)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
