package fts

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Ranking parameters.
const (
	k1 = 1.2 // BM25 term-frequency saturation

	maxGroups         = 16   // query words considered
	prefixFactor      = 0.9  // a word the typed prefix completes, against the word itself
	maxPrefixExp      = 32   // completions of the last word kept, most frequent first
	maxShortPrefixExp = 12   // the same for a prefix of two or three letters
	maxFuzzyExp       = 12   // typo corrections of one word kept
	fuzzyDFRatio      = 3    // a correction must be this many times more frequent than what was typed
	fuzzyCommon       = 1000 // a word in 1/fuzzyCommon of the documents is not corrected
	defaultLimit      = 10   // hits when Query.Limit is 0
	minFuzzyRunes     = 4    // words shorter than this get no typo tolerance
	twoTypoRunes      = 8    // words this long tolerate two typos
	minPrefixLen      = 2    // a last word shorter than this is not completed
)

// typoFactor scales a term matched with 0, 1 or 2 typos.
var typoFactor = [3]float32{1, 0.55, 0.3}

// Query is a search.
type Query struct {
	// Text is what the user typed. Unless Exact is set, its last word is
	// also taken as a prefix when no space follows it (search as you type).
	Text  string
	Exact bool
	// Kinds restricts the kinds of documents; empty means all.
	Kinds []Kind
	// Tiers and Statuses restrict tickets (empty: any); Category restricts
	// articles (case-insensitive; empty: any). A filter of one kind never
	// excludes the other kind: use Kinds for that.
	Tiers    []helpdesk.Tier
	Statuses []helpdesk.Status
	Category string
	// NoNotes leaves tickets' internal notes out of matching and snippets,
	// for requesters.
	NoNotes bool
	// Limit is the number of hits wanted; 0 means 10.
	Limit int
}

// Span is a byte range [Start, End) of a string.
type Span struct{ Start, End int }

// Hit is one search result. Documents that match more of the query's words
// come first (a word matched through a typo or as a prefix counts); among
// them the higher BM25F score first.
type Hit struct {
	Kind    Kind
	ID      uint64
	Score   float64
	Matched int // query words matched
	Words   int // query words searched for
	// Title, Snippet and their highlights (the byte ranges of the matched
	// words, for the UI to embolden) are filled in from the Source; they
	// are empty if the index has none.
	Title           string
	TitleHighlights []Span
	Snippet         string
	Highlights      []Span
}

// qterm is one word of a query.
type qterm struct {
	word     string // lower-cased, as typed
	stem     string // its index term; "" for a stop word
	prefix   bool   // complete it as a prefix too
	optional bool   // does not count towards Hit.Matched (a stop word being typed)
	runes    int
}

func parseQuery(text string, exact bool) []qterm {
	type tok struct {
		start, end int
		word       string
	}
	var toks []tok
	tokenize(text, func(start, end int, lower []byte, _ uint64) {
		// A joined hyphen chain ("wi-fi" → "wifi") replaces its parts.
		for len(toks) > 0 && toks[len(toks)-1].start >= start {
			toks = toks[:len(toks)-1]
		}
		toks = append(toks, tok{start, end, string(lower)})
	})
	prefixLast := !exact && len(toks) > 0 && toks[len(toks)-1].end == len(text)
	var out []qterm
	seen := map[string]bool{}
	for i, t := range toks {
		p := prefixLast && i == len(toks)-1 && len(t.word) >= minPrefixLen
		stem := ""
		if len(t.word) >= minTokenLen && !stopwords[t.word] {
			stem = stemWord(t.word)
		}
		if stem == "" && !p {
			continue
		}
		key := stem
		if p {
			key = "\x00" + t.word
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, qterm{word: t.word, stem: stem, prefix: p, optional: stem == "", runes: utf8.RuneCountInString(t.word)})
		if len(out) == maxGroups {
			break
		}
	}
	return out
}

// expansion is one index term a query word matches, with the factor its
// frequencies are scaled by (1 for the word itself, less for completions
// and typo corrections).
type expansion struct {
	term   uint32
	factor float32
}

