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
