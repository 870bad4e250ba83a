package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Tones are hues for badges. They are drawn as a translucent fill with text
// in the theme's foreground colour, so the same hue reads well on both the
// light and the dark theme without picking colours per variant.
var (
	toneGrey   = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
	toneGreen  = color.NRGBA{R: 0x2e, G: 0xa0, B: 0x6a, A: 0xff}
	toneBlue   = color.NRGBA{R: 0x3b, G: 0x82, B: 0xf6, A: 0xff}
	tonePurple = color.NRGBA{R: 0x9b, G: 0x5c, B: 0xf6, A: 0xff}
	toneRed    = color.NRGBA{R: 0xe5, G: 0x3e, B: 0x3e, A: 0xff}
	toneAmber  = color.NRGBA{R: 0xf0, G: 0xa8, B: 0x00, A: 0xff}
)

// tierTone gives each tier its own hue so a list can be scanned by tier.
func tierTone(t helpdesk.Tier) color.NRGBA {
	switch t {
	case helpdesk.L1:
		return toneGreen
	case helpdesk.L2:
		return toneBlue
	case helpdesk.L3:
		return tonePurple
	}
	return toneGrey
}

// statusTone separates work still to do from work that is done.
func statusTone(s helpdesk.Status) color.NRGBA {
	switch s {
	case helpdesk.StatusNew:
		return toneBlue
	case helpdesk.StatusOpen:
		return toneGreen
	case helpdesk.StatusStalled:
		return toneAmber
	}
	return toneGrey
}

// priorityImportance emphasises the priorities that need attention first;
// Low and Normal stay plain so the urgent ones stand out.
func priorityImportance(p helpdesk.Priority) widget.Importance {
	switch p {
	case helpdesk.PriorityUrgent:
		return widget.DangerImportance
	case helpdesk.PriorityHigh:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// tinted returns c with the given alpha.
func tinted(c color.NRGBA, alpha uint8) color.NRGBA {
	c.A = alpha
	return c
}

// badge is a small rounded label (tier, status, "Overdue", "Unsent"). It is
// a widget rather than a rectangle in a container so that its colours are
// recomputed from the theme whenever the theme changes.
type badge struct {
	widget.BaseWidget
	text string
	tone color.NRGBA
}

func newBadge(text string, tone color.NRGBA) *badge {
	b := &badge{text: text, tone: tone}
	b.ExtendBaseWidget(b)
	return b
}

// set changes the badge, refreshing only when something changed because
// list rows call it for every visible row on every refresh.
func (b *badge) set(text string, tone color.NRGBA) {
	if b.text == text && b.tone == tone {
		return
	}
	b.text, b.tone = text, tone
	b.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (b *badge) CreateRenderer() fyne.WidgetRenderer {
	r := &badgeRenderer{b: b, bg: canvas.NewRectangle(color.Transparent), txt: canvas.NewText("", color.Black)}
	r.txt.TextStyle = fyne.TextStyle{Bold: true}
	r.Refresh()
	return r
}

type badgeRenderer struct {
	b   *badge
	bg  *canvas.Rectangle
	txt *canvas.Text
}

// padding is the space around the text: roomy sideways, tight vertically
// so a badge sits on a text line without making it taller.
func (r *badgeRenderer) padding() (h, v float32) {
	p := r.b.Theme().Size(theme.SizeNameInnerPadding)
	return p, p / 4
}

// MinSize is part of fyne.WidgetRenderer.
func (r *badgeRenderer) MinSize() fyne.Size {
	h, v := r.padding()
	s := r.txt.MinSize()
	return fyne.NewSize(s.Width+2*h, s.Height+2*v)
}

// Layout keeps the badge at its natural height, centred, because boxes
// stretch their children to the row height and a tall pill looks wrong.
func (r *badgeRenderer) Layout(size fyne.Size) {
	m := r.MinSize()
	y := (size.Height - m.Height) / 2
	if y < 0 {
		y = 0
	}
	r.bg.Move(fyne.NewPos(0, y))
	r.bg.Resize(fyne.NewSize(size.Width, m.Height))
	ts := r.txt.MinSize()
	r.txt.Move(fyne.NewPos((size.Width-ts.Width)/2, y+(m.Height-ts.Height)/2))
	r.txt.Resize(ts)
}

// Refresh is part of fyne.WidgetRenderer; it re-reads the theme.
func (r *badgeRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.txt.Text = r.b.text
	r.txt.Color = th.Color(theme.ColorNameForeground, v)
	r.txt.TextSize = th.Size(theme.SizeNameCaptionText)
	r.bg.FillColor = tinted(r.b.tone, 0x48)
	r.bg.StrokeColor = tinted(r.b.tone, 0xc0)
	r.bg.StrokeWidth = 1
	r.bg.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
	r.Layout(r.b.Size())
	r.bg.Refresh()
	r.txt.Refresh()
}

// Objects is part of fyne.WidgetRenderer.
func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.txt} }

// Destroy is part of fyne.WidgetRenderer.
func (r *badgeRenderer) Destroy() {}
