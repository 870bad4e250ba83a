package main

import (
	"log/slog"
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

// bareEnv makes the binary open a bare toolkit window instead of
// Tierdesk: one Fyne window holding one label, no store, no tray, no sync.
// The whole-process benchmarks measure it beside the app so the idle-CPU
// and memory rows show, in the same run, what the toolkit costs before
// Tierdesk adds anything (main_bench_test.go).
const bareEnv = "TIERDESK_BENCH_BARE"

// runBareWindow opens the bare window, marks its first frame like the real
// window does, and returns when it is closed.
func runBareWindow() int {
	fyneapp.SetMetadata(fyne.AppMetadata{ID: appID + ".Bare", Name: "Tierdesk bare window",
		Migrations: map[string]bool{"fyneDo": true}})
	a := fyneapp.NewWithID(appID + ".Bare")
	win := a.NewWindow("Tierdesk bare window")
	win.SetContent(widget.NewLabel("The toolkit alone"))
	win.Resize(fyne.NewSize(1200, 760)) // the size ui gives the real window
	painted := firstFrame(win)
	go func() {
		<-painted
		benchMark("first-frame")
	}()
	exitIfShutdownHangs(slog.Default())
	win.ShowAndRun()
	return 0
}

// wantsBareWindow says whether the benchmarks asked for the bare window.
func wantsBareWindow() bool { return os.Getenv(bareEnv) != "" && os.Getenv(benchEnv) != "" }
