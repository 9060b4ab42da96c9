package webhook_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/webhook"
)

// TestSignMatchesTheSpecification checks Sign against the Standard
// Webhooks test vector and against an HMAC computed here.
func TestSignMatchesTheSpecification(t *testing.T) {
	// The specification's example: secret, id, timestamp, payload and signature.
	secret := "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	body := []byte(`{"test": 2432232314}`)
	got, err := webhook.Sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0), body)
	if err != nil {
		t.Fatal(err)
	}
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
	key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	m := hmac.New(sha256.New, key)
	m.Write([]byte("msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330." + string(body)))
	if want := "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil)); got != want {
		t.Errorf("Sign = %s, HMAC here %s", got, want)
	}
	h, err := webhook.Headers([]string{secret, secret}, "msg_x", time.Unix(1, 0), body)
	if err != nil {
		t.Fatal(err)
	}
	if sigs := strings.Fields(h["webhook-signature"]); len(sigs) != 2 || h["webhook-timestamp"] != "1" || h["webhook-id"] != "msg_x" {
		t.Errorf("headers %v", h)
	}
	s, err := webhook.NewSecret()
	if err != nil || !strings.HasPrefix(s, "whsec_") {
		t.Fatalf("NewSecret %q %v", s, err)
	}
	if k, err := webhook.SecretKey(s); err != nil || len(k) != 32 {
		t.Errorf("secret key %d bytes, %v", len(k), err)
	}
}

func TestCheckURL(t *testing.T) {
	for _, c := range []struct {
		url      string
		loopback bool
		code     string
	}{
		{"https://hooks.example.com/in", false, ""},
		{"https://93.184.216.34:8443/in", false, ""},
		{"http://hooks.example.com/in", true, "webhook_url_not_https"},
		{"http://127.0.0.1:8000/in", false, "webhook_url_not_https"},
		{"http://127.0.0.1:8000/in", true, ""},
		{"http://[::1]:8000/in", true, ""},
		{"http://localhost:8000/in", true, "webhook_url_not_https"},
		{"http://10.0.0.5/in", true, "webhook_url_not_https"},
		{"https://127.0.0.1/in", true, "webhook_url_forbidden"},
		{"https://[::1]/in", true, "webhook_url_forbidden"},
		{"https://localhost/in", true, "webhook_url_forbidden"},
		{"https://api.localhost./in", false, "webhook_url_forbidden"},
		{"https://169.254.169.254/latest/meta-data/", false, "webhook_url_forbidden"},
		{"https://10.1.2.3/in", false, "webhook_url_forbidden"},
		{"https://192.168.1.1/in", false, "webhook_url_forbidden"},
		{"https://172.16.0.1/in", false, "webhook_url_forbidden"},
		{"https://100.64.0.1/in", false, "webhook_url_forbidden"},
		{"https://0.0.0.0/in", false, "webhook_url_forbidden"},
		{"https://[::]/in", false, "webhook_url_forbidden"},
		{"https://[fe80::1]/in", false, "webhook_url_forbidden"},
		{"https://[fd00::1]/in", false, "webhook_url_forbidden"},
		{"https://[::ffff:127.0.0.1]/in", false, "webhook_url_forbidden"},
		{"https://224.0.0.1/in", false, "webhook_url_forbidden"},
		{"ftp://hooks.example.com/in", false, "webhook_url_not_https"},
		{"https://user:pw@hooks.example.com/in", false, "webhook_url_invalid"},
		{"https://hooks.example.com/in#x", false, "webhook_url_invalid"},
		{"/relative", false, "webhook_url_invalid"},
		{" https://hooks.example.com", false, "webhook_url_invalid"},
		{"https://" + strings.Repeat("a", 2000) + ".com", false, "webhook_url_invalid"},
	} {
		err := webhook.CheckURL(c.url, c.loopback)
		if got := errs.CodeOf(err); got != c.code {
			t.Errorf("CheckURL(%q, loopback %v) = %q, want %q", c.url, c.loopback, got, c.code)
		}
		if err != nil && !errs.Is(err, errs.Invalid) {
			t.Errorf("CheckURL(%q): kind of %v", c.url, err)
		}
	}
}

func TestRetriesSpanADay(t *testing.T) {
	var total time.Duration
	for n := 1; ; n++ {
		d, more := webhook.RetryAfter(n)
		if !more {
			if n != webhook.MaxAttempts() {
				t.Errorf("retries end after attempt %d, MaxAttempts %d", n, webhook.MaxAttempts())
			}
			break
		}
		total += d
	}
	if total < 24*time.Hour {
		t.Errorf("retries span %v, want at least a day", total)
	}
}

