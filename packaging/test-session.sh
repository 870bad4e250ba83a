#!/usr/bin/env bash
# test-session.sh CMD [ARG...] — run CMD inside a private, throwaway desktop
# session, so tests exercise the real thing a person's desktop provides:
#
#   - an X server (Xvfb, 1280x800x24) on a free display number, for real
#     Fyne/GLFW windows and screenshots;
#   - a private D-Bus session bus (dbus-run-session), so nothing talks to, or
#     auto-launches daemons into, the caller's own session;
#   - gnome-keyring, unlocked with a throwaway password, as the Secret Service
#     (go-keyring);
#   - dunst as the notification server (beeep), so sent notifications can be
#     read back: `dunstctl count` at once, or `dunstctl close-all` and then
#     `dunstctl history` (dunst files a notification there once it closes).
#
# XDG_DATA_HOME, XDG_CONFIG_HOME and XDG_RUNTIME_DIR point into a temporary
# directory, so the keyring and any app data are fresh and vanish afterwards.
# HOME is left alone on purpose: changing it would move the Go build and
# module caches and turn every run into a cold cgo build.
#
# CMD sees DISPLAY, DBUS_SESSION_BUS_ADDRESS and TIERDESK_TEST_SESSION=1 (so a
# test can insist on running in this session rather than skip silently).
# The exit status is CMD's. If any part of the session cannot be started the
# script says so on stderr and exits non-zero without running CMD. Everything
# it started is stopped when it exits, including whatever CMD left running
# (CMD gets a process group of its own). On INT/TERM/HUP it passes TERM on to
# CMD, waits for it, and then cleans up the same way.
set -euo pipefail

me=$(basename "$0")

die() {
	echo "$me: $*" >&2
	exit 1
}

need() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 ||
			die "'$tool' not found; run packaging/deps.sh test"
	done
}

# bus_has_owner NAME: whether some connection owns NAME on the session bus.
# Asking the bus itself, rather than the service (dunstctl, secret-tool),
# cannot D-Bus-activate a second copy of the service.
bus_has_owner() {
	dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus \
		/org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null |
		grep -q true
}

# bus_owner_pid NAME: the process id of the connection owning NAME.
bus_owner_pid() {
	dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus \
		/org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID "string:$1" 2>/dev/null |
		awk '{print $2}'
}

# wait_for_bus_name NAME SECONDS [PID]: poll until NAME has an owner; give up
# early if PID (the process expected to take the name) has died.
wait_for_bus_name() {
	local name=$1 tries=$(($2 * 10)) pid=${3:-}
	while ((tries-- > 0)); do
		bus_has_owner "$name" && return 0
		if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
			return 1
		fi
		sleep 0.1
	done
	return 1
}

# stop PID...: terminate processes we started, escalating to KILL for any
# that ignore TERM, so a wedged daemon never outlives the session.
# shellcheck disable=SC2317 # reached only from the EXIT trap
stop() {
	local pid i alive
	for pid in "$@"; do
		if [[ -n $pid ]]; then kill -TERM "$pid" 2>/dev/null || true; fi
	done
	for ((i = 0; i < 30; i++)); do
		alive=0
		for pid in "$@"; do
			if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then alive=1; fi
		done
		if ((!alive)); then return 0; fi
		sleep 0.1
	done
	for pid in "$@"; do
		if [[ -n $pid ]]; then kill -KILL "$pid" 2>/dev/null || true; fi
	done
}

# What this process started; cleanup stops it. Each is empty until started,
# and the inner and outer halves each fill only their own.
session_dir=""
xvfb_pid=""
keyring_pid=""
dunst_pid=""
# The foreground child (outer: dbus-run-session; inner: CMD), run in the
# background and waited for so that a signal reaches our trap at once
# instead of after the child has finished.
child_pid=""
# Inner half only: CMD runs in its own process group (setsid), so that
# signalling and cleanup reach everything CMD started too, such as the test
# binaries under `go test` or an app a test launched.
child_is_group=""
# Outer half only: the file where the inner half leaves its pid, for
# on_signal.
inner_pid_file=""

# shellcheck disable=SC2317 # reached only from the EXIT trap
cleanup() {
	if [[ -n $child_is_group && -n $child_pid ]]; then
		kill -TERM -- "-$child_pid" 2>/dev/null || true
	fi
	stop "$dunst_pid" "$keyring_pid" "$xvfb_pid"
	if [[ -n $session_dir ]]; then rm -rf "$session_dir"; fi
}

# on_signal STATUS: pass TERM down to whoever runs CMD and let the wait in
# run_child pick up its exit; before there is a child, just exit. Children
# started in the background ignore SIGINT, so TERM is what reaches them.
# shellcheck disable=SC2317 # reached only from the signal traps
on_signal() {
	if [[ -z $child_pid ]]; then exit "$1"; fi
	local target=$child_pid
	if [[ -n $inner_pid_file && -s $inner_pid_file ]]; then
		target=$(<"$inner_pid_file")
	fi
	if [[ -n $child_is_group ]]; then target=-$target; fi
	kill -TERM -- "$target" 2>/dev/null || true
}

