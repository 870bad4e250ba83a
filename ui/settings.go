package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
)

// accountRow is one workspace as the settings list shows it, formatted when
// the accounts are read so the list callbacks only copy strings.
type accountRow struct {
	account string // the profile's account name; demoAccount for the demo
	demo    bool
	title   string
	server  string // URL and user
	who     string // role, tier and how tiers are found
	current bool   // the workspace the window shows
}

// settingsView is the Settings screen. Its Accounts tab lists the
// workspaces on this device (every account and the demo), adding an
// account, removing one and switching between them; the accounts are read
// from the data folder when the screen is opened, as they are a handful of
// small files. Its Alerts tab holds the open account's alert rules and the
// tray preference.
type settingsView struct {
	u *UI

	tabs     *container.AppTabs
	accounts *container.TabItem
	alerts   *container.TabItem
	rules    *rulesForm

	rows    []accountRow
	list    *widget.List
	summary *widget.Label
	folder  *widget.Label
	addB    *widget.Button
	working *widget.Activity // an account is being opened or removed
	doing   *widget.Label

	box  *fyne.Container
	pane fyne.CanvasObject
}

func newSettingsView(u *UI) *settingsView {
	s := &settingsView{u: u}
	title := widget.NewLabelWithStyle("Settings", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.folder = widget.NewLabel("")
	s.folder.SizeName = theme.SizeNameCaptionText
	s.folder.Importance = widget.LowImportance
	s.folder.Truncation = fyne.TextTruncateEllipsis
	s.addB = widget.NewButtonWithIcon("Add account…", theme.ContentAddIcon(), u.addAccount)
	s.addB.Importance = widget.HighImportance
	s.working = widget.NewActivity()
	s.working.Hide()
	s.doing = widget.NewLabel("")
	s.doing.Hide()

	s.list = widget.NewList(s.length, s.createItem, s.updateItem)
	// Rows carry their own buttons; selecting one does nothing else.
	s.list.OnSelected = func(widget.ListItemID) { s.list.UnselectAll() }

	bar := container.NewHBox(s.addB, s.working, s.doing)
	top := container.NewVBox(s.summary, bar, widget.NewSeparator())
	s.box = container.NewBorder(top, s.folder, nil, nil, s.list)
	s.rules = newRulesForm(u)
	s.accounts = container.NewTabItemWithIcon("Accounts", theme.AccountIcon(), s.box)
	s.alerts = container.NewTabItemWithIcon("Alerts", bellIcon, s.rules.pane)
	s.tabs = container.NewAppTabs(s.accounts, s.alerts)
	s.tabs.OnSelected = func(*container.TabItem) {
		// The summary wraps at the tab's width, known only once shown.
		relayout(s.box)
	}
	s.pane = container.NewBorder(title, nil, nil, nil, s.tabs)
	s.pane.Hide()
	return s
}

// show is called when the screen is opened.
func (s *settingsView) show() {
	s.reload()
	s.rules.load()
}

// openAccounts shows the accounts (the demo banner, which asks the user to
// add theirs).
func (u *UI) openAccounts() {
	u.settings.tabs.Select(u.settings.accounts)
	u.openSettings()
}

// openAlertRules shows the alert rules (the inbox's Alert rules… button).
func (u *UI) openAlertRules() {
	u.settings.tabs.Select(u.settings.alerts)
	u.openSettings()
}

// reload reads the accounts from the data folder.
func (s *settingsView) reload() {
	u := s.u
	cur := u.desk.State()
	s.rows = s.rows[:0]
	if u.dataDirErr != nil {
		s.setSummary("The data folder cannot be found, so accounts cannot be listed or added: "+userMessage(u.dataDirErr), widget.DangerImportance)
		s.addB.Disable()
		s.list.Refresh()
		return
	}
	s.addB.Enable()
	s.folder.SetText("Workspaces are kept in " + u.dataDir + "; passwords and tokens in the system keyring.")
	accts, err := app.Accounts(u.dataDir)
	for _, a := range accts {
		s.rows = append(s.rows, accountRowOf(a, cur.HasServer && a.Account == cur.Account))
	}
	s.rows = append(s.rows, accountRow{
		account: demoAccount, demo: true, title: "Demo workspace",
		server: "Generated sample tickets and articles; nothing is sent anywhere",
		who:    "Technician · L1", current: isDemo(cur),
	})
	switch {
	case err != nil:
		u.log.Error("list accounts", "dir", u.dataDir, "err", err)
		s.setSummary("Some accounts could not be read: "+userMessage(err), widget.DangerImportance)
	case len(accts) == 0:
		s.setSummary("No helpdesk account yet. Add one to sync with your Request Tracker server: "+
			"tickets are cached on this device, so you can keep working offline.", widget.MediumImportance)
	default:
		s.setSummary("Each account keeps its own encrypted copy of the tickets on this device. "+
			"Switching closes the open one; its unsent changes wait for its next use.", widget.MediumImportance)
	}
	if u.opts.Reopen == nil && len(accts) > 0 {
		// Switch buttons are disabled; say why rather than leave a riddle.
		s.setSummary(s.summary.Text+" To open another account, start Tierdesk with --account NAME.", s.summary.Importance)
	}
	s.list.Refresh()
}

func (s *settingsView) setSummary(text string, imp widget.Importance) {
	s.summary.Importance = imp
	s.summary.SetText(text)
	// The summary wraps, and knows its height only once laid out at the
	// pane's width: so a second, layout-only pass.
	relayout(s.box)
	relayout(s.box)
}

// accountRowOf formats an account for the list.
func accountRowOf(a app.Account, current bool) accountRow {
	r := accountRow{account: a.Account, title: a.Account, current: current}
	if srv := a.Server; srv != nil {
		r.server = srv.URL + " · user " + srv.User
		if srv.Token {
			r.server += " (API token)"
		}
	} else {
		r.server = "Local only, no server"
	}
	r.who = roleTitle(a.Me.Role) + " · " + a.Me.Tier.String() + " · " + tierSource(a.Server)
	return r
}

// tierSource says how the account finds a ticket's tier, which is what
// decides which tickets land in the user's queue.
func tierSource(s *app.Server) string {
	switch {
	case s == nil:
		return "tiers set here"
	case s.TierField != "":
		return "tier from the field " + s.TierField
	case len(s.QueueTiers) > 0:
		return plural(len(s.QueueTiers), "queue mapped to a tier", "queues mapped to tiers")
	}
	return "queues L1/L2/L3 or Tier 1–3"
}

func (s *settingsView) length() int { return len(s.rows) }

// accountItem is the row template; every row has the same widgets so all
// rows are one height.
type accountItem struct {
	widget.BaseWidget
	icon    *widget.Icon
	title   *widget.Label
	server  *widget.Label
	who     *widget.Label
	open    *badge
	switchB *widget.Button
	remove  *widget.Button
	buttons *fyne.Container
	content *fyne.Container
}

func (s *settingsView) createItem() fyne.CanvasObject {
	it := &accountItem{
		icon:    widget.NewIcon(theme.AccountIcon()),
		title:   widget.NewLabelWithStyle("Account", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		server:  widget.NewLabel(""),
		who:     widget.NewLabel(""),
		open:    newBadge("Open", toneGreen),
		switchB: widget.NewButtonWithIcon("Switch to", theme.LoginIcon(), nil),
		remove:  widget.NewButtonWithIcon("Remove…", theme.DeleteIcon(), nil),
	}
	for _, l := range []*widget.Label{it.title, it.server, it.who} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	it.server.SizeName = theme.SizeNameCaptionText
	it.who.SizeName = theme.SizeNameCaptionText
	it.buttons = container.NewHBox(it.open, it.switchB, it.remove)
	text := container.New(layout.NewCustomPaddedVBoxLayout(0), it.title, it.server, it.who)
	it.content = container.NewBorder(nil, nil, it.icon, container.NewCenter(it.buttons), text)
	it.ExtendBaseWidget(it)
	return it
}

// CreateRenderer is part of fyne.Widget.
func (it *accountItem) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(it.content)
}

func (s *settingsView) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(s.rows) {
		return
	}
	r := s.rows[id]
	it := o.(*accountItem)
	it.title.SetText(r.title)
	it.server.SetText(r.server)
	it.who.SetText(r.who)
	if r.demo {
		it.icon.SetResource(theme.ComputerIcon())
	} else {
		it.icon.SetResource(theme.AccountIcon())
	}
	if r.current {
		it.open.Show()
		it.switchB.Disable()
	} else {
		it.open.Hide()
		it.switchB.Enable()
	}
	if s.u.opts.Reopen == nil || s.u.switching {
		it.switchB.Disable()
	}
	it.switchB.OnTapped = func() { s.switchTo(r) }
	if r.demo {
		it.remove.Hide() // the demo is regenerated anyway; nothing to remove
	} else {
		it.remove.Show()
		it.remove.OnTapped = func() { s.confirmRemove(r) }
	}
	relayout(it.buttons, it.content)
}

