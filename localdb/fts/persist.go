package fts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Saving and restoring. Analysing the text of a large store takes seconds
// of CPU on every core (100,000 tickets with 400,000 comments: about 2.5 s
// on two cores, BENCHMARKS.md), and reading all of it back through Badger
// makes every table of the store resident. The index is therefore saved
// with the store when it closes (AppendSnapshot) and restored at the next
// open (Restore), which copies arrays instead of analysing text. The
// caller keeps the bytes where the store's records are, so they are
// encrypted like them.
//
// The format is the shards one after the other, each its arrays in a
// fixed order, lengths as uvarints and numbers little-endian. A shard is
// compacted before it is written, so it has no dead documents and no
// appended postings. Restore checks every offset, length and posting
// against the others before anything is used: a damaged snapshot is
// refused with ErrBadSnapshot, never a panic in a later search.

// SnapshotVersion names the format and the text analysis together. A
// snapshot of another version must not be restored (the caller rebuilds
// instead): change it whenever the format, the tokenizer, the stop words,
// the stemmer or what a Doc indexes changes, or a restored index would
// disagree with the documents added to it afterwards.
const SnapshotVersion = 1

// ErrBadSnapshot is returned by Restore for bytes that are not a whole,
// consistent snapshot.
var ErrBadSnapshot = errors.New("fts: damaged index snapshot")

// Hold starts recording the changes made to the index (Upsert, Delete,
// SetTicketState) so that a Restore can replay them on the index it
// restores: the store calls it at open, when it finds a snapshot it will
// restore later, so nothing changed in between is lost. Until Restore (or
// Rebuild) the index reports Building.
func (ix *Index) Hold() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.building, ix.log = true, nil
}

// AppendSnapshot compacts the index and appends its snapshot to b.
func (ix *Index) AppendSnapshot(b []byte) []byte {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, s := range ix.shards {
		if s.docs.len() > s.live || s.tailBytes > 0 {
			s.compact()
		}
		b = s.appendSnapshot(b)
	}
	return b
}

// Restore replaces the index with the snapshot in data (made by
// AppendSnapshot) and replays on it the changes recorded since Hold. data
// is copied from, not kept. On error the index is left as it was, still
// recording, and the caller should Rebuild.
func (ix *Index) Restore(data []byte) error {
	if !ix.buildMu.TryLock() {
		return ErrBuilding
	}
	defer ix.buildMu.Unlock()
	var shards [numKinds]*shard
	r := snapReader{b: data}
	for k := range shards {
		s, err := r.shard(Kind(k))
		if err != nil {
			return fmt.Errorf("%w: %s shard: %v", ErrBadSnapshot, Kind(k), err)
		}
		shards[k] = s
	}
	if len(r.b) != 0 {
		return fmt.Errorf("%w: %d bytes after the last shard", ErrBadSnapshot, len(r.b))
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	log := ix.log
	ix.building, ix.log = false, nil
	ix.shards = shards
	ix.replay(log)
	return nil
}

func (s *shard) appendSnapshot(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(s.docs.len()))
	b = binary.AppendUvarint(b, uint64(len(s.df)))
	b = appendBytes(b, s.stems.arena)
	b = appendU32s(b, s.stems.sorted)
	b = appendU32s(b, s.stemOff)
	b = appendBytes(b, s.surfs.arena)
	b = appendU32s(b, s.surfs.sorted)
	b = appendU32s(b, s.df)
	b = appendU32s(b, s.last)
	b = appendBytes(b, s.base)
	b = appendU32s(b, s.baseOff)
	for _, id := range s.docs.ids {
		b = binary.LittleEndian.AppendUint64(b, id)
	}
	for _, h := range s.docs.hashes {
		b = binary.LittleEndian.AppendUint64(b, h)
	}
	b = append(b, s.docs.attr...)
	b = appendU16s(b, s.docs.cat)
	for f := range s.docs.lens {
		b = appendU16s(b, s.docs.lens[f])
	}
	b = binary.AppendUvarint(b, uint64(len(s.cats)))
	for _, c := range s.cats {
		b = appendBytes(b, []byte(c))
	}
	return b
}