type group struct {
	exps     []expansion
	df       uint32 // the largest document frequency among exps, for the IDF
	optional bool
}

type cand struct {
	term uint32
	f    float32
	dist int
}

// expand finds the terms of the shard a query word matches: its stem, its
// completions if it is being typed, and its typo corrections. A correction
// is only taken if it is much more frequent than what was typed, so a rare
// but real word is not "corrected" into a common neighbour.
func (s *shard) expand(qt *qterm) group {
	g := group{optional: qt.optional}
	best := map[uint32]float32{}
	var dfBase uint32
	if qt.stem != "" {
		if t, ok := s.stems.get([]byte(qt.stem)); ok && s.df[t] > 0 {
			best[t] = 1
			dfBase = s.df[t]
		}
	}
	k := 0
	if !qt.optional && uint64(dfBase)*fuzzyCommon < uint64(s.docs.len()) {
		// A word in one document in a thousand or more is a real word of
		// this collection, not a typo: it is not corrected.
		k = fuzzyBudget(qt.runes)
	}
	if qt.prefix || k > 0 {
		var exact, fuzzy []cand
		s.surfs.walk([]byte(qt.word), k, qt.prefix, func(m match) {
			t := s.surfs.val(m.idx)
			if s.df[t] == 0 {
				return
			}
			f := typoFactor[m.dist]
			if m.prefix {
				f *= prefixFactor
			}
			if m.dist == 0 {
				exact = append(exact, cand{t, f, 0})
			} else {
				fuzzy = append(fuzzy, cand{t, f, m.dist})
			}
		})
		// Inflected misspellings ("flickring") are often closer to a stem
		// ("flicker") than to any word as written: match the stem too.
		if ks := min(k, fuzzyBudget(utf8.RuneCountInString(qt.stem))); ks > 0 && qt.stem != qt.word {
			s.stems.walk([]byte(qt.stem), ks, false, func(m match) {
				if t := s.stems.val(m.idx); m.dist > 0 && s.df[t] > 0 {
					fuzzy = append(fuzzy, cand{t, typoFactor[m.dist], m.dist})
				}
			})
		}
		// Keep the most frequent completions (fewer for a short prefix,
		// which completes to many words).
		limit := maxPrefixExp
		if len(qt.word) < 4 {
			limit = maxShortPrefixExp
		}
		if len(exact) > limit {
			slices.SortFunc(exact, func(a, b cand) int {
				if a.f != b.f {
					if a.f > b.f {
						return -1
					}
					return 1
				}
				return int(s.df[b.term]) - int(s.df[a.term])
			})
			exact = exact[:limit]
		}
		for _, c := range exact {
			if c.f > best[c.term] {
				best[c.term] = c.f
			}
			dfBase = max(dfBase, s.df[c.term])
		}
		slices.SortFunc(fuzzy, func(a, b cand) int {
			if a.dist != b.dist {
				return a.dist - b.dist
			}
			return int(s.df[b.term]) - int(s.df[a.term])
		})
		n := 0
		for _, c := range fuzzy {
			if n == maxFuzzyExp {
				break
			}
			if _, ok := best[c.term]; ok || uint64(s.df[c.term]) <= fuzzyDFRatio*uint64(dfBase) {
				if ok && c.f > best[c.term] {
					best[c.term] = c.f
				}
				continue
			}
			best[c.term] = c.f
			n++
		}
	}
	for t, f := range best {
		g.exps = append(g.exps, expansion{t, f})
		g.df = max(g.df, s.df[t])
	}
	return g
}

// fuzzyBudget is the number of typos tolerated in a word of n runes.
func fuzzyBudget(n int) int {
	switch {
	case n >= twoTypoRunes:
		return 2
	case n >= minFuzzyRunes:
		return 1
	}
	return 0
}

// filter is a query's restriction on one shard's documents: whether a
// document passes, by its attribute byte (liveness, tier, status), and the
// category it must have (0: any).
type filter struct {
	pass [256]bool
	cat  uint16
}

