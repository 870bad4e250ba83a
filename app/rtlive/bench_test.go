package rtlive

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	gosync "sync"
	"testing"
	"time"

	tdsync "github.com/tierdesk/tierdesk/sync"
)

// BenchmarkInitialSync compares the first sync of a fresh account with
// fetching the same data by plain HTTP, against RT holding N seeded
// tickets (N from TIERDESK_BENCH_TICKETS, default 1000).
//
// Tierdesk's side is the whole first sync of a new account, as the app
// runs it: Desk.SyncOnce into a real encrypted Badger store, from the
// change-feed head to the last ticket page stored with its cursor.
//
// The baseline fetches exactly the same data with net/http: the requests
// that sync made, recorded by a proxy in a first untimed sync and sent
// again byte for byte (same URLs, same JSON bodies, same credentials), at
// most as many at a time as the app had in flight at most (4: sync/rt
// reads ahead while the engine stores, see sync/rt/prefetch.go),
// each body read to the end and nothing else done with it. With 1000
// tickets and pages of 100 that is, per page: the ticket search
// (TicketSQL "id > last", fields Subject,Status,Priority,Queue,Owner,
// Requestor,Created,LastUpdated,Due), the page's ticket transactions
// (ObjectId,Type,Field,Creator,Created, read until an empty page since RT
// hides rows after paging) and the text parts of its replies and notes (one attachments search per 200 messages);
// plus, once, the newest transaction (the sync cursor), the queues, the
// custom fields, and the ids of the tickets with each value of the Tier
// field (id-only searches; RT's CustomFields field costs several times
// more). That is everything a ticket shows offline: fields, tier,
// version and the whole conversation. The replay needs no answer to build
// the next request, so it is an upper bound on what any client could do
// with that plan.
//
// The sides run alternately, TIERDESK_BENCH_ROUNDS times (default 3), and
// the medians are compared. Metrics: ns/op and tierdesk-s are Tierdesk's
// median time, plain-s the baseline's, x-plain their ratio (the issue's
// bound is 1.05), x-plain-round the median of the rounds' own ratios
// (upper median for an even count), client-cpu-s this process's CPU during one sync, and
// requests the plan's size. The log lists the requests by kind with RT's
// answer time.
//
// Seeding costs about 0.3 s a ticket on RT, so it is done once per RT and
// reused: run it against a lasting RT_HOME, e.g.
//
//	export RT_HOME=/tmp/tierdesk-rt/bench
//	packaging/rt/rt-server.sh start && eval "$(packaging/rt/rt-server.sh env)"
//	go test -run '^$' -bench BenchmarkInitialSync -benchtime 1x ./app/rtlive/
//
// (make test runs no benchmarks.)
func BenchmarkInitialSync(b *testing.B) {
	n := envInt(b, "TIERDESK_BENCH_TICKETS", 1000)
	rounds := envInt(b, "TIERDESK_BENCH_ROUNDS", 3)
	b.StopTimer()
	seedBench(b, n)
	total := asUser("root").count(b, "id > 0")

	// The plan: one first sync through the recorder.
	rec := newRecorder(b)
	firstSync(b, rec.URL(), total)
	plan := rec.plan
	kinds, busy := rec.summary()
	b.Logf("the app's requests in one first sync: %d, at most %d at a time; RT answered them in %.2f s in all:%s",
		len(plan), rec.most, busy.Seconds(), kinds)
	b.Logf("time with N requests in flight during that sync (through the recorder):%s", rec.occupancy())

	var app, plain, cpu []time.Duration
	for i := 0; i < b.N; i++ {
		for range rounds {
			plain = append(plain, replay(b, plan, rec.most))
			took, used := firstSync(b, srv.URL, total)
			app, cpu = append(app, took), append(cpu, used)
		}
	}
	appSec, plainSec := median(app).Seconds(), median(plain).Seconds()
	b.ReportMetric(float64(median(app).Nanoseconds()), "ns/op")
	b.ReportMetric(appSec, "tierdesk-s")
	b.ReportMetric(plainSec, "plain-s")
	b.ReportMetric(appSec/plainSec, "x-plain")
	// Rounds run back to back, so the ratio within a round is less exposed
	// to other load on the machine drifting over the run.
	var pairs []float64
	for i := range app {
		pairs = append(pairs, app[i].Seconds()/plain[i].Seconds())
	}
	slices.Sort(pairs)
	b.ReportMetric(pairs[len(pairs)/2], "x-plain-round")
	b.ReportMetric(median(cpu).Seconds(), "client-cpu-s")
	b.ReportMetric(float64(len(plan)), "requests")
	b.Logf("RT has %d tickets. First sync (median of %d): Tierdesk %.2f s (client CPU %.2f s), the same %d requests by plain HTTP %.2f s: %.3fx; Tierdesk %s, plain %s",
		total, len(app), appSec, median(cpu).Seconds(), len(plan), plainSec, appSec/plainSec, secs(app), secs(plain))
}

