package app

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
	"github.com/tierdesk/tierdesk/localdb/fts"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

// ErrNotFound is returned for a ticket or article id the store does not hold.
var ErrNotFound = localdb.ErrNotFound

// ErrNotAllowed: the user's role may not do that (a requester escalating,
// say). The UI hides such actions; the desk enforces it for every caller.
var ErrNotAllowed = errors.New("not allowed for your role")

// Clock tells the time; tests pass a fixed one.
type Clock func() time.Time

// Options configure OpenDesk.
type Options struct {
	// Account names the account the store belongs to (shown in the status
	// bar); the demo uses "Demo".
	Account string
	// Me is the user working at this desk.
	Me Identity
	// EncryptionKey encrypts the store (see localdb.Options).
	EncryptionKey []byte
	// Logger receives diagnostics; nil uses slog.Default().
	Logger *slog.Logger
	// Clock defaults to time.Now.
	Clock Clock
	// Sync tunes the sync engine of an account with a server.
	Sync tdsync.Options
	// Notifier shows alerts on the desktop; nil means DesktopNotifier for
	// an account with a server (the demo raises none).
	Notifier Notifier
	// DeferSearch leaves the full-text index unbuilt until StartSearch
	// (see localdb.Options.DeferSearch): the window starts it once its
	// first frame is on screen.
	DeferSearch bool
}

// Desk is one account's working surface: the tickets and articles cached on
// this device and the actions a user takes on them. The UI and the command
// line both drive a Desk; neither touches the store directly.
type Desk struct {
	store   *localdb.Store
	account string
	me      Identity
	clock   Clock
	log     *slog.Logger
	feed    feed

	notifier Notifier
	backend  tdsync.Backend // nil: local-only
	engine   syncer
	stopSync func()

	dir       string // the store's folder (its volume's free space goes in reports)
	serverURL string // the account's server, "" for local-only
	deflectMu sync.Mutex

	mu   sync.Mutex
	sync tdsync.Status // latest engine status
}

