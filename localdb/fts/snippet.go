package fts

import (
	"strings"
	"unicode/utf8"
)

// Snippet parameters.
const (
	snippetWords    = 24  // words in the window that is scored
	maxSnippetBytes = 240 // a snippet grows to whole sentences up to this
	sentenceReach   = 60  // how far back or on a window may move to a sentence boundary
)

// matcher tells which query word, if any, a word of a document matches.
type matcher struct {
	hl   map[string]int // stem → query word
	memo map[string]int // lower-cased word → query word, -1 for none
}

func newMatcher(hl map[string]int) *matcher {
	return &matcher{hl: hl, memo: map[string]int{}}
}

func (m *matcher) group(lower []byte) int {
	if g, ok := m.memo[string(lower)]; ok {
		return g
	}
	w := string(lower)
	g := -1
	if len(w) >= minTokenLen && !stopwords[w] {
		if v, ok := m.hl[stemWord(w)]; ok {
			g = v
		}
	}
	m.memo[w] = g
	return g
}

// spans returns the byte ranges of the matched words of text.
func (m *matcher) spans(text string) []Span {
	var out []Span
	tokenize(text, func(start, end int, lower []byte, _ uint64) {
		if m.group(lower) < 0 {
			return
		}
		// A joined hyphen chain covers its parts: keep the widest.
		for len(out) > 0 && out[len(out)-1].Start >= start {
			out = out[:len(out)-1]
		}
		out = append(out, Span{start, end})
	})
	return out
}

type stok struct {
	start, end int
	group      int
}

// decorate fills in titles, snippets and highlights from src, dropping hits
// whose document has gone since the search.
func decorate(src Source, hits []Hit, hl map[string]int, noNotes bool) []Hit {
	m := newMatcher(hl)
	out := hits[:0]
	for _, h := range hits {
		d, ok := src.Doc(h.Kind, h.ID)
		if !ok {
			continue
		}
		h.Title = d.Title
		h.TitleHighlights = m.spans(d.Title)
		h.Snippet, h.Highlights = m.snippet(&d, noNotes)
		out = append(out, h)
	}
	return out
}

// snippet picks the passage of a document's text that holds the most
// distinct query words (then the most matches), widened to sentence
// boundaries, and returns it tidied (whitespace collapsed, Markdown marks
// dropped) with the byte ranges of its matched words. With no match in the
// text it returns the opening of the summary or body.
func (m *matcher) snippet(d *Doc, noNotes bool) (string, []Span) {
	fields := []string{d.Summary, d.Body}
	if d.Kind == KindTicket && !noNotes {
		fields = append(fields, d.Notes)
	}
	var best string
	var bestSpans []Span
	bestScore := -1
	for _, text := range fields {
		if text == "" {
			continue
		}
		if s, sp, sc := m.bestOf(text); sc > bestScore {
			best, bestSpans, bestScore = s, sp, sc
		}
	}
	if bestScore >= 0 {
		return best, bestSpans
	}
	lead := d.Summary
	if lead == "" {
		lead = d.Body
	}
	return m.lead(lead)
}

// bestOf finds the best window of one text with its score.
func (m *matcher) bestOf(text string) (string, []Span, int) {
	var toks []stok
	tokenize(text, func(start, end int, lower []byte, _ uint64) {
		for len(toks) > 0 && toks[len(toks)-1].start >= start {
			toks = toks[:len(toks)-1]
		}
		toks = append(toks, stok{start, end, m.group(lower)})
	})
	var counts [maxGroups]int
	distinct, matches, lo := 0, 0, 0
	bestScore, bestFrom, bestTo := -1, 0, 0
	for hi := range toks {
		if g := toks[hi].group; g >= 0 {
			if counts[g] == 0 {
				distinct++
			}
			counts[g]++
			matches++
		}
		if hi-lo+1 > snippetWords {
			if g := toks[lo].group; g >= 0 {
				counts[g]--
				if counts[g] == 0 {
					distinct--
				}
				matches--
			}
			lo++
		}
		if matches == 0 {
			continue
		}
		// Prefer the most distinct words, then the most matches, then the
		// earliest window; a window is placed to start at its first match.
		if score := distinct*1000 + min(matches, 50)*10; score > bestScore {
			first := lo
			for toks[first].group < 0 {
				first++
			}
			bestScore, bestFrom, bestTo = score, first, hi
		}
	}
	if bestScore < 0 {
		return "", nil, -1
	}
	s, sp := m.render(text, toks, bestFrom, bestTo)
	return s, sp, bestScore
}

