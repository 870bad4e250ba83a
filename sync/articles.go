package sync

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// ArticlesCursor is the name of the knowledge-base cursor in the store; it
// moves independently of the tickets' change feed.
const ArticlesCursor = "articles"

// ArticleBackend is what the engine needs of a server that keeps a
// knowledge base. A Backend without it syncs tickets only; the engine
// finds out by a type assertion, so ticket-only backends need nothing new.
type ArticleBackend interface {
	// ArticleChanges returns one page of articles changed after cursor
	// ("" means all of them), as the server has them (RemoteID, Version,
	// Category set), and the cursor to ask with next.
	ArticleChanges(ctx context.Context, cursor string) (ArticlePage, error)
	// FetchArticle returns an article's current state.
	FetchArticle(ctx context.Context, remoteID uint64) (helpdesk.Article, error)
	// CreateArticle files a new article, recording ref server-side so
	// FindArticle can find it if the outcome of this call is never learned.
	CreateArticle(ctx context.Context, a helpdesk.Article, ref string) (helpdesk.Article, error)
	// FindArticle looks for an article created with ref; found is false
	// when none exists, in which case creating again cannot duplicate.
	FindArticle(ctx context.Context, ref string) (a helpdesk.Article, found bool, err error)
	// UpdateArticle replaces the article's title, summary, text and
	// category if it is still at baseVersion; otherwise it returns
	// ErrConflict and changes nothing. It returns the article as stored.
	UpdateArticle(ctx context.Context, remoteID uint64, baseVersion string, a helpdesk.Article) (helpdesk.Article, error)
}

// ArticlePage is one batch of the server's knowledge base.
type ArticlePage struct {
	Articles []helpdesk.Article
	Removed  []uint64 // server ids of articles the server no longer has
	Cursor   string
	More     bool
}

// ArticleStore is what the engine needs of the local store to sync the
// knowledge base; localdb.Store satisfies it.
type ArticleStore interface {
	// Article returns the local view of an article.
	Article(id uint64) (helpdesk.Article, error)
	// AcknowledgeArticle removes a change the server has, storing the
	// server's copy of the article.
	AcknowledgeArticle(seq uint64, server helpdesk.Article) (helpdesk.Article, error)
	// ApplyArticlePull stores a page of articles with its cursor and
	// rebases unsent edits over it.
	ApplyArticlePull(p helpdesk.ArticlePull) ([]uint64, error)
}

// kb returns the article halves of the store and backend, if both have
// one.
func (e *Engine) kb() (ArticleStore, ArticleBackend, bool) {
	st, ok1 := e.store.(ArticleStore)
	be, ok2 := e.backend.(ArticleBackend)
	return st, be, ok1 && ok2
}

// pullArticles pulls every page of changed articles after the tickets.
func (e *Engine) pullArticles(ctx context.Context, res *Result) error {
	st, be, ok := e.kb()
	if !ok {
		return nil
	}
	if !e.kbNow.Swap(false) && !e.kbAt.IsZero() && time.Since(e.kbAt) < e.opt.ArticleInterval {
		return nil
	}
	cursor, err := e.store.Cursor(ArticlesCursor)
	if err != nil {
		return err
	}
	for {
		page, err := be.ArticleChanges(ctx, cursor)
		var refused *RefusedError
		if errors.As(err, &refused) || errors.Is(err, ErrNotFound) {
			// The account may not read the knowledge base (no rights, no
			// article API): tickets keep syncing; the log says why.
			e.log.Warn("knowledge base not synced", "err", err)
			e.kbAt = time.Now()
			return nil
		}
		if err != nil {
			return fmt.Errorf("pull articles: %w", err)
		}
		changed, err := st.ApplyArticlePull(helpdesk.ArticlePull{
			Articles: page.Articles, Removed: page.Removed,
			Cursors: map[string]string{ArticlesCursor: page.Cursor},
		})
		if err != nil {
			return fmt.Errorf("store pulled articles: %w", err)
		}
		res.Articles += len(changed)
		cursor = page.Cursor
		if len(changed) > 0 && e.opt.OnArticles != nil {
			e.opt.OnArticles(changed)
		}
		if !page.More {
			e.kbAt = time.Now()
			return nil
		}
	}
}