# run_child CMD...: run CMD with our stdin, wait for it even across trapped
# signals, and return its exit status.
run_child() {
	"$@" <&0 &
	child_pid=$!
	# wait returns early (>128) when a trapped signal arrives; keep waiting
	# until the child is really gone, then ask bash for the status it kept.
	while kill -0 "$child_pid" 2>/dev/null; do
		wait "$child_pid" || true
	done
	wait "$child_pid"
}

# inner runs inside dbus-run-session: it starts the keyring and dunst on the
# private bus, then runs CMD.
inner() {
	# The outer half forwards signals to us, not to dbus-run-session, which
	# would just die and leave us running.
	echo $$ >"$_TIERDESK_SESSION_DIR/inner.pid"

	# A fresh XDG_DATA_HOME has no keyring: --unlock creates the login
	# keyring with this password and leaves it unlocked, so nothing prompts.
	local keyring_env
	keyring_env=$(printf %s tierdesk-test-session |
		gnome-keyring-daemon --unlock --components=secrets) ||
		die "gnome-keyring-daemon failed to start"
	eval "$keyring_env"
	wait_for_bus_name org.freedesktop.secrets 10 ||
		die "gnome-keyring-daemon did not take org.freedesktop.secrets on the session bus"
	# The daemon forks away from us; the bus tells us which process it is.
	keyring_pid=$(bus_owner_pid org.freedesktop.secrets)

	local dunst_log=$_TIERDESK_SESSION_DIR/dunst.log
	dunst >"$dunst_log" 2>&1 &
	dunst_pid=$!
	if ! wait_for_bus_name org.freedesktop.Notifications 10 "$dunst_pid"; then
		echo "$me: dunst did not take org.freedesktop.Notifications; its output:" >&2
		cat "$dunst_log" >&2
		exit 1
	fi

	unset _TIERDESK_SESSION_INNER _TIERDESK_SESSION_DIR
	local status=0
	# An async command of a script is never a process-group leader, so
	# setsid execs CMD in place: $! is CMD and names its new group.
	child_is_group=1
	run_child setsid "$@" || status=$?
	exit "$status"
}

# outer starts Xvfb and the temporary XDG directories, then re-runs this
# script as the inner half under a private session bus.
outer() {
	need Xvfb dbus-run-session dbus-send gnome-keyring-daemon dunst

	session_dir=$(mktemp -d "${TMPDIR:-/tmp}/tierdesk-session.XXXXXX")
	local dir=$session_dir
	mkdir -p "$dir/data" "$dir/config" "$dir/runtime"
	# XDG_RUNTIME_DIR must be private to the user, or clients refuse it.
	chmod 700 "$dir/runtime"

	# -displayfd makes Xvfb pick a free display number itself and write it
	# once the server accepts connections: no guessing, no lock-file races.
	# The file exists before Xvfb starts so polling it cannot race the
	# background redirection.
	: >"$dir/display"
	Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp \
		3>"$dir/display" >"$dir/xvfb.log" 2>&1 &
	xvfb_pid=$!
	local tries=100 display=""
	while ((tries-- > 0)); do
		display=$(tr -d '[:space:]' <"$dir/display")
		if [[ -n $display ]] || ! kill -0 "$xvfb_pid" 2>/dev/null; then break; fi
		sleep 0.1
	done
	if [[ -z $display ]]; then
		echo "$me: Xvfb did not start; its output:" >&2
		cat "$dir/xvfb.log" >&2
		exit 1
	fi

	export DISPLAY=":$display"
	export XDG_DATA_HOME=$dir/data XDG_CONFIG_HOME=$dir/config XDG_RUNTIME_DIR=$dir/runtime
	export TIERDESK_TEST_SESSION=1
	# GLFW prefers Wayland when WAYLAND_DISPLAY is set; the session is X11.
	unset WAYLAND_DISPLAY
	export _TIERDESK_SESSION_INNER=1 _TIERDESK_SESSION_DIR=$dir

	# The private dbus-daemon complains on stderr that it cannot raise its
	# fd limit wherever that is not permitted (containers without
	# CAP_SYS_RESOURCE). It is harmless, but in a test log it reads like a
	# failure, so the daemon is started through a wrapper that drops that
	# one line. exec keeps the daemon's pid the one dbus-run-session stops;
	# the filter closes the --print-address pipe, because dbus-run-session
	# reads the bus address until EOF and would otherwise wait forever.
	cat >"$dir/dbus-daemon" <<-'EOF'
		#!/usr/bin/env bash
		addr_fd=""
		for ((i = 1; i < $#; i++)); do
			if [[ ${!i} == --print-address ]]; then j=$((i + 1)); addr_fd=${!j}; fi
		done
		exec dbus-daemon "$@" 2> >(
			if [[ -n $addr_fd ]]; then eval "exec $addr_fd>&-"; fi
			exec grep -v 'Failed to set fd limit' >&2
		)
	EOF
	chmod +x "$dir/dbus-daemon"

	inner_pid_file=$dir/inner.pid
	local status=0
	run_child dbus-run-session --dbus-daemon="$dir/dbus-daemon" -- "$BASH" "$0" "$@" || status=$?
	exit "$status"
}

if [[ $# -eq 0 ]]; then
	echo "usage: $me CMD [ARG...]" >&2
	exit 2
fi

trap cleanup EXIT
trap 'on_signal 129' HUP
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

if [[ ${_TIERDESK_SESSION_INNER:-} == 1 ]]; then
	inner "$@"
else
	outer "$@"
fi
