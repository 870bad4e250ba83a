package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// dueLeads are the due-time leads offered, shortest first.
var dueLeads = []time.Duration{10 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour}

// Quiet hours shown when none are set, so that switching them on starts
// from the usual night rather than from two empty fields.
const (
	defaultQuietFrom = 22 * 60
	defaultQuietTo   = 7 * 60
)

// rulesForm is the Alerts tab of Settings: which alerts reach the desktop
// on the open account, the pause, and whether closing the window keeps
// Tierdesk in the tray. Rules only decide what interrupts the user; the
// inbox keeps every alert, which the tab says so nobody fears missing one.
type rulesForm struct {
	u *UI

	base app.AlertRules // the rules as read; fields the form hides keep these values

	intro    *widget.Label
	tier     *widget.Check
	assigned *widget.Check
	reply    *widget.Check
	due      *widget.Check
	lead     *widget.Select
	leads    []time.Duration // the duration of each of lead's options
	minPrio  *widget.Select
	quiet    *widget.Check
	from     *widget.Entry
	to       *widget.Entry
	errL     *widget.Label
	saved    *widget.Label
	saveB    *widget.Button

	pauseL *widget.Label
	pauseB *widget.Button

	keep     *widget.Check
	keepNote *widget.Label

	// loading is set while load fills the widgets, so their change
	// callbacks do not take it for the user's edits.
	loading bool
	// dirty is set once the user edits a rule; opening Settings again then
	// keeps their edits instead of reading the saved rules over them.
	dirty bool

	saveRow  *fyne.Container
	pauseRow *fyne.Container
	box      *fyne.Container // the tab's content
	width    *fyne.Container // box, kept to a readable width
	scroll   *container.Scroll
	pane     fyne.CanvasObject
}

func newRulesForm(u *UI) *rulesForm {
	f := &rulesForm{u: u}
	edited := func() {
		if f.loading {
			return
		}
		f.dirty = true
		f.saved.Hide()
	}
	check := func(label string) *widget.Check {
		return widget.NewCheck(label, func(bool) { edited() })
	}
	f.intro = widget.NewLabel("")
	f.intro.Wrapping = fyne.TextWrapWord
	f.tier = check("A ticket reaches my tier (" + u.me.Tier.String() + ")")
	f.assigned = check("A ticket is assigned to me")
	f.reply = check("Someone replies on a request I filed")
	f.due = check("A ticket of mine nears its due time")
	f.lead = widget.NewSelect(nil, func(string) { edited() })
	f.minPrio = widget.NewSelect(priorityChoices(), func(string) { edited() })
	f.quiet = widget.NewCheck("From", func(on bool) {
		f.enableQuiet(on)
		edited()
	})
	f.from = clockEntry(edited)
	f.to = clockEntry(edited)
	f.errL = errorLabel()
	f.saved = widget.NewLabel("Saved.")
	f.saved.Importance = widget.SuccessImportance
	f.saved.Hide()
	f.saveB = widget.NewButtonWithIcon("Save alert rules", theme.DocumentSaveIcon(), f.save)
	f.saveB.Importance = widget.HighImportance

	f.pauseL = widget.NewLabel("")
	f.pauseB = widget.NewButton("", f.togglePause)

	f.keep = widget.NewCheck("Keep running in the tray when the window is closed", func(on bool) {
		if !f.loading {
			u.setKeepInTray(on)
		}
	})
	f.keepNote = widget.NewLabel("")
	f.keepNote.Wrapping = fyne.TextWrapWord
	f.keepNote.SizeName = theme.SizeNameCaptionText

	heading := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	kinds := container.NewVBox(f.reply, f.due)
	if u.agent() {
		// Tier and assignment alerts are for agents; a requester's desk
		// never raises them, so the boxes would switch nothing.
		kinds = container.NewVBox(f.tier, f.assigned, f.reply, f.due)
	}
	// Fixed widths: a select is as wide as its current choice otherwise,
	// and truncates the longer ones ("Normal and above").
	sized := func(o fyne.CanvasObject, w float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	quiet := container.NewHBox(f.quiet, sized(f.from, 90), widget.NewLabel("to"), sized(f.to, 90))
	form := widget.NewForm(
		widget.NewFormItem("Alert me when", kinds),
		widget.NewFormItem("Due-time alert", container.NewHBox(sized(f.lead, 180), widget.NewLabel("before the due time"))),
		widget.NewFormItem("Priority", container.NewHBox(sized(f.minPrio, 180))),
		widget.NewFormItem("Quiet hours", quiet),
	)
	f.saveRow = container.NewHBox(f.saveB, f.saved)
	f.pauseRow = container.NewHBox(f.pauseB, f.pauseL)
	f.box = container.NewVBox(
		heading("Desktop alerts"), f.intro, form, f.errL, f.saveRow,
		widget.NewSeparator(),
		heading("Pause"), f.pauseRow,
		widget.NewSeparator(),
		heading("System tray"), f.keep, f.keepNote,
	)
	// The tab keeps its natural width on a wide window: form rows a
	// metre long are hard to read.
	f.width = container.New(&maxWidth{width: formWidth + 160}, f.box)
	f.scroll = container.NewVScroll(f.width)
	f.pane = f.scroll
	return f
}

// relayout lays the tab out again after texts changed (a message shown,
// the pause label): see relayout. The wrapped labels know their height
// only once laid out at the tab's width, hence the second pass.
func (f *rulesForm) relayout() {
	for range 2 {
		f.scroll.Refresh()
		relayout(f.width, f.box, f.saveRow, f.pauseRow)
	}
}

// priorityChoices names the minimum priorities, lowest first, as
// helpdesk.Priorities orders them.
func priorityChoices() []string {
	var out []string
	for _, p := range helpdesk.Priorities() {
		out = append(out, priorityChoice(p))
	}
	return out
}

// priorityChoice says what a minimum priority lets through.
func priorityChoice(p helpdesk.Priority) string {
	switch p {
	case helpdesk.PriorityLow:
		return "Any priority"
	case helpdesk.PriorityUrgent:
		return "Urgent only"
	}
	return p.Title() + " and above"
}

// clockEntry is an HH:MM field whose validator marks a bad time as it is
// typed; save says what is wrong in words.
func clockEntry(edited func()) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("HH:MM")
	e.Validator = func(s string) error {
		_, err := parseClock(s)
		return err
	}
	e.OnChanged = func(string) { edited() }
	return e
}

