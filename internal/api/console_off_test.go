//go:build noconsole

package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
)

// TestConsoleNotBuilt: a binary built with the noconsole tag answers every
// console address with console_not_built.
func TestConsoleNotBuilt(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/console/", nil)
	err := (&Server{}).consoleFile(httptest.NewRecorder(), r, nil)
	if e, ok := errs.As(err); !ok || e.Kind != errs.NotFound || e.Code != "console_not_built" {
		t.Fatalf("noconsole build: %v, want console_not_built", err)
	}
}
