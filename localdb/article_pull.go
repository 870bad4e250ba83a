package localdb

import (
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// kindArticleSnapshot keys the server's copy of an article (A<id>), kept
// apart from the local view like a ticket's snapshot, so the view can
// always be rebuilt as server copy + unsent edits.
const kindArticleSnapshot = 'A'

// ApplyArticlePull stores a page of the server's articles with its
// cursors and rebases unsent edits over them, so the user keeps seeing
// their own changes until the server has them. It returns the local ids
// of the articles that changed.
func (s *Store) ApplyArticlePull(p helpdesk.ArticlePull) ([]uint64, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.loadArticleIDs(); err != nil {
		return nil, fmt.Errorf("apply article pull: %w", err)
	}
	next := s.counters
	var ops []func(*badger.Txn) error
	var upserts []helpdesk.Article
	var removed []uint64
	mapped := map[uint64]uint64{}
	err := s.view(func(txn *badger.Txn) error {
		pend, err := pendingByArticle(txn)
		if err != nil {
			return err
		}
		for _, server := range p.Articles {
			if server.RemoteID == 0 {
				return fmt.Errorf("%w: article without a server id", ErrCorrupt)
			}
			id, known := s.articles[server.RemoteID]
			if !known {
				if id, known = mapped[server.RemoteID]; !known {
					next.article++
					id = next.article
				}
			}
			mapped[server.RemoteID] = id
			server.ID, server.Pending = id, false
			old, err := articleSnapshot(txn, id)
			if err != nil {
				return err
			}
			if old != nil && sameArticle(*old, server) {
				continue // re-pulled unchanged (the cursor overlaps by design)
			}
			view, _ := rebaseArticle(&server, pend[id])
			ops = append(ops,
				func(txn *badger.Txn) error { return setJSON(txn, idKey(kindArticleSnapshot, id), server) },
				func(txn *badger.Txn) error { return setJSON(txn, idKey(kindArticle, id), view) })
			upserts = append(upserts, view)
		}
		for _, remote := range p.Removed {
			id, known := s.articles[remote]
			if !known {
				continue
			}
			if len(pend[id]) > 0 {
				// Unsent edits of an article the server dropped are kept,
				// parked, for the user to read and discard.
				for _, m := range pend[id] {
					m.State, m.Error = helpdesk.StateFailed, "the article was removed on the server"
					ops = append(ops, func(txn *badger.Txn) error { return setJSON(txn, idKey(kindOutbox, m.Seq), m) })
				}
				continue
			}
			removed = append(removed, id)
			ops = append(ops,
				func(txn *badger.Txn) error { return txn.Delete(idKey(kindArticle, id)) },
				func(txn *badger.Txn) error { return txn.Delete(idKey(kindArticleSnapshot, id)) })
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("apply article pull: %w", err)
	}
	before := s.counters
	ops = append(ops, func(txn *badger.Txn) error { return putCounters(txn, before, next) })
	for name, c := range p.Cursors {
		ops = append(ops, func(txn *badger.Txn) error { return setJSON(txn, nameKey(kindCursor, name), c) })
	}
	if err := s.runSplit(ops); err != nil {
		return nil, fmt.Errorf("apply article pull: %w", err)
	}
	s.counters = next
	for remote, id := range mapped {
		s.articles[remote] = id
	}
	changed := make([]uint64, 0, len(upserts)+len(removed))
	for _, id := range removed {
		for remote, local := range s.articles {
			if local == id {
				delete(s.articles, remote)
			}
		}
		s.search.Delete(fts.KindArticle, id)
		changed = append(changed, id)
	}
	s.indexArticles(upserts...)
	for _, a := range upserts {
		changed = append(changed, a.ID)
	}
	return changed, nil
}

// ArticleLocalID maps a server article id to the local one.
func (s *Store) ArticleLocalID(remote uint64) (uint64, bool) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.loadArticleIDs(); err != nil {
		s.logf("article ids: %v", err)
		return 0, false
	}
	id, ok := s.articles[remote]
	return id, ok
}

// loadArticleIDs builds the server → local article id map on first use.
// Called with wmu held.
func (s *Store) loadArticleIDs() error {
	if s.articles != nil {
		return nil
	}
	m := map[uint64]uint64{}
	for a, err := range s.Articles() {
		if err != nil {
			return err
		}
		if a.RemoteID != 0 {
			m[a.RemoteID] = a.ID
		}
	}
	s.articles = m
	return nil
}

// indexArticles brings the full-text index up to date for articles just
// committed.
func (s *Store) indexArticles(as ...helpdesk.Article) {
	if len(as) == 0 {
		return
	}
	docs := make([]fts.Doc, len(as))
	for i, a := range as {
		docs[i] = fts.ArticleDoc(a)
	}
	s.search.Upsert(docs...)
}

// rebaseArticle replays unsent article mutations over the server's copy
// (nil for an article written here and not yet on the server). It reports
// false when there is nothing to show: no server copy and no create.
func rebaseArticle(server *helpdesk.Article, pend []helpdesk.Mutation) (helpdesk.Article, bool) {
	var a helpdesk.Article
	ok := server != nil
	if ok {
		a = *server
	}
	for _, m := range pend {
		if m.Kind == helpdesk.MutArticleCreate {
			if !ok {
				a.ID = m.ArticleID
				_ = m.ApplyToArticle(&a)
				ok = true
			}
			continue
		}
		if ok {
			_ = m.ApplyToArticle(&a) // validated when recorded
		}
	}
	return a, ok
}

// pendingByArticle reads the article mutations in the outbox grouped by
// local article id, in order.
func pendingByArticle(txn *badger.Txn) (map[uint64][]helpdesk.Mutation, error) {
	return pendingBy(txn, true)
}

// articleSnapshot reads the server copy of an article; nil when the server
// has never had it.
func articleSnapshot(txn *badger.Txn, id uint64) (*helpdesk.Article, error) {
	var a helpdesk.Article
	err := getJSON(txn, idKey(kindArticleSnapshot, id), &a)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// sameArticle compares two server copies; times by instant, as decoding
// may give the same instant another location.
func sameArticle(a, b helpdesk.Article) bool {
	au, bu := a.Updated, b.Updated
	a.Updated, b.Updated = au.UTC(), bu.UTC()
	return a == b && au.Equal(bu)
}
