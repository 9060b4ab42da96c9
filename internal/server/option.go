package server

import (
	"time"

	"github.com/tenantry/tenantry/internal/limit"
)

// Option tunes how Open assembles a server beyond its configuration: what
// a deployment never sets, but a test does.
type Option func(*assembly)

// WithClock makes every time rule of the server read now instead of the
// wall clock: token lifetimes and their verification, the expiry of codes,
// links, invitations and challenges, sign-in throttles, request windows,
// rate limits, the caller cache and mail retries. Black-box tests give it a
// clock they advance, so no rule depends on how fast the machine runs.
func WithClock(now func() time.Time) Option {
	return func(a *assembly) { a.now = now }
}

// WithPolls sets how often the job worker looks for due jobs and the
// signing-key watch for keys added elsewhere (0: the default, 1 s and 2 s).
// A test that makes them longer than it runs shows that a queued job or an
// added key reaches this process by broadcast alone.
func WithPolls(jobs, keys time.Duration) Option {
	return func(a *assembly) { a.jobPoll, a.keyPoll = jobs, keys }
}

// assembly is what the options decide: the one clock and the one limit
// store that the app, the API and the mail worker share, and the polls.
type assembly struct {
	now              func() time.Time
	limits           limit.Store
	jobPoll, keyPoll time.Duration
}

func newAssembly(opts []Option) assembly {
	a := assembly{now: time.Now}
	for _, o := range opts {
		o(&a)
	}
	if a.limits == nil {
		a.limits = limit.NewMemory()
	}
	return a
}
