package ui

import "fyne.io/fyne/v2"

// relayout lays c out again at its current size. Showing, hiding or
// re-texting a child changes what its container needs, and while the
// desktop driver notices that on the next frame, the software canvas
// (tests, captures) does not; laying out explicitly keeps both right.
// Containers whose size changes as a result lay themselves out in turn.
func relayout(cs ...*fyne.Container) {
	for _, c := range cs {
		if c != nil && c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
	}
}
