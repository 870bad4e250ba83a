// Package sysinfo collects the facts about this computer that a problem
// report carries (operating system, host, CPU, memory, disk, network, and
// whether the helpdesk server answers), through gopsutil rather than
// per-platform parsing of /proc, the registry or sysctl.
package sysinfo