// load fills the form from the saved rules, unless the user has edits in
// it not yet saved.
func (f *rulesForm) load() {
	f.trayChanged()
	f.drawPause()
	if f.dirty {
		return
	}
	r, err := f.u.desk.AlertRules()
	if err != nil {
		// The desk returns the defaults with the error: show those, so the
		// form can still be saved over whatever could not be read.
		f.u.log.Error("read the alert rules", "err", err)
		setError(f.errL, "The saved rules could not be read ("+shortError(err)+"); the defaults are shown.")
	} else {
		setError(f.errL, "")
	}
	f.base = r
	f.loading = true
	defer func() { f.loading = false }()

	intro := "Rules decide which alerts pop up on the desktop. Every alert is still kept in the Alerts inbox."
	if !f.u.desk.HasServer() {
		intro += " This workspace has no server, so it raises no alerts; the rules apply all the same."
	}
	f.intro.SetText(intro)
	f.tier.SetChecked(r.Tier)
	f.assigned.SetChecked(r.Assigned)
	f.reply.SetChecked(r.Reply)
	f.due.SetChecked(r.Due)

	// A lead set elsewhere (the command line) that is not among the
	// choices is offered too, so saving the form does not change it.
	f.leads = dueLeads
	if !containsDuration(dueLeads, r.DueLead) {
		f.leads = append(append([]time.Duration(nil), dueLeads...), r.DueLead)
	}
	opts := make([]string, len(f.leads))
	for i, d := range f.leads {
		opts[i] = leadText(d)
	}
	f.lead.SetOptions(opts)
	f.lead.SetSelected(leadText(r.DueLead))
	f.minPrio.SetSelected(priorityChoice(r.MinPriority))

	on := r.QuietFrom != r.QuietTo
	from, to := r.QuietFrom, r.QuietTo
	if !on {
		from, to = defaultQuietFrom, defaultQuietTo
	}
	f.quiet.SetChecked(on)
	f.from.SetText(formatClock(from))
	f.to.SetText(formatClock(to))
	f.enableQuiet(on)
	f.saved.Hide()
	f.relayout()
}

func containsDuration(ds []time.Duration, d time.Duration) bool {
	for _, x := range ds {
		if x == d {
			return true
		}
	}
	return false
}

