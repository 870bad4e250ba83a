# Tierdesk — build, run and test.
#
#   make run          install missing build packages, open the demo workspace
#   make build        build/tierdesk
#   make test         formatting, vet, staticcheck, then every Go test inside a
#                     private desktop session (Xvfb, D-Bus, gnome-keyring, dunst),
#                     then the install test (test-install)
#   make test-install build the .deb, install it with dpkg (root), run and
#                     check it from /usr/bin, remove it (packaging/linux/install-test.sh)
#   make package      dist/: Linux tar.xz (fyne package), .deb and .rpm (nfpm)
#   make package-windows  dist/: tierdesk-VERSION-windows-amd64.exe, cross-built
#                     with mingw-w64 (about 10 min the first time)
#   make screenshots  only the real-window test; PNGs land in build/screenshots/
#   make bench        every performance benchmark with its baseline, on a
#                     generated 100,000-ticket store; writes BENCHMARKS.md
#                     (20-40 min; not part of make test)
#   make clean
#
# Everything needed comes from Debian packages (packaging/deps.sh) and the Go
# module proxy, so `make test` works from a clean clone.

# The Go toolchain is installed here on the project's machines and is not
# always on PATH (CI starts with a minimal environment).
export PATH := /usr/local/go/bin:$(PATH)

GO ?= go
BIN := build/tierdesk
# staticcheck 2026.2.2, which builds with Go 1.26 and understands its syntax
# (checked on new(expr)); older releases may not. Run through `go run pkg@version` so it needs no go.mod entry and no
# install step; the module cache keeps it after the first run.
STATICCHECK_VERSION ?= v0.8.2
STATICCHECK := $(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
# The first cgo build of GLFW/go-gl alone takes about six minutes on two cores.
TEST_TIMEOUT ?= 20m
# Extra flags for `go run` in `make run`, e.g. make run ARGS='--data-dir /tmp/td'.
ARGS ?=

.PHONY: all run build test check fmt-check vet staticcheck gotest screenshots clean deps-test \
	test-install package package-linux package-windows deps-package deps-windows bench

all: build

run:
	packaging/deps.sh run
	$(GO) run . --demo $(ARGS)

build:
	packaging/deps.sh run
	$(GO) build -o $(BIN) .

test: deps-test check gotest test-install

# check: the static checks, cheapest first, so a formatting slip fails in
# seconds instead of after the test build.
check: fmt-check vet staticcheck

# gofmt prints the files it would change; any output is a failure. Untracked
# files that git does not ignore are checked too, so a new file is caught
# before it is committed.
fmt-check:
	@files=$$(git ls-files --cached --others --exclude-standard -- '*.go'); \
	[ -n "$$files" ] || { echo "fmt-check: git lists no .go files" >&2; exit 1; }; \
	bad=$$(gofmt -l $$files); \
	if [ -n "$$bad" ]; then \
		echo "gofmt: these files need formatting (run gofmt -w):" >&2; \
		echo "$$bad" >&2; \
		exit 1; \
	fi

vet:
	$(GO) vet ./...

staticcheck:
	$(STATICCHECK) ./...

gotest: deps-test
	packaging/test-session.sh packaging/go-tests.sh -timeout=$(TEST_TIMEOUT)

screenshots: deps-test
	packaging/test-session.sh $(GO) test -count=1 -timeout=$(TEST_TIMEOUT) -run '^TestWindow' -v .

# Benchmarks, not tests: nothing in make test depends on speed. The store
# and RT are cached under build/bench (see packaging/bench.sh).
bench: deps-test
	packaging/bench.sh

clean:
	rm -rf build
	$(GO) clean

deps-test:
	packaging/deps.sh test

# The .deb installed for real (dpkg, as root), used from /usr/bin, removed.
# After the Go tests in `make test`; about 20 s warm, plus one cold
# -trimpath build of GLFW (~6 min) the first time on a machine.
test-install: deps-test
	packaging/linux/install-test.sh

# Packages, into dist/ (see README "Install" and packaging/package.sh).
# The version is FyneApp.toml's, with a git snapshot suffix off a release tag.
# `package` builds everything; `package-linux` skips the Windows cross build,
# whose first (cold) run takes 10 to 18 minutes on two cores. Neither is part
# of `make test`, which builds only the .deb it installs.
package: package-linux package-windows

package-linux: deps-package
	packaging/package.sh linux dist

package-windows: deps-windows
	packaging/package.sh windows dist

deps-package:
	packaging/deps.sh package

deps-windows:
	packaging/deps.sh windows
