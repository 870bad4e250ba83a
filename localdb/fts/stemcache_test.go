package fts

import (
	"fmt"
	"sync"
	"testing"
)

// TestStemCacheGivesStemWordAndStaysBounded checks the cache against
// stemWord from several goroutines (run with -race) over more words than
// it may hold, and that it never holds more.
func TestStemCacheGivesStemWordAndStaysBounded(t *testing.T) {
	var c stemCache
	words := []string{"printing", "printers", "connection", "connected", "win11", "0x80070005", "user's", "we", "running"}
	for i := range maxStemCache + 500 {
		words = append(words, fmt.Sprintf("%sing", word(i)))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range words {
				w := words[(i*7+g*13)%len(words)]
				if got, want := c.stem(w), stemWord(w); got != want {
					errs <- fmt.Sprintf("stem(%q) = %q, want %q", w, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := len(c.m); n > maxStemCache || n == 0 {
		t.Errorf("the cache holds %d words; want 1 to %d", n, maxStemCache)
	}
}

// word spells i in letters, so that each i is a distinct alphabetic word.
func word(i int) string {
	b := []byte{}
	for {
		b = append(b, byte('a'+i%26))
		i /= 26
		if i == 0 {
			return string(b)
		}
	}
}
