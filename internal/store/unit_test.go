package store

import (
	"context"
	"errors"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
)

// TestOutcome: a unit that ran out of time is Unavailable, never internal;
// a caller that went away is a cancellation, whatever failed; errors with a
// kind stay as they are.
func TestOutcome(t *testing.T) {
	live := context.Background()
	cancelled, cancel := context.WithCancel(live)
	cancel()
	expired, cancel2 := context.WithTimeout(live, 0)
	defer cancel2()
	raw := errors.New("read tcp: connection reset")
	notFound := errs.E(errs.NotFound, "tenant_not_found", "Not found.")
	cases := []struct {
		name         string
		caller, unit context.Context
		err          error
		kind         errs.Kind
		canceled     bool
	}{
		{"budget spent", live, expired, raw, errs.Unavailable, false},
		{"deadline error", live, live, context.DeadlineExceeded, errs.Unavailable, false},
		{"caller's deadline", expired, expired, raw, errs.Unavailable, false},
		{"client gone", cancelled, cancelled, raw, errs.Internal, true},
		{"client gone, classified", cancelled, cancelled, UnavailableError(raw), errs.Unavailable, true},
		{"kind kept", live, expired, notFound, errs.NotFound, false},
		{"plain error", live, live, raw, errs.Internal, false},
	}
	for _, c := range cases {
		got := outcome(c.caller, c.unit, c.err)
		if k := errs.KindOf(got); k != c.kind {
			t.Errorf("%s: kind %v, want %v (%v)", c.name, k, c.kind, got)
		}
		if errors.Is(got, context.Canceled) != c.canceled {
			t.Errorf("%s: %v, want context.Canceled %v", c.name, got, c.canceled)
		}
		if !errors.Is(got, c.err) {
			t.Errorf("%s: %v does not wrap %v", c.name, got, c.err)
		}
	}
	if outcome(live, expired, nil) != nil {
		t.Error("no error became one")
	}
}

// TestRunNeedsScopeAndBudget: a unit is a tenant's or the system's, and has a budget.
func TestRunNeedsScopeAndBudget(t *testing.T) {
	db := &DB{}
	for _, u := range []Unit{{Budget: 1}, {TenantID: "ten_x", System: true, Budget: 1}, {System: true}} {
		if err := db.Run(context.Background(), u, func(*Tx) error { return nil }); err == nil {
			t.Errorf("Run(%+v) accepted", u)
		}
	}
}

// uncomparableCtx is a context that == cannot compare.
type uncomparableCtx struct {
	context.Context
	_ []string
}

func TestSameContext(t *testing.T) {
	a := context.Background()
	b, cancel := context.WithCancel(a)
	defer cancel()
	u1, u2 := uncomparableCtx{Context: a}, uncomparableCtx{Context: a}
	for _, c := range []struct {
		x, y context.Context
		want bool
	}{{a, a, true}, {b, b, true}, {a, b, false}, {u1, u2, false}, {u1, a, false}} {
		if got := same(c.x, c.y); got != c.want {
			t.Errorf("same(%v, %v) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
}
