// Command tierdesk is the Tierdesk desktop help-desk client. Without a
// command it opens the window; with one ("tierdesk tickets", "tierdesk
// ticket show 42", ...) it runs headless on the same workspace.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/app/cli"
	"github.com/tierdesk/tierdesk/assets"
	"github.com/tierdesk/tierdesk/ui"
)

// appID matches FyneApp.toml; Fyne keys preferences and storage on it.
const appID = "io.github.tierdesk.Tierdesk"

func main() {
	args := os.Args[1:]
	if mode := bareMode(); mode != "" {
		os.Exit(runBare(mode, args))
	}
	if cli.HasCommand(args) {
		os.Exit(cli.Main(args, os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(runWindow(args))
}

// runWindow opens the window on the selected workspace and returns the
// exit code once it is closed.
func runWindow(args []string) int {
	fs := flag.NewFlagSet("tierdesk", flag.ContinueOnError)
	var sel app.Selection
	fs.BoolVar(&sel.Demo, "demo", false, "open the demo workspace (generated on first use; needs no server)")
	fs.StringVar(&sel.DataDir, "data-dir", "", "the folder holding the workspaces (default: the OS user data folder)")
	fs.StringVar(&sel.Account, "account", "", "the account to open when there are several")
	version := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: tierdesk [--demo] [--data-dir DIR] [--account NAME]\n       tierdesk COMMAND ... (tierdesk help lists the commands)\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *version {
		fmt.Println("tierdesk", app.Version)
		return 0
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "tierdesk: unknown command %q (tierdesk help lists the commands)\n", fs.Arg(0))
		return 2
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	slog.SetDefault(log)
	startStartupProfile()
	restoreGC := relaxGCForStartup()

	// One opener for the first workspace and for every account the user
	// switches to in Settings, so all are opened the same way.
	open := func(sel app.Selection) (*app.Desk, error) {
		return app.Open(sel, app.OSKeyring{}, app.Options{Logger: log})
	}
	// The first desk builds its search index after the first frame, so
	// the two do not compete for the CPU at start-up. It opens on another
	// goroutine while this one brings up the toolkit and the window (GLFW,
	// the GL context, fonts): on two cores the store's open then costs the
	// first frame little more than an empty store's.
	type opened struct {
		desk *app.Desk
		err  error
	}
	first := make(chan opened, 1)
	go func() {
		openFirst := func(sel app.Selection) (*app.Desk, error) {
			return app.Open(sel, app.OSKeyring{}, app.Options{Logger: log, DeferSearch: true})
		}
		desk, err := openFirst(sel)
		if errors.Is(err, app.ErrNoAccount) {
			// First run: show the demo rather than an empty window.
			log.Info("no account configured; opening the demo workspace", "reason", err)
			sel.Demo = true
			desk, err = openFirst(sel)
		}
		benchMark("store-open")
		first <- opened{desk, err}
	}()
	// Set here rather than only in FyneApp.toml, which Fyne reads at run
	// time only next to the source: an installed binary must still opt in
	// to the fyne.Do threading model it is written for.
	fyneapp.SetMetadata(fyne.AppMetadata{ID: appID, Name: "Tierdesk", Version: app.Version, Icon: assets.Icon,
		Migrations: map[string]bool{"fyneDo": true}})
	a := fyneapp.NewWithID(appID)
	a.SetIcon(assets.Icon)
	win := a.NewWindow("Tierdesk")
	if da, ok := a.(desktop.App); ok {
		// The tray's first menu makes Fyne create its hidden tray window,
		// which initialises GLFW and the GL context: the slowest part of
		// building the UI, done here while the store opens. The UI puts
		// the real menu in (ui.setupTray).
		da.SetSystemTrayMenu(fyne.NewMenu("Tierdesk"))
	}
	benchMark("window-made")
	r := <-first
	desk, err := r.desk, r.err
	if err != nil {
		fmt.Fprintln(os.Stderr, "tierdesk:", err)
		return 1
	}
	u := ui.NewWithOptions(a, desk, ui.Options{DataDir: sel.DataDir, Secrets: app.OSKeyring{}, Reopen: open, Window: win})
	benchMark("ui-built")
	painted := firstFrame(u.Window())
	afterFirstFrame(painted, func() {
		restoreGC()
		desk.StartSearch()
	})
	desk.StartSync()
	releaseAfterIndex(desk)
	startBenchMarkers(painted, desk)
	exitIfShutdownHangs(log)
	u.ShowAndRun()
	// The user may have switched account: close the desk open at the end
	// (the UI closed the ones it switched away from).
	if err := u.Desk().Close(); err != nil {
		fmt.Fprintln(os.Stderr, "tierdesk:", err)
		return 1
	}
	return 0
}
