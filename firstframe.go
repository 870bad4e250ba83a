package main

import (
	"image"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// searchStartDelay bounds how long the search index waits for the first
// frame: a window that starts minimised may not paint for a long time, and
// search must not wait for it.
const searchStartDelay = 2 * time.Second

// firstFrame returns a channel closed when win's current content is
// painted for the first time. It must run on the main goroutine before the
// window is shown.
//
// Fyne has no first-frame callback, and reading the front buffer back
// (Canvas.Capture) gives nothing under Xvfb, so the content is stacked
// with a transparent raster: the GL painter calls a raster's generator
// while it paints it, and a stack paints its last object after the others,
// so the first call happens in the first paint pass, after the list and
// every other widget of that frame were drawn, just before the buffer swap.
func firstFrame(win fyne.Window) <-chan struct{} {
	painted := make(chan struct{})
	var once sync.Once
	probe := canvas.NewRaster(func(w, h int) image.Image {
		once.Do(func() { close(painted) })
		return image.NewNRGBA(image.Rect(0, 0, 1, 1)) // transparent
	})
	// One pixel in a corner: painted with the frame, but not a quad the
	// size of the window blended on every repaint.
	probe.Resize(fyne.NewSquareSize(1))
	win.SetContent(container.NewStack(win.Content(), container.NewWithoutLayout(probe)))
	return painted
}

// afterFirstFrame runs fn once painted is closed or after searchStartDelay,
// whichever comes first.
func afterFirstFrame(painted <-chan struct{}, fn func()) {
	go func() {
		t := time.NewTimer(searchStartDelay)
		defer t.Stop()
		select {
		case <-painted:
		case <-t.C:
		}
		fn()
	}()
}
