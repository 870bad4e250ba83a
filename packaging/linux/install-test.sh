#!/usr/bin/env bash
# install-test.sh — the .deb, installed and used the way a person would:
#
#   1. build it (packaging/package.sh deb: the stripped -trimpath binary and
#      nfpm; no Windows toolchain) into a temporary folder;
#   2. dpkg -i it (apt-get install -f if dependencies are missing), then
#      dpkg -i it again: reinstalling over an installed tierdesk must work;
#   3. from the installed path: /usr/bin/tierdesk --version, and the demo
#      workspace headless (tickets --limit 3);
#   4. the desktop entry (desktop-file-validate), the AppStream metainfo
#      (appstreamcli validate --no-net), the icons in /usr/share/icons/hicolor;
#   5. the installed app opens its window in a private X session
#      (packaging/test-session.sh) with the WM_CLASS the desktop entry names;
#   6. dpkg -r and dpkg -P, then every file the package had installed is gone.
#
# It needs root for dpkg (CI runs as root; elsewhere `sudo -n` must work) and
# fails, never skips, when anything is missing. It replaces a tierdesk
# package that is already installed and removes it at the end. If it fails
# half-way it still purges what it installed, unless
# TIERDESK_KEEP_INSTALLED=1 (to look at the installed files).
set -euo pipefail
shopt -s inherit_errexit

me=install-test.sh
fail() {
	echo "$me: FAIL: $*" >&2
	exit 1
}
step() { echo "$me: $*" >&2; }

app_id=io.github.tierdesk.Tierdesk
desktop=/usr/share/applications/$app_id.desktop
metainfo=/usr/share/metainfo/$app_id.metainfo.xml
icon_sizes=(16x16 32x32 48x48 64x64 128x128 256x256 512x512)

