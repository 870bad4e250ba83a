package helpdesk

import "fmt"

// The knowledge-base mutation kinds. They go through the same outbox as
// ticket actions, keyed by the local article (ArticleID) instead of a
// ticket.
const (
	MutArticleCreate MutationKind = "article-create" // Article: the new article
	MutArticleEdit   MutationKind = "article-edit"   // Article: the article as edited; FromArticle: as the server had it
)

// IsArticle reports whether the kind acts on a knowledge-base article
// rather than on a ticket.
func (k MutationKind) IsArticle() bool {
	return k == MutArticleCreate || k == MutArticleEdit
}

// validateArticle checks an article mutation on its own.
func (m Mutation) validateArticle() error {
	if m.Article == nil {
		return fmt.Errorf("%w: %s without an article", ErrInvalid, m.Kind)
	}
	if m.Kind == MutArticleEdit && m.ArticleID == 0 {
		return fmt.Errorf("%w: article edit without an article id", ErrInvalid)
	}
	return m.Article.Validate()
}

// describeArticle is Describe for article mutations.
func (m Mutation) describeArticle() string {
	title := ""
	if m.Article != nil {
		title = excerpt(m.Article.Title, 60)
	}
	if m.Kind == MutArticleCreate {
		return fmt.Sprintf("New KB article %q", title)
	}
	return fmt.Sprintf("Edit KB article %q", title)
}

// ApplyToArticle makes the mutation's change to a, as the local optimistic
// change and again when unsent edits are rebased over a pulled version: a
// create sets the whole article; an edit sets only the fields the user
// changed from the version they edited, so a field changed on the server
// meanwhile stays the server's.
func (m Mutation) ApplyToArticle(a *Article) error {
	if !m.Kind.IsArticle() {
		return fmt.Errorf("%w: %s is not an article change", ErrInvalid, m.Kind)
	}
	if err := m.validateArticle(); err != nil {
		return err
	}
	mine := m.Article.Normalized()
	switch {
	case m.Kind == MutArticleCreate:
		id, remote, version := a.ID, a.RemoteID, a.Version
		*a = mine
		a.ID, a.RemoteID, a.Version = id, remote, version
	case m.FromArticle == nil:
		a.Title, a.Summary, a.Body, a.Category = mine.Title, mine.Summary, mine.Body, mine.Category
	default:
		from := *m.FromArticle
		for _, f := range articleFields {
			if f.get(&mine) != f.get(&from) {
				*f.ptr(a) = f.get(&mine)
			}
		}
	}
	a.Pending = true
	if !m.Created.IsZero() {
		a.Updated = m.Created
	}
	return nil
}

// articleField is one field of an article a person edits.
type articleField struct {
	name string
	ptr  func(*Article) *string
}

func (f articleField) get(a *Article) string { return *f.ptr(a) }

var articleFields = []articleField{
	{"title", func(a *Article) *string { return &a.Title }},
	{"summary", func(a *Article) *string { return &a.Summary }},
	{"text", func(a *Article) *string { return &a.Body }},
	{"category", func(a *Article) *string { return &a.Category }},
}

// MergeArticle merges an edit (mine, made against base) into the server's
// current version field by field: a field only one side changed takes that
// side's value; a field both sides changed to different values is a
// conflict, named in the result, and keeps the server's value.
func MergeArticle(base, mine, server Article) (Article, []string) {
	out := server
	var conflicts []string
	for _, f := range articleFields {
		b, m, s := f.get(&base), f.get(&mine), f.get(&server)
		switch {
		case m == b, m == s:
		case s == b:
			*f.ptr(&out) = m
		default:
			conflicts = append(conflicts, f.name)
		}
	}
	return out, conflicts
}
