package search_test

import (
	"syscall"
	"time"
)

// threadCPU is the CPU time the calling OS thread has used: on a machine shared with other
// work, the answer time a question costs, whatever the wait for a core.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
