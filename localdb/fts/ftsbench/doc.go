// Package ftsbench compares Tierdesk's full-text index (localdb/fts) with
// the two obvious alternatives, Bleve in memory and SQLite FTS5 (the pure
// Go modernc.org/sqlite), on the same generated corpus and queries: build
// time and memory, search latency percentiles and recall@3 on queries with
// a known answer. It holds only tests and benchmarks, so neither peer is
// linked into the application. The files carry the ftsbench build tag, so
// `go test ./...` in `make test` does not compile the two peers:
//
//	go test -tags ftsbench -run X -bench . -benchtime=600x -timeout 60m ./localdb/fts/ftsbench/
//
// FTS_BENCH_TICKETS sets the number of tickets (default 100,000; the
// knowledge base has 10,000 articles).
package ftsbench
