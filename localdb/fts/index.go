package fts

import (
	"errors"
	"iter"
	"runtime"
	"slices"
	"sync"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Index is the full-text index of the knowledge base and the tickets. It
// lives in memory and keeps no document text; the store saves it when it
// closes and restores it at the next open (persist.go). It is safe for
// concurrent use: searches run in parallel with each other, updates are
// serialised and exclude searches while they apply.
type Index struct {
	mu     sync.RWMutex
	shards [numKinds]*shard
	src    Source

	stems stemCache // shared by updates, which each analyse with a fresh analyser

	buildMu  sync.Mutex // one Rebuild at a time
	building bool       // guarded by mu
	log      []op       // changes made while building; guarded by mu
}

// op is a change recorded while a rebuild runs, replayed on its result.
type op struct {
	docs   []Doc
	kind   Kind
	id     uint64
	del    bool
	attrs  bool
	tier   helpdesk.Tier
	status helpdesk.Status
}

// New returns an empty index. src gives back document text for titles and
// snippets; it may be nil, and then hits carry neither.
func New(src Source) *Index {
	ix := &Index{src: src}
	for k := range ix.shards {
		ix.shards[k] = newShard(Kind(k))
	}
	return ix
}

// Upsert adds documents or replaces them (by kind and id). A document whose
// text has not changed only has its tier and status updated. The text is
// analysed before the index is locked; searches wait only while the
// postings are added.
func (ix *Index) Upsert(docs ...Doc) {
	pre := analyzeDocs(docs, &ix.stems)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.building {
		ix.log = append(ix.log, op{docs: slices.Clone(docs)})
	}
	ix.upsertLocked(docs, pre)
}

// upsertLocked applies documents analysed by analyzeDocs (pre nil: analyse
// them now).
func (ix *Index) upsertLocked(docs []Doc, pre []analyzed) {
	if pre == nil {
		pre = analyzeDocs(docs, &ix.stems)
	}
	var ups [numKinds]*updater
	for i := range docs {
		d := &docs[i]
		if d.Kind >= numKinds {
			continue
		}
		s := ix.shards[d.Kind]
		u := ups[d.Kind]
		if u == nil {
			u = newUpdater(s)
			ups[d.Kind] = u
		}
		an := &pre[i]
		u.learn(an)
		if n, ok := s.byID[d.ID]; ok && s.docs.hashes[n] == an.meta.hash {
			s.setState(n, an.meta.tier, an.meta.status)
			continue
		}
		u.add(an)
	}
	for k, u := range ups {
		if u == nil {
			continue
		}
		u.finish()
		if s := ix.shards[k]; s.needsCompaction() {
			s.compact()
		}
	}
}

// Delete removes a document; removing one that is not there does nothing.
func (ix *Index) Delete(kind Kind, id uint64) {
	if kind >= numKinds {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.building {
		ix.log = append(ix.log, op{kind: kind, id: id, del: true})
	}
	ix.deleteLocked(kind, id)
}

func (ix *Index) deleteLocked(kind Kind, id uint64) {
	s := ix.shards[kind]
	if n, ok := s.byID[id]; ok {
		s.removeDoc(n)
		if s.needsCompaction() {
			s.compact()
		}
	}
}

// SetTicketState updates the tier and status a ticket is filtered by,
// without its text: what an escalation or a status change needs. It
// reports false if the ticket is not indexed.
func (ix *Index) SetTicketState(id uint64, tier helpdesk.Tier, status helpdesk.Status) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.building {
		ix.log = append(ix.log, op{kind: KindTicket, id: id, attrs: true, tier: tier, status: status})
	}
	return ix.setStateLocked(id, tier, status)
}

func (ix *Index) setStateLocked(id uint64, tier helpdesk.Tier, status helpdesk.Status) bool {
	s := ix.shards[KindTicket]
	n, ok := s.byID[id]
	if !ok {
		return false
	}
	s.setState(n, tierCode(tier), statusCode(status))
	return true
}

// Building reports whether a Rebuild is running. Searches meanwhile see
// the index as it was before, plus the changes made since the rebuild
// began; the UI should say "search index building".
func (ix *Index) Building() bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.building
}

