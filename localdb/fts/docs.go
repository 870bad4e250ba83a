package fts

import (
	"strings"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Kind says what a document is.
type Kind uint8

// The document kinds.
const (
	KindArticle Kind = iota // a knowledge-base article
	KindTicket              // a ticket and its conversation
	numKinds
)

// String returns "article" or "ticket".
func (k Kind) String() string {
	switch k {
	case KindArticle:
		return "article"
	case KindTicket:
		return "ticket"
	}
	return "kind?"
}

// Field names a text field of a document.
type Field uint8

// The text fields. Articles use Title, Summary, Body and Category; tickets
// use Title (the subject), Body (the public conversation) and Notes (the
// internal notes, which Query.NoNotes leaves out).
const (
	FieldTitle Field = iota
	FieldSummary
	FieldBody
	FieldExtra // Category for articles, Notes for tickets
)

// Doc is what the index is given for one document. The index keeps none of
// the text: it keeps the terms, and asks a Source for the text again when
// it makes snippets.
type Doc struct {
	Kind     Kind
	ID       uint64
	Title    string // article title; ticket subject
	Summary  string // article summary
	Body     string // article body (Markdown); ticket replies, oldest first
	Notes    string // ticket internal notes (agents only)
	Category string // article category
	Tier     helpdesk.Tier
	Status   helpdesk.Status
}

// field returns the text of field f.
func (d *Doc) field(f Field) string {
	switch f {
	case FieldTitle:
		return d.Title
	case FieldSummary:
		return d.Summary
	case FieldBody:
		return d.Body
	case FieldExtra:
		if d.Kind == KindTicket {
			return d.Notes
		}
		return d.Category
	}
	return ""
}

// ArticleDoc makes the document of a knowledge-base article.
func ArticleDoc(a helpdesk.Article) Doc {
	return Doc{Kind: KindArticle, ID: a.ID, Title: a.Title, Summary: a.Summary, Body: a.Body, Category: a.Category}
}

// TicketDoc makes the document of a ticket from the ticket and its
// conversation in order: replies go to Body, internal notes to Notes, one
// comment a paragraph.
func TicketDoc(t helpdesk.Ticket, comments []helpdesk.Comment) Doc {
	var body, notes strings.Builder
	for _, c := range comments {
		b := &body
		if c.Internal() {
			b = &notes
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(c.Body)
	}
	return Doc{Kind: KindTicket, ID: t.ID, Title: t.Subject, Body: body.String(), Notes: notes.String(), Tier: t.Tier, Status: t.Status}
}

// Source gives back the text of a document for snippets, as the store has
// it now; ok is false when the document is gone. It is called without any
// index lock held, for the few hits a search returns.
type Source interface {
	Doc(kind Kind, id uint64) (doc Doc, ok bool)
}

// SourceFunc adapts a function to Source.
type SourceFunc func(kind Kind, id uint64) (Doc, bool)

// Doc calls f.
func (f SourceFunc) Doc(kind Kind, id uint64) (Doc, bool) { return f(kind, id) }

// statusCode maps a status to a small number for the per-document table.
func statusCode(s helpdesk.Status) uint8 {
	for i, v := range helpdesk.Statuses() {
		if v == s {
			return uint8(i)
		}
	}
	return 7
}
