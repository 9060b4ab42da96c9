package test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/api"
)

// hostileJSON are the raw contents of a JSON string that no text field may
// accept: an escaped NUL, bytes that are not UTF-8, lone surrogate escapes
// (which encoding/json would turn into U+FFFD), overlong encodings and an
// encoded surrogate.
var hostileJSON = []struct{ name, raw string }{
	{"nul escape", `\u0000`},
	{"invalid utf-8", "\xff\xfe"},
	{"lone high surrogate", `\ud800`},
	{"lone low surrogate", `\udfff`},
	{"overlong nul", "\xc0\x80"},
	{"overlong 3-byte", "\xe0\x80\x80"},
	{"encoded surrogate", "\xed\xa0\x80"},
}

// hostileURL are the same in a path segment or a query value, percent-encoded.
var hostileURL = []struct{ name, raw string }{
	{"nul", "%00"},
	{"invalid utf-8", "%FF%FE"},
	{"overlong nul", "%C0%80"},
	{"overlong 3-byte", "%E0%80%80"},
	{"encoded surrogate", "%ED%A0%80"},
}

// hostileCase is one request carrying one hostile value in one place.
type hostileCase struct {
	method, path string
	body         []byte // nil: no body
	where        string // "path", "query" or "body"
	field        string // the wildcard, parameter or body field that carries the value
	value        string // which hostile value
}

// sentinel marks, in a marshalled filler body, the string that becomes hostile.
const sentinel = "HOSTILE-SENTINEL-7d1f"

var wildcardRE = regexp.MustCompile(`\{([a-z_]+)(\.\.\.)?\}`)

// hostileCases lists every case of rt: each hostile value in each path
// wildcard, each declared query parameter and each string of the JSON body
// (map keys included), the rest of the request filled with plausible values
// (real identifiers from ids) so that the request reaches as deep as it can.
func hostileCases(t *testing.T, rt api.Route, ids map[string]string, seq *int) []hostileCase {
	t.Helper()
	var fill []byte
	if rt.Body != nil && rt.BodyType == "" {
		fill = bodyVariant(t, reflect.TypeOf(rt.Body), ids, seq, -1).body
	}
	pathWith := func(wildcard, raw string) string {
		return wildcardRE.ReplaceAllStringFunc(rt.Path, func(m string) string {
			name := wildcardRE.FindStringSubmatch(m)[1]
			v := ids[name]
			if v == "" {
				t.Fatalf("%s %s: no identifier to fill {%s}", rt.Method, rt.Path, name)
			}
			if name == wildcard {
				return url.PathEscape(v[:len(v)/2]) + raw + url.PathEscape(v[len(v)/2:])
			}
			return url.PathEscape(v)
		})
	}
	var out []hostileCase
	for _, m := range wildcardRE.FindAllStringSubmatch(rt.Path, -1) {
		for _, hv := range hostileURL {
			out = append(out, hostileCase{method: rt.Method, path: pathWith(m[1], hv.raw), body: fill, where: "path", field: m[1], value: hv.name})
		}
	}
	for _, p := range rt.Query {
		for _, hv := range hostileURL {
			out = append(out, hostileCase{method: rt.Method, path: pathWith("", "") + "?" + url.QueryEscape(p.Name) + "=Bella" + hv.raw + "Vista",
				body: fill, where: "query", field: p.Name, value: hv.name})
		}
	}
	if fill == nil {
		return out
	}
	for i := 0; ; i++ {
		v := bodyVariant(t, reflect.TypeOf(rt.Body), ids, seq, i)
		if v.field == "" {
			break
		}
		for _, hv := range hostileJSON {
			k := len(v.fill) / 2
			hostile := `"` + v.fill[:k] + hv.raw + v.fill[k:] + `"`
			body := bytes.Replace(v.body, []byte(`"`+sentinel+`"`), []byte(hostile), 1)
			out = append(out, hostileCase{method: rt.Method, path: pathWith("", ""), body: body, where: "body", field: v.field, value: hv.name})
		}
	}
	return out
}

