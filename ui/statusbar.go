package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
)

// progressWidth is the width of the first-sync progress bar: room for
// "Fetching tickets 12345 / 12345" without pushing the rest of the bar off.
const progressWidth = 260

// statusBar is the line along the bottom: whose desk this is and whether
// their work has reached the server. Offline is shown loudly because a
// technician who thinks a reply went out when it did not is the failure
// this app exists to prevent.
type statusBar struct {
	u *UI

	account  *widget.Label
	identity *widget.Label
	state    *badge         // Online / Offline / Syncing… / Local only
	detail   *widget.Label  // why offline, when the next attempt is
	why      *widget.Button // the whole error, which detail shortens
	progress *widget.ProgressBar
	lastSync *widget.Label
	unsent   *widget.Label
	syncNow  *widget.Button

	// st is the state drawn; retryAt is when the engine will try again,
	// anchored when the state arrived, because RetryIn is a duration as of
	// then and the countdown must keep running between updates.
	st      app.SyncState
	retryAt time.Time

	progressBox      *fyne.Container
	left, right, bar *fyne.Container
	pane             fyne.CanvasObject
}

func newStatusBar(u *UI) *statusBar {
	s := &statusBar{u: u}
	s.account = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.identity = widget.NewLabel(u.me.Name + " · " + roleTitle(u.me.Role) + " · " + u.me.Tier.String())
	s.state = newBadge("Offline", toneRed)
	s.detail = widget.NewLabel("")
	s.lastSync = widget.NewLabel("")
	s.unsent = widget.NewLabel("")
	for _, l := range []*widget.Label{s.account, s.identity, s.detail, s.lastSync, s.unsent} {
		l.SizeName = theme.SizeNameCaptionText
	}
	s.why = widget.NewButtonWithIcon("", theme.InfoIcon(), s.explain)
	s.why.Importance = widget.LowImportance
	s.progress = widget.NewProgressBar()
	s.progress.TextFormatter = s.progressText
	s.progressBox = container.NewGridWrap(fyne.NewSize(progressWidth, s.progress.MinSize().Height), s.progress)
	s.syncNow = widget.NewButtonWithIcon("Sync now", theme.ViewRefreshIcon(), func() { s.u.desk.SyncNow() })
	s.syncNow.Importance = widget.LowImportance

	s.left = container.NewHBox(s.account, widget.NewSeparator(), s.identity)
	s.right = container.NewHBox(s.progressBox, s.state, s.detail, s.why, widget.NewSeparator(),
		s.lastSync, widget.NewSeparator(), s.unsent, s.syncNow)
	s.bar = container.NewBorder(nil, nil, s.left, s.right)
	s.pane = container.NewVBox(widget.NewSeparator(), s.bar)
	return s
}

// refresh re-reads the desk's state after a local change (memory only).
// The retry countdown keeps running unless the engine's state moved.
func (s *statusBar) refresh() {
	st, now := s.u.desk.State(), s.u.desk.Now()
	if engineMoved(s.st, st) {
		s.update(st, now)
		return
	}
	s.st = st
	s.draw(now)
}

// update shows st as the engine's new state at now: the retry countdown
// starts from here.
func (s *statusBar) update(st app.SyncState, now time.Time) {
	s.st = st
	s.retryAt = now.Add(st.RetryIn)
	s.draw(now)
}

// redraw draws the state already shown against the current time (the
// clock's tick: relative times and the countdown).
func (s *statusBar) redraw() { s.draw(s.u.desk.Now()) }

// engineMoved reports whether the sync part of the state differs, which a
// status change the UI has not been told about yet would show.
func engineMoved(a, b app.SyncState) bool {
	return a.HasServer != b.HasServer || a.Online != b.Online || a.Syncing != b.Syncing ||
		a.RetryIn != b.RetryIn || !a.LastSync.Equal(b.LastSync) || errText(a.LastError) != errText(b.LastError)
}

