//go:build unix

package web

import "syscall"

// descriptorLimit is the process's soft limit of open files (Go raises it to the hard limit
// at start).
func descriptorLimit() int {
	var l syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l); err != nil || l.Cur > 1<<30 {
		return 1024
	}
	return int(l.Cur)
}
