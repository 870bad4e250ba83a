package rt

import (
	"strconv"
	"strings"
)

// sqlString quotes a value for TicketSQL and TransactionSQL: single quotes
// around, backslashes and quotes escaped, so a value can never end the
// literal early.
func sqlString(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	return "'" + r.Replace(v) + "'"
}

// sqlField names a custom field in TicketSQL: CF.{Name}. RT has no escape
// inside the braces, so a closing brace cannot be part of a name it finds.
func sqlField(name string) string {
	return "CF.{" + strings.ReplaceAll(name, "}", "") + "}"
}

// sqlIDs is "field = 1 OR field = 2 ...", parenthesised: the explicit id
// list of an incremental page.
func sqlIDs(field string, ids []uint64) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, id := range ids {
		if i > 0 {
			b.WriteString(" OR ")
		}
		b.WriteString(field)
		b.WriteString(" = ")
		b.WriteString(strconv.FormatUint(id, 10))
	}
	b.WriteByte(')')
	return b.String()
}
