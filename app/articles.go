package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
)

// ErrNoChange: an article edit that changes nothing is not recorded.
var ErrNoChange = localdb.ErrNoChange

// resolutionReplies is how many of a ticket's last replies a drafted
// article quotes as the resolution.
const resolutionReplies = 3

// CanAuthor reports whether the user may write knowledge-base articles:
// agents working at L2 or L3, who solve what the articles describe.
func (d *Desk) CanAuthor() bool {
	return d.me.Role.Agent() && d.me.Tier >= helpdesk.L2
}

// SaveArticle records a knowledge-base article written on this device: ID
// 0 creates one, any other ID edits that article. It works offline: the
// article is stored at once and queued for the server. Errors wrapping
// helpdesk.ErrInvalid (no title, no text, no category) or ErrNoChange
// record nothing, so the caller keeps what the user typed.
func (d *Desk) SaveArticle(a helpdesk.Article) (helpdesk.Article, error) {
	if !d.CanAuthor() {
		return a, fmt.Errorf("write a knowledge-base article: %w", ErrNotAllowed)
	}
	m := helpdesk.Mutation{Kind: helpdesk.MutArticleCreate, Article: &a}
	if a.ID != 0 {
		m.Kind, m.ArticleID = helpdesk.MutArticleEdit, a.ID
	}
	m.ClientID = newClientID()
	m.Author = d.me.Name
	m.Created = d.clock().UTC().Truncate(time.Second)
	_, saved, err := d.store.ApplyArticle(m)
	if err != nil {
		if !errors.Is(err, helpdesk.ErrInvalid) && !errors.Is(err, ErrNoChange) && !errors.Is(err, ErrNotFound) {
			d.log.Error("saving an article failed", "kind", m.Kind, "article", a.ID, "err", err)
		}
		return a, err
	}
	d.feed.publish(Change{Outbox: true, Articles: true})
	if d.engine != nil {
		d.engine.Changed()
	}
	return saved, nil
}

// ArticleFromTicket drafts an article from a solved ticket, for the author
// to finish: the title is the subject, the body has a "## Problem" section
// (the ticket's first message) and a "## Resolution" section (the agents'
// last replies after that; internal notes only when there are none), and
// the category is the ticket's queue when articles use it as a category.
// Nothing is saved.
func (d *Desk) ArticleFromTicket(ticketID uint64) (helpdesk.Article, error) {
	if !d.CanAuthor() {
		return helpdesk.Article{}, fmt.Errorf("write a knowledge-base article: %w", ErrNotAllowed)
	}
	t, err := d.store.Ticket(ticketID)
	if err != nil {
		return helpdesk.Article{}, fmt.Errorf("draft an article: %w", err)
	}
	conv, err := d.Conversation(ticketID)
	if err != nil {
		return helpdesk.Article{}, fmt.Errorf("draft an article: %w", err)
	}
	problem := ""
	rest := conv
	if i := slices.IndexFunc(conv, func(c helpdesk.Comment) bool { return !c.Internal() && strings.TrimSpace(c.Body) != "" }); i >= 0 {
		problem, rest = strings.TrimSpace(conv[i].Body), conv[i+1:]
	}
	if problem == "" {
		problem = t.Subject
	}
	// The resolution is what the agents answered: the requester's own
	// follow-ups ("it happened again") describe the problem, not the fix.
	// An agent who filed the ticket for themselves is their own requester,
	// so their replies count when there are no others.
	pick := func(internal, notRequester bool) []string {
		var out []string
		for _, c := range rest {
			if c.Internal() == internal && (!notRequester || c.Author != t.Requester) && strings.TrimSpace(c.Body) != "" {
				out = append(out, strings.TrimSpace(c.Body))
			}
		}
		return out[max(0, len(out)-resolutionReplies):]
	}
	resolution := pick(false, true)
	if len(resolution) == 0 {
		resolution = pick(false, false)
	}
	if len(resolution) == 0 {
		resolution = pick(true, false)
	}
	var b strings.Builder
	b.WriteString("## Problem\n\n")
	b.WriteString(problem)
	b.WriteString("\n\n## Resolution\n\n")
	if len(resolution) == 0 {
		b.WriteString("_Describe how it was solved._")
	} else {
		b.WriteString(strings.Join(resolution, "\n\n"))
	}
	b.WriteString("\n")
	return helpdesk.Article{
		Title:    t.Subject,
		Body:     b.String(),
		Category: d.categoryFor(t.Queue),
	}, nil
}

// categoryFor returns the article category named like queue, "" if none:
// the author picks one, rather than the draft inventing a class the
// server may not have.
func (d *Desk) categoryFor(queue string) string {
	queue = strings.TrimSpace(queue)
	if queue == "" {
		return ""
	}
	for a, err := range d.store.Articles() {
		if err != nil {
			return ""
		}
		if strings.EqualFold(a.Category, queue) {
			return a.Category
		}
	}
	return ""
}

// Categories returns the article categories on this device, sorted.
func (d *Desk) Categories() ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for a, err := range d.store.Articles() {
		if err != nil {
			return out, fmt.Errorf("categories: %w", err)
		}
		if c := strings.TrimSpace(a.Category); c != "" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out, nil
}

// keepMineArticle resolves an article conflict in the user's favour: the
// edit is sent again against the server's current version.
func (d *Desk) keepMineArticle(ctx context.Context, m helpdesk.Mutation) error {
	a, err := d.store.Article(m.ArticleID)
	if err != nil {
		return fmt.Errorf("keep mine: %w", err)
	}
	kb, ok := d.backend.(interface {
		FetchArticle(ctx context.Context, remoteID uint64) (helpdesk.Article, error)
	})
	if !ok || a.RemoteID == 0 {
		return fmt.Errorf("keep mine: article %d is not on the server", m.ArticleID)
	}
	server, err := kb.FetchArticle(ctx, a.RemoteID)
	if err != nil {
		return fmt.Errorf("keep mine: %w", err)
	}
	if err := d.store.RebaseArticle(m.Seq, server); err != nil {
		return err
	}
	d.feed.publish(Change{Outbox: true, Articles: true})
	if d.engine != nil {
		d.engine.Changed()
	}
	return nil
}
