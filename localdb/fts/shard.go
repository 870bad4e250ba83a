package fts

import (
	"hash/maphash"
	"slices"
	"strings"
)

// fieldParams are the BM25F weight and length normalisation of one field.
type fieldParams struct{ weight, b float32 }

// kindParams weight titles and subjects well above bodies. Titles are short
// and nearly all signal, so they are hardly length-normalised.
var kindParams = [numKinds][numFields]fieldParams{
	KindArticle: {FieldTitle: {3.0, 0.3}, FieldSummary: {1.5, 0.5}, FieldBody: {1.0, 0.75}, FieldExtra: {1.5, 0}},
	KindTicket:  {FieldTitle: {3.0, 0.3}, FieldSummary: {0, 0}, FieldBody: {1.0, 0.75}, FieldExtra: {0.8, 0.75}},
}

// docMeta describes a document being added.
type docMeta struct {
	id     uint64
	hash   uint64            // of the indexed text, to skip re-indexing unchanged text
	lens   [numFields]uint16 // indexed words per field, saturating
	cat    uint16            // article category + 1; 0 for none
	tier   uint8
	status uint8
}

// attrLive marks a live document in docTable.attr; the low bits hold the
// tier (bits 3-4) and the status code (bits 0-2), so a search's filter is
// one table lookup on one byte.
const attrLive = 0x80

func packAttr(tier, status uint8) uint8 { return attrLive | min(tier, 3)<<3 | status&7 }

// docTable is what the index keeps per document, one array per column
// (about 30 bytes a document): scoring reads attr and the body lengths for
// every posting, and small dense arrays keep those reads in cache.
type docTable struct {
	ids    []uint64
	hashes []uint64
	attr   []uint8
	cat    []uint16
	lens   [numFields][]uint16
}

func (t *docTable) len() int { return len(t.ids) }

func (t *docTable) live(d uint32) bool { return t.attr[d]&attrLive != 0 }

func (t *docTable) add(m *docMeta) uint32 {
	d := uint32(len(t.ids))
	t.ids = append(t.ids, m.id)
	t.hashes = append(t.hashes, m.hash)
	t.attr = append(t.attr, packAttr(m.tier, m.status))
	t.cat = append(t.cat, m.cat)
	for f := range t.lens {
		t.lens[f] = append(t.lens[f], m.lens[f])
	}
	return d
}

// keep returns a table of the documents for which keep[d] is set, in order.
func (t *docTable) keep(live int) docTable {
	var n docTable
	n.ids = make([]uint64, 0, live)
	n.hashes = make([]uint64, 0, live)
	n.attr = make([]uint8, 0, live)
	n.cat = make([]uint16, 0, live)
	for f := range n.lens {
		n.lens[f] = make([]uint16, 0, live)
	}
	for d := range t.ids {
		if t.attr[d]&attrLive == 0 {
			continue
		}
		n.ids = append(n.ids, t.ids[d])
		n.hashes = append(n.hashes, t.hashes[d])
		n.attr = append(n.attr, t.attr[d])
		n.cat = append(n.cat, t.cat[d])
		for f := range n.lens {
			n.lens[f] = append(n.lens[f], t.lens[f][d])
		}
	}
	return n
}

func (t *docTable) bytes() int { return cap(t.ids) * (8 + 8 + 1 + 2 + 2*numFields) }

// shard is the index of one kind of document: a term dictionary, a
// dictionary of the words seen (for prefix and typo matching), posting
// lists and the per-document table.
//
// Documents are numbered in the order they were added. An update marks the
// old number dead and adds the document again under a new, higher number,
// so its postings are appended at the ends of their lists (the tails);
// nothing is rewritten in the middle of a list. When dead documents or
// tails grow past a quarter of the shard, compact renumbers the live
// documents and rewrites the lists into one arena.
type shard struct {
	kind   Kind
	params [numFields]fieldParams

	stems   *strtab  // stem → term id
	stemOff []uint32 // term id → offset of its entry in stems.arena
	surfs   *strtab  // lower-cased word as written → term id of its stem

	df      []uint32 // term → documents in its list, dead ones included until compaction
	last    []uint32 // term → last document in its list, plus one
	base    []byte   // posting lists of the terms below len(baseOff)-1, back to back
	baseOff []uint32
	tails   map[uint32][]byte // postings appended since the last compaction

	docs      docTable
	byID      map[uint64]uint32
	live      int
	sumLen    [numFields]uint64 // over live documents
	tailBytes int

	cats  []string // category id - 1 → lower-cased name
	catID map[string]uint16
}

