package setting

import (
	"testing"
)

func TestResolveLayersAndLocks(t *testing.T) {
	r := Builtin()
	var ls Layers
	ls.Put(Global, MFAEnforced, Entry{Value: raw(`true`)})
	ls.Put(Tenant, MFAEnforced, Entry{Value: raw(`false`)})
	ls.Put(Environment, MFAEnforced, Entry{Value: raw(`true`)})
	ls.Put(Plan, WhiteLabel, Entry{Value: raw(`true`)})
	ls.Put(Tenant, WhiteLabel, Entry{Value: raw(`false`)}) // tenants may not set it
	ls.Put(Global, LogoURL, Entry{Value: raw(`"https://cdn.example.com/a.png"`), Locked: true})
	ls.Put(Tenant, LogoURL, Entry{Value: raw(`"https://evil.example.com/b.png"`)})
	ls.Put(Tenant, RetentionDays, Entry{Value: raw(`"not a number"`)}) // stale: skipped
	s := Index(Resolve(r, ls))
	if got := s[MFAEnforced]; got.From != Environment || !s.Bool(MFAEnforced) {
		t.Errorf("mfa: %+v", got)
	}
	if got := s[WhiteLabel]; got.From != Plan || !s.Bool(WhiteLabel) || got.Modifiable(Tenant) {
		t.Errorf("white label: %+v", got)
	}
	logo := s[LogoURL]
	if logo.From != Global || logo.LockedAt != Global || s.String(LogoURL) != "https://cdn.example.com/a.png" {
		t.Errorf("locked logo: %+v", logo)
	}
	if !logo.Locked(Tenant) || !logo.Locked(Global) || logo.Modifiable(Tenant) || s[PrimaryColor].Locked(Global) {
		t.Errorf("lock levels wrong: %+v", logo)
	}
	if s.Int(RetentionDays) != 365 || s[RetentionDays].From != Default {
		t.Errorf("retention: %+v", s[RetentionDays])
	}
}

func TestNormalize(t *testing.T) {
	r := Builtin()
	min, max := int64(1), int64(10)
	dur := &Def{Key: "x.ttl", Label: "t", Type: Duration, Default: raw(`"1m"`), Levels: everyLevel}
	enum := &Def{Key: "x.mode", Label: "m", Type: Enum, Values: []string{"a", "b"}, Default: raw(`"a"`), Levels: everyLevel}
	num := &Def{Key: "x.n", Label: "n", Type: Integer, Min: &min, Max: &max, Default: raw(`1`), Levels: everyLevel}
	js := &Def{Key: "x.j", Label: "j", Type: JSON, Default: raw(`{}`), Levels: everyLevel}
	mfa, _ := r.Lookup(MFAEnforced)
	color, _ := r.Lookup(PrimaryColor)
	logo, _ := r.Lookup(LogoURL)
	for _, c := range []struct {
		d       *Def
		in, out string
	}{
		{mfa, `true`, `true`}, {mfa, `"true"`, ""}, {mfa, `null`, ""}, {mfa, `1`, ""},
		{dur, `"90s"`, `"1m30s"`}, {dur, `90`, ""}, {dur, `"-1s"`, ""},
		{enum, `"b"`, `"b"`}, {enum, `"c"`, ""},
		{num, `5`, `5`}, {num, `5.0`, `5`}, {num, `5.5`, ""}, {num, `11`, ""}, {num, `"5"`, ""},
		{js, `{ "a" : [1, 2] }`, `{"a":[1,2]}`},
		{color, `"#1A73e8"`, `"#1A73e8"`}, {color, `"red"`, ""}, {color, `""`, `""`},
		{logo, `"https://x.example/l.png"`, `"https://x.example/l.png"`}, {logo, `"javascript:alert(1)"`, ""},
	} {
		got, err := c.d.Normalize(raw(c.in))
		switch {
		case c.out == "" && err == nil:
			t.Errorf("%s %s: accepted as %s", c.d.Key, c.in, got)
		case c.out != "" && (err != nil || string(got) != c.out):
			t.Errorf("%s %s: %s, %v; want %s", c.d.Key, c.in, got, err, c.out)
		}
		if _, isInvalid := err.(*Invalid); err != nil && !isInvalid {
			t.Errorf("%s %s: error %T is not *Invalid", c.d.Key, c.in, err)
		}
	}
}

func TestCustomDefinitions(t *testing.T) {
	r := Builtin()
	ok := &Def{Key: "features.beta_reports", Label: "Beta reports", Type: Boolean, Default: raw(`false`),
		Levels: []Level{Global, Plan, Tenant}, Custom: true}
	ext, err := r.With([]*Def{ok})
	if err != nil {
		t.Fatal(err)
	}
	if _, found := ext.Lookup(ok.Key); !found {
		t.Fatal("custom key not found")
	}
	if _, found := r.Lookup(ok.Key); found {
		t.Fatal("With changed the registry it extends")
	}
	for _, bad := range []*Def{
		{Key: MFAEnforced, Label: "dup", Type: Boolean, Default: raw(`false`), Levels: everyLevel},
		{Key: "NoDots", Label: "x", Type: Boolean, Default: raw(`false`), Levels: everyLevel},
		{Key: "x.y", Label: "", Type: Boolean, Default: raw(`false`), Levels: everyLevel},
		{Key: "x.y", Label: "x", Type: "float", Default: raw(`1`), Levels: everyLevel},
		{Key: "x.y", Label: "x", Type: Enum, Default: raw(`"a"`), Levels: everyLevel},
		{Key: "x.y", Label: "x", Type: Boolean, Default: raw(`3`), Levels: everyLevel},
		{Key: "x.y", Label: "x", Type: Boolean, Default: raw(`true`), Levels: []Level{"galaxy"}},
	} {
		if _, err := r.With([]*Def{bad}); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
}
