package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is an Entry that passes on the keys a focused Entry would
// otherwise swallow. While an entry has focus the window never sees Escape,
// arrow keys or Ctrl shortcuts, so without this Escape would not close a
// form, Down in the search box would not move through the list, and Ctrl+N
// would do nothing while the user is typing.
type keyEntry struct {
	widget.Entry

	onEscape func()                   // close the form or composer the entry belongs to
	onUp     func()                   // single-line entries only: previous list item
	onDown   func()                   // single-line entries only: next list item
	onSend   func()                   // Ctrl+Enter: submit, for multi-line entries
	shortcut func(fyne.Shortcut) bool // window shortcuts; true when handled
}

func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func newMultiLineKeyEntry(rows int) *keyEntry {
	e := newKeyEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	return e
}

// TypedKey is part of fyne.Focusable.
func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if e.onEscape != nil {
			e.onEscape()
			return
		}
	case fyne.KeyUp:
		if e.onUp != nil && !e.MultiLine {
			e.onUp()
			return
		}
	case fyne.KeyDown:
		if e.onDown != nil && !e.MultiLine {
			e.onDown()
			return
		}
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut is part of fyne.Shortcutable.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok {
		if e.onSend != nil && (cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) &&
			cs.Modifier == fyne.KeyModifierShortcutDefault {
			e.onSend()
			return
		}
		if e.shortcut != nil && e.shortcut(s) {
			return
		}
	}
	e.Entry.TypedShortcut(s)
}