// variant is a filler body whose target string is the sentinel.
type variant struct {
	body  []byte
	field string // the field the decoder names for the target ("" when the type has fewer strings)
	fill  string // the plausible value the target would have had
}

// bodyVariant marshals a filler value of typ whose target-th string (in
// field order, map keys included) is the sentinel.
func bodyVariant(t *testing.T, typ reflect.Type, ids map[string]string, seq *int, target int) variant {
	t.Helper()
	*seq++
	g := &filler{ids: ids, seq: *seq, target: target}
	b, err := json.Marshal(g.value(typ, "", ""))
	if err != nil {
		t.Fatalf("marshal a filler %s: %v", typ, err)
	}
	return variant{body: b, field: g.field, fill: g.fill}
}

// filler builds a plausible value of a wire type by reflection over its json
// tags, counting the strings it writes so that one of them can be the sentinel.
type filler struct {
	ids         map[string]string
	seq         int // makes emails, phones and slugs unique per body
	target, n   int
	field, fill string
}

var rawMessage = reflect.TypeOf(json.RawMessage{})

func (g *filler) value(typ reflect.Type, path, name string) any {
	switch {
	case typ == rawMessage:
		return g.leaf(path, name)
	case typ.Kind() == reflect.Pointer:
		return g.value(typ.Elem(), path, name)
	case typ.Kind() == reflect.Struct:
		m := map[string]any{}
		for i := range typ.NumField() {
			f := typ.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || tag == "-" {
				continue
			}
			if tag == "" {
				tag = f.Name
			}
			m[tag] = g.value(f.Type, join(path, tag), tag)
		}
		return m
	case typ.Kind() == reflect.Slice && typ.Elem().Kind() == reflect.Uint8:
		return ""
	case typ.Kind() == reflect.Slice || typ.Kind() == reflect.Array:
		return []any{g.value(typ.Elem(), path+"[0]", name)}
	case typ.Kind() == reflect.Map:
		// A bad key is named by the map's own field.
		key := g.leaf(path, "monday")
		return map[string]any{key: g.value(typ.Elem(), join(path, "monday"), "monday")}
	case typ.Kind() == reflect.String:
		return g.leaf(path, name)
	case typ.Kind() == reflect.Bool:
		return true
	case typ.Kind() >= reflect.Int && typ.Kind() <= reflect.Float64:
		return 1
	}
	return nil
}

// leaf returns the plausible string for name, or the sentinel when this is
// the target string (field names it).
func (g *filler) leaf(field, name string) string {
	v := g.plausible(name)
	if g.n == g.target {
		g.field, g.fill, v = field, v, sentinel
	}
	g.n++
	return v
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// plausible is a value a field of this name would accept.
func (g *filler) plausible(name string) string {
	if id := g.ids[strings.TrimSuffix(name, "s")]; id != "" {
		return id // tenant_id, user_id, outlet_ids …
	}
	switch {
	case strings.Contains(name, "email"):
		return fmt.Sprintf("p%d.%s@hostile.example.com", g.seq, strings.ReplaceAll(name, "_", "-"))
	case strings.Contains(name, "password"):
		return goodPassword
	}
	switch name {
	case "role":
		return "viewer"
	case "status":
		return "active"
	case "environment":
		return "dev"
	case "timezone":
		return "Asia/Manila"
	case "currency":
		return "PHP"
	case "language":
		return "en"
	case "website", "logo_url":
		return "https://example.com"
	case "phone", "business_phone":
		return fmt.Sprintf("+63 2 555 %04d", g.seq)
	case "open":
		return "09:00"
	case "close":
		return "17:00"
	case "code":
		return "123456"
	case "id":
		return "google"
	case "slug", "preferred_slug":
		return fmt.Sprintf("hostile-spa-%d", g.seq)
	case "monday":
		return "monday"
	}
	return "Bella Vista"
}
