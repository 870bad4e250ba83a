package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// demoBanner sits at the top of the ticket list while the demo workspace is
// open. A first-time user lands in the demo (there is no account yet), and
// without a hint they may work tickets that no helpdesk will ever see. It
// can be dismissed for the session: once read, it is noise.
type demoBanner struct {
	text    *widget.Label
	open    *widget.Button
	dismiss *widget.Button
	box     *fyne.Container
	pane    *card
	// around are the containers to lay out again when the banner goes, so
	// the list moves up into its place at once.
	around []*fyne.Container
}

func newDemoBanner(u *UI) *demoBanner {
	b := &demoBanner{}
	b.text = widget.NewLabel("You're looking at the demo workspace. Add your helpdesk account in Settings.")
	b.text.Wrapping = fyne.TextWrapWord
	b.open = widget.NewButtonWithIcon("Open Settings", theme.SettingsIcon(), u.openAccounts)
	b.dismiss = widget.NewButton("Not now", b.hide)
	b.dismiss.Importance = widget.LowImportance
	buttons := container.NewHBox(layout.NewSpacer(), b.dismiss, b.open)
	b.box = container.New(layout.NewCustomPaddedVBoxLayout(0), b.text, buttons)
	b.pane = newCard(b.box, &toneBlue)
	return b
}

// hide removes the banner for this session.
func (b *demoBanner) hide() {
	b.pane.Hide()
	relayout(b.around...)
}
