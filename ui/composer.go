package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// composer writes a reply or an internal note under the conversation. It
// lives in the detail pane rather than a dialog so the user can read the
// conversation while writing. Its text is only cleared once the desk has
// recorded it; on any error the text stays where it is.
type composer struct {
	u *UI
	d *ticketDetail

	kind    helpdesk.CommentKind
	heading *widget.Label
	entry   *keyEntry
	problem *widget.Label
	send    *widget.Button
	// files are attached to a reply (a log, a screenshot); notes carry none.
	files *attachments

	pane *fyne.Container
}

func newComposer(u *UI, d *ticketDetail) *composer {
	c := &composer{u: u, d: d}
	c.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.entry = newMultiLineKeyEntry(5)
	c.entry.onSend = c.submit
	c.entry.OnSubmitted = func(string) { c.submit() } // Shift+Enter
	c.entry.onEscape = c.cancel
	c.entry.shortcut = u.runShortcut
	c.problem = errorLabel()
	c.send = widget.NewButtonWithIcon("Send", theme.MailSendIcon(), c.submit)
	c.send.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", c.cancel)
	hint := widget.NewLabel("Ctrl+Enter to send · Esc to cancel")
	hint.Importance = widget.LowImportance
	hint.SizeName = theme.SizeNameCaptionText
	c.files = newAttachments(u, func() { d.body.Refresh() })
	buttons := container.NewHBox(hint, layout.NewSpacer(), c.files.add, cancel, c.send)
	c.pane = container.NewVBox(widget.NewSeparator(), c.heading, c.entry, c.files.box, c.problem, buttons)
	c.pane.Hide()
	return c
}

func (c *composer) isOpen() bool { return c.pane.Visible() }

// open shows the composer for kind. Switching between Reply and Note keeps
// the text: the user may have started in the wrong one.
func (c *composer) open(kind helpdesk.CommentKind) {
	c.kind = kind
	if kind == helpdesk.Note {
		c.heading.SetText("Internal note — only agents see this")
		c.heading.Importance = widget.WarningImportance
		c.send.SetText("Add note")
		c.files.add.Hide()
		c.files.box.Hide()
	} else {
		c.heading.SetText("Reply to the requester")
		c.heading.Importance = widget.MediumImportance
		c.send.SetText("Send reply")
		c.files.add.Show()
		c.files.box.Show()
	}
	c.heading.Refresh()
	setError(c.problem, "")
	c.pane.Show()
	c.d.body.Refresh() // make room under the conversation
	c.d.scrollToEnd()  // and keep the latest message in view while writing
	c.u.win.Canvas().Focus(c.entry)
}

// close hides the composer and forgets its text; callers that must keep the
// text (switching tickets) stash it first.
func (c *composer) close() {
	c.entry.SetText("")
	c.files.clear()
	setError(c.problem, "")
	c.pane.Hide()
	c.d.body.Refresh()
}

// cancel is the user abandoning the text on purpose (Cancel, Escape).
func (c *composer) cancel() { c.close() }

// submit records the text as a reply or note on the shown ticket.
func (c *composer) submit() {
	id := c.d.id
	if id == 0 || !c.isOpen() {
		return
	}
	body := c.entry.Text
	var err error
	if c.kind == helpdesk.Note {
		_, err = c.u.desk.Note(id, body)
	} else if len(c.files.files) > 0 {
		_, err = c.u.desk.ReplyWith(id, body, c.files.files)
	} else {
		_, err = c.u.desk.Reply(id, body)
	}
	switch {
	case errors.Is(err, helpdesk.ErrInvalid):
		// Something the user can fix here ("the reply is empty").
		setError(c.problem, userMessage(err))
		c.d.body.Refresh()
		c.u.win.Canvas().Focus(c.entry)
	case err != nil:
		what := "Could not save the reply"
		if c.kind == helpdesk.Note {
			what = "Could not save the note"
		}
		c.u.report(what+"; your text is still in the editor.", err)
	default:
		c.close()
	}
}
