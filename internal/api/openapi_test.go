package api

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

func newDocServer() *Server {
	return New(nil, slog.New(slog.DiscardHandler), prometheus.NewRegistry(), Options{})
}

// openAPI generates the document of s and parses it.
func openAPI(t *testing.T, s *Server) map[string]any {
	t.Helper()
	raw, err := s.OpenAPIDocument()
	if err != nil {
		t.Fatalf("OpenAPIDocument: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("document is not JSON: %v", err)
	}
	return doc
}

// at walks doc along keys, failing the test when a key is missing.
func at(t *testing.T, doc any, keys ...string) any {
	t.Helper()
	for i, k := range keys {
		m, ok := doc.(map[string]any)
		if !ok || m[k] == nil {
			t.Fatalf("document has no %s", strings.Join(keys[:i+1], "."))
		}
		doc = m[k]
	}
	return doc
}

func TestOpenAPIDocumentBasics(t *testing.T) {
	t.Parallel()
	doc := openAPI(t, newDocServer())
	if got := doc["openapi"]; got != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", got)
	}
	if got := at(t, doc, "info", "title"); got != "Tenantry API" {
		t.Errorf("info.title = %v", got)
	}
	bearer := at(t, doc, "components", "securitySchemes", "bearerAuth").(map[string]any)
	if bearer["type"] != "http" || bearer["scheme"] != "bearer" || bearer["bearerFormat"] != "JWT" {
		t.Errorf("bearerAuth = %v", bearer)
	}
	key := at(t, doc, "components", "securitySchemes", "apiKeyAuth").(map[string]any)
	if key["type"] != "apiKey" || key["in"] != "header" || key["name"] != "X-API-Key" {
		t.Errorf("apiKeyAuth = %v", key)
	}
	for _, name := range []string{"TooManyRequests", "ServiceUnavailable"} {
		at(t, doc, "components", "responses", name, "headers", "Retry-After")
	}
	at(t, doc, "components", "responses", "BadRequest", "content", "application/problem+json", "schema")
}

// TestOpenAPICoversEveryRoute checks each route of the table against its
// operation: method, path parameters, query, body, success status, security
// and the problem responses its access level implies.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	t.Parallel()
	s := newDocServer()
	doc := openAPI(t, s)
	wildcard := regexp.MustCompile(`\{([^}.]+)(?:\.\.\.)?\}`)
	ops := 0
	for _, item := range at(t, doc, "paths").(map[string]any) {
		ops += len(item.(map[string]any))
	}
	if ops != len(s.Routes()) {
		t.Errorf("document has %d operations, route table %d", ops, len(s.Routes()))
	}
	for _, rt := range s.Routes() {
		t.Run(rt.Method+" "+rt.Path, func(t *testing.T) {
			op := at(t, doc, "paths", wildcard.ReplaceAllString(rt.Path, "{$1}"), strings.ToLower(rt.Method)).(map[string]any)
			var wantPath, gotPath, wantQuery, gotQuery []string
			for _, m := range wildcard.FindAllStringSubmatch(rt.Path, -1) {
				wantPath = append(wantPath, m[1])
			}
			for _, q := range rt.Query {
				wantQuery = append(wantQuery, q.Name)
			}
			params, _ := op["parameters"].([]any)
			for _, p := range params {
				p := p.(map[string]any)
				switch p["in"] {
				case "path":
					gotPath = append(gotPath, p["name"].(string))
					if p["required"] != true {
						t.Errorf("path parameter %v is not required", p["name"])
					}
				case "query":
					gotQuery = append(gotQuery, p["name"].(string))
				}
			}
			if !slices.Equal(gotPath, wantPath) || !slices.Equal(gotQuery, wantQuery) {
				t.Errorf("parameters: path %v query %v, want path %v query %v", gotPath, gotQuery, wantPath, wantQuery)
			}
			if _, has := op["requestBody"]; has != (rt.Body != nil) {
				t.Errorf("requestBody present = %v, route body %T", has, rt.Body)
			}
			if op["summary"] != rt.Summary || !slices.Equal(op["tags"].([]any), []any{rt.Tag}) {
				t.Errorf("summary %v tags %v, want %q [%s]", op["summary"], op["tags"], rt.Summary, rt.Tag)
			}
			checkSecurity(t, rt, op["security"])
			checkResponses(t, rt, op["responses"].(map[string]any))
		})
	}
}

