package fts

import "sync"

// maxStemCache bounds the words a stemCache remembers. Emptied when full,
// it keeps roughly the words met most often, which cover most of any page;
// a help desk's vocabulary runs to hundreds of thousands of rare words
// that must not pile up in a desktop's memory. At about 100 bytes a word
// the cache holds under 2 MB.
const maxStemCache = 1 << 14

// stemCache remembers the stems of words across updates. Each update
// analyses its documents with a fresh analyser (its local stem ids mean
// nothing to the next one), so without the cache every distinct word of
// every pulled page was stemmed again: Porter2 on the word's runes was a
// fifth of indexing a page (BENCHMARKS.md, applying a pulled page). It is
// safe for concurrent use; the zero value is ready.
type stemCache struct {
	mu sync.Mutex
	m  map[string]string
}

// stem returns stemWord(w), computed once while the cache remembers w.
func (c *stemCache) stem(w string) string {
	c.mu.Lock()
	s, ok := c.m[w]
	c.mu.Unlock()
	if ok {
		return s
	}
	s = stemWord(w)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxStemCache {
		c.m = make(map[string]string, 1024)
	}
	c.m[w] = s
	c.mu.Unlock()
	return s
}
