package paperidtest

import (
	"fmt"
	"net"
	"syscall"
)

// hold binds a socket to addr without listening on it: connections to addr
// are refused, and no other socket of the machine (an outgoing connection's
// ephemeral port, another test's listener) can take the port meanwhile. The
// returned function releases it.
func hold(addr string) (func(), error) {
	tcp, err := net.ResolveTCPAddr("tcp4", addr)
	if err != nil {
		return nil, err
	}
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("socket: %w", err)
	}
	if err := syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1); err != nil {
		_ = syscall.Close(fd)
		return nil, fmt.Errorf("SO_REUSEADDR: %w", err)
	}
	sa := &syscall.SockaddrInet4{Port: tcp.Port}
	copy(sa.Addr[:], tcp.IP.To4())
	if err := syscall.Bind(fd, sa); err != nil {
		_ = syscall.Close(fd)
		return nil, fmt.Errorf("bind %s: %w", addr, err)
	}
	return func() { _ = syscall.Close(fd) }, nil
}
