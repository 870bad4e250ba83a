package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// articleFlags are the fields "kb new" and "kb edit" share.
type articleFlags struct {
	title, summary, category, body, bodyFile *string
}

func addArticleFlags(c *command, required string) articleFlags {
	return articleFlags{
		title:    c.String("title", "", "`T`: the article's one-line title"+required),
		summary:  c.String("summary", "", "`S`: a one-line summary shown in lists"),
		category: c.String("category", "", "`C`: the category (on Request Tracker: an article class)"+required),
		body:     c.String("body", "", "the article text `B` in Markdown; - reads it from stdin"),
		bodyFile: c.String("body-file", "", "read the text from file `F` (- for stdin)"),
	}
}

// text reads the body from the flag, a file or stdin; set is false when
// none was given.
func (r *runner) articleText(f articleFlags) (userText, bool, error) {
	if *f.body != "" && *f.bodyFile != "" {
		return userText{}, false, usagef("give the text once: --body or --body-file")
	}
	switch {
	case *f.body == "-":
		t, err := r.readFrom(r.stdin, "article text", fromStdin)
		return t, true, err
	case *f.bodyFile != "":
		t, err := r.readFile(*f.bodyFile, "article text")
		return t, true, err
	case *f.body != "":
		return userText{body: *f.body, what: "article text", source: fromArgs}, true, nil
	}
	return userText{what: "article text", source: fromArgs}, false, nil
}

// savedArticle reports a recorded article: JSON, or one line.
func (r *runner) savedArticle(d *app.Desk, a helpdesk.Article, what string) error {
	if r.g.json {
		return r.writeJSON(a)
	}
	n := d.State().Unsent
	plural := "s"
	if n == 1 {
		plural = ""
	}
	fmt.Fprintf(r.stdout, "kb %d: %s (%d change%s waiting to be sent)\n", a.ID, what, n, plural)
	return nil
}

// kbNew writes a new article, or drafts one from a ticket.
func (r *runner) kbNew(args []string) error {
	c := r.flags("kb new", "kb new --title T --category C [--summary S] [--body B | --body-file F | -] [--from-ticket ID]",
		"Write a knowledge-base article (L2/L3 agents). It is saved here at once and sent\nwhen Tierdesk syncs. --from-ticket drafts it from a solved ticket: the subject\nas title, its first message as the problem and its last replies as the\nresolution; other flags override the draft.")
	f := addArticleFlags(c, " (required)")
	from := c.String("from-ticket", "", "draft from ticket `ID` (#123, 123 or new-5)")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	stdinBody := len(pos) == 1 && pos[0] == "-"
	if len(pos) > 0 && !stdinBody {
		return usagef("kb new takes its fields as flags (got %q); e.g. --title \"VPN drops\" --category Network --body \"...\"", pos[0])
	}
	if stdinBody {
		if *f.body != "" || *f.bodyFile != "" {
			return usagef("give the text once: --body, --body-file or -")
		}
		*f.body = "-"
	}
	if *from != "" {
		if err := checkRef(*from); err != nil {
			return err
		}
	} else if strings.TrimSpace(*f.title) == "" || strings.TrimSpace(*f.category) == "" {
		return usagef("kb new needs --title and --category (or --from-ticket ID to draft them)")
	}
	text, haveBody, err := r.articleText(f)
	if err != nil {
		return err
	}
	err = r.withDesk(func(d *app.Desk) error {
		if !d.CanAuthor() {
			return exitError{exitFail, fmt.Errorf("write a knowledge-base article: %w (L2 and L3 agents write articles)", app.ErrNotAllowed)}
		}
		var a helpdesk.Article
		if *from != "" {
			t, err := resolve(d, *from)
			if err != nil {
				return err
			}
			if a, err = d.ArticleFromTicket(t.ID); err != nil {
				return fmt.Errorf("draft from %s: %w", t.Ref(), err)
			}
		}
		if *f.title != "" {
			a.Title = *f.title
		}
		if *f.summary != "" {
			a.Summary = *f.summary
		}
		if *f.category != "" {
			a.Category = *f.category
		}
		if haveBody {
			a.Body = text.body
		} else {
			text.body = a.Body
		}
		saved, err := d.SaveArticle(a)
		if err != nil {
			return fmt.Errorf("save article: %w", err)
		}
		return r.savedArticle(d, saved, "article saved")
	})
	if err != nil {
		return notSaved(err, text)
	}
	return nil
}

// kbEdit changes the fields given of an existing article.
func (r *runner) kbEdit(args []string) error {
	c := r.flags("kb edit", "kb edit ID [--title T] [--summary S] [--category C] [--body B | --body-file F | -]",
		"Change a knowledge-base article (L2/L3 agents); only the fields given change.\nSaved here at once and sent when Tierdesk syncs; if someone changed the same\nfield on the server meanwhile, the outbox shows a conflict for you to decide.")
	f := addArticleFlags(c, "")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) == 2 && pos[1] == "-" {
		if *f.body != "" || *f.bodyFile != "" {
			return usagef("give the text once: --body, --body-file or -")
		}
		*f.body, pos = "-", pos[:1]
	}
	if len(pos) != 1 {
		return usagef("usage: tierdesk kb edit ID [--title T] [--summary S] [--category C] [--body B | -]")
	}
	id, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimSpace(pos[0]), "#"), 10, 64)
	if err != nil || id == 0 {
		return usagef("%q is not an article id (want a number, as kb search prints)", pos[0])
	}
	set := map[string]bool{}
	c.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	if !set["title"] && !set["summary"] && !set["category"] && !set["body"] && !set["body-file"] {
		return usagef("kb edit needs at least one of --title, --summary, --category, --body")
	}
	text, haveBody, err := r.articleText(f)
	if err != nil {
		return err
	}
	err = r.withDesk(func(d *app.Desk) error {
		if !d.CanAuthor() {
			return exitError{exitFail, fmt.Errorf("edit a knowledge-base article: %w (L2 and L3 agents write articles)", app.ErrNotAllowed)}
		}
		a, err := d.Article(id)
		if err != nil {
			return err
		}
		if set["title"] {
			a.Title = *f.title
		}
		if set["summary"] {
			a.Summary = *f.summary
		}
		if set["category"] {
			a.Category = *f.category
		}
		if haveBody {
			a.Body = text.body
		}
		saved, err := d.SaveArticle(a)
		if errors.Is(err, app.ErrNoChange) {
			fmt.Fprintf(r.stderr, "kb %d: nothing changed\n", id)
			return nil
		}
		if err != nil {
			return fmt.Errorf("edit article %d: %w", id, err)
		}
		return r.savedArticle(d, saved, "article saved")
	})
	if err != nil {
		return notSaved(err, text)
	}
	return nil
}
