package ui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// bodyExcerpt is how much of an alert's body a row shows: one line; the
// row truncates it to its width anyway, this only bounds the string.
const bodyExcerpt = 200

// alertsView is the alert inbox: every alert the desk recorded, newest
// first, including the ones the user's rules kept off the desktop. It
// exists because a desktop notification cannot be clicked through on every
// platform, and because a notification missed is otherwise gone.
//
// Like the ticket list it is a bridge: rows is the slice desk.Alerts
// returned, read once per batch of changes (reload), and the list
// callbacks only index into it.
type alertsView struct {
	u *UI

	rows     []helpdesk.Alert
	unread   int
	silenced int       // rows whose desktop notification did not go out
	now      time.Time // the instant relative times are drawn against
	readErr  error     // the last reload failed

	list    *widget.List
	summary *widget.Label
	note    *widget.Label // what "Silenced" means, shown when a row has it
	markAll *widget.Button
	empty   *widget.Label
	// marking is set while "Mark all read" runs in the background.
	marking bool

	box  *fyne.Container
	pane fyne.CanvasObject
}

func newAlertsView(u *UI) *alertsView {
	v := &alertsView{u: u}
	title := widget.NewLabelWithStyle("Alerts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	v.summary = widget.NewLabel("")
	v.note = widget.NewLabel("Silenced alerts were kept off the desktop by your alert rules " +
		"(quiet hours, a pause, a kind or priority switched off), or the notification could not be shown.")
	v.note.Wrapping = fyne.TextWrapWord
	v.note.SizeName = theme.SizeNameCaptionText
	v.markAll = widget.NewButtonWithIcon("Mark all read", theme.ConfirmIcon(), v.markAllRead)
	rules := widget.NewButtonWithIcon("Alert rules…", theme.SettingsIcon(), u.openAlertRules)
	rules.Importance = widget.LowImportance

	v.list = widget.NewList(v.length, v.createItem, v.updateItem)
	v.list.OnSelected = v.selected
	v.empty = widget.NewLabel("")
	v.empty.Alignment = fyne.TextAlignCenter
	v.empty.Wrapping = fyne.TextWrapWord
	v.empty.Importance = widget.LowImportance
	v.empty.Hide()

	bar := container.NewBorder(nil, nil, v.summary, container.NewHBox(rules, v.markAll))
	top := container.NewVBox(title, bar, v.note, widget.NewSeparator())
	v.box = container.NewBorder(top, nil, nil, nil, container.NewStack(v.list, container.NewCenter(v.empty)))
	v.pane = v.box
	v.pane.Hide()
	return v
}

// reload reads the inbox from the desk. It runs when the window is built
// and once per batch of changes that touched the inbox, never per row.
func (v *alertsView) reload() {
	rows, err := v.u.desk.Alerts()
	v.readErr = err
	if err != nil {
		// Keep what was shown: an old inbox is more use than an empty one.
		v.u.log.Error("read the alert inbox", "err", err)
	} else {
		v.rows = rows
	}
	v.count()
	v.draw()
}

// count recomputes the unread and silenced totals from rows.
func (v *alertsView) count() {
	v.unread, v.silenced = 0, 0
	for _, a := range v.rows {
		if !a.Read {
			v.unread++
		}
		if !a.Notified {
			v.silenced++
		}
	}
}

// draw updates everything around the list and the visible rows.
func (v *alertsView) draw() {
	v.now = v.u.desk.Now()
	switch {
	case v.readErr != nil:
		v.summary.Importance = widget.DangerImportance
		v.summary.SetText("The inbox could not be read: " + shortError(v.readErr))
	case len(v.rows) == 0:
		v.summary.Importance = widget.MediumImportance
		v.summary.SetText("No alerts")
	case v.unread == 0:
		v.summary.Importance = widget.MediumImportance
		v.summary.SetText(plural(len(v.rows), "alert", "alerts") + ", all read")
	default:
		v.summary.Importance = widget.MediumImportance
		v.summary.SetText(plural(v.unread, "unread", "unread") + " of " + plural(len(v.rows), "alert", "alerts"))
	}
	setEnabled(v.markAll, v.unread > 0 && !v.marking)
	if v.silenced > 0 {
		v.note.Show()
	} else {
		v.note.Hide()
	}
	if len(v.rows) == 0 {
		v.empty.SetText(v.emptyText())
		v.empty.Show()
	} else {
		v.empty.Hide()
	}
	v.list.Refresh()
	// The note wraps and knows its height only once laid out at the pane's
	// width, hence the second pass (as in the settings summary).
	relayout(v.box)
	relayout(v.box)
}

// emptyText explains an empty inbox, because a blank pane reads as
// "broken" rather than "nothing happened".
func (v *alertsView) emptyText() string {
	if !v.u.desk.HasServer() {
		return "No alerts.\nThis workspace has no server, so nothing arrives that could raise one."
	}
	if v.u.agent() {
		return "No alerts yet.\nTickets that reach your tier, are assigned to you or near their due time are listed here."
	}
	return "No alerts yet.\nReplies on your requests are listed here."
}

// retime redraws the relative times against the current time.
func (v *alertsView) retime() {
	v.now = v.u.desk.Now()
	v.list.Refresh()
}

// show is called when the inbox is opened.
func (v *alertsView) show() {
	v.list.UnselectAll()
	if v.readErr != nil {
		// Opening the inbox is the user asking for it: say why it is stale.
		v.u.report("The alert inbox could not be read", v.readErr)
	}
}

func (v *alertsView) length() int { return len(v.rows) }

func (v *alertsView) createItem() fyne.CanvasObject { return newAlertRow() }

func (v *alertsView) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(v.rows) {
		return
	}
	o.(*alertRow).set(v.rows[id], v.now)
}

