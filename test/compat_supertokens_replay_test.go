package test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// example is one request example of a seed document, kept as test data in
// test/testdata/compat/<seed>/ (written from the document): the request as
// the document shows it, the status it documents, its response example
// (whose values are the document's: a type name such as "boolean", or a
// sample value, whose JSON type is what is checked), the fields the
// document does not mark required (optional), and exact values to check.
type example struct {
	Doc      string            `json:"doc"`
	Method   string            `json:"method"`
	Path     string            `json:"path"`
	Headers  map[string]string `json:"headers"`
	Body     json.RawMessage   `json:"body"`
	Status   int               `json:"status"`
	Response any               `json:"response"`
	Optional []string          `json:"optional"`
	Values   map[string]any    `json:"values"`
}

// examples reads a seed's examples in file name order.
func examples(t *testing.T, seed string) []example {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "compat", seed, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples for %s: %v", seed, err)
	}
	slices.Sort(files)
	out := make([]example, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var e example
		if err := json.Unmarshal(b, &e); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, e)
	}
	return out
}

// replay sends e with vars substituted ({{name}} in its path, headers and
// body) and extra headers added, and checks the status, the documented
// fields and their JSON types, and the exact values.
func (h *harness) replay(t *testing.T, e example, vars, extra map[string]string) *response {
	t.Helper()
	sub := func(s string) string {
		for k, v := range vars {
			s = strings.ReplaceAll(s, "{{"+k+"}}", v)
		}
		return s
	}
	r := req{header: map[string]string{}}
	if len(e.Body) > 0 {
		r.body = raw(sub(string(e.Body)))
	}
	for k, v := range e.Headers {
		r.header[k] = sub(v)
	}
	for k, v := range extra {
		r.header[k] = v
	}
	res := h.do(t, e.Method, sub(e.Path), r)
	if res.status != e.Status {
		t.Fatalf("%s (%s %s): status %d, want %d; body: %s", e.Doc, e.Method, e.Path, res.status, e.Status, res.body)
	}
	var got any
	if err := json.Unmarshal(res.body, &got); err != nil {
		t.Fatalf("%s: answer is not JSON: %v: %s", e.Doc, err, res.body)
	}
	shapeOK(t, e.Doc, "$", e.Response, got, e.Optional)
	if m, ok := got.(map[string]any); ok {
		for k, want := range e.Values {
			if ws, ok := want.(string); ok {
				want = sub(ws)
			}
			if gv, _ := json.Marshal(m[k]); string(gv) != mustJSON(t, want) {
				t.Errorf("%s: %s = %s, want %s", e.Doc, k, gv, mustJSON(t, want))
			}
		}
	}
	return res
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// shapeOK checks that got has doc's shape: every field of a documented
// object (but optional ones, and those whose type reads "… (optional)") is
// there with the documented JSON type; an array's items have the shape of
// the documented first item; an empty object or array documents any content.
func shapeOK(t *testing.T, name, at string, doc, got any, optional []string) {
	t.Helper()
	switch d := doc.(type) {
	case nil:
	case string:
		want := "string"
		switch {
		case strings.HasPrefix(d, "boolean"):
			want = "boolean"
		case strings.HasPrefix(d, "number"), strings.HasPrefix(d, "integer"):
			want = "number"
		}
		if typeOf(got) != want {
			t.Errorf("%s: %s is %s (%v), want %s", name, at, typeOf(got), got, want)
		}
	case bool, float64:
		if typeOf(got) != typeOf(doc) {
			t.Errorf("%s: %s is %s (%v), want %s", name, at, typeOf(got), got, typeOf(doc))
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			t.Errorf("%s: %s is %s, want array", name, at, typeOf(got))
			return
		}
		if len(d) > 0 {
			for i, item := range g {
				shapeOK(t, name, at+"["+string(rune('0'+i%10))+"]", d[0], item, optional)
			}
		}
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s: %s is %s, want object", name, at, typeOf(got))
			return
		}
		for k, v := range d {
			gv, present := g[k]
			s, _ := v.(string)
			if !present {
				if !slices.Contains(optional, k) && !strings.Contains(s, "(optional)") {
					t.Errorf("%s: %s.%s is missing", name, at, k)
				}
				continue
			}
			if d[k] == nil && v == nil {
				continue
			}
			shapeOK(t, name, at+"."+k, v, gv, optional)
		}
	}
}

func typeOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}