// errText is err's message, "" for nil. Errors are compared by text
// because comparing interface values panics on uncomparable error types.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// draw lays out st at now.
func (s *statusBar) draw(now time.Time) {
	st := s.st
	name := st.Account
	if name == "" {
		name = "Local"
	}
	s.account.SetText(name)
	s.detail.Hide()
	s.why.Hide()
	s.progressBox.Hide()
	counting := false

	switch {
	case !st.HasServer:
		// Nothing is ever sent from here, so "Offline" would be a false
		// alarm and "Online" a lie.
		if isDemo(st) {
			s.state.set("Demo (local only)", toneGrey)
		} else {
			s.state.set("Local only", toneGrey)
		}
	case st.Syncing:
		s.state.set("Syncing…", toneBlue)
		if p := st.Progress; p.Total > 0 {
			s.progress.SetValue(min(1, float64(p.Done)/float64(p.Total)))
			s.progressBox.Show()
		}
	case st.Online:
		s.state.set("Online", toneGreen)
		if st.LastError != nil {
			// Reachable, but the sync failed for another reason (the store,
			// a server error): still something the user should know.
			s.setDetail("last sync failed: "+shortError(st.LastError), widget.DangerImportance)
			s.why.Show()
		}
	default:
		s.state.set("Offline", toneRed)
		var parts []string
		if st.RetryIn > 0 {
			if left := s.retryAt.Sub(now); left > 0 {
				parts = append(parts, "retrying in "+countdown(left))
				counting = true
			} else {
				parts = append(parts, "retrying now")
			}
		}
		if st.LastError != nil {
			parts = append(parts, shortError(st.LastError))
			s.why.Show()
		} else {
			parts = append(parts, "changes are kept and sent later")
		}
		s.setDetail(strings.Join(parts, " · "), widget.DangerImportance)
	}
	s.u.counting.Store(counting)

	if st.HasServer {
		s.lastSync.SetText("Last sync: " + ago(now, st.LastSync))
		s.lastSync.Show()
		s.syncNow.Show()
		setEnabled(s.syncNow, !st.Syncing)
	} else {
		// A workspace without a server never syncs; "Last sync: never"
		// would read like a fault.
		s.lastSync.Hide()
		s.syncNow.Hide()
	}
	switch st.Unsent {
	case 0:
		s.unsent.SetText("All changes sent")
		s.unsent.Importance = widget.SuccessImportance
	default:
		s.unsent.SetText(plural(st.Unsent, "unsent change", "unsent changes"))
		s.unsent.Importance = widget.WarningImportance
	}
	if !st.HasServer && st.Unsent > 0 {
		// Nothing is going to send them, so they are no cause for alarm.
		s.unsent.Importance = widget.MediumImportance
	}
	s.unsent.Refresh()
	relayout(s.bar, s.left, s.right)
}

// setDetail shows the secondary text next to the state badge.
func (s *statusBar) setDetail(text string, imp widget.Importance) {
	s.detail.Importance = imp
	s.detail.SetText(text)
	s.detail.Show()
}

// progressText labels the first-sync progress bar.
func (s *statusBar) progressText() string {
	p := s.st.Progress
	return fmt.Sprintf("Fetching tickets %d / %d", p.Done, p.Total)
}

// explain shows the whole sync error, which the bar can only shorten.
func (s *statusBar) explain() {
	if s.st.LastError == nil {
		return
	}
	msg := widget.NewLabel(userMessage(s.st.LastError) +
		"\n\nNothing is lost: changes stay on this device and are sent when the server can be reached.")
	msg.Wrapping = fyne.TextWrapWord
	msg.Selectable = true // so it can be pasted into a ticket for the administrators
	d := dialog.NewCustom("Why the last sync failed", "Close", msg, s.u.win)
	d.Resize(fyne.NewSize(formWidth, 0))
	s.u.show(d, nil)
}

// countdown is a short wait in the unit people count it in: seconds up to
// two minutes ("40 s"), minutes beyond.
func countdown(d time.Duration) string {
	secs := int((d + time.Second - 1) / time.Second) // round up: never "in 0 s"
	if secs < 120 {
		return fmt.Sprintf("%d s", secs)
	}
	return fmt.Sprintf("%d min", (secs+59)/60)
}

// shortError fits an error in the status bar: its first line, capped,
// because sync errors can carry a whole server response.
func shortError(err error) string {
	msg := userMessage(err)
	msg, _, _ = strings.Cut(msg, "\n")
	return excerpt(strings.TrimSuffix(msg, "."), 70)
}

// excerpt shortens s to at most n runes.
func excerpt(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}
