package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// variantTheme is the default theme pinned to one variant. The test app
// reports no variant of its own, so captures choose light or dark here.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// TestCaptureScreens renders the main screens of the demo workspace with the
// software painter and writes them to testdata/ for people to look at. It
// checks only that rendering works (no golden comparison): the pictures are
// for review, and they change with every deliberate UI change.
func TestCaptureScreens(t *testing.T) {
	if testing.Short() {
		t.Skip("renders full windows")
	}
	for _, variant := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(variant.name, func(t *testing.T) {
			f := newDemoFixture(t, app.Identity{})
			fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), variant.v})
			u := f.ui
			shot := func(name string) {
				t.Helper()
				capture(t, u.win, name+"-"+variant.name+".png")
			}

			// The queue with a worked ticket open: replies, notes, unsent.
			pickConversation(f)
			u.compose(helpdesk.Reply)
			u.detail.composer.entry.SetText("Hi, I have reset the print queue. Could you try again and tell me if it still jams?")
			shot("main")
			u.detail.composer.cancel()

			u.changeTier(true)
			test.Tap(u.dialogs.tier.submitB) // empty note: validation message
			shot("escalate")
			u.closeTop()

			u.newTicket()
			u.dialogs.create.description.SetText("The projector in room 4.12 shows no picture over HDMI.")
			test.Tap(u.dialogs.create.createB) // no subject
			shot("newticket")
			u.closeTop()

			u.nav.selectKind(navOutbox)
			shot("outbox")

			u.nav.selectKind(navKB)
			first := u.kb.childUIDs(u.kb.childUIDs("")[0])[0]
			u.kb.tree.Select(first)
			shot("kb")
		})
	}
	t.Run("requester", func(t *testing.T) {
		f := newDemoFixture(t, app.Identity{Name: demoRequester(t), Role: helpdesk.RoleRequester, Tier: helpdesk.L0})
		fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
		f.ui.tickets.move(1)
		capture(t, f.ui.win, "requester-light.png")
	})
}

// pickConversation selects the first queue ticket whose conversation has
// both replies and internal notes, and adds an unsent note to it.
func pickConversation(f *fixture) {
	f.t.Helper()
	for i, tk := range f.ui.tickets.rows {
		conv, err := f.desk.Conversation(tk.ID)
		if err != nil {
			f.t.Fatal(err)
		}
		var notes, replies int
		for _, c := range conv {
			if c.Internal() {
				notes++
			} else {
				replies++
			}
		}
		if notes > 0 && replies > 1 {
			f.ui.tickets.list.Select(i)
			if _, err := f.desk.Note(tk.ID, "Spooler restarted remotely; waiting for the requester to confirm."); err != nil {
				f.t.Fatal(err)
			}
			f.settle()
			return
		}
	}
	f.ui.tickets.move(1)
}

// capture writes the window to testdata/name, checking that something was
// drawn. An unchanged picture is not rewritten.
func capture(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	img := w.Canvas().Capture()
	if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < 700 || blank(img) {
		t.Fatalf("%s: capture %v is empty", name, img.Bounds())
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", name)
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, buf.Bytes()) {
		return
	}
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Logf("not writing %s: %v", path, err)
		return
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Logf("not writing %s: %v", path, err) // a read-only checkout still tests rendering
	}
}

// blank reports whether every pixel of img has one colour.
func blank(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			if img.At(x, y) != first {
				return false
			}
		}
	}
	return true
}

// demoRequester names a requester with several tickets in the demo.
func demoRequester(t *testing.T) string {
	t.Helper()
	f := newDemoFixture(t, app.Identity{})
	counts := map[string]int{}
	best := ""
	for _, tk := range f.desk.Tickets(helpdesk.Filter{}) {
		counts[tk.Requester]++
		if best == "" || counts[tk.Requester] > counts[best] || (counts[tk.Requester] == counts[best] && tk.Requester < best) {
			best = tk.Requester
		}
	}
	return best
}