// Len returns the number of documents of a kind.
func (ix *Index) Len(kind Kind) int {
	if kind >= numKinds {
		return 0
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.shards[kind].live
}

// ErrBuilding is returned by a Rebuild started while another runs.
var ErrBuilding = errors.New("fts: a rebuild is already running")

// Rebuild replaces the whole index with the documents docs yields,
// analysing them on every CPU. It runs outside the index lock: searches
// and updates go on meanwhile, against the old index. Changes made with
// Upsert, Delete and SetTicketState from the moment Rebuild is called are
// recorded and replayed on the new index before it is swapped in, so docs
// may be a snapshot taken at any point after the call (a Badger read
// transaction opened inside the iteration). If docs yields an error the
// old index stays and the error is returned.
func (ix *Index) Rebuild(docs iter.Seq2[Doc, error]) error {
	if !ix.buildMu.TryLock() {
		return ErrBuilding
	}
	defer ix.buildMu.Unlock()
	ix.mu.Lock()
	ix.building, ix.log = true, nil
	ix.mu.Unlock()

	shards, err := build(docs)

	ix.mu.Lock()
	defer ix.mu.Unlock()
	log := ix.log
	ix.building, ix.log = false, nil
	if err != nil {
		return err
	}
	ix.shards = shards
	ix.replay(log)
	return nil
}

// replay applies changes recorded while building, in order. The caller
// holds mu.
func (ix *Index) replay(log []op) {
	for _, o := range log {
		switch {
		case o.del:
			ix.deleteLocked(o.kind, o.id)
		case o.attrs:
			ix.setStateLocked(o.id, o.tier, o.status)
		default:
			ix.upsertLocked(o.docs, nil)
		}
	}
}

// buildChunk is the unit of work of a build: documents in, analyses out.
type buildChunk struct {
	seq  int
	docs []Doc
	out  []analyzed
	by   []*docAnalyzer
}

const buildChunkSize = 256

// build makes fresh shards from docs: one goroutine reads, one analyser
// per CPU tokenises and stems, and this goroutine assembles the shards in
// the order the documents came.
func build(docs iter.Seq2[Doc, error]) ([numKinds]*shard, error) {
	var shards [numKinds]*shard
	workers := max(1, runtime.GOMAXPROCS(0))
	in := make(chan *buildChunk, workers*2)
	out := make(chan *buildChunk, workers*2)
	var readErr error
	go func() {
		defer close(in)
		seq := 0
		c := &buildChunk{seq: seq}
		for d, err := range docs {
			if err != nil {
				readErr = err
				return
			}
			if d.Kind >= numKinds {
				continue
			}
			c.docs = append(c.docs, d)
			if len(c.docs) == buildChunkSize {
				in <- c
				seq++
				c = &buildChunk{seq: seq}
			}
		}
		if len(c.docs) > 0 {
			in <- c
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var as [numKinds]*docAnalyzer
			for k := range as {
				as[k] = newDocAnalyzer(buildStems)
			}
			for c := range in {
				c.out = make([]analyzed, len(c.docs))
				c.by = make([]*docAnalyzer, len(c.docs))
				for i := range c.docs {
					a := as[c.docs[i].Kind]
					a.analyze(&c.docs[i], &c.out[i])
					c.by[i] = a
				}
				c.docs = nil
				out <- c
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	var bs [numKinds]*builder
	for k := range bs {
		bs[k] = newBuilder(Kind(k))
	}
	pending := map[int]*buildChunk{}
	next := 0
	for c := range out {
		pending[c.seq] = c
		for {
			c, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			for i := range c.out {
				bs[c.out[i].kind].add(c.by[i], &c.out[i])
			}
		}
	}
	if readErr != nil {
		return shards, readErr
	}
	for k, b := range bs {
		shards[k] = b.finish()
	}
	return shards, nil
}

// Stats describes the index, for diagnostics and benchmarks.
type Stats struct {
	Docs     [numKinds]int // live documents per kind
	Dead     [numKinds]int // replaced or deleted, not yet compacted away
	Terms    [numKinds]int // distinct stems
	Words    [numKinds]int // distinct words as written
	Postings [numKinds]int // bytes of posting lists
	Bytes    int           // estimated heap held by the index
}

// Stats returns figures about the index.
func (ix *Index) Stats() Stats {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var st Stats
	for k, s := range ix.shards {
		st.Docs[k] = s.live
		st.Dead[k] = s.docs.len() - s.live
		st.Terms[k] = s.stems.len()
		st.Words[k] = s.surfs.len()
		st.Postings[k] = len(s.base) + s.tailBytes
		st.Bytes += s.bytes()
	}
	return st
}

// Compact rewrites the posting lists without dead documents now, rather
// than when they pass a quarter of the index.
func (ix *Index) Compact() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, s := range ix.shards {
		if s.docs.len() > s.live || s.tailBytes > 0 {
			s.compact()
		}
	}
}
