#!/usr/bin/env bash
# go-tests.sh [GO TEST FLAGS...] — every Go test of the module, meant to run
# inside packaging/test-session.sh so the keyring, notification and window
# tests meet the real desktop services.
#
# The pure-Go layers (helpdesk, localdb, sync, app) run with the race
# detector: they hold the concurrency (sync engine, escalation watcher,
# Badger). The rest (ui, the root package with the window test, assets) is
# cgo/OpenGL-bound, where -race multiplies a slow build for little gain, so
# it runs without. Extra arguments go to both `go test` calls.
set -euo pipefail

cd "$(dirname "$0")/.."
go=${GO:-go}
module=$("$go" list -m)
# Listed up front so a package that does not even load fails here, loudly.
pkgs=$("$go" list ./...)

race=()
rest=()
while IFS= read -r pkg; do
	case "$pkg" in
	"$module"/helpdesk | "$module"/helpdesk/* | \
		"$module"/localdb | "$module"/localdb/* | \
		"$module"/sync | "$module"/sync/* | \
		"$module"/app | "$module"/app/*)
		race+=("$pkg")
		;;
	*) rest+=("$pkg") ;;
	esac
done <<<"$pkgs"

status=0
if [[ ${#race[@]} -gt 0 ]]; then
	"$go" test -race -count=1 -timeout=20m "$@" "${race[@]}" || status=1
fi
if [[ ${#rest[@]} -gt 0 ]]; then
	"$go" test -count=1 -timeout=20m "$@" "${rest[@]}" || status=1
fi
exit "$status"
