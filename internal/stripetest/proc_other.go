//go:build !linux

package stripetest

import "syscall"

// sysProcAttr is the default elsewhere: the cleanups stop stripe-mock.
func sysProcAttr() *syscall.SysProcAttr { return nil }
