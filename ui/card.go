package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// card frames one conversation entry. A nil tone gives the neutral card used
// for public replies; internal notes pass an amber tone so that nobody
// mistakes a note for something the requester will read. Like badge it is a
// widget so its colours follow theme changes.
type card struct {
	widget.BaseWidget
	content fyne.CanvasObject
	tone    *color.NRGBA
}

func newCard(content fyne.CanvasObject, tone *color.NRGBA) *card {
	c := &card{content: content, tone: tone}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer is part of fyne.Widget.
func (c *card) CreateRenderer() fyne.WidgetRenderer {
	r := &cardRenderer{c: c, bg: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

type cardRenderer struct {
	c  *card
	bg *canvas.Rectangle
}

func (r *cardRenderer) pad() float32 { return r.c.Theme().Size(theme.SizeNamePadding) }

// MinSize is part of fyne.WidgetRenderer.
func (r *cardRenderer) MinSize() fyne.Size {
	p := r.pad()
	return r.c.content.MinSize().Add(fyne.NewSize(2*p, 2*p))
}

// Layout is part of fyne.WidgetRenderer: the frame fills the card, the
// content sits inside it with the theme's padding.
func (r *cardRenderer) Layout(size fyne.Size) {
	p := r.pad()
	r.bg.Resize(size)
	r.c.content.Move(fyne.NewPos(p, p))
	r.c.content.Resize(size.Subtract(fyne.NewSize(2*p, 2*p)))
}

// Refresh is part of fyne.WidgetRenderer; it re-reads the theme.
func (r *cardRenderer) Refresh() {
	th := r.c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if r.c.tone != nil {
		r.bg.FillColor = tinted(*r.c.tone, 0x30)
		r.bg.StrokeColor = tinted(*r.c.tone, 0xb0)
	} else {
		r.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
		r.bg.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	}
	r.bg.StrokeWidth = 1
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.bg.Refresh()
	r.c.content.Refresh()
}

// Objects is part of fyne.WidgetRenderer.
func (r *cardRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.c.content}
}

// Destroy is part of fyne.WidgetRenderer.
func (r *cardRenderer) Destroy() {}
