package sync_test

import (
	"context"
	"strconv"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

// fakeKB is a fakeServer that also keeps a knowledge base, with the same
// fault injection (op names start with "article-"). It is a separate type
// so the ticket-only tests keep a ticket-only backend.
type fakeKB struct {
	*fakeServer
	articles map[uint64]*helpdesk.Article
	afeed    []uint64 // article ids in change order; the cursor is an index
	arefs    map[string]uint64
}

var _ tdsync.ArticleBackend = (*fakeKB)(nil)

func newFakeKB() *fakeKB {
	return &fakeKB{fakeServer: newFakeServer(), articles: map[uint64]*helpdesk.Article{}, arefs: map[string]uint64{}}
}

// touchArticle bumps an article's version and appends it to the feed;
// f.mu held.
func (f *fakeKB) touchArticle(id uint64) {
	f.nextTx++
	a := f.articles[id]
	a.Version = strconv.FormatUint(f.nextTx, 10)
	a.Updated = time.Unix(int64(f.nextTx), 0).UTC()
	f.afeed = append(f.afeed, id)
}

// serverArticle adds an article as another author would.
func (f *fakeKB) serverArticle(a helpdesk.Article) uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextID++
	a.ID, a.RemoteID = 0, f.nextID
	f.articles[a.RemoteID] = &a
	f.touchArticle(a.RemoteID)
	return a.RemoteID
}

// serverArticleEdit changes an article as another author would.
func (f *fakeKB) serverArticleEdit(id uint64, edit func(*helpdesk.Article)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	edit(f.articles[id])
	f.touchArticle(id)
}

func (f *fakeKB) article(id uint64) (helpdesk.Article, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, ok := f.articles[id]
	if !ok {
		return helpdesk.Article{}, false
	}
	return *a, true
}

func (f *fakeKB) articleCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.articles)
}

func (f *fakeKB) ArticleChanges(ctx context.Context, cursor string) (tdsync.ArticlePage, error) {
	if err := f.enter("article-changes"); err != nil {
		return tdsync.ArticlePage{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	pos := 0
	if cursor != "" {
		var err error
		if pos, err = strconv.Atoi(cursor); err != nil {
			return tdsync.ArticlePage{}, &tdsync.ProtocolError{What: "cursor", Err: err}
		}
	}
	end := min(pos+f.pageSize, len(f.afeed))
	p := tdsync.ArticlePage{Cursor: strconv.Itoa(end), More: end < len(f.afeed)}
	for _, id := range f.afeed[pos:end] {
		p.Articles = append(p.Articles, *f.articles[id])
	}
	return p, f.leave("article-changes")
}

func (f *fakeKB) FetchArticle(ctx context.Context, id uint64) (helpdesk.Article, error) {
	if err := f.enter("article-fetch"); err != nil {
		return helpdesk.Article{}, err
	}
	a, ok := f.article(id)
	if !ok {
		return a, tdsync.ErrNotFound
	}
	return a, f.leave("article-fetch")
}

func (f *fakeKB) CreateArticle(ctx context.Context, a helpdesk.Article, ref string) (helpdesk.Article, error) {
	if err := f.enter("article-create"); err != nil {
		return helpdesk.Article{}, err
	}
	f.mu.Lock()
	f.nextID++
	a.ID, a.RemoteID, a.Pending, a.ClientRef = 0, f.nextID, false, ref
	f.articles[a.RemoteID] = &a
	f.arefs[ref] = a.RemoteID
	f.touchArticle(a.RemoteID)
	got := *f.articles[a.RemoteID]
	f.mu.Unlock()
	if err := f.leave("article-create"); err != nil {
		return helpdesk.Article{}, err // the answer never arrived
	}
	return got, nil
}

func (f *fakeKB) FindArticle(ctx context.Context, ref string) (helpdesk.Article, bool, error) {
	if err := f.enter("article-find"); err != nil {
		return helpdesk.Article{}, false, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	id, ok := f.arefs[ref]
	if !ok {
		return helpdesk.Article{}, false, nil
	}
	return *f.articles[id], true, nil
}

func (f *fakeKB) UpdateArticle(ctx context.Context, id uint64, base string, a helpdesk.Article) (helpdesk.Article, error) {
	if err := f.enter("article-update"); err != nil {
		return helpdesk.Article{}, err
	}
	f.mu.Lock()
	cur, ok := f.articles[id]
	if !ok {
		f.mu.Unlock()
		return helpdesk.Article{}, tdsync.ErrNotFound
	}
	if base != cur.Version {
		f.mu.Unlock()
		return helpdesk.Article{}, tdsync.ErrConflict
	}
	cur.Title, cur.Summary, cur.Body, cur.Category = a.Title, a.Summary, a.Body, a.Category
	f.touchArticle(id)
	got := *cur
	f.mu.Unlock()
	return got, f.leave("article-update")
}
