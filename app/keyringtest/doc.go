// Package keyringtest tests Tierdesk's secrets against the real Secret
// Service through app.OSKeyring: the keyring round trip, and that an added
// account's store is encrypted with the key filed in the keyring so neither
// its password nor its tickets appear in plain text on disk.
//
// It has no code of its own. The tests live in their own package, and so in
// their own test binary, because go-keyring's provider is process-global
// (keyring.MockInit swaps it with no way back) and because they need a
// desktop session. Run them inside the private session that
// packaging/test-session.sh provides:
//
//	packaging/test-session.sh go test -count=1 ./app/keyringtest/
//
// Outside that session they fail rather than skip, so a test run that was
// meant to exercise the real keyring cannot pass without doing so.
package keyringtest
