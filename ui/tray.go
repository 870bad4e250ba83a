package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/tierdesk/tierdesk/assets"
)

// prefKeepInTray is the Fyne preference (per user, across accounts) that
// makes closing the window hide it while Tierdesk keeps running in the
// tray, so alerts keep coming with no window open.
const prefKeepInTray = "tray.keepRunning"

// pauseSpan is how long "Pause alerts" silences the desktop: long enough
// for a meeting, short enough that nobody forgets to resume.
const pauseSpan = time.Hour

// trayHost is the part of desktop.App the tray needs; tests pass a fake,
// because the test driver has no tray.
type trayHost interface {
	SetSystemTrayMenu(menu *fyne.Menu)
	SetSystemTrayIcon(icon fyne.Resource)
}

// setupTray puts Tierdesk in the system tray: the icon and the menu, which
// refreshTray keeps current.
func (u *UI) setupTray(h trayHost) {
	u.tray = h
	u.traySig = ""
	h.SetSystemTrayIcon(assets.Icon)
	u.refreshTray()
	u.applyCloseBehaviour()
	u.settings.rules.trayChanged()
}

// trayMenu builds the tray menu for the current desk and pause state. Its
// actions read the UI when they run, not when the menu is built, so a menu
// still shown after an account switch acts on the new account.
func (u *UI) trayMenu() *fyne.Menu {
	open := fyne.NewMenuItem("Open Tierdesk", u.showWindow)
	inbox := fyne.NewMenuItem("Alerts", func() {
		u.showWindow()
		u.showAlerts()
	})
	if n := u.alerts.unread; n > 0 {
		inbox.Label = "Alerts (" + plural(n, "unread", "unread") + ")"
	}
	syncNow := fyne.NewMenuItem("Sync now", func() { u.desk.SyncNow() })
	syncNow.Disabled = !u.desk.HasServer()
	pause := fyne.NewMenuItem("Pause alerts for 1 hour", func() { u.pauseAlerts(pauseSpan) })
	if until, on := u.paused(); on {
		pause.Label = "Resume alerts (paused until " + clockTime(u.desk.Now(), until) + ")"
		pause.Action = func() { u.pauseAlerts(0) }
	}
	quit := fyne.NewMenuItem("Quit", u.quit)
	// Marked so Fyne does not add a Quit of its own after it.
	quit.IsQuit = true
	return fyne.NewMenu("Tierdesk", open, inbox, fyne.NewMenuItemSeparator(),
		syncNow, pause, fyne.NewMenuItemSeparator(), quit)
}

// refreshTray shows the current menu in the tray. The platform's menu is
// rebuilt from scratch on every set, so it is only set when a label or a
// disabled state differs from the one shown.
func (u *UI) refreshTray() {
	if u.tray == nil {
		return
	}
	m := u.trayMenu()
	var sig strings.Builder
	for _, it := range m.Items {
		sig.WriteString(it.Label)
		if it.Disabled {
			sig.WriteString(" (off)")
		}
		sig.WriteByte('\n')
	}
	if sig.String() == u.traySig {
		return
	}
	u.traySig = sig.String()
	u.tray.SetSystemTrayMenu(m)
}

// keepInTray reports whether closing the window only hides it: the user
// asked for it and there is a tray to bring it back from.
func (u *UI) keepInTray() bool {
	return u.tray != nil && u.fa.Preferences().Bool(prefKeepInTray)
}

// applyCloseBehaviour makes closing the window hide it or quit, as the
// preference says. Without a tray it always quits: a hidden window with no
// tray icon could only be ended by killing the process.
func (u *UI) applyCloseBehaviour() {
	if u.keepInTray() {
		u.win.SetCloseIntercept(u.hideToTray)
	} else {
		u.win.SetCloseIntercept(nil)
	}
}

// setKeepInTray stores the preference and applies it at once.
func (u *UI) setKeepInTray(on bool) {
	u.fa.Preferences().SetBool(prefKeepInTray, on)
	u.applyCloseBehaviour()
}

// hideToTray is the close button while Tierdesk keeps running in the tray.
func (u *UI) hideToTray() {
	u.log.Info("window closed; still running in the system tray")
	u.win.Hide()
}

// showWindow brings the window back (the tray's Open).
func (u *UI) showWindow() {
	u.win.Show()
	u.win.RequestFocus()
}

// quit ends the application (the tray's Quit). The run loop returns, and
// ShowAndRun's end then stops following the desk and waits for desks
// being closed, after which main closes the open one: the same clean end
// as closing the window.
func (u *UI) quit() {
	u.log.Info("quit from the system tray")
	u.fa.Quit()
}

// loadPause reads when the user's pause of desktop alerts ends.
func (u *UI) loadPause() {
	r, err := u.desk.AlertRules()
	if err != nil {
		u.log.Error("read the alert rules", "err", err)
	}
	u.pausedUntil = r.PausedUntil
}

// paused reports whether desktop alerts are paused now, and until when.
func (u *UI) paused() (time.Time, bool) {
	return u.pausedUntil, u.desk.Now().Before(u.pausedUntil)
}

// pauseAlerts pauses desktop alerts for span, or resumes them (0). The
// inbox still records every alert meanwhile.
func (u *UI) pauseAlerts(span time.Duration) {
	if err := u.desk.PauseAlerts(span); err != nil {
		what := "Could not pause the alerts"
		if span == 0 {
			what = "Could not resume the alerts"
		}
		u.report(what, err)
		return
	}
	u.loadPause()
	u.pauseChanged()
}

// pauseChanged redraws what shows the pause: the tray and Settings.
func (u *UI) pauseChanged() {
	u.refreshTray()
	u.settings.rules.drawPause()
}

// pauseTick ends a pause on screen once its time has passed; the desk
// stops honouring it by itself, as it compares with the clock.
func (u *UI) pauseTick() {
	if !u.pausedUntil.IsZero() && !u.desk.Now().Before(u.pausedUntil) {
		u.pausedUntil = time.Time{}
		u.pauseChanged()
	}
}

// clockTime is a local time of day, with the weekday when it is not
// today (a pause set late in the evening ends after midnight).
func clockTime(now, t time.Time) string {
	t, now = t.Local(), now.Local()
	if y, m, d := t.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return t.Format("15:04")
	}
	return t.Format("Mon 15:04")
}