func newShard(k Kind) *shard {
	return &shard{
		kind: k, params: kindParams[k],
		stems: &strtab{}, surfs: &strtab{},
		baseOff: []uint32{0}, tails: map[uint32][]byte{},
		byID: map[uint64]uint32{}, catID: map[string]uint16{},
	}
}

// postings returns the two parts of a term's list.
func (s *shard) postings(t uint32) (base, tail []byte) {
	if int(t)+1 < len(s.baseOff) {
		base = s.base[s.baseOff[t]:s.baseOff[t+1]]
	}
	return base, s.tails[t]
}

// stemText returns the stem of term t.
func (s *shard) stemText(t uint32) []byte {
	k, _ := s.stems.entry(s.stemOff[t])
	return k
}

// category returns the id + 1 of a category name, adding it if new.
func (s *shard) category(name string) uint16 {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return 0
	}
	if id, ok := s.catID[name]; ok {
		return id
	}
	if len(s.cats) >= 0xfffe {
		return 0
	}
	s.cats = append(s.cats, name)
	id := uint16(len(s.cats))
	s.catID[name] = id
	return id
}

func (s *shard) removeDoc(d uint32) {
	if !s.docs.live(d) {
		return
	}
	s.docs.attr[d] &^= attrLive
	s.live--
	for f := range s.sumLen {
		s.sumLen[f] -= uint64(s.docs.lens[f][d])
	}
	id := s.docs.ids[d]
	if cur, ok := s.byID[id]; ok && cur == d {
		delete(s.byID, id)
	}
}

func (s *shard) addMeta(m *docMeta) uint32 {
	d := s.docs.add(m)
	s.live++
	for f, n := range m.lens {
		s.sumLen[f] += uint64(n)
	}
	if old, ok := s.byID[m.id]; ok {
		s.removeDoc(old)
	}
	s.byID[m.id] = d
	return d
}

// setState updates the tier and status of document d.
func (s *shard) setState(d uint32, tier, status uint8) {
	s.docs.attr[d] = s.docs.attr[d]&attrLive | packAttr(tier, status)&^attrLive
}

// needsCompaction reports whether dead documents or appended postings have
// grown past a quarter of the shard.
func (s *shard) needsCompaction() bool {
	dead := s.docs.len() - s.live
	return (dead > 1024 && dead*4 > s.docs.len()) || (s.tailBytes > 1<<20 && s.tailBytes*4 > len(s.base))
}

// compact drops dead documents, renumbers the live ones densely and
// rewrites every posting list, base and tail, into one new arena.
func (s *shard) compact() {
	remap := make([]uint32, s.docs.len()) // old doc → new doc + 1; 0 for dead
	n := uint32(0)
	for d := range remap {
		if s.docs.live(uint32(d)) {
			n++
			remap[d] = n
		}
	}
	docs := s.docs.keep(int(n))
	arena := make([]byte, 0, len(s.base)+s.tailBytes)
	off := make([]uint32, len(s.df)+1)
	for t := range s.df {
		off[t] = uint32(len(arena))
		base, tail := s.postings(uint32(t))
		it := postingIter{b: base}
		var prev, df uint32
		for part := 0; part < 2; part++ {
			for it.next() {
				if r := remap[it.doc-1]; r != 0 {
					arena = appendPosting(arena, prev, r-1, &it.tf)
					prev = r
					df++
				}
			}
			it.b, it.pos = tail, 0
		}
		s.df[t], s.last[t] = df, prev
	}
	off[len(s.df)] = uint32(len(arena))
	if cap(arena)-len(arena) > len(arena)/8 {
		arena = slices.Clone(arena)
	}
	s.base, s.baseOff = arena, off
	s.tails, s.tailBytes = map[uint32][]byte{}, 0
	s.docs = docs
	clear(s.byID)
	for d, id := range docs.ids {
		s.byID[id] = uint32(d)
	}
}

// bytes estimates the heap the shard holds.
func (s *shard) bytes() int {
	n := s.stems.bytes() + s.surfs.bytes() + 4*(cap(s.stemOff)+cap(s.df)+cap(s.last)+cap(s.baseOff))
	n += cap(s.base) + s.docs.bytes() + 40*len(s.byID)
	for _, t := range s.tails {
		n += cap(t) + 48
	}
	return n
}

// Analysis. A docAnalyzer belongs to one goroutine. It numbers the stems it
// sees itself (local ids), so building workers never share a map: the
// single goroutine that assembles the index maps each worker's local ids to
// term ids once per stem, and each posting with an array lookup.

type aterm struct {
	lid uint32
	tf  tfs
}

type surfLID struct {
	word string
	lid  uint32
}

