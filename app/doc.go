// Package app holds Tierdesk's use cases: a Desk per account that the UI and
// the command line drive. Every action is validated here, then written to the
// local store as one transaction (the change plus its outbox entry), so the
// UI never waits on the network.
package app
