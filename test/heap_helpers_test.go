package test

import (
	"runtime"
	"time"
)

// watchHeap collects garbage, notes the process's heap in use, then samples
// it every 20 ms until the returned stop, which answers the heap in use
// when watching began and the most it saw since: a constant-memory proof
// for the large exports (the process holds server and client alike).
func watchHeap() (stop func() (base, peak uint64)) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	peak := make(chan uint64)
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		var top uint64
		for {
			select {
			case <-done:
				peak <- top
				return
			case <-tick.C:
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				top = max(top, ms.HeapInuse)
			}
		}
	}()
	return func() (uint64, uint64) {
		close(done)
		return base, <-peak
	}
}
