// Package helpdesk is Tierdesk's vocabulary: tickets, comments, knowledge-base
// articles, support tiers, statuses, priorities, roles and the mutations a user
// makes offline. It is pure Go with no I/O so that every other layer (the
// store, the sync engine, the UI) agrees on one meaning for each word.
package helpdesk