// selected opens the alert the user clicked. The selection is dropped at
// once so that clicking the same alert again opens it again.
func (v *alertsView) selected(id widget.ListItemID) {
	v.list.UnselectAll()
	if id < 0 || id >= len(v.rows) {
		return
	}
	v.u.openAlert(v.rows[id])
}

// markedRead shows alert id as read without waiting for the desk's
// change to come back round (the reload it causes agrees).
func (v *alertsView) markedRead(id uint64) {
	for i := range v.rows {
		if v.rows[i].ID == id {
			v.rows[i].Read = true
		}
	}
	v.count()
	v.draw()
}

// markAllRead marks every unread alert read. It runs in the background
// because the desk writes each alert on its own, which for a long
// neglected inbox is many writes.
func (v *alertsView) markAllRead() {
	var unread []helpdesk.Alert
	for _, a := range v.rows {
		if !a.Read {
			unread = append(unread, a)
		}
	}
	if len(unread) == 0 || v.marking {
		return
	}
	v.marking = true
	v.markAll.Disable()
	d := v.u.desk
	v.u.background(func() error {
		for _, a := range unread {
			if err := d.MarkAlertRead(a); err != nil {
				return err
			}
		}
		return nil
	}, func(err error) {
		if v.u.alerts != v {
			return // the window was rebuilt for another account meanwhile
		}
		v.marking = false
		if err != nil {
			v.u.report("Could not mark every alert read", err)
		}
		v.reload()
		v.u.nav.refreshCounts()
		v.u.refreshTray()
	})
}

// openAlert marks an alert read and shows its ticket in All tickets (the
// one view that holds every cached ticket, whatever the filters of the
// others). The first-sync summary has no ticket: it opens the user's
// first view, which is what it summarises.
func (u *UI) openAlert(a helpdesk.Alert) {
	if !a.Read {
		if err := u.desk.MarkAlertRead(a); err != nil {
			// Still open the ticket: that is what the user asked for.
			u.report("Could not mark the alert read", err)
		} else {
			u.alerts.markedRead(a.ID)
			u.nav.refreshCounts()
			u.refreshTray()
		}
	}
	if a.TicketID == 0 {
		u.nav.selectFirst()
		return
	}
	t, ok := u.desk.Summary(a.TicketID)
	if !ok {
		u.show(dialog.NewInformation("Ticket not on this device",
			"The ticket of this alert is no longer cached on this device: it was deleted, "+
				"or it left what this account keeps (such as a queue you no longer see).\n\n"+drawable(a.Title), u.win), nil)
		return
	}
	if !u.nav.selectView(app.ViewAll) {
		// Requesters have no All tickets view; one of theirs must hold it.
		if _, ok := u.nav.ticketViewFor(t); !ok {
			u.show(dialog.NewInformation("Ticket not in your views",
				"This ticket is on this device but in none of your ticket lists.\n\n"+drawable(a.Title), u.win), nil)
			return
		}
	}
	u.tickets.selectTicket(a.TicketID)
}

// showAlerts opens the inbox (the tray's Alerts item).
func (u *UI) showAlerts() { u.nav.selectKind(navAlerts) }

// alertIcon gives each kind of alert the icon of the navigation entry
// where such tickets are found, so the two read alike.
func alertIcon(k helpdesk.AlertKind) fyne.Resource {
	switch k {
	case helpdesk.AlertTier:
		return theme.HomeIcon() // the tier queue
	case helpdesk.AlertAssigned:
		return theme.AccountIcon() // Assigned to me
	case helpdesk.AlertReply:
		return theme.MailReplyIcon()
	case helpdesk.AlertDue:
		return theme.HistoryIcon()
	}
	return theme.InfoIcon() // the first-sync summary
}

