package helpdesk

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxArticleTitleLen bounds an article's title, as for a ticket subject.
const MaxArticleTitleLen = MaxSubjectLen

// Article is a knowledge-base entry. Body is Markdown.
type Article struct {
	ID       uint64 `json:"id"`
	RemoteID uint64 `json:"remote_id,omitempty"`
	Title    string `json:"title"`
	Summary  string `json:"summary,omitempty"`
	Body     string `json:"body"`
	// Category is the server's grouping of articles (RT: the class name).
	Category string    `json:"category"`
	Updated  time.Time `json:"updated"`
	// Version is the server's version of the article as last seen (RT:
	// LastUpdated); an edit is sent against it so a change made on the
	// server meanwhile is noticed, not overwritten.
	Version string `json:"version,omitempty"`
	// ClientRef identifies an article written on this device, recorded on
	// the server with the create so a create whose answer was lost can be
	// found instead of filed twice.
	ClientRef string `json:"client_ref,omitempty"`
	// Pending says the article shows changes made here that the server
	// does not have yet.
	Pending bool `json:"pending,omitempty"`
	// Author is who wrote an article created here (shown until synced).
	Author string `json:"author,omitempty"`
}

// Validate checks what a person writing an article must provide: a one-line
// title, a body and a category.
func (a Article) Validate() error {
	title := strings.TrimSpace(a.Title)
	switch {
	case title == "":
		return fmt.Errorf("%w: an article needs a title", ErrInvalid)
	case utf8.RuneCountInString(title) > MaxArticleTitleLen:
		return fmt.Errorf("%w: the title is longer than %d characters", ErrInvalid, MaxArticleTitleLen)
	case strings.ContainsAny(title, "\r\n"):
		return fmt.Errorf("%w: the title must be one line", ErrInvalid)
	case strings.ContainsAny(a.Summary, "\r\n"):
		return fmt.Errorf("%w: the summary must be one line", ErrInvalid)
	case utf8.RuneCountInString(a.Summary) > MaxArticleTitleLen:
		return fmt.Errorf("%w: the summary is longer than %d characters", ErrInvalid, MaxArticleTitleLen)
	case strings.TrimSpace(a.Body) == "":
		return fmt.Errorf("%w: the article has no text", ErrInvalid)
	case len(a.Body) > MaxBodyLen:
		return fmt.Errorf("%w: the text is longer than %d bytes", ErrInvalid, MaxBodyLen)
	case strings.TrimSpace(a.Category) == "":
		return fmt.Errorf("%w: an article needs a category", ErrInvalid)
	case strings.ContainsAny(a.Category, "\r\n"):
		return fmt.Errorf("%w: the category must be one line", ErrInvalid)
	}
	return nil
}

// Normalized trims the one-line fields, so what is stored and sent is what
// the server will keep.
func (a Article) Normalized() Article {
	a.Title = strings.TrimSpace(a.Title)
	a.Summary = strings.TrimSpace(a.Summary)
	a.Category = strings.TrimSpace(a.Category)
	return a
}
