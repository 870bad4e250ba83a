#!/usr/bin/env bash
# bench.sh — run every performance benchmark of Tierdesk and write
# BENCHMARKS.md at the repository root (make bench). Not part of make test:
# nothing in the tests depends on speed. On two cores it takes about 7
# minutes with its caches and 10 from a clean clone (seeding RT, generating
# the workspace), plus installing RT's packages where they are missing.
#
#   1. builds build/bench/tierdesk and, once, the 100,000-ticket workspace
#      (tierdesk dev gen: 100,000 tickets, ~400,000 comments, 10,000
#      articles) under build/bench/full; it is regenerated when app/devgen
#      changes;
#   2. runs the Go benchmarks, each with its baseline in the same run,
#      logging to build/bench/logs/*.txt: localdb (filter, apply page), app
#      (local action), localdb/fts/ftsbench (search vs Bleve and SQLite
#      FTS5, tag ftsbench), and inside packaging/test-session.sh (Xvfb,
#      D-Bus, keyring) the whole-process ones (first frame, RSS, idle CPU)
#      and app/rtlive's initial sync, against one private RT 5 started here
#      with packaging/rt/rt-server.sh under build/bench/rt (kept between
#      runs, so its 1,000 seeded tickets are created once);
#   3. packaging/benchreport turns the logs into BENCHMARKS.md.
#
# Knobs: BENCH_TICKETS [100000], BENCH_ARTICLES [10000], BENCH_SKIP_FTS=1
# (reuse the last ftsbench log), BENCH_KEEP_RT=1 (leave RT running).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH=/usr/local/go/bin:$PATH
go=${GO:-go}
out=$root/build/bench
logs=$out/logs
mkdir -p "$logs"
tickets=${BENCH_TICKETS:-100000}
articles=${BENCH_ARTICLES:-10000}
: >"$logs/commands.txt"
rm -f "$logs"/*.txt.old
for f in "$logs"/*.txt; do [ -e "$f" ] && [ "$f" != "$logs/commands.txt" ] && mv "$f" "$f.old"; done
# The machine may be shared: the load is part of the conditions.
cut -d' ' -f1-3 /proc/loadavg >"$logs/load-start.txt"
# What was measured, and when: the report names these, not the state of
# the tree when it is regenerated from the logs.
{ git describe --always --dirty 2>/dev/null || echo unknown; date -u '+%Y-%m-%d %H:%M UTC'; } >"$logs/run.txt"

# run NAME CMD...: run CMD, its output into logs/NAME.txt (and the
# terminal), and record the command line for BENCHMARKS.md.
run() {
	local name=$1
	shift
	printf '%s\n' "$*" | sed "s|$root/||g" >>"$logs/commands.txt"
	echo "== $name: $*" >&2
	"$@" 2>&1 | tee "$logs/$name.txt"
}

packaging/deps.sh test
"$go" build -o "$out/tierdesk" .

# The workspace is cached: regenerated only when the generator or the size
# changed.
# The stored format counts too: a workspace written by an older codec
# would measure that codec's decoding.
stamp="$(git rev-parse HEAD:app/devgen HEAD:localdb/recordcodec.go 2>/dev/null | tr '\n' ' ' || echo dirty) $tickets $articles"
if [ ! -f "$out/full/demo/profile.json" ] || [ "$(cat "$out/full.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$out/full" "$out/full.stamp"
	run gen "$out/tierdesk" dev gen --data-dir "$out/full" --tickets "$tickets" --articles "$articles" --seed 1
	echo "$stamp" >"$out/full.stamp"
fi
export TIERDESK_BENCH_STORE=$out/full/demo/store
export TIERDESK_BENCH_WORKSPACE=$out/full
export TIERDESK_BENCH_BIN=$out/tierdesk

run localdb "$go" test ./localdb -run '^$' -bench 'BenchmarkFilter$' -benchtime 3000x -timeout 60m
run localdb-apply "$go" test ./localdb -run '^$' -bench 'BenchmarkApplyPage$' -benchtime 300x -timeout 60m
run app "$go" test ./app -run '^$' -bench 'BenchmarkLocalAction$' -benchtime 1000x -timeout 60m
if [ "${BENCH_SKIP_FTS:-}" = 1 ] && [ -s "$logs/ftsbench.txt.old" ]; then
	echo "== ftsbench: reusing the last run's log (BENCH_SKIP_FTS=1)" >&2
	mv "$logs/ftsbench.txt.old" "$logs/ftsbench.txt"
	echo "go test -tags ftsbench ./localdb/fts/ftsbench -run '^\$' -bench 'BenchmarkBuild|BenchmarkSearch\$' -benchtime 300x -timeout 60m" >>"$logs/commands.txt"
else
	FTS_BENCH_TICKETS=$tickets run ftsbench "$go" test -tags ftsbench ./localdb/fts/ftsbench -run '^$' -bench 'BenchmarkBuild|BenchmarkSearch$' -benchtime 300x -timeout 60m
fi

# One RT for the initial-sync and idle benchmarks; rttest uses it through
# RT_URL instead of starting its own.
export RT_HOME=$out/rt
stop_rt() { [ "${BENCH_KEEP_RT:-}" = 1 ] || packaging/rt/rt-server.sh stop >/dev/null 2>&1 || true; }
trap stop_rt EXIT
packaging/rt/rt-server.sh start
eval "$(packaging/rt/rt-server.sh env)"
export RT_URL RT_HOME

run window packaging/test-session.sh "$go" test . -run '^$' -bench 'BenchmarkWindow$' -benchtime 1x -timeout 60m
run initialsync env TIERDESK_BENCH_ROUNDS=7 packaging/test-session.sh "$go" test ./app/rtlive -run XXX -bench BenchmarkInitialSync -benchtime 1x -timeout 60m
run idle packaging/test-session.sh "$go" test . -run '^$' -bench 'BenchmarkIdleCPU$' -benchtime 1x -timeout 60m

cut -d' ' -f1-3 /proc/loadavg >"$logs/load-end.txt"
"$go" run ./packaging/benchreport -logs "$logs" -out BENCHMARKS.md
echo "wrote BENCHMARKS.md" >&2
