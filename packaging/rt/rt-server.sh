#!/usr/bin/env bash
# rt-server.sh start|stop|status|token USER|env — a private Request Tracker 5
# (Debian's request-tracker5, REST2 at /REST/2.0/) for Tierdesk's live tests
# and for trying the app against a real helpdesk.
#
#   start       install the Debian packages if missing, create the SQLite
#               database and seed it (once per RT_HOME), start rt-server on
#               127.0.0.1 and wait until REST2 answers. Idempotent: a running
#               server is left alone.
#   stop        stop the server and its workers (the whole process group).
#   status      exit 0 if REST2 answers, 1 otherwise (prints one line).
#   token USER  print a REST2 auth token for USER, created once and cached.
#   env         print shell exports for tests: eval "$(rt-server.sh env)".
#
# Knobs (defaults in brackets):
#   RT_HOME   [${TMPDIR:-/tmp}/tierdesk-rt/default] all state: config, SQLite
#             database, caches, logs, outgoing mail (an mbox; nothing is sent)
#   RT_PORT   [a free port, chosen once per RT_HOME and remembered]
#   RT_ROOT_PASSWORD [tierdesk-root]  RT_AGENT_PASSWORD [tierdesk-agent]
#   RT_WORKERS [2]  RT_WAIT [120 s]  RT_BCRYPT_COST [4]
#   RT_WATCH_PID [unset] stop the server when this process exits (for test
#             harnesses that may die before they can run `stop`)
#
# Seed (see seed.pl): queues L1 L2 L3 beside RT's General; global ticket
# custom fields "Tier" (Select L1/L2/L3) and "Tierdesk Ref" (Freeform, the
# client reference of a create); privileged agents agent1, agent2 (L1),
# engineer2 (L2), engineer3 (L3); the unprivileged requester1; and the
# rights agents need, granted to the Privileged group.
#
# Two measured choices keep it light: BcryptCost 4 (RT's 12 costs ~0.4 s of
# CPU on every password or token request) and 2 workers (~650 MB, against
# 2.4 GB for RT's 10).
set -euo pipefail

me=$(basename "$0")
here=$(cd "$(dirname "$0")" && pwd)

RT_HOME=${RT_HOME:-${TMPDIR:-/tmp}/tierdesk-rt/default}
RT_ROOT_PASSWORD=${RT_ROOT_PASSWORD:-tierdesk-root}
RT_AGENT_PASSWORD=${RT_AGENT_PASSWORD:-tierdesk-agent}
RT_WORKERS=${RT_WORKERS:-2}
RT_WAIT=${RT_WAIT:-120}
RT_BCRYPT_COST=${RT_BCRYPT_COST:-4}

RT_LIB=/usr/share/request-tracker5/lib
RT_SERVER=/usr/share/request-tracker5/libexec/rt-server
PACKAGES=(request-tracker5 rt5-db-sqlite msmtp-mta dbconfig-no-thanks curl)

VAR="$RT_HOME/var"
PIDFILE="$VAR/rt-server.pid"
LOGFILE="$VAR/rt-server.log"
PORTFILE="$RT_HOME/port"
export RT_SITE_CONFIG="$RT_HOME/etc/RT_SiteConfig.pm"
# Replaces /etc/request-tracker5/RT_SiteConfig.d, so the system's own site
# configuration (database credentials, mail) never leaks into ours.
export RT_SITE_CONFIG_DIR="$RT_HOME/etc/RT_SiteConfig.d"

log() { echo "$me: $*" >&2; }
die() {
	log "$*"
	exit 1
}

T0=$(date +%s.%N)
elapsed() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }

