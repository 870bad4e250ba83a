package localdb

// syncOlderWALs does nothing on Windows. Syncing a file there needs a handle
// opened for writing, and while it is open Badger cannot delete the log
// once its memtable is flushed (Go opens files without FILE_SHARE_DELETE).
// What is left open: a power cut in the few milliseconds between a memtable
// filling up and its flush to a synced table could lose pulled pages from
// it while a later page and its cursor, synced with an action in the new
// memtable, survive; that page range would then not be pulled again until
// the server next changes those tickets. User actions are not affected: an
// action is always in the memtable db.Sync syncs.
func (s *Store) syncOlderWALs() error { return nil }
