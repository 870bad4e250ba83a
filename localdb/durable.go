package localdb

import (
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

// Durability. Badger is opened without SyncWrites, because that option is
// database-wide and would fsync every pulled page too: a page of 100
// tickets is then bounded by the disk's flush latency, not by the work.
// Instead the store decides per commit:
//
//   - Local user actions, outbox state changes, article saves, alerts,
//     settings and migrations go through update or runSplitDurable, which
//     commit and then sync; they are durable when the method returns.
//   - Pulled pages (ApplyPull, ApplyArticlePull) commit without a sync. The
//     server still has them, and the pull cursor is written in the same
//     transaction as (or, for a page too big for one, after) the records it
//     covers. Badger's write-ahead log is append-only and replayed up to the
//     first damaged entry, so a crash can lose a suffix of the log but never
//     keep a later entry without the earlier ones: the cursor is never kept
//     without its page, and the next sync pulls again what was lost.
//
// The same prefix property means any sync, for a later action or from
// Flush, also makes every earlier unsynced page durable. The sync engine
// calls Flush at the end of each pull pass so a quiet period leaves nothing
// unsynced.
//
// One ordering SyncWrites gave is weaker now: values of 64 KiB or more
// (attachments, the odd huge comment) go to Badger's value log, with a
// pointer in the write-ahead log. SyncWrites synced the value log before
// the pointer was even written; DB.Sync syncs the write-ahead log first.
// A power cut inside that sync (or a kernel writeback of the log page just
// before it) can keep a pointer to a value that never reached the disk, for
// a write that had not yet returned. Syncing the value log first ourselves
// would cost every action another fsync; it was not done.

// sync makes every commit so far durable: the write-ahead logs of the
// memtables and the value log. It is the one place the store fsyncs.
//
// Badger's DB.Sync only syncs the active memtable's log. A memtable that
// filled up is handed to a background flush and its log is not synced
// until it becomes a (synced) table file, so a page in the full memtable
// could otherwise be lost by a power cut while a later page with its cursor,
// synced in the new memtable, survives. The older logs are synced first,
// which keeps the prefix property across memtables (not on Windows, see
// durable_windows.go).
func (s *Store) sync() error {
	if s.noSync {
		return nil
	}
	s.syncs.Add(1)
	// Cleared before syncing: a page committed meanwhile sets it again and
	// is synced by the next Flush.
	s.unsynced.Store(false)
	if err := s.syncOlderWALs(); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	if err := s.db.Sync(); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	return nil
}

// update runs fn in one read-write transaction and makes it durable before
// returning: every write that must survive a crash once the caller is told
// it happened goes through here (or runSplitDurable).
func (s *Store) update(fn func(*badger.Txn) error) error {
	if err := s.db.Update(fn); err != nil {
		return err
	}
	return s.sync()
}

// runSplitDurable is runSplit followed by a sync.
func (s *Store) runSplitDurable(ops []func(*badger.Txn) error) error {
	if err := s.runSplit(ops); err != nil {
		return err
	}
	return s.sync()
}

// Flush makes every pulled page stored so far durable. The sync engine
// calls it at the end of a pull pass; user actions never need it, as they
// are durable when they return.
func (s *Store) Flush() error {
	s.wmu.Lock() // Close takes it too: no sync on a closing database
	defer s.wmu.Unlock()
	if s.isClosed() {
		return fmt.Errorf("flush: %w", ErrClosed)
	}
	if !s.unsynced.Load() {
		// Nothing pulled since the last sync: an idle client must not
		// flush the disk every 5 s (a laptop's drive would never rest).
		return nil
	}
	if err := s.sync(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	return nil
}
