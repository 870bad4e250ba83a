package helpdesk

import "errors"

// ErrInvalid marks input that breaks a rule of the vocabulary (an empty
// subject, an unknown status, an escalation without a hand-off note). Callers
// test for it with errors.Is and show the wrapped message to the user.
var ErrInvalid = errors.New("invalid")