func checkSecurity(t *testing.T, rt Route, got any) {
	t.Helper()
	want := []any{}
	bearer, key := map[string]any{"bearerAuth": []any{}}, map[string]any{"apiKeyAuth": []any{}}
	switch {
	case rt.Access == Optional:
		want = []any{map[string]any{}, bearer, key}
	case rt.Access == Authenticated && keyScope(rt) != "":
		want = []any{bearer, key}
	case rt.Access == Authenticated:
		want = []any{bearer}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("security = %v, want %v", got, want)
	}
}

func checkResponses(t *testing.T, rt Route, responses map[string]any) {
	t.Helper()
	if _, ok := responses[strconv.Itoa(rt.Status)]; !ok {
		t.Errorf("no %d response", rt.Status)
	}
	want := []int{500}
	if rt.Access != Operations {
		want = append(want, 400, 422, 429)
	}
	if rt.Access == Authenticated {
		want = append(want, 401, 403, 404)
	}
	if rt.Access == Optional {
		want = append(want, 401, 403)
	}
	if rt.Body != nil {
		want = append(want, 413)
	}
	for _, code := range want {
		r, ok := responses[strconv.Itoa(code)].(map[string]any)
		if !ok || !strings.HasPrefix(r["$ref"].(string), "#/components/responses/") {
			t.Errorf("no shared problem response for %d: %v", code, responses[strconv.Itoa(code)])
		}
	}
}

func TestOpenAPIRefsResolve(t *testing.T) {
	t.Parallel()
	doc := openAPI(t, newDocServer())
	refs := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				refs++
				keys := strings.Split(strings.TrimPrefix(ref, "#/"), "/")
				if !strings.HasPrefix(ref, "#/components/") {
					t.Errorf("$ref %s does not point into components", ref)
				}
				at(t, doc, keys...)
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	if refs == 0 {
		t.Fatal("document has no $ref at all")
	}
}

func TestOpenAPIDeterministic(t *testing.T) {
	t.Parallel()
	s := newDocServer()
	a, errA := s.OpenAPIDocument()
	b, errB := s.OpenAPIDocument()
	c, errC := newDocServer().OpenAPIDocument()
	if errA != nil || errB != nil || errC != nil {
		t.Fatalf("OpenAPIDocument: %v %v %v", errA, errB, errC)
	}
	if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
		t.Error("two generations of the document differ")
	}
}

func TestOpenAPIRequiredFields(t *testing.T) {
	t.Parallel()
	doc := openAPI(t, newDocServer())
	reg := at(t, doc, "components", "schemas", "RegisterRequest").(map[string]any)
	var required []string
	for _, r := range reg["required"].([]any) {
		required = append(required, r.(string))
	}
	for _, name := range []string{"business_name", "business_email", "admin_first_name", "admin_last_name",
		"admin_email", "admin_password", "terms_accepted", "privacy_accepted"} {
		if !slices.Contains(required, name) {
			t.Errorf("RegisterRequest.%s is not required; required = %v", name, required)
		}
	}
	at(t, reg, "properties", "preferred_slug")
	if slices.Contains(required, "preferred_slug") {
		t.Error("omitempty field preferred_slug is listed as required")
	}
}

