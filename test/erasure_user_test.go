package test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/membership"
)

// TestEraseUser erases a person who belongs to two tenants: they leave
// both, cannot log in, their picture and MFA go, and every audit event
// naming them keeps its place with a pseudonym instead; both chains still
// verify, reporting the pseudonymised events as redacted, while an edit
// without a redaction record is still caught.
func TestEraseUser(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		a, b := h.newTeam(t, "User Erasure One"), h.newTeam(t, "User Erasure Two")
		const email = "person@erasure.example.com"
		personID, tok := h.addMember(t, a.owner, a.tenantID, email, membership.Staff)
		h.join(t, b.tenantID, personID, membership.Staff)
		h.scoped(t, email, goodPassword, b.tenantID) // an auth.login of theirs in b's log
		h.upload(t, "/api/v1/me/picture", tok, "picture", "me.png", tinyPNG(t)).expect(http.StatusOK)
		h.change(t, a.owner, 1)
		h.seal(t)
		// More events of theirs, not sealed yet.
		h.scoped(t, email, goodPassword, a.tenantID)
		h.enrolTOTP(t, tok)

		// The sole owner of an active tenant must hand over first.
		h.post(t, "/api/v1/admin/users/"+a.ownerID+"/erase", h.admin(t), nil).problem(http.StatusConflict, "sole_owner")
		h.post(t, "/api/v1/admin/users/usr_01JZ0000000000000000000000/erase", h.admin(t), nil).
			problem(http.StatusNotFound, "user_not_found")
		h.post(t, "/api/v1/admin/users/"+personID+"/erase", a.owner, nil).problem(http.StatusForbidden, "forbidden")
		adminID := claims(t, h.admin(t)).str("sub")
		h.post(t, "/api/v1/admin/users/"+adminID+"/erase", h.admin(t), nil).problem(http.StatusConflict, "cannot_erase_self")

		r := h.post(t, "/api/v1/admin/users/"+personID+"/erase", h.admin(t), nil).expect(http.StatusOK).obj()
		pseudonym := r.str("pseudonym")
		if !strings.HasPrefix(pseudonym, "erased-user-") || r.num("tenants") != 2 || r.num("audit_events") < 3 {
			t.Fatalf("want a pseudonym, both tenants left and their events rewritten: %s", r)
		}

		// Gone: no login, no session, no membership, no row.
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": email, "password": goodPassword}).expect(http.StatusUnauthorized)
		h.get(t, "/api/v1/me", tok).expect(http.StatusUnauthorized)
		if h.userExists(t, personID) {
			t.Error("the erased user's row is left")
		}
		db := h.rawDB(t)
		if h.engine == "postgres" {
			if _, err := db.Exec(`SELECT set_config('app.system', 'on', false)`); err != nil {
				t.Fatal(err)
			}
		}
		for _, table := range []string{"memberships", "refresh_tokens", "user_pictures", "user_totp", "user_recovery_codes"} {
			var n int
			if err := db.QueryRow(h.rebind(`SELECT COUNT(*) FROM `+table+` WHERE user_id = ?`), personID).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				t.Errorf("%d rows of the erased user left in %s", n, table)
			}
		}

		// The audit log keeps the events, naming the pseudonym only.
		for _, tm := range []team{a, b} {
			body := string(h.get(t, "/api/v1/audit-logs?limit=500", tm.owner).expect(http.StatusOK).body)
			if strings.Contains(body, personID) || strings.Contains(strings.ToLower(body), email) {
				t.Errorf("%s's audit log still names the erased person", tm.slug)
			}
			if !strings.Contains(body, pseudonym) {
				t.Errorf("%s's audit log should name the pseudonym", tm.slug)
			}
			v := h.verifyAudit(t, tm.owner, tm.tenantID)
			if !v.boolean("ok") || v.num("redacted") < 1 {
				t.Errorf("%s's chain should verify with redacted events: %s", tm.slug, v)
			}
		}
		h.seal(t) // the rewritten, unsealed event is sealed as it is now
		if v := h.verifyAudit(t, a.owner, a.tenantID); !v.boolean("ok") || v.num("unsealed") != 0 {
			t.Errorf("after sealing the rest: %s", v)
		}
		// The platform's log has the erasure, by pseudonym.
		found := false
		for _, e := range h.get(t, "/api/v1/audit-logs?tenant_id=public&action=user.erase&limit=10", h.admin(t)).expect(http.StatusOK).list() {
			found = found || e.str("resource_id") == pseudonym
		}
		if !found {
			t.Error("no user.erase event in the platform's log")
		}
		reports, err := h.srv.App.VerifyAllAudit(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, rep := range reports {
			if !rep.OK {
				t.Errorf("after the user's erasure: %+v", rep)
			}
		}

		// An export verifies offline too: it carries the redaction records.
		for _, format := range []string{"ndjson", "csv"} {
			body := h.get(t, "/api/v1/audit-logs/export?format="+format, a.owner).expect(http.StatusOK).body
			rep, err := audit.VerifyFile(bytes.NewReader(body))
			if err != nil || !rep.OK || rep.Redacted < 1 {
				t.Errorf("the %s export should verify offline with redacted events: %+v, %v", format, rep, err)
			}
		}

		// A rewrite without a redaction record is still an edit, and so is
		// a further change to a redacted event.
		tamper := h.tamperer(t)
		var redacted, plain string
		q := h.rebind(`SELECT l.id, CASE WHEN r.event_id IS NULL THEN 0 ELSE 1 END FROM audit_logs l
			JOIN audit_chain c ON c.tenant_id = l.tenant_id AND c.event_id = l.id
			LEFT JOIN audit_redactions r ON r.tenant_id = l.tenant_id AND r.event_id = l.id WHERE l.tenant_id = ? ORDER BY c.seq`)
		rows, err := tamper.Query(q, a.tenantID)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id string
			var isRedacted int
			if err := rows.Scan(&id, &isRedacted); err != nil {
				t.Fatal(err)
			}
			if isRedacted == 1 && redacted == "" {
				redacted = id
			} else if isRedacted == 0 && plain == "" {
				plain = id
			}
		}
		if err := rows.Close(); err != nil || redacted == "" || plain == "" {
			t.Fatalf("want a redacted and a plain sealed event: %q %q %v", redacted, plain, err)
		}
		for _, target := range []string{plain, redacted} {
			var was string
			if err := tamper.QueryRow(h.rebind(`SELECT actor_email FROM audit_logs WHERE tenant_id = ? AND id = ?`), a.tenantID, target).
				Scan(&was); err != nil {
				t.Fatal(err)
			}
			set := func(v string) {
				if _, err := tamper.Exec(h.rebind(`UPDATE audit_logs SET actor_email = ? WHERE tenant_id = ? AND id = ?`), v, a.tenantID, target); err != nil {
					t.Fatal(err)
				}
			}
			set("forged@example.com")
			v := h.verifyAudit(t, a.owner, a.tenantID)
			if v.boolean("ok") || v.sub("problem").str("kind") != "edited" || v.sub("problem").str("event_id") != target {
				t.Errorf("an edit of event %s should be caught as edited: %s", target, v)
			}
			set(was)
			if v := h.verifyAudit(t, a.owner, a.tenantID); !v.boolean("ok") {
				t.Errorf("restored, the chain should verify again: %s", v)
			}
		}
	})
}
