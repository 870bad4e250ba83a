package ftscorpus

import (
	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// Source serves document text from a generated corpus, as the store does
// from Badger, for the tests and benchmarks that build an index on it.
type Source struct {
	articles map[uint64]*helpdesk.Article
	tickets  map[uint64]int
	c        *Corpus
}

// NewSource indexes the corpus's documents by id.
func NewSource(c *Corpus) *Source {
	s := &Source{articles: map[uint64]*helpdesk.Article{}, tickets: map[uint64]int{}, c: c}
	for i := range c.Articles {
		s.articles[c.Articles[i].ID] = &c.Articles[i]
	}
	for i, t := range c.Tickets {
		s.tickets[t.ID] = i
	}
	return s
}

// Doc implements fts.Source.
func (s *Source) Doc(kind fts.Kind, id uint64) (fts.Doc, bool) {
	switch kind {
	case fts.KindArticle:
		if a, ok := s.articles[id]; ok {
			return fts.ArticleDoc(*a), true
		}
	case fts.KindTicket:
		if i, ok := s.tickets[id]; ok {
			return fts.TicketDoc(s.c.Tickets[i], s.c.Comments[i]), true
		}
	}
	return fts.Doc{}, false
}
