package text

import (
	"testing"
	"unicode"

	"github.com/tenantry/tenantry/internal/errs"
)

func TestSingleLineAndMultiLine(t *testing.T) {
	for _, tc := range []struct {
		name        string
		in          string
		single, any bool // SingleLine, MultiLine
	}{
		{"plain", "Bella Vista Spa", true, true},
		{"accents and scripts", "Café Zoë · 東京 · مرحبا · Ελένη", true, true},
		{"emoji with ZWJ", "👩\u200d👩\u200d👧 Family Salon", true, true},
		{"ZWNJ (Persian)", "می\u200cخواهم", true, true},
		{"left-to-right mark", "Shop \u200e42", true, true},
		{"empty", "", true, true},
		{"LF", "Bella\nVista", false, true},
		{"CR", "Bella\rVista", false, false},
		{"CRLF", "Bella\r\nVista", false, false},
		{"tab", "Bella\tVista", false, false},
		{"NUL", "Bella\x00Vista", false, false},
		{"DEL", "Bella\x7fVista", false, false},
		{"NEL U+0085", "Bella\u0085Vista", false, false},
		{"C1 U+009B", "Bella\u009bVista", false, false},
		{"line separator", "Bella\u2028Vista", false, false},
		{"paragraph separator", "Bella\u2029Vista", false, false},
		{"right-to-left override", "Bella\u202eatsiV", false, false},
		{"left-to-right embedding", "\u202aBella", false, false},
		{"first strong isolate", "Bella\u2068Vista\u2069", false, false},
		{"invalid UTF-8", "Bella\xffVista", false, false},
		{"overlong encoding", "Bella\xc0\x80Vista", false, false},
	} {
		if got := SingleLine(tc.in); got != tc.single {
			t.Errorf("%s: SingleLine(%q) = %v, want %v", tc.name, tc.in, got, tc.single)
		}
		if got := MultiLine(tc.in); got != tc.any {
			t.Errorf("%s: MultiLine(%q) = %v, want %v", tc.name, tc.in, got, tc.any)
		}
	}
}

// TestRefusedMatchesUnicodeTables holds the hand-written ranges to the
// categories they claim: every Cc, Zl and Zp rune is refused, and nothing
// else is but the bidirectional controls.
func TestRefusedMatchesUnicodeTables(t *testing.T) {
	bidi := func(r rune) bool { return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 }
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.In(r, unicode.Cc, unicode.Zl, unicode.Zp) || bidi(r)
		if got := refused(r); got != want {
			t.Fatalf("refused(%U) = %v, want %v", r, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	if got := Normalize("Cafe\u0301"); got != "Café" {
		t.Errorf("Normalize(NFD Café) = %q, want the precomposed %q", got, "Café")
	}
	if got := Normalize("Bella Vista"); got != "Bella Vista" {
		t.Errorf("Normalize changed ASCII: %q", got)
	}
}

func TestCheckRecordsTheField(t *testing.T) {
	var c errs.Collector
	CheckLine(&c, "business_name", "Bella\nVista")
	CheckLines(&c, "description", "Line one\nLine two")
	CheckLines(&c, "notes", "Line one\r\nLine two")
	e, ok := errs.As(c.Err())
	if !ok || e.Kind != errs.Invalid || len(e.Fields) != 2 {
		t.Fatalf("got %v, want two field errors", c.Err())
	}
	for i, f := range []string{"business_name", "notes"} {
		if e.Fields[i].Field != f || e.Fields[i].Code != Code {
			t.Errorf("field error %d = %+v, want %s/%s", i, e.Fields[i], f, Code)
		}
	}
}
