package main

import (
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// shutdownGrace is how long the window may take to close after SIGTERM or
// Ctrl+C before the process exits anyway.
const shutdownGrace = 5 * time.Second

// exitIfShutdownHangs makes a termination request end the process even if
// the UI toolkit's own shutdown does not finish. Fyne handles SIGTERM by
// quitting its loop, but in v2.8.1 a lifecycle event handed to the main
// loop while it drains (internal/driver/glfw/loop.go, runOnMainWithWait)
// waits forever, leaving a process that ignores every further SIGTERM
// (seen in the package install test). Every action is already durable in
// the store when it is acknowledged, so exiting loses nothing.
func exitIfShutdownHangs(log *slog.Logger) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sig
		time.Sleep(shutdownGrace)
		log.Warn("the window did not close after a termination request; exiting", "signal", s.String(), "after", shutdownGrace)
		os.Exit(0)
	}()
}
