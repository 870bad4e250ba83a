package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// testTimeout bounds "Test connection": long enough for a slow VPN and a
// TLS handshake, short enough that a black-holed address gets an answer
// while the user still waits for one.
const testTimeout = 30 * time.Second

// accountFormHeight is the most the form's fields take before they scroll.
// Mapping many queues makes the form taller than a laptop screen, so the
// fields scroll then, while the messages and the test report below them
// stay in view.
const accountFormHeight = 440

// accountFormChrome is the height the account dialog needs besides its
// fields: title, a message, a short test report, buttons and margins.
const accountFormChrome = 330

// accountForm is the "Add account" dialog: the server, the credentials,
// who the user is there and how queues map onto tiers, with a connection
// test before saving. Like every form here it stays open, with everything
// typed, until the account is saved; the test and the save run in the
// background so a slow or unreachable server never freezes the window.
type accountForm struct {
	u *UI

	name      *keyEntry
	url       *keyEntry
	user      *keyEntry
	secret    *keyEntry
	token     *widget.Check
	role      *widget.Select
	tier      *widget.Select
	queues    []*queueRow
	queueBox  *fyne.Container
	addQueueB *widget.Button
	tierField *keyEntry
	problem   *widget.Label

	activity *widget.Activity
	progress *widget.Label // "Testing the connection…", "Saving…"
	report   *fyne.Container
	testB    *widget.Button
	saveB    *widget.Button
	cancelB  *widget.Button
	fields   *widget.Form
	scroll   *container.Scroll
	content  *fyne.Container

	testing    bool
	saving     bool
	cancelTest context.CancelFunc
	closed     bool
	dlg        *dialog.CustomDialog
}

// queueRow is one line of the queue → tier map.
type queueRow struct {
	name   *keyEntry
	tier   *widget.Select
	remove *widget.Button
	box    *fyne.Container
}

// addAccount opens the form.
func (u *UI) addAccount() {
	if u.busy() || u.dataDirErr != nil {
		return
	}
	f := &accountForm{u: u}
	escape := f.escape

	f.name = newKeyEntry()
	f.name.SetPlaceHolder("How this account is shown, e.g. Work")
	f.url = newKeyEntry()
	f.url.SetPlaceHolder("https://rt.example.com (the address you open RT with)")
	f.user = newKeyEntry()
	f.user.SetPlaceHolder("Your RT user name")
	f.secret = newKeyEntry()
	f.secret.Password = true
	f.secret.SetPlaceHolder("Kept in the system keyring, never in a file")
	// "›" rather than "→": Fyne draws the space after U+2192 as a
	// missing glyph (it shapes it with the emoji font it took the arrow from).
	f.token = widget.NewCheck("This is an API token (in RT: Logged in as › Settings › Auth Tokens)", nil)
	for _, e := range []*keyEntry{f.name, f.url, f.user, f.secret} {
		e.onEscape = escape
		e.OnSubmitted = func(string) { f.save() }
	}

	var roles []string
	for _, r := range roleChoices() {
		roles = append(roles, roleTitle(r))
	}
	f.role = widget.NewSelect(roles, f.roleChosen)
	f.role.Selected = roleTitle(helpdesk.RoleTechnician)
	f.tier = widget.NewSelect(tierLabels(), nil)
	f.tier.Selected = helpdesk.L1.Label()

	f.queueBox = container.NewVBox()
	f.addQueueB = widget.NewButtonWithIcon("Map a queue", theme.ContentAddIcon(), func() {
		r := f.addQueue("", "")
		u.win.Canvas().Focus(r.name)
	})
	f.addQueueB.Importance = widget.LowImportance
	f.tierField = newKeyEntry()
	f.tierField.SetPlaceHolder("Optional: a ticket custom field holding the tier, e.g. Tier")
	f.tierField.onEscape = escape
	f.problem = errorLabel()

	f.activity = widget.NewActivity()
	f.activity.Hide()
	f.progress = widget.NewLabel("")
	f.progress.Hide()
	f.report = container.NewVBox()

	queueHint := widget.NewLabel("Which queue holds which tier's tickets. Leave it empty if your queues are named L1, L2, L3 or Tier 1 to 3.")
	queueHint.Wrapping = fyne.TextWrapWord
	queueHint.Importance = widget.LowImportance
	queueHint.SizeName = theme.SizeNameCaptionText

	f.fields = widget.NewForm(
		widget.NewFormItem("Account name", f.name),
		widget.NewFormItem("Server URL", f.url),
		widget.NewFormItem("User name", f.user),
		widget.NewFormItem("Password or token", container.NewVBox(f.secret, f.token)),
		widget.NewFormItem("My role and tier", container.NewGridWithColumns(2, f.role, f.tier)),
		widget.NewFormItem("Queue tiers", container.NewVBox(queueHint, f.queueBox, container.NewHBox(f.addQueueB))),
		widget.NewFormItem("Tier field", f.tierField),
	)
	f.scroll = container.NewVScroll(f.fields)
	f.fitFields()

	status := container.NewHBox(f.activity, f.progress)
	f.content = container.NewBorder(nil, container.NewVBox(f.problem, status, f.report), nil, nil, f.scroll)

	f.testB = widget.NewButtonWithIcon("Test connection", theme.SearchIcon(), f.test)
	f.saveB = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.save)
	f.saveB.Importance = widget.HighImportance
	f.cancelB = widget.NewButton("Cancel", escape)
	f.dlg = dialog.NewCustomWithoutButtons("Add a Request Tracker account", f.content, u.win)
	f.dlg.SetButtons([]fyne.CanvasObject{f.cancelB, f.testB, f.saveB})
	f.dlg.Resize(fyne.NewSize(formWidth+80, 0))
	u.dialogs.account = f
	u.show(f.dlg, func() {
		f.closed = true
		if f.cancelTest != nil {
			f.cancelTest() // nobody waits for the answer any more
		}
		u.dialogs.account = nil
	})
	u.win.Canvas().Focus(f.name)
}

