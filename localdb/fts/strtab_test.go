package fts

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// osa is the optimal string alignment distance, computed directly.
func osa(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func randWord(r *rand.Rand) string {
	const letters = "abcdeprst"
	b := make([]byte, 1+r.IntN(8))
	for i := range b {
		b[i] = letters[r.IntN(len(letters))]
	}
	return string(b)
}

func buildTable(words []string) *strtab {
	t := &strtab{}
	var offs []uint32
	for i, w := range words {
		offs = append(offs, t.appendEntry(w, uint32(i)))
	}
	t.merge(offs)
	return t
}

// TestWalk checks the fuzzy walk against a brute-force scan of a random
// dictionary, for whole words and for prefixes.
func TestWalk(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	seen := map[string]bool{}
	var words []string
	for len(words) < 3000 {
		if w := randWord(r); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	// Two batches, to exercise merge into a non-empty table.
	tab := buildTable(words[:1000])
	var offs []uint32
	for i, w := range words[1000:] {
		offs = append(offs, tab.appendEntry(w, uint32(1000+i)))
	}
	tab.merge(offs)
	for i := 1; i < tab.len(); i++ {
		if bytes.Compare(tab.key(i-1), tab.key(i)) >= 0 {
			t.Fatalf("table out of order at %d", i)
		}
	}
	for _, w := range words {
		if v, ok := tab.get([]byte(w)); !ok || words[v] != w {
			t.Fatalf("get(%q) = %d, %v", w, v, ok)
		}
	}
	for range 100 {
		q := randWord(r)
		for k := 0; k <= 2; k++ {
			for _, prefix := range []bool{false, true} {
				got := map[string]int{}
				tab.walk([]byte(q), k, prefix, func(m match) {
					w := string(tab.key(m.idx))
					if _, dup := got[w]; dup {
						t.Fatalf("walk(%q, %d, %v) reported %q twice", q, k, prefix, w)
					}
					got[w] = m.dist
				})
				want := map[string]int{}
				for _, w := range words {
					d := osa(q, w)
					if prefix {
						for n := 0; n <= len(w); n++ {
							d = min(d, osa(q, w[:n]))
						}
					}
					if d <= k {
						want[w] = d
					}
				}
				if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(want)) {
					t.Fatalf("walk(%q, k=%d, prefix=%v)\n got %v\nwant %v", q, k, prefix, sorted(got), sorted(want))
				}
			}
		}
	}
}

func sorted(m map[string]int) []string {
	var out []string
	for w, d := range m {
		out = append(out, fmt.Sprintf("%s:%d", w, d))
	}
	slices.Sort(out)
	return out
}

// TestGetAgreesWithTheSortedEntries checks the hashed exact lookup against
// the entries in sorted, for a table filled by updates (growing its slots
// many times, with entries found before their merge), one built whole and
// one rebuilt as a snapshot restore does; and that absent words and
// prefixes of present ones are not found.
func TestGetAgreesWithTheSortedEntries(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	seen := map[string]bool{}
	var words []string
	for len(words) < 5000 {
		if w := randWord(r) + randWord(r); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	updated := &strtab{}
	for lo := 0; lo < len(words); lo += 700 {
		var offs []uint32
		for i, w := range words[lo:min(lo+700, len(words))] {
			offs = append(offs, updated.appendEntry(w, uint32(lo+i)))
			if v, ok := updated.get([]byte(w)); !ok || v != uint32(lo+i) {
				t.Fatalf("before its merge, get(%q) = %d, %v; want %d", w, v, ok, lo+i)
			}
		}
		updated.merge(offs)
	}
	vals := make([]uint32, len(words))
	for i := range vals {
		vals[i] = uint32(i)
	}
	whole := bulkStrtab(words, vals)
	restored := &strtab{arena: slices.Clone(whole.arena), sorted: slices.Clone(whole.sorted)}
	if err := restored.check(len(words)); err != nil {
		t.Fatal(err)
	}
	for name, tab := range map[string]*strtab{"updated": updated, "built": whole, "restored": restored} {
		if tab.len() != len(words) {
			t.Fatalf("%s: %d entries, want %d", name, tab.len(), len(words))
		}
		for i := range tab.len() {
			w := tab.key(i)
			if v, ok := tab.get(w); !ok || v != tab.val(i) || words[v] != string(w) {
				t.Fatalf("%s: get(%q) = %d, %v; the entry holds %d", name, w, v, ok, tab.val(i))
			}
		}
		for range 2000 {
			w := randWord(r) + randWord(r)
			if _, ok := tab.get([]byte(w)); ok != seen[w] {
				t.Fatalf("%s: get(%q) found = %v, want %v", name, w, ok, seen[w])
			}
			if len(w) > 1 && !seen[w[:len(w)-1]] {
				if _, ok := tab.get([]byte(w[:len(w)-1])); ok {
					t.Fatalf("%s: get(%q) found a word never added", name, w[:len(w)-1])
				}
			}
		}
		if 2*tab.n > len(tab.slots) {
			t.Errorf("%s: %d entries in %d slots: more than half full", name, tab.n, len(tab.slots))
		}
	}
}

func TestPrefixRange(t *testing.T) {
	tab := buildTable([]string{"print", "printer", "printing", "prison", "pro", "a", "zz"})
	lo, hi := tab.prefixRange([]byte("print"))
	var got []string
	for i := lo; i < hi; i++ {
		got = append(got, string(tab.key(i)))
	}
	if !slices.Equal(got, []string{"print", "printer", "printing"}) {
		t.Errorf("prefixRange(print) = %v", got)
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	type post struct {
		doc uint32
		tf  tfs
	}
	var want []post
	var b []byte
	var prev uint32
	doc := uint32(0)
	for range 5000 {
		doc += uint32(1 + r.IntN(1<<uint(r.IntN(20))))
		var f tfs
		for f == (tfs{}) {
			for i := range f {
				if r.IntN(3) == 0 {
					f[i] = uint8(1 + r.IntN(1<<uint(r.IntN(8))-1+1))
				}
			}
		}
		b = appendPosting(b, prev, doc, &f)
		prev = doc + 1
		want = append(want, post{doc, f})
	}
	it := postingIter{b: b}
	for i, w := range want {
		if !it.next() {
			t.Fatalf("list ends at %d of %d", i, len(want))
		}
		if it.doc-1 != w.doc || it.tf != w.tf {
			t.Fatalf("posting %d = doc %d %v, want doc %d %v", i, it.doc-1, it.tf, w.doc, w.tf)
		}
	}
	if it.next() {
		t.Fatal("list too long")
	}
	if n := float64(len(b)) / float64(len(want)); n > 5 {
		t.Errorf("%.1f bytes a posting", n)
	}
}
