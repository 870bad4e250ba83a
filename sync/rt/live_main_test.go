package rt

import (
	"os"
	"testing"

	"github.com/tierdesk/tierdesk/sync/rt/rttest"
)

// srv is the real Request Tracker the live tests run against (see rttest).
var srv *rttest.Server

func TestMain(m *testing.M) { os.Exit(rttest.Main(m, &srv)) }
