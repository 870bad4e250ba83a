// Package rtlive holds Tierdesk's end-to-end tests against a real Request
// Tracker: real app.Desk accounts (app.AddAccount, app.OpenAccount) sync
// with an RT started once for the package by sync/rt/rttest (which runs
// packaging/rt/rt-server.sh), while a second, independent REST client
// plays the other agent. They cover the issue "Sync with a real helpdesk":
// offline creates reaching RT exactly once, replies and notes both ways,
// remote changes and escalations, conflicts (keep mine, take theirs), a
// client killed in the middle of a push, and RT stopping in the middle of
// a sync.
//
// The package has no non-test code; BenchmarkInitialSync measures a first
// sync against plain HTTP and curl (see bench_test.go for how to run it).
//
// The tests reuse a running RT when RT_URL (and RT_HOME, which the outage
// test needs to stop and start it) are set, and otherwise start one of
// their own. If RT cannot start, every test fails: a skipped live test
// would hide exactly the breakage it exists to find.
package rtlive
