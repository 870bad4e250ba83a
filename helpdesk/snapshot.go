package helpdesk

// Snapshot is a ticket and its whole conversation as the server has them:
// RemoteID and Version set, comments carrying their server ids. The store
// keeps the latest snapshot of each ticket apart from the local view, so the
// local view can always be rebuilt as snapshot + unsent changes.
type Snapshot struct {
	Ticket   Ticket
	Comments []Comment
}

// Pull is one page of server state to store: fresh snapshots, tickets the
// server deleted (by server id), and the sync cursors that follow them.
type Pull struct {
	Snapshots []Snapshot
	Deleted   []uint64
	Cursors   map[string]string
}

// TicketChange is one ticket's local view before and after a pull, as the
// escalation watcher sees it. Old is nil for a ticket new to this device,
// New is nil for one the server deleted.
type TicketChange struct {
	Old, New *Ticket
	// Added are the comments this pull brought that the device had not
	// seen, oldest first (a reply on a request, a hand-off note).
	Added []Comment
}

// ArticlePull is one page of the server's knowledge base to store: articles
// as the server has them (RemoteID and Version set, ID zero), server ids
// of articles it no longer has, and the sync cursors that follow them.
type ArticlePull struct {
	Articles []Article
	Removed  []uint64
	Cursors  map[string]string
}