// OpenDesk opens the account store in dir.
func OpenDesk(dir string, o Options) (*Desk, error) {
	if err := o.Me.Validate(); err != nil {
		return nil, fmt.Errorf("open desk: %w", err)
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	st, err := localdb.Open(dir, localdb.Options{EncryptionKey: o.EncryptionKey, Logger: o.Logger, DeferSearch: o.DeferSearch})
	if err != nil {
		return nil, fmt.Errorf("open desk: %w", err)
	}
	return &Desk{store: st, account: o.Account, me: o.Me, clock: o.Clock, log: o.Logger, notifier: o.Notifier, dir: dir}, nil
}

// Close stops syncing and closes the store; the Desk must not be used
// afterwards.
func (d *Desk) Close() error {
	if d.stopSync != nil {
		d.stopSync()
	}
	return d.store.Close()
}

// Me returns the user working at this desk.
func (d *Desk) Me() Identity { return d.me }

// Account returns the account name.
func (d *Desk) Account() string { return d.account }

// Now returns the desk's current time (the clock tests control).
func (d *Desk) Now() time.Time { return d.clock() }

// Tickets returns the tickets passing f, most recently updated first. It
// reads memory only, so a list can call it on every keystroke. The tickets
// are shared: read them, never modify them.
func (d *Desk) Tickets(f helpdesk.Filter) []*helpdesk.Ticket { return d.store.Query(f) }

// Summary returns the in-memory copy of a ticket (shared, read-only).
func (d *Desk) Summary(id uint64) (*helpdesk.Ticket, bool) { return d.store.Summary(id) }

// ByRemoteID finds the ticket the server numbers remote (shared, read-only).
func (d *Desk) ByRemoteID(remote uint64) (*helpdesk.Ticket, bool) {
	id, ok := d.store.LocalID(remote)
	if !ok {
		return nil, false
	}
	return d.store.Summary(id)
}

// Count returns how many tickets are cached.
func (d *Desk) Count() int { return d.store.Len() }

// CountTickets returns how many tickets pass f, as len(Tickets(f)) would,
// without building the list: the navigation's per-view counts.
func (d *Desk) CountTickets(f helpdesk.Filter) int { return d.store.Count(f) }

// Ticket returns a ticket as stored.
func (d *Desk) Ticket(id uint64) (helpdesk.Ticket, error) { return d.store.Ticket(id) }

// Conversation returns a ticket's comments, oldest first. A pull rewrites
// the server's comments after any unsent ones, so store order is not time
// order; the sort is stable so equal times keep the order they were written.
func (d *Desk) Conversation(id uint64) ([]helpdesk.Comment, error) {
	var out []helpdesk.Comment
	for c, err := range d.store.Comments(id) {
		if err != nil {
			return out, fmt.Errorf("conversation of ticket %d: %w", id, err)
		}
		if c.Internal() && !d.me.Role.Agent() {
			continue // requesters never see internal notes
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b helpdesk.Comment) int { return a.Created.Compare(b.Created) })
	return out, nil
}

// Outbox returns the actions not yet on the server, oldest first.
func (d *Desk) Outbox() ([]helpdesk.Mutation, error) {
	var out []helpdesk.Mutation
	for m, err := range d.store.Outbox() {
		if err != nil {
			return out, fmt.Errorf("outbox: %w", err)
		}
		out = append(out, m)
	}
	return out, nil
}

// Articles returns the knowledge-base articles in id order.
func (d *Desk) Articles() ([]helpdesk.Article, error) {
	var out []helpdesk.Article
	for a, err := range d.store.Articles() {
		if err != nil {
			return out, fmt.Errorf("articles: %w", err)
		}
		out = append(out, a)
	}
	return out, nil
}

// Article returns one knowledge-base article.
func (d *Desk) Article(id uint64) (helpdesk.Article, error) { return d.store.Article(id) }

// SyncState is what the status bar shows about the connection.
type SyncState struct {
	Account   string
	HasServer bool // false: a local-only workspace (the demo)
	Online    bool
	Syncing   bool
	LastSync  time.Time // zero: never synced
	LastError error     // why the last sync failed; nil after a good one
	RetryIn   time.Duration
	Progress  tdsync.Progress
	Unsent    int // actions waiting in the outbox
}

// State returns the current sync state.
func (d *Desk) State() SyncState {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := SyncState{Account: d.account, Unsent: d.store.Pending()}
	d.syncState(&s)
	return s
}

// NewTicket is what a person fills in to open a ticket.
type NewTicket struct {
	Subject     string
	Description string
	Requester   string // empty: the user themself (walk-ups name the person)
	Priority    helpdesk.Priority
	Tier        helpdesk.Tier // where it starts; L1 unless triaged elsewhere
	Queue       string
	Due         time.Time
}

// CreateTicket records a new ticket locally and queues it for the server.
func (d *Desk) CreateTicket(n NewTicket) (helpdesk.Ticket, error) {
	now := d.clock().UTC().Truncate(time.Second)
	req := strings.TrimSpace(n.Requester)
	if req == "" {
		req = d.me.Name
	}
	t := helpdesk.Ticket{
		ClientRef: newClientID(),
		Subject:   strings.TrimSpace(n.Subject),
		Requester: req,
		Status:    helpdesk.StatusNew,
		Priority:  n.Priority,
		Tier:      n.Tier,
		Queue:     strings.TrimSpace(n.Queue),
		Created:   now,
		Updated:   now,
		Due:       n.Due,
	}
	return d.act(helpdesk.Mutation{Kind: helpdesk.MutCreate, Ticket: &t, Body: n.Description})
}

// Reply adds a public reply, seen by the requester.
func (d *Desk) Reply(id uint64, body string) (helpdesk.Ticket, error) {
	return d.act(helpdesk.Mutation{Kind: helpdesk.MutReply, TicketID: id, Body: body})
}

// Note adds an internal note, seen by agents only.
func (d *Desk) Note(id uint64, body string) (helpdesk.Ticket, error) {
	return d.act(helpdesk.Mutation{Kind: helpdesk.MutNote, TicketID: id, Body: body})
}

// SetStatus changes a ticket's status.
func (d *Desk) SetStatus(id uint64, s helpdesk.Status) (helpdesk.Ticket, error) {
	return d.act(helpdesk.Mutation{Kind: helpdesk.MutStatus, TicketID: id, Status: s})
}

// Take makes the user the ticket's owner.
func (d *Desk) Take(id uint64) (helpdesk.Ticket, error) {
	return d.act(helpdesk.Mutation{Kind: helpdesk.MutTake, TicketID: id})
}

// Assign gives the ticket to owner; an empty owner unassigns it.
func (d *Desk) Assign(id uint64, owner string) (helpdesk.Ticket, error) {
	return d.act(helpdesk.Mutation{Kind: helpdesk.MutAssign, TicketID: id, Owner: owner})
}

// Escalate raises the ticket to a higher tier with a hand-off note for the
// engineers who pick it up; the note is required.
func (d *Desk) Escalate(id uint64, to helpdesk.Tier, handoff string) (helpdesk.Ticket, error) {
	return d.act(helpdesk.Mutation{Kind: helpdesk.MutEscalate, TicketID: id, Tier: to, Body: handoff})
}

// Deescalate sends the ticket back to a lower tier, with a note saying why.
func (d *Desk) Deescalate(id uint64, to helpdesk.Tier, handoff string) (helpdesk.Ticket, error) {
	return d.act(helpdesk.Mutation{Kind: helpdesk.MutDeescalate, TicketID: id, Tier: to, Body: handoff})
}

// act stamps a mutation with who, when and a client id, records it, and
// tells subscribers. Validation failures wrap helpdesk.ErrInvalid.
func (d *Desk) act(m helpdesk.Mutation) (helpdesk.Ticket, error) {
	return d.actWith(m, nil)
}

// actWith is act for an action with files: files[i] holds the bytes of
// m.Attachments[i], stored with the action in one transaction.
func (d *Desk) actWith(m helpdesk.Mutation, files [][]byte) (helpdesk.Ticket, error) {
	if m.Kind != helpdesk.MutCreate {
		t, ok := d.store.Summary(m.TicketID)
		if !ok {
			return helpdesk.Ticket{}, fmt.Errorf("%s ticket %d: %w", m.Kind, m.TicketID, ErrNotFound)
		}
		if !d.me.Role.Agent() && (m.Kind != helpdesk.MutReply || t.Requester != d.me.Name) {
			return helpdesk.Ticket{}, fmt.Errorf("%s %s: %w", m.Kind, t.Ref(), ErrNotAllowed)
		}
	}
	m.ClientID = newClientID()
	m.Author = d.me.Name
	m.Created = d.clock().UTC().Truncate(time.Second)
	m, t, err := d.store.ApplyWith(m, files)
	if err != nil {
		if !errors.Is(err, helpdesk.ErrInvalid) {
			d.log.Error("action failed", "kind", m.Kind, "ticket", m.TicketID, "err", err)
		}
		return t, err
	}
	d.feed.publish(Change{Tickets: []uint64{t.ID}, Outbox: true})
	if d.engine != nil {
		d.engine.Changed()
	}
	return t, nil
}

// newClientID returns a random id for a mutation or a ticket created here;
// the server-side lookup that prevents duplicate creates relies on it being
// unique across devices, hence 128 random bits.
func newClientID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// SearchOptions narrow a full-text search.
type SearchOptions struct {
	// Kinds restricts the results to articles or tickets; empty means both.
	Kinds []fts.Kind
	// Tiers and Statuses restrict tickets; Category restricts articles.
	Tiers    []helpdesk.Tier
	Statuses []helpdesk.Status
	Category string
	// Exact turns off search-as-you-type completion of the last word.
	Exact bool
	// Limit is the number of hits wanted; 0 means 10.
	Limit int
}

// Search runs a full-text search over the articles and tickets on this
// device, best hits first. Requesters see only their own tickets, and
// internal notes are never matched or quoted for them.
func (d *Desk) Search(text string, o SearchOptions) []fts.Hit {
	limit := o.Limit
	if limit <= 0 {
		limit = 10
	}
	q := fts.Query{Text: text, Exact: o.Exact, Kinds: o.Kinds, Tiers: o.Tiers, Statuses: o.Statuses,
		Category: o.Category, Limit: limit}
	if d.me.Role.Agent() {
		return d.store.Search(q)
	}
	q.NoNotes = true
	// Others' tickets are filtered out after ranking, so ask for more until
	// enough are left or the index has no more.
	for {
		hits := d.store.Search(q)
		out := hits[:0:0]
		for _, h := range hits {
			if h.Kind == fts.KindTicket {
				t, ok := d.store.Summary(h.ID)
				if !ok || t.Requester != d.me.Name {
					continue
				}
			}
			out = append(out, h)
		}
		if len(out) >= limit || len(hits) < q.Limit || q.Limit >= 1<<14 {
			return out[:min(len(out), limit)]
		}
		q.Limit *= 4
	}
}

// SearchReady reports whether the search index has been restored or
// built since the desk opened; until then results may be incomplete.
func (d *Desk) SearchReady() bool { return d.store.SearchReady() }

// StartSearch fills the search index of a desk opened with DeferSearch,
// in the background: restored from the copy saved at the last close, or
// built from the records; otherwise it does nothing.
func (d *Desk) StartSearch() { d.store.StartSearch() }

// WaitSearch waits up to timeout for the search index to be built and
// reports whether it is; false at once when the desk has been closed
// (switching accounts during start-up), whose index never will be.
func (d *Desk) WaitSearch(timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for !d.store.SearchReady() {
		if d.store.Closed() || time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}
