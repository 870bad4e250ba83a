package localdb

import (
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// ErrNoChange: an article edit that changes nothing is not recorded.
var ErrNoChange = errors.New("nothing changed")

// ApplyArticle records a knowledge-base create or edit written on this
// device: the article as it now reads and the outbox entry, in one durable
// transaction. It fills in the ids the store owns (outbox Seq, a new
// article's ID) and, for an edit, the server version it was made against.
// Validation errors wrap helpdesk.ErrInvalid and change nothing.
func (s *Store) ApplyArticle(m helpdesk.Mutation) (helpdesk.Mutation, helpdesk.Article, error) {
	if !m.Kind.IsArticle() {
		return m, helpdesk.Article{}, fmt.Errorf("%w: %s is not an article change", helpdesk.ErrInvalid, m.Kind)
	}
	if m.Article != nil {
		a := m.Article.Normalized()
		m.Article = &a
	}
	if m.Kind == helpdesk.MutArticleCreate && m.Article != nil && m.Article.ClientRef == "" {
		m.Article.ClientRef = m.ClientID
	}
	if err := m.Validate(); err != nil {
		return m, helpdesk.Article{}, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	next := s.counters
	var view helpdesk.Article
	err := s.update(func(txn *badger.Txn) error {
		if m.Kind == helpdesk.MutArticleCreate {
			next.article++
			m.ArticleID = next.article
			view.ID = m.ArticleID
			m.Article.Author = m.Author
		} else {
			if err := getJSON(txn, idKey(kindArticle, m.ArticleID), &view); err != nil {
				return fmt.Errorf("article %d: %w", m.ArticleID, err)
			}
			if view.Title == m.Article.Title && view.Summary == m.Article.Summary &&
				view.Body == m.Article.Body && view.Category == m.Article.Category {
				return fmt.Errorf("edit article %d: %w", m.ArticleID, ErrNoChange)
			}
			server, err := articleSnapshot(txn, m.ArticleID)
			if err != nil {
				return err
			}
			m.FromArticle, m.BaseVersion = server, ""
			if server != nil {
				m.BaseVersion = server.Version
			}
		}
		if err := m.ApplyToArticle(&view); err != nil {
			return err
		}
		if err := setJSON(txn, idKey(kindArticle, view.ID), view); err != nil {
			return err
		}
		next.outbox++
		m.Seq = next.outbox
		m.State, m.Error, m.Progress = helpdesk.StatePending, "", helpdesk.NotSent
		if err := setJSON(txn, idKey(kindOutbox, m.Seq), m); err != nil {
			return err
		}
		return putCounters(txn, s.counters, next)
	})
	if err != nil {
		if errors.Is(err, helpdesk.ErrInvalid) || errors.Is(err, ErrNotFound) || errors.Is(err, ErrNoChange) {
			return m, view, err
		}
		return m, view, fmt.Errorf("record %s: %w", m.Kind, err)
	}
	s.counters = next
	s.pending++
	s.indexArticles(view)
	return m, view, nil
}

// AcknowledgeArticle removes an article change the server now has; server
// (the article as the server keeps it) becomes the server copy, which for
// a create maps the local article to its new server id, and the local view
// is rebuilt from it with the changes still unsent. Acknowledging an entry
// that is gone (discarded while it was sent) is not an error.
func (s *Store) AcknowledgeArticle(seq uint64, server helpdesk.Article) (helpdesk.Article, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.loadArticleIDs(); err != nil {
		return server, fmt.Errorf("outbox entry %d: %w", seq, err)
	}
	var view helpdesk.Article
	var dup uint64 // a copy of the same server article pulled before the create was confirmed
	err := s.update(func(txn *badger.Txn) error {
		var m helpdesk.Mutation
		if err := getJSON(txn, idKey(kindOutbox, seq), &m); err != nil {
			return err
		}
		if !m.Kind.IsArticle() {
			return fmt.Errorf("%w: outbox entry %d is not an article change", helpdesk.ErrInvalid, seq)
		}
		if server.RemoteID == 0 {
			return fmt.Errorf("%w: acknowledged article without a server id", ErrCorrupt)
		}
		pend, err := pendingByArticle(txn)
		if err != nil {
			return err
		}
		id := m.ArticleID
		var rest []helpdesk.Mutation
		for _, x := range pend[id] {
			if x.Seq != seq {
				rest = append(rest, x)
			}
		}
		server.ID, server.Pending = id, false
		view, _ = rebaseArticle(&server, rest)
		if other, ok := s.articles[server.RemoteID]; ok && other != id && len(pend[other]) == 0 {
			dup = other
			for _, k := range [][]byte{idKey(kindArticle, dup), idKey(kindArticleSnapshot, dup)} {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
		}
		if err := txn.Delete(idKey(kindOutbox, seq)); err != nil {
			return err
		}
		if err := setJSON(txn, idKey(kindArticleSnapshot, id), server); err != nil {
			return err
		}
		return setJSON(txn, idKey(kindArticle, id), view)
	})
	if errors.Is(err, ErrNotFound) {
		return view, nil
	}
	if err != nil {
		return view, fmt.Errorf("outbox entry %d: %w", seq, err)
	}
	s.pending--
	s.articles[server.RemoteID] = view.ID
	if dup != 0 {
		s.search.Delete(fts.KindArticle, dup)
	}
	s.indexArticles(view)
	return view, nil
}

// RebaseArticle re-bases a conflicting article edit on the server's
// current version (the user chose "keep mine"): every field the user set
// that differs from the server's is sent again against that version.
func (s *Store) RebaseArticle(seq uint64, server helpdesk.Article) error {
	return s.updateMutation(seq, func(m *helpdesk.Mutation) error {
		if m.Kind != helpdesk.MutArticleEdit {
			return fmt.Errorf("%w: outbox entry %d is not an article edit", helpdesk.ErrInvalid, seq)
		}
		server.Pending = false
		m.FromArticle, m.BaseVersion = &server, server.Version
		m.State, m.Error = helpdesk.StatePending, ""
		return nil
	})
}

// discardArticle removes an article change the user gave up on and
// rebuilds the article from its server copy and the remaining unsent
// changes; an article written here and never sent disappears, with any
// later edits of it.
func (s *Store) discardArticle(seq uint64) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var view helpdesk.Article
	gone, dropped := false, 1
	err := s.update(func(txn *badger.Txn) error {
		var m helpdesk.Mutation
		if err := getJSON(txn, idKey(kindOutbox, seq), &m); err != nil {
			return err
		}
		pend, err := pendingByArticle(txn)
		if err != nil {
			return err
		}
		id := m.ArticleID
		var rest []helpdesk.Mutation
		for _, x := range pend[id] {
			if x.Seq != seq {
				rest = append(rest, x)
			}
		}
		if err := txn.Delete(idKey(kindOutbox, seq)); err != nil {
			return err
		}
		server, err := articleSnapshot(txn, id)
		if err != nil {
			return err
		}
		v, ok := rebaseArticle(server, rest)
		if !ok {
			gone, view = true, helpdesk.Article{ID: id}
			for _, x := range rest {
				if err := txn.Delete(idKey(kindOutbox, x.Seq)); err != nil {
					return err
				}
			}
			dropped += len(rest)
			return txn.Delete(idKey(kindArticle, id))
		}
		if len(rest) == 0 {
			v.Pending = false
		}
		view = v
		return setJSON(txn, idKey(kindArticle, id), v)
	})
	if err != nil {
		return fmt.Errorf("outbox entry %d: %w", seq, err)
	}
	s.pending -= dropped
	if gone {
		s.search.Delete(fts.KindArticle, view.ID)
	} else {
		s.indexArticles(view)
	}
	return nil
}
