package localdb

import (
	"log/slog"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// Options configure Open. The zero value is a durable, unencrypted store
// with Badger tuned for a desktop.
type Options struct {
	// EncryptionKey encrypts the store at rest (AES, 16, 24 or 32 bytes).
	// Empty means unencrypted, which only tests and the demo use.
	EncryptionKey []byte
	// Logger receives Badger's messages; nil discards them.
	Logger *slog.Logger
	// NoSync means the store never fsyncs, not even for user actions or
	// Flush. Only bulk imports and benchmarks set it: without it an action
	// is durable when it returns (see sync in durable.go).
	NoSync bool
	// DeferSearch leaves the full-text index unbuilt until StartSearch is
	// called. A window calls it after its first frame: building the index
	// of a large store takes a core for seconds, and on a two-core laptop
	// it would otherwise slow the first frame down by half (BENCHMARKS.md).
	// Searches before then find only what was written since the open.
	DeferSearch bool
	// GCInterval is how often value-log garbage collection runs; zero means
	// every ten minutes, negative disables it. The first pass comes sooner,
	// firstGCAfter after the open (store.go).
	GCInterval time.Duration
}

// valueLogFileSize is the size at which Badger starts a new value-log
// file, the unit its garbage collection reclaims (a variable so that a
// test can fill files with less data).
var valueLogFileSize int64 = 16 << 20

// badgerOptions tunes Badger for a desktop: the defaults preallocate a 2 GiB
// value log and about 86 MiB of heap, sized for servers. These settings open
// in milliseconds with a few MiB of heap and still write tens of thousands
// of small records a second.
func badgerOptions(dir string, o Options) badger.Options {
	bo := badger.DefaultOptions(dir).
		WithMemTableSize(4 << 20).
		WithNumMemtables(2).
		WithNumLevelZeroTables(2).
		WithNumLevelZeroTablesStall(4).
		WithBlockCacheSize(8 << 20).
		WithIndexCacheSize(4 << 20). // required with encryption, or the first flush panics
		WithValueLogFileSize(valueLogFileSize).
		WithValueThreshold(64 << 10). // must stay below the batch size a 4 MiB memtable allows
		WithNumCompactors(2).
		WithNumVersionsToKeep(1).
		// The last memtable, flushed at Close, would otherwise wait in
		// level 0 and be compacted by the next open, on the cores the
		// first frame needs (about 30 ms of CPU a start at 100,000
		// tickets).
		WithCompactL0OnClose(true).
		// Badger's SyncWrites would fsync every commit, pulled pages
		// included; the store syncs the commits that must be durable itself
		// (Store.sync), so pages cost no fsync each.
		WithSyncWrites(false).
		WithLogger(nil)
	if o.Logger != nil {
		bo = bo.WithLogger(badgerLogger{o.Logger})
	}
	if len(o.EncryptionKey) > 0 {
		bo = bo.WithEncryptionKey(o.EncryptionKey).
			WithEncryptionKeyRotationDuration(30 * 24 * time.Hour)
	}
	return bo
}
