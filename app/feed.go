package app

import "sync"

// Change tells subscribers what moved: which tickets, and whether the
// outbox or the sync state changed. A nil Tickets with All set means
// "reload everything" (a sync applied many records).
type Change struct {
	Tickets []uint64
	All     bool
	Outbox  bool
	Status  bool // the sync state changed (online, progress, last sync)
	Alerts  bool // the alert inbox changed
	// Articles: the knowledge base changed (a pull or an article saved here).
	Articles bool
}

// feed fans changes out to subscribers without ever blocking the writer:
// a slow subscriber gets one coalesced "All" change instead of a backlog.
type feed struct {
	mu   sync.Mutex
	subs map[chan Change]struct{}
}

// Subscribe returns a channel of changes and a function that ends the
// subscription. The UI reads the channel on a goroutine and refreshes via
// fyne.Do.
func (d *Desk) Subscribe() (<-chan Change, func()) { return d.feed.subscribe() }

func (f *feed) subscribe() (<-chan Change, func()) {
	ch := make(chan Change, 32)
	f.mu.Lock()
	if f.subs == nil {
		f.subs = make(map[chan Change]struct{})
	}
	f.subs[ch] = struct{}{}
	f.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			f.mu.Lock()
			delete(f.subs, ch)
			f.mu.Unlock()
			close(ch)
		})
	}
}

func (f *feed) publish(c Change) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ch := range f.subs {
		select {
		case ch <- c:
		default:
			// Full: drop the oldest and ask for a full reload instead, so
			// the subscriber cannot miss anything.
			select {
			case <-ch:
			default:
			}
			select {
			case ch <- Change{All: true, Outbox: true, Status: true, Alerts: true}:
			default:
			}
		}
	}
}
