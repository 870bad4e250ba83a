package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/app/screenshot"
	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// reportWidth is wider than the other forms: the suggestions sit beside
// what the user types, so they see them without scrolling.
const reportWidth = 980

// suggestLimit is how many knowledge-base articles the form suggests.
const suggestLimit = 4

// severities are the "how bad" answers, in words a requester uses, and the
// priority each files the ticket with.
var severities = []struct {
	label string
	p     helpdesk.Priority
}{
	{"Minor: I can still work", helpdesk.PriorityLow},
	{"It slows me down", helpdesk.PriorityNormal},
	{"I cannot work", helpdesk.PriorityHigh},
	{"Several people cannot work", helpdesk.PriorityUrgent},
}

// reportForm is "Report a problem": what happened, how bad, a category,
// knowledge-base articles suggested live as the user types (an answer found
// here is a ticket nobody has to work), the system information that goes
// with the report, and attachments. It keeps everything typed until the desk
// has recorded the report.
type reportForm struct {
	u *UI

	subject  *keyEntry
	body     *keyEntry
	severity *widget.Select
	category *widget.Select

	sysinfo    *keyEntry // editable: the user sees and may trim it
	sysinfoOn  *widget.Check
	sysinfoBox *fyne.Container

	files   *attachments
	shotB   *widget.Button
	problem *widget.Label
	sendB   *widget.Button

	// suggestions are the articles shown beside the form, newest search.
	suggestions []fts.Hit
	suggestBox  *fyne.Container
	suggestHead *widget.Label
	query       string // the text the suggestions were found for

	capture func() ([]byte, error)
	dlg     *dialog.CustomDialog
	content *fyne.Container
}

// reportProblem opens the form.
func (u *UI) reportProblem() {
	if u.busy() {
		return
	}
	f := &reportForm{u: u, capture: screenshot.Capture}
	escape := func() { f.dlg.Hide() }

	f.subject = newKeyEntry()
	f.subject.SetPlaceHolder("In a few words: what is wrong?")
	f.subject.onEscape = escape
	f.subject.OnChanged = func(string) { f.suggest() }
	f.body = newMultiLineKeyEntry(5)
	f.body.SetPlaceHolder("What happened? What were you doing, any error message, since when?")
	f.body.onEscape = escape
	f.body.onSend = f.submit
	f.body.OnChanged = func(string) { f.suggest() }

	var sev []string
	for _, s := range severities {
		sev = append(sev, s.label)
	}
	f.severity = widget.NewSelect(sev, nil)
	f.severity.SetSelected(severities[1].label)
	f.category = widget.NewSelect(reportCategories(), nil)
	f.category.PlaceHolder = "Choose what it is about"

	f.sysinfo = newMultiLineKeyEntry(9)
	f.sysinfo.SetText("Collecting system information…")
	f.sysinfo.TextStyle = fyne.TextStyle{Monospace: true}
	f.sysinfo.onEscape = escape
	f.sysinfoOn = widget.NewCheck("Send this system information with the report", func(on bool) {
		if on {
			f.sysinfo.Enable()
		} else {
			f.sysinfo.Disable()
		}
	})
	f.sysinfoOn.SetChecked(true)
	f.sysinfoBox = container.NewVBox(f.sysinfoOn, f.sysinfo)

	f.files = newAttachments(u, func() { u.recentre() })
	f.shotB = widget.NewButtonWithIcon("Add screenshot", theme.MediaPhotoIcon(), f.addScreenshot)
	f.problem = errorLabel()

	form := widget.NewForm(
		widget.NewFormItem("Problem", f.subject),
		widget.NewFormItem("Details", f.body),
		widget.NewFormItem("How bad", f.severity),
		widget.NewFormItem("About", f.category),
		widget.NewFormItem("Attachments", container.NewVBox(f.files.box, container.NewHBox(f.files.add, f.shotB))),
	)
	// Open: the user sees what is sent about their machine before sending.
	info := widget.NewAccordion(widget.NewAccordionItem("System information", f.sysinfoBox))
	info.Open(0)

	f.suggestHead = widget.NewLabel("Start typing: matching help articles appear here.")
	f.suggestHead.Wrapping = fyne.TextWrapWord
	f.suggestHead.TextStyle = fyne.TextStyle{Bold: true}
	f.suggestBox = container.NewVBox()
	right := container.NewBorder(f.suggestHead, nil, nil, nil, container.NewVScroll(f.suggestBox))

	left := container.NewVBox(form, info, f.problem)
	split := container.NewHSplit(left, right)
	split.Offset = 0.58
	f.content = container.NewStack(split)

	f.sendB = widget.NewButtonWithIcon("Send report", theme.MailSendIcon(), f.submit)
	f.sendB.Importance = widget.HighImportance
	f.dlg = dialog.NewCustomWithoutButtons("Report a problem", f.content, u.win)
	f.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", escape), f.sendB})
	f.dlg.Resize(fyne.NewSize(reportWidth, 620))
	u.dialogs.report = f
	u.show(f.dlg, func() { u.dialogs.report = nil })
	u.win.Canvas().Focus(f.subject)
	f.collectSystemInfo()
}