// tierLabels are the tier choices, described.
func tierLabels() []string {
	var out []string
	for _, t := range helpdesk.Tiers() {
		out = append(out, t.Label())
	}
	return out
}

// parseTierLabel reads a choice of tierLabels.
func parseTierLabel(s string) (helpdesk.Tier, bool) {
	for _, t := range helpdesk.Tiers() {
		if t.Label() == s {
			return t, true
		}
	}
	return 0, false
}

// roleChosen suggests the tier that goes with a role: requesters are L0,
// technicians L1, engineers usually L2. The user can still pick another.
func (f *accountForm) roleChosen(title string) {
	switch title {
	case roleTitle(helpdesk.RoleRequester):
		f.tier.SetSelected(helpdesk.L0.Label())
	case roleTitle(helpdesk.RoleTechnician):
		f.tier.SetSelected(helpdesk.L1.Label())
	case roleTitle(helpdesk.RoleEngineer):
		f.tier.SetSelected(helpdesk.L2.Label())
	}
}

// addQueue adds a line to the queue map.
func (f *accountForm) addQueue(name, tier string) *queueRow {
	r := &queueRow{name: newKeyEntry()}
	r.name.SetPlaceHolder("Queue name, e.g. Service Desk")
	r.name.SetText(name)
	r.name.onEscape = f.escape
	var tiers []string
	for _, t := range helpdesk.Tiers() {
		tiers = append(tiers, t.String())
	}
	r.tier = widget.NewSelect(tiers, nil)
	r.tier.PlaceHolder = "Tier"
	if tier != "" {
		r.tier.Selected = tier
	}
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { f.removeQueue(r) })
	r.remove.Importance = widget.LowImportance
	arrow := widget.NewLabel("→")
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(arrow, r.tier, r.remove), r.name)
	f.queues = append(f.queues, r)
	f.queueBox.Add(r.box)
	f.refit()
	return r
}

// removeQueue deletes a line of the queue map.
func (f *accountForm) removeQueue(r *queueRow) {
	for i, q := range f.queues {
		if q == r {
			f.queues = append(f.queues[:i], f.queues[i+1:]...)
			break
		}
	}
	f.queueBox.Remove(r.box)
	f.refit()
}

// fitFields sizes the scrolling part to the fields, up to
// accountFormHeight and to what the window leaves beside the title, the
// messages, the report and the buttons: no scroll bar until it is needed.
func (f *accountForm) fitFields() {
	h := min(f.fields.MinSize().Height, accountFormHeight)
	if win := f.u.win.Canvas().Size().Height; win > 0 {
		h = min(h, max(160, win-accountFormChrome))
	}
	f.scroll.SetMinSize(fyne.NewSize(formWidth, h))
}