func (f *filter) ok(t *docTable, d uint32) bool {
	return f.pass[t.attr[d]] && (f.cat == 0 || t.cat[d] == f.cat)
}

func tierCode(t helpdesk.Tier) uint8 { return min(uint8(t), 3) }

// filterFor compiles the query's filters for shard s; false means nothing
// in s can match.
func (s *shard) filterFor(q *Query) (filter, bool) {
	var f filter
	tiers, statuses := uint8(0xff), uint8(0xff)
	switch s.kind {
	case KindTicket:
		if len(q.Tiers) > 0 {
			tiers = 0
			for _, t := range q.Tiers {
				tiers |= 1 << min(tierCode(t), 3)
			}
		}
		if len(q.Statuses) > 0 {
			statuses = 0
			for _, st := range q.Statuses {
				statuses |= 1 << statusCode(st)
			}
		}
	case KindArticle:
		if q.Category != "" {
			id, ok := s.catID[strings.ToLower(strings.TrimSpace(q.Category))]
			if !ok {
				return f, false
			}
			f.cat = id
		}
	}
	for a := range f.pass {
		f.pass[a] = a&attrLive != 0 && tiers>>(a>>3&3)&1 != 0 && statuses>>(a&7)&1 != 0
	}
	return f, true
}

// accum holds a search's per-document scratch arrays; they are pooled and
// cleared by the search that used them.
type accum struct {
	tfw      []float32
	score    []float32
	mask     []uint32
	touched  []uint32
	gtouched []uint32
}

var accPool sync.Pool

func getAccum(n int) *accum {
	a, _ := accPool.Get().(*accum)
	if a == nil {
		a = &accum{}
	}
	if len(a.tfw) < n {
		n = max(n, 1024) * 5 / 4
		a.tfw, a.score, a.mask = make([]float32, n), make([]float32, n), make([]uint32, n)
	}
	return a
}

const touchedBit = 1 << 31

// score ranks the shard's documents for the query's groups into top.
func (s *shard) score(groups []group, f *filter, noNotes bool, top *topK) {
	n := s.docs.len()
	if n == 0 {
		return
	}
	acc := getAccum(n)
	defer accPool.Put(acc)
	var c0, c1, wt [numFields]float32
	live := max(s.live, 1)
	for i, p := range s.params {
		avg := float64(s.sumLen[i]) / float64(live)
		if avg <= 0 {
			avg = 1
		}
		c0[i], c1[i], wt[i] = 1-p.b, float32(float64(p.b)/avg), p.weight
	}
	if noNotes && s.kind == KindTicket {
		wt[FieldExtra] = 0
	}
	var countMask uint32
	N := float64(n)
	touched, gtouched := acc.touched[:0], acc.gtouched[:0]
	for gi := range groups {
		g := &groups[gi]
		if !g.optional {
			countMask |= 1 << gi
		}
		if len(g.exps) == 0 {
			continue
		}
		df := min(float64(g.df), N)
		idf := float32(math.Log(1 + (N-df+0.5)/(df+0.5)))
		for _, e := range g.exps {
			base, tail := s.postings(e.term)
			var doc uint32 // current document + 1
			for _, b := range [2][]byte{base, tail} {
				for p := 0; p < len(b); {
					// Decode one posting (see postings.go).
					if b[p] < 0x80 {
						doc += uint32(b[p])
						p++
					} else {
						g, n := binary.Uvarint(b[p:])
						doc += uint32(g)
						p += n
					}
					h := b[p]
					p++
					d := doc - 1
					var x float32
					if hi := h >> 4; hi != 0 {
						if !f.ok(&s.docs, d) {
							continue
						}
						fi := bits.TrailingZeros8(h)
						x = wt[fi] * float32(hi) / (c0[fi] + c1[fi]*float32(s.docs.lens[fi][d]))
					} else {
						ok := f.ok(&s.docs, d)
						for fi := range numFields {
							if h&(1<<fi) != 0 {
								if ok {
									x += wt[fi] * float32(b[p]) / (c0[fi] + c1[fi]*float32(s.docs.lens[fi][d]))
								}
								p++
							}
						}
						if !ok {
							continue
						}
					}
					if x == 0 {
						continue
					}
					if acc.tfw[d] == 0 {
						gtouched = append(gtouched, d)
					}
					acc.tfw[d] += x * e.factor
				}
			}
		}
		bit := uint32(1) << gi
		for _, d := range gtouched {
			x := acc.tfw[d]
			acc.tfw[d] = 0
			if acc.mask[d] == 0 {
				touched = append(touched, d)
			}
			acc.mask[d] |= bit | touchedBit
			acc.score[d] += idf * x * (k1 + 1) / (k1 + x)
		}
		gtouched = gtouched[:0]
	}
	for _, d := range touched {
		top.offer(cand2{n: int32(bits.OnesCount32(acc.mask[d] & countMask)), score: acc.score[d], kind: s.kind, doc: d})
		acc.mask[d], acc.score[d] = 0, 0
	}
	acc.touched, acc.gtouched = touched[:0], gtouched[:0]
}

