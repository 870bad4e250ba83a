package ui

import (
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/localdb/fts"
)

// highlighted folds s onto one line, as a fixed-height row needs, and
// emboldens the byte ranges the search matched. The ranges index the
// unfolded text, so folding and styling happen in one pass.
func highlighted(s string, spans []fts.Span, style widget.RichTextStyle) []widget.RichTextSegment {
	bold := style
	bold.TextStyle = fyne.TextStyle{Bold: true}
	var segs []widget.RichTextSegment
	var cur []byte
	curBold := false
	flush := func() {
		if len(cur) > 0 {
			st := style
			if curBold {
				st = bold
			}
			segs = append(segs, &widget.TextSegment{Text: string(cur), Style: st})
			cur = cur[:0:0]
		}
	}
	inSpan := func(i int) bool {
		for _, sp := range spans {
			if i >= sp.Start && i < sp.End {
				return true
			}
		}
		return false
	}
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
			i += n
			continue
		}
		b := inSpan(i)
		if b != curBold {
			// A space between plain and bold text stays plain.
			if space && !curBold && len(cur) > 0 {
				cur = append(cur, ' ')
				space = false
			}
			flush()
			curBold = b
		}
		if space && (len(cur) > 0 || len(segs) > 0) {
			cur = append(cur, ' ')
		}
		space = false
		cur = append(cur, s[i:i+n]...)
		i += n
	}
	flush()
	if len(segs) == 0 {
		segs = append(segs, &widget.TextSegment{Text: "", Style: style})
	}
	return segs
}
