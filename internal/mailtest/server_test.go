package mailtest

import (
	"crypto/tls"
	"net/smtp"
	"strings"
	"testing"
	"time"
)

func send(addr string, auth smtp.Auth, to, body string) error {
	return smtp.SendMail(addr, auth, "from@example.com", []string{to}, []byte(strings.ReplaceAll(body, "\n", "\r\n")))
}

const qpMessage = `From: Tenantry <from@example.com>
To: ana@example.com
Subject: =?UTF-8?q?Caf=C3=A9_code?=
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

Your code is 123456 =E2=80=94 a very long line that quoted-printable wraps wi=
th a soft break.
`

const base64Message = `From: from@example.com
To: bo@example.com
Subject: plain
Content-Type: multipart/alternative; boundary=XX

--XX
Content-Type: text/html

<p>html</p>
--XX
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

SGVsbG8gQm8s
CnNlZSB5b3Uu
--XX--
`

func TestReceiveAndDecode(t *testing.T) {
	s := Start(t)
	if !strings.HasPrefix(s.URL(), "smtp://127.0.0.1:") || strings.Contains(s.URL(), "@") {
		t.Fatalf("URL = %q", s.URL())
	}
	if err := send(s.Addr(), nil, "ana@example.com", qpMessage); err != nil {
		t.Fatal(err)
	}
	if err := send(s.Addr(), nil, "bo@example.com", base64Message); err != nil {
		t.Fatal(err)
	}
	got := s.WaitFor(t, "ANA@example.com", time.Second)
	if got.From != "from@example.com" || got.Subject != "Café code" || got.User != "" || got.TLS ||
		got.Text != "Your code is 123456 — a very long line that quoted-printable wraps with a soft break.\n" {
		t.Fatalf("quoted-printable message: %+v", got)
	}
	if !strings.Contains(got.Raw, "=E2=80=94") || got.Header.Get("To") != "ana@example.com" {
		t.Fatalf("raw message: %q", got.Raw)
	}
	if bo := s.WaitFor(t, "bo@example.com", time.Second); bo.Text != "Hello Bo,\nsee you." {
		t.Fatalf("base64 multipart text: %q", bo.Text)
	}
	if n := len(s.Messages()); n != 2 {
		t.Fatalf("%d messages, want 2", n)
	}
}

func TestAuthRequired(t *testing.T) {
	s := Start(t, WithAuth("mailer", "s3cret"))
	if s.URL() != "smtp://mailer:s3cret@"+s.Addr() {
		t.Fatalf("URL = %q", s.URL())
	}
	if err := send(s.Addr(), nil, "x@example.com", qpMessage); err == nil {
		t.Fatal("mail accepted without AUTH")
	}
	host := "127.0.0.1"
	if err := send(s.Addr(), smtp.PlainAuth("", "mailer", "wrong", host), "x@example.com", qpMessage); err == nil {
		t.Fatal("mail accepted with a wrong password")
	}
	if err := send(s.Addr(), smtp.PlainAuth("", "mailer", "s3cret", host), "x@example.com", qpMessage); err != nil {
		t.Fatal(err)
	}
	if got := s.WaitFor(t, "x@example.com", time.Second); got.User != "mailer" {
		t.Fatalf("authenticated user = %q", got.User)
	}
}

func TestSTARTTLS(t *testing.T) {
	s := Start(t, WithSTARTTLS())
	c, err := smtp.Dial(s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); !ok {
		t.Fatal("STARTTLS not offered")
	}
	if err := c.StartTLS(&tls.Config{ServerName: "127.0.0.1", RootCAs: s.RootCAs()}); err != nil {
		t.Fatalf("STARTTLS with the server's pool: %v", err)
	}
	if err := c.Mail("from@example.com"); err != nil {
		t.Fatal(err)
	}
	if err := c.Rcpt("tls@example.com"); err != nil {
		t.Fatal(err)
	}
	w, err := c.Data()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("Subject: over TLS\r\n\r\nhi\r\n")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := s.WaitFor(t, "tls@example.com", time.Second); !got.TLS || got.Text != "hi\n" {
		t.Fatalf("message over STARTTLS: %+v", got)
	}
	if Start(t).RootCAs() != nil {
		t.Fatal("a plain server has a certificate pool")
	}
}

func TestFailuresAndOutage(t *testing.T) {
	s := Start(t)
	s.FailNext(2)
	for i := range 2 {
		err := send(s.Addr(), nil, "r@example.com", qpMessage)
		if err == nil || !strings.Contains(err.Error(), "451") {
			t.Fatalf("attempt %d: %v, want a 451 refusal", i, err)
		}
	}
	if err := send(s.Addr(), nil, "r@example.com", qpMessage); err != nil {
		t.Fatalf("third attempt: %v", err)
	}
	if s.Refused() != 2 || len(s.To("r@example.com")) != 1 {
		t.Fatalf("refused %d, received %d", s.Refused(), len(s.To("r@example.com")))
	}
	s.Stop()
	if err := send(s.Addr(), nil, "r@example.com", qpMessage); err == nil {
		t.Fatal("a stopped server accepted mail")
	}
	s.Restart(t)
	if err := send(s.Addr(), nil, "r@example.com", qpMessage); err != nil {
		t.Fatalf("after restart: %v", err)
	}
	if len(s.To("r@example.com")) != 2 {
		t.Fatalf("messages after restart: %d", len(s.To("r@example.com")))
	}
}

func TestWaitForTimesOut(t *testing.T) {
	s := Start(t)
	ft := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.WaitFor(ft, "nobody@example.com", 50*time.Millisecond)
	}()
	<-done
	if !ft.failed {
		t.Fatal("WaitFor returned without a message and without failing")
	}
}

// fatalRecorder records Fatalf instead of ending the test.
type fatalRecorder struct {
	testing.TB
	failed bool
}

func (f *fatalRecorder) Fatalf(string, ...any) { f.failed = true }
func (f *fatalRecorder) Helper()               {}
