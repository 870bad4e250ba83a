package app

import (
	"fmt"

	"github.com/gen2brain/beeep"

	"github.com/tierdesk/tierdesk/assets"
)

// Notifier shows a desktop notification. The watcher raises alerts through
// it; tests pass a NotifierFunc that records them.
type Notifier interface {
	Notify(title, body string) error
}

// NotifierFunc adapts a function to Notifier.
type NotifierFunc func(title, body string) error

// Notify calls f.
func (f NotifierFunc) Notify(title, body string) error { return f(title, body) }

// DesktopNotifier sends notifications through the platform's service:
// org.freedesktop.Notifications over D-Bus on Linux, the notification
// centre on macOS and toasts on Windows (beeep).
type DesktopNotifier struct{}

// Notify shows one notification with the Tierdesk icon.
func (DesktopNotifier) Notify(title, body string) error {
	beeep.AppName = "Tierdesk"
	if err := beeep.Notify(title, body, assets.IconPNG); err != nil {
		return fmt.Errorf("desktop notification: %w", err)
	}
	return nil
}
