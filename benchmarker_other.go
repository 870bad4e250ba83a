//go:build !linux

package main

import "time"

// processStart approximates the process start by the time main ran.
var processStartTime = time.Now()

func processStart() time.Time { return processStartTime }
