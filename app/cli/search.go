package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// searchWait is how long a command waits for the search index, which is
// built in the background when the store opens.
const searchWait = 30 * time.Second

// kb dispatches the "kb SUBCOMMAND" family.
func (r *runner) kb(args []string) error {
	if len(args) == 0 {
		return usagef("kb needs a subcommand: search, show, new or edit")
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "search":
		return r.search(rest, "kb search", []fts.Kind{fts.KindArticle})
	case "show":
		return r.kbShow(rest)
	case "new":
		return r.kbNew(rest)
	case "edit":
		return r.kbEdit(rest)
	case "help", "-h", "--help":
		r.printUsage(r.stdout)
		return nil
	}
	return usagef("unknown kb subcommand %q; run 'tierdesk help' for the list", sub)
}

// hitJSON is one search result as the command line prints it.
type hitJSON struct {
	Rank     int     `json:"rank"`
	Kind     string  `json:"kind"`
	ID       uint64  `json:"id"`
	Ref      string  `json:"ref,omitempty"`
	Title    string  `json:"title"`
	Category string  `json:"category,omitempty"`
	Snippet  string  `json:"snippet"`
	Score    float64 `json:"score"`
}

// search runs "kb search" (articles) or "search" (everything).
func (r *runner) search(args []string, name string, kinds []fts.Kind) error {
	what := "articles and tickets"
	if len(kinds) == 1 && kinds[0] == fts.KindArticle {
		what = "knowledge-base articles"
	}
	articlesOnly := len(kinds) == 1 && kinds[0] == fts.KindArticle
	synopsis := name + " QUERY [--json] [--limit N] [--tier T]... [--status S]... [--category C]"
	if articlesOnly {
		synopsis = name + " QUERY [--json] [--limit N] [--category C]"
	}
	c := r.flags(name, synopsis,
		"Search the "+what+" on this device, best matches first. Typos and\nunfinished last words are forgiven.")
	limit := c.Int("limit", 10, "show at most `N` results")
	category := c.String("category", "", "only articles in `CATEGORY`")
	var tiers, statuses fileList
	if !articlesOnly {
		c.Var(&tiers, "tier", "only tickets at `TIER` (repeat for several)")
		c.Var(&statuses, "status", "only tickets with `STATUS` (repeat for several)")
	}
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	opts := app.SearchOptions{Kinds: kinds, Limit: *limit, Category: strings.TrimSpace(*category)}
	for _, v := range tiers {
		t, err := helpdesk.ParseTier(v)
		if err != nil {
			return usagef("--tier %q: %v", v, err)
		}
		opts.Tiers = append(opts.Tiers, t)
	}
	for _, v := range statuses {
		st, err := helpdesk.ParseStatus(v)
		if err != nil {
			return usagef("--status %q: %v", v, err)
		}
		opts.Statuses = append(opts.Statuses, st)
	}
	query := strings.TrimSpace(strings.Join(pos, " "))
	if query == "" {
		return usagef("usage: tierdesk %s QUERY", name)
	}
	if *limit <= 0 {
		return usagef("--limit %d: want 1 or more", *limit)
	}
	return r.withDesk(func(d *app.Desk) error {
		if !d.WaitSearch(searchWait) {
			fmt.Fprintln(r.stderr, "tierdesk: the search index is still building; results may be incomplete")
		}
		hits := d.Search(query, opts)
		out := make([]hitJSON, 0, len(hits))
		for i, h := range hits {
			j := hitJSON{Rank: i + 1, Kind: h.Kind.String(), ID: h.ID, Title: h.Title, Snippet: h.Snippet, Score: h.Score}
			switch h.Kind {
			case fts.KindArticle:
				if a, err := d.Article(h.ID); err == nil {
					j.Category = a.Category
					if j.Title == "" {
						j.Title = a.Title
					}
				}
			case fts.KindTicket:
				if t, ok := d.Summary(h.ID); ok {
					j.Ref = t.Ref()
					if j.Title == "" {
						j.Title = t.Subject
					}
				}
			}
			out = append(out, j)
		}
		if r.g.json {
			return r.writeJSON(out)
		}
		if len(out) == 0 {
			fmt.Fprintln(r.stdout, "No matches.")
			return nil
		}
		for _, j := range out {
			where := j.Category
			if j.Kind == "ticket" {
				where = "ticket " + j.Ref
			} else if where == "" {
				where = "article"
			}
			fmt.Fprintf(r.stdout, "%2d. %s  [%s]  (%s)\n", j.Rank, oneLine(j.Title, 70), oneLine(where, 24), idText(j))
			if j.Snippet != "" && j.Snippet != j.Title {
				fmt.Fprintf(r.stdout, "    %s\n", oneLine(j.Snippet, 100))
			}
		}
		return nil
	})
}

func idText(j hitJSON) string {
	if j.Kind == "ticket" {
		return j.Ref
	}
	return "kb " + strconv.FormatUint(j.ID, 10)
}

func (r *runner) kbShow(args []string) error {
	c := r.flags("kb show", "kb show ID [--json]", "Show a knowledge-base article: title, category, last update and body (Markdown).")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: tierdesk kb show ID")
	}
	id, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimSpace(pos[0]), "#"), 10, 64)
	if err != nil || id == 0 {
		return usagef("%q is not an article id (want a number, as kb search prints)", pos[0])
	}
	return r.withDesk(func(d *app.Desk) error {
		a, err := d.Article(id)
		if err != nil {
			return err
		}
		if r.g.json {
			return r.writeJSON(a)
		}
		fmt.Fprintf(r.stdout, "%s\n", oneLine(a.Title, 0))
		fmt.Fprintf(r.stdout, "Category: %s\n", oneLine(a.Category, 0))
		if !a.Updated.IsZero() {
			fmt.Fprintf(r.stdout, "Updated:  %s\n", a.Updated.Local().Format(timeLayout))
		}
		if a.Summary != "" {
			fmt.Fprintf(r.stdout, "\n%s\n", clean(a.Summary, true))
		}
		fmt.Fprintf(r.stdout, "\n%s\n", strings.TrimRight(clean(a.Body, true), "\n "))
		return nil
	})
}
