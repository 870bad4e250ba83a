//go:build ftsbench

package ftsbench

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/localdb/fts"
	"github.com/tierdesk/tierdesk/localdb/fts/internal/ftsbenchutil"
	"github.com/tierdesk/tierdesk/localdb/fts/internal/ftscorpus"
)

var (
	corpusOnce sync.Once
	corpus     *ftscorpus.Corpus
)

func theCorpus(b *testing.B) *ftscorpus.Corpus {
	corpusOnce.Do(func() {
		n := 100_000
		if v, err := strconv.Atoi(os.Getenv("FTS_BENCH_TICKETS")); err == nil && v > 0 {
			n = v
		}
		corpus = ftscorpus.Large(n, 10_000)
		comments := 0
		for _, cs := range corpus.Comments {
			comments += len(cs)
		}
		fmt.Printf("corpus: %d tickets, %d comments, %d articles, %.1f MB of text; %d latency queries, %d recall queries\n",
			len(corpus.Tickets), comments, len(corpus.Articles), float64(corpus.TextBytes())/1e6, len(benchQueries), len(corpus.Queries))
	})
	return corpus
}

var benchQueries = ftscorpus.BenchQueries(300)

func corpusDocs(c *ftscorpus.Corpus) func(yield func(fts.Doc, error) bool) {
	return func(yield func(fts.Doc, error) bool) {
		for _, a := range c.Articles {
			if !yield(fts.ArticleDoc(a), nil) {
				return
			}
		}
		for i, t := range c.Tickets {
			if !yield(fts.TicketDoc(t, c.Comments[i]), nil) {
				return
			}
		}
	}
}

// built is an engine with what its build cost.
type built struct {
	e       engine
	elapsed time.Duration
	cpu     time.Duration
	heap    int64 // Go heap held after build
	rss     int64 // resident memory added by the build
	err     error
}

var (
	engMu   sync.Mutex
	engines = map[string]*built{}
	makers  = map[string]func() engine{
		"tierdesk":          func() engine { return &ftsEngine{} },
		"tierdesk-snippets": func() engine { return &ftsEngine{snippets: true} },
		"bleve":             func() engine { return &bleveEngine{} },
		"sqlite-fts5":       func() engine { return &fts5Engine{} },
	}
	order = []string{"tierdesk", "tierdesk-snippets", "bleve", "sqlite-fts5"}
)

func heapAlloc() int64 {
	runtime.GC()
	debug.FreeOSMemory() // also returns freed pages, so RSS means something
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

func rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	n, _ := strconv.ParseInt(f[1], 10, 64)
	return n * int64(os.Getpagesize())
}

// processCPU returns the CPU time (user and system) the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// get builds an engine once and keeps it for the search benchmarks.
func get(b *testing.B, name string) *built {
	c := theCorpus(b)
	engMu.Lock()
	defer engMu.Unlock()
	if e, ok := engines[name]; ok {
		return e
	}
	e := &built{e: makers[name]()}
	h0 := heapAlloc()
	r0, c0 := rss(), processCPU()
	start := time.Now()
	e.err = e.e.build(c)
	e.elapsed = time.Since(start)
	e.cpu = processCPU() - c0
	e.heap = heapAlloc() - h0
	e.rss = rss() - r0
	engines[name] = e
	if e.err == nil {
		fmt.Printf("%-18s built in %v (%.1f CPU-s), heap +%.1f MiB, RSS +%.1f MiB\n", name, e.elapsed.Round(time.Millisecond), e.cpu.Seconds(),
			float64(e.heap)/(1<<20), float64(e.rss)/(1<<20))
	}
	return e
}

// BenchmarkBuild reports each engine's build of the whole corpus (done once,
// whatever -benchtime says): wall and CPU seconds, Go heap and RSS added.
func BenchmarkBuild(b *testing.B) {
	for _, name := range order {
		b.Run(name, func(b *testing.B) {
			e := get(b, name)
			if e.err != nil {
				b.Fatalf("build: %v", e.err)
			}
			for b.Loop() {
			}
			b.ReportMetric(e.elapsed.Seconds(), "build-s")
			b.ReportMetric(e.cpu.Seconds(), "build-cpu-s")
			b.ReportMetric(float64(e.heap)/(1<<20), "heap-MiB")
			b.ReportMetric(float64(e.rss)/(1<<20), "rss-MiB")
			if f, ok := e.e.(*fts5Engine); ok {
				b.ReportMetric(float64(f.dbBytes())/(1<<20), "db-MiB")
			}
		})
	}
}

// BenchmarkSearch reports latency percentiles (wall clock and CPU time of
// the searching thread) over the 300 search-box queries, all kinds, 10
// hits; and recall@3 of the quality queries with articles only.
func BenchmarkSearch(b *testing.B) {
	for _, name := range order {
		b.Run(name, func(b *testing.B) {
			e := get(b, name)
			if e.err != nil {
				b.Fatalf("build: %v", e.err)
			}
			i := 0
			var err error
			ftsbenchutil.Latencies(b, func() {
				if _, e2 := e.e.search(benchQueries[i%len(benchQueries)], false, 10); e2 != nil {
					err = e2
				}
				i++
			})
			if err != nil {
				b.Fatal(err)
			}
			r, misses := recall(e.e, theCorpus(b))
			b.ReportMetric(r, "recall@3")
			if testing.Verbose() {
				b.Logf("%s misses: %v", name, misses)
			}
		})
	}
}

// BenchmarkSearchArticles is BenchmarkSearch restricted to the knowledge
// base: the suggestions shown while a requester types.
func BenchmarkSearchArticles(b *testing.B) {
	for _, name := range order {
		b.Run(name, func(b *testing.B) {
			e := get(b, name)
			if e.err != nil {
				b.Fatalf("build: %v", e.err)
			}
			i := 0
			ftsbenchutil.Latencies(b, func() {
				e.e.search(benchQueries[i%len(benchQueries)], true, 10)
				i++
			})
		})
	}
}

// recall returns the share of quality queries whose answer is in the
// engine's top three articles, and the queries that missed.
func recall(e engine, c *ftscorpus.Corpus) (float64, []string) {
	hit := 0
	var misses []string
	for _, q := range c.Queries {
		res, err := e.search(q.Text, true, 3)
		if err == nil && slices.Contains(res, hitID{fts.KindArticle, q.Want}) {
			hit++
		} else {
			misses = append(misses, q.Text)
		}
	}
	return float64(hit) / float64(len(c.Queries)), misses
}
