//go:build linux

package main

import (
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// processStart is when the kernel started this process (field 22 of
// /proc/self/stat, in clock ticks since boot), so the first-frame figure
// includes loading the binary and Go's start-up, not only main. It falls
// back to now if /proc cannot be read.
func processStart() time.Time {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return time.Now()
	}
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(fields) < 20 {
		return time.Now()
	}
	ticks, err := strconv.ParseUint(fields[19], 10, 64)
	if err != nil {
		return time.Now()
	}
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts); err != nil {
		return time.Now()
	}
	// USER_HZ is 100 on every Linux architecture Go supports.
	sinceBoot := time.Duration(ticks) * 10 * time.Millisecond
	uptime := time.Duration(ts.Nano())
	return time.Now().Add(-(uptime - sinceBoot))
}
