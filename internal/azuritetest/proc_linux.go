package azuritetest

import "syscall"

// sysProcAttr has the kernel end Azurite when the test binary dies
// without running its cleanups (a panic, a test timeout).
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
