// Package localdb is Tierdesk's offline store on Badger: tickets, their
// conversations, knowledge-base articles, the outbox of unsent user actions,
// sync cursors and settings, plus the in-memory summary index that serves
// the ticket list without touching disk.
//
// Keys are a one-byte kind prefix followed by big-endian ids, so a prefix
// scan returns records in id order. Values are a one-byte schema version
// followed by JSON, or for tickets and comments a tagged binary form
// (recordcodec.go); opening an older store runs the registered migrations.
// Every user action is one Badger transaction: the optimistic change to the
// ticket, the comment it adds and its outbox entry commit together or not at
// all, and the store syncs the commit to disk before Apply returns. Pulled
// pages are committed without a sync of their own (the server still has
// them, and their cursor is committed with them); the next durable write or
// Flush makes them durable too. durable.go has the details. Their full-text
// indexing runs in the background, in order (indexer.go).
//
// A clean Close writes the summary index and the full-text index into the
// store, in one last transaction, and the next open uses them instead of
// reading every record, if that transaction is still the newest
// (summarysnapshot.go, searchsnapshot.go).
package localdb
