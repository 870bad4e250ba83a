package rtlive

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	gosync "sync"
	"testing"
	"time"

	tdsync "github.com/tierdesk/tierdesk/sync"
)

// BenchmarkInitialSync measures the first sync of a fresh account against
// RT holding N seeded tickets (N from TIERDESK_BENCH_TICKETS, default 1000),
// and, for comparison, fetching the same ticket pages (same TicketSQL, same
// fields, pages of 100) with a plain net/http client and with curl.
//
// Seeding costs about 0.3 s a ticket on RT, so it is done once per RT and
// reused: run it against a lasting RT_HOME, e.g.
//
//	export RT_HOME=/tmp/tierdesk-rt/bench
//	packaging/rt/rt-server.sh start && eval "$(packaging/rt/rt-server.sh env)"
//	go test -run '^$' -bench BenchmarkInitialSync -benchtime 1x ./app/rtlive/
//
// (make test runs no benchmarks.) Besides ns/op, it reports plain-s and
// curl-s (the same pages by plain HTTP and curl), x-plain (the app's time
// over plain HTTP's), client-cpu-s (this process's CPU during the sync:
// the client's own share) and the requests the app made, by kind.
func BenchmarkInitialSync(b *testing.B) {
	n := 1000
	if v := os.Getenv("TIERDESK_BENCH_TICKETS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("TIERDESK_BENCH_TICKETS=%q", v)
		}
	}
	b.StopTimer()
	seedBench(b, n)
	total := asUser("root").count(b, "id > 0")
	b.ResetTimer()

	var appTime time.Duration
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d, _ := newAccount(b, srv.URL, nil).open(b, tdsync.Options{})
		cpu0 := cpuTime()
		t0 := time.Now()
		b.StartTimer()
		res, err := d.SyncOnce(ctxFor(b, 20*time.Minute))
		b.StopTimer()
		appTime += time.Since(t0)
		cpu += cpuTime() - cpu0
		if err != nil {
			b.Fatalf("initial sync: %v", err)
		}
		if res.Pulled < total || d.Count() < total {
			b.Fatalf("initial sync pulled %d, the desk has %d; RT has %d", res.Pulled, d.Count(), total)
		}
		d.Close()
	}
	appSec := appTime.Seconds() / float64(b.N)

	urls, plain := plainPages(b)
	curl := curlPages(b, urls)
	b.ReportMetric(plain.Seconds(), "plain-s")
	b.ReportMetric(curl.Seconds(), "curl-s")
	b.ReportMetric(appSec/plain.Seconds(), "x-plain")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "client-cpu-s")

	// One more first sync through a counting gate: which requests it makes.
	g := newGate(b)
	d, _ := newAccount(b, g.URL(), nil).open(b, tdsync.Options{})
	t0 := time.Now()
	if _, err := d.SyncOnce(ctxFor(b, 20*time.Minute)); err != nil {
		b.Fatal(err)
	}
	viaGate := time.Since(t0)
	reqs, spent := g.requests()
	keys := make([]string, 0, len(reqs))
	all := 0
	for k, v := range reqs {
		keys = append(keys, k)
		all += v
	}
	slices.Sort(keys)
	var sb strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&sb, "\n  %4d × %-40s %6.2f s", reqs[k], k, spent[k].Seconds())
	}
	b.Logf("RT has %d tickets. First sync: app %.2f s (client CPU %.2f s); the %d ticket pages alone: plain HTTP %.2f s, curl %.2f s; app/plain %.1fx",
		total, appSec, cpu.Seconds()/float64(b.N), len(urls), plain.Seconds(), curl.Seconds(), appSec/plain.Seconds())
	b.Logf("the app's requests in one first sync (%d, %.2f s through the gate; time is RT's answer time):%s", all, viaGate.Seconds(), sb.String())
}

// benchFields are the ticket fields sync/rt asks for in a sync page (its
// ticketFields; the seeded Tier field is a Select, so CustomFields is not
// asked for).
const benchFields = "Subject,Status,Priority,Queue,Owner,Requestor,Created,LastUpdated,Due"

// plainPages walks every ticket in pages of 100 exactly as the app's
// initial sync does (TicketSQL "id > LAST", ordered by id, page 1), with
// net/http and encoding/json, and returns the URLs and the time.
func plainPages(b *testing.B) ([]string, time.Duration) {
	b.Helper()
	c := &http.Client{Timeout: time.Minute}
	base := strings.TrimRight(srv.URL, "/") + "/REST/2.0/tickets"
	var urls []string
	t0 := time.Now()
	for last := uint64(0); ; {
		u := base + "?" + url.Values{"query": {fmt.Sprintf("id > %d", last)}, "fields": {benchFields},
			"orderby": {"id"}, "per_page": {"100"}, "page": {"1"}}.Encode()
		req, _ := http.NewRequest("GET", u, nil)
		req.SetBasicAuth("agent1", srv.AgentPassword)
		req.Header.Set("Accept", "application/json")
		resp, err := c.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var p struct {
			Items []map[string]json.RawMessage `json:"items"`
		}
		err = json.NewDecoder(resp.Body).Decode(&p)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("GET %s: %d %v", u, resp.StatusCode, err)
		}
		urls = append(urls, u)
		if len(p.Items) == 0 {
			break
		}
		var next id
		if err := json.Unmarshal(p.Items[len(p.Items)-1]["id"], &next); err != nil {
			b.Fatal(err)
		}
		last = uint64(next)
	}
	return urls, time.Since(t0)
}

// curlPages fetches the same URLs with one curl process (one connection),
// bodies to /dev/null.
func curlPages(b *testing.B, urls []string) time.Duration {
	b.Helper()
	cfg := filepath.Join(b.TempDir(), "curl.cfg")
	var sb strings.Builder
	fmt.Fprintf(&sb, "silent\nfail\nuser = \"agent1:%s\"\nheader = \"Accept: application/json\"\n", srv.AgentPassword)
	for _, u := range urls {
		fmt.Fprintf(&sb, "url = %q\noutput = \"/dev/null\"\n", u)
	}
	if err := os.WriteFile(cfg, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	out, err := exec.Command("curl", "--config", cfg).CombinedOutput()
	d := time.Since(t0)
	if err != nil {
		b.Fatalf("curl: %v\n%s", err, out)
	}
	return d
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
