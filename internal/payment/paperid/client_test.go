package paperid_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/paperidtest"
	"github.com/tenantry/tenantry/internal/payment/paperid"
)

var ctx = context.Background()

func client(t *testing.T, base string, timeout time.Duration) *paperid.Client {
	t.Helper()
	c, err := paperid.New(paperid.Config{BaseURL: base, ClientID: paperidtest.ClientID,
		ClientSecret: paperidtest.ClientSecret, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func bella(number string) paperid.NewPartner {
	return paperid.NewPartner{Name: "Bella Vista Spa", Number: number, Email: "contact@bellavista.com", Phone: "+1-555-987-6543"}
}

// TestEnsurePartnerCreates: the first call looks the number up, finds
// nothing, creates the partner with the documented fields and headers.
func TestEnsurePartnerCreates(t *testing.T) {
	srv := paperidtest.New(t)
	c := client(t, srv.URL()+"/api", 0) // the documentation's BASE_URL form
	p, err := c.EnsurePartner(ctx, bella("ten_001"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.ID) != 36 || p.Number != "ten_001" || p.Type != "client" || p.Phone != "+15559876543" {
		t.Errorf("partner = %+v", p)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Method != "GET" || reqs[0].Path != "/api/v2/partners" ||
		!strings.Contains(reqs[0].Query, "number=ten_001") || reqs[1].Method != "POST" || reqs[1].Path != "/api/v2/partners" {
		t.Fatalf("requests = %+v", reqs)
	}
	for _, r := range reqs {
		if !r.Authed {
			t.Errorf("%s %s without the credentials", r.Method, r.Path)
		}
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(reqs[1].Body), &body); err != nil {
		t.Fatal(err)
	}
	if body["name"] != "Bella Vista Spa" || body["number"] != "ten_001" || body["type"] != "client" ||
		body["phone"] != "+15559876543" || body["email"] != "contact@bellavista.com" {
		t.Errorf("create body = %v", body)
	}
	got, err := c.GetPartner(ctx, p.ID)
	if err != nil || got.Number != "ten_001" {
		t.Errorf("GetPartner = %+v, %v", got, err)
	}
}

// TestEnsurePartnerIsIdempotent: calling again, or after an attempt whose
// answer was lost (the partner exists), creates nothing.
func TestEnsurePartnerIsIdempotent(t *testing.T) {
	srv := paperidtest.New(t)
	c := client(t, srv.URL(), 0)
	first, err := c.EnsurePartner(ctx, bella("ten_002"))
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.EnsurePartner(ctx, bella("ten_002"))
	if err != nil || again.ID != first.ID {
		t.Fatalf("again = %+v, %v; want %s", again, err, first.ID)
	}
	lost := srv.Plant(paperidtest.Partner{Number: "ten_003", Name: "Lost Answer", Type: "client", Phone: "+62811"})
	p, err := c.EnsurePartner(ctx, bella("ten_003"))
	if err != nil || p.ID != lost.ID {
		t.Fatalf("after a lost answer = %+v, %v; want %s", p, err, lost.ID)
	}
	if n := len(srv.Partners()); n != 2 {
		t.Errorf("%d partners, want 2", n)
	}
	if posts := count(srv.Requests(), "POST"); posts != 1 {
		t.Errorf("%d creations, want 1", posts)
	}
}

// TestTimeoutThenRetry: a server that hangs makes the call fail, retryably,
// at the client's timeout; once it answers, the retry succeeds once.
func TestTimeoutThenRetry(t *testing.T) {
	srv := paperidtest.New(t)
	c := client(t, srv.URL(), 200*time.Millisecond)
	srv.Hang()
	_, err := c.EnsurePartner(ctx, bella("ten_004"))
	if err == nil || job.IsPermanent(err) {
		t.Fatalf("hanging server: %v, want a retryable error", err)
	}
	srv.Unhang()
	if _, err := c.EnsurePartner(ctx, bella("ten_004")); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Partners()); n != 1 {
		t.Errorf("%d partners, want 1", n)
	}
}

// TestErrorClassification: outages, 5xx and 429 are retryable; other 4xx
// are permanent; a missing partner matches ErrNotFound.
func TestErrorClassification(t *testing.T) {
	srv := paperidtest.New(t)
	c := client(t, srv.URL(), 0)
	retryable := func(name string, err error) {
		t.Helper()
		var pe *paperid.Error
		if err == nil || job.IsPermanent(err) || !errors.As(err, &pe) || !pe.Retryable() {
			t.Errorf("%s: %v, want retryable", name, err)
		}
	}
	permanent := func(name string, err error, status int) {
		t.Helper()
		var pe *paperid.Error
		if !job.IsPermanent(err) || !errors.As(err, &pe) || pe.Status != status {
			t.Errorf("%s: %v, want permanent with HTTP %d", name, err, status)
		}
	}
	srv.Down()
	_, err := c.EnsurePartner(ctx, bella("ten_005"))
	retryable("connection refused", err)
	srv.Up()
	for _, status := range []int{500, 502, 503, 429} {
		srv.Fail(1, status)
		_, err := c.CreatePartner(ctx, bella("ten_006"))
		retryable(http.StatusText(status), err)
	}
	srv.Fail(1, http.StatusBadRequest)
	_, err = c.EnsurePartner(ctx, bella("ten_006"))
	permanent("400", err, 400)
	_, err = c.CreatePartner(ctx, paperid.NewPartner{Name: "No Phone", Number: "ten_007"})
	permanent("missing phone", err, 400)
	if err == nil || !strings.Contains(err.Error(), "VALIDATION_ERROR") || !strings.Contains(err.Error(), "phone") {
		t.Errorf("missing phone: %v, want Paper.id's code and message", err)
	}
	wrong, _ := paperid.New(paperid.Config{BaseURL: srv.URL(), ClientID: paperidtest.ClientID, ClientSecret: "wrong-secret"})
	_, err = wrong.EnsurePartner(ctx, bella("ten_008"))
	permanent("wrong secret", err, 401)
	_, err = c.GetPartner(ctx, "6b0d8a9e-0000-4000-8000-000000000000")
	permanent("unknown partner", err, 404)
	if !errors.Is(err, paperid.ErrNotFound) {
		t.Errorf("unknown partner: %v, want ErrNotFound", err)
	}
	if _, err := c.FindPartner(ctx, "ten_none"); !errors.Is(err, paperid.ErrNotFound) {
		t.Errorf("FindPartner of an unknown number: %v", err)
	}
}

// TestEnsurePartnerRace: a creation refused because a concurrent call
// created the number first is resolved by looking it up again.
func TestEnsurePartnerRace(t *testing.T) {
	lookups := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.Method {
		case "GET":
			lookups++
			if lookups == 1 {
				_, _ = w.Write([]byte(`{"message":"success","data":[],"pagination":{"limit":100,"offset":0,"total_record":0,"page":1,"total_page":0}}`))
				return
			}
			_, _ = w.Write([]byte(`{"message":"success","data":[{"id":"0d6f7e3a-1111-4222-8333-444455556666","number":"ten_009"}],"pagination":{}}`))
		case "POST":
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"status_code":400,"error_code":"PARTNER_NUMBER_EXISTS","message":"partner number already exists"}`))
		}
	}))
	defer srv.Close()
	p, err := client(t, srv.URL, 0).EnsurePartner(ctx, bella("ten_009"))
	if err != nil || p.ID != "0d6f7e3a-1111-4222-8333-444455556666" || lookups != 2 {
		t.Fatalf("EnsurePartner = %+v, %v after %d lookups", p, err, lookups)
	}
}

// TestHostileAnswers: an answer that echoes the secret, one too large, and
// a redirect are all refused without leaking the secret or following.
func TestHostileAnswers(t *testing.T) {
	elsewhere := 0
	target := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { elsewhere++ }))
	defer target.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("number") {
		case "echo":
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"status_code":400,"error_code":"BAD","message":"bad secret ` + r.Header.Get("client_secret") + `"}`))
		case "huge":
			_, _ = w.Write([]byte(`{"message":"success","data":[`))
			_, _ = w.Write([]byte(strings.Repeat(" ", paperid.MaxResponse)))
			_, _ = w.Write([]byte(`]}`))
		case "redirect":
			http.Redirect(w, r, target.URL+"/steal", http.StatusTemporaryRedirect)
		}
	}))
	defer srv.Close()
	c := client(t, srv.URL, 0)
	_, err := c.FindPartner(ctx, "echo")
	if err == nil || strings.Contains(err.Error(), paperidtest.ClientSecret) || !job.IsPermanent(err) {
		t.Errorf("echoed secret: %v", err)
	}
	_, err = c.FindPartner(ctx, "huge")
	if err == nil || job.IsPermanent(err) || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("huge answer: %v, want a retryable size error", err)
	}
	_, err = c.FindPartner(ctx, "redirect")
	if err == nil || elsewhere != 0 {
		t.Errorf("redirect: %v, followed %d times", err, elsewhere)
	}
}

