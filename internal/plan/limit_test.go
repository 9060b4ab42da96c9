package plan_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/plan"
)

// TestLimitError: both refusals are errors with the one code, the kind that
// decides their status, and the plan details reachable through wrapping.
func TestLimitError(t *testing.T) {
	over := plan.Exceeded{Meter: plan.Outlets, Used: 1, Limit: 1}
	var err error = fmt.Errorf("create outlet: %w", plan.NewLimitError(plan.Free, plan.Basic, false, over))
	var le *plan.LimitError
	if !errors.As(err, &le) || le.Allowing != plan.Basic || le.Plan != plan.Free || le.Exceeded[0] != over {
		t.Fatalf("LimitError not reachable: %v", err)
	}
	if !errs.Is(err, errs.LimitExceeded) || errs.CodeOf(err) != "plan_limit_exceeded" {
		t.Errorf("creation refusal: kind/code of %v", err)
	}
	down := plan.NewLimitError(plan.Free, "", true, over)
	if !errs.Is(down, errs.Conflict) || errs.CodeOf(down) != "plan_limit_exceeded" || down.Error() == "" {
		t.Errorf("downgrade refusal: %v", down)
	}
}
