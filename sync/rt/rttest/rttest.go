// Package rttest runs a real Request Tracker 5 for live tests, the way
// net/http/httptest runs an HTTP server: a test package's TestMain calls
// Main, which starts RT once with packaging/rt/rt-server.sh (Debian
// packages, SQLite, loopback, a free port) and stops it at exit. If RT_URL
// (and RT_HOME) are set, an RT already running is used instead. When RT
// cannot start, every test of the package fails with the script's output:
// a skipped live test would hide exactly the breakage it exists to find.
package rttest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Server is the running Request Tracker.
type Server struct {
	URL           string // base URL, e.g. http://127.0.0.1:41234
	Home          string // RT_HOME; "" when reused without it
	RootPassword  string
	AgentPassword string        // of agent1, agent2, engineer2, engineer3, requester1
	StartTime     time.Duration // 0 when reused
	owned         bool          // started here: stopped and removed at the end
	script        string
}

// Main starts RT, runs the package's tests with it and returns the exit
// code for os.Exit. It sets srv before the tests run.
func Main(m *testing.M, srv **Server) int {
	s, err := start()
	if s != nil && s.owned {
		defer s.shutdown()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: Request Tracker did not start: %v\n", err)
		return 1
	}
	*srv = s
	fmt.Fprintf(os.Stderr, "rttest: RT at %s (started in %.1f s)\n", s.URL, s.StartTime.Seconds())
	return m.Run()
}

func start() (*Server, error) {
	script, err := findScript()
	if err != nil {
		return nil, err
	}
	s := &Server{script: script, RootPassword: envOr("RT_ROOT_PASSWORD", "tierdesk-root"),
		AgentPassword: envOr("RT_AGENT_PASSWORD", "tierdesk-agent")}
	if u := os.Getenv("RT_URL"); u != "" {
		s.URL, s.Home = u, os.Getenv("RT_HOME")
		return s, nil
	}
	parent := filepath.Join(os.TempDir(), "tierdesk-rt")
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	if s.Home, err = os.MkdirTemp(parent, "test-"); err != nil {
		return nil, err
	}
	s.owned = true
	t0 := time.Now()
	if out, err := s.run("", "start"); err != nil {
		return s, fmt.Errorf("%v; rt-server.sh said:\n%s", err, out)
	}
	s.StartTime = time.Since(t0)
	exports, err := s.run("", "env")
	if err != nil {
		return s, fmt.Errorf("rt-server.sh env: %v\n%s", err, exports)
	}
	if s.URL = parseExports(exports)["RT_URL"]; s.URL == "" {
		return s, fmt.Errorf("rt-server.sh env printed no RT_URL:\n%s", exports)
	}
	return s, nil
}

// findScript walks up from the test's directory to the module root.
func findScript() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "packaging", "rt", "rt-server.sh"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the test directory")
		}
		dir = parent
	}
}

func (s *Server) shutdown() {
	if out, err := s.run("", "stop"); err != nil {
		fmt.Fprintf(os.Stderr, "rttest: stopping RT failed: %v\n%s", err, out)
		return
	}
	os.RemoveAll(s.Home)
}

// run runs rt-server.sh with args; port, when set, pins RT's port so a
// restart keeps every client's URL valid.
func (s *Server) run(port string, args ...string) (string, error) {
	cmd := exec.Command("bash", append([]string{s.script}, args...)...)
	cmd.Env = append(os.Environ(), "RT_HOME="+s.Home, "RT_PORT="+port,
		"RT_ROOT_PASSWORD="+s.RootPassword, "RT_AGENT_PASSWORD="+s.AgentPassword)
	if s.owned {
		// Should the test process die past its deferred stop, the script's
		// watchdog stops RT anyway.
		cmd.Env = append(cmd.Env, "RT_WATCH_PID="+strconv.Itoa(os.Getpid()))
	}
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	return buf.String(), err
}

func (s *Server) needHome(t testing.TB) {
	t.Helper()
	if s.Home == "" {
		t.Fatal("RT_URL is set but RT_HOME is not: export both (rt-server.sh env prints them)")
	}
}

// Stop stops RT (to test what clients do when the server is gone).
func (s *Server) Stop(t testing.TB) {
	t.Helper()
	s.needHome(t)
	if out, err := s.run("", "stop"); err != nil {
		t.Fatalf("rt-server.sh stop: %v\n%s", err, out)
	}
}

// Start starts a stopped RT again on the same port.
func (s *Server) Start(t testing.TB) {
	t.Helper()
	s.needHome(t)
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := s.run(u.Port(), "start"); err != nil {
		t.Fatalf("rt-server.sh start: %v\n%s", err, out)
	}
}

// Running reports whether RT answers.
func (s *Server) Running() bool {
	_, err := s.run("", "status")
	return err == nil
}

// Token returns a REST2 auth token for user.
func (s *Server) Token(t testing.TB, user string) string {
	t.Helper()
	s.needHome(t)
	out, err := s.run("", "token", user)
	if err != nil {
		t.Fatalf("rt-server.sh token %s: %v\n%s", user, err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
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
