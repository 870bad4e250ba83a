package localdb

import (
	"fmt"
	"iter"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Article reads one knowledge-base article.
func (s *Store) Article(id uint64) (helpdesk.Article, error) {
	var a helpdesk.Article
	err := s.view(func(txn *badger.Txn) error { return getJSON(txn, idKey(kindArticle, id), &a) })
	if err != nil {
		return a, fmt.Errorf("article %d: %w", id, err)
	}
	return a, nil
}

// Articles yields every knowledge-base article in id order.
func (s *Store) Articles() iter.Seq2[helpdesk.Article, error] {
	return scan[helpdesk.Article](s, []byte{kindArticle})
}
