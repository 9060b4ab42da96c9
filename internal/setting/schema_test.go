package setting

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSchemaValidatesValues(t *testing.T) {
	r := Builtin()
	first, _ := r.Lookup(FirstFactors)
	if first.compiled == nil {
		t.Fatal("the built-in schema was not compiled when the registry was made")
	}
	cols := &Def{Key: "features.report_columns", Label: "Columns", Type: JSON, Default: raw(`[]`), Levels: everyLevel,
		Schema: raw(`{"type":"array","items":{"type":"string"},"maxItems":3}`)}
	obj := &Def{Key: "features.limits", Label: "Limits", Type: JSON, Default: raw(`{"n":1}`), Levels: everyLevel,
		Schema: raw(`{"type":"object","properties":{"n":{"type":"integer","minimum":1}},"required":["n"],
			"additionalProperties":false}`)}
	if _, err := r.With([]*Def{cols, obj}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		d    *Def
		in   string
		want string // "" accepted, else a part of the message
	}{
		{first, `["emailpassword"]`, ""},
		{first, `["emailpassword","otp-email","thirdparty"]`, ""},
		{first, `["sms"]`, "/0: value must be one of"},
		{first, `["emailpassword","emailpassword"]`, "/: items at 0 and 1 are equal"},
		{first, `"emailpassword"`, "/: got string, want array"},
		{cols, `["a","b"]`, ""},
		{cols, `[1]`, "/0: got number, want string"},
		{cols, `["a","b","c","d"]`, "/: maxItems"},
		{obj, `{"n":2}`, ""},
		{obj, `{"n":0}`, "/n: "},
		{obj, `{"n":1.5}`, "/n: got number, want integer"},
		{obj, `{"n":1,"x":true}`, "additional"},
		{obj, `{}`, "missing property 'n'"},
	} {
		_, err := c.d.Normalize(raw(c.in))
		var bad *Invalid
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s %s: %v", c.d.Key, c.in, err)
		case c.want == "":
		case !errors.As(err, &bad):
			t.Errorf("%s %s: %v (%T), want an *Invalid", c.d.Key, c.in, err, err)
		case !strings.Contains(bad.Msg, c.want) || strings.Contains(bad.Msg, "\n") || strings.Contains(bad.Msg, "tenantry.invalid"):
			t.Errorf("%s %s: %q, want one line naming %q", c.d.Key, c.in, bad.Msg, c.want)
		}
	}
	// Resolution skips a stored value its schema refuses.
	var ls Layers
	ls.Put(Tenant, FirstFactors, Entry{Value: raw(`["sms"]`)})
	if got := Index(Resolve(r, ls))[FirstFactors]; got.From != Default {
		t.Errorf("a value failing its schema was resolved: %+v", got)
	}
}

func TestSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	local := filepath.Join(dir, "s.json")
	if err := os.WriteFile(local, []byte(`{"type":"string"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	def := func(schema, dflt string) *Def {
		return &Def{Key: "x.j", Label: "j", Type: JSON, Default: raw(dflt), Levels: everyLevel, Schema: raw(schema)}
	}
	for _, c := range []struct {
		name string
		d    *Def
		want string
	}{
		{"not a schema", def(`{"type":"banana"}`, `1`), "The schema is not a valid JSON Schema: "},
		{"not JSON", def(`{"type":`, `1`), "The schema is not a valid JSON Schema: "},
		{"remote ref", def(`{"$ref":"https://example.com/s.json"}`, `1`), "The schema is not a valid JSON Schema: "},
		{"relative ref", def(`{"$ref":"other.json"}`, `1`), "The schema is not a valid JSON Schema: "},
		{"file ref", def(`{"$ref":"file://`+filepath.ToSlash(local)+`"}`, `"a"`), "The schema is not a valid JSON Schema: "},
		{"remote meta-schema", def(`{"$schema":"https://example.com/meta"}`, `1`), "The schema is not a valid JSON Schema: "},
		{"too big", def(`{"description":"`+strings.Repeat("x", MaxSchemaBytes)+`"}`, `1`), "over 16 KiB"},
		{"not json type", &Def{Key: "x.j", Label: "j", Type: String, Default: raw(`""`), Levels: everyLevel,
			Schema: raw(`{"type":"string"}`)}, "Only a key of type json"},
		{"default fails", def(`{"type":"array"}`, `{}`), "The default is not valid: "},
	} {
		err := CheckDef(c.d)
		var bad *Invalid
		if !errors.As(err, &bad) || !strings.HasPrefix(bad.Msg, c.want) && !strings.Contains(bad.Msg, c.want) {
			t.Errorf("%s: %v, want an Invalid %q", c.name, err, c.want)
			continue
		}
		if strings.Contains(bad.Msg, "\n") {
			t.Errorf("%s: message of several lines: %q", c.name, bad.Msg)
		}
		code := InvalidSchema
		switch c.name {
		case "not json type":
			code = SchemaNotAllowed
		case "default fails":
			code = ""
		}
		if bad.Code != code {
			t.Errorf("%s: code %q, want %q", c.name, bad.Code, code)
		}
		if _, err := Builtin().With([]*Def{c.d}); err == nil {
			t.Errorf("%s: With accepted it", c.name)
		}
	}
	// A local $ref within the schema itself works.
	ok := def(`{"$defs":{"s":{"type":"string"}},"type":"array","items":{"$ref":"#/$defs/s"}}`, `["a"]`)
	if err := CheckDef(ok); err != nil {
		t.Fatal(err)
	}
	if _, err := ok.Normalize(raw(`[2]`)); err == nil {
		t.Error("a value failing a local $ref was accepted")
	}
}

// TestSchemaOfCopiedDef: a Def copied with another schema (or never
// checked) validates against its own schema, not the one compiled before.
func TestSchemaOfCopiedDef(t *testing.T) {
	d := &Def{Key: "x.j", Label: "j", Type: JSON, Default: raw(`1`), Levels: everyLevel, Schema: raw(`{"type":"integer"}`)}
	if err := CheckDef(d); err != nil {
		t.Fatal(err)
	}
	c := *d
	c.Schema = raw(`{"type":"string"}`)
	if _, err := c.Normalize(raw(`"a"`)); err != nil {
		t.Errorf("copy: %v", err)
	}
	if _, err := d.Normalize(raw(`"a"`)); err == nil {
		t.Error("original accepted a string")
	}
	unchecked := &Def{Key: "x.k", Type: JSON, Schema: raw(`{"type":"boolean"}`)}
	if _, err := unchecked.Normalize(raw(`1`)); err == nil {
		t.Error("an unchecked Def ignored its schema")
	}
}

func BenchmarkSchemaValidate(b *testing.B) {
	d, _ := Builtin().Lookup(FirstFactors)
	for b.Loop() {
		if _, err := d.Normalize(raw(`["emailpassword","otp-email"]`)); err != nil {
			b.Fatal(err)
		}
	}
}
