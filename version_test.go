package main

import (
	"os"
	"regexp"
	"testing"

	"github.com/tierdesk/tierdesk/app"
)

// TestVersionMatchesFyneApp keeps the version the binary reports equal to
// the one `fyne package` stamps into packages from FyneApp.toml.
func TestVersionMatchesFyneApp(t *testing.T) {
	b, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	if string(m[1]) != app.Version {
		t.Fatalf("FyneApp.toml says %s, app.Version says %s", m[1], app.Version)
	}
	if !regexp.MustCompile(`(?m)^\s*fyneDo\s*=\s*true`).Match(b) {
		t.Fatal("FyneApp.toml does not opt in to the fyneDo migration")
	}
}
