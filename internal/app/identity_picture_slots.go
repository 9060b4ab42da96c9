package app

import (
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

// defaultPictureDecodes is how many pictures are decoded at once unless
// Options say otherwise.
const defaultPictureDecodes = 2

var errPicturesBusy = &errs.Error{Kind: errs.RateLimited, Code: "pictures_busy", RetryAfter: time.Second,
	Msg: "Too many pictures are being processed right now; try again in a moment."}

// DecodeSlots bounds how many pictures are decoded at once: each decode
// takes up to identity.MaxPictureDecodeBytes of memory and a while of a
// CPU. A decode that finds every slot taken is refused at once
// (errPicturesBusy, 429 with Retry-After), never queued.
type DecodeSlots struct {
	slots chan struct{}
}

func newDecodeSlots(n int) *DecodeSlots {
	if n < 1 {
		n = defaultPictureDecodes
	}
	return &DecodeSlots{slots: make(chan struct{}, n)}
}

// TryAcquire takes a slot if one is free, and reports whether it did.
func (s *DecodeSlots) TryAcquire() bool {
	select {
	case s.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

// Release gives back a slot TryAcquire took. Releasing a slot not taken
// does nothing.
func (s *DecodeSlots) Release() {
	select {
	case <-s.slots:
	default:
	}
}

// InUse reports how many slots are taken.
func (s *DecodeSlots) InUse() int { return len(s.slots) }

// Cap reports how many decodes may run at once.
func (s *DecodeSlots) Cap() int { return cap(s.slots) }

// PictureDecodes returns the slots of picture decodes, to observe them (and,
// in tests, to hold them).
func (a *App) PictureDecodes() *DecodeSlots { return a.pictures }
