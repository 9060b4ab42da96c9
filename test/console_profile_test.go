package test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConsoleProfile: a user changes their name, phone and address on the
// console's profile page, previews a picture before uploading it and sees
// the saved one, changes the password with its concurrency stamp (the old
// one no longer signs in; the console stays signed in, also after a
// reload), turns on TOTP with a code from an authenticator and makes new
// recovery codes.
func TestConsoleProfile(t *testing.T) {
	axe := axeSource(t)
	br := browser(t)
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Console Profile Spa "+h.engine)
		c := openConsole(t, br, h, "/signin")
		bookingSignIn(t, c, tm.email, tm.password)
		c.bookingVisit("/profile")
		if got := c.text("#profile-email"); got != tm.email {
			t.Errorf("the profile names %q, want %q", got, tm.email)
		}

		c.fill("profile-details", map[string]string{"first_name": "Maria", "last_name": "Santos", "phone": "+63 917 555 0199"})
		if kind, text := c.submit("profile-details"); kind != "ok" {
			t.Fatalf("saving name and phone: %s %q", kind, text)
		}
		me := h.get(t, "/api/v1/me", tm.owner).expect(http.StatusOK).obj()
		if me.str("first_name") != "Maria" || me.str("last_name") != "Santos" || me.str("phone") != "+63 917 555 0199" {
			t.Errorf("profile after the console's change: %v", me)
		}
		c.fill("profile-details", map[string]string{"phone": "12"})
		if kind, text := c.submit("profile-details"); kind != "error" || c.text("#profile-details .field-error:not([hidden])") == "" {
			t.Errorf("a phone too short: %s %q, field %q", kind, text, c.text("#profile-details .field-error:not([hidden])"))
		}
		c.fill("profile-addresses", map[string]string{"primary_address.line1": "12 Rizal Ave", "primary_address.city": "Makati", "primary_address.country": "PH"})
		if kind, text := c.submit("profile-addresses"); kind != "ok" {
			t.Fatalf("saving the address: %s %q", kind, text)
		}
		addr := h.get(t, "/api/v1/me", tm.owner).expect(http.StatusOK).obj().sub("primary_address")
		if addr.str("city") != "Makati" || addr.str("line1") != "12 Rizal Ave" || addr.str("country") != "PH" {
			t.Errorf("primary address after the console's change: %v", addr)
		}

		// The picture: a preview of the chosen file (a blob: URL), then the saved one.
		file := filepath.Join(t.TempDir(), "me.png")
		if err := os.WriteFile(file, tinyPNG(t), 0o644); err != nil {
			t.Fatal(err)
		}
		if c.count("#picture-current:not([hidden])") != 0 {
			t.Errorf("a saved picture is shown before any upload")
		}
		c.do("choose the picture", chromedp.SetUploadFiles(chromedp.CSS(`#profile-picture input[type=file]`), []string{file}))
		c.bookingWait("the preview shows", `(() => { const p = document.getElementById('picture-preview'); return !p.hidden && p.src.startsWith('blob:') && p.complete && p.naturalWidth === 4 })()`)
		if kind, text := c.submit("profile-picture"); kind != "ok" {
			t.Fatalf("uploading the picture: %s %q", kind, text)
		}
		url := h.get(t, "/api/v1/me", tm.owner).expect(http.StatusOK).obj().str("picture_url")
		if !strings.Contains(url, "/picture") {
			t.Fatalf("picture_url after the upload: %q", url)
		}
		c.bookingWait("the saved picture shows", `(() => { const p = document.getElementById('picture-current'); return !p.hidden && p.src.includes('/api/v1/users/') && p.complete && p.naturalWidth === 4 })()`)
		c.screenshot("profile")
		c.axe(axe, "profile")

		// The password, with its stamp: the old one fails, the console goes on.
		const newPassword = "Another-Horse-Battery-42"
		c.fill("profile-password", map[string]string{"current_password": "not-my-password-1", "new_password": newPassword})
		if kind, text := c.submit("profile-password"); kind != "error" || text == "" {
			t.Errorf("a wrong current password: %s %q", kind, text)
		}
		c.fill("profile-password", map[string]string{"current_password": tm.password, "new_password": newPassword})
		if kind, text := c.submit("profile-password"); kind != "ok" {
			t.Fatalf("changing the password: %s %q", kind, text)
		}
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": tm.email, "password": tm.password}).expect(http.StatusUnauthorized)
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": tm.email, "password": newPassword}).expect(http.StatusOK)
		c.fill("profile-details", map[string]string{"phone": "+63 917 555 0100"})
		if kind, text := c.submit("profile-details"); kind != "ok" {
			t.Errorf("saving after the password change: %s %q", kind, text)
		}
		c.open("/profile") // a reload: the new cookie restores the session
		if c.page() != "/profile" || !strings.Contains(c.text("#top"), tm.email) {
			t.Fatalf("after the password change and a reload: page %s, header %q", c.page(), c.text("#top"))
		}
		token := h.scoped(t, tm.email, newPassword, tm.tenantID)

		// TOTP: set up, confirm with the authenticator's code, new recovery codes.
		c.bookingWait("the TOTP state", `!!document.querySelector('#totp[data-state="off"] button.totp-start')`)
		c.click("#totp button.totp-start")
		c.bookingWait("the enrolment", `!!document.querySelector('#totp-secret') && !!document.querySelector('#totp-confirm')`)
		app := newAuthenticator(t, h.clock, c.text("#totp-secret"))
		c.screenshot("profile-totp")
		c.axe(axe, "profile-totp")
		c.fill("totp-confirm", map[string]string{"code": "000000"})
		if kind, _ := c.submit("totp-confirm"); kind != "error" {
			t.Errorf("a wrong code turned TOTP on: %s", kind)
		}
		c.fill("totp-confirm", map[string]string{"code": app.next()})
		c.click("#totp-confirm button[type=submit]")
		c.bookingWait("TOTP on", `!!document.querySelector('#totp[data-state="on"]')`)
		if got := c.text("#totp-codes-left"); !strings.Contains(got, "10 recovery codes") {
			t.Errorf("after turning TOTP on: %q", got)
		}
		first := c.text("#recovery-codes")
		if n := c.count("#recovery-codes li"); n != 10 {
			t.Errorf("%d recovery codes shown after the set-up, want 10", n)
		}
		st := h.get(t, "/api/v1/me/mfa/totp", token).expect(http.StatusOK).obj()
		if !st.boolean("enabled") {
			t.Errorf("TOTP status after the console's set-up: %v", st)
		}
		c.fill("totp-recovery", map[string]string{"code": app.next()})
		c.click("#totp-recovery button[type=submit]")
		c.bookingWait("new recovery codes", fmt.Sprintf(`(() => { const l = document.querySelector('#recovery-codes'); return !!l && l.innerText !== %q })()`, first))
		if n := c.count("#recovery-codes li"); n != 10 {
			t.Errorf("%d new recovery codes shown, want 10", n)
		}
		again := strings.Fields(c.text("#recovery-codes"))
		for _, old := range strings.Fields(first) {
			if slices.Contains(again, old) {
				t.Errorf("the old recovery code %q is among the new ones", old)
			}
		}
		c.fill("totp-disable", map[string]string{"code": app.next()})
		c.click("#totp-disable button[type=submit]")
		c.bookingWait("TOTP off", `!!document.querySelector('#totp[data-state="off"]')`)
		if st := h.get(t, "/api/v1/me/mfa/totp", token).expect(http.StatusOK).obj(); st.boolean("enabled") {
			t.Errorf("TOTP still on after the console turned it off: %s", st)
		}
	})
}
