package sysinfo

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/shirou/gopsutil/v4/cpu"
	"github.com/shirou/gopsutil/v4/disk"
	"github.com/shirou/gopsutil/v4/host"
	"github.com/shirou/gopsutil/v4/mem"
	gnet "github.com/shirou/gopsutil/v4/net"
)

// Options say what to check besides the machine itself.
type Options struct {
	AppVersion string
	// ServerURL is the helpdesk the report goes to; empty means none
	// (the demo), which the report says instead of a reachability result.
	ServerURL string
	// DataDir is where the app keeps its data: the free space that matters
	// is on its volume.
	DataDir string
	// Timeout bounds the reachability check; zero means 3 seconds.
	Timeout time.Duration
}

// Interface is one network interface that is up.
type Interface struct {
	Name  string
	Addrs []string // CIDR notation
}

// Info is what was found. Fields that could not be read are left empty and
// the reason is listed in Problems, so a report still goes out.
type Info struct {
	AppVersion      string
	OS              string // "linux", "windows", "darwin"
	Platform        string // distribution or edition, e.g. "debian"
	PlatformVersion string
	Kernel          string
	Arch            string
	Hostname        string
	CPUModel        string
	CPUCores        int // logical
	MemTotal        uint64
	MemAvailable    uint64
	DiskPath        string
	DiskFree        uint64
	DiskTotal       uint64
	Interfaces      []Interface
	Server          string // the server's host:port, "" if none
	Reachable       bool
	ReachDetail     string // how it answered, or why not
	Problems        []string
}

// Collect gathers the facts. It never fails as a whole: whatever cannot be
// read is noted in Problems.
func Collect(ctx context.Context, o Options) Info {
	in := Info{AppVersion: o.AppVersion, OS: runtime.GOOS, Arch: runtime.GOARCH}
	note := func(what string, err error) {
		in.Problems = append(in.Problems, fmt.Sprintf("%s: %v", what, err))
	}
	if h, err := host.InfoWithContext(ctx); err != nil {
		note("host", err)
	} else {
		in.Platform, in.PlatformVersion, in.Kernel, in.Hostname = h.Platform, h.PlatformVersion, h.KernelVersion, h.Hostname
	}
	if in.Hostname == "" {
		in.Hostname, _ = os.Hostname()
	}
	if cs, err := cpu.InfoWithContext(ctx); err != nil {
		note("CPU", err)
	} else if len(cs) > 0 {
		in.CPUModel = strings.TrimSpace(cs[0].ModelName)
	}
	if n, err := cpu.CountsWithContext(ctx, true); err != nil {
		note("CPU cores", err)
	} else {
		in.CPUCores = n
	}
	if vm, err := mem.VirtualMemoryWithContext(ctx); err != nil {
		note("memory", err)
	} else {
		in.MemTotal, in.MemAvailable = vm.Total, vm.Available
	}
	in.DiskPath = existing(o.DataDir)
	if du, err := disk.UsageWithContext(ctx, in.DiskPath); err != nil {
		note("disk", err)
	} else {
		in.DiskFree, in.DiskTotal = du.Free, du.Total
	}
	if ifs, err := gnet.InterfacesWithContext(ctx); err != nil {
		note("network", err)
	} else {
		for _, f := range ifs {
			if !slices.Contains(f.Flags, "up") || slices.Contains(f.Flags, "loopback") {
				continue
			}
			i := Interface{Name: f.Name}
			for _, a := range f.Addrs {
				i.Addrs = append(i.Addrs, a.Addr)
			}
			in.Interfaces = append(in.Interfaces, i)
		}
	}
	in.reach(ctx, o)
	return in
}

// existing returns dir or its nearest existing parent: a data folder not
// yet created is on the volume of its parent.
func existing(dir string) string {
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	for dir != "" {
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
		parent := dir[:max(strings.LastIndexAny(dir, `/\`), 0)]
		if parent == dir || parent == "" {
			break
		}
		dir = parent
	}
	return string(os.PathSeparator)
}

// reach checks that the server accepts a TCP connection. A connection,
// not an HTTP request, keeps the check free of credentials and quick; what
// it tells the helpdesk is whether the network path works.
func (in *Info) reach(ctx context.Context, o Options) {
	if strings.TrimSpace(o.ServerURL) == "" {
		in.ReachDetail = "no server (demo)"
		return
	}
	u, err := url.Parse(strings.TrimSpace(o.ServerURL))
	if err != nil || u.Hostname() == "" {
		in.ReachDetail = fmt.Sprintf("server address %q is not a URL", o.ServerURL)
		return
	}
	port := u.Port()
	if port == "" {
		port = "443"
		if u.Scheme == "http" {
			port = "80"
		}
	}
	in.Server = net.JoinHostPort(u.Hostname(), port)
	timeout := o.Timeout
	if timeout == 0 {
		timeout = 3 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	c, err := (&net.Dialer{}).DialContext(ctx, "tcp", in.Server)
	if err != nil {
		in.ReachDetail = err.Error()
		return
	}
	c.Close()
	in.Reachable = true
	in.ReachDetail = fmt.Sprintf("connected in %d ms", time.Since(start).Milliseconds())
}
