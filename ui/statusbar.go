package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusBar is the line along the bottom: whose desk this is and whether
// their work has reached the server. Offline is shown loudly because a
// technician who thinks a reply went out when it did not is the failure
// this app exists to prevent.
type statusBar struct {
	u *UI

	account  *widget.Label
	identity *widget.Label
	state    *badge // Online / Offline
	online   *widget.Label
	lastSync *widget.Label
	unsent   *widget.Label

	left, right, bar *fyne.Container
	pane             fyne.CanvasObject
}

func newStatusBar(u *UI) *statusBar {
	s := &statusBar{u: u}
	s.account = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.identity = widget.NewLabel(u.me.Name + " · " + roleTitle(u.me.Role) + " · " + u.me.Tier.String())
	s.state = newBadge("Offline", toneRed)
	s.online = widget.NewLabel("")
	s.lastSync = widget.NewLabel("")
	s.unsent = widget.NewLabel("")
	for _, l := range []*widget.Label{s.account, s.identity, s.online, s.lastSync, s.unsent} {
		l.SizeName = theme.SizeNameCaptionText
	}
	s.left = container.NewHBox(s.account, widget.NewSeparator(), s.identity)
	s.right = container.NewHBox(s.state, s.online, widget.NewSeparator(), s.lastSync, widget.NewSeparator(), s.unsent)
	s.bar = container.NewBorder(nil, nil, s.left, s.right)
	s.pane = container.NewVBox(widget.NewSeparator(), s.bar)
	return s
}

// refresh redraws the bar from the desk's sync state (memory only).
func (s *statusBar) refresh() {
	st := s.u.desk.State()
	name := st.Account
	if name == "" {
		name = "Local"
	}
	s.account.SetText(name)
	if st.Online {
		s.state.set("Online", toneGreen)
		s.online.Hide()
	} else {
		s.state.set("Offline", toneRed)
		s.online.SetText("working from this device; changes are kept and sent later")
		s.online.Importance = widget.DangerImportance
		s.online.Show()
	}
	s.lastSync.SetText("Last sync: " + ago(s.u.desk.Now(), st.LastSync))
	switch st.Unsent {
	case 0:
		s.unsent.SetText("All changes sent")
		s.unsent.Importance = widget.SuccessImportance
	default:
		s.unsent.SetText(plural(st.Unsent, "unsent change", "unsent changes"))
		s.unsent.Importance = widget.WarningImportance
	}
	s.unsent.Refresh()
	s.online.Refresh()
	relayout(s.bar, s.left, s.right)
}
