// Package fts is Tierdesk's offline full-text search over the knowledge base
// and the tickets: an in-memory inverted index with BM25F ranking, English
// stemming, search-as-you-type prefixes, typo tolerance, filters and
// highlighted snippets.
//
// # Model
//
// A Doc is an article (title, summary, body, category) or a ticket
// (subject, public conversation, internal notes, tier, status), named by
// kind and id. Upsert adds or replaces documents, Delete removes one,
// SetTicketState changes only what tickets are filtered by. Rebuild
// replaces everything from a sequence (the store at open), analysing on
// every CPU, while searches and updates go on against the old index.
//
// # Ranking
//
// Text is split into words (letters and digits; "wi-fi" also as "wifi"),
// lower-cased, stripped of English stop words and reduced to Porter2 stems
// (github.com/kljensen/snowball). Each query word matches its stem, and
// also, as one group:
//   - when it is the last word and no space follows (Query.Exact unset), every
//     word it is a prefix of ("disconn" → disconnect), up to the 32 most
//     frequent (12 for a prefix under four letters);
//   - its typo corrections: words within one edit (four runes or more) or two
//     (eight or more), counting an adjacent swap as one edit, matched against
//     the words as written and against the stems ("flickring" → flicker);
//     a correction must be at least three times as frequent as what was typed,
//     and a word found in one document in a thousand is not corrected.
//
// Documents that match more query words come first, whatever their score
// (a typo or prefix match counts); among equals, the higher BM25F score:
// per-field frequencies weighted (title 3, summary and category 1.5, body
// 1, notes 0.8) and length-normalised, combined before saturation (k1 1.2),
// completions scaled by 0.9 and corrections by 0.55 (one edit) or 0.3 (two).
//
// # Memory
//
// The index keeps no document text. Per kind (shard) it holds a sorted
// dictionary of stems and one of the words as written (for prefixes and
// typos; the fuzzy search walks it as a trie, one dynamic-programming row
// per level), each a byte arena plus an offsets array; posting lists as
// delta-varint byte strings (about two bytes a posting: the document gap,
// then one byte with the fields and the frequency); and columns of
// per-document values (id, text hash, a byte with liveness, tier and status,
// category, words per field). An update never rewrites a list in the
// middle: the old document is marked dead and the new one appended under a
// new number; when dead documents or appended bytes pass a quarter of a
// shard, it is compacted. 100,000 tickets with 400,000 comments (62 MB of
// text) and 10,000 articles take about 24 MiB of heap.
//
// Snippets are made at search time from text a Source gives back for the
// few hits returned (the store reads them from Badger), so nothing of the
// text is duplicated in memory.
//
// # Persistence
//
// AppendSnapshot writes the index out as bytes (its arrays, no text) for
// the caller to keep; Restore reads them back in a fraction of the time a
// Rebuild analyses the text in, after checking every offset and posting.
// Hold, called before, records the changes made until the Restore, which
// replays them. The store keeps the snapshot inside its encrypted database
// and trusts it only when nothing was committed after it.
//
// # Concurrency
//
// An Index is safe for concurrent use: searches share a read lock, updates
// take the write lock. Snippets are made after the lock is released.
package fts
