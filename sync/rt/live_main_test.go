package rt

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// live describes the Request Tracker the tests run against: one started
// for this package by packaging/rt/rt-server.sh, or one already running
// (RT_URL set, e.g. by a Makefile that serves several packages).
var live struct {
	url           string
	home          string // RT_HOME, for `rt-server.sh token`; "" if unknown
	rootPassword  string
	agentPassword string
	script        string
	startTime     time.Duration // 0 when reused
}

// TestMain starts RT once for the package and stops it at the end. If it
// cannot start, every test fails with the script's output: a skipped live
// test would hide exactly the breakage it exists to find.
func TestMain(m *testing.M) {
	os.Exit(runWithRT(m))
}

func runWithRT(m *testing.M) int {
	script, err := filepath.Abs(filepath.Join("..", "..", "packaging", "rt", "rt-server.sh"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "rt tests:", err)
		return 1
	}
	live.script = script
	live.rootPassword = envOr("RT_ROOT_PASSWORD", "tierdesk-root")
	live.agentPassword = envOr("RT_AGENT_PASSWORD", "tierdesk-agent")
	if u := os.Getenv("RT_URL"); u != "" {
		live.url, live.home = u, os.Getenv("RT_HOME")
		return m.Run()
	}

	parent := filepath.Join(os.TempDir(), "tierdesk-rt")
	if err := os.MkdirAll(parent, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "rt tests:", err)
		return 1
	}
	home, err := os.MkdirTemp(parent, "test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "rt tests:", err)
		return 1
	}
	live.home = home
	// RT_WATCH_PID: should this process crash past the deferred stop, the
	// script's watchdog stops RT anyway.
	env := append(os.Environ(), "RT_HOME="+home, "RT_PORT=",
		"RT_ROOT_PASSWORD="+live.rootPassword, "RT_AGENT_PASSWORD="+live.agentPassword,
		"RT_WATCH_PID="+strconv.Itoa(os.Getpid()))

	t0 := time.Now()
	out, err := runScript(env, "start")
	live.startTime = time.Since(t0)
	defer func() {
		if out, err := runScript(env, "stop"); err != nil {
			fmt.Fprintf(os.Stderr, "rt tests: stopping RT failed: %v\n%s", err, out)
			return
		}
		os.RemoveAll(home)
	}()
	if err != nil {
		fmt.Fprintf(os.Stderr, "rt tests: FAIL: Request Tracker did not start (%v); rt-server.sh said:\n%s", err, out)
		return 1
	}
	exports, err := runScript(env, "env")
	if err != nil {
		fmt.Fprintf(os.Stderr, "rt tests: FAIL: rt-server.sh env: %v\n%s", err, exports)
		return 1
	}
	live.url = parseExports(exports)["RT_URL"]
	if live.url == "" {
		fmt.Fprintf(os.Stderr, "rt tests: FAIL: rt-server.sh env printed no RT_URL:\n%s", exports)
		return 1
	}
	fmt.Fprintf(os.Stderr, "rt tests: RT at %s started in %.1f s\n", live.url, live.startTime.Seconds())
	return m.Run()
}

// runScript runs rt-server.sh with args, returning its combined output.
func runScript(env []string, args ...string) (string, error) {
	cmd := exec.Command("bash", append([]string{live.script}, args...)...)
	cmd.Env = env
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	return buf.String(), err
}

// parseExports reads the `export K=V` lines of rt-server.sh env.
func parseExports(s string) map[string]string {
	out := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "export "), "=")
		if ok {
			out[k] = strings.Trim(v, `'"`)
		}
	}
	return out
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