// analyzed is one document ready to add to a shard.
type analyzed struct {
	kind     Kind
	meta     docMeta
	category string
	terms    []aterm
	newStems []string  // stems first seen by the analyzer; their local ids follow on
	newSurfs []surfLID // words first seen by the analyzer
}

type docAnalyzer struct {
	memo   wordTable         // lower-cased word → local stem id; -1 if not indexed
	stemID map[string]uint32 // stem → local id
	slot   []int32           // local id → index in the current document's terms + 1
	stems  *stemCache        // stems of words met by earlier updates; nil in a build
}

// newDocAnalyzer presizes the stem map for about stems stems. A build
// asks for buildStems; an update for stemsPerDoc per document: presized
// for a build (about 100 KB), the map made every single-ticket update
// allocate 200 KB, which brought the next garbage collection, and with it
// a slow user action, much closer (BENCHMARKS.md, local action).
func newDocAnalyzer(stems int) *docAnalyzer {
	return &docAnalyzer{stemID: make(map[string]uint32, stems)}
}

const (
	buildStems  = 4096
	stemsPerDoc = 64
)

var hashSeed = maphash.MakeSeed()

// textHash hashes the indexed text of a document.
func textHash(d *Doc) uint64 {
	var h maphash.Hash
	h.SetSeed(hashSeed)
	for f := Field(0); f < numFields; f++ {
		h.WriteString(d.field(f))
		h.WriteByte(0)
	}
	return h.Sum64()
}

func (a *docAnalyzer) analyze(d *Doc, out *analyzed) {
	*out = analyzed{
		kind: d.Kind, category: d.Category,
		meta:     docMeta{id: d.ID, hash: textHash(d), tier: tierCode(d.Tier), status: statusCode(d.Status)},
		terms:    out.terms[:0],
		newStems: out.newStems[:0],
		newSurfs: out.newSurfs[:0],
	}
	for f := Field(0); f < numFields; f++ {
		text := d.field(f)
		if text == "" {
			continue
		}
		n := 0
		tokenize(text, func(_, _ int, lower []byte, h uint64) {
			lid, ok := a.memo.get(lower, h)
			if !ok {
				lid = a.learn(lower, h, out)
			}
			if lid < 0 {
				return
			}
			n++
			i := a.slot[lid]
			if i == 0 {
				out.terms = append(out.terms, aterm{lid: uint32(lid)})
				i = int32(len(out.terms))
				a.slot[lid] = i
			}
			if tf := &out.terms[i-1].tf[f]; *tf < 255 {
				*tf++
			}
		})
		out.meta.lens[f] = uint16(min(n, 0xffff))
	}
	for _, t := range out.terms {
		a.slot[t.lid] = 0
	}
}

// learn stems a word seen for the first time.
func (a *docAnalyzer) learn(lower []byte, h uint64, out *analyzed) int32 {
	if len(lower) < minTokenLen || stopwords[string(lower)] {
		a.memo.put(lower, h, -1)
		return -1
	}
	w := string(lower)
	var stem string
	if a.stems != nil {
		stem = a.stems.stem(w)
	} else {
		stem = stemWord(w)
	}
	lid, ok := a.stemID[stem]
	if !ok {
		lid = uint32(len(a.stemID))
		a.stemID[stem] = lid
		a.slot = append(a.slot, 0)
		out.newStems = append(out.newStems, stem)
	}
	a.memo.put(lower, h, int32(lid))
	out.newSurfs = append(out.newSurfs, surfLID{w, lid})
	return int32(lid)
}

// builder assembles a shard from scratch, with maps for the dictionaries
// and a growing buffer per posting list, then packs everything into the
// compact form.
type builder struct {
	s       *shard
	stemMap map[string]uint32
	surfMap map[string]uint32
	bufs    [][]byte
	lmaps   map[*docAnalyzer][]uint32 // local id → term id, per analyzer
}

func newBuilder(k Kind) *builder {
	return &builder{s: newShard(k), stemMap: map[string]uint32{}, surfMap: map[string]uint32{}, lmaps: map[*docAnalyzer][]uint32{}}
}

func (b *builder) add(a *docAnalyzer, an *analyzed) {
	s := b.s
	lmap := b.lmaps[a]
	for _, stem := range an.newStems {
		t, ok := b.stemMap[stem]
		if !ok {
			t = uint32(len(b.bufs))
			b.stemMap[stem] = t
			b.bufs = append(b.bufs, nil)
			s.df = append(s.df, 0)
			s.last = append(s.last, 0)
		}
		lmap = append(lmap, t)
	}
	b.lmaps[a] = lmap
	for _, w := range an.newSurfs {
		if _, ok := b.surfMap[w.word]; !ok {
			b.surfMap[w.word] = lmap[w.lid]
		}
	}
	m := an.meta
	m.cat = s.category(an.category)
	d := s.addMeta(&m)
	for i := range an.terms {
		t := lmap[an.terms[i].lid]
		b.bufs[t] = appendPosting(b.bufs[t], s.last[t], d, &an.terms[i].tf)
		s.last[t] = d + 1
		s.df[t]++
	}
}

