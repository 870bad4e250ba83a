package fts

import "encoding/binary"

// numFields is the number of text fields a document has (see Doc).
const numFields = 4

// A posting list is a byte string of postings in increasing document order.
// Each posting is
//
//	uvarint(doc+1 - (previous doc+1))   the gap from the previous posting
//	header byte                         low 4 bits: the fields the term occurs in
//	                                    high 4 bits: its frequency when it occurs in
//	                                    exactly one field at most 15 times, else 0
//	[one byte per field present]        the frequencies (capped at 255), only
//	                                    when the high 4 bits are 0
//
// The common posting (a word once or twice in the body of a document near
// the previous one) takes two bytes.

// tfs holds a term's frequency in each field of one document.
type tfs [numFields]uint8

// appendPosting encodes one posting after the one for prev (doc numbers
// plus one: 0 means "none before").
func appendPosting(b []byte, prev, doc uint32, f *tfs) []byte {
	b = binary.AppendUvarint(b, uint64(doc+1-prev))
	var mask byte
	var n int
	var only uint8
	for i, v := range f {
		if v > 0 {
			mask |= 1 << i
			n++
			only = v
		}
	}
	if n == 1 && only <= 15 {
		return append(b, mask|only<<4)
	}
	b = append(b, mask)
	for _, v := range f {
		if v > 0 {
			b = append(b, v)
		}
	}
	return b
}

// postingIter decodes a posting list. The zero value of a continued list
// (base then tail) is made by next on the base, then reset on the tail
// with the same doc.
type postingIter struct {
	b   []byte
	pos int
	doc uint32 // current doc + 1
	tf  tfs
}

// next advances to the next posting; it reports false at the end.
func (it *postingIter) next() bool {
	if it.pos >= len(it.b) {
		return false
	}
	b := it.b
	p := it.pos
	// Inline uvarint for the common one-byte gap.
	var gap uint32
	if b[p] < 0x80 {
		gap = uint32(b[p])
		p++
	} else {
		g, n := binary.Uvarint(b[p:])
		gap = uint32(g)
		p += n
	}
	it.doc += gap
	h := b[p]
	p++
	it.tf = tfs{}
	mask := h & 0x0f
	if hi := h >> 4; hi != 0 {
		for i := 0; i < numFields; i++ {
			if mask&(1<<i) != 0 {
				it.tf[i] = hi
			}
		}
	} else {
		for i := 0; i < numFields; i++ {
			if mask&(1<<i) != 0 {
				it.tf[i] = b[p]
				p++
			}
		}
	}
	it.pos = p
	return true
}
