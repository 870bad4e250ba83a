// Package rt is Tierdesk's Request Tracker 5 backend: a REST2 client (over
// resty) implementing sync.Backend.
//
// How RT's vocabulary maps onto Tierdesk's:
//
//   - A ticket's tier comes from the ticket custom field named by
//     Config.TierField ("Tier" by default, used when RT has it) and otherwise
//     from its queue (Config.QueueTiers; by default queues named L1..L3 or
//     "Tier 1".."Tier 3"). A queue no tier claims belongs to the help desk,
//     L1. Changing the tier moves the ticket to that tier's queue and sets
//     the custom field, so both stay in agreement.
//   - RT's priority (0..99, a string on the wire) is bucketed: below 25 low,
//     below 50 normal, below 75 high, 75 and above urgent. Tierdesk's
//     priorities are written as the bottom of their bucket (0, 25, 50, 75), so
//     a round trip keeps them.
//   - The version of a ticket is RT's ETag: the id of the newest transaction
//     the user may see on it. Updates send it as If-Match; RT answers 412 when
//     it is stale, which becomes sync.ErrConflict. Sync pages compute the same
//     number from the transactions they read, saving a request per ticket.
//   - Correspondence (and the ticket's creation message) become replies,
//     comments become internal notes; the body is the text/plain part.
//   - The client reference of a create is stored in the ticket custom field
//     Config.RefField ("Tierdesk Ref") so FindCreated can look it up. Sync
//     pages leave Ticket.ClientRef empty (reading custom fields per ticket
//     costs more than the rest of a page); Fetch, Create and FindCreated set
//     it.
//
// The sync cursor is the id of a transaction: RT's global transaction list
// (ObjectType 'RT::Ticket', ordered by id) is a monotonic change feed that
// also reports deletions, which ticket searches do not.
//
// RT 5.0.3's REST2 has traps, measured on the live server; the code names
// each where it is handled:
//
//  1. Timestamps are UTC, whole seconds; unset dates are 1970-01-01.
//  2. TicketSQL silently matches everything for '2026-11-22T07:24:00Z';
//     dates must be written '2026-11-22 07:24:00'.
//  3. If-Modified-Since and If-Unmodified-Since give HTTP 500; If-Match works.
//  4. PUT reports refusals as HTTP 200 with a list of messages, applying the
//     fields it accepts; the answer has no ETag.
//  5. Deleted tickets vanish from searches; the transaction list still
//     shows the deletion, and GET still loads them (status "deleted").
//  6. The ETag also moves on system transactions (autoreply records).
//  7. An id is a number in a record, a string in collections; users are
//     named, queues numbered; Priority is a string.
//  8. next_page links carry a stray "&=&".
//  9. Creating a ticket as stalled is refused (400).
//
// And some found while writing this package:
//
//   - Collections leave total and pages null for users who are not
//     superusers, and drop the rows such a user may not see after paging, so
//     a short page is not the last one; pages, when given, may be a float
//     ("0.0").
//   - A transaction carries both "type" ("transaction") and "Type" (what
//     happened) in random order; Go's case-insensitive JSON matching must not
//     decide between them.
//   - fields=Parent on /attachments gives HTTP 500; a DELETE without the
//     right gives 500 rather than 403.
//   - A create answers 201 yet drops a requester it cannot make a user of and
//     an owner who may not own tickets in the queue.
//   - In collections, an attachment's Content is text; only /attachment/:id
//     gives it base64-encoded.
package rt