// reportCategories are the desk's report categories: each decides which
// tier a report starts at (a security incident goes to the specialists).
func reportCategories() []string {
	var names []string
	for _, c := range app.ReportCategories() {
		names = append(names, c.Name)
	}
	return names
}

// collectSystemInfo fills the system information in the background: the
// reachability check may take a few seconds on a bad network, and the user
// is typing meanwhile.
func (f *reportForm) collectSystemInfo() {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		text := f.u.desk.SystemInfo(ctx).Text()
		f.u.deliver(func() {
			// The user may have started editing the placeholder; keep theirs.
			if strings.HasPrefix(f.sysinfo.Text, "Collecting system information") {
				f.sysinfo.SetText(text)
			}
		})
	}()
}

// suggest searches the knowledge base for what the user typed so far and
// lists the best articles. The index is in memory, so this runs as they type.
func (f *reportForm) suggest() {
	q := suggestQuery(f.subject.Text, f.body.Text)
	if q == f.query {
		return
	}
	f.query = q
	if q == "" {
		f.suggestions = nil
	} else {
		f.suggestions = relevant(f.u.desk.Search(q, app.SearchOptions{Kinds: []fts.Kind{fts.KindArticle}, Limit: suggestLimit}))
	}
	f.suggestBox.RemoveAll()
	switch {
	case q == "":
		f.suggestHead.SetText("Start typing: matching help articles appear here.")
	case len(f.suggestions) == 0:
		f.suggestHead.SetText("No help article matches yet. Send the report and the service desk will help.")
	default:
		f.suggestHead.SetText("These articles may solve it. If one does, no ticket is needed:")
	}
	for _, h := range f.suggestions {
		f.suggestBox.Add(f.suggestionCard(h))
	}
	f.suggestBox.Refresh()
}

// relevant keeps the hits close to the best one. A report's text is
// long and full of common words ("keep", "every"), and an article sharing
// only those is noise that teaches users to ignore the suggestions.
func relevant(hits []fts.Hit) []fts.Hit {
	if len(hits) == 0 {
		return hits
	}
	top := hits[0]
	out := hits[:1]
	for _, h := range hits[1:] {
		if 3*h.Matched >= 2*top.Matched && h.Score >= 0.4*top.Score {
			out = append(out, h)
		}
	}
	return out
}

// suggestQuery is the search for a report: the subject and the start of
// the details (a long description would match everything).
func suggestQuery(subject, body string) string {
	words := strings.Fields(subject)
	words = append(words, strings.Fields(body)...)
	if len(words) > 24 {
		words = words[:24]
	}
	return strings.Join(words, " ")
}

