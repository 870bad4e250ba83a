package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// bellSVG is the Material Design "notifications" icon (Apache 2.0, the set
// Fyne's own icons come from), for the alert inbox: Fyne's theme has no
// bell, and a warning triangle would read as an error.
const bellSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">` +
	`<path fill="#000000" d="M12 22c1.1 0 2-.9 2-2h-4c0 1.1.89 2 2 2zm6-6v-5c0-3.07-1.64-5.64-4.5-6.32V4` +
	`c0-.83-.67-1.5-1.5-1.5s-1.5.67-1.5 1.5v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z"/></svg>`

// bellIcon is the bell in the theme's foreground colour, so it follows the
// light and dark variants like the built-in icons.
var bellIcon fyne.Resource = theme.NewThemedResource(fyne.NewStaticResource("bell.svg", []byte(bellSVG)))