// alertRow is the inbox row template. Every row has every widget (the dot
// and the Silenced badge hide without giving up their place), so all rows
// are one height.
type alertRow struct {
	widget.BaseWidget

	dot      *unreadDot
	icon     *widget.Icon
	title    *widget.Label
	when     *widget.Label
	body     *widget.Label
	silenced *badge
	line1    *fyne.Container
	line2    *fyne.Container
	content  fyne.CanvasObject
}

func newAlertRow() *alertRow {
	r := &alertRow{
		dot:      newUnreadDot(),
		icon:     widget.NewIcon(theme.InfoIcon()),
		title:    widget.NewLabel(""),
		when:     widget.NewLabel("59m ago"),
		body:     widget.NewLabel(""),
		silenced: newBadge("Silenced", toneGrey),
	}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.body.Truncation = fyne.TextTruncateEllipsis
	r.when.Alignment = fyne.TextAlignTrailing
	r.when.SizeName = theme.SizeNameCaptionText
	r.body.SizeName = theme.SizeNameCaptionText
	r.line1 = container.NewBorder(nil, nil, nil, r.when, r.title)
	r.line2 = container.NewBorder(nil, nil, nil, r.silenced, r.body)
	text := container.New(layout.NewCustomPaddedVBoxLayout(0), r.line1, r.line2)
	r.content = container.NewBorder(nil, nil, container.NewHBox(r.dot, r.icon), nil, text)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer is part of fyne.Widget.
func (r *alertRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// set shows a; now anchors the relative time so one refresh renders every
// row against the same instant.
func (r *alertRow) set(a helpdesk.Alert, now time.Time) {
	r.dot.setOn(!a.Read)
	if icon := alertIcon(a.Kind); r.icon.Resource != icon {
		r.icon.SetResource(icon)
	}
	if r.title.TextStyle.Bold != !a.Read || r.title.Text != drawable(a.Title) {
		r.title.TextStyle.Bold = !a.Read
		r.title.SetText(drawable(a.Title))
	}
	r.when.SetText(ago(now, a.Created))
	r.body.SetText(drawable(excerpt(a.Body, bodyExcerpt)))
	if a.Notified {
		r.silenced.Hide()
	} else {
		r.silenced.Show()
	}
	relayout(r.line1, r.line2)
}

// dotSize is the diameter of the unread dot.
const dotSize = 8

// unreadDot is the mark of an unread alert, in the theme's primary colour.
// Switched off it stays in the layout, transparent, so read and unread
// rows line up. It is a widget so the colour follows theme changes.
type unreadDot struct {
	widget.BaseWidget
	on bool
}

func newUnreadDot() *unreadDot {
	d := &unreadDot{}
	d.ExtendBaseWidget(d)
	return d
}

// setOn switches the dot, refreshing only on a change because rows call it
// on every list refresh.
func (d *unreadDot) setOn(on bool) {
	if d.on == on {
		return
	}
	d.on = on
	d.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (d *unreadDot) CreateRenderer() fyne.WidgetRenderer {
	r := &dotRenderer{d: d, c: canvas.NewCircle(color.Transparent)}
	r.Refresh()
	return r
}

type dotRenderer struct {
	d *unreadDot
	c *canvas.Circle
}

// MinSize is part of fyne.WidgetRenderer; twice the dot's width keeps it
// off the list's left edge.
func (r *dotRenderer) MinSize() fyne.Size { return fyne.NewSize(2*dotSize, dotSize) }

// Layout centres the dot vertically: the row stretches it to its height.
func (r *dotRenderer) Layout(size fyne.Size) {
	r.c.Resize(fyne.NewSquareSize(dotSize))
	r.c.Move(fyne.NewPos((size.Width-dotSize)/2, (size.Height-dotSize)/2))
}

// Refresh is part of fyne.WidgetRenderer; it re-reads the theme.
func (r *dotRenderer) Refresh() {
	r.c.FillColor = color.Transparent
	if r.d.on {
		r.c.FillColor = r.d.Theme().Color(theme.ColorNamePrimary, fyne.CurrentApp().Settings().ThemeVariant())
	}
	r.Layout(r.d.Size())
	r.c.Refresh()
}

// Objects is part of fyne.WidgetRenderer.
func (r *dotRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c} }

// Destroy is part of fyne.WidgetRenderer.
func (r *dotRenderer) Destroy() {}
