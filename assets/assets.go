// Package assets holds the resources compiled into the Tierdesk binary, so
// the app finds its icon without depending on where or how it was installed.
//
// icon.png is rendered from icon.svg by render-icons.sh and committed, so a
// build needs neither librsvg nor ImageMagick.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

// IconPNG is the application icon as PNG bytes, for code outside the UI
// (desktop notifications) that should not depend on Fyne.
//
//go:embed icon.png
var IconPNG []byte

// Icon is the application icon, a 512×512 PNG. main sets it on the
// fyne.App, which hands it to every window, the system tray and desktop
// notifications. The name keeps its .png extension because Fyne tells SVG
// from raster resources by the name.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", IconPNG)
