package exchange

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

func file(t *testing.T, document bool) []byte {
	t.Helper()
	var b bytes.Buffer
	x := NewWriter(&b, document)
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, err := range []error{
		x.Header(NewHeader("exp_1", "ten_1", "spa", at)),
		x.Record(TypeTenant, &Tenant{ID: "ten_1", Slug: "spa", Name: "Spa", Status: "active", Settings: json.RawMessage(`{}`)}),
		x.Record(TypeCustomer, &Customer{ID: "cst_1", Name: "Ana", Status: "active"}),
		x.Record(TypeCustomer, &Customer{ID: "cst_2", Name: "Bea", Status: "active"}),
		x.Close(),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func readAll(b []byte) (map[string]int, error) {
	rd, err := NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for {
		typ, _, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out[typ]++
	}
}

func TestReaderChecksTheTrailer(t *testing.T) {
	f := file(t, false)
	got, err := readAll(f)
	if err != nil || got[TypeCustomer] != 2 || got[TypeTenant] != 1 {
		t.Fatalf("whole file: %v, %v", got, err)
	}
	lines := strings.SplitAfter(string(f), "\n")
	for name, b := range map[string]string{
		"no trailer":       strings.Join(lines[:4], ""),
		"cut in a line":    strings.Join(lines[:3], "") + lines[3][:10],
		"a record dropped": strings.Join(lines[:3], "") + lines[4],
	} {
		if _, err := readAll([]byte(b)); errs.CodeOf(err) != "export_truncated" {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, c := range map[string]struct{ b, code string }{
		"empty":         {"", "export_empty"},
		"not an export": {`{"hello":1}` + "\n", "export_format"},
		"version 2":     {strings.Replace(lines[0], `"version":1`, `"version":2`, 1), "export_version"},
		"unknown type":  {lines[0] + `{"type":"secret","data":{}}` + "\n", "export_malformed"},
		"unknown field": {lines[0] + `{"type":"customer","data":{"password_hash":"x"}}` + "\n", "export_malformed"},
		"after trailer": {string(f) + lines[1], "export_malformed"},
	} {
		if _, err := readAll([]byte(c.b)); errs.CodeOf(err) != c.code {
			t.Errorf("%s: %v, want %s", name, err, c.code)
		}
	}
}

func TestDocumentIsOneJSONValue(t *testing.T) {
	var doc struct {
		Header  Header            `json:"header"`
		Records []json.RawMessage `json:"records"`
		Trailer Trailer           `json:"trailer"`
	}
	if err := json.Unmarshal(file(t, true), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Header.TenantID != "ten_1" || len(doc.Records) != 3 || doc.Trailer.Records != 3 {
		t.Errorf("document: %+v", doc)
	}
}

func TestCanonAndValidate(t *testing.T) {
	a, _ := Canon([]byte(`{ "b": 1, "a": [ 1.50, "x" ] }`))
	if string(a) != `{"a":[1.50,"x"],"b":1}` {
		t.Errorf("canon: %s", a)
	}
	err := Validate(TypeCustomer, &Customer{ID: "cst_1", Name: "", Status: "gone"})
	e, ok := errs.As(err)
	if !ok || e.Code != "import_record_invalid" || len(e.Fields) < 2 || !strings.HasPrefix(e.Fields[0].Field, "customer.") {
		t.Errorf("invalid customer: %v", err)
	}
	if err := Validate(TypeOutlet, &Outlet{ID: "out_1", Name: "Main", Timezone: "Asia/Manila",
		BusinessHours: json.RawMessage(`{"monday":[{"open":"18:00","close":"09:00"}]}`)}); err == nil {
		t.Error("reversed hours accepted")
	}
	if err := Validate(TypeAppointment, &Appointment{OutletID: "o", CustomerID: "c", ServiceID: "s", StaffID: "f",
		Status: "pending", StartAt: time.Unix(100, 0), EndAt: time.Unix(50, 0)}); err == nil {
		t.Error("an appointment ending before it starts accepted")
	}
}