installed() {
	[[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

missing_pkgs() {
	local p
	if ! command -v dpkg-query >/dev/null 2>&1; then
		echo "${PACKAGES[@]}"
		return
	fi
	for p in "${PACKAGES[@]}"; do installed "$p" || echo "$p"; done
}

install_pkgs() {
	local missing=()
	mapfile -t missing < <(missing_pkgs)
	[[ ${#missing[@]} -eq 0 ]] && return 0
	# Test packages run in parallel, each may start its own RT: one installs
	# while the others wait, then find everything there.
	local lockdir="${TMPDIR:-/tmp}/tierdesk-rt"
	mkdir -p "$lockdir"
	if command -v flock >/dev/null 2>&1; then
		exec 9>"$lockdir/.install.lock"
		flock 9
		mapfile -t missing < <(missing_pkgs)
		if [[ ${#missing[@]} -eq 0 ]]; then
			exec 9>&-
			return 0
		fi
	fi
	command -v apt-get >/dev/null 2>&1 ||
		die "no apt-get here; install the Debian packages ${missing[*]} by hand"
	local sudo=()
	if [[ $(id -u) -ne 0 ]]; then
		command -v sudo >/dev/null 2>&1 || die "not root and no sudo; as root run: apt-get install ${missing[*]}"
		sudo=(sudo)
	fi
	log "installing ${missing[*]} (about a minute the first time)"
	# Keep dbconfig-common from creating a database of its own and the
	# package from installing cron jobs: this server's database is ours.
	"${sudo[@]}" debconf-set-selections <<-'EOF'
		request-tracker5 request-tracker5/dbconfig-install boolean false
		request-tracker5 request-tracker5/install-cronjobs boolean false
	EOF
	local aptlog="$RT_HOME/apt-install.log"
	# msmtp-mta satisfies RT's "default-mta | mail-transport-agent" without
	# pulling in exim4, an SMTP daemon nobody here wants.
	if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q -o DPkg::Lock::Timeout=300 &&
		"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			-o DPkg::Lock::Timeout=300 --no-install-recommends "${missing[@]}"; } >"$aptlog" 2>&1; then
		tail -30 "$aptlog" >&2
		die "installing ${missing[*]} failed (log: $aptlog)"
	fi
	# Release the lock now: the server started later must not inherit it.
	exec 9>&-
	log "packages installed ($(elapsed))"
}

# port_free PORT: nothing listens on 127.0.0.1:PORT. Bash's /dev/tcp needs
# no tool at all: a refused connection means the port is free.
port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pick_port prints a free loopback port. The kernel chooses when perl (which
# RT itself needs) can ask it; otherwise random ports are probed.
pick_port() {
	local p _
	p=$(perl -MIO::Socket::INET -e \
		'my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Listen => 1) or exit 1;
		 print $s->sockport' 2>/dev/null) && [[ -n "$p" ]] && port_free "$p" && {
		echo "$p"
		return
	}
	for _ in $(seq 1 50); do
		p=$((20000 + RANDOM % 40000))
		port_free "$p" && {
			echo "$p"
			return
		}
	done
	die "found no free port on 127.0.0.1"
}

# choose_port sets RT_PORT: the caller's, else the one this RT_HOME used
# before (so RT_URL stays stable across restarts), else a fresh free one.
choose_port() {
	if [[ -n "${RT_PORT:-}" ]]; then
		FIXED_PORT=1
		# Fail before the slow steps, not after them.
		is_running || port_free "$RT_PORT" || die "port $RT_PORT is taken by another process"
	elif [[ -s "$PORTFILE" ]] && { is_running || port_free "$(cat "$PORTFILE")"; }; then
		RT_PORT=$(cat "$PORTFILE")
	else
		RT_PORT=$(pick_port)
	fi
	echo "$RT_PORT" >"$PORTFILE"
}

base_url() { echo "http://127.0.0.1:$RT_PORT"; }

write_config() {
	mkdir -p "$RT_SITE_CONFIG_DIR" "$VAR/mason_data" "$VAR/session_data"
	cat >"$RT_SITE_CONFIG.tmp" <<-EOF
		# generated by $me; rewritten on every start
		Set(\$rtname, 'tierdesk-test');
		Set(\$Organization, 'tierdesk.test');
		Set(\$CorrespondAddress, 'rt@tierdesk.test');
		Set(\$CommentAddress, 'rt-comment@tierdesk.test');
		Set(\$DatabaseType, 'SQLite');
		Set(\$DatabaseName, '$VAR/rt5.db');
		Set(\$WebDomain, '127.0.0.1');
		Set(\$WebPort, $RT_PORT);
		Set(\$WebPath, '');
		Set(\$WebBaseURL, '$(base_url)');
		Set(\$Timezone, 'UTC');
		Set(\$LogToSyslog, undef);
		Set(\$LogToFile, undef);
		Set(\$LogToSTDERR, 'warning');
		Set(\$MailCommand, 'mbox');
		Set(\$BcryptCost, $RT_BCRYPT_COST);
		\$RT::VarPath         = '$VAR';
		\$RT::MasonDataDir    = '$VAR/mason_data';
		\$RT::MasonSessionDir = '$VAR/session_data';
		1;
	EOF
	mv "$RT_SITE_CONFIG.tmp" "$RT_SITE_CONFIG"
}

init_db() {
	[[ -f "$VAR/.db-initialized" ]] && return 0
	rm -f "$VAR/rt5.db"
	local pw="$RT_HOME/etc/root-password"
	(
		umask 077
		printf '%s\n' "$RT_ROOT_PASSWORD" >"$pw"
	)
	/usr/sbin/rt-setup-database-5 --action init --skip-create --root-password-file "$pw" \
		>"$VAR/setup-database.log" 2>&1 || {
		tail -30 "$VAR/setup-database.log" >&2
		die "initialising the database failed (log: $VAR/setup-database.log)"
	}
	touch "$VAR/.db-initialized"
	log "database initialised ($(elapsed))"
}

# seed runs before the server starts, through RT's Perl API: REST2 has no
# endpoint for rights, and one Perl process is faster than dozens of requests.
seed() {
	[[ -f "$VAR/.seeded" ]] && return 0
	RT_AGENT_PASSWORD="$RT_AGENT_PASSWORD" perl -I"$RT_LIB" "$here/seed.pl" >"$VAR/seed.log" 2>&1 || {
		tail -30 "$VAR/seed.log" >&2
		die "seeding failed (log: $VAR/seed.log)"
	}
	touch "$VAR/.seeded"
	log "seeded queues, custom fields, users and rights ($(elapsed))"
}

is_running() { [[ -s "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

rest_ok() {
	[[ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' -u "root:$RT_ROOT_PASSWORD" \
		"$(base_url)/REST/2.0/rt")" == 200 ]]
}

launch() {
	log "starting rt-server on $(base_url)"
	# setsid: the server and its forked workers form one process group, so
	# stop can end them all; bash records its own pid and then becomes perl.
	# Every descriptor is redirected, so a caller reading this script's
	# output (a test harness) is not kept waiting by the server.
	(
		cd "$RT_HOME" || exit 1
		# shellcheck disable=SC2016 # expanded by the inner bash, on purpose
		exec setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PIDFILE" \
			/usr/bin/perl "$RT_SERVER" --server Starlet --host 127.0.0.1 --port "$RT_PORT" \
			--max-workers="$RT_WORKERS"
	) </dev/null >>"$LOGFILE" 2>&1 &
	local _
	for _ in $(seq 1 40); do
		[[ -s "$PIDFILE" ]] && break
		sleep 0.05
	done
}

# wait_rest waits for REST2; returns 2 if the server died on a taken port
# (another process won the race for it), fails loudly on anything else.
wait_rest() {
	local deadline=$(($(date +%s) + RT_WAIT))
	until rest_ok; do
		if ! is_running; then
			if grep -qi 'address already in use' "$LOGFILE" 2>/dev/null; then return 2; fi
			log "rt-server exited; log tail ($LOGFILE):"
			tail -30 "$LOGFILE" >&2
			exit 1
		fi
		if (($(date +%s) >= deadline)); then
			log "REST2 did not answer within ${RT_WAIT} s; log tail ($LOGFILE):"
			tail -30 "$LOGFILE" >&2
			stop_server
			exit 1
		fi
		sleep 0.25
	done
}

start_server() {
	if is_running; then
		wait_rest || die "the running server does not answer"
		log "already running at $(base_url) (pid $(cat "$PIDFILE"))"
		return
	fi
	local rc _
	for _ in 1 2 3; do
		if ! port_free "$RT_PORT"; then
			[[ -n "${FIXED_PORT:-}" ]] && die "port $RT_PORT is taken by another process"
			RT_PORT=$(pick_port)
			echo "$RT_PORT" >"$PORTFILE"
		fi
		write_config
		: >"$LOGFILE"
		launch
		rc=0
		wait_rest || rc=$?
		[[ $rc -eq 0 ]] && {
			log "REST2 answering at $(base_url)/REST/2.0/ (pid $(cat "$PIDFILE"), $(elapsed))"
			return
		}
		[[ -n "${FIXED_PORT:-}" ]] && {
			tail -30 "$LOGFILE" >&2
			die "port $RT_PORT is taken by another process"
		}
		log "port $RT_PORT was taken meanwhile; trying another"
		RT_PORT=$(pick_port)
		echo "$RT_PORT" >"$PORTFILE"
	done
	die "could not find a port to start on"
}

stop_server() {
	if ! is_running; then
		rm -f "$PIDFILE"
		log "not running"
		return
	fi
	local pid _
	pid=$(cat "$PIDFILE")
	# The negative pid is the process group made by setsid: master and workers.
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
	for _ in $(seq 1 40); do
		kill -0 -- "-$pid" 2>/dev/null || break
		sleep 0.25
	done
	kill -KILL -- "-$pid" 2>/dev/null || true
	rm -f "$PIDFILE"
	log "stopped (pid $pid and its workers)"
}

# watch PID: stop the server once process PID is gone, so a test run that
# crashes or is killed before its own cleanup leaves no RT behind.
watch() {
	local parent=$1
	[[ "$parent" =~ ^[0-9]+$ ]] || die "RT_WATCH_PID must be a process id, not '$parent'"
	(
		while kill -0 "$parent" 2>/dev/null && is_running; do sleep 2; done
		if is_running; then
			log "process $parent is gone; stopping"
			stop_server
		fi
	) </dev/null >>"$LOGFILE" 2>&1 &
}

# token USER: a REST2 auth token, made once through the Perl API (REST2
# cannot create one for another user) and cached beside the database.
token() {
	local user=${1:-root} f
	[[ "$user" =~ ^[A-Za-z0-9._@-]+$ ]] || die "bad user name '$user'"
	f="$VAR/tokens/$user"
	if [[ ! -s "$f" ]]; then
		mkdir -p "$VAR/tokens"
		chmod 700 "$VAR/tokens"
		TOKEN_USER="$user" perl -I"$RT_LIB" -e '
			use strict; use warnings;
			use RT; RT::LoadConfig(); RT::Init();
			my $u = RT::User->new(RT->SystemUser);
			$u->Load($ENV{TOKEN_USER}) or die "no such user: $ENV{TOKEN_USER}\n";
			my ($id, $msg, $auth) = RT::AuthToken->new(RT::CurrentUser->new($u))
				->Create(Owner => $u->id, Description => "tierdesk rt-server.sh");
			$id or die "token for $ENV{TOKEN_USER}: $msg\n";
			print "$auth\n";' >"$f.tmp" 2>"$VAR/token.err" || {
			cat "$VAR/token.err" >&2
			rm -f "$f.tmp"
			die "could not create a token for $user"
		}
		mv "$f.tmp" "$f"
	fi
	cat "$f"
}

print_env() {
	local q
	printf 'export RT_HOME=%q\n' "$RT_HOME"
	printf 'export RT_PORT=%q\n' "$RT_PORT"
	printf 'export RT_URL=%q\n' "$(base_url)"
	printf 'export RT_ROOT_PASSWORD=%q\n' "$RT_ROOT_PASSWORD"
	printf 'export RT_AGENT_PASSWORD=%q\n' "$RT_AGENT_PASSWORD"
	q=$(printf '%q' "$here/$me")
	printf 'export RT_SERVER_SCRIPT=%s\n' "$q"
}

needs_rt() {
	[[ -x "$RT_SERVER" ]] || die "Request Tracker is not installed; run: $me start"
	[[ -s "$PORTFILE" ]] || die "no server was ever started in $RT_HOME; run: $me start"
	RT_PORT=${RT_PORT:-$(cat "$PORTFILE")}
}

cmd=${1:-}
case "$cmd" in
start)
	mkdir -p "$VAR"
	install_pkgs
	choose_port
	write_config
	init_db
	seed
	start_server
	if [[ -n "${RT_WATCH_PID:-}" ]]; then watch "$RT_WATCH_PID"; fi
	;;
stop)
	[[ -d "$VAR" ]] || {
		log "nothing in $RT_HOME"
		exit 0
	}
	stop_server
	;;
status)
	needs_rt
	if is_running && rest_ok; then
		echo "running at $(base_url) (pid $(cat "$PIDFILE"))"
	else
		echo "not running"
		exit 1
	fi
	;;
token)
	needs_rt
	token "${2:-root}"
	;;
env)
	needs_rt
	print_env
	;;
*)
	echo "usage: $me start|stop|status|token USER|env" >&2
	exit 2
	;;
esac
