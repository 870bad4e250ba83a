package localdb

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// errSearchStopped aborts the background rebuild when the store closes.
var errSearchStopped = errors.New("store closing")

// searchSource gives the full-text index the text of a document for
// snippets, read from Badger (tickets: the summary plus the conversation).
type searchSource struct{ s *Store }

func (src searchSource) Doc(kind fts.Kind, id uint64) (fts.Doc, bool) {
	s := src.s
	if s.isClosed() {
		return fts.Doc{}, false
	}
	switch kind {
	case fts.KindArticle:
		a, err := s.Article(id)
		if err != nil {
			return fts.Doc{}, false
		}
		return fts.ArticleDoc(a), true
	case fts.KindTicket:
		t, ok := s.Summary(id)
		if !ok {
			return fts.Doc{}, false
		}
		var cs []helpdesk.Comment
		for c, err := range s.Comments(id) {
			if err != nil {
				return fts.Doc{}, false
			}
			cs = append(cs, c)
		}
		return fts.TicketDoc(*t, cs), true
	}
	return fts.Doc{}, false
}

// startSearch creates the in-memory full-text index and, unless the
// caller defers it, restores or rebuilds it in the background. With a
// search snapshot to restore, the index records every change from now on
// (searchsnapshot.go).
func (s *Store) startSearch(deferred bool) {
	s.search = fts.New(searchSource{s})
	if s.hasSearchSnap {
		s.search.Hold()
	}
	s.stopSearch = make(chan struct{})
	s.searchDone = make(chan struct{})
	if !deferred {
		s.StartSearch()
	}
}

// StartSearch starts filling the full-text index of a store opened with
// DeferSearch in the background: from the search snapshot written at the
// last Close when open found a current one, otherwise by reading and
// analysing every document. It does nothing if it was started already or
// the store is closed.
func (s *Store) StartSearch() {
	s.searchStarted.Do(func() {
		go func() {
			defer close(s.searchDone)
			if s.hasSearchSnap {
				err := s.restoreSearch(s.searchSnap)
				if err == nil {
					s.searchRestored.Store(true)
					s.releasePages()
					s.searchReady.Store(true)
					return
				}
				s.logf("search index: %v; rebuilding it", err)
			}
			if err := s.search.Rebuild(s.searchDocs()); err != nil && !errors.Is(err, errSearchStopped) {
				s.logf("search index rebuild: %v", err)
			} else if err == nil {
				s.releasePages() // the summary snapshot's, read at the open
				s.searchReady.Store(true)
			}
		}()
	})
}

// releasePages drops the pages of the snapshots just read from the
// process's resident memory (residentpages_linux.go); a failure only
// costs that memory.
func (s *Store) releasePages() {
	if _, err := s.releaseSnapshotPages(); err != nil && !errors.Is(err, ErrClosed) {
		s.logf("%v", err)
	}
}

// stopSearchRebuild stops a running rebuild and waits for it; a rebuild
// not started yet never will be.
func (s *Store) stopSearchRebuild() {
	if s.stopSearch == nil {
		return
	}
	close(s.stopSearch)
	s.searchStarted.Do(func() { close(s.searchDone) })
	<-s.searchDone
}