// refit follows a change in the number of queue lines.
func (f *accountForm) refit() {
	f.fitFields()
	if f.dlg != nil {
		f.relayout()
	}
}

// escape closes the form (Cancel, Escape), except while saving: the save
// might fail, and then the text must still be there.
func (f *accountForm) escape() {
	if f.saving {
		return
	}
	f.dlg.Hide()
}

// values reads the form. Errors are about the queue map, which only the
// form knows as rows; the app validates everything else.
func (f *accountForm) values() (app.NewAccount, error) {
	n := app.NewAccount{
		Name: strings.TrimSpace(f.name.Text),
		Server: app.Server{
			Kind:      "rt",
			URL:       strings.TrimRight(strings.TrimSpace(f.url.Text), "/"),
			User:      strings.TrimSpace(f.user.Text),
			Token:     f.token.Checked,
			TierField: strings.TrimSpace(f.tierField.Text),
		},
		Secret: f.secret.Text, // as typed: spaces can be part of a password
	}
	for _, r := range roleChoices() {
		if roleTitle(r) == f.role.Selected {
			n.Me.Role = r
		}
	}
	if t, ok := parseTierLabel(f.tier.Selected); ok {
		n.Me.Tier = t
	}
	for _, q := range f.queues {
		name := strings.TrimSpace(q.name.Text)
		if name == "" {
			continue // an empty line left over; not worth an error
		}
		t, err := helpdesk.ParseTier(q.tier.Selected)
		if err != nil {
			return n, fmt.Errorf("%w: choose the tier of the queue %q", helpdesk.ErrInvalid, name)
		}
		if _, dup := n.Server.QueueTiers[name]; dup {
			return n, fmt.Errorf("%w: the queue %q is mapped twice", helpdesk.ErrInvalid, name)
		}
		if n.Server.QueueTiers == nil {
			n.Server.QueueTiers = map[string]helpdesk.Tier{}
		}
		n.Server.QueueTiers[name] = t
	}
	return n, nil
}

// invalid shows a problem the user can fix in the form.
func (f *accountForm) invalid(err error) {
	setError(f.problem, userMessage(err))
	f.relayout()
}

// relayout fits the dialog to its messages, which appear and disappear
// below the form.
func (f *accountForm) relayout() {
	f.content.Refresh()
	f.dlg.Resize(fyne.NewSize(formWidth+80, 0))
	f.u.recentre()
}

// setBusy shows what runs in the background and keeps the buttons from
// starting it twice.
func (f *accountForm) setBusy(what string) {
	busy := f.testing || f.saving
	setEnabled(f.testB, !busy)
	setEnabled(f.saveB, !busy)
	setEnabled(f.cancelB, !f.saving)
	if what == "" {
		f.activity.Stop()
		f.activity.Hide()
		f.progress.Hide()
	} else {
		f.progress.SetText(what)
		f.progress.Show()
		f.activity.Show()
		f.activity.Start()
	}
	f.relayout()
}

// test runs app.TestConnection in the background. The form stays usable
// meanwhile: the user can go on typing, or cancel.
func (f *accountForm) test() {
	if f.testing || f.saving {
		return
	}
	n, err := f.values()
	if err == nil {
		err = n.Server.Validate()
	}
	if err == nil && n.Secret == "" {
		err = fmt.Errorf("%w: enter the password or token to test the connection", helpdesk.ErrInvalid)
	}
	if err != nil {
		f.invalid(err)
		return
	}
	setError(f.problem, "")
	f.report.RemoveAll()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	f.cancelTest = cancel
	f.testing = true
	f.setBusy("Testing the connection to " + n.Server.URL + "…")
	var rep app.ConnectionReport
	f.u.background(func() (err error) {
		defer cancel()
		rep, err = app.TestConnection(ctx, n.Server, n.Secret)
		return err
	}, func(err error) { f.tested(rep, err) })
}

// tested shows the outcome of the connection test.
func (f *accountForm) tested(rep app.ConnectionReport, err error) {
	f.testing = false
	f.cancelTest = nil
	if f.closed {
		return
	}
	f.setBusy("")
	switch {
	case errors.Is(err, helpdesk.ErrInvalid):
		f.invalid(err)
		return
	case err != nil:
		f.u.log.Error("test connection", "err", err)
		rep = app.ConnectionReport{Summary: "The connection could not be tested.", Problems: []string{userMessage(err)}}
	}
	f.showReport(rep)
}

