package fts

import (
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// maxTokenLen bounds a token in bytes. Longer runs of letters and digits are
// hashes, base64 or pasted binary: they are skipped, not indexed.
const maxTokenLen = 48

// minTokenLen is the shortest token indexed: single letters and digits are
// noise with huge posting lists ("step 1", "a").
const minTokenLen = 2

// asciiLower maps an ASCII letter or digit to its lower-case form and
// everything else to 0.
var asciiLower = func() (t [128]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = byte(c)
		t[c-'a'+'A'] = byte(c)
	}
	return t
}()

// FNV-1a, computed while a word is lower-cased, so the analyser's word
// table needs no second pass over the bytes.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// tokenize calls fn for every word of text, in order, with its byte range,
// its lower-cased form (a scratch buffer, valid only during the call) and
// the FNV-1a hash of that form. A word is a run of letters and digits; an
// apostrophe between letters stays inside it ("user's", "can't"). A chain
// of two to four alphabetic parts joined by hyphens ("wi-fi", "e-mail") is
// reported part by part and then once more joined ("wifi"), so either
// spelling finds the other; chains with digits (host names, part numbers)
// are not joined. Words longer than maxTokenLen are skipped.
func tokenize(text string, fn func(start, end int, lower []byte, hash uint64)) {
	var buf, chain [maxTokenLen + utf8.UTFMax]byte
	lower := buf[:0]
	joined := chain[:0]
	chainStart, chainParts := -1, 0 // chainParts < 0: the chain is not joinable
	i, n := 0, len(text)
	for i < n {
		c := text[i]
		if c < utf8.RuneSelf && asciiLower[c] == 0 {
			if chainStart >= 0 && !(c == '-' && i+1 < n && isWordStart(text, i+1)) {
				if chainParts >= 2 && len(joined) <= maxTokenLen {
					fn(chainStart, i, joined, hashBytes(joined))
				}
				joined, chainStart, chainParts = chain[:0], -1, 0
			}
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
				if chainStart >= 0 {
					if chainParts >= 2 && len(joined) <= maxTokenLen {
						fn(chainStart, i, joined, hashBytes(joined))
					}
					joined, chainStart, chainParts = chain[:0], -1, 0
				}
				i += size
				continue
			}
		}
		start := i
		lower = lower[:0]
		h := uint64(fnvOffset)
		long, alpha := false, true
		for i < n {
			c := text[i]
			if c < utf8.RuneSelf {
				l := asciiLower[c]
				if l == 0 {
					if c != '\'' || len(lower) == 0 || i+1 >= n || !isLetterAt(text, i+1) || !isLetterByte(lower[len(lower)-1]) {
						break
					}
					l = '\''
				} else if l <= '9' {
					alpha = false
				}
				if len(lower) < maxTokenLen {
					lower = append(lower, l)
					h = (h ^ uint64(l)) * fnvPrime
				} else {
					long = true
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if r == '’' && len(lower) > 0 && i+size < n && isLetterAt(text, i+size) {
				r = '\''
			} else if !isWordRune(r) {
				break
			} else if !unicode.IsLetter(r) {
				alpha = false
			}
			r = unicode.ToLower(r)
			if len(lower)+utf8.RuneLen(r) <= maxTokenLen {
				at := len(lower)
				lower = utf8.AppendRune(lower, r)
				for _, b := range lower[at:] {
					h = (h ^ uint64(b)) * fnvPrime
				}
			} else {
				long = true
			}
			i += size
		}
		if long {
			joined, chainStart, chainParts = chain[:0], -1, 0
			continue
		}
		fn(start, i, lower, h)
		// Hyphenated chains: "wi-fi" also yields "wifi".
		hyphen := i+1 < n && text[i] == '-' && isWordStart(text, i+1)
		if hyphen && chainStart < 0 {
			chainStart = start
		}
		if chainStart >= 0 {
			if !alpha || chainParts < 0 || chainParts == 4 {
				chainParts = -1
			} else {
				joined = append(joined, lower...)
				chainParts++
			}
			if !hyphen {
				if chainParts >= 2 && len(joined) <= maxTokenLen {
					fn(chainStart, i, joined, hashBytes(joined))
				}
				joined, chainStart, chainParts = chain[:0], -1, 0
			}
		}
	}
	if chainStart >= 0 && chainParts >= 2 && len(joined) <= maxTokenLen {
		fn(chainStart, n, joined, hashBytes(joined))
	}
}

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isLetterByte(c byte) bool { return 'a' <= c && c <= 'z' || c >= utf8.RuneSelf }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isWordByte(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isWordStart(s string, i int) bool {
	if s[i] < utf8.RuneSelf {
		return isWordByte(s[i])
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

func isLetterAt(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// stopwords are dropped when indexing and from queries: English function
// words that carry no meaning on their own and would otherwise have posting
// lists as long as the collection.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
		"be", "been", "before", "being", "both", "but", "by",
		"can", "can't", "cannot", "could", "couldn't",
		"did", "didn't", "do", "does", "doesn't", "doing", "don't",
		"each", "either", "for", "from",
		"had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
		"i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its",
		"just", "me", "more", "most", "my", "myself",
		"no", "nor", "not", "of", "on", "once", "only", "or", "other", "our", "ours",
		"she", "should", "so", "some", "such",
		"than", "that", "that's", "the", "their", "theirs", "them", "then", "there", "these", "they",
		"this", "those", "to", "too",
		"very", "was", "wasn't", "we", "we're", "were", "what", "when", "where", "which", "while",
		"who", "whom", "why", "will", "with", "won't", "would",
		"you", "you're", "your", "yours",
	} {
		m[w] = true
	}
	return m
}()

// stemWord returns the index term for a lower-cased word: the Porter2
// (Snowball English) stem of an alphabetic word, the word itself when it
// holds digits or non-Latin letters ("win11", "0x80070005"). It does not
// filter stop words.
func stemWord(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !('a' <= c && c <= 'z' || c == '\'') {
			return w
		}
	}
	if len(w) <= 2 {
		return w
	}
	return english.Stem(w, true)
}

// wordTable maps lower-cased words to int32 values. It is an open-addressing
// hash table over a byte arena, keyed by the hash tokenize computes anyway:
// the analyser looks up every word of every document in it, and a Go map
// would hash the word again and chase pointers.
type wordTable struct {
	slots []uint32 // entry index + 1; 0 is empty; power-of-two length
	ents  []wordEnt
	arena []byte
}

type wordEnt struct {
	hash uint64
	off  uint32
	n    uint32
	val  int32
}

func (t *wordTable) get(w []byte, h uint64) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		e := &t.ents[s-1]
		if e.hash == h && int(e.n) == len(w) && string(t.arena[e.off:e.off+e.n]) == string(w) {
			return e.val, true
		}
	}
}

// put adds a word that is not in the table.
func (t *wordTable) put(w []byte, h uint64, v int32) {
	if 2*(len(t.ents)+1) > len(t.slots) {
		t.grow()
	}
	t.ents = append(t.ents, wordEnt{hash: h, off: uint32(len(t.arena)), n: uint32(len(w)), val: v})
	t.arena = append(t.arena, w...)
	t.place(h, uint32(len(t.ents)))
}

func (t *wordTable) place(h uint64, s uint32) {
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}

func (t *wordTable) grow() {
	n := max(1024, 2*len(t.slots))
	t.slots = make([]uint32, n)
	for i := range t.ents {
		t.place(t.ents[i].hash, uint32(i+1))
	}
}
