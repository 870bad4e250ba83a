package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/tierdesk/tierdesk/app"
)

// benchEnv turns on the markers the whole-process benchmarks read
// (main_bench_test.go). Off by default: a user never sees them.
const benchEnv = "TIERDESK_BENCH_FIRSTFRAME"

// profileEnv names a file for a CPU profile of the start-up, from the top
// of runWindow to the first frame (with benchEnv set).
const profileEnv = "TIERDESK_BENCH_CPUPROFILE"

// idleProfileEnv names a file for a 20 s CPU profile of the idle app,
// taken 5 s after the last marker (with benchEnv set); with bareEnv=store,
// of the store alone, 5 s after it opened.
const idleProfileEnv = "TIERDESK_BENCH_IDLEPROFILE"

// heapProfileEnv names a file for a heap profile of the app 2 s after
// the full-text index is built (with benchEnv set): the state the memory
// figure of BenchmarkWindow is read in.
const heapProfileEnv = "TIERDESK_BENCH_HEAPPROFILE"

// profileHeap writes the heap profile when asked for.
func profileHeap() {
	writeProfile(os.Getenv(heapProfileEnv), 2*time.Second, "heap-profile", func(f *os.File) error {
		runtime.GC()
		return pprof.Lookup("heap").WriteTo(f, 0)
	})
}

// profileIdle writes the idle profile when asked for.
func profileIdle() {
	writeProfile(os.Getenv(idleProfileEnv), 5*time.Second, "idle-profile", func(f *os.File) error {
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		time.Sleep(20 * time.Second)
		pprof.StopCPUProfile()
		return nil
	})
}

// writeProfile waits, then has write fill the file at path and prints
// the marker once it is written; nothing when path is empty.
func writeProfile(path string, wait time.Duration, marker string, write func(*os.File) error) {
	if path == "" {
		return
	}
	time.Sleep(wait)
	f, err := os.Create(path)
	if err == nil {
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tierdesk-bench:", err)
		return
	}
	fmt.Fprintf(os.Stderr, "tierdesk-bench: %s 0\n", marker)
}

// stopStartupProfile ends the start-up profile; a no-op when none runs.
var stopStartupProfile = func() {}

// startStartupProfile begins the start-up CPU profile when asked for.
func startStartupProfile() {
	path := os.Getenv(profileEnv)
	if path == "" || os.Getenv(benchEnv) == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tierdesk-bench:", err)
		return
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "tierdesk-bench:", err)
		f.Close()
		return
	}
	stopStartupProfile = func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// benchMark prints one marker, with the milliseconds since the process
// started, when benchEnv is set. The stages before the first frame
// ("store-open", "ui-built") show where its time goes.
func benchMark(what string) {
	if os.Getenv(benchEnv) == "" {
		return
	}
	fmt.Fprintf(os.Stderr, "tierdesk-bench: %s %.1f\n", what, float64(time.Since(processStart()).Microseconds())/1000)
}

// startBenchMarkers, when benchEnv is set, prints to stderr
//
//	tierdesk-bench: first-frame <ms since the process started>
//
// when the main window is painted for the first time, then "search-ready"
// once the full-text index is built and "synced" after the first good sync.
//
// painted is firstFrame's channel for the main window.
func startBenchMarkers(painted <-chan struct{}, desk *app.Desk) {
	if os.Getenv(benchEnv) == "" {
		return
	}
	mark := benchMark
	go func() {
		<-painted
		mark("first-frame")
		stopStartupProfile()
		for !desk.SearchReady() {
			time.Sleep(20 * time.Millisecond)
		}
		mark("search-ready")
		profileHeap()
		if !desk.HasServer() {
			profileIdle()
			return
		}
		for desk.State().LastSync.IsZero() {
			time.Sleep(50 * time.Millisecond)
		}
		mark("synced")
		profileIdle()
	}()
}
