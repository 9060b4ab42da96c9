package test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
)

// TestConfigCustomSchema: a custom json key defined with a JSON Schema
// stores a tenant's value that fits and refuses one that does not with
// the code of the built-in keys' schema violations; a schema on a key of
// another type, a schema that is not one, and a default that does not fit
// are refused; the schema is listed with the definition and replaced by a
// redefinition, after which a stored value that no longer fits gives way
// to the default.
func TestConfigCustomSchema(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		_, owner := h.keyOwner(t, "Report Columns Spa")
		const key = "features.report_columns"
		schema := map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "maxItems": 5}
		def := func(s any, typ string, dflt any) map[string]any {
			return map[string]any{"key": key, "lbl": "Report columns", "gen_type": typ, "default": dflt, "schema": s}
		}
		bad := func(body map[string]any, field, code string) {
			t.Helper()
			p := h.post(t, "/api/v1/admin/config-definitions", h.admin(t), body).problem(http.StatusUnprocessableEntity, "validation_failed")
			if got := p.fieldError(field).str("code"); got != code {
				t.Errorf("%v: %s", body, p)
			}
		}
		bad(def(schema, "boolean", false), "schema", "schema_not_allowed")
		bad(def(map[string]any{"type": "nope"}, "json", []any{}), "schema", "invalid_schema")
		bad(def("abc", "json", []any{}), "schema", "invalid_schema")
		bad(def(map[string]any{"$ref": "https://example.com/remote.json"}, "json", []any{}), "schema", "invalid_schema")
		bad(def(schema, "json", []any{1}), "definition", "invalid")

		created := h.post(t, "/api/v1/admin/config-definitions", h.admin(t), def(schema, "json", []any{"name"})).
			expect(http.StatusCreated).obj()
		sameJSON(t, created.m["schema"], schema)

		path := "/api/v1/configs/" + key
		got := h.put(t, path, owner, map[string]any{"value": []any{"name", "total"}}).expect(http.StatusOK).obj()
		sameJSON(t, got.m["val"], []any{"name", "total"})
		for _, v := range []any{[]any{"name", 3}, []any{"a", "b", "c", "d", "e", "f"}, "name"} {
			p := h.put(t, path, owner, map[string]any{"value": v}).problem(http.StatusUnprocessableEntity, "validation_failed")
			if p.fieldError("value").str("code") != "invalid_type" {
				t.Errorf("%v: %s", v, p)
			}
		}
		// A built-in key's schema violation answers the same code.
		p := h.put(t, "/api/v1/configs/auth.first_factors", owner, map[string]any{"value": []any{"carrier-pigeon"}}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		if p.fieldError("value").str("code") != "invalid_type" {
			t.Errorf("built-in schema violation: %s", p)
		}
		sameJSON(t, h.flatConfigs(t, owner).m[key], []any{"name", "total"})

		// Listed with its definition (as JSON: PostgreSQL rewrites the text).
		found := false
		for _, it := range h.get(t, "/api/v1/admin/configs", h.admin(t)).expect(http.StatusOK).obj().objs("items") {
			if d := it.sub("definition"); d.str("key") == key {
				found = true
				sameJSON(t, d.m["schema"], schema)
			}
		}
		if !found {
			t.Errorf("%s not in the admin listing", key)
		}

		// Redefined with at most one column, the stored two give way to the default.
		narrow := map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "maxItems": 1}
		h.put(t, "/api/v1/admin/config-definitions/"+key, h.admin(t), def(narrow, "json", []any{"id"})).expect(http.StatusOK)
		sameJSON(t, h.flatConfigs(t, owner).m[key], []any{"id"})
		h.put(t, path, owner, map[string]any{"value": []any{"a", "b"}}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.put(t, path, owner, map[string]any{"value": []any{"a"}}).expect(http.StatusOK)

		// Redefined without a schema, any JSON goes.
		h.put(t, "/api/v1/admin/config-definitions/"+key, h.admin(t), def(nil, "json", []any{})).expect(http.StatusOK)
		h.put(t, path, owner, map[string]any{"value": map[string]any{"free": "form"}}).expect(http.StatusOK)
	})
}

// sameJSON fails unless got (decoded JSON) equals want once both are
// round-tripped through encoding/json.
func sameJSON(t testing.TB, got, want any) {
	t.Helper()
	norm := func(v any) any {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("encode %v: %v", v, err)
		}
		var out any
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("decode %s: %v", b, err)
		}
		return out
	}
	if g, w := norm(got), norm(want); !reflect.DeepEqual(g, w) {
		t.Errorf("got %v, want %v", g, w)
	}
}
