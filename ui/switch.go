package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"github.com/tierdesk/tierdesk/app"
)

// background runs work off the Fyne thread (keyring access can wait on a
// password prompt; network and disk can be slow) and then done with its
// result on the Fyne thread.
func (u *UI) background(work func() error, done func(error)) {
	go func() {
		err := work()
		u.deliver(func() { done(err) })
	}()
}

// afterSwitch is work to do once the desk switched away from is closed, such
// as removing its account.
type afterSwitch struct {
	what   string // shown while it runs
	run    func() error
	failed string // the error dialog's first line
}

// switchDesk opens the workspace sel selects and shows it instead of the
// current one, which is then closed. The new one is opened first, so a
// failure leaves the user where they were. Unfinished replies and notes are
// only kept in memory, so the user is asked before they are dropped.
func (u *UI) switchDesk(sel app.Selection, title string, after *afterSwitch) {
	if u.opts.Reopen == nil {
		u.report("Cannot switch accounts from this window",
			fmt.Errorf("restart Tierdesk with --account %q (or --demo) to open %s", sel.Account, title))
		return
	}
	if u.switching {
		return
	}
	if n := u.unsentDrafts(); n > 0 {
		them := "them"
		if n == 1 {
			them = "it"
		}
		d := dialog.NewConfirm("Unfinished text",
			fmt.Sprintf("You have %s that you have not sent. Switching to %s discards %s.",
				plural(n, "unfinished reply or note", "unfinished replies or notes"), title, them),
			func(ok bool) {
				if ok {
					u.openDesk(sel, title, after)
				}
			}, u.win)
		d.SetConfirmText("Discard and switch")
		d.SetDismissText("Stay here")
		u.show(d, nil)
		return
	}
	u.openDesk(sel, title, after)
}

// openDesk does the switch: open in the background, then swap on the Fyne
// thread, then close the old desk (and run after) in the background.
func (u *UI) openDesk(sel app.Selection, title string, after *afterSwitch) {
	u.switching = true
	u.settings.setBusy("Opening " + title + "…")
	reopen := u.opts.Reopen
	var d *app.Desk
	u.background(func() (err error) {
		d, err = reopen(sel)
		return err
	}, func(err error) {
		u.switching = false
		u.settings.setBusy("")
		if err != nil {
			u.report("Could not open "+title+"; you are still in "+u.desk.Account(), err)
			return
		}
		u.replaceDesk(d, after)
	})
}

// replaceDesk shows d instead of the current desk, which it closes in the
// background; after, if any, runs once that is done.
func (u *UI) replaceDesk(d *app.Desk, after *afterSwitch) {
	old := u.desk
	u.shutdown()
	u.closeDialogs()
	u.assemble(d)
	u.startWatching()
	d.StartSync()
	u.log.Info("switched workspace", "from", old.Account(), "to", d.Account())
	if after != nil {
		u.openSettings()
		u.settings.setBusy(after.what)
	}
	u.closing.Add(1)
	go func() {
		defer u.closing.Done()
		err := old.Close()
		if err != nil {
			u.log.Error("close the previous workspace", "account", old.Account(), "err", err)
		}
		if after == nil {
			return
		}
		if err == nil {
			err = after.run()
		}
		s := u.settings
		u.deliver(func() {
			if u.settings != s {
				return
			}
			s.setBusy("")
			if err != nil {
				u.report(after.failed, err)
			}
			s.reload()
		})
	}()
}

// closeDialogs closes every open dialog, newest first (a switch rebuilds
// the window under them).
func (u *UI) closeDialogs() {
	for len(u.dialogs.stack) > 0 {
		n := len(u.dialogs.stack)
		u.dialogs.stack[n-1].Hide()
		if len(u.dialogs.stack) == n { // not tracked through show's hook
			u.dialogs.stack = u.dialogs.stack[:n-1]
		}
	}
}

// unsentDrafts counts the replies and notes being written: the open
// composer and the drafts put aside when moving to another ticket.
func (u *UI) unsentDrafts() int {
	n := 0
	for _, d := range u.detail.drafts {
		if strings.TrimSpace(d.text) != "" {
			n++
		}
	}
	if u.detail.composer.isOpen() && strings.TrimSpace(u.detail.composer.entry.Text) != "" {
		n++
	}
	return n
}