// render cuts text around tokens [from, to], widening to sentence
// boundaries within reach and the size limit, and tidies it.
func (m *matcher) render(text string, toks []stok, from, to int) (string, []Span) {
	a, b := toks[from].start, toks[to].end
	// Shrink from the right if the window alone is too long.
	for b-a > maxSnippetBytes && to > from {
		to--
		b = toks[to].end
	}
	// Back to the start of the sentence, if near.
	if s := sentenceStart(text, a); a-s <= sentenceReach {
		a = s
	}
	// On to the end of the sentence, if near and it fits.
	if e := sentenceEnd(text, b); e-b <= sentenceReach && e-a <= maxSnippetBytes {
		b = e
	} else {
		// Fill up with whole words while there is room.
		for i := to + 1; i < len(toks) && toks[i].end-a <= maxSnippetBytes*3/4; i++ {
			b = toks[i].end
		}
	}
	var spans []Span
	for i := from; i < len(toks) && toks[i].start < b; i++ {
		if toks[i].group >= 0 && toks[i].start >= a {
			spans = append(spans, Span{toks[i].start, toks[i].end})
		}
	}
	s, sp := tidy(text[a:b], spans, a)
	if a > 0 && !atSentenceStart(text, a) {
		s, sp = "…"+s, shift(sp, len("…"))
	}
	if strings.TrimRight(text[b:], " \t\r\n") != "" && !endsSentence(text[:b]) {
		s += "…"
	}
	return s, sp
}

// lead returns the opening words of text.
func (m *matcher) lead(text string) (string, []Span) {
	if text == "" {
		return "", nil
	}
	b := 0
	n := 0
	tokenize(text, func(start, end int, _ []byte, _ uint64) {
		if n < snippetWords && end <= maxSnippetBytes*3/4 {
			b = end
			n++
		}
	})
	if e := sentenceEnd(text, b); e-b <= sentenceReach && e <= maxSnippetBytes {
		b = e
	}
	s, _ := tidy(text[:b], nil, 0)
	if strings.TrimSpace(text[b:]) != "" && !endsSentence(text[:b]) {
		s += "…"
	}
	return s, m.spans(s)
}

func isSentenceEnd(c byte) bool { return c == '.' || c == '!' || c == '?' || c == '\n' }

// sentenceStart returns where the sentence holding position i begins.
func sentenceStart(text string, i int) int {
	for j := i - 1; j >= 0; j-- {
		if isSentenceEnd(text[j]) && (j+1 >= len(text) || text[j+1] == ' ' || text[j+1] == '\n' || text[j] == '\n') {
			k := j + 1
			for k < i && (text[k] == ' ' || text[k] == '\n' || text[k] == '\r' || text[k] == '\t') {
				k++
			}
			return k
		}
	}
	return 0
}

func atSentenceStart(text string, i int) bool { return sentenceStart(text, i) == i }

// sentenceEnd returns the position just after the end of the sentence that
// continues at i.
func sentenceEnd(text string, i int) int {
	for j := i; j < len(text); j++ {
		if text[j] == '\n' {
			return j
		}
		if isSentenceEnd(text[j]) && (j+1 == len(text) || text[j+1] == ' ' || text[j+1] == '\n' || text[j+1] == '\r') {
			return j + 1
		}
	}
	return len(text)
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \t\r\n")
	return s != "" && isSentenceEnd(s[len(s)-1])
}

func shift(sp []Span, by int) []Span {
	for i := range sp {
		sp[i].Start += by
		sp[i].End += by
	}
	return sp
}

// tidy collapses runs of white space to one space and drops Markdown marks
// (#, *, `, >, |) from a passage, moving the spans (given in the source
// text, which the passage starts at offset base of) to match.
func tidy(s string, spans []Span, base int) (string, []Span) {
	var b strings.Builder
	b.Grow(len(s))
	pos := make([]int, len(s)+1) // source offset in s → offset in output
	space := false
	for i := 0; i < len(s); {
		pos[i] = b.Len()
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			space = true
			i++
			continue
		case c == '#' || c == '*' || c == '`' || c == '>' || c == '|':
			i++
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			pos[i] = b.Len()
		}
		space = false
		_, size := utf8.DecodeRuneInString(s[i:])
		for j := 1; j < size; j++ {
			pos[i+j] = b.Len() + j
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	pos[len(s)] = b.Len()
	out := make([]Span, 0, len(spans))
	for _, sp := range spans {
		st, en := sp.Start-base, sp.End-base
		if st < 0 || en > len(s) {
			continue
		}
		out = append(out, Span{pos[st], pos[en]})
	}
	return b.String(), out
}
