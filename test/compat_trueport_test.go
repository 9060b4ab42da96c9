package test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/mail"
)

// TestCompatTrueportExamples replays every request example of the trueport
// document, unchanged but for the ids, codes and tokens of this run, in the
// order a client meets them, and checks each answer's status and the field
// names and JSON types of the document's response.
func TestCompatTrueportExamples(t *testing.T) {
	t.Parallel()
	examples := seedExamples(t, "trueport")
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		db := h.srv.App.DB()
		tokens := map[string]string{"none": "", "admin": h.admin(t)}
		vals := map[string]string{}
		subst := map[string]string{}
		password := "SecurePassword123!"
		deviations := 0
		for _, ex := range examples {
			switch ex.Name { // what a client does between the document's examples
			case "otp verify":
				subst["847291"] = newestSecret(t, db, "dev@acme.com", mail.KindOTP)
			case "remove member":
				vals["{user_id}"] = h.post(t, "/api/v1/users", tokens["scoped"], map[string]any{"email": "leaver@acme.com",
					"first_name": "Lee", "last_name": "Ver", "role": "viewer"}).expect(http.StatusCreated).obj().str("id")
			case "reset password":
				subst["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..."] = newestSecret(t, db, "dev@acme.com", mail.KindReset)
			case "change password":
				tokens["global"] = h.token(t, "dev@acme.com", password) // the reset ended every session
				subst["OldPassword123!"] = password
			case "storage, Azure": // the document elides the connection string
				subst["DefaultEndpointsProtocol=https;AccountName=..."] = "DefaultEndpointsProtocol=https;AccountName=acmeaudit;" +
					"AccountKey=" + base64.StdEncoding.EncodeToString([]byte("an example account key, 64 bytes long, for the replay....")) +
					";EndpointSuffix=core.windows.net"
			}
			r := h.do(t, ex.Method, fillPath(ex.Path, vals), req{body: replace(ex.Body, subst), token: tokens[ex.Auth]})
			if d := ex.Deviation; d != nil {
				deviations++
				if r.status != d.Status {
					t.Errorf("%s: answered %d, want the documented deviation %d (%s): %s", ex.Name, r.status, d.Status, d.Why, r.body)
				}
				continue
			}
			if r.status != ex.Status {
				t.Errorf("%s: %s %s answered %d, the document %d: %s", ex.Name, ex.Method, ex.Path, r.status, ex.Status, r.body)
				continue
			}
			if ex.Status >= 400 {
				r.problem(ex.Status, problemCode(r))
				continue
			}
			var got any
			if len(r.body) > 0 {
				if err := json.Unmarshal(r.body, &got); err != nil {
					t.Errorf("%s: not JSON: %s", ex.Name, r.body)
					continue
				}
			}
			if d := sameShape(got, ex.Response, "$"); len(d) > 0 {
				t.Errorf("%s: the answer differs from the document's:\n  %s\n  got %s", ex.Name, strings.Join(d, "\n  "), r.body)
			}
			o, _ := got.(map[string]any)
			switch ex.Name { // what the client keeps from an answer
			case "register":
				vals["{owner_id}"] = o["id"].(string)
			case "login":
				tokens["global"] = o["access_token"].(string)
			case "create organization":
				vals["{tenant_id}"], subst["ten_x1y2z3w4"] = o["id"].(string), o["id"].(string)
			case "select tenant":
				tokens["scoped"] = o["access_token"].(string)
				if o["role"] != "owner" {
					t.Errorf("select tenant: role %v, want owner", o["role"])
				}
			case "invite":
				if o["role"] != "member" {
					t.Errorf("invite: role %v, want the seed's member", o["role"])
				}
			case "reset password":
				password = "NewSecurePassword456!"
			case "change password, a stronger one":
				password = "Another-Secure-Passw0rd-789"
			}
		}
		line := fmt.Sprintf("compat trueport (%s): %d examples of the document replayed, %d answered as documented, %d documented deviations",
			h.engine, len(examples), len(examples)-deviations, deviations)
		t.Log(line)
		fmt.Println(line)
	})
}

// TestCompatSwitchedOff: an installation that leaves the trueport surface
// out (TENANTRY_COMPAT) answers its paths like any unknown path, and the
// native API as before.
func TestCompatSwitchedOff(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{compat: []string{}}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Native Only Spa")
		body := map[string]any{"email": acc.email, "password": acc.password}
		h.post(t, "/platform/api/global/auth/login", "", body).problem(http.StatusNotFound, "route_not_found")
		h.get(t, "/platform/api/service/info", h.scoped(t, acc.email, acc.password, acc.tenantID)).
			problem(http.StatusNotFound, "route_not_found")
		h.post(t, "/api/v1/auth/login", "", body).expect(http.StatusOK)
		for _, rt := range h.srv.API.Routes() {
			if rt.Compat != "" {
				t.Errorf("route %s %s of the %s surface is served", rt.Method, rt.Path, rt.Compat)
			}
		}
	})
}

// TestCompatTrueportDocumented: docs/compat-trueport.md names every route
// of the surface.
func TestCompatTrueportDocumented(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../docs/compat-trueport.md")
	if err != nil {
		t.Fatal(err)
	}
	h := boot(t, "sqlite", options{})
	n := 0
	for _, rt := range h.srv.API.Routes() {
		if rt.Compat != "trueport" {
			continue
		}
		n++
		if !strings.Contains(string(doc), "`"+rt.Method+" "+rt.Path+"` | `"+rt.Native+"`") {
			t.Errorf("docs/compat-trueport.md has no row for %s %s (standing for %s)", rt.Method, rt.Path, rt.Native)
		}
	}
	if n == 0 {
		t.Fatal("no trueport routes")
	}
}
