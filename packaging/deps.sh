#!/usr/bin/env bash
# deps.sh run|test|package|windows — install the Debian/Ubuntu packages
# Tierdesk needs that are still missing.
#
#   run   what `go build` / `go run` need: a C compiler and the X11, GL,
#         Wayland and xkbcommon headers GLFW is compiled against (GLFW 3.4
#         builds X11 and Wayland together, so both sets are required).
#   test  the run set plus a real desktop session for the tests: Xvfb,
#         xdotool and ImageMagick for the window test and its screenshots,
#         D-Bus with gnome-keyring for the Secret Service, dunst for desktop
#         notifications, and a font so rendered text is not empty; and for
#         the install test (packaging/linux/install-test.sh) the desktop
#         entry and AppStream validators and xprop.
#   package the run set plus what `make package` uses for the Linux
#         packages: the validators, xz for fyne's tarball, readelf.
#   windows the mingw-w64 cross compiler for `make package-windows`.
#
# It asks dpkg first and does nothing when everything is present, so calling
# it on every `make run` / `make test` costs a fraction of a second.
set -euo pipefail

run_pkgs=(
	gcc libc6-dev pkg-config
	libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev
	libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev
)
test_pkgs=(
	"${run_pkgs[@]}"
	xvfb xauth xdotool imagemagick
	dbus dbus-x11 gnome-keyring libsecret-tools
	dunst libnotify-bin
	fonts-dejavu-core
	desktop-file-utils appstream x11-utils binutils
)
package_pkgs=(
	"${run_pkgs[@]}"
	desktop-file-utils appstream xz-utils binutils
)
windows_pkgs=(
	gcc-mingw-w64-x86-64-win32
)

usage() {
	echo "usage: $0 run|test|package|windows" >&2
	exit 2
}

[[ $# -eq 1 ]] || usage
case "$1" in
run) wanted=("${run_pkgs[@]}") ;;
test) wanted=("${test_pkgs[@]}") ;;
package) wanted=("${package_pkgs[@]}") ;;
windows) wanted=("${windows_pkgs[@]}") ;;
*) usage ;;
esac

# installed reports whether dpkg knows the package as fully installed; a
# package that was removed but left config files behind does not count.
installed() {
	[[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
	for pkg in "${wanted[@]}"; do
		installed "$pkg" || missing+=("$pkg")
	done
else
	missing=("${wanted[@]}")
fi

[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	{
		echo "deps.sh: this system has no apt-get; install these packages (Debian names) by hand:"
		printf '  %s\n' "${missing[@]}"
	} >&2
	exit 1
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "deps.sh: not root and no sudo; as root run: apt-get install ${missing[*]}" >&2
		exit 1
	fi
	sudo=(sudo)
fi

echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# The package lists may be absent or stale on a fresh machine; refresh them
# only now that an install is really needed.
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
