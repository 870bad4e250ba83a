package localdb

import (
	"sync"

	"github.com/tierdesk/tierdesk/localdb/fts"
)

// Full-text indexing of pulled pages runs on one background goroutine:
// analysing and adding the text of a page (100 tickets, ~400 comments) was
// over half of ApplyPull's CPU, and nothing in the sync needs it done before
// the next page is stored. ApplyPull hands the page's documents over once
// its records are committed and the summary index (the ticket list) is
// updated, and returns.
//
// Order is kept: jobs are applied one at a time in the order queued, and
// every other change to ticket documents in the index (an action, an
// acknowledgement, a discard) first waits for the queue to drain, under the
// write lock, so an older pulled state can never overwrite a newer one.
// Search also waits for the jobs queued before it, so a search after
// ApplyPull sees the page; the queue holds at most indexQueueDepth pages,
// which bounds that wait to a few pages of indexing and makes a pull that
// outruns the indexer wait for it instead of piling up memory.

// indexQueueDepth is how many pages may wait for the indexer.
const indexQueueDepth = 2

// indexJob is one page's change to the full-text index: tickets removed,
// then documents added or replaced.
type indexJob struct {
	deletes []uint64 // ticket ids
	docs    []fts.Doc
	// action is a ticket a user action just changed: its document is read
	// back and replaced here, off the action's path (an action is durable
	// and in the list before its text is searchable; Search waits for it).
	action actionJob
}

// actionJob names the ticket of one user action; stateOnly says only its
// tier or status changed, which the index can take without the text.
type actionJob struct {
	id        uint64
	stateOnly bool
}

// indexer is the queue and its progress counters.
type indexer struct {
	jobs chan indexJob
	done chan struct{} // closed when the goroutine has applied the last job

	// gate is held while a job is applied; tests hold it to keep jobs
	// queued, to check that nothing overtakes them.
	gate sync.Mutex

	mu      sync.Mutex
	cond    *sync.Cond
	queued  uint64 // jobs queued so far; guarded by mu
	applied uint64 // jobs applied so far; guarded by mu
}

// startIndexer starts the goroutine that applies queued jobs to s.search.
func (s *Store) startIndexer() {
	ix := &indexer{jobs: make(chan indexJob, indexQueueDepth), done: make(chan struct{})}
	ix.cond = sync.NewCond(&ix.mu)
	s.indexer = ix
	go func() {
		defer close(ix.done)
		for job := range ix.jobs {
			ix.gate.Lock()
			for _, id := range job.deletes {
				s.search.Delete(fts.KindTicket, id)
			}
			if len(job.docs) > 0 {
				s.search.Upsert(job.docs...)
			}
			if job.action.id != 0 {
				s.indexAction(job.action)
			}
			ix.gate.Unlock()
			ix.mu.Lock()
			ix.applied++
			ix.cond.Broadcast()
			ix.mu.Unlock()
		}
	}()
}

// queueIndex hands a job to the indexer; it blocks while the queue is
// full. Called with wmu held, after the records are committed.
func (s *Store) queueIndex(job indexJob) {
	if len(job.deletes) == 0 && len(job.docs) == 0 && job.action.id == 0 {
		return
	}
	ix := s.indexer
	ix.mu.Lock()
	ix.queued++
	ix.mu.Unlock()
	ix.jobs <- job
}

// indexAction brings one ticket's document up to date after a user
// action, on the indexer's goroutine: the tier and status alone when that
// is all that changed and the ticket is indexed, otherwise the whole
// document read from the store (which is at least as new as the action).
func (s *Store) indexAction(a actionJob) {
	if a.stateOnly {
		if t, ok := s.index.get(a.id); ok && s.search.SetTicketState(a.id, t.Tier, t.Status) {
			return
		}
	}
	d, ok, err := s.ticketDoc(a.id)
	switch {
	case err != nil:
		s.logf("search index: ticket %d: %v", a.id, err)
	case !ok:
		s.search.Delete(fts.KindTicket, a.id)
	default:
		s.search.Upsert(d)
	}
}

// waitIndexed waits until every job queued before the call is applied.
func (s *Store) waitIndexed() {
	ix := s.indexer
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for target := ix.queued; ix.applied < target; {
		ix.cond.Wait()
	}
}

// stopIndexer applies what is queued and stops the goroutine. Called by
// Close with wmu held, so nothing more can be queued.
func (s *Store) stopIndexer() {
	close(s.indexer.jobs)
	<-s.indexer.done
}

// WaitIndexed waits until the full-text index has every pulled page stored
// before the call. ApplyPull returns before its page is searchable (the
// indexing runs in the background); Search already waits by itself, so
// this is for measuring the indexing: benchmarks and tests.
func (s *Store) WaitIndexed() { s.waitIndexed() }
