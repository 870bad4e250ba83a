package ui

import (
	"sync"
	"time"

	"github.com/tierdesk/tierdesk/app"
)

// tickEvery is how often relative times ("3m ago", "last sync 5m ago") and
// the status bar are redrawn when nothing else changes.
const tickEvery = 30 * time.Second

// batch is everything that changed since the last refresh.
type batch struct {
	tickets map[uint64]struct{}
	all     bool
	outbox  bool
}

func (b *batch) add(c app.Change) {
	if c.All {
		b.all = true
	}
	if c.Outbox {
		b.outbox = true
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

// watcher moves desk changes from the subscription goroutine to the Fyne
// thread. Changes that arrive while a refresh is already scheduled are
// merged into it, so a sync applying a thousand records causes one refresh,
// not a thousand queued ones.
type watcher struct {
	deliver func(func())

	mu        sync.Mutex
	pending   batch
	scheduled bool

	stopOnce sync.Once
	cancel   func()
	done     chan struct{}
}

// startWatching subscribes to the desk and starts the goroutines that feed
// the UI: one for changes and one for the clock.
func (u *UI) startWatching() {
	ch, cancel := u.desk.Subscribe()
	u.watch.cancel = cancel
	u.watch.done = make(chan struct{})
	go u.follow(ch)
	go u.tick(u.watch.done)
}

// follow runs on its own goroutine until the subscription is cancelled.
func (u *UI) follow(ch <-chan app.Change) {
	w := &u.watch
	for c := range ch {
		w.mu.Lock()
		w.pending.add(c)
		schedule := !w.scheduled
		w.scheduled = true
		w.mu.Unlock()
		if schedule {
			w.deliver(u.flush)
		}
	}
}

// tick redraws time-dependent text periodically, through the same deliver
// path so it never touches widgets off the Fyne thread.
func (u *UI) tick(done <-chan struct{}) {
	t := time.NewTicker(tickEvery)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			u.watch.deliver(u.retime)
		}
	}
}

// flush applies the pending batch; it runs on the Fyne thread.
func (u *UI) flush() {
	w := &u.watch
	w.mu.Lock()
	b := w.pending
	w.pending = batch{}
	w.scheduled = false
	w.mu.Unlock()
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
	if ticketsMoved || b.outbox {
		u.nav.refreshCounts() // view counts and the outbox count
	}
	if b.all {
		u.kb.invalidate()
	}
	u.status.refresh()
}

// retime redraws relative times without re-querying anything.
func (u *UI) retime() {
	u.tickets.retime()
	u.status.refresh()
}

// shutdown ends the subscription and the clock; safe to call twice.
func (u *UI) shutdown() {
	u.watch.stopOnce.Do(func() {
		if u.watch.cancel != nil {
			u.watch.cancel()
		}
		if u.watch.done != nil {
			close(u.watch.done)
		}
	})
}
