package main

import (
	"runtime/debug"
	"time"

	"github.com/tierdesk/tierdesk/app"
)

// releaseAfterIndex returns the memory the start-up left behind to the
// operating system once the full-text index is built. Building it from a
// large store allocates several times the index's final size in
// short-lived garbage (tokens, posting lists being merged); the Go runtime
// would keep those pages resident for minutes before its scavenger gives
// them back, and that is the figure a user sees in their task manager.
// One forced collection at that point costs tens of milliseconds once.
func releaseAfterIndex(desk *app.Desk) {
	go func() {
		if desk.WaitSearch(time.Hour) {
			debug.FreeOSMemory()
		}
	}()
}

// startupMemoryLimit bounds the heap while the collector is off at
// start-up: reaching it makes Go collect anyway, so a store far larger
// than expected costs time, not memory.
const startupMemoryLimit = 512 << 20

// relaxGCForStartup turns the garbage collector off until the first frame
// and returns the function that turns it back on. Opening 100,000 tickets
// allocates a few hundred thousand small objects that all stay live, so a
// collection during the open only marks them again, on a core the window
// needs: in measurements before this was set, collecting at 400 % instead
// of 100 % brought the first frame 40-60 ms sooner, and not collecting at
// all (the soft memory limit as the safety net) a little more.
func relaxGCForStartup() (restore func()) {
	oldPercent := debug.SetGCPercent(-1)
	oldLimit := debug.SetMemoryLimit(startupMemoryLimit)
	return func() {
		debug.SetMemoryLimit(oldLimit)
		debug.SetGCPercent(oldPercent)
	}
}