// selection is how app.Open finds the workspace of a row.
func (s *settingsView) selection(r accountRow) app.Selection {
	if r.demo {
		return app.Selection{DataDir: s.u.dataDir, Demo: true}
	}
	return app.Selection{DataDir: s.u.dataDir, Account: r.account}
}

// switchTo opens the workspace of a row in place of the current one.
func (s *settingsView) switchTo(r accountRow) {
	s.u.switchDesk(s.selection(r), r.title, nil)
}

// setBusy shows that an account is being opened or removed.
func (s *settingsView) setBusy(what string) {
	if what == "" {
		s.working.Stop()
		s.working.Hide()
		s.doing.Hide()
	} else {
		s.doing.SetText(what)
		s.doing.Show()
		s.working.Show()
		s.working.Start()
	}
	s.list.Refresh() // Switch buttons are disabled while switching
}

// confirmRemove asks before deleting an account's workspace and secrets.
// Unsent changes are lost with it, so the dialog says how many when it can
// know: only the open account's outbox can be read without opening it.
func (s *settingsView) confirmRemove(r accountRow) {
	u := s.u
	msg := fmt.Sprintf("Remove the account %q from this device?\n\n"+
		"Its copy of the tickets and articles is deleted, and its password or token is removed "+
		"from the keyring. Nothing changes on the server.", r.account)
	if r.current {
		if n := u.desk.State().Unsent; n > 0 {
			msg += fmt.Sprintf("\n\nThis is the account you have open, and %s not reached the server yet: "+
				"they will be lost.", plural(n, "change has", "changes have"))
		} else {
			msg += "\n\nThis is the account you have open: every change has reached the server."
		}
		msg += " Tierdesk switches to the demo workspace first."
	} else {
		msg += "\n\nAny changes made in it that have not reached the server yet will be lost."
	}
	d := dialog.NewConfirm("Remove account", msg, func(ok bool) {
		if ok {
			s.remove(r)
		}
	}, u.win)
	d.SetConfirmText("Remove")
	d.SetDismissText("Cancel")
	d.SetConfirmImportance(widget.DangerImportance)
	u.show(d, nil)
}

// remove deletes the account. The open account is closed first (by
// switching to the demo), because its store is in use.
func (s *settingsView) remove(r accountRow) {
	u := s.u
	dir, secrets, name := u.dataDir, u.opts.Secrets, r.account
	removeIt := func() error { return app.RemoveAccount(dir, name, secrets) }
	if r.current {
		demo := accountRow{account: demoAccount, demo: true, title: "Demo workspace"}
		u.switchDesk(s.selection(demo), demo.title, &afterSwitch{
			what: "Removing " + name + "…", run: removeIt,
			failed: fmt.Sprintf("Could not remove the account %q completely", name),
		})
		return
	}
	s.setBusy("Removing " + name + "…")
	u.background(removeIt, func(err error) {
		if u.settings != s {
			return // the window was rebuilt meanwhile
		}
		s.setBusy("")
		if err != nil {
			u.report(fmt.Sprintf("Could not remove the account %q completely", name), err)
		}
		s.reload()
	})
}