// showReport lays out a connection report: the summary in green or red,
// then the problems in red (the account cannot work until they are fixed)
// and the warnings in amber (it works, but something is off).
func (f *accountForm) showReport(rep app.ConnectionReport) {
	f.report.RemoveAll()
	summary := widget.NewLabelWithStyle(capitalise(rep.Summary), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	summary.Wrapping = fyne.TextWrapWord
	summary.Importance = widget.SuccessImportance
	if !rep.OK {
		summary.Importance = widget.DangerImportance
	}
	f.report.Add(summary)
	add := func(text string, imp widget.Importance) {
		l := widget.NewLabel("• " + upperFirst(text))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		f.report.Add(l)
	}
	for _, p := range rep.Problems {
		if capitalise(p) != capitalise(rep.Summary) { // the summary is often the first problem
			add(p, widget.DangerImportance)
		}
	}
	for _, w := range rep.Warnings {
		add(w, widget.WarningImportance)
	}
	f.relayout()
}

// save adds the account in the background and, once it is saved, closes
// the form and offers to switch to it.
func (f *accountForm) save() {
	if f.saving || f.testing {
		return
	}
	n, err := f.values()
	if err == nil {
		err = precheck(n)
	}
	if err != nil {
		f.invalid(err)
		return
	}
	setError(f.problem, "")
	f.saving = true
	f.setBusy("Saving the account…")
	u := f.u
	dir, secrets := u.dataDir, u.opts.Secrets
	u.background(func() error { return app.AddAccount(dir, n, secrets) }, func(err error) { f.saved(n.Name, err) })
}

// precheck runs the checks app.AddAccount starts with, on the Fyne thread,
// so a mistake in the form is pointed out at once rather than after the
// background save; AddAccount checks again.
func precheck(n app.NewAccount) error {
	me := n.Me
	if me.Name == "" {
		me.Name = n.Server.User
	}
	if err := (app.Profile{Account: n.Name, Me: me, Server: &n.Server}).Validate(); err != nil {
		return err
	}
	if n.Secret == "" {
		return fmt.Errorf("%w: enter the password or token; it is kept in the system keyring", helpdesk.ErrInvalid)
	}
	return nil
}

// saved handles the outcome of save.
func (f *accountForm) saved(name string, err error) {
	f.saving = false
	f.setBusy("")
	u := f.u
	switch {
	case errors.Is(err, helpdesk.ErrInvalid):
		f.invalid(err)
		u.win.Canvas().Focus(f.name)
	case errors.Is(err, fs.ErrExist):
		f.invalid(fmt.Errorf("%w: there is already an account called %q (or one whose name differs only in case or punctuation); choose another name",
			helpdesk.ErrInvalid, name))
		u.win.Canvas().Focus(f.name)
	case err != nil:
		u.report("Could not save the account; the form keeps what you typed.", err)
	default:
		u.log.Info("account added", "account", name)
		f.dlg.Hide()
		u.settings.reload()
		u.offerSwitch(name)
	}
}

// offerSwitch asks whether to open a newly added account now.
func (u *UI) offerSwitch(name string) {
	if u.opts.Reopen == nil {
		u.show(dialog.NewInformation("Account added",
			fmt.Sprintf("The account %q is saved. Start Tierdesk with --account %q to open it.", name, name), u.win), nil)
		return
	}
	row := accountRow{account: name, title: name}
	d := dialog.NewConfirm("Account added",
		fmt.Sprintf("The account %q is saved. Switch to it now?\n\n"+
			"Its tickets are fetched from the server on the first sync; for a large helpdesk that takes a while, "+
			"and you can work as they arrive.", name),
		func(ok bool) {
			if ok {
				u.settings.switchTo(row)
			}
		}, u.win)
	d.SetConfirmText("Switch now")
	d.SetDismissText("Later")
	u.show(d, nil)
}

// roleChoices are the roles offered in the account form, agents first
// because they are who sets up accounts most.
func roleChoices() []helpdesk.Role {
	return []helpdesk.Role{helpdesk.RoleTechnician, helpdesk.RoleEngineer, helpdesk.RoleRequester}
}
