package localdb

import (
	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// OpenRawBadger opens a bare Badger database with the store's own options,
// for the apply benchmark's baseline. Those options do not sync each commit
// (the store syncs only the writes that must be durable, and not pulled
// pages), so neither side of the comparison pays an fsync per page.
func OpenRawBadger(dir string) (*badger.DB, error) { return badger.Open(badgerOptions(dir, Options{})) }

// WriteRawPage writes the keys and encoded values ApplyPull writes for a
// page of tickets new to the store (the ticket, its server copy and its
// comments) with one Badger WriteBatch: the floor under ApplyPull. Like a
// pulled page it is committed without an fsync.
func WriteRawPage(db *badger.DB, p helpdesk.Pull, firstTicket, firstComment uint64) error {
	wb := db.NewWriteBatch()
	defer wb.Cancel()
	id, cid := firstTicket, firstComment
	for _, s := range p.Snapshots {
		t := s.Ticket
		t.ID = id
		v, err := encode(t)
		if err != nil {
			return err
		}
		if err := wb.Set(idKey(kindSnapshot, id), v); err != nil {
			return err
		}
		if err := wb.Set(idKey(kindTicket, id), v); err != nil {
			return err
		}
		for _, c := range s.Comments {
			c.ID, c.TicketID = cid, id
			v, err := encode(c)
			if err != nil {
				return err
			}
			if err := wb.Set(commentKey(id, cid), v); err != nil {
				return err
			}
			cid++
		}
		id++
	}
	return wb.Flush()
}
