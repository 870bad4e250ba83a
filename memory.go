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

// startupGCPercent is the garbage collector's target while the store opens
// and the first frame is drawn. Opening 100,000 tickets allocates a few
// hundred thousand small objects that all stay live, so collecting at the
// default 100 % only re-marks them, on the core the window needs: with 400
// the first frame came 40-60 ms sooner in measurements before this was
// set, and the default returns as soon as the frame is on screen.
const startupGCPercent = 400

// relaxGCForStartup raises the GC target and returns the function that
// puts the previous one back.
func relaxGCForStartup() (restore func()) {
	old := debug.SetGCPercent(startupGCPercent)
	return func() { debug.SetGCPercent(old) }
}
