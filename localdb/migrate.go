package localdb

import (
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

// migration upgrades a store from version From to From+1 inside one
// transaction, so a crash mid-migration leaves the old version intact.
type migration struct {
	From int
	Run  func(txn *badger.Txn) error
}

// migrations run in order on open. Version 1 is the first schema; add an
// entry here (and bump schemaVersion) whenever a stored shape changes.
var migrations = []migration{
	// Schema 2 writes tickets and comments in binary; decode still reads
	// the JSON ones schema 1 wrote, so nothing is rewritten (a 100,000-ticket
	// rewrite would not fit one transaction). The bump makes a build that
	// only knows schema 1 refuse the store at open rather than fail on the
	// first binary record.
	{From: 1, Run: func(*badger.Txn) error { return nil }},
}

// storeSchema is the version migrate brings a store to. It equals
// schemaVersion; tests lower or raise it to exercise the migration path.
var storeSchema = schemaVersion

var schemaKey = nameKey(kindMeta, "schema")

// migrate brings the store to storeSchema. An empty store is stamped with
// the current version; a store newer than this build is refused.
func (s *Store) migrate() error {
	return s.update(func(txn *badger.Txn) error {
		ver, stored := 0, -1
		item, err := txn.Get(schemaKey)
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
			if empty(txn) {
				ver = storeSchema
			}
		case err != nil:
			return fmt.Errorf("read schema version: %w", err)
		default:
			if err := item.Value(func(v []byte) error {
				if len(v) != 1 {
					return fmt.Errorf("%w: schema version", ErrCorrupt)
				}
				ver = int(v[0])
				stored = ver
				return nil
			}); err != nil {
				return err
			}
		}
		if ver > storeSchema {
			return fmt.Errorf("%w (store schema %d, this build %d)", ErrNewerSchema, ver, storeSchema)
		}
		for _, m := range migrations {
			if m.From < ver {
				continue
			}
			if m.From != ver {
				return fmt.Errorf("no migration from schema %d", ver)
			}
			if err := m.Run(txn); err != nil {
				return fmt.Errorf("migrate schema %d→%d: %w", ver, ver+1, err)
			}
			ver++
		}
		if ver != storeSchema {
			return fmt.Errorf("no migration from schema %d to %d", ver, storeSchema)
		}
		if stored == ver {
			// Nothing to write: an open that commits nothing keeps the
			// summary snapshot current (summarysnapshot.go).
			return nil
		}
		return txn.Set(schemaKey, []byte{byte(ver)})
	})
}

func empty(txn *badger.Txn) bool {
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: false})
	defer it.Close()
	it.Rewind()
	return !it.Valid()
}
