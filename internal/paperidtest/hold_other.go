//go:build !linux

package paperidtest

// hold keeps nothing where binding without listening is not wired up:
// connections are refused while the listener is closed, and the port is
// free for another socket to take meanwhile.
func hold(string) (func(), error) { return func() {}, nil }
