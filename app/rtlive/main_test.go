package rtlive

import (
	"os"
	"testing"

	"github.com/tierdesk/tierdesk/sync/rt/rttest"
)

// srv is the Request Tracker the tests run against: started once for the
// package by rttest (packaging/rt/rt-server.sh), or the one named by
// RT_URL and RT_HOME.
var srv *rttest.Server

// TestMain starts RT once for the package and stops it at the end. If it
// cannot start, every test fails with the script's output.
func TestMain(m *testing.M) {
	if os.Getenv(crashChildEnv) != "" {
		// The child of TestKilledMidPushCreatesNoDuplicate: its account
		// knows where RT is, and the parent owns RT.
		os.Exit(m.Run())
	}
	os.Exit(rttest.Main(m, &srv))
}
