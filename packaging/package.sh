#!/usr/bin/env bash
# package.sh linux|deb|windows [OUT_DIR] — build Tierdesk's distributable
# packages into OUT_DIR (default dist/).
#
#   linux    the linux/amd64 binary, then from it:
#              tierdesk-VERSION-linux-amd64.tar.xz   (fyne package -os linux)
#              tierdesk_VERSION-1_amd64.deb           (nfpm)
#              tierdesk-VERSION-1.x86_64.rpm          (nfpm)
#            and checks them: the desktop entries (desktop-file-validate),
#            the AppStream metainfo (appstreamcli validate --no-net), the
#            declared dependencies against what the binary links.
#   deb      only the binary and the .deb (what the install test needs)
#   windows  tierdesk-VERSION-windows-amd64.exe, cross-built with mingw-w64
#            by fyne package -os windows --release, so it carries the icon,
#            a manifest and version information. Slow when cold (~10 min).
#
# VERSION is FyneApp.toml's Version when HEAD is tagged vVERSION and the tree
# is clean; otherwise a snapshot: VERSION-git.N.gSHA (N commits, no tag for
# VERSION yet: sorts before VERSION) or VERSION+git.N.gSHA (N commits after
# the tag), with .dirty added for uncommitted changes. TIERDESK_PKG_VERSION
# overrides it. A SHA256SUMS file lists what OUT_DIR holds.
#
# The repository is never modified: fyne package rewrites FyneApp.toml
# (Build + 1), deletes a binary named like the app next to the sources and,
# if interrupted, leaves fyne_metadata_init.go behind, so it runs in a
# throwaway copy of the tree. The fyne and nfpm commands are installed at
# pinned versions into build/tools/ from the Go module proxy.
#
# Build packages (appstream, desktop-file-utils, xz-utils; mingw-w64 for
# windows) come from packaging/deps.sh.
set -euo pipefail
shopt -s inherit_errexit

me=$(basename "$0")
die() {
	echo "$me: $*" >&2
	exit 1
}

# fyne.io/tools v1.7.4 is the release built against fyne v2.8.1. nfpm
# v2.46.0 and later import go.digitalxero.dev/go-msix, which the module
# proxy refuses (403), so v2.45.2 is the newest that builds here.
FYNE_TOOLS_VERSION=${FYNE_TOOLS_VERSION:-v1.7.4}
NFPM_VERSION=${NFPM_VERSION:-v2.45.2}
# Build tags of the packaged binaries, the ones `fyne package --release`
# uses for this app: release (no FyneApp.toml lookup next to the binary)
# and migrated_fynedo (FyneApp.toml opts in to the fyne.Do threading model).
# (Linux only: for Windows, fyne package --release sets the same two.)
PKG_TAGS=${PKG_TAGS:-release,migrated_fynedo}
WINDOWS_CC=${WINDOWS_CC:-x86_64-w64-mingw32-gcc}

[[ $# -ge 1 && $# -le 2 ]] || die "usage: $me linux|deb|windows [OUT_DIR]"
what=$1
case "$what" in linux | deb | windows) ;; *) die "usage: $me linux|deb|windows [OUT_DIR]" ;; esac

cd "$(dirname "$0")/.."
root=$PWD
out=${2:-dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)
go=${GO:-go}
command -v "$go" >/dev/null 2>&1 || die "'$go' not found (the Go toolchain; PATH=/usr/local/go/bin:\$PATH?)"

