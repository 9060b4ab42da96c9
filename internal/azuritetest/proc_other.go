//go:build !linux

package azuritetest

import "syscall"

// sysProcAttr is the default elsewhere: the cleanups stop Azurite.
func sysProcAttr() *syscall.SysProcAttr { return nil }
