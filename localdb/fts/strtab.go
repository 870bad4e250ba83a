package fts

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"slices"
	"sort"
)

// strtab is a sorted table of short strings, each carrying a uint32 value.
// Entries live back to back in one byte arena (length byte, the bytes, the
// value in 4 bytes little-endian) and an array of arena offsets keeps them in
// byte order. That costs about len+9 bytes an entry, against 50 or more for a
// Go map, holds no pointers for the garbage collector to trace, and, being
// sorted, serves prefix ranges and the fuzzy walk as well as exact lookup.
//
// Exact lookups go through slots, an open-addressing hash table of arena
// offsets (4 to 8 bytes an entry, no pointers either): an update looks up
// every stem and word of the page it indexes, and the binary search, about
// seventeen comparisons of bytes scattered over the arena for each, was a
// fifth of the update's CPU (BENCHMARKS.md, applying a pulled page).
type strtab struct {
	arena  []byte
	sorted []uint32 // arena offsets in byte order of their strings
	slots  []uint32 // arena offset + 1 of each entry, 0 when free; power-of-two length
	n      int      // entries in slots
}

func (t *strtab) len() int { return len(t.sorted) }

// entry returns the string and value at arena offset off.
func (t *strtab) entry(off uint32) ([]byte, uint32) {
	n := uint32(t.arena[off])
	k := t.arena[off+1 : off+1+n]
	return k, binary.LittleEndian.Uint32(t.arena[off+1+n:])
}

func (t *strtab) key(i int) []byte {
	off := t.sorted[i]
	n := uint32(t.arena[off])
	return t.arena[off+1 : off+1+n]
}

func (t *strtab) val(i int) uint32 {
	off := t.sorted[i]
	n := uint32(t.arena[off])
	return binary.LittleEndian.Uint32(t.arena[off+1+n:])
}

// find returns the index in sorted of s, or where it would be inserted.
func (t *strtab) find(s []byte) int {
	return sort.Search(len(t.sorted), func(i int) bool { return bytes.Compare(t.key(i), s) >= 0 })
}

// get returns the value of s. An entry is found from the moment
// appendEntry wrote it, before it is merged into sorted.
func (t *strtab) get(s []byte) (uint32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := maphash.Bytes(hashSeed, s) & mask; ; i = (i + 1) & mask {
		off := t.slots[i]
		if off == 0 {
			return 0, false
		}
		if k, v := t.entry(off - 1); string(k) == string(s) {
			return v, true
		}
	}
}

// place adds the entry at arena offset off to slots, growing them to keep
// them at most half full, so that probes stay short.
func (t *strtab) place(off uint32) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots, t.n = make([]uint32, max(64, 2*len(old))), 0
		for _, o := range old {
			if o != 0 {
				t.put(o - 1)
			}
		}
	}
	t.put(off)
}

func (t *strtab) put(off uint32) {
	k, _ := t.entry(off)
	mask := uint64(len(t.slots) - 1)
	i := maphash.Bytes(hashSeed, k) & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = off + 1
	t.n++
}

// rehash rebuilds slots from sorted, for a table read back whole
// (persist.go).
func (t *strtab) rehash() {
	size := 64
	for size < 2*(len(t.sorted)+1) {
		size *= 2
	}
	t.slots, t.n = make([]uint32, size), 0
	for _, off := range t.sorted {
		t.put(off)
	}
}

// prefixRange returns the index range of the entries that start with p.
func (t *strtab) prefixRange(p []byte) (int, int) {
	lo := t.find(p)
	hi := lo + sort.Search(len(t.sorted)-lo, func(j int) bool { return !bytes.HasPrefix(t.key(lo+j), p) })
	return lo, hi
}

// appendEntry writes an entry to the arena and returns its offset; the
// caller must then merge the offset into sorted.
func (t *strtab) appendEntry(s string, v uint32) uint32 {
	off := uint32(len(t.arena))
	t.arena = append(t.arena, byte(len(s)))
	t.arena = append(t.arena, s...)
	t.arena = binary.LittleEndian.AppendUint32(t.arena, v)
	t.place(off)
	return off
}

// merge adds entries already written to the arena with appendEntry (their
// offsets in fresh; none may be present yet). It sorts them, finds where
// each goes by binary search and moves the runs of the offsets array
// between them once, from the back: an update that brings a few new words
// costs a few searches and one memmove of the array, not one per word.
func (t *strtab) merge(fresh []uint32) {
	if len(fresh) == 0 {
		return
	}
	slices.SortFunc(fresh, func(a, b uint32) int {
		ka, _ := t.entry(a)
		kb, _ := t.entry(b)
		return bytes.Compare(ka, kb)
	})
	old := len(t.sorted)
	pos := make([]int, len(fresh))
	for j, off := range fresh {
		k, _ := t.entry(off)
		pos[j] = sort.Search(old, func(i int) bool { return bytes.Compare(t.key(i), k) > 0 })
	}
	t.sorted = slices.Grow(t.sorted, len(fresh))[:old+len(fresh)]
	end := old
	for j := len(fresh) - 1; j >= 0; j-- {
		p := pos[j]
		copy(t.sorted[p+j+1:end+j+1], t.sorted[p:end])
		t.sorted[p+j] = fresh[j]
		end = p
	}
}

