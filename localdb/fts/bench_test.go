package fts_test

import (
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
	"github.com/tierdesk/tierdesk/localdb/fts/internal/ftsbenchutil"
	"github.com/tierdesk/tierdesk/localdb/fts/internal/ftscorpus"
)

// The benchmark corpus has the size of the performance budget: 100,000
// tickets (about 400,000 comments) and 10,000 articles. FTS_BENCH_TICKETS
// makes it smaller for a quick run.
var (
	largeOnce sync.Once
	large     *ftscorpus.Corpus
)

func largeCorpus(b *testing.B) *ftscorpus.Corpus {
	largeOnce.Do(func() {
		n := 100_000
		if v, err := strconv.Atoi(os.Getenv("FTS_BENCH_TICKETS")); err == nil && v > 0 {
			n = v
		}
		start := time.Now()
		large = ftscorpus.Large(n, 10_000)
		comments := 0
		for _, cs := range large.Comments {
			comments += len(cs)
		}
		b.Logf("corpus: %d tickets, %d comments, %d articles, %.1f MB of text, generated in %v",
			len(large.Tickets), comments, len(large.Articles), float64(large.TextBytes())/1e6, time.Since(start).Round(time.Millisecond))
	})
	return large
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkBuild builds the index of the whole corpus (as at open) and
// reports the time and the heap the index holds afterwards.
func BenchmarkBuild(b *testing.B) {
	c := largeCorpus(b)
	src := ftscorpus.NewSource(c)
	var heap uint64
	for b.Loop() {
		b.StopTimer()
		before := heapInUse()
		b.StartTimer()
		ix := fts.New(src)
		if err := ix.Rebuild(docs(c)); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		heap = heapInUse() - before
		st := ix.Stats()
		b.ReportMetric(float64(st.Terms[fts.KindTicket]+st.Terms[fts.KindArticle]), "terms")
		b.ReportMetric(float64(st.Words[fts.KindTicket]+st.Words[fts.KindArticle]), "words")
		b.ReportMetric(float64(st.Postings[fts.KindTicket]+st.Postings[fts.KindArticle])/(1<<20), "postings-MiB")
		runtime.KeepAlive(ix)
		b.StartTimer()
	}
	b.ReportMetric(float64(heap)/(1<<20), "heap-MiB")
}

// latencies runs the queries round robin, one per iteration, and reports
// the percentiles of their latencies.
func latencies(b *testing.B, ix *fts.Index, queries []fts.Query) {
	i := 0
	ftsbenchutil.Latencies(b, func() {
		ix.Search(queries[i%len(queries)])
		i++
	})
}

var (
	benchIxOnce sync.Once
	benchIx     *fts.Index
)

func benchIndex(b *testing.B) *fts.Index {
	c := largeCorpus(b)
	benchIxOnce.Do(func() {
		benchIx = fts.New(ftscorpus.NewSource(c))
		if err := benchIx.Rebuild(docs(c)); err != nil {
			b.Fatal(err)
		}
	})
	return benchIx
}

func benchQueries(mod func(*fts.Query)) []fts.Query {
	var qs []fts.Query
	for _, t := range ftscorpus.BenchQueries(300) {
		q := fts.Query{Text: t, Limit: 10}
		if mod != nil {
			mod(&q)
		}
		qs = append(qs, q)
	}
	return qs
}

// BenchmarkSearch measures search latency over 300 search-box queries
// (a third of them half-typed, a quarter misspelled) on the full corpus.
func BenchmarkSearch(b *testing.B) {
	ix := benchIndex(b)
	b.Run("all-kinds+snippets", func(b *testing.B) { latencies(b, ix, benchQueries(nil)) })
	b.Run("articles+snippets", func(b *testing.B) {
		latencies(b, ix, benchQueries(func(q *fts.Query) { q.Kinds = []fts.Kind{fts.KindArticle} }))
	})
	b.Run("tickets-L2-open", func(b *testing.B) {
		latencies(b, ix, benchQueries(func(q *fts.Query) {
			q.Kinds = []fts.Kind{fts.KindTicket}
			q.Tiers = []helpdesk.Tier{helpdesk.L2}
			q.Statuses = []helpdesk.Status{helpdesk.StatusOpen, helpdesk.StatusNew}
		}))
	})
	b.Run("all-kinds-no-snippets", func(b *testing.B) {
		plain := fts.New(nil)
		if err := plain.Rebuild(docs(largeCorpus(b))); err != nil {
			b.Fatal(err)
		}
		latencies(b, plain, benchQueries(nil))
	})
}

// BenchmarkSearchParallel measures throughput with searches on every CPU.
func BenchmarkSearchParallel(b *testing.B) {
	ix := benchIndex(b)
	qs := benchQueries(nil)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			ix.Search(qs[i%len(qs)])
			i++
		}
	})
}

// BenchmarkUpsert measures re-indexing one changed ticket, as after a sync.
func BenchmarkUpsert(b *testing.B) {
	c := largeCorpus(b)
	ix := benchIndex(b)
	i := 0
	for b.Loop() {
		k := i % len(c.Tickets)
		i++
		d := fts.TicketDoc(c.Tickets[k], c.Comments[k])
		d.Body += " follow-up " + strconv.Itoa(i)
		ix.Upsert(d)
	}
}
