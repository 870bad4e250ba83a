package sysinfo

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestCollectOnThisMachine(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	dir := t.TempDir()
	in := Collect(context.Background(), Options{AppVersion: "9.9.9", ServerURL: srv.URL, DataDir: dir + "/not/yet/made"})
	if len(in.Problems) > 0 {
		t.Errorf("problems collecting: %v", in.Problems)
	}
	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case in.Hostname != host:
		t.Errorf("hostname %q, os.Hostname %q", in.Hostname, host)
	case in.OS != runtime.GOOS || in.Platform == "" || in.Kernel == "":
		t.Errorf("OS %q platform %q kernel %q", in.OS, in.Platform, in.Kernel)
	case in.CPUCores < runtime.NumCPU():
		t.Errorf("CPU cores %d (Go sees %d)", in.CPUCores, runtime.NumCPU())
	case in.CPUModel == "":
		t.Error("no CPU model")
	case in.MemTotal == 0 || in.MemAvailable == 0 || in.MemAvailable > in.MemTotal:
		t.Errorf("memory %d available of %d", in.MemAvailable, in.MemTotal)
	case in.DiskPath != dir || in.DiskTotal == 0 || in.DiskFree > in.DiskTotal:
		t.Errorf("disk %s: %d free of %d", in.DiskPath, in.DiskFree, in.DiskTotal)
	case !in.Reachable || in.Server != strings.TrimPrefix(srv.URL, "http://"):
		t.Errorf("server %s reachable %v: %s", in.Server, in.Reachable, in.ReachDetail)
	}
	// Every address Go sees on an interface that is up (not loopback) is listed.
	ifs, err := net.Interfaces()
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range ifs {
		if i.Flags&net.FlagUp == 0 || i.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := i.Addrs()
		found := false
		for _, ii := range in.Interfaces {
			if ii.Name == i.Name {
				found = len(ii.Addrs) == len(addrs)
			}
		}
		if !found {
			t.Errorf("interface %s (%v) missing or incomplete in %+v", i.Name, addrs, in.Interfaces)
		}
	}
	text := in.Text()
	for _, want := range []string{"Tierdesk 9.9.9", host, in.Kernel, "reachable", "free of"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	t.Logf("\n%s", text)
}

func TestUnreachableAndNoServer(t *testing.T) {
	// A port nobody listens on: bound, then closed.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	in := Collect(context.Background(), Options{ServerURL: "http://" + addr + "/rt", Timeout: 2 * time.Second})
	if in.Reachable || in.ReachDetail == "" || !strings.Contains(in.Text(), "NOT reachable") {
		t.Errorf("closed port: reachable %v %q", in.Reachable, in.ReachDetail)
	}
	in = Collect(context.Background(), Options{})
	if in.Reachable || !strings.Contains(in.Text(), "no server (demo)") {
		t.Errorf("no server: %q", in.Text())
	}
	in = Collect(context.Background(), Options{ServerURL: "::not a url"})
	if in.Reachable || !strings.Contains(in.ReachDetail, "not a URL") {
		t.Errorf("bad URL: %q", in.ReachDetail)
	}
}