// bulk builds a table from scratch out of distinct keys.
func bulkStrtab(keys []string, vals []uint32) *strtab {
	t := &strtab{}
	size := 0
	for _, k := range keys {
		size += len(k) + 5
	}
	t.arena = make([]byte, 0, size)
	t.sorted = make([]uint32, len(keys))
	slots := 64
	for slots < 2*(len(keys)+1) {
		slots *= 2
	}
	t.slots = make([]uint32, slots)
	for i, k := range keys {
		t.sorted[i] = t.appendEntry(k, vals[i])
	}
	slices.SortFunc(t.sorted, func(a, b uint32) int {
		ka, _ := t.entry(a)
		kb, _ := t.entry(b)
		return bytes.Compare(ka, kb)
	})
	return t
}

// bytes reports the memory the table holds.
func (t *strtab) bytes() int { return cap(t.arena) + 4*cap(t.sorted) + 4*cap(t.slots) }

// match is one entry found by walk: its index, its edit distance from the
// query, and whether the query matched only a prefix of it.
type match struct {
	idx    int
	dist   int
	prefix bool
}

// maxWalkDepth bounds the depth of the fuzzy walk (entries are at most
// maxTokenLen bytes).
const maxWalkDepth = maxTokenLen + 1

// walk finds the entries within optimal-string-alignment distance k of q
// (an adjacent transposition counts as one edit, so "pasword" and
// "passowrd" are both one edit from "password"). With prefix set it also
// finds the entries that have a prefix within distance k of q (search as
// you type). It walks the implicit trie of the sorted table, one dynamic
// programming row per trie level, and abandons a branch as soon as every
// cell of its row exceeds k; a branch whose prefix already matches q is
// reported whole. Distances are counted in bytes. fn is called once per
// matching entry; stopping early is not needed by callers.
func (t *strtab) walk(q []byte, k int, prefix bool, fn func(m match)) {
	if len(q) >= maxWalkDepth || len(t.sorted) == 0 {
		return
	}
	m := len(q)
	w := walker{t: t, q: q, k: k, prefix: prefix, fn: fn, m: m}
	w.rows = make([]uint8, (maxWalkDepth+1)*(m+1))
	row0 := w.rows[:m+1]
	for j := range row0 {
		row0[j] = uint8(j)
	}
	best := 255
	if m <= k {
		best = m
	}
	w.visit(0, 0, len(t.sorted), best)
}

type walker struct {
	t      *strtab
	q      []byte
	k, m   int
	prefix bool
	fn     func(match)
	rows   []uint8 // row d at rows[d*(m+1):]
	path   [maxWalkDepth]byte
}

func (w *walker) row(d int) []uint8 { return w.rows[d*(w.m+1) : (d+1)*(w.m+1)] }

// visit explores the entries [lo, hi) that share the first d bytes
// (path[:d]); best is the smallest distance between q and any of those
// prefixes seen on the way down (255 if none is within k).
func (w *walker) visit(d, lo, hi, best int) {
	row := w.row(d)
	if lo < hi && len(w.t.key(lo)) == d {
		// The path itself is an entry.
		m := match{idx: lo, dist: int(row[w.m])}
		if w.prefix && best < m.dist {
			m.dist, m.prefix = best, true
		}
		if m.dist <= w.k {
			w.fn(m)
		}
		lo++
	}
	if lo >= hi || d >= maxWalkDepth-1 {
		return
	}
	minRow := 255
	for _, v := range row {
		minRow = min(minRow, int(v))
	}
	if minRow > w.k {
		if w.prefix && best <= w.k {
			// Nothing below can get closer: report the whole branch.
			for i := lo; i < hi; i++ {
				w.fn(match{idx: i, dist: best, prefix: true})
			}
		}
		return
	}
	next := w.row(d + 1)
	for i := lo; i < hi; {
		c := w.t.key(i)[d]
		// j: the first entry after i whose byte d differs from c, found by
		// galloping: most branches are small.
		lo2, step := i+1, 1
		for lo2+step-1 < hi && w.t.key(lo2 + step - 1)[d] == c {
			lo2 += step
			step *= 2
		}
		end := min(lo2+step-1, hi)
		j := lo2 + sort.Search(end-lo2, func(x int) bool { return w.t.key(lo2 + x)[d] != c })
		w.path[d] = c
		next[0] = uint8(d + 1)
		for x := 1; x <= w.m; x++ {
			cost := uint8(1)
			if w.q[x-1] == c {
				cost = 0
			}
			v := min(row[x]+1, next[x-1]+1, row[x-1]+cost)
			if d >= 1 && x >= 2 && w.q[x-1] == w.path[d-1] && w.q[x-2] == c {
				v = min(v, w.row(d - 1)[x-2]+1)
			}
			next[x] = v
		}
		b := best
		if w.prefix {
			b = min(b, int(next[w.m]))
		}
		nmin := 255
		for _, v := range next {
			nmin = min(nmin, int(v))
		}
		if nmin <= w.k || (w.prefix && b <= w.k) {
			w.visit(d+1, i, j, b)
		}
		i = j
	}
}