// searchDocs yields every article, then every ticket with its conversation,
// from one read transaction: tickets and comments are scanned side by side,
// both ordered by ticket id.
func (s *Store) searchDocs() iter.Seq2[fts.Doc, error] {
	return func(yield func(fts.Doc, error) bool) {
		stopped := func() bool {
			select {
			case <-s.stopSearch:
				return true
			default:
				return false
			}
		}
		err := s.view(func(txn *badger.Txn) error {
			opts := badger.DefaultIteratorOptions
			opts.Prefix = []byte{kindArticle}
			ai := txn.NewIterator(opts)
			for ai.Rewind(); ai.Valid(); ai.Next() {
				if stopped() {
					ai.Close()
					return errSearchStopped
				}
				var a helpdesk.Article
				if err := ai.Item().Value(func(b []byte) error { return decode(b, &a) }); err != nil {
					ai.Close()
					return fmt.Errorf("key %x: %w", ai.Item().Key(), err)
				}
				if !yield(fts.ArticleDoc(a), nil) {
					ai.Close()
					return errStop
				}
			}
			ai.Close()

			opts.Prefix = []byte{kindTicket}
			ti := txn.NewIterator(opts)
			defer ti.Close()
			opts.Prefix = []byte{kindComment}
			ci := txn.NewIterator(opts)
			defer ci.Close()
			ci.Rewind()
			for ti.Rewind(); ti.Valid(); ti.Next() {
				if stopped() {
					return errSearchStopped
				}
				var t helpdesk.Ticket
				if err := ti.Item().Value(func(b []byte) error { return decode(b, &t) }); err != nil {
					return fmt.Errorf("key %x: %w", ti.Item().Key(), err)
				}
				prefix := make([]byte, 9)
				prefix[0] = kindComment
				binary.BigEndian.PutUint64(prefix[1:], t.ID)
				// Skip comments of tickets that no longer exist.
				for ci.Valid() && bytes.Compare(ci.Item().Key()[:9], prefix) < 0 {
					ci.Next()
				}
				var cs []helpdesk.Comment
				for ; ci.Valid() && bytes.HasPrefix(ci.Item().Key(), prefix); ci.Next() {
					var c helpdesk.Comment
					if err := ci.Item().Value(func(b []byte) error { return decode(b, &c) }); err != nil {
						return fmt.Errorf("key %x: %w", ci.Item().Key(), err)
					}
					cs = append(cs, c)
				}
				if !yield(fts.TicketDoc(t, cs), nil) {
					return errStop
				}
			}
			return nil
		})
		if err != nil && err != errStop {
			yield(fts.Doc{}, err)
		}
	}
}

// ticketDoc reads one ticket and its conversation for the index.
func (s *Store) ticketDoc(id uint64) (fts.Doc, bool, error) {
	var d fts.Doc
	found := true
	err := s.view(func(txn *badger.Txn) error {
		var t helpdesk.Ticket
		if err := getJSON(txn, idKey(kindTicket, id), &t); err != nil {
			if errors.Is(err, ErrNotFound) {
				found = false
				return nil
			}
			return err
		}
		prefix := make([]byte, 9)
		prefix[0] = kindComment
		binary.BigEndian.PutUint64(prefix[1:], id)
		opts := badger.DefaultIteratorOptions
		opts.Prefix = prefix
		it := txn.NewIterator(opts)
		defer it.Close()
		var cs []helpdesk.Comment
		for it.Rewind(); it.Valid(); it.Next() {
			var c helpdesk.Comment
			if err := it.Item().Value(func(b []byte) error { return decode(b, &c) }); err != nil {
				return err
			}
			cs = append(cs, c)
		}
		d = fts.TicketDoc(t, cs)
		return nil
	})
	return d, found, err
}

// reindexTickets brings the index up to date for tickets whose records
// were just committed; a ticket no longer stored is removed. Called with
// wmu held.
func (s *Store) reindexTickets(ids ...uint64) {
	s.waitIndexed() // pulled pages queued earlier must not land on top
	docs := make([]fts.Doc, 0, len(ids))
	for _, id := range ids {
		d, ok, err := s.ticketDoc(id)
		switch {
		case err != nil:
			s.logf("search index: ticket %d: %v", id, err)
		case !ok:
			s.search.Delete(fts.KindTicket, id)
		default:
			docs = append(docs, d)
		}
	}
	if len(docs) > 0 {
		s.search.Upsert(docs...)
	}
}

// Search runs a full-text query over the articles and tickets in the store.
// Until the first rebuild completes (SearchReady) results may be partial.
// It first waits for the pulled pages still being indexed (a few at most).
func (s *Store) Search(q fts.Query) []fts.Hit {
	if s.isClosed() {
		return nil
	}
	s.waitIndexed() // see the pages stored before the search
	return s.search.Search(q)
}

// SearchReady reports whether the full-text index has been built from the
// store since it was opened.
func (s *Store) SearchReady() bool {
	return s.searchReady.Load() && !s.search.Building()
}