func appendBytes(b, v []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func appendU32s(b []byte, v []uint32) []byte {
	b = binary.AppendUvarint(b, uint64(len(v)))
	for _, x := range v {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	return b
}

func appendU16s(b []byte, v []uint16) []byte {
	for _, x := range v {
		b = binary.LittleEndian.AppendUint16(b, x)
	}
	return b
}

// snapReader reads a snapshot, refusing any length that runs past the end.
type snapReader struct{ b []byte }

var errShort = errors.New("truncated")

func (r *snapReader) uvarint(limit int) (int, error) {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		return 0, errShort
	}
	if v > uint64(limit) {
		return 0, fmt.Errorf("length %d over %d", v, limit)
	}
	r.b = r.b[n:]
	return int(v), nil
}

func (r *snapReader) take(n int) ([]byte, error) {
	if n < 0 || n > len(r.b) {
		return nil, errShort
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v, nil
}

// bytes reads a length and that many bytes, copied.
func (r *snapReader) bytes() ([]byte, error) {
	n, err := r.uvarint(len(r.b))
	if err != nil {
		return nil, err
	}
	v, err := r.take(n)
	return slices.Clone(v), err
}

// u32s reads a length and that many numbers; want < 0 accepts any length.
func (r *snapReader) u32s(want int) ([]uint32, error) {
	n, err := r.uvarint(len(r.b) / 4)
	if err != nil {
		return nil, err
	}
	if want >= 0 && n != want {
		return nil, fmt.Errorf("%d numbers, want %d", n, want)
	}
	return fixed(r, n, 4, binary.LittleEndian.Uint32)
}

// fixed reads n little-endian numbers of size bytes each.
func fixed[T uint16 | uint32 | uint64](r *snapReader, n, size int, get func([]byte) T) ([]T, error) {
	raw, err := r.take(size * n)
	if err != nil {
		return nil, err
	}
	v := make([]T, n)
	for i := range v {
		v[i] = get(raw[size*i:])
	}
	return v, nil
}

func (r *snapReader) u64s(n int) ([]uint64, error) { return fixed(r, n, 8, binary.LittleEndian.Uint64) }

func (r *snapReader) u16s(n int) ([]uint16, error) { return fixed(r, n, 2, binary.LittleEndian.Uint16) }

// shard reads one shard and checks it whole.
func (r *snapReader) shard(k Kind) (*shard, error) {
	s := newShard(k)
	ndocs, err := r.uvarint(len(r.b))
	if err != nil {
		return nil, err
	}
	nterms, err := r.uvarint(len(r.b))
	if err != nil {
		return nil, err
	}
	var stems, surfs strtab
	if stems.arena, err = r.bytes(); err != nil {
		return nil, err
	}
	if stems.sorted, err = r.u32s(nterms); err != nil {
		return nil, fmt.Errorf("stems: %w", err)
	}
	if s.stemOff, err = r.u32s(nterms); err != nil {
		return nil, fmt.Errorf("stem offsets: %w", err)
	}
	if surfs.arena, err = r.bytes(); err != nil {
		return nil, err
	}
	if surfs.sorted, err = r.u32s(-1); err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	if s.df, err = r.u32s(nterms); err != nil {
		return nil, fmt.Errorf("document frequencies: %w", err)
	}
	if s.last, err = r.u32s(nterms); err != nil {
		return nil, fmt.Errorf("last documents: %w", err)
	}
	if s.base, err = r.bytes(); err != nil {
		return nil, err
	}
	if s.baseOff, err = r.u32s(nterms + 1); err != nil {
		return nil, fmt.Errorf("posting offsets: %w", err)
	}
	d := &s.docs
	if d.ids, err = r.u64s(ndocs); err != nil {
		return nil, err
	}
	if d.hashes, err = r.u64s(ndocs); err != nil {
		return nil, err
	}
	attr, err := r.take(ndocs)
	if err != nil {
		return nil, err
	}
	d.attr = slices.Clone(attr)
	if d.cat, err = r.u16s(ndocs); err != nil {
		return nil, err
	}
	for f := range d.lens {
		if d.lens[f], err = r.u16s(ndocs); err != nil {
			return nil, err
		}
	}
	ncats, err := r.uvarint(0xfffe)
	if err != nil {
		return nil, err
	}
	for range ncats {
		c, err := r.bytes()
		if err != nil {
			return nil, err
		}
		s.cats = append(s.cats, string(c))
		if _, dup := s.catID[string(c)]; dup {
			return nil, fmt.Errorf("category %q twice", c)
		}
		s.catID[string(c)] = uint16(len(s.cats))
	}
	s.stems, s.surfs = &stems, &surfs
	if err := s.check(); err != nil {
		return nil, err
	}
	return s, nil
}

// check verifies everything a search or an update indexes with, so that a
// restored shard can be used without bounds checks of its own, and
// derives what is not saved (liveness counts, lengths, the id map).
func (s *shard) check() error {
	nterms := len(s.df)
	ndocs := s.docs.len()
	if err := s.stems.check(nterms); err != nil {
		return fmt.Errorf("stems: %w", err)
	}
	if err := s.surfs.check(nterms); err != nil {
		return fmt.Errorf("words: %w", err)
	}
	for t, off := range s.stemOff {
		if !s.stems.validEntry(off) {
			return fmt.Errorf("stem offset %d out of range", off)
		}
		if _, v := s.stems.entry(off); v != uint32(t) {
			return fmt.Errorf("stem of term %d names term %d", t, v)
		}
	}
	if s.baseOff[0] != 0 || int(s.baseOff[nterms]) != len(s.base) {
		return errors.New("posting offsets do not span the postings")
	}
	for t := range nterms {
		if s.baseOff[t] > s.baseOff[t+1] {
			return fmt.Errorf("posting offsets of term %d decrease", t)
		}
	}
	for t := range nterms {
		from, to := s.baseOff[t], s.baseOff[t+1]
		df, last, err := checkPostings(s.base[from:to], ndocs)
		if err != nil {
			return fmt.Errorf("postings of term %d: %w", t, err)
		}
		if df != s.df[t] || last != s.last[t] {
			return fmt.Errorf("term %d: %d postings to document %d, recorded %d to %d", t, df, last, s.df[t], s.last[t])
		}
	}
	for i := range ndocs {
		if s.docs.attr[i]&attrLive == 0 {
			return fmt.Errorf("document %d is dead in a compacted shard", i)
		}
		if int(s.docs.cat[i]) > len(s.cats) {
			return fmt.Errorf("document %d has category %d of %d", i, s.docs.cat[i], len(s.cats))
		}
		if _, dup := s.byID[s.docs.ids[i]]; dup {
			return fmt.Errorf("document id %d twice", s.docs.ids[i])
		}
		s.byID[s.docs.ids[i]] = uint32(i)
		for f := range s.sumLen {
			s.sumLen[f] += uint64(s.docs.lens[f][i])
		}
	}
	s.live = ndocs
	return nil
}

// validEntry reports whether a whole entry starts at arena offset off.
func (t *strtab) validEntry(off uint32) bool {
	if int(off) >= len(t.arena) {
		return false
	}
	return int(off)+1+int(t.arena[off])+4 <= len(t.arena)
}

// check verifies that every entry is inside the arena, the keys are in
// strictly increasing order and every value is below limit, then builds
// the table's exact-lookup slots.
func (t *strtab) check(limit int) error {
	for i, off := range t.sorted {
		if !t.validEntry(off) {
			return fmt.Errorf("entry %d out of range", i)
		}
		if t.val(i) >= uint32(limit) {
			return fmt.Errorf("entry %d names term %d of %d", i, t.val(i), limit)
		}
		if i > 0 && string(t.key(i-1)) >= string(t.key(i)) {
			return fmt.Errorf("entry %d out of order", i)
		}
	}
	t.rehash() // the lookup table is not saved: it is rebuilt from the checked entries
	return nil
}

// checkPostings decodes a posting list as postingIter would, with bounds
// checks, and returns its length and last document plus one; documents
// must increase and be below ndocs.
func checkPostings(b []byte, ndocs int) (df, last uint32, err error) {
	for p := 0; p < len(b); {
		gap, n := binary.Uvarint(b[p:])
		if n <= 0 || gap == 0 || gap > uint64(ndocs) {
			return 0, 0, errors.New("bad document gap")
		}
		p += n
		doc := uint64(last) + gap
		if doc > uint64(ndocs) {
			return 0, 0, errors.New("document out of range")
		}
		last = uint32(doc)
		if p >= len(b) {
			return 0, 0, errShort
		}
		h := b[p]
		p++
		if h&0x0f == 0 {
			return 0, 0, errors.New("posting in no field")
		}
		if h>>4 == 0 {
			for i := range numFields {
				if h&(1<<i) != 0 {
					if p >= len(b) {
						return 0, 0, errShort
					}
					p++
				}
			}
		}
		df++
	}
	return df, last, nil
}
