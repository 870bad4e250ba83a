package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

var casey = Identity{Name: "casey", Role: helpdesk.RoleEngineer, Tier: helpdesk.L2}

func TestOnlyL2AndL3AgentsAuthor(t *testing.T) {
	for _, c := range []struct {
		id   Identity
		want bool
	}{
		{alex, false},
		{Identity{Name: "dana", Role: helpdesk.RoleRequester, Tier: helpdesk.L3}, false},
		{casey, true},
		{Identity{Name: "devon", Role: helpdesk.RoleEngineer, Tier: helpdesk.L3}, true},
		{Identity{Name: "blair", Role: helpdesk.RoleTechnician, Tier: helpdesk.L2}, true},
	} {
		d := openTestDesk(t, c.id)
		if d.CanAuthor() != c.want {
			t.Fatalf("%+v: CanAuthor = %v", c.id, !c.want)
		}
		_, err := d.SaveArticle(helpdesk.Article{Title: "T", Body: "B", Category: "General"})
		if c.want != (err == nil) || (!c.want && !errors.Is(err, ErrNotAllowed)) {
			t.Fatalf("%+v: SaveArticle: %v", c.id, err)
		}
		if _, err := d.ArticleFromTicket(1); !c.want && !errors.Is(err, ErrNotAllowed) {
			t.Fatalf("%+v: ArticleFromTicket: %v", c.id, err)
		}
	}
}

func TestSaveArticleOfflineAndSearch(t *testing.T) {
	d := openTestDesk(t, casey)
	changes, stop := d.Subscribe()
	defer stop()
	a, err := d.SaveArticle(helpdesk.Article{Title: "Docking station loses monitors", Body: "Update the DisplayLink driver.", Category: "Hardware"})
	if err != nil {
		t.Fatal(err)
	}
	if c := <-changes; !c.Articles || !c.Outbox {
		t.Fatalf("change %+v", c)
	}
	if a.ID == 0 || !a.Pending || a.Author != "casey" || !a.Updated.Equal(fixed) {
		t.Fatalf("saved %+v", a)
	}
	out, _ := d.Outbox()
	if len(out) != 1 || out[0].Describe() != `New KB article "Docking station loses monitors"` {
		t.Fatalf("outbox %+v", out)
	}
	// Bad input keeps nothing and says why.
	bad := a
	bad.Body = " "
	if _, err := d.SaveArticle(bad); !errors.Is(err, helpdesk.ErrInvalid) {
		t.Fatalf("empty body: %v", err)
	}
	if _, err := d.SaveArticle(a); !errors.Is(err, ErrNoChange) {
		t.Fatalf("unchanged: %v", err)
	}
	a.Summary = "DisplayLink"
	if _, err := d.SaveArticle(a); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.Article(a.ID); got.Summary != "DisplayLink" || got.Body != "Update the DisplayLink driver." {
		t.Fatalf("edited %+v", got)
	}
	if out, _ := d.Outbox(); len(out) != 2 || d.State().Unsent != 2 {
		t.Fatalf("outbox %d unsent %d", len(out), d.State().Unsent)
	}
	if !d.WaitSearch(10 * time.Second) {
		t.Fatal("search index not built")
	}
	hits := d.Search("displaylink", SearchOptions{Kinds: []fts.Kind{fts.KindArticle}})
	if len(hits) != 1 || hits[0].ID != a.ID {
		t.Fatalf("search %+v", hits)
	}
	if cats, _ := d.Categories(); len(cats) != 1 || cats[0] != "Hardware" {
		t.Fatalf("categories %v", cats)
	}
}

func TestArticleFromTicket(t *testing.T) {
	d := openTestDesk(t, casey)
	tk, err := d.CreateTicket(NewTicket{Subject: "Outlook keeps asking for the password", Description: "Since this morning Outlook prompts every 5 minutes.",
		Requester: "dana", Tier: helpdesk.L2, Queue: "Email"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Note(tk.ID, "Internal: token cache corrupt"); err != nil {
		t.Fatal(err)
	}
	draft, err := d.ArticleFromTicket(tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	// No replies after the description: the notes are the resolution.
	if draft.ID != 0 || draft.Title != tk.Subject || draft.Category != "" ||
		!strings.Contains(draft.Body, "## Problem\n\nSince this morning Outlook prompts every 5 minutes.") ||
		!strings.Contains(draft.Body, "## Resolution\n\nInternal: token cache corrupt") {
		t.Fatalf("draft without replies:\n%+v", draft)
	}
	for _, r := range []string{"Please restart Outlook.", "Cleared the credential manager entry.", "Recreated the profile; fixed."} {
		if _, err := d.Reply(tk.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.SaveArticle(helpdesk.Article{Title: "Mail rules", Body: "b", Category: "email"}); err != nil {
		t.Fatal(err)
	}
	draft, err = d.ArticleFromTicket(tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(draft.Body, "Internal") || !strings.Contains(draft.Body, "Recreated the profile; fixed.") ||
		!strings.Contains(draft.Body, "Please restart Outlook.") || draft.Category != "email" {
		t.Fatalf("draft with replies:\n%+v", draft)
	}
	if _, err := d.ArticleFromTicket(999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown ticket: %v", err)
	}
	// The draft is unsaved: saving it is one more outbox entry.
	before := d.State().Unsent
	if _, err := d.SaveArticle(draft); err != nil {
		t.Fatal(err)
	}
	if d.State().Unsent != before+1 {
		t.Fatal("saving the draft did not queue it")
	}
}
