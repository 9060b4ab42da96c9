package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestMailList runs the quickstart without SMTP: a registration's welcome
// goes to the local mailbox, shown in the server log and by `mail list`.
func TestMailList(t *testing.T) {
	dir := t.TempDir()
	getenv := env(map[string]string{"TENANTRY_DATA_DIR": dir, "TENANTRY_ADDR": "127.0.0.1:0"})
	var empty bytes.Buffer
	if code := run(context.Background(), []string{"migrate"}, &empty, &empty, getenv); code != 0 {
		t.Fatalf("migrate: exit %d\n%s", code, empty.String())
	}
	empty.Reset()
	if code := run(context.Background(), []string{"mail", "list"}, &empty, &empty, getenv); code != 0 ||
		!strings.Contains(empty.String(), "the mail outbox is empty") {
		t.Fatalf("mail list on a fresh database: exit %d\n%s", code, empty.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve"}, &out, &out, getenv) }()
	base := "http://" + out.waitFor(t, listening, 20*time.Second)
	body := `{"business_name":"Bella Vista Spa","business_email":"contact@bellavista.com","business_phone":"+1-555-987-6543",
		"admin_first_name":"Maria","admin_last_name":"Rodriguez","admin_email":"maria@bellavista.com",
		"admin_password":"SecurePass123!","terms_accepted":true,"privacy_accepted":true}`
	resp, err := http.Post(base+"/api/v1/public/register", "application/json", strings.NewReader(body))
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("register: %v %v", err, resp)
	}
	resp.Body.Close()
	out.waitFor(t, regexp.MustCompile(`msg="mail to the local mailbox`), 10*time.Second)
	if !strings.Contains(out.String(), "Welcome to Bella Vista Spa") {
		t.Errorf("the log lacks the message:\n%s", out.String())
	}
	var list bytes.Buffer // while the server runs, as from another shell
	if code := run(context.Background(), []string{"mail", "list", "-n", "5"}, &list, &list, getenv); code != 0 {
		t.Fatalf("mail list: exit %d\n%s", code, list.String())
	}
	for _, want := range []string{"To:      maria@bellavista.com", "Subject: Welcome to Bella Vista Spa", "Kind:    welcome",
		"Status:  sent to the local mailbox (no SMTP configured)", "    Hello Maria,", "msg_"} {
		if !strings.Contains(list.String(), want) {
			t.Errorf("mail list lacks %q:\n%s", want, list.String())
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve exited %d:\n%s", code, out.String())
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"mail"}, "name a subcommand: list"},
		{[]string{"mail", "send"}, "name a subcommand: list"},
		{[]string{"mail", "list", "-n", "0"}, "-n must be between 1 and 1000"},
	} {
		var b bytes.Buffer
		if code := run(context.Background(), c.args, &b, &b, getenv); code != 1 || !strings.Contains(b.String(), c.want) {
			t.Errorf("tenantry %s: exit %d\n%s\nwant exit 1 with %q", strings.Join(c.args, " "), code, b.String(), c.want)
		}
	}
}