// pushArticle sends one article change and settles it: acknowledged,
// parked as refused or conflicting (which holds back later changes of the
// same article only), or left pending on a transient error, which is
// returned and stops the pass.
func (e *Engine) pushArticle(ctx context.Context, m helpdesk.Mutation, held map[uint64]bool, res *pushResult) error {
	if held[m.ArticleID] || m.State != helpdesk.StatePending {
		held[m.ArticleID] = true
		return nil
	}
	st, be, ok := e.kb()
	var server helpdesk.Article
	var err error
	if !ok {
		err = &RefusedError{Message: "this server does not keep a knowledge base Tierdesk can write to"}
	} else {
		server, err = e.sendArticle(ctx, st, be, m)
	}
	var refused *RefusedError
	switch {
	case err == nil:
		if _, err := st.AcknowledgeArticle(m.Seq, server); err != nil {
			return fmt.Errorf("acknowledge %s: %w", articleLabel(m), err)
		}
		e.kbNow.Store(true) // the server may have changed more than was sent
		res.sent++
		return nil
	case errors.As(err, &refused):
		if err := e.store.Park(m.Seq, helpdesk.StateFailed, refused.Message); err != nil {
			return err
		}
		res.failed++
		e.log.Warn("server refused an article change", "change", articleLabel(m), "reason", refused.Message)
	case errors.As(err, new(*conflictError)):
		if err := e.store.Park(m.Seq, helpdesk.StateConflict, err.Error()); err != nil {
			return err
		}
		res.conflicts++
	case errors.Is(err, ErrNotFound):
		if err := e.store.Park(m.Seq, helpdesk.StateFailed, "the article is no longer on the server"); err != nil {
			return err
		}
		res.failed++
	default:
		return fmt.Errorf("send %s: %w", articleLabel(m), err)
	}
	held[m.ArticleID] = true
	return nil
}

// articleLabel names an article change in errors and logs without its
// content.
func articleLabel(m helpdesk.Mutation) string {
	return fmt.Sprintf("%s (outbox entry %d, article %d)", m.Kind, m.Seq, m.ArticleID)
}

// sendArticle performs one article change on the server and returns the
// article as the server now has it. A create is recorded as attempted
// before it is sent and looked up by its reference before it is sent
// again, as for tickets.
func (e *Engine) sendArticle(ctx context.Context, st ArticleStore, be ArticleBackend, m helpdesk.Mutation) (helpdesk.Article, error) {
	local, err := st.Article(m.ArticleID)
	if err != nil {
		return local, &RefusedError{Message: "the article no longer exists on this device"}
	}
	if m.Kind == helpdesk.MutArticleCreate {
		return e.createArticle(ctx, be, m)
	}
	if local.RemoteID == 0 {
		return local, &RefusedError{Message: "the article has not reached the server yet"}
	}
	if m.Progress == helpdesk.NotSent {
		if err := e.store.Advance(m.Seq, helpdesk.Attempted); err != nil {
			return local, err
		}
	}
	// The server's copy is read first and the edit merged into it field
	// by field: RT's article version (LastUpdated) has whole seconds, so
	// comparing versions alone could miss an edit made in the same second.
	// The write is then sent against the version just read; a change in
	// between is a conflict, and the merge runs once more.
	from := m.FromArticle
	for range 2 {
		server, err := be.FetchArticle(ctx, local.RemoteID)
		if err != nil {
			return server, err
		}
		if from == nil {
			// Edited before its create was confirmed: against what the
			// create left, so every field the user set is theirs.
			from = &server
		}
		merged, conflicts := helpdesk.MergeArticle(*from, *m.Article, server)
		if len(conflicts) > 0 {
			return server, &conflictError{msg: fmt.Sprintf("the article's %s was also changed on the server", strings.Join(conflicts, ", "))}
		}
		got, err := be.UpdateArticle(ctx, local.RemoteID, server.Version, merged)
		if !errors.Is(err, ErrConflict) {
			return got, err
		}
	}
	return local, &TransientError{Err: errors.New("the article keeps changing on the server; trying again later")}
}

// createArticle files a new article exactly once (see sendCreate).
func (e *Engine) createArticle(ctx context.Context, be ArticleBackend, m helpdesk.Mutation) (helpdesk.Article, error) {
	a := *m.Article
	if m.Progress >= helpdesk.Attempted {
		found, ok, err := be.FindArticle(ctx, a.ClientRef)
		if err != nil {
			return found, fmt.Errorf("look up an earlier article create: %w", err)
		}
		if ok {
			e.log.Info("article create had reached the server before", "ref", a.ClientRef, "remote", found.RemoteID)
			return found, nil
		}
		if wait := e.opt.CreateGrace - time.Since(m.AttemptedAt); !m.AttemptedAt.IsZero() && wait > 0 {
			return found, &TransientError{Err: errors.New("an earlier attempt to create the article may still be in progress on the server"), RetryAfter: wait}
		}
	} else if err := e.store.Advance(m.Seq, helpdesk.Attempted); err != nil {
		return helpdesk.Article{}, err
	}
	got, err := be.CreateArticle(ctx, a, a.ClientRef)
	var te *TransientError
	if errors.As(err, &te) && te.NotSent {
		if aerr := e.store.Advance(m.Seq, helpdesk.NotSent); aerr != nil {
			return got, aerr
		}
		return got, err
	}
	if err != nil && got.RemoteID != 0 {
		// It exists; only reading it back failed. Filing it again would
		// duplicate it, so it counts as sent and the next pull refreshes it.
		e.log.Warn("article created with a problem", "remote", got.RemoteID, "err", err)
		return got, nil
	}
	return got, err
}
