package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/app"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

// newStatusFixture is a UI whose status bar the test drives with made-up
// sync states; the desk subscription is stopped so only the test draws.
func newStatusFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t, technician, nil)
	f.ui.shutdown()
	return f
}

func TestStatusBarDemo(t *testing.T) {
	f := newStatusFixture(t)
	s := f.ui.status
	s.update(app.SyncState{Account: "Demo", Unsent: 3}, f.clock.Now())
	shown := texts(s.pane)
	if !contains(shown, "Demo (local only)") || !contains(shown, "3 unsent changes") {
		t.Fatalf("status bar %q", shown)
	}
	if contains(shown, "Offline") || contains(shown, "Last sync") || s.syncNow.Visible() || s.progressBox.Visible() {
		t.Fatalf("a local-only workspace shows sync controls: %q", shown)
	}
	s.update(app.SyncState{Account: "Scratch"}, f.clock.Now())
	if shown := texts(s.pane); !contains(shown, "Local only") || !contains(shown, "All changes sent") {
		t.Fatalf("status bar %q", shown)
	}
}

func TestStatusBarOfflineCountsDown(t *testing.T) {
	f := newStatusFixture(t)
	s := f.ui.status
	now := f.clock.Now()
	s.update(app.SyncState{
		Account: "Work", HasServer: true, RetryIn: 40 * time.Second, Unsent: 1,
		LastSync:  now.Add(-25 * time.Minute),
		LastError: errors.New("cannot reach rt.example.com: dial tcp 192.0.2.7:443: connect: connection refused\nmore detail"),
	}, now)
	shown := texts(s.pane)
	if !contains(shown, "Offline") || !contains(shown, "Last sync: 25m ago") || !contains(shown, "1 unsent change") {
		t.Fatalf("status bar %q", shown)
	}
	// The error is shortened to its first line and a length the bar holds.
	if d := s.detail.Text; !strings.HasPrefix(d, "retrying in 40 s · Cannot reach rt.example.com: dial tcp") ||
		!strings.HasSuffix(d, "…") || strings.Contains(d, "more detail") {
		t.Fatalf("detail %q", d)
	}
	if !s.why.Visible() || !s.syncNow.Visible() || s.syncNow.Disabled() || !f.ui.counting.Load() {
		t.Fatal("offline: want Details, an enabled Sync now and a running countdown")
	}
	// The clock moves on; the countdown follows without a new state.
	f.clock.advance(15 * time.Second)
	s.redraw()
	if !strings.HasPrefix(s.detail.Text, "retrying in 25 s") {
		t.Fatalf("after 15 s: %q", s.detail.Text)
	}
	f.clock.advance(time.Minute)
	s.redraw()
	if !strings.HasPrefix(s.detail.Text, "retrying now") || f.ui.counting.Load() {
		t.Fatalf("after the retry time: %q", s.detail.Text)
	}
	s.explain()
	if !contains(texts(f.ui.win.Canvas().Overlays().Top()), "more detail") {
		t.Fatal("Details does not show the whole error")
	}
}

func TestStatusBarSyncingWithProgress(t *testing.T) {
	f := newStatusFixture(t)
	s := f.ui.status
	s.update(app.SyncState{Account: "Work", HasServer: true, Online: true, Syncing: true,
		Progress: tdsync.Progress{Done: 240, Total: 1000}}, f.clock.Now())
	if shown := texts(s.pane); !contains(shown, "Syncing…") || !contains(shown, "Last sync: never") {
		t.Fatalf("status bar %q", shown)
	}
	if !s.progressBox.Visible() || s.progress.Value != 0.24 || s.progressText() != "Fetching tickets 240 / 1000" {
		t.Fatalf("progress %v %q", s.progress.Value, s.progressText())
	}
	if !s.syncNow.Disabled() {
		t.Fatal("Sync now is enabled during a sync")
	}
	// Total unknown (-1): no bar, only the badge.
	s.update(app.SyncState{Account: "Work", HasServer: true, Syncing: true, Progress: tdsync.Progress{Total: -1}}, f.clock.Now())
	if s.progressBox.Visible() {
		t.Fatal("a progress bar without a total")
	}
	s.update(app.SyncState{Account: "Work", HasServer: true, Online: true, LastSync: f.clock.Now().Add(-5 * time.Minute)}, f.clock.Now())
	if shown := texts(s.pane); !contains(shown, "Online") || !contains(shown, "Last sync: 5m ago") || contains(shown, "Syncing…") || s.progressBox.Visible() {
		t.Fatalf("status bar %q", shown)
	}
}

func TestStatusChangeReachesTheBar(t *testing.T) {
	// A batch with a status change re-reads the state; here the local desk's
	// own state, which has no server.
	f := newFixture(t, technician, nil)
	f.ui.status.update(app.SyncState{Account: "Test desk", HasServer: true, RetryIn: time.Minute}, f.clock.Now())
	f.ui.apply(batch{status: true})
	if shown := texts(f.ui.status.pane); !contains(shown, "Local only") || f.ui.counting.Load() {
		t.Fatalf("status bar %q", shown)
	}
}

func TestCountdown(t *testing.T) {
	for d, want := range map[time.Duration]string{
		40 * time.Second:        "40 s",
		500 * time.Millisecond:  "1 s",
		119 * time.Second:       "119 s",
		2 * time.Minute:         "2 min",
		150 * time.Second:       "3 min",
		time.Hour + time.Second: "61 min",
	} {
		if got := countdown(d); got != want {
			t.Errorf("countdown(%v) = %q, want %q", d, got, want)
		}
	}
}
