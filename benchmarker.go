package main

import (
	"fmt"
	"image"
	"os"
	"time"

	"fyne.io/fyne/v2"

	"github.com/tierdesk/tierdesk/app"
)

// benchEnv turns on the markers the whole-process benchmarks read
// (main_bench_test.go). Off by default: a user never sees them.
const benchEnv = "TIERDESK_BENCH_FIRSTFRAME"

// startBenchMarkers, when benchEnv is set, prints to stderr
//
//	tierdesk-bench: first-frame <ms since the process started>
//
// once the window's front buffer holds a drawn frame that is not blank
// (read back with Canvas.Capture, which reads the front buffer: what was
// presented, not what is being drawn), then "search-ready" once the
// full-text index is built and "synced" after the first good sync. Fyne
// has no first-frame callback, so the frame is polled every 5 ms; the
// figure is late by at most that plus one read-back.
func startBenchMarkers(a fyne.App, desk *app.Desk) {
	if os.Getenv(benchEnv) == "" {
		return
	}
	start := processStart()
	mark := func(what string) {
		fmt.Fprintf(os.Stderr, "tierdesk-bench: %s %.1f\n", what, float64(time.Since(start).Microseconds())/1000)
	}
	go func() {
		for {
			drawn := false
			fyne.DoAndWait(func() {
				for _, w := range a.Driver().AllWindows() {
					if img := w.Canvas().Capture(); img != nil && !blank(img) {
						drawn = true
					}
				}
			})
			if drawn {
				mark("first-frame")
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		for !desk.SearchReady() {
			time.Sleep(20 * time.Millisecond)
		}
		mark("search-ready")
		if !desk.HasServer() {
			return
		}
		for desk.State().LastSync.IsZero() {
			time.Sleep(50 * time.Millisecond)
		}
		mark("synced")
	}()
}

// blank reports whether every sampled pixel has one colour, as a window
// that is mapped but not yet painted has.
func blank(img image.Image) bool {
	b := img.Bounds()
	if b.Empty() {
		return true
	}
	r0, g0, b0, a0 := img.At(b.Min.X, b.Min.Y).RGBA()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			if r, g, bb, aa := img.At(x, y).RGBA(); r != r0 || g != g0 || bb != b0 || aa != a0 {
				return false
			}
		}
	}
	return true
}
