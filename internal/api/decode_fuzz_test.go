package api

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/errs"
)

// bodyTypes are the request body types of the route table.
func bodyTypes(t testing.TB) []reflect.Type {
	t.Helper()
	var out []reflect.Type
	seen := map[reflect.Type]bool{}
	for _, rt := range newDocServer().Routes() {
		if rt.Body == nil || rt.BodyType != "" {
			continue
		}
		if typ := reflect.TypeOf(rt.Body); !seen[typ] {
			seen[typ] = true
			out = append(out, typ)
		}
	}
	if len(out) < 20 {
		t.Fatalf("only %d body types in the route table", len(out))
	}
	return out
}

// FuzzDecodeJSON decodes arbitrary bytes into every request body type of the
// route table. Whatever the input: no panic; every error has a Kind that is
// not a 5xx; and whatever is accepted holds no NUL, nothing that is not
// UTF-8, and no U+FFFD the client did not send (encoding/json's silent
// replacement of bad bytes and lone surrogates).
//
//	go test -run '^$' -fuzz FuzzDecodeJSON -fuzztime 60s ./internal/api/
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{}`, ``, ` `, `null`, `[]`, `"x"`, `{"name":"Bella Vista"}`, `{"name":"Bella Vista"} {}`,
		`{"name":"a\u0000b"}`, "{\"name\":\"a\xff\xfeb\"}", `{"name":"a\ud800b"}`, `{"name":"a\udfffb"}`,
		`{"name":"\ud83d\ude00"}`, `{"name":"\ud83d\u0041"}`, `{"name":"\ud800\ud800"}`, "{\"name\":\"\xc0\x80\"}",
		"{\"name\":\"\xe0\x80\x80\"}", "{\"name\":\"\xed\xa0\x80\"}", `{"name":"\ufffd"}`, "{\"name\":\"\xef\xbf\xbd\"}",
		`{"name":"Cafe\u0301"}`, `{"business_hours":{"monday":[{"open":"09:00","close":"17:00"}]}}`,
		`{"business_hours":{"mon\u0000day":[]}}`, `{"address":{"city":"Ce\u0000bu"}}`,
		`{"providers":[{"id":"google","name":"G\ud800","client_id":"x","client_secret":"s\u0000"}]}`,
		`{"subscription":{"plan":"\u0000"}}`, `{"settings":{"staff_position_templates":["a","b\u0000"]}}`,
		`{"name":1}`, `{"nope":"x"}`, `{"name":"x"`, `{"name":"\`, `{"name":"\u00`, `{"a\u0000":1}`,
		`{"email":"a@example.com","password":"Caf\u0065\u0301-Passw0rd"}`, `{"name":` + strings.Repeat(`[`, 100) + `}`,
	} {
		f.Add([]byte(seed))
	}
	types := bodyTypes(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, typ := range types {
			dst := reflect.New(typ)
			err := decodeJSON(body, dst.Interface(), false)
			if err != nil {
				if e, ok := errs.As(err); !ok || e.Kind == errs.Internal || status(e.Kind) >= 500 {
					t.Fatalf("%s: %q: error without a client kind: %v", typ, body, err)
				}
				continue
			}
			sentFFFD := bytes.Contains(body, []byte("\uFFFD")) || bytes.Contains(bytes.ToLower(body), []byte(`\ufffd`))
			eachString(dst, func(s string) {
				switch {
				case !utf8.ValidString(s):
					t.Fatalf("%s: %q: accepted a string that is not UTF-8: %q", typ, body, s)
				case strings.ContainsRune(s, 0):
					t.Fatalf("%s: %q: accepted a NUL: %q", typ, body, s)
				case strings.ContainsRune(s, utf8.RuneError) && !sentFFFD:
					t.Fatalf("%s: %q: accepted %q, altered to U+FFFD", typ, body, s)
				}
			})
		}
	})
}

// eachString calls fn with every string reachable from v, map keys and raw
// JSON included.
func eachString(v reflect.Value, fn func(string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			eachString(v.Elem(), fn)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			eachString(v.Field(i), fn)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			fn(string(v.Bytes()))
			return
		}
		for i := range v.Len() {
			eachString(v.Index(i), fn)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			eachString(k, fn)
			eachString(v.MapIndex(k), fn)
		}
	case reflect.String:
		fn(v.String())
	}
}