// firstSync adds a fresh account at serverURL, runs its first sync and
// returns how long Desk.SyncOnce took and the CPU this process used
// meanwhile, after checking it stored every ticket.
func firstSync(b *testing.B, serverURL string, total int) (time.Duration, time.Duration) {
	b.Helper()
	d, _ := newAccount(b, serverURL, nil).open(b, tdsync.Options{})
	defer d.Close()
	ctx := ctxFor(b, 20*time.Minute)
	cpu0, t0 := cpuTime(), time.Now()
	res, err := d.SyncOnce(ctx)
	took, used := time.Since(t0), cpuTime()-cpu0
	if err != nil {
		b.Fatalf("initial sync: %v", err)
	}
	if res.Pulled < total || d.Count() < total {
		b.Fatalf("initial sync pulled %d, the desk has %d; RT has %d", res.Pulled, d.Count(), total)
	}
	return took, used
}

// envInt reads a positive count from the environment.
func envInt(b *testing.B, name string, def int) int {
	b.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func secs(ds []time.Duration) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = fmt.Sprintf("%.2f", d.Seconds())
	}
	return "[" + strings.Join(parts, " ") + "] s"
}

// seedBench makes sure RT has at least n seeded tickets ("bench-seed
// NNNNN"): spread over the three tier queues, a third with the Tier field
// set, each with a description and every fourth with a reply from agent2.
// Only the missing ones are created, so a lasting RT_HOME pays once.
func seedBench(b *testing.B, n int) {
	b.Helper()
	root := asUser("root")
	have := root.count(b, "Subject LIKE 'bench-seed '")
	if have >= n {
		return
	}
	b.Logf("seeding %d tickets (RT has %d); about %.0f s", n-have, have, float64(n-have)*0.3)
	t0 := time.Now()
	jobs := make(chan int)
	var wg gosync.WaitGroup
	var mu gosync.Mutex
	var failed error
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			agent2 := asUser("agent2")
			for i := range jobs {
				if err := seedOne(agent2, i); err != nil {
					mu.Lock()
					failed = err
					mu.Unlock()
				}
			}
		}()
	}
	for i := have; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if failed != nil {
		b.Fatalf("seeding: %v", failed)
	}
	b.Logf("seeded in %.0f s", time.Since(t0).Seconds())
}

// seedOne creates one seed ticket without testing.TB (it runs on a worker
// goroutine, where Fatal must not be called).
func seedOne(u *rtUser, i int) error {
	queue := []string{"L1", "L2", "L3"}[i%3]
	f := map[string]any{"Queue": queue, "Subject": fmt.Sprintf("bench-seed %05d printer %d offline", i, i%97),
		"Requestor": "requester1@tierdesk.test", "Content": fmt.Sprintf("Seeded ticket %d.\nIt has a description of two lines.", i),
		"ContentType": "text/plain", "Priority": strconv.Itoa(i % 100)}
	if i%3 == 0 {
		f["CustomFields"] = map[string]string{"Tier": queue}
	}
	code, body, err := u.raw("POST", "/ticket", f)
	if err != nil || code != 201 {
		return fmt.Errorf("create seed %d: %d %v %s", i, code, err, snip(body))
	}
	if i%4 == 0 {
		var r struct {
			ID id `json:"id"`
		}
		if err := json.Unmarshal(body, &r); err != nil {
			return err
		}
		code, body, err = u.raw("POST", fmt.Sprintf("/ticket/%d/correspond", r.ID),
			map[string]string{"Content": "Seed reply: power-cycled it.", "ContentType": "text/plain"})
		if err != nil || code != 201 {
			return fmt.Errorf("reply to seed %d: %d %v %s", i, code, err, snip(body))
		}
	}
	return nil
}

// raw is call without testing.TB.
func (u *rtUser) raw(method, path string, body any) (int, []byte, error) {
	js, err := json.Marshal(body)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequest(method, u.base+path, strings.NewReader(string(js)))
	if err != nil {
		return 0, nil, err
	}
	req.SetBasicAuth(u.name, u.password)
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := u.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp.StatusCode, out, err
}