// suggestionCard is one suggested article: its title and matching snippet,
// "Read" to open it in full, and "This solved it".
func (f *reportForm) suggestionCard(h fts.Hit) fyne.CanvasObject {
	title := widget.NewRichText(highlighted(h.Title, h.TitleHighlights, hitTitleStyle)...)
	title.Wrapping = fyne.TextWrapWord
	snippet, spans := afterTitle(h.Snippet, h.Highlights, h.Title)
	text := widget.NewRichText(highlighted(snippet, spans, hitSnippetStyle)...)
	text.Wrapping = fyne.TextWrapWord
	read := widget.NewButtonWithIcon("Read", theme.DocumentIcon(), func() { f.read(h.ID) })
	read.Importance = widget.LowImportance
	solved := widget.NewButtonWithIcon("This solved it", theme.ConfirmIcon(), func() { f.solved(h.ID) })
	return container.NewVBox(title, text, container.NewHBox(layout.NewSpacer(), read, solved), widget.NewSeparator())
}

// read shows an article over the form, which keeps everything typed.
func (f *reportForm) read(id uint64) {
	a, err := f.u.desk.Article(id)
	if err != nil {
		f.u.report("Could not open the article", err)
		return
	}
	body := widget.NewRichTextFromMarkdown(drawable(withoutTitle(a.Body, a.Title)))
	body.Wrapping = fyne.TextWrapWord
	solved := widget.NewButtonWithIcon("This solved it", theme.ConfirmIcon(), nil)
	solved.Importance = widget.SuccessImportance
	d := dialog.NewCustomWithoutButtons(a.Title, container.NewVScroll(body), f.u.win)
	back := widget.NewButton("Back to my report", d.Hide)
	solved.OnTapped = func() {
		d.Hide()
		f.solved(id)
	}
	d.SetButtons([]fyne.CanvasObject{back, solved})
	d.Resize(fyne.NewSize(760, 560))
	f.u.show(d, nil)
}

// solved is "This solved it": the deflection is counted and the form closes
// without filing anything.
func (f *reportForm) solved(id uint64) {
	if err := f.u.desk.Deflected(id, f.query); err != nil {
		// Counting failed; the user's problem is still solved.
		f.u.log.Warn("counting a solved-by-article report", "article", id, "err", err)
	}
	f.dlg.Hide()
	f.u.inform("Glad that helped", "Nothing was filed. The knowledge base counts the article as having solved a problem.")
}

// addScreenshot attaches a picture of the screen, where the platform
// allows taking one.
func (f *reportForm) addScreenshot() {
	png, err := f.capture()
	if err != nil {
		f.u.report("Could not take a screenshot", err)
		return
	}
	name := "screenshot-" + f.u.desk.Now().Format("2006-01-02-150405") + ".png"
	f.files.addFile(app.File{Name: name, Data: png})
}

// report builds the desk's report from the form.
func (f *reportForm) values() app.Report {
	r := app.Report{
		Subject:  f.subject.Text,
		Body:     f.body.Text,
		Severity: helpdesk.PriorityNormal,
		Files:    f.files.files,
	}
	for _, s := range severities {
		if s.label == f.severity.Selected {
			r.Severity = s.p
		}
	}
	r.Category = f.category.Selected
	if f.sysinfoOn.Checked && !strings.HasPrefix(f.sysinfo.Text, "Collecting system information") {
		r.SystemInfo = f.sysinfo.Text
	}
	return r
}

// submit records the report; on any error the form stays as it is.
func (f *reportForm) submit() {
	t, err := f.u.desk.Report(f.values())
	if err == nil {
		f.dlg.Hide()
		f.u.inform("Report recorded", "Your report is "+t.Ref()+". It goes to the service desk with the next sync; you find it under My requests.")
		f.u.tickets.selectTicket(t.ID)
		return
	}
	if errors.Is(err, helpdesk.ErrInvalid) {
		setError(f.problem, userMessage(err))
		f.u.recentre()
		return
	}
	f.u.report("Could not record the report; the form keeps what you typed.", err)
}