// finish packs the dictionaries and posting lists; the builder is spent.
func (b *builder) finish() *shard {
	s := b.s
	keys := make([]string, 0, len(b.stemMap))
	vals := make([]uint32, 0, len(b.stemMap))
	for k, v := range b.stemMap {
		keys, vals = append(keys, k), append(vals, v)
	}
	s.stems = bulkStrtab(keys, vals)
	s.stemOff = make([]uint32, len(keys))
	for i, off := range s.stems.sorted {
		s.stemOff[s.stems.val(i)] = off
	}
	keys, vals = keys[:0], vals[:0]
	for k, v := range b.surfMap {
		keys, vals = append(keys, k), append(vals, v)
	}
	s.surfs = bulkStrtab(keys, vals)
	total := 0
	for _, p := range b.bufs {
		total += len(p)
	}
	s.base = make([]byte, 0, total)
	s.baseOff = make([]uint32, len(b.bufs)+1)
	for t, p := range b.bufs {
		s.baseOff[t] = uint32(len(s.base))
		s.base = append(s.base, p...)
		b.bufs[t] = nil
	}
	s.baseOff[len(b.bufs)] = uint32(len(s.base))
	if s.live < s.docs.len() {
		s.compact()
	}
	*b = builder{}
	return s
}

// updater adds analysed documents to a built shard: new stems and words get
// new term ids at once and join the sorted dictionaries in one merge at the
// end. The documents must come from one docAnalyzer, in the order it
// analysed them.
type updater struct {
	s         *shard
	lmap      []uint32 // the analyser's local stem ids → term ids
	newStems  []uint32 // arena offsets to merge into s.stems
	newSurfs  []uint32
	seenStem  map[string]uint32 // stems added in this update
	seenSurfs map[string]bool
}

func newUpdater(s *shard) *updater {
	return &updater{s: s, seenStem: map[string]uint32{}, seenSurfs: map[string]bool{}}
}

// learn maps the stems and words the analyser met first in this document;
// it must see every document analysed, even one then left unchanged.
func (u *updater) learn(an *analyzed) {
	s := u.s
	for _, stem := range an.newStems {
		t, ok := s.stems.get([]byte(stem))
		if !ok {
			if t, ok = u.seenStem[stem]; !ok {
				t = uint32(len(s.df))
				s.df = append(s.df, 0)
				s.last = append(s.last, 0)
				off := s.stems.appendEntry(stem, t)
				s.stemOff = append(s.stemOff, off)
				u.newStems = append(u.newStems, off)
				u.seenStem[stem] = t
			}
		}
		u.lmap = append(u.lmap, t)
	}
	for _, w := range an.newSurfs {
		if u.seenSurfs[w.word] {
			continue
		}
		if _, ok := s.surfs.get([]byte(w.word)); !ok {
			u.newSurfs = append(u.newSurfs, s.surfs.appendEntry(w.word, u.lmap[w.lid]))
		}
		u.seenSurfs[w.word] = true
	}
}

// add indexes the document (after learn).
func (u *updater) add(an *analyzed) {
	s := u.s
	m := an.meta
	m.cat = s.category(an.category)
	doc := s.addMeta(&m)
	for i := range an.terms {
		t := u.lmap[an.terms[i].lid]
		tail := s.tails[t]
		n := len(tail)
		tail = appendPosting(tail, s.last[t], doc, &an.terms[i].tf)
		s.tails[t] = tail
		s.tailBytes += len(tail) - n
		s.last[t] = doc + 1
		s.df[t]++
	}
}

// finish merges the new words into the sorted dictionaries.
func (u *updater) finish() {
	u.s.stems.merge(u.newStems)
	u.s.surfs.merge(u.newSurfs)
}

// analyzeDocs analyses documents for an update, one analyser per kind, so
// that the work is done before the index is locked. stems may be nil.
func analyzeDocs(docs []Doc, stems *stemCache) []analyzed {
	out := make([]analyzed, len(docs))
	var as [numKinds]*docAnalyzer
	for i := range docs {
		k := docs[i].Kind
		if k >= numKinds {
			continue
		}
		if as[k] == nil {
			as[k] = newDocAnalyzer(min(buildStems, stemsPerDoc*len(docs)))
			as[k].stems = stems
		}
		as[k].analyze(&docs[i], &out[i])
	}
	return out
}
