package sysinfo

import (
	"fmt"
	"strings"
)

// Text renders the facts as a plain block for a ticket's description: one
// "Label: value" line each, readable in RT's web page and in an e-mail.
func (in Info) Text() string {
	var b strings.Builder
	line := func(label, format string, args ...any) {
		fmt.Fprintf(&b, "%-10s %s\n", label+":", fmt.Sprintf(format, args...))
	}
	line("App", "Tierdesk %s", in.AppVersion)
	osName := strings.TrimSpace(in.Platform + " " + in.PlatformVersion)
	if osName == "" {
		osName = in.OS
	}
	line("OS", "%s (%s/%s, kernel %s)", osName, in.OS, in.Arch, orUnknown(in.Kernel))
	line("Host", "%s", orUnknown(in.Hostname))
	line("CPU", "%s, %d logical cores", orUnknown(in.CPUModel), in.CPUCores)
	if in.MemTotal > 0 {
		line("Memory", "%s total, %s available", size(in.MemTotal), size(in.MemAvailable))
	}
	if in.DiskTotal > 0 {
		line("Disk", "%s free of %s (%s)", size(in.DiskFree), size(in.DiskTotal), in.DiskPath)
	}
	for _, i := range in.Interfaces {
		line("Network", "%s %s", i.Name, strings.Join(i.Addrs, ", "))
	}
	switch {
	case in.Server == "":
		line("Helpdesk", "%s", in.ReachDetail)
	case in.Reachable:
		line("Helpdesk", "%s reachable (%s)", in.Server, in.ReachDetail)
	default:
		line("Helpdesk", "%s NOT reachable: %s", in.Server, in.ReachDetail)
	}
	for _, p := range in.Problems {
		line("Not read", "%s", p)
	}
	return b.String()
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "unknown"
	}
	return s
}

// size formats bytes in binary units, as file managers show them.
func size(n uint64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
