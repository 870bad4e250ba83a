package assets

import (
	"bytes"
	"image/png"
	"testing"
)

// TestIconIsA512PNG guards the committed icon: FyneApp.toml, the desktop
// entry and `fyne package` all expect a square 512 px PNG, and a botched
// re-render (wrong size, SVG saved as .png) would only show on a desktop.
func TestIconIsA512PNG(t *testing.T) {
	if Icon.Name() != "icon.png" {
		t.Errorf("Icon.Name() = %q, want icon.png", Icon.Name())
	}
	img, err := png.Decode(bytes.NewReader(Icon.Content()))
	if err != nil {
		t.Fatalf("decoding the embedded icon: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Fatalf("icon is %dx%d, want 512x512", b.Dx(), b.Dy())
	}
}
