//go:build !unix

package rtlive

import "time"

// cpuTime is not measured here (the live tests run on Linux).
func cpuTime() time.Duration { return 0 }
