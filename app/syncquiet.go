package app

import tdsync "github.com/tierdesk/tierdesk/sync"

// quietStatus reports whether the engine's move from prev to next is an
// idle sync that found nothing: online before and after, no error, no
// retry, nothing sent, failed or pulled, and not the first completed sync.
// The desk does not tell the UI about those. An idle client syncs every
// 5 s, and each notification redrew the window twice (the list and the
// status bar: "syncing", then "synced"), which was most of the app's CPU
// while nobody used it (BENCHMARKS.md, idle CPU). The status bar's
// relative "last sync" time is redrawn by its own clock.
func quietStatus(prev, next tdsync.Status) bool {
	return prev.Online && next.Online &&
		prev.LastError == nil && next.LastError == nil &&
		prev.RetryIn == 0 && next.RetryIn == 0 &&
		!prev.LastSync.IsZero() && !next.LastSync.IsZero() &&
		next.Progress.Done == 0 &&
		next.Result == (tdsync.Result{})
}