// TestPayloadCarriesNoSecret builds a payload from an event with details
// named like secrets: none of them, nor the client's address, is in it.
func TestPayloadCarriesNoSecret(t *testing.T) {
	e := &audit.Event{TenantID: "ten_1", ID: "evt_1", Action: "credential.update", ResourceType: "gateway_credential",
		ResourceID: "crd_1", Outcome: audit.Success, IP: "203.0.113.9", UserAgent: "curl/8", ActorID: "usr_1",
		Details: map[string]string{"provider": "stripe", "secrets_replaced": "secret_key", "client_secret": "shh",
			"api_key": "sk_live_x", "password": "hunter2", "token": "t0k", "code": "123456"}, CreatedAt: time.Unix(5, 0)}
	typ, ok := webhook.EventType(e.Action)
	if !ok {
		t.Fatal("credential.update sends no event")
	}
	b, err := webhook.Build(e, typ)
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"shh", "sk_live_x", "hunter2", "t0k", "123456", "secret", "password", "203.0.113.9", "curl/8"} {
		if strings.Contains(string(b), leak) {
			t.Errorf("payload carries %q: %s", leak, b)
		}
	}
	if !strings.Contains(string(b), `"provider":"stripe"`) || !strings.Contains(string(b), `"type":"tenant.credentials_updated"`) {
		t.Errorf("payload %s", b)
	}
}

// actionArg is, for each audit-writing call, the index of its action.
var actionArg = map[string]int{"record": 4, "event": 3, "erasureEvent": 2}

// TestEveryAuditedActionIsClassified reads internal/app: every action an
// audit event is written with — literal, or assigned to the variable or
// field passed — is an event type's or deliberately ignored, so a new
// audited change cannot forget its webhook.
func TestEveryAuditedActionIsClassified(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "app", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no app sources: %v", err)
	}
	lit := regexp.MustCompile(`^[a-z_]+(\.[a-z_]+)+$`)
	found := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Names of the variables and fields passed as an action.
		passed := map[string]bool{}
		ast.Inspect(af, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			i, known := actionArg[sel.Sel.Name]
			if !known || len(call.Args) <= i {
				return true
			}
			switch a := call.Args[i].(type) {
			case *ast.BasicLit:
				v, _ := strconv.Unquote(a.Value)
				found[v] = true
			case *ast.Ident:
				passed[a.Name] = true
			case *ast.SelectorExpr:
				passed[a.Sel.Name] = true
			case *ast.BinaryExpr: // "platform_admin." + outcome, "appointment." + status: listed by hand
			}
			return true
		})
		// Every string assigned to such a name (x := "…", x = "…", field: "…").
		ast.Inspect(af, func(n ast.Node) bool {
			add := func(name string, v ast.Expr) {
				if b, ok := v.(*ast.BasicLit); ok && passed[name] && b.Kind == token.STRING {
					s, _ := strconv.Unquote(b.Value)
					if lit.MatchString(s) {
						found[s] = true
					}
				}
			}
			switch x := n.(type) {
			case *ast.AssignStmt:
				for i, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok && i < len(x.Rhs) {
						add(id.Name, x.Rhs[i])
					}
				}
			case *ast.KeyValueExpr:
				if id, ok := x.Key.(*ast.Ident); ok {
					add(id.Name, x.Value)
				}
			case *ast.CompositeLit: // positional: {on, "member.role_change", details}
				for _, el := range x.Elts {
					if b, ok := el.(*ast.BasicLit); ok && b.Kind == token.STRING {
						s, _ := strconv.Unquote(b.Value)
						if passed["action"] && lit.MatchString(s) && strings.Count(s, ".") >= 1 && !strings.Contains(s, " ") {
							found[s] = true
						}
					}
				}
			}
			return true
		})
	}
	if len(found) < 60 {
		t.Fatalf("found only %d audited actions in internal/app", len(found))
	}
	for a := range found {
		if _, ok := webhook.EventType(a); !ok && !webhook.Ignored(a) {
			t.Errorf("audit action %q is neither an event type's nor ignored: classify it in events.go", a)
		}
	}
	for _, typ := range webhook.Types() {
		if len(webhook.Actions(typ)) == 0 {
			t.Errorf("event type %s has no action", typ)
		}
	}
}

// TestDocsListEveryType checks docs/webhooks.md names every event type
// and the actions behind it.
func TestDocsListEveryType(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "webhooks.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range webhook.Types() {
		if !strings.Contains(string(doc), "| `"+typ+"` |") {
			t.Errorf("docs/webhooks.md does not list %s (regenerate its table: go test ./internal/webhook -run TestDocsListEveryType -v prints it)", typ)
		}
	}
	if t.Failed() || testing.Verbose() {
		var b strings.Builder
		for _, typ := range webhook.Types() {
			b.WriteString("| `" + typ + "` | " + strings.Join(quoted(webhook.Actions(typ)), ", ") + " |\n")
		}
		t.Log("\n" + b.String())
	}
}

func quoted(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = "`" + x + "`"
	}
	return out
}
