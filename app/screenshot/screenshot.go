// Package screenshot captures the whole screen as a PNG for a problem
// report, through github.com/kbinani/screenshot (X11 over pure-Go xgb, the
// desktop portal on Wayland, and the native APIs on Windows and macOS).
package screenshot

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"log"
	"os"
	"runtime"
	"sync"

	"github.com/jezek/xgb"
	kb "github.com/kbinani/screenshot"
)

// quietX silences xgb's log: it reports a missing ~/.Xauthority on every
// connection, which is normal under many display managers and Xvfb.
var quietX sync.Once

// ErrUnavailable: this session offers no way to capture the screen (no
// display, or a platform the library does not cover).
var ErrUnavailable = errors.New("a screenshot cannot be taken in this session")

// Capture returns a PNG of all displays together, as they are placed
// relative to the primary one.
func Capture() ([]byte, error) {
	if err := available(); err != nil {
		return nil, err
	}
	quietX.Do(func() { xgb.Logger = log.New(io.Discard, "", 0) })
	n := kb.NumActiveDisplays()
	if n == 0 {
		return nil, fmt.Errorf("%w: no display found", ErrUnavailable)
	}
	var all image.Rectangle
	for i := range n {
		all = all.Union(kb.GetDisplayBounds(i))
	}
	if all.Empty() {
		return nil, fmt.Errorf("%w: the displays report no size", ErrUnavailable)
	}
	img, err := kb.CaptureRect(all)
	if errors.Is(err, kb.ErrUnsupported) {
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	if err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}
	var buf bytes.Buffer
	// Best speed: a screen of flat UI compresses well anyway, and the
	// user is waiting for the form to show it.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("screenshot: encode PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// available says early, in words, why a capture cannot work, instead of
// the library's connection errors.
func available() error {
	switch runtime.GOOS {
	case "windows", "darwin":
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return fmt.Errorf("%w: no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)", ErrUnavailable)
	}
	return nil
}
