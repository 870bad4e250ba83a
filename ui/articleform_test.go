package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

var engineer = app.Identity{Name: "sam", Role: helpdesk.RoleTechnician, Tier: helpdesk.L2}

func TestAuthorWritesArticleOffline(t *testing.T) {
	f := newDemoFixture(t, engineer)
	f.ui.nav.selectKind(navKB)
	k := f.ui.kb
	if !k.newB.Visible() {
		t.Fatal("no New article button for an L2 engineer")
	}
	before, _ := f.desk.Outbox()
	test.Tap(k.newB)
	a := f.ui.dialogs.article
	if a == nil {
		t.Fatal("New article opened no form")
	}
	// No title: refused inline, nothing lost.
	a.body.SetText("## Steps\n\n1. Open **Settings**.\n2. Choose *Printers*.")
	a.category.SetText("Hardware")
	test.Tap(a.saveB)
	if f.ui.dialogs.article != a || !a.problem.Visible() || a.body.Text == "" {
		t.Fatalf("an untitled article was saved or the text lost: %q", a.problem.Text)
	}
	// The preview renders the Markdown.
	a.tabs.SelectIndex(1)
	if len(a.preview.Segments) < 2 {
		t.Fatalf("preview has %d segments", len(a.preview.Segments))
	}
	test.Type(a.title, "Printer shows offline after a driver update")
	test.Tap(a.saveB)
	if f.ui.dialogs.article != nil {
		t.Fatalf("form still open: %q", a.problem.Text)
	}
	// The knowledge base shows it at once, marked unsent, and the outbox has it.
	if !k.pane.Visible() || k.title.Text != "Printer shows offline after a driver update" ||
		!strings.Contains(k.meta.Text, "not yet sent") {
		t.Fatalf("shown %q / %q", k.title.Text, k.meta.Text)
	}
	after, _ := f.desk.Outbox()
	if len(after) != len(before)+1 || after[len(after)-1].Kind != helpdesk.MutArticleCreate {
		t.Fatalf("outbox %d → %d", len(before), len(after))
	}

	// Editing it: the form opens on the article; an unchanged save says so.
	test.Tap(k.editB)
	e := f.ui.dialogs.article
	if e == nil || e.title.Text != "Printer shows offline after a driver update" {
		t.Fatal("Edit did not open the article")
	}
	test.Tap(e.saveB)
	if f.ui.dialogs.article != e || !strings.Contains(e.problem.Text, "Nothing changed") {
		t.Fatalf("unchanged save: %q", e.problem.Text)
	}
	e.summary.SetText("Reinstall the print driver from Software Center.")
	test.Tap(e.saveB)
	if f.ui.dialogs.article != nil {
		t.Fatalf("edit not saved: %q", e.problem.Text)
	}
	got, err := f.desk.Article(k.shown)
	if err != nil || got.Summary != "Reinstall the print driver from Software Center." {
		t.Fatalf("edited article %+v (%v)", got, err)
	}
}

func TestWriteArticleFromTicket(t *testing.T) {
	f := newDemoFixture(t, engineer)
	// A ticket with a requester message and an agent reply.
	var pick uint64
	for _, tk := range f.desk.Tickets(helpdesk.Filter{}) {
		conv, _ := f.desk.Conversation(tk.ID)
		replies := 0
		for _, c := range conv {
			if !c.Internal() {
				replies++
			}
		}
		if replies >= 2 {
			pick = tk.ID
			break
		}
	}
	if pick == 0 {
		t.Fatal("no demo ticket with a conversation")
	}
	f.ui.tickets.selectTicket(pick)
	if !contains(texts(f.ui.detail.actions.box), "Write KB article") {
		t.Fatalf("actions %q", texts(f.ui.detail.actions.box))
	}
	test.Tap(f.ui.detail.actions.article)
	a := f.ui.dialogs.article
	tk, _ := f.desk.Ticket(pick)
	if a == nil || a.title.Text != tk.Subject || !strings.Contains(a.body.Text, "## Problem") ||
		!strings.Contains(a.body.Text, "## Resolution") {
		t.Fatalf("draft from %q: %+v", tk.Subject, a)
	}
}

func TestL1CannotAuthor(t *testing.T) {
	f := newDemoFixture(t, app.Identity{})
	f.ui.nav.selectKind(navKB)
	if f.ui.kb.newB.Visible() {
		t.Fatal("an L1 technician gets New article")
	}
	f.ui.tickets.move(1)
	if contains(texts(f.ui.detail.actions.box), "Write KB article") {
		t.Fatal("an L1 technician gets Write KB article")
	}
	f.ui.newArticle()
	if f.ui.dialogs.article != nil {
		t.Fatal("the article form opened for L1")
	}
}

func TestArticleInOutboxAndDiscard(t *testing.T) {
	f := newDemoFixture(t, engineer)
	f.ui.nav.selectKind(navKB)
	saved, err := f.desk.SaveArticle(helpdesk.Article{Title: "Reset the badge printer", Category: "Hardware", Body: "Hold the power button for 10 s."})
	if err != nil {
		t.Fatal(err)
	}
	f.settle()
	if _, ok := f.ui.kb.article(articlePrefix + strconv.FormatUint(saved.ID, 10)); !ok {
		t.Fatal("the saved article is not in the knowledge base view")
	}
	f.ui.nav.selectKind(navOutbox)
	var row *outboxRow
	for i := range f.ui.outbox.rows {
		if f.ui.outbox.rows[i].kind == helpdesk.MutArticleCreate {
			row = &f.ui.outbox.rows[i]
		}
	}
	if row == nil || !strings.Contains(row.ticket, "Knowledge base  Reset the badge printer") {
		t.Fatalf("outbox rows %+v", f.ui.outbox.rows)
	}
	if err := f.desk.Discard(row.seq); err != nil {
		t.Fatal(err)
	}
	f.settle()
	f.ui.nav.selectKind(navKB)
	if _, ok := f.ui.kb.article(articlePrefix + strconv.FormatUint(saved.ID, 10)); ok {
		t.Fatal("the discarded new article is still listed")
	}
}
