package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// ticketDetail is the right-hand pane: the ticket's header, the action bar,
// the conversation and the composer. It shows one ticket, by id, and reads
// it again (header from memory, conversation from the local store) whenever
// a batch of changes touches that ticket.
type ticketDetail struct {
	u  *UI
	id uint64 // 0: nothing shown

	title    *widget.Label
	tier     *badge
	status   *badge
	priority *widget.Label
	overdue  *badge
	queue    *widget.Label
	owner    *widget.Label
	req      *widget.Label
	due      *widget.Label

	meta     *fyne.Container
	header   *fyne.Container
	actions  *actionBar
	timeline *fyne.Container
	scroll   *container.Scroll
	composer *composer
	comments int // entries shown, to scroll down when one is added

	// drafts keeps unsent composer text per ticket, so moving to another
	// ticket and back never loses what the user was writing.
	drafts map[uint64]draft

	placeholder fyne.CanvasObject
	body        *fyne.Container
	pane        fyne.CanvasObject
}

// draft is composer text put aside while another ticket is shown.
type draft struct {
	kind  helpdesk.CommentKind
	text  string
	files []app.File
}

func newTicketDetail(u *UI) *ticketDetail {
	d := &ticketDetail{u: u, drafts: make(map[uint64]draft)}

	d.title = widget.NewLabel("")
	d.title.TextStyle = fyne.TextStyle{Bold: true}
	d.title.SizeName = theme.SizeNameSubHeadingText
	d.title.Wrapping = fyne.TextWrapWord
	d.title.Selectable = true

	d.tier = newBadge("", toneGrey)
	d.status = newBadge("", toneGrey)
	d.priority = widget.NewLabel("")
	d.overdue = newBadge("Overdue", toneRed)
	d.queue = widget.NewLabel("")
	d.owner = widget.NewLabel("")
	d.req = widget.NewLabel("")
	d.due = widget.NewLabel("")
	d.meta = container.New(layout.NewRowWrapLayoutWithCustomPadding(theme.Padding(), 0),
		d.tier, d.status, d.priority, d.overdue, d.queue, d.owner, d.req, d.due)

	d.actions = newActionBar(u)
	d.composer = newComposer(u, d)

	d.timeline = container.NewVBox()
	d.scroll = container.NewVScroll(d.timeline)

	d.header = container.NewVBox(d.title, d.meta, d.actions.box, widget.NewSeparator())
	d.body = container.NewBorder(d.header, d.composer.pane, nil, nil, d.scroll)

	keys := "Select a ticket to read and work on it.\n\n" +
		"Ctrl+N  new ticket\nCtrl+F  search\nUp/Down  previous/next ticket\n" +
		"Ctrl+R  reply   ·   Ctrl+Shift+N  internal note\nCtrl+E  escalate   ·   Ctrl+T  take"
	if !u.agent() {
		keys = "Select a request to follow it.\n\n" +
			"Ctrl+N  report a problem\nCtrl+F  search\nCtrl+R  reply"
	}
	hint := widget.NewLabel(keys)
	hint.Alignment = fyne.TextAlignCenter
	hint.Importance = widget.LowImportance
	d.placeholder = container.NewCenter(hint)

	d.body.Hide()
	d.pane = container.NewStack(d.placeholder, d.body)
	return d
}

// show opens ticket id, putting aside any draft of the ticket shown before.
func (d *ticketDetail) show(id uint64) {
	if id == d.id {
		d.reload()
		return
	}
	d.stash()
	d.id = id
	d.comments = -1
	d.reload()
	if dr, ok := d.drafts[id]; ok {
		delete(d.drafts, id)
		d.composer.open(dr.kind)
		d.composer.entry.SetText(dr.text)
		for _, f := range dr.files {
			d.composer.files.addFile(f)
		}
	}
}

// stash keeps the composer's text for the current ticket and closes it.
func (d *ticketDetail) stash() {
	if c := d.composer; d.id != 0 && c.isOpen() && (c.entry.Text != "" || len(c.files.files) > 0) {
		d.drafts[d.id] = draft{kind: c.kind, text: c.entry.Text, files: c.files.files}
	}
	d.composer.close()
}

// clear shows the placeholder instead of a ticket.
func (d *ticketDetail) clear() {
	d.stash()
	d.id = 0
	d.body.Hide()
	d.placeholder.Show()
}

// current returns the shown ticket from memory.
func (d *ticketDetail) current() (*helpdesk.Ticket, bool) {
	if d.id == 0 {
		return nil, false
	}
	return d.u.desk.Summary(d.id)
}

