package test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/mailtest"
)

// Subjects of the messages the identity flows send.
const (
	codeSubject  = "Your sign-in code: "
	resetSubject = "Reset your password"
)

// mailsTo lists the messages delivered to the address to whose subject
// starts with subject, in the order they arrived.
func mailsTo(srv *mailtest.Server, to, subject string) []mailtest.Received {
	var out []mailtest.Received
	for _, m := range srv.To(to) {
		if strings.HasPrefix(m.Subject, subject) {
			out = append(out, m)
		}
	}
	return out
}

// nthMail waits for the n-th message (from 1) delivered to the address to
// whose subject starts with subject.
func nthMail(t testing.TB, srv *mailtest.Server, to, subject string, n int) mailtest.Received {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if got := mailsTo(srv, to, subject); len(got) >= n {
			return got[n-1]
		}
	}
	t.Fatalf("message %d to %s (%q) never arrived (%d did)", n, to, subject, len(mailsTo(srv, to, subject)))
	return mailtest.Received{}
}

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

// codeOf reads the sign-in code of a delivered message, from its subject
// and, identically, its text.
func codeOf(t testing.TB, m mailtest.Received) string {
	t.Helper()
	code := sixDigits.FindString(m.Subject)
	if code == "" || sixDigits.FindString(m.Text) != code {
		t.Fatalf("no sign-in code in %q / %q", m.Subject, m.Text)
	}
	return code
}

// resetTokenOf reads the token of the reset link in a delivered message.
func resetTokenOf(t testing.TB, m mailtest.Received) string {
	t.Helper()
	link := regexp.MustCompile(`https?://\S+/reset-password\?\S+`).FindString(m.Text)
	u, err := url.Parse(link)
	if err != nil || u.Query().Get("token") == "" {
		t.Fatalf("no reset link in %q", m.Text)
	}
	return u.Query().Get("token")
}

// requestCode asks for a sign-in code for email and returns the n-th code
// delivered to it.
func (h *harness) requestCode(t testing.TB, srv *mailtest.Server, email string, n int) string {
	t.Helper()
	h.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": email}).expect(http.StatusOK)
	return codeOf(t, nthMail(t, srv, email, codeSubject, n))
}

// newAccount registers a global account and returns its email.
func (h *harness) newAccount(t testing.TB, email string) string {
	t.Helper()
	h.post(t, "/api/v1/auth/register", "", map[string]any{"email": email, "password": goodPassword,
		"first_name": "Jane", "last_name": "Doe"}).expect(http.StatusCreated)
	return email
}

// upload sends file as the part named field of a multipart/form-data body.
func (h *harness) upload(t testing.TB, path, token, field, filename string, file []byte) *response {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	w, err := mw.CreateFormFile(field, filename)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(file)
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return h.do(t, http.MethodPut, path, req{token: token, body: raw(b.String()),
		header: map[string]string{"Content-Type": mw.FormDataContentType()}})
}
