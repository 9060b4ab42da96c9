package test

import (
	"bytes"
	"net/http"
	"os"
	"testing"
)

// regenerateOpenAPI is the command that writes the committed document.
const regenerateOpenAPI = "go run ./cmd/tenantry openapi > docs/openapi.json"

// TestOpenAPIGolden: docs/openapi.json, the committed API description, is
// exactly what the running server serves at /openapi.json.
func TestOpenAPIGolden(t *testing.T) {
	golden, err := os.ReadFile("../docs/openapi.json")
	if err != nil {
		t.Fatalf("%v (write it with: %s)", err, regenerateOpenAPI)
	}
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		served := h.get(t, "/openapi.json", "").expect(http.StatusOK).body
		if !bytes.Equal(served, golden) {
			t.Errorf("docs/openapi.json differs from the served /openapi.json (%d vs %d bytes); regenerate it with: %s",
				len(golden), len(served), regenerateOpenAPI)
		}
	})
}
