// Package sync is Tierdesk's sync engine: it pushes the outbox to the
// helpdesk server in order, pulls what changed since a persisted cursor,
// rebases the user's unsent changes over the fresh server state, and turns
// refusals and conflicts into outbox states the user can act on. It talks to
// servers through the Backend interface and to the store through Store, both
// declared here; sync/rt implements Backend for Request Tracker 5.
package sync