// reload redraws the shown ticket from the desk.
func (d *ticketDetail) reload() {
	t, ok := d.current()
	if !ok {
		if d.id != 0 {
			d.u.log.Warn("ticket vanished from the cache", "ticket", d.id)
		}
		d.clear()
		return
	}
	now := d.u.desk.Now()
	d.title.SetText(t.Ref() + "  " + t.Subject)
	d.tier.set(t.Tier.Label(), tierTone(t.Tier))
	d.status.set(t.Status.Title(), statusTone(t.Status))
	d.priority.Importance = priorityImportance(t.Priority)
	d.priority.TextStyle.Bold = t.Priority >= helpdesk.PriorityHigh
	d.priority.SetText(t.Priority.Title() + " priority")
	if t.Overdue(now) {
		d.overdue.Show()
	} else {
		d.overdue.Hide()
	}
	queue := t.Queue
	if queue == "" {
		queue = "—"
	}
	d.queue.SetText("Queue: " + queue)
	d.owner.SetText("Owner: " + ownerText(t))
	d.req.SetText("Requester: " + t.Requester)
	d.due.SetText("Due: " + dueText(now, *t))
	d.actions.update(t)

	conv, err := d.u.desk.Conversation(t.ID)
	if err != nil {
		// Show what could be read and say what could not; the header above
		// is still right because it comes from memory.
		d.u.log.Error("read conversation", "ticket", t.ID, "err", err)
	}
	scrollDown := d.comments < 0 || len(conv) > d.comments
	d.setConversation(conv, err)

	d.placeholder.Hide()
	d.body.Show()
	// The header's height follows the title and the wrapped fields, and
	// the wrapped fields know their height only after being laid out at
	// the header's width: so a second, layout-only pass.
	d.body.Refresh()
	relayout(d.body, d.header)
	if scrollDown {
		d.scrollToEnd() // again, now that the scroller has its final size
	}
}

// setConversation rebuilds the timeline, oldest first, scrolling to the
// newest entry when the ticket was just opened or an entry was added.
func (d *ticketDetail) setConversation(conv []helpdesk.Comment, err error) {
	objs := make([]fyne.CanvasObject, 0, len(conv)+1)
	if len(conv) == 0 && err == nil {
		empty := widget.NewLabel("No conversation yet.")
		empty.Importance = widget.LowImportance
		objs = append(objs, empty)
	}
	for _, c := range conv {
		if c.Internal() && !d.u.agent() {
			// Requesters never see internal notes. The server should not
			// send them to a requester's account; this makes sure.
			continue
		}
		objs = append(objs, commentCard(d.u, c))
	}
	if err != nil {
		msg := widget.NewLabel("Part of the conversation could not be read: " + userMessage(err))
		msg.Importance = widget.DangerImportance
		msg.Wrapping = fyne.TextWrapWord
		objs = append(objs, msg)
	}
	d.timeline.Objects = objs
	d.timeline.Refresh()
	if d.comments < 0 || len(conv) > d.comments {
		d.scrollToEnd()
	}
	d.comments = len(conv)
}

// scrollToEnd shows the newest entry. The scroller decides from its
// content's current size whether there is anything to scroll, and that size
// is only updated on the next layout; so the timeline is sized first (twice:
// wrapped text knows its height only once it knows its width).
func (d *ticketDetail) scrollToEnd() {
	w := d.scroll.Size().Width
	if w <= 0 {
		return
	}
	for range 2 {
		d.timeline.Resize(fyne.NewSize(w, d.timeline.MinSize().Height))
	}
	d.scroll.ScrollToBottom()
}

// commentCard draws one conversation entry. Public replies sit on a neutral
// card, internal notes on an amber one labelled "Internal note", so nobody
// confuses what the requester reads with what only agents read.
func commentCard(u *UI, c helpdesk.Comment) fyne.CanvasObject {
	kind := widget.NewLabelWithStyle("Reply", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	icon := widget.NewIcon(theme.MailReplyIcon())
	var tone *color.NRGBA
	if c.Internal() {
		kind.SetText("Internal note")
		icon.SetResource(theme.DocumentIcon())
		tone = &toneAmber
	}
	author := widget.NewLabel(c.Author)
	when := widget.NewLabel(stamp(c.Created))
	when.SizeName = theme.SizeNameCaptionText
	right := container.NewHBox(when)
	if c.Pending {
		// Written here, not yet on the server: the requester has not seen it.
		right.Objects = append([]fyne.CanvasObject{newBadge("Unsent", toneAmber)}, right.Objects...)
	}
	head := container.NewBorder(nil, nil, container.NewHBox(icon, kind, author), right)
	body := widget.NewLabel(drawable(c.Body))
	body.Wrapping = fyne.TextWrapWord
	body.Selectable = true
	box := container.New(layout.NewCustomPaddedVBoxLayout(0), head, body)
	for _, a := range c.Attachments {
		// Listed by name and size: what was sent with the message.
		name := widget.NewLabel(a.Name + "  (" + helpdesk.ByteSize(a.Size) + ")")
		name.SizeName = theme.SizeNameCaptionText
		name.Truncation = fyne.TextTruncateEllipsis
		save := widget.NewButtonWithIcon("Save…", theme.DownloadIcon(), func() { u.saveAttachment(a) })
		save.Importance = widget.LowImportance
		box.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), save, name))
	}
	return newCard(box, tone)
}
