package ui

import (
	"sync"
	"time"

	"github.com/tierdesk/tierdesk/app"
)

// tickEvery is how often relative times ("3m ago", "last sync 5m ago") and
// the status bar are redrawn when nothing else changes.
const tickEvery = 30 * time.Second

// countdownEvery is how often the status bar's retry countdown ("retrying
// in 40 s") is redrawn while one is shown.
const countdownEvery = time.Second

// batch is everything that changed since the last refresh.
type batch struct {
	tickets map[uint64]struct{}
	all     bool
	outbox  bool
	status  bool // the sync engine's state moved
	alerts  bool // the alert inbox changed
	kb      bool // the knowledge base changed
}

func (b *batch) add(c app.Change) {
	if c.All {
		b.all = true
	}
	if c.Outbox {
		b.outbox = true
	}
	if c.Status {
		b.status = true
	}
	if c.Alerts {
		b.alerts = true
	}
	if c.Articles {
		b.kb = true
	}
	for _, id := range c.Tickets {
		if b.tickets == nil {
			b.tickets = make(map[uint64]struct{})
		}
		b.tickets[id] = struct{}{}
	}
}

// touches reports whether the batch may have changed ticket id.
func (b *batch) touches(id uint64) bool {
	if b.all {
		return true
	}
	_, ok := b.tickets[id]
	return ok
}

// watcher moves one desk's changes from the subscription goroutine to the
// Fyne thread. Changes that arrive while a refresh is already scheduled are
// merged into it, so a sync applying a thousand records causes one refresh,
// not a thousand queued ones. Each desk gets its own watcher, so a refresh
// still queued for a desk the user has switched away from is recognised
// and dropped.
type watcher struct {
	mu        sync.Mutex
	pending   batch
	scheduled bool

	stopOnce sync.Once
	cancel   func()
	done     chan struct{}
}

// stop ends the subscription and the clock; safe to call twice.
func (w *watcher) stop() {
	w.stopOnce.Do(func() {
		w.cancel()
		close(w.done)
	})
}

// startWatching subscribes to the desk and starts the goroutines that feed
// the UI: one for changes and one for the clock.
func (u *UI) startWatching() {
	ch, cancel := u.desk.Subscribe()
	w := &watcher{cancel: cancel, done: make(chan struct{})}
	u.watch = w
	go u.follow(w, ch)
	go u.tick(w)
}

// follow runs on its own goroutine until the subscription is cancelled.
func (u *UI) follow(w *watcher, ch <-chan app.Change) {
	for c := range ch {
		w.mu.Lock()
		w.pending.add(c)
		schedule := !w.scheduled
		w.scheduled = true
		w.mu.Unlock()
		if schedule {
			u.deliver(func() { u.flush(w) })
		}
	}
}

// tick redraws time-dependent text periodically, through the same deliver
// path so it never touches widgets off the Fyne thread: everything every
// tickEvery, and the status bar every second while it counts down to the
// next sync attempt.
func (u *UI) tick(w *watcher) {
	t := time.NewTicker(countdownEvery)
	defer t.Stop()
	perRetime := int(tickEvery / countdownEvery)
	for n := 1; ; n++ {
		select {
		case <-w.done:
			return
		case <-t.C:
			switch {
			case n%perRetime == 0:
				u.deliver(func() {
					if w == u.watch {
						u.retime()
					}
				})
			case u.counting.Load():
				u.deliver(func() {
					if w == u.watch {
						u.status.redraw()
					}
				})
			}
		}
	}
}

// flush applies the pending batch; it runs on the Fyne thread. A batch of
// a desk the window no longer shows is dropped.
func (u *UI) flush(w *watcher) {
	w.mu.Lock()
	b := w.pending
	w.pending = batch{}
	w.scheduled = false
	w.mu.Unlock()
	if w != u.watch {
		return
	}
	u.apply(b)
}

// apply refreshes what a batch can have changed, each view once.
func (u *UI) apply(b batch) {
	// Any ticket change can move tickets in or out of the current view and
	// change the navigation counts; both are memory-only queries.
	ticketsMoved := b.all || len(b.tickets) > 0
	if ticketsMoved {
		u.tickets.refresh()
	}
	if u.detail.id != 0 && b.touches(u.detail.id) {
		u.detail.reload()
	}
	if b.outbox || b.all {
		u.outbox.invalidate()
	}
	// A full reload may stand for a lost Alerts change (the desk's feed
	// sends one when a subscriber falls behind), so it re-reads the inbox.
	alerts := b.alerts || b.all
	if alerts {
		u.alerts.reload()
	}
	if ticketsMoved || b.outbox || alerts {
		u.nav.refreshCounts() // view counts, the outbox and unread alerts
	}
	if alerts || b.status {
		u.refreshTray() // the unread count; Sync now follows the engine
	}
	if b.all || b.kb {
		u.kb.invalidate()
	}
	if b.status {
		// A new engine state: the retry countdown starts again from now.
		u.status.update(u.desk.State(), u.desk.Now())
		u.tickets.syncStateChanged()
	} else {
		u.status.refresh()
	}
}

// retime redraws relative times without re-querying anything.
func (u *UI) retime() {
	u.tickets.retime()
	u.alerts.retime()
	// Re-read, not just redraw: the desk does not announce idle syncs that
	// found nothing, so "last sync" would otherwise show the last busy one.
	u.status.refresh()
	u.pauseTick()
}

// shutdown ends the subscription and the clock; safe to call twice.
func (u *UI) shutdown() {
	if u.watch != nil {
		u.watch.stop()
	}
}