// TestSchemaOf pins how Go types map to JSON Schema.
func TestSchemaOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value any
		want  string
	}{
		{"", `{"type":"string"}`},
		{new(string), `{"type":["string","null"]}`},
		{0, `{"type":"integer"}`},
		{int64(0), `{"type":"integer","format":"int64"}`},
		{1.5, `{"type":"number","format":"double"}`},
		{true, `{"type":"boolean"}`},
		{time.Time{}, `{"type":"string","format":"date-time"}`},
		{new(time.Time), `{"type":["string","null"],"format":"date-time"}`},
		{map[string]string{}, `{"type":"object","additionalProperties":{"type":"string"}}`},
		{json.RawMessage{}, `{}`},
		{new(any), `{}`},
		{[]byte{}, `{"type":"string","format":"byte"}`},
		{[]string{}, `{"type":"array","items":{"type":"string"}}`},
		{[]TenantSummary{}, `{"type":"array","items":{"$ref":"#/components/schemas/TenantSummary"}}`},
		{new(Settings), `{"anyOf":[{"$ref":"#/components/schemas/Settings"},{"type":"null"}]}`},
		{struct {
			A string `json:"a"`
			B int    `json:"b,omitempty"`
			C string `json:"-"`
			d string
		}{}, `{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}},"required":["a"]}`},
	}
	for _, tt := range tests {
		got, err := newSchemaSet().of(reflect.TypeOf(tt.value))
		if err != nil {
			t.Errorf("%T: %v", tt.value, err)
			continue
		}
		if b, _ := json.Marshal(got); string(b) != tt.want {
			t.Errorf("%T: schema %s, want %s", tt.value, b, tt.want)
		}
	}
	if _, err := newSchemaSet().of(reflect.TypeOf(make(chan int))); err == nil {
		t.Error("a channel got a schema; want an error")
	}
}

func TestOperationID(t *testing.T) {
	t.Parallel()
	tests := []struct{ method, path, want string }{
		{"GET", "/api/v1/tenants/{tenant_id}", "getTenantsByTenantId"},
		{"GET", "/api/v1/tenants/check-availability", "getTenantsCheckAvailability"},
		{"PUT", "/api/v1/admin/tenants/{tenant_id}/status", "putAdminTenantsByTenantIdStatus"},
		{"GET", "/.well-known/jwks.json", "getWellKnownJwksJson"},
		{"GET", "/healthz", "getHealthz"},
	}
	for _, tt := range tests {
		if got := operationID(tt.method, tt.path); got != tt.want {
			t.Errorf("operationID(%s %s) = %s, want %s", tt.method, tt.path, got, tt.want)
		}
	}
}

func TestDocsServed(t *testing.T) {
	t.Parallel()
	s := newDocServer()
	tests := []struct {
		path  string
		code  int
		ctype string
	}{
		{"/openapi.json", http.StatusOK, "application/json"},
		{"/docs", http.StatusOK, "text/html; charset=utf-8"},
		{"/docs/docs.js", http.StatusOK, "text/javascript; charset=utf-8"},
		{"/docs/docs.css", http.StatusOK, "text/css; charset=utf-8"},
		{"/docs/nope", http.StatusNotFound, "application/problem+json"},
		{"/docs/nope.js", http.StatusNotFound, "application/problem+json"},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if rec.Code != tt.code || rec.Header().Get("Content-Type") != tt.ctype {
			t.Errorf("GET %s: %d %q, want %d %q", tt.path, rec.Code, rec.Header().Get("Content-Type"), tt.code, tt.ctype)
		}
		if tt.code == http.StatusOK && rec.Body.Len() == 0 {
			t.Errorf("GET %s: empty body", tt.path)
		}
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	want, _ := s.OpenAPIDocument()
	if got, _ := io.ReadAll(rec.Body); !bytes.Equal(bytes.TrimSpace(got), want) {
		t.Error("GET /openapi.json does not serve OpenAPIDocument")
	}
}

// TestDocsSelfContained keeps the reference working offline and under its
// content security policy: nothing external, nothing inline, and every
// local asset the page names exists.
func TestDocsSelfContained(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"index.html", "docs.js", "docs.css"} {
		b, err := docsFS.ReadFile("docs/" + name)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"http://", "https://", "//cdn", "@import", "style=", "<style", "innerHTML", "eval("} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("docs/%s contains %q", name, bad)
			}
		}
	}
	page, _ := docsFS.ReadFile("docs/index.html")
	if regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]`).Match(page) || bytes.Contains(page, []byte("<script>")) {
		t.Error("index.html has an inline script")
	}
	for _, m := range regexp.MustCompile(`(?:src|href)="/docs/([^"]+)"`).FindAllSubmatch(page, -1) {
		if _, err := docsFS.ReadFile("docs/" + string(m[1])); err != nil {
			t.Errorf("index.html names /docs/%s, which is not embedded", m[1])
		}
	}
}