func TestNewValidates(t *testing.T) {
	for _, cfg := range []paperid.Config{
		{BaseURL: "", ClientID: "a", ClientSecret: "s3cret-value"},
		{BaseURL: "ftp://paper.id", ClientID: "a", ClientSecret: "s3cret-value"},
		{BaseURL: "https://open-api.paper.id", ClientID: "", ClientSecret: "s3cret-value"},
		{BaseURL: "https://open-api.paper.id", ClientID: "a", ClientSecret: ""},
	} {
		if _, err := paperid.New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		} else if cfg.ClientSecret != "" && strings.Contains(err.Error(), cfg.ClientSecret) {
			t.Errorf("New error names the secret: %v", err)
		}
	}
}

func TestE164(t *testing.T) {
	for in, want := range map[string]string{
		"+1-555-987-6543": "+15559876543", "+63 917 123 4567": "+639171234567",
		"0812-3456": "08123456", "": "", "+": "", " (555) 12 ": "55512",
	} {
		if got := paperid.E164(in); got != want {
			t.Errorf("E164(%q) = %q, want %q", in, got, want)
		}
	}
}

func count(reqs []paperidtest.Request, method string) int {
	n := 0
	for _, r := range reqs {
		if r.Method == method {
			n++
		}
	}
	return n
}
