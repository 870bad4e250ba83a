package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
)

// bareEnv makes the binary run one part of Tierdesk alone, for the
// whole-process benchmarks (main_bench_test.go), which measure the parts
// beside the app so the idle-CPU and memory rows show, in the same run,
// what each costs: "window" opens a bare toolkit window (one Fyne window
// holding one label, no store, no tray, no sync); "store" opens the
// workspace the flags select, as the app does, with no window and no
// sync, and waits for SIGTERM.
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

// bareMode is the part the benchmarks asked to run alone, or "".
func bareMode() string {
	if os.Getenv(benchEnv) == "" {
		return ""
	}
	return os.Getenv(bareEnv)
}

// runBare runs the part bareMode names.
func runBare(mode string, args []string) int {
	switch mode {
	case "window":
		return runBareWindow()
	case "store":
		return runBareStore(args)
	}
	fmt.Fprintf(os.Stderr, "tierdesk: %s=%q: want window or store\n", bareEnv, mode)
	return 2
}

// runBareStore opens the workspace given by --demo and --data-dir the way
// the window does, without the window, and closes it on SIGTERM or SIGINT.
func runBareStore(args []string) int {
	fs := flag.NewFlagSet("tierdesk", flag.ContinueOnError)
	var sel app.Selection
	fs.BoolVar(&sel.Demo, "demo", false, "")
	fs.StringVar(&sel.DataDir, "data-dir", "", "")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	desk, err := app.Open(sel, app.OSKeyring{}, app.Options{Logger: slog.Default()})
	if err != nil {
		fmt.Fprintln(os.Stderr, "tierdesk:", err)
		return 1
	}
	benchMark("store-open")
	go profileIdle()
	<-stop
	if err := desk.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "tierdesk:", err)
		return 1
	}
	return 0
}