// enableQuiet greys out the quiet-hours times while they are off.
func (f *rulesForm) enableQuiet(on bool) {
	for _, e := range []*widget.Entry{f.from, f.to} {
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
}

// collect reads the form into rules, starting from the ones read so the
// fields it does not show (a requester's tier alerts) keep their values.
func (f *rulesForm) collect() (app.AlertRules, error) {
	r := f.base
	r.Tier, r.Assigned, r.Reply, r.Due = f.tier.Checked, f.assigned.Checked, f.reply.Checked, f.due.Checked
	if i := f.lead.SelectedIndex(); i >= 0 && i < len(f.leads) {
		r.DueLead = f.leads[i]
	}
	for _, p := range helpdesk.Priorities() {
		if priorityChoice(p) == f.minPrio.Selected {
			r.MinPriority = p
		}
	}
	r.QuietFrom, r.QuietTo = 0, 0
	if f.quiet.Checked {
		from, err := parseClock(f.from.Text)
		if err != nil {
			return r, fmt.Errorf("%w: quiet hours start: %v", helpdesk.ErrInvalid, err)
		}
		to, err := parseClock(f.to.Text)
		if err != nil {
			return r, fmt.Errorf("%w: quiet hours end: %v", helpdesk.ErrInvalid, err)
		}
		if from == to {
			return r, fmt.Errorf("%w: quiet hours start and end at the same time; switch them off instead",
				helpdesk.ErrInvalid)
		}
		r.QuietFrom, r.QuietTo = from, to
	}
	return r, nil
}

// save stores the rules. Mistakes the user can fix are shown under the
// form; anything else (the store) is logged and reported in a dialog.
func (f *rulesForm) save() {
	r, err := f.collect()
	if err != nil {
		setError(f.errL, userMessage(err))
		f.saved.Hide()
		f.relayout()
		return
	}
	// The pause is not a field of the form: it has its own button (and the
	// tray's), which may have changed it since the form was filled.
	if cur, err := f.u.desk.AlertRules(); err == nil {
		r.PausedUntil = cur.PausedUntil
	}
	if err := f.u.desk.SetAlertRules(r); err != nil {
		if errors.Is(err, helpdesk.ErrInvalid) {
			setError(f.errL, userMessage(err))
		} else {
			setError(f.errL, "")
			f.u.report("Could not save the alert rules", err)
		}
		f.saved.Hide()
		f.relayout()
		return
	}
	f.base, f.dirty = r, false
	setError(f.errL, "")
	f.saved.Show()
	f.relayout()
}

// drawPause shows whether desktop alerts are paused, and the button that
// changes it.
func (f *rulesForm) drawPause() {
	if until, on := f.u.paused(); on {
		f.pauseL.SetText("Desktop alerts are paused until " + clockTime(f.u.desk.Now(), until) + ".")
		f.pauseB.SetText("Resume alerts")
		f.pauseB.SetIcon(theme.MediaPlayIcon())
	} else {
		f.pauseL.SetText("Desktop alerts are on.")
		f.pauseB.SetText("Pause alerts for 1 hour")
		f.pauseB.SetIcon(theme.MediaPauseIcon())
	}
	f.relayout()
}

// togglePause pauses or resumes, whichever the button offers.
func (f *rulesForm) togglePause() {
	if _, on := f.u.paused(); on {
		f.u.pauseAlerts(0)
	} else {
		f.u.pauseAlerts(pauseSpan)
	}
}

// trayChanged shows the tray preference, which needs a tray to mean
// anything.
func (f *rulesForm) trayChanged() {
	f.loading = true
	f.keep.SetChecked(f.u.fa.Preferences().Bool(prefKeepInTray))
	f.loading = false
	if f.u.tray == nil {
		f.keep.Disable()
		f.keepNote.SetText("This desktop offers no system tray, so closing the window quits Tierdesk.")
	} else {
		f.keep.Enable()
		f.keepNote.SetText("Tierdesk then keeps syncing and alerting with no window open. " +
			"Open it again, or quit it, from the tray icon's menu.")
	}
	f.relayout()
}

// leadText writes a due-time lead as the select shows it.
func leadText(d time.Duration) string {
	switch {
	case d == time.Hour:
		return "1 hour"
	case d%time.Hour == 0:
		return fmt.Sprintf("%d hours", int(d/time.Hour))
	case d%time.Minute == 0:
		return fmt.Sprintf("%d minutes", int(d/time.Minute))
	}
	return d.String()
}

// parseClock reads a time of day, "7:00" or "22:30", as minutes after
// midnight, which is how the rules keep quiet hours.
func parseClock(s string) (int, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(m) != 2 || len(h) < 1 || len(h) > 2 ||
		hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("%q is not a time of day; write it as HH:MM, such as 22:00", s)
	}
	return hh*60 + mm, nil
}

// formatClock writes minutes after midnight as HH:MM.
func formatClock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// maxWidth lays out one object at most width wide, at the left; narrower
// windows get the full width.
type maxWidth struct{ width float32 }

// MinSize is part of fyne.Layout.
func (l *maxWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// Layout is part of fyne.Layout.
func (l *maxWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, max(l.width, l.MinSize(objs).Width))
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

var _ fyne.Layout = (*maxWidth)(nil)
