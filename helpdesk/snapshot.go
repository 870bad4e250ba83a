package helpdesk

// Snapshot is a ticket and its whole conversation as the server has them:
// RemoteID and Version set, comments carrying their server ids. The store
// keeps the latest snapshot of each ticket apart from the local view, so the
// local view can always be rebuilt as snapshot + unsent changes.
type Snapshot struct {
	Ticket   Ticket
	Comments []Comment
}