# --gui: step 5, run by test-session.sh inside the private session.
if [[ ${1:-} == --gui ]]; then
	[[ -n ${DISPLAY:-} ]] || fail "--gui needs the X display test-session.sh provides"
	data=$(mktemp -d)
	log=$data.log
	cd /
	/usr/bin/tierdesk --demo --data-dir "$data" >"$log" 2>&1 &
	pid=$!
	# The app must end on SIGTERM (main.go gives the toolkit 5 s, then
	# exits); one that does not is killed so the test fails instead of hanging.
	stop_app() {
		local status=$?
		kill "$pid" 2>/dev/null || true
		for ((j = 0; j < 150; j++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			kill -9 "$pid" 2>/dev/null || true
			echo "install-test.sh: FAIL: /usr/bin/tierdesk ignored SIGTERM for 15 s" >&2
			status=1
		fi
		wait "$pid" 2>/dev/null || true
		rm -rf "$data" "$log"
		exit "$status"
	}
	trap stop_app EXIT
	win=""
	for ((i = 0; i < 300; i++)); do
		kill -0 "$pid" 2>/dev/null || {
			cat "$log" >&2
			fail "/usr/bin/tierdesk exited before showing a window (output above)"
		}
		win=$(xdotool search --all --onlyvisible --pid "$pid" --name '^Tierdesk$' 2>/dev/null | awk 'NR == 1') || true
		[[ -n $win ]] && break
		sleep 0.1
	done
	[[ -n $win ]] || {
		cat "$log" >&2
		fail "no visible window named Tierdesk within 30 s (app output above)"
	}
	# GLFW names the X11 class after the window title; the desktop entry's
	# StartupWMClass must match it for docks to group the window.
	class=$(xprop -id "$win" WM_CLASS) || fail "xprop WM_CLASS failed"
	want=$(sed -n 's/^StartupWMClass=//p' "$desktop")
	[[ $class == *"\"$want\""* ]] || fail "the window's $class does not name StartupWMClass=$want"
	sleep 2
	kill -0 "$pid" 2>/dev/null || {
		cat "$log" >&2
		fail "/usr/bin/tierdesk died after opening its window (output above)"
	}
	step "ok: the installed app opened its window ($class) and kept running"
	exit 0
fi

[[ $# -eq 0 ]] || fail "usage: $0"
cd "$(dirname "$0")/../.."
root=$PWD
t_start=$SECONDS

for tool in dpkg dpkg-deb dpkg-query flock desktop-file-validate appstreamcli xdotool xprop; do
	command -v "$tool" >/dev/null 2>&1 || fail "'$tool' not found; run packaging/deps.sh test"
done

as_root=()
if [[ $(id -u) -ne 0 ]]; then
	sudo -n true 2>/dev/null || fail "dpkg needs root: run as root, or with passwordless sudo"
	as_root=(sudo -n)
fi

app_version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml | awk 'NR == 1')
[[ -n $app_version ]] || fail "no Version in FyneApp.toml"

out=$(mktemp -d "${TMPDIR:-/tmp}/tierdesk-install-test.XXXXXX")
installed_by_us=""
cleanup() {
	local status=$?
	local now
	now=$(dpkg-query -W -f='${db:Status-Status}' tierdesk 2>/dev/null || echo not-installed)
	if [[ -n $installed_by_us && ${TIERDESK_KEEP_INSTALLED:-} != 1 && $now != not-installed ]]; then
		echo "$me: purging the tierdesk package this test installed" >&2
		"${as_root[@]}" dpkg -P tierdesk >/dev/null 2>&1 || true
	fi
	rm -rf "$out"
	exit "$status"
}
trap cleanup EXIT

step "building the .deb"
packaging/package.sh deb "$out" >/dev/null
debs=("$out"/*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || fail "package.sh deb made no single .deb in $out"
deb=${debs[0]}
deb_version=$(dpkg-deb -f "$deb" Version)
[[ $(dpkg-deb -f "$deb" Package) == tierdesk ]] || fail "$deb is not the tierdesk package"
step "built $(basename "$deb") ($(du -h "$deb" | cut -f1)): Depends: $(dpkg-deb -f "$deb" Depends)"

# What the package must hold, checked in the archive and again on disk.
expected=(/usr/bin/tierdesk "$desktop" "$metainfo" "/usr/share/icons/hicolor/scalable/apps/$app_id.svg")
for size in "${icon_sizes[@]}"; do
	expected+=("/usr/share/icons/hicolor/$size/apps/$app_id.png")
done
listing=$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\.||')
for f in "${expected[@]}"; do
	grep -qx "$f" <<<"$listing" || fail "$deb does not contain $f"
done

# One install test at a time on a machine: two would fight over dpkg's lock
# and remove the package from under each other.
lock=/run/lock/tierdesk-install-test.lock
[[ -d /run/lock ]] || lock=/tmp/tierdesk-install-test.lock
exec 9>>"$lock"
if ! flock -n 9; then
	step "waiting for another install test to finish ($lock)"
	flock -w 900 9 || fail "another install test held $lock for 15 minutes"
fi

before=$(dpkg-query -W -f='${db:Status-Status} ${Version}' tierdesk 2>/dev/null || true)
if [[ $before == installed* ]]; then
	step "note: tierdesk ${before#installed } is installed already; this test replaces it and removes it at the end"
fi

step "dpkg -i"
installed_by_us=1
if ! "${as_root[@]}" dpkg -i "$deb"; then
	step "dpkg -i left dependencies unmet; apt-get install -f"
	"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
	"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -f -y -q --no-install-recommends
fi
status=$(dpkg-query -W -f='${db:Status-Status} ${Version}' tierdesk)
[[ $status == "installed $deb_version" ]] || fail "after dpkg -i, dpkg says: $status (want installed $deb_version)"

step "dpkg -i again (reinstall over the installed package)"
"${as_root[@]}" dpkg -i "$deb" || fail "reinstalling with dpkg -i failed"
status=$(dpkg-query -W -f='${db:Status-Status} ${Version}' tierdesk)
[[ $status == "installed $deb_version" ]] || fail "after the reinstall, dpkg says: $status"

# Every regular file and link the package installed, for the removal check.
mapfile -t owned < <(dpkg -L tierdesk | while IFS= read -r f; do
	if [[ -f $f || -L $f ]]; then echo "$f"; fi
done)
[[ ${#owned[@]} -ge ${#expected[@]} ]] || fail "dpkg -L lists ${#owned[@]} files, expected at least ${#expected[@]}"
for f in "${expected[@]}"; do
	[[ -f $f ]] || fail "$f is not installed"
done
[[ -x /usr/bin/tierdesk ]] || fail "/usr/bin/tierdesk is not executable"

step "running the installed binary"
cd /
[[ $(command -v tierdesk) == /usr/bin/tierdesk ]] || fail "tierdesk on PATH is $(command -v tierdesk), not /usr/bin/tierdesk"
v=$(/usr/bin/tierdesk --version) || fail "/usr/bin/tierdesk --version exited $?"
[[ $v == "tierdesk $app_version" ]] || fail "/usr/bin/tierdesk --version says \"$v\", want \"tierdesk $app_version\""
data=$(mktemp -d "$out/data.XXXXXX")
tickets=$(/usr/bin/tierdesk --demo --data-dir "$data" tickets --limit 3) ||
	fail "/usr/bin/tierdesk --demo --data-dir $data tickets --limit 3 exited non-zero"
printf '%s\n' "$tickets" >&2
[[ $(head -n 1 <<<"$tickets") == REF* ]] || fail "tickets printed no header line"
n=$(grep -c '^#[0-9]' <<<"$tickets" || true)
[[ $n -eq 3 ]] || fail "tickets --limit 3 printed $n tickets"
cd "$root"

step "checking the desktop entry, the metainfo and the icons"
desktop-file-validate "$desktop" || fail "desktop-file-validate rejected $desktop"
exec_cmd=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | awk 'NR == 1')
[[ $(command -v "$exec_cmd") == /usr/bin/tierdesk ]] || fail "the desktop entry runs $exec_cmd, which is not /usr/bin/tierdesk"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[[ $icon == "$app_id" ]] || fail "the desktop entry's Icon=$icon is not $app_id"
appstreamcli validate --no-net "$metainfo" >&2 || fail "appstreamcli rejected $metainfo"
for size in "${icon_sizes[@]}"; do
	f=/usr/share/icons/hicolor/$size/apps/$icon.png
	px=${size%x*}
	# A PNG's width and height are big-endian at bytes 16..23 of the file.
	dims=$(od -An -tu1 -j16 -N8 "$f" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')
	[[ $dims == "${px}x${px}" ]] || fail "$f is $dims, not $size"
done

step "opening the installed app in a private X session"
packaging/test-session.sh "$root/packaging/linux/install-test.sh" --gui || fail "the GUI check failed"

step "dpkg -r (and -P)"
"${as_root[@]}" dpkg -r tierdesk
for f in "${owned[@]}"; do
	[[ ! -e $f && ! -L $f ]] || fail "$f is still there after dpkg -r"
done
# -r leaves a package without conffiles "not-installed" already; -P would
# only warn then.
if [[ $(dpkg-query -W -f='${db:Status-Status}' tierdesk 2>/dev/null) == config-files ]]; then
	"${as_root[@]}" dpkg -P tierdesk
fi
status=$(dpkg-query -W -f='${db:Status-Status}' tierdesk 2>/dev/null || echo not-installed)
[[ $status == not-installed ]] || fail "after dpkg -P, dpkg says tierdesk is $status"
left=$(find /usr/share/icons/hicolor /usr/share/applications /usr/share/metainfo -name "$app_id.*" 2>/dev/null)
[[ -z $left ]] || fail "left behind after purge: $left"
installed_by_us=""

step "ok: $(basename "$deb") installs, reinstalls, runs from /usr/bin, validates, opens its window and removes cleanly ($((SECONDS - t_start)) s)"