work=$(mktemp -d "${TMPDIR:-/tmp}/tierdesk-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

say() { echo "$me: $*" >&2; }

# toml_value KEY: the first `KEY = value` in FyneApp.toml, quotes removed.
toml_value() {
	sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*$/\1/p" FyneApp.toml | awk 'NR == 1'
}

app_version=$(toml_value Version)
[[ $app_version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "FyneApp.toml: Version \"$app_version\" is not x.y.z"

package_version() {
	if [[ -n ${TIERDESK_PKG_VERSION:-} ]]; then
		echo "$TIERDESK_PKG_VERSION"
		return
	fi
	if ! git rev-parse --verify -q HEAD >/dev/null 2>&1; then
		echo "$app_version"
		return
	fi
	local sha dirty="" desc n
	sha=g$(git rev-parse --short=7 HEAD)
	if [[ -n $(git status --porcelain --untracked-files=normal 2>/dev/null) ]]; then dirty=.dirty; fi
	if git describe --tags --exact-match --match "v$app_version" HEAD >/dev/null 2>&1 && [[ -z $dirty ]]; then
		echo "$app_version"
	elif desc=$(git describe --tags --long --match "v$app_version" HEAD 2>/dev/null); then
		n=${desc%-g*}
		n=${n##*-}
		echo "$app_version+git.$n.$sha$dirty"
	else
		n=$(git rev-list --count HEAD)
		echo "$app_version-git.$n.$sha$dirty"
	fi
}
version=$(package_version)
say "version $version"

# tool NAME MODULE_PATH VERSION: install a pinned Go command into
# build/tools/VERSION/ once and print its path. `go install pkg@version`
# ignores go.mod, so the tools add nothing to the module's dependencies.
tool() {
	local name=$1 pkg=$2 ver=$3 dir
	dir=$root/build/tools/$ver
	if [[ ! -x $dir/$name ]]; then
		say "installing $pkg@$ver"
		# A cross-compiler in CC must not leak into building the tool.
		env -u CC -u GOOS -u GOARCH GOBIN="$dir" "$go" install "$pkg@$ver" >&2
	fi
	echo "$dir/$name"
}

# copy_tree DIR: the working tree as git sees it (tracked files and new files
# it does not ignore, with uncommitted edits) copied into DIR.
copy_tree() {
	local dst=$1
	mkdir -p "$dst"
	if git rev-parse --verify -q HEAD >/dev/null 2>&1; then
		git ls-files -z --cached --others --exclude-standard |
			while IFS= read -r -d '' f; do
				if [[ -e $f ]]; then printf '%s\0' "$f"; fi
			done |
			xargs -0 -r cp -P --parents -t "$dst"
	else
		tar -C "$root" --exclude=./build --exclude=./dist --exclude=./.git -cf - . | tar -C "$dst" -xf -
	fi
}

# build_linux: the stripped, path-trimmed linux/amd64 binary.
bin_dir=$work/linux-amd64
binary=$bin_dir/tierdesk
build_linux() {
	mkdir -p "$bin_dir"
	say "building $binary (-trimpath -ldflags '-s -w' -tags $PKG_TAGS)"
	local t0=$SECONDS
	CGO_ENABLED=1 GOOS=linux GOARCH=amd64 "$go" build -trimpath -ldflags "-s -w" -tags "$PKG_TAGS" -o "$binary" .
	say "built in $((SECONDS - t0)) s, $(du -h "$binary" | cut -f1)"
	local v
	v=$("$binary" --version) || die "$binary --version failed"
	[[ $v == "tierdesk $app_version" ]] || die "$binary --version says \"$v\", FyneApp.toml says $app_version"
}

# owner PATH: the Debian package that ships the library at PATH. dpkg knows
# each file under the name its package used (/lib/... or /usr/lib/...), and
# /lib is a link to /usr/lib on merged-/usr systems: try each spelling.
owner() {
	local p real cands=()
	real=$(readlink -f "$1")
	for p in "$1" "$real"; do
		cands+=("$p" "/usr${p#/usr}" "${p#/usr}")
	done
	for p in "${cands[@]}"; do
		dpkg -S "$p" 2>/dev/null | awk -F: 'NR == 1 {print $1}' && return 0
	done
	return 0
}

# check_linked_deps: every library the binary links (ELF NEEDED) must come
# from a package nfpm.yaml declares, so a new cgo dependency cannot ship
# undeclared. GLFW's dlopen()ed libraries are listed in nfpm.yaml by hand.
check_linked_deps() {
	local declared soname path pkg libs missing=()
	# Read whole: a reader that stops early would kill ldconfig with SIGPIPE,
	# which pipefail turns into a failure.
	libs=$(ldconfig -p)
	declared=$(sed -n '/^depends:/,/^[^ #-]/s/^  - \([a-z0-9.+-]*\).*/\1/p' packaging/linux/nfpm.yaml)
	[[ -n $declared ]] || die "no depends: list found in packaging/linux/nfpm.yaml"
	while read -r soname; do
		path=$(awk -v so="$soname" '$1 == so && /x86-64/ && !found {print $NF; found = 1}' <<<"$libs")
		[[ -n $path ]] || die "the binary links $soname, which this machine does not have"
		pkg=$(owner "$path")
		[[ -n $pkg ]] || die "no Debian package owns $path ($soname)"
		grep -qx "$pkg" <<<"$declared" || missing+=("$pkg ($soname)")
	done < <(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
	if [[ ${#missing[@]} -gt 0 ]]; then
		die "the binary links libraries from packages packaging/linux/nfpm.yaml does not depend on: ${missing[*]}"
	fi
	say "linked libraries are all declared: $(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
}

validate_metadata() {
	command -v desktop-file-validate >/dev/null || die "desktop-file-validate not found; run packaging/deps.sh package"
	command -v appstreamcli >/dev/null || die "appstreamcli not found; run packaging/deps.sh package"
	desktop-file-validate packaging/linux/io.github.tierdesk.Tierdesk.desktop ||
		die "desktop-file-validate rejected packaging/linux/io.github.tierdesk.Tierdesk.desktop"
	# Exits non-zero on errors; warnings and pedantic notes are printed.
	appstreamcli validate --no-net packaging/linux/io.github.tierdesk.Tierdesk.metainfo.xml >&2 ||
		die "appstreamcli rejected packaging/linux/io.github.tierdesk.Tierdesk.metainfo.xml"
}

# made: the artifacts built so far, for the closing report.
made=()

# nfpm_package deb|rpm
nfpm_package() {
	local format=$1 nfpm
	nfpm=$(tool nfpm github.com/goreleaser/nfpm/v2/cmd/nfpm "$NFPM_VERSION")
	mkdir -p "$work/$format"
	TIERDESK_VERSION=$version TIERDESK_BINARY=$binary \
		"$nfpm" package --config packaging/linux/nfpm.yaml --packager "$format" --target "$work/$format/" >&2
	local f
	f=$(find "$work/$format" -maxdepth 1 -type f -name "*.$format")
	[[ -n $f && $(wc -l <<<"$f") -eq 1 ]] || die "nfpm made no single .$format in $work/$format"
	mv -f "$f" "$out/"
	made+=("$out/$(basename "$f")")
}

tarball() {
	local fyne src
	fyne=$(tool fyne fyne.io/tools/cmd/fyne "$FYNE_TOOLS_VERSION")
	src=$work/src-linux
	copy_tree "$src"
	say "fyne package -os linux"
	# --executable: package the binary just built instead of building another.
	(cd "$src" && "$fyne" package -os linux --executable "$binary" >&2)
	[[ -f $src/Tierdesk.tar.xz ]] || die "fyne package made no Tierdesk.tar.xz"
	local dst=$out/tierdesk-$version-linux-amd64.tar.xz
	mv -f "$src/Tierdesk.tar.xz" "$dst"
	# Its desktop entry is generated from FyneApp.toml: check it too.
	mkdir -p "$work/tar"
	tar -C "$work/tar" -xJf "$dst"
	local desktop
	desktop=$(find "$work/tar" -name '*.desktop' -print -quit)
	[[ -n $desktop ]] || die "$dst holds no desktop entry"
	desktop-file-validate "$desktop" || die "the desktop entry fyne generated ($desktop) is invalid"
	made+=("$dst")
}

windows() {
	command -v "$WINDOWS_CC" >/dev/null 2>&1 ||
		die "$WINDOWS_CC not found; run packaging/deps.sh windows (Debian's gcc-mingw-w64-x86-64-win32)"
	local fyne src
	fyne=$(tool fyne fyne.io/tools/cmd/fyne "$FYNE_TOOLS_VERSION")
	src=$work/src-windows
	copy_tree "$src"
	say "fyne package -os windows --release (CC=$WINDOWS_CC)"
	local t0=$SECONDS
	(cd "$src" && CC=$WINDOWS_CC CGO_ENABLED=1 GOARCH=amd64 "$fyne" package -os windows --release >&2)
	[[ -f $src/Tierdesk.exe ]] || die "fyne package made no Tierdesk.exe"
	local dst=$out/tierdesk-$version-windows-amd64.exe
	mv -f "$src/Tierdesk.exe" "$dst"
	say "windows build took $((SECONDS - t0)) s"
	# The PE must be a GUI amd64 executable with a resource section (icon,
	# manifest, version information).
	local pe
	pe=$(x86_64-w64-mingw32-objdump -p "$dst" 2>/dev/null) || die "$dst is not a PE file objdump can read"
	grep -q 'Windows GUI' <<<"$pe" || die "$dst is not a Windows GUI executable"
	x86_64-w64-mingw32-objdump -h "$dst" | grep -q '[[:space:]]\.rsrc[[:space:]]' ||
		die "$dst has no resource section (no icon or version information)"
	made+=("$dst")
}

# clear_old GLOB...: remove earlier builds of the artifacts about to be made
# (other versions too), so OUT_DIR and its SHA256SUMS hold one set.
clear_old() {
	local g
	for g in "$@"; do
		find "$out" -maxdepth 1 -type f -name "$g" -delete
	done
}

sums() {
	(cd "$out" && find . -maxdepth 1 -type f ! -name SHA256SUMS ! -name '.*' -printf '%f\0' |
		sort -z | xargs -0 -r sha256sum >.SHA256SUMS.new && mv -f .SHA256SUMS.new SHA256SUMS)
}

report() {
	local f
	for f in "$@"; do
		printf '%s\t%s\n' "$(du -h "$f" | cut -f1)" "${f#"$root"/}"
	done
}

case "$what" in
linux)
	validate_metadata
	clear_old 'tierdesk-*-linux-amd64.tar.xz' 'tierdesk_*.deb' 'tierdesk-*.rpm'
	build_linux
	check_linked_deps
	tarball
	nfpm_package deb
	nfpm_package rpm
	sums
	;;
deb)
	build_linux
	check_linked_deps
	nfpm_package deb
	;;
windows)
	clear_old 'tierdesk-*-windows-amd64.exe'
	windows
	sums
	;;
esac
report "${made[@]}"
