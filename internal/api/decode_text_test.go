package api

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
)

func TestDecodeRefusesBadTextNamingTheField(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		dst        any
		field      string
		code       string
	}{
		{"NUL escape", `{"name":"Bella\u0000Vista"}`, &OutletRequest{}, "name", "invalid_characters"},
		{"invalid UTF-8", "{\"name\":\"Bella\xff\xfeVista\"}", &OutletRequest{}, "name", "invalid_utf8"},
		{"lone high surrogate", `{"name":"Bella\ud800Vista"}`, &OutletRequest{}, "name", "invalid_utf8"},
		{"high surrogate then non-surrogate", `{"name":"\ud83d\u0041"}`, &OutletRequest{}, "name", "invalid_utf8"},
		{"two high surrogates", `{"name":"\uD800\uD800"}`, &OutletRequest{}, "name", "invalid_utf8"},
		{"lone low surrogate", `{"name":"\udfff"}`, &OutletRequest{}, "name", "invalid_utf8"},
		{"overlong NUL", "{\"name\":\"\xc0\x80\"}", &OutletRequest{}, "name", "invalid_utf8"},
		{"overlong 3-byte", "{\"name\":\"\xe0\x80\x80\"}", &OutletRequest{}, "name", "invalid_utf8"},
		{"encoded surrogate", "{\"name\":\"\xed\xa0\x80\"}", &OutletRequest{}, "name", "invalid_utf8"},
		{"nested object", `{"address":{"city":"Ce\u0000bu"}}`, &OutletRequest{}, "address.city", "invalid_characters"},
		{"map key", `{"business_hours":{"mon\u0000day":[]}}`, &OutletRequest{}, "business_hours", "invalid_characters"},
		{"map value", `{"business_hours":{"monday":[{"open":"09\u0000:00","close":"17:00"}]}}`, &OutletRequest{},
			"business_hours.monday[0].open", "invalid_characters"},
		{"list in list", `{"providers":[{"id":"a"},{"id":"b","name":"G\ud800"}]}`, &AuthConfigRequest{}, "providers[1].name", "invalid_utf8"},
		{"raw JSON field", `{"subscription":{"plan":"\u0000"}}`, &UpdateTenantRequest{}, "subscription.plan", "invalid_characters"},
		{"secret", `{"email":"a@example.com","password":"pass\u0000word"}`, &LoginRequest{}, "password", "invalid_characters"},
	} {
		err := decodeJSON([]byte(tc.body), tc.dst, false)
		e, ok := errs.As(err)
		if !ok || e.Kind != errs.Invalid {
			t.Errorf("%s: got %v, want a 422 naming %s", tc.name, err, tc.field)
			continue
		}
		if len(e.Fields) != 1 || e.Fields[0].Field != tc.field || e.Fields[0].Code != tc.code {
			t.Errorf("%s: fields %+v, want %s/%s", tc.name, e.Fields, tc.field, tc.code)
		}
	}
}

func TestDecodeReportsEveryBadField(t *testing.T) {
	err := decodeJSON([]byte(`{"name":"a\u0000","phone":"\ud800","address":{"line1":"x\u0000","line2":"ok"}}`), &OutletRequest{}, false)
	e, _ := errs.As(err)
	if e == nil || len(e.Fields) != 3 {
		t.Fatalf("got %v, want three fields", err)
	}
	for i, f := range []string{"name", "phone", "address.line1"} {
		if e.Fields[i].Field != f {
			t.Errorf("field %d = %s, want %s", i, e.Fields[i].Field, f)
		}
	}
}

func TestDecodeAcceptsValidUnicodeAndNormalizes(t *testing.T) {
	var o OutletRequest
	body := `{"name":"Cafe\u0301 \ud83d\ude00 \ufffd \"q\" \\u0000","address":{"city":"Zu\u0308rich"},` +
		`"business_hours":{"monday":[{"open":"09:00","close":"17:00"}]}}`
	if err := decodeJSON([]byte(body), &o, false); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if want := "Café 😀 \uFFFD \"q\" \\u0000"; *o.Name != want {
		t.Errorf("name = %q, want %q (NFC, pair decoded, sent U+FFFD and escaped backslash kept)", *o.Name, want)
	}
	if *o.Address.City != "Zürich" {
		t.Errorf("city = %q, want NFC Zürich", *o.Address.City)
	}
	var l LoginRequest
	if err := decodeJSON([]byte(`{"email":"Jose\u0301@example.com","password":"Jose\u0301-Passw0rd"}`), &l, false); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if l.Email != "José@example.com" || l.Password != "Jose\u0301-Passw0rd" {
		t.Errorf("email %q (want NFC), password %q (want verbatim)", l.Email, l.Password)
	}
}

// TestSecretsAreVerbatim keeps every password and secret of a request body
// out of NFC normalization: they are compared byte for byte with what was
// hashed or stored before.
func TestSecretsAreVerbatim(t *testing.T) {
	var check func(typ reflect.Type, path string)
	check = func(typ reflect.Type, path string) {
		switch typ.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			check(typ.Elem(), path)
		case reflect.Struct:
			for i := range typ.NumField() {
				f := typ.Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				elem := f.Type
				for elem.Kind() == reflect.Pointer {
					elem = elem.Elem()
				}
				secret := strings.Contains(name, "password") || strings.Contains(name, "secret")
				if secret && elem.Kind() == reflect.String && f.Tag.Get("text") != "verbatim" {
					t.Errorf("%s.%s (%s) is a secret without text:\"verbatim\"", path, f.Name, name)
				}
				check(f.Type, path+"."+f.Name)
			}
		}
	}
	for _, typ := range bodyTypes(t) {
		check(typ, typ.Name())
	}
}
