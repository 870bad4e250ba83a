package screenshot

import (
	"bytes"
	"errors"
	"image/png"
	"os"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// TestCaptureIsTheWholeScreen runs in the test session's Xvfb
// (packaging/test-session.sh sets DISPLAY); without a display it fails, as
// the environment is incomplete. The PNG must decode to the root window's
// size as the X server itself reports it.
func TestCaptureIsTheWholeScreen(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("DISPLAY is unset: run under packaging/test-session.sh")
	}
	c, err := xgb.NewConn()
	if err != nil {
		t.Fatalf("connect to the X server: %v", err)
	}
	screen := xproto.Setup(c).DefaultScreen(c)
	w, h := int(screen.WidthInPixels), int(screen.HeightInPixels)
	c.Close()

	b, err := Capture()
	if err != nil {
		t.Fatalf("Capture: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the capture is not a PNG: %v", err)
	}
	if got := img.Bounds(); got.Dx() != w || got.Dy() != h {
		t.Fatalf("captured %v, the screen is %dx%d", got, w, h)
	}
	t.Logf("%dx%d screen, %d bytes of PNG", w, h, len(b))
}

func TestCaptureWithoutADisplaySaysSo(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if _, err := Capture(); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("without a display: %v", err)
	}
}
