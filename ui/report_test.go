package ui

import (
	"bytes"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// newReportFixture opens the demo as one of its requesters with the
// report form open and the search index built.
func newReportFixture(t *testing.T) (*fixture, *reportForm) {
	t.Helper()
	f := newDemoFixture(t, app.Identity{Name: demoRequester(t), Role: helpdesk.RoleRequester, Tier: helpdesk.L0})
	if !f.desk.WaitSearch(30 * time.Second) {
		t.Fatal("the search index was not built")
	}
	f.ui.newTicket()
	r := f.ui.dialogs.report
	if r == nil {
		t.Fatal("Ctrl+N did not open the report form for a requester")
	}
	return f, r
}

// cardTitle is the title text of a suggestion card.
func cardTitle(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, s := range o.(*fyne.Container).Objects[0].(*widget.RichText).Segments {
		b.WriteString(s.(*widget.TextSegment).Text)
	}
	return b.String()
}

// cardButton finds a button of a suggestion card by its label.
func cardButton(o fyne.CanvasObject, label string) *widget.Button {
	row := o.(*fyne.Container).Objects[2].(*fyne.Container)
	for _, c := range row.Objects {
		if b, ok := c.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	return nil
}

func TestReportFormSuggestsArticlesAsTheUserTypes(t *testing.T) {
	f, r := newReportFixture(t)
	if len(r.suggestBox.Objects) != 0 {
		t.Fatalf("%d suggestions before typing", len(r.suggestBox.Objects))
	}
	// Typed key by key, misspelt, as people do.
	test.Type(r.subject, "VPN disconecting")
	if len(r.suggestions) == 0 || len(r.suggestBox.Objects) != len(r.suggestions) {
		t.Fatalf("no suggestions for a VPN problem: %d hits, %d cards", len(r.suggestions), len(r.suggestBox.Objects))
	}
	if first := cardTitle(r.suggestBox.Objects[0]); !strings.Contains(first, "VPN") {
		t.Fatalf("first suggestion %q", first)
	}
	// More detail changes them: now it is about a printer.
	r.subject.SetText("")
	test.Type(r.body, "the printer on the 2nd floor east says paper jam")
	if first := cardTitle(r.suggestBox.Objects[0]); !strings.Contains(strings.ToLower(first), "printer") {
		t.Fatalf("first suggestion for a printer problem %q", first)
	}
	if len(r.suggestions) > suggestLimit {
		t.Fatalf("%d suggestions, limit %d", len(r.suggestions), suggestLimit)
	}
	// Reading one opens it over the form, which keeps the text.
	test.Tap(cardButton(r.suggestBox.Objects[0], "Read"))
	if len(f.ui.dialogs.stack) != 2 {
		t.Fatalf("%d dialogs after Read", len(f.ui.dialogs.stack))
	}
	f.ui.closeTop()
	if f.ui.dialogs.report != r || !strings.Contains(r.body.Text, "paper jam") {
		t.Fatal("reading an article lost the report")
	}
	// Nothing matches gibberish: the panel says so.
	r.body.SetText("")
	test.Type(r.subject, "qqzx wvvy")
	if len(r.suggestBox.Objects) != 0 || !strings.Contains(r.suggestHead.Text, "No help article") {
		t.Fatalf("gibberish: %d cards, %q", len(r.suggestBox.Objects), r.suggestHead.Text)
	}
}

func TestReportThisSolvedItFilesNothing(t *testing.T) {
	f, r := newReportFixture(t)
	before := f.desk.Count()
	outbox, err := f.desk.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	deflected, err := f.desk.Deflections()
	if err != nil {
		t.Fatal(err)
	}
	test.Type(r.subject, "password expired cannot log in")
	if len(r.suggestBox.Objects) == 0 {
		t.Fatal("no suggestion for an expired password")
	}
	test.Tap(cardButton(r.suggestBox.Objects[0], "This solved it"))

	if f.ui.dialogs.report != nil {
		t.Fatal("the form stayed open")
	}
	if f.desk.Count() != before {
		t.Fatalf("%d tickets after This solved it, %d before", f.desk.Count(), before)
	}
	after, err := f.desk.Outbox()
	if err != nil || len(after) != len(outbox) {
		t.Fatalf("outbox %d → %d (%v)", len(outbox), len(after), err)
	}
	if n, err := f.desk.Deflections(); err != nil || n != deflected+1 {
		t.Fatalf("deflections %d → %d (%v)", deflected, n, err)
	}
}

func TestReportFormFilesTheReport(t *testing.T) {
	f, r := newReportFixture(t)
	before := f.desk.Count()
	// Nothing typed: the form says what is missing and stays.
	test.Tap(r.sendB)
	if f.ui.dialogs.report != r || !r.problem.Visible() {
		t.Fatal("an empty report was accepted or not explained")
	}
	test.Type(r.subject, "Monitor flickers")
	test.Type(r.body, "Since this morning the left monitor flickers every few seconds.")
	r.severity.SetSelected(severities[2].label)
	r.category.SetSelected("Security incident") // starts at L2
	r.files.addFile(app.File{Name: "photo.jpg", Data: []byte("\xff\xd8\xff\xe0 not really a jpeg")})
	r.sysinfo.SetText("Host: test-host")
	test.Tap(r.sendB)
	if f.ui.dialogs.report != nil {
		t.Fatalf("form still open: %q", r.problem.Text)
	}
	if f.desk.Count() != before+1 {
		t.Fatalf("%d tickets, want %d", f.desk.Count(), before+1)
	}
	// The new report is selected, so the user sees it filed.
	tk, err := f.desk.Ticket(f.ui.detail.id)
	if err != nil || tk.Subject != "Monitor flickers" || tk.Priority != helpdesk.PriorityHigh || tk.Tier != helpdesk.L2 || tk.Requester != f.desk.Me().Name {
		t.Fatalf("filed %+v (%v)", tk, err)
	}
	conv, err := f.desk.Conversation(tk.ID)
	if err != nil || len(conv) == 0 || !strings.Contains(conv[0].Body, "flickers every few seconds") ||
		!strings.Contains(conv[0].Body, "Host: test-host") {
		t.Fatalf("description %+v (%v)", conv, err)
	}
}

// TestMyRequestsReplyWithAttachment is a requester answering on their own
// request with a file: the file survives switching tickets like the text,
// and the sent reply lists it.
func TestMyRequestsReplyWithAttachment(t *testing.T) {
	f := newDemoFixture(t, app.Identity{Name: demoRequester(t), Role: helpdesk.RoleRequester, Tier: helpdesk.L0})
	mine := f.desk.Tickets(app.ViewMyRequests.Filter(f.desk.Me()))
	if len(mine) < 2 {
		t.Fatalf("the demo requester has %d requests", len(mine))
	}
	f.ui.tickets.selectTicket(mine[0].ID)
	f.ui.compose(helpdesk.Reply)
	c := f.ui.detail.composer
	if !c.files.add.Visible() {
		t.Fatal("no Attach button on a reply")
	}
	c.entry.SetText("Here is the log you asked for.")
	c.files.addFile(app.File{Name: "vpn.log", Data: []byte("12:00 tunnel down\n12:01 tunnel up\n")})

	// Away and back: text and file are both kept.
	f.ui.tickets.selectTicket(mine[1].ID)
	f.ui.tickets.selectTicket(mine[0].ID)
	if c.entry.Text != "Here is the log you asked for." || len(c.files.files) != 1 {
		t.Fatalf("draft after switching: %q, %d files", c.entry.Text, len(c.files.files))
	}
	test.Tap(c.send)
	if c.isOpen() {
		t.Fatalf("composer still open: %q", c.problem.Text)
	}
	conv, err := f.desk.Conversation(mine[0].ID)
	if err != nil || len(conv) == 0 {
		t.Fatal(err)
	}
	last := conv[len(conv)-1]
	if last.Body != "Here is the log you asked for." || len(last.Attachments) != 1 || last.Attachments[0].Name != "vpn.log" ||
		last.Attachments[0].Size != 34 {
		t.Fatalf("sent reply %+v", last)
	}
	if len(c.files.files) != 0 {
		t.Fatal("the sent files stayed in the composer")
	}
	// The timeline lists the file with a Save button, which reads the
	// local copy (not yet sent) and asks where to save it.
	f.settle()
	var save *widget.Button
	for _, b := range buttons(f.ui.detail.timeline) {
		if b.Text == "Save…" {
			save = b
		}
	}
	if save == nil {
		t.Fatalf("no Save button in the timeline: %q", texts(f.ui.detail.timeline))
	}
	test.Tap(save)
	f.until("the save dialog", func() bool { return f.ui.busy() })
	f.ui.closeTop()
	// Attach file… opens the file chooser over the composer.
	f.ui.compose(helpdesk.Reply)
	test.Tap(c.files.add)
	if !f.ui.busy() {
		t.Fatal("Attach file… opened no dialog")
	}
}

// buttons lists the buttons under o.
func buttons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	switch v := o.(type) {
	case *widget.Button:
		out = append(out, v)
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, buttons(c)...)
		}
	case *card:
		out = append(out, buttons(v.content)...)
	}
	return out
}

// TestReportScreenshot takes a real screenshot of the test session's X
// display (packaging/test-session.sh) and lists it as an attachment.
func TestReportScreenshot(t *testing.T) {
	_, r := newReportFixture(t)
	test.Tap(r.shotB)
	if len(r.files.files) != 1 {
		t.Fatalf("%d files after Add screenshot (DISPLAY=%q)", len(r.files.files), os.Getenv("DISPLAY"))
	}
	shot := r.files.files[0]
	img, err := png.Decode(bytes.NewReader(shot.Data))
	if err != nil || !strings.HasSuffix(shot.Name, ".png") {
		t.Fatalf("screenshot %q: %v", shot.Name, err)
	}
	if b := img.Bounds(); b.Dx() < 640 || b.Dy() < 480 {
		t.Fatalf("screenshot is %v", b)
	}
}