// cand2 is a scored document.
type cand2 struct {
	n     int32
	score float32
	kind  Kind
	doc   uint32
}

// better orders candidates: more words matched, then higher score, then
// articles before tickets and newer documents first.
func better(a, b cand2) bool {
	if a.n != b.n {
		return a.n > b.n
	}
	if a.score != b.score {
		return a.score > b.score
	}
	if a.kind != b.kind {
		return a.kind < b.kind
	}
	return a.doc > b.doc
}

// topK keeps the best k candidates in a heap with the worst at the root.
type topK struct {
	k int
	h []cand2
}

func (t *topK) offer(c cand2) {
	if len(t.h) < t.k {
		t.h = append(t.h, c)
		// sift up
		i := len(t.h) - 1
		for i > 0 {
			p := (i - 1) / 2
			if !better(t.h[p], t.h[i]) {
				break
			}
			t.h[p], t.h[i] = t.h[i], t.h[p]
			i = p
		}
		return
	}
	if !better(c, t.h[0]) {
		return
	}
	t.h[0] = c
	i := 0
	for {
		l, r, w := 2*i+1, 2*i+2, i
		if l < len(t.h) && better(t.h[w], t.h[l]) {
			w = l
		}
		if r < len(t.h) && better(t.h[w], t.h[r]) {
			w = r
		}
		if w == i {
			return
		}
		t.h[i], t.h[w] = t.h[w], t.h[i]
		i = w
	}
}

func (t *topK) sorted() []cand2 {
	slices.SortFunc(t.h, func(a, b cand2) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	return t.h
}

// Search runs a query. Hits come best first; see Hit for the order.
func (ix *Index) Search(q Query) []Hit {
	qts := parseQuery(q.Text, q.Exact)
	if len(qts) == 0 {
		return nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	words := 0
	for _, qt := range qts {
		if !qt.optional {
			words++
		}
	}
	top := &topK{k: limit, h: make([]cand2, 0, limit)}
	var hl map[string]int
	if ix.src != nil {
		hl = map[string]int{}
	}
	ix.mu.RLock()
	groups := make([]group, len(qts))
	for k, s := range ix.shards {
		if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, Kind(k)) {
			continue
		}
		f, ok := s.filterFor(&q)
		if !ok {
			continue
		}
		for i := range qts {
			groups[i] = s.expand(&qts[i])
		}
		s.score(groups, &f, q.NoNotes, top)
		if hl != nil {
			for gi, g := range groups {
				for _, e := range g.exps {
					hl[string(s.stemText(e.term))] = gi
				}
			}
		}
	}
	cands := top.sorted()
	hits := make([]Hit, len(cands))
	for i, c := range cands {
		hits[i] = Hit{Kind: c.kind, ID: ix.shards[c.kind].docs.ids[c.doc], Score: float64(c.score), Matched: int(c.n), Words: words}
	}
	ix.mu.RUnlock()
	if ix.src != nil {
		hits = decorate(ix.src, hits, hl, q.NoNotes)
	}
	return hits
}
