package localdb

import "encoding/binary"

// Key kinds. One byte each keeps keys short; the letters make a raw dump
// readable when debugging.
const (
	kindMeta     = 'm' // m<name>: schema version, counters
	kindTicket   = 't' // t<id>
	kindComment  = 'c' // c<ticket id><comment id>
	kindArticle  = 'a' // a<id>
	kindOutbox   = 'o' // o<seq>
	kindSetting  = 's' // s<name>
	kindCursor   = 'k' // k<name>
	kindCounters = 'n' // n<name>: the last id handed out
	kindSnapshot = 'r' // r<id>: the ticket as the server last had it
	kindAlert    = 'l' // l<id>: an alert in the inbox
	kindAlertKey = 'e' // e<event key>: the ledger of events already alerted
	kindBlob     = 'b' // b<id>: the bytes of an attachment not yet sent
)

func idKey(kind byte, id uint64) []byte {
	k := make([]byte, 9)
	k[0] = kind
	binary.BigEndian.PutUint64(k[1:], id)
	return k
}

func commentKey(ticket, id uint64) []byte {
	k := make([]byte, 17)
	k[0] = kindComment
	binary.BigEndian.PutUint64(k[1:], ticket)
	binary.BigEndian.PutUint64(k[9:], id)
	return k
}

func nameKey(kind byte, name string) []byte {
	return append([]byte{kind}, name...)
}
