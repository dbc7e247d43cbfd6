#!/usr/bin/env bash
# run.sh - sets up, builds and runs kpp on Debian 12 from this checkout.
#
#   ./run.sh demo    the demo on http://127.0.0.1:8080/ (private MariaDB, workers, nginx, a local SMTP server and
#                    kpp-mailer under ./var/), in the foreground until Ctrl-C; the data stays in ./var/ for the next start
#   ./run.sh check   every test: unit tests under ASan+UBSan, the fuzz smoke run, end-to-end and browser
#                    tests, make distcheck; ends with one line "N passed, M failed" and fails if M > 0
#
# Both install what is missing (apt-get, as root or through sudo; npm ci for the test tools) and build
# (autotools, VPATH build in ./build, ./build-asan for the sanitizers). Nothing is started as a system
# service, nothing listens beyond 127.0.0.1, and every process started here is stopped by its pid.
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
SRC=$PWD
VAR=$SRC/var
# The demo data tells the programme as it stood on this day (fcgi-app/programs/demo.c); the demo runs on it.
DEMO_TODAY=2016-09-30
LOG=$VAR/log
NPROC=$(nproc 2>/dev/null || echo 2)
export LC_ALL=C.UTF-8
export PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin	# mariadbd, nginx: not in a plain user's PATH
# KPP_BUILD=DIR runs the demo with the programs in DIR and builds nothing (the tests honour it too).
BUILD=${KPP_BUILD:-$SRC/build}

say() { printf '%s\n' "run.sh: $*"; }
die() { printf '%s\n' "run.sh: $*" >&2; exit 1; }

# --- clean-up: handlers registered here run in reverse order on any exit (also on failure and signals)
CLEANUPS=()
on_exit() {
	local i keys=("${!CLEANUPS[@]}")
	trap - EXIT INT TERM HUP
	[ -n "${DB_PID:-}" ] && say "stopping kpp-mailer, the SMTP server, nginx, the workers and MariaDB"
	for ((i = ${#keys[@]} - 1; i >= 0; i--)); do eval "${CLEANUPS[${keys[i]}]}" || true; done
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"
	elif command -v sudo >/dev/null; then sudo "$@"
	else die "need root for: $* (run as root or install sudo)"; fi
}

# --- packages -------------------------------------------------------------------------------------------
# Debian packages, each checked with dpkg-query. "pkg|command" counts as present when the command exists
# (node, npm and nginx may come from elsewhere, e.g. NodeSource's nodejs, which brings its own npm).
# libclang-rt-14-dev holds libFuzzer and the sanitizer runtimes that clang links the fuzzers with.
# kpp-mailer builds its messages with GMime 3 and sends them with libcurl; python3-aiosmtpd is the local
# SMTP server (a Maildir sink) that the demo and the tests deliver to.
PACKAGES=(
	build-essential autoconf automake libtool pkg-config gettext
	libfcgi-dev libmariadb-dev libxml2-dev libxml2-utils libcunit1-dev libsodium-dev liburiparser-dev
	libinih-dev libxlsxwriter-dev libcsv-dev zlib1g-dev libcurl4-openssl-dev libgmime-3.0-dev
	spawn-fcgi multiwatch "nginx-light|nginx" mariadb-server mariadb-client
	clang libclang-rt-14-dev "nodejs|node" "npm|npm" chromium fonts-liberation default-jre-headless wrk time curl ca-certificates
	python3-aiosmtpd
)

pkg_installed() {
	[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

install_packages() {
	local missing=() p name cmd
	for p in "${PACKAGES[@]}"; do
		name=${p%%|*}
		if [[ $p == *"|"* ]]; then
			cmd=${p#*|}
			command -v "$cmd" >/dev/null 2>&1 && continue
		fi
		pkg_installed "$name" || missing+=("$name")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	say "installing Debian packages: ${missing[*]}"
	# Installing nginx and mariadb-server would start their system services: a policy-rc.d that says 101
	# ("action forbidden") keeps them stopped. Only ours is removed afterwards, also on failure.
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\n# kpp run.sh: no services started during package installation\nexit 101\n' |
			as_root tee /usr/sbin/policy-rc.d >/dev/null
		as_root chmod 755 /usr/sbin/policy-rc.d
		CLEANUPS+=("as_root rm -f /usr/sbin/policy-rc.d")
	fi
	say "(apt-get's output: $LOG/apt.log)"
	logged "$LOG/apt.log" as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
	logged "$LOG/apt.log" as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
	if [ -n "${CLEANUPS[*]:-}" ] && [[ ${CLEANUPS[-1]} == *policy-rc.d* ]]; then
		as_root rm -f /usr/sbin/policy-rc.d
		unset 'CLEANUPS[-1]'
	fi
}

# The test tools from the npm registry (playwright-core drives Debian's /usr/bin/chromium; no browser is
# downloaded; vnu-jar's postinstall would fetch a Java runtime, so scripts are not run: Java is Debian's).
install_node_modules() {
	local stamp=node_modules/.kpp-lock-sha256 want
	want="$(sha256sum package-lock.json | cut -d' ' -f1) node-$(node -p 'process.versions.node.split(".")[0]')"
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
	say "npm ci (test tools: $(node -p 'Object.keys(require("./package.json").devDependencies).join(", ")'))"
	if ! npm ci --ignore-scripts --no-audit --no-fund --loglevel=error 2>"$LOG/npm.log"; then
		# Behind a TLS-intercepting proxy whose CA this machine lacks (a fresh chroot, say), npm cannot
		# verify the registry. Every package in package-lock.json carries its sha512, which npm ci checks
		# whatever the transport, so the content stays pinned; only then is TLS verification let go.
		grep -q -i -E 'certificate|SELF_SIGNED|UNABLE_TO_GET_ISSUER' "$LOG/npm.log" || {
			cat "$LOG/npm.log" >&2
			die "npm ci failed (log: $LOG/npm.log)"
		}
		[ "$(grep -c '"integrity": "sha512-' package-lock.json)" -eq "$(grep -c '"node_modules/' package-lock.json)" ] ||
			die "npm cannot verify the registry's certificate, and package-lock.json lacks a checksum for some package"
		say "npm: the registry's certificate is not trusted here; installing by the lockfile's sha512 checksums"
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error --strict-ssl=false
	fi
	echo "$want" > "$stamp"
}

# --- build ------------------------------------------------------------------------------------------------
# Output goes to var/log/build-*.log; on failure its end is shown.
logged() {
	local log=$1; shift
	if ! "$@" >>"$log" 2>&1; then
		tail -n 60 "$log" >&2
		die "failed: $* (whole log: $log)"
	fi
}

autoreconf_if_needed() {
	local f
	if [ -x configure ]; then
		for f in configure.ac Makefile.am mk/*.am m4/*.m4; do
			[ -e "$f" ] && [ "$f" -nt configure ] && break
			f=
		done
		[ -z "$f" ] && return 0
	fi
	say "autoreconf -fi"
	mkdir -p m4	# AC_CONFIG_MACRO_DIR: git keeps no empty directory
	logged "$LOG/build-autoreconf.log" autoreconf -fi
}

build_dir() {	# build_dir DIR [configure options...]
	local dir=$1 log="$LOG/build-$1.log"; shift
	mkdir -p "$dir"
	: > "$log"
	if [ ! -f "$dir/Makefile" ]; then
		say "configure in $dir/ $*"
		(cd "$dir" && logged "$log" ../configure "$@")
	fi
	say "make in $dir/"
	logged "$log" make -C "$dir" -j"$NPROC"
}

setup() {
	mkdir -p "$LOG"
	install_packages
	build_main
}

build_main() {
	if [ -z "${KPP_BUILD:-}" ]; then
		autoreconf_if_needed
		build_dir build
	fi
	# gettext looks for <locale_dir>/sv/LC_MESSAGES/kpp.mo: the build tree's catalogue, by link.
	mkdir -p "$VAR/locale/sv/LC_MESSAGES"
	ln -sfn "$BUILD/po/sv.mo" "$VAR/locale/sv/LC_MESSAGES/kpp.mo"
	[ -e "$BUILD/po/sv.mo" ] || say "note: $BUILD/po/sv.mo was not built; the interface stays in English"
}

# --- helpers for the services -------------------------------------------------------------------------------
# set_ini KEY=VALUE... < in > out: replaces (or adds) the values of section.key in an INI file, keeping
# everything else, so the private configurations follow conf/kpp.conf.
set_ini() {
	awk -v kvs="$(printf '%s\n' "$@")" '
	BEGIN { n = split(kvs, a, "\n"); for (i = 1; i <= n; i++) { if (a[i] == "") continue
		eq = index(a[i], "="); k = substr(a[i], 1, eq - 1); val[k] = substr(a[i], eq + 1)
		dot = index(k, "."); s = substr(k, 1, dot - 1); order[s] = order[s] " " substr(k, dot + 1) } }
	function flush(   n2, b, j, key) {
		if (sec == "" || !(sec in order)) return
		n2 = split(order[sec], b, " ")
		for (j = 1; j <= n2; j++) { key = sec "." b[j]; if (!(key in done)) { print b[j] " = " val[key]; done[key] = 1 } }
	}
	/^[ \t]*\[/ { flush(); s2 = $0; gsub(/[][ \t]/, "", s2); sec = s2; seen[sec] = 1; print; next }
	/^[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*=/ {
		k2 = $0; sub(/^[ \t]*/, "", k2); sub(/[ \t]*=.*/, "", k2); key = sec "." k2
		if (key in val) { if (!(key in done)) { print k2 " = " val[key]; done[key] = 1 }; next }
	}
	{ print }
	END { flush(); for (s in order) if (!(s in seen)) { print ""; print "[" s "]"; sec = s; flush() } }'
}

# get_ini FILE section.key
get_ini() {
	awk -v want="$2" '
	/^[ \t]*\[/ { s = $0; gsub(/[][ \t]/, "", s); sec = s; next }
	/^[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*=/ { k = $0; sub(/^[ \t]*/, "", k); sub(/[ \t]*=.*/, "", k)
		if (sec "." k == want) { v = $0; sub(/^[^=]*=[ \t]*/, "", v); sub(/[ \t]+$/, "", v); print v; exit } }' "$1"
}

sed_escape() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }

# render_site OUT listen socket static max_body access_log error_log public_dir
render_site() {
	sed -e "s|@LISTEN@|$(sed_escape "$2")|g" -e "s|@SERVER_NAME@|_|g" \
		-e "s|@SOCKET@|$(sed_escape "$3")|g" -e "s|@STATIC_DIR@|$(sed_escape "$4")|g" \
		-e "s|@MAX_BODY@|$(sed_escape "$5")|g" -e "s|@ACCESS_LOG@|$(sed_escape "$6")|g" \
		-e "s|@ERROR_LOG@|$(sed_escape "$7")|g" -e "s|@PUBLIC_DIR@|$(sed_escape "$8")|g" \
		-e "s|@PUBLIC_RATE@|10r/s|g" -e "s|@PUBLIC_BURST@|50|g" \
		-e "s|@LOGIN_RATE@|30r/m|g" -e "s|@LOGIN_BURST@|30|g" conf/nginx-site.conf.in > "$1"
}

# render_nginx PREFIX SITE ERROR_LOG
render_nginx() {
	local user_line=
	[ "$(id -u)" = 0 ] && user_line="user root root;"
	mkdir -p "$1/tmp"
	sed -e "s|@USER_LINE@|$user_line|g" -e "s|@PREFIX@|$(sed_escape "$1")|g" \
		-e "s|@SITE@|$(sed_escape "$2")|g" -e "s|@WORKERS@|1|g" \
		-e "s|@ERROR_LOG@|$(sed_escape "$3")|g" conf/nginx-private.conf.in > "$1/nginx.conf"
}

pid_running() {	# a child that exited stays a zombie until waited for: that counts as gone
	local st
	st=$(sed -e 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
	[ -n "$st" ] && [ "$st" != Z ]
}

stop_pid() {	# stop_pid NAME PID SIGNAL [SECONDS]: signal, wait, SIGKILL (its group) after the time
	local name=$1 pid=$2 sig=$3 secs=${4:-30} i
	[ -n "$pid" ] || return 0
	pid_running "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
	kill -s "$sig" "$pid" 2>/dev/null || true
	for ((i = 0; i < secs * 10; i++)); do
		pid_running "$pid" || break
		sleep 0.1
	done
	if pid_running "$pid"; then
		# each service was started with setsid: its process group holds its own workers too
		say "$name ($pid) did not stop in ${secs}s: SIGKILL"
		kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

random_password() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

ADMIN_USER=$(id -un)	# mariadb-install-db gives the OS user who ran it a unix_socket account
DB_PID=
SMTP_PID=
MAILER_PID=
SUP_PID=
NGINX_PID=

# --- demo -----------------------------------------------------------------------------------------------
demo() {
	local port=8080 sock_dir conf=$VAR/kpp.conf cred=$VAR/migrate.conf app_pw mig_pw mysql_sock kpp_sock i smtp_port
	if port_busy $port; then
		die "port $port is already in use on 127.0.0.1: stop what listens there (ss -ltnp 'sport = :$port') and try again"
	fi
	setup
	# Unix socket paths are limited to 107 bytes: a deep checkout gets its sockets under /tmp instead.
	sock_dir=$VAR/run
	if [ ${#sock_dir} -gt 80 ]; then sock_dir=/tmp/kpp-run-$(printf '%s' "$SRC" | cksum | cut -d' ' -f1); fi
	mkdir -p "$sock_dir" "$VAR/nginx"
	mysql_sock=$sock_dir/mysqld.sock
	kpp_sock=$sock_dir/kpp.sock

	# The configuration: conf/kpp.conf with this checkout's paths; passwords made once and kept.
	app_pw= mig_pw=
	[ -f "$conf" ] && app_pw=$(get_ini "$conf" database.password)
	[ -f "$cred" ] && mig_pw=$(get_ini "$cred" migrate.password)
	[ -n "$app_pw" ] || app_pw=$(random_password)
	[ -n "$mig_pw" ] || mig_pw=$(random_password)
	local schema_dir=$SRC/iati/schema
	# The demo's SMTP server listens on a port the system gives free; the mailer sends to it.
	smtp_port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	(umask 077; set_ini database.host= database.socket="$mysql_sock" database.name=kpp \
		database.user=kpp_app database.password="$app_pw" \
		migrate.credentials="$cred" \
		server.socket="$kpp_sock" server.workers=4 \
		app.templates="$SRC/templates" app.locale_dir="$VAR/locale" app.sql_dir="$SRC/sql" \
		app.static_dir="$SRC/static" app.secure_cookies=false iati.schema_dir="$schema_dir" \
		app.today="$DEMO_TODAY" app.public_url="http://127.0.0.1:$port" app.tmp_dir="$VAR/tmp" app.public_dir="$VAR/public" \
		app.attachments_dir="$VAR/attachments" \
		mail.relay="smtp://127.0.0.1:$smtp_port" mail.starttls=off mail.user= mail.poll_seconds=2 \
		mail.retry_first_seconds=10 mail.message_id_domain=kpp.demo mail.daily_at=00:00 \
		< conf/kpp.conf > "$conf.tmp" && mv "$conf.tmp" "$conf"
		# The schema owner's account, which only kpp-admin reads (the workers' kpp.conf names the file).
		printf '[migrate]\nuser = kpp_migrate\npassword = %s\n' "$mig_pw" > "$cred.tmp" && mv "$cred.tmp" "$cred")

	# MariaDB: the data directory is made once; its server only listens on the socket. (--force: no host
	# name look-up, which fails where /etc/hosts is missing, as in a fresh debootstrap.)
	local user_opt=()
	[ "$(id -u)" = 0 ] && user_opt=(--user=root)
	if [ ! -d "$VAR/db/mysql" ]; then
		say "creating the database server's data directory var/db"
		rm -rf "$VAR/db.new" "$VAR/demo-loaded"
		logged "$LOG/mariadb-install.log" mariadb-install-db --no-defaults --datadir="$VAR/db.new" "${user_opt[@]}" \
			--skip-test-db --auth-root-authentication-method=socket --force
		mv "$VAR/db.new" "$VAR/db"
	fi
	setsid mariadbd --no-defaults --datadir="$VAR/db" --socket="$mysql_sock" --pid-file="$sock_dir/mysqld.pid" \
		--skip-networking --log-error="$LOG/mariadb.err" "${user_opt[@]}" --tmpdir=/tmp \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_swedish_ci </dev/null 2>>"$LOG/mariadb.err" &
	DB_PID=$!
	CLEANUPS+=('stop_pid mariadbd "$DB_PID" TERM 60')
	for ((i = 0; ; i++)); do
		mariadb-admin --no-defaults -S "$mysql_sock" -u "$ADMIN_USER" --connect-timeout=2 ping >/dev/null 2>&1 && break
		pid_running "$DB_PID" || { tail -n 20 "$LOG/mariadb.err" >&2; die "mariadbd did not start (log: $LOG/mariadb.err)"; }
		[ $i -lt 300 ] || die "mariadbd did not answer within 30s (log: $LOG/mariadb.err)"
		sleep 0.1
	done
	say "MariaDB is up (pid $DB_PID, socket $mysql_sock)"
	mariadb --no-defaults -S "$mysql_sock" -u "$ADMIN_USER" <<-SQL
		CREATE DATABASE IF NOT EXISTS kpp CHARACTER SET utf8mb4 COLLATE utf8mb4_swedish_ci;
		CREATE USER IF NOT EXISTS 'kpp_app'@'localhost' IDENTIFIED BY '$app_pw';
		ALTER USER 'kpp_app'@'localhost' IDENTIFIED BY '$app_pw';
		GRANT SELECT, INSERT, UPDATE, DELETE ON kpp.* TO 'kpp_app'@'localhost';
		CREATE USER IF NOT EXISTS 'kpp_migrate'@'localhost' IDENTIFIED BY '$mig_pw';
		ALTER USER 'kpp_migrate'@'localhost' IDENTIFIED BY '$mig_pw';
		GRANT ALL PRIVILEGES ON kpp.* TO 'kpp_migrate'@'localhost';
	SQL

	"$BUILD/kpp-admin" -c "$conf" migrate
	if [ ! -e "$VAR/demo-loaded" ]; then
		say "loading the demo data"
		"$BUILD/kpp-admin" -c "$conf" demo || die "loading the demo data failed; to start over: rm -rf var/db"
		: > "$VAR/demo-loaded"
	fi

	# The workers: spawn-fcgi + multiwatch (conf/kpp-serve), in their own session so that Ctrl-C reaches
	# only this script, which then stops them in order.
	KPP_ADMIN=$BUILD/kpp-admin KPP_FCGI=$BUILD/kpp-fcgi KPP_SOCKET_MODE=0660 \
		setsid conf/kpp-serve "$conf" >>"$LOG/workers.log" 2>&1 </dev/null &
	SUP_PID=$!
	CLEANUPS+=('stop_pid "the workers" "$SUP_PID" TERM 30')
	for ((i = 0; i < 100; i++)); do
		[ -S "$kpp_sock" ] && break
		pid_running "$SUP_PID" || { tail -n 20 "$LOG/workers.log" >&2; die "the workers did not start (log: $LOG/workers.log)"; }
		sleep 0.1
	done

	# nginx with the production site template.
	render_site "$VAR/nginx/site.conf" "127.0.0.1:$port" "$kpp_sock" "$SRC/static" 10m \
		"$LOG/nginx-access.log" "$LOG/nginx-error.log" "$VAR/public"
	render_nginx "$VAR/nginx" "$VAR/nginx/site.conf" "$LOG/nginx-error.log"
	logged "$LOG/nginx-error.log" nginx -t -q -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log"
	setsid nginx -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log" </dev/null &
	NGINX_PID=$!
	CLEANUPS+=('stop_pid nginx "$NGINX_PID" QUIT 10')
	for ((i = 0; ; i++)); do
		curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port/healthz" 2>/dev/null && break
		if ! pid_running "$NGINX_PID"; then
			tail -n 5 "$LOG/nginx-error.log" >&2
			grep -q 'Address already in use' "$LOG/nginx-error.log" 2>/dev/null &&
				die "port $port is already in use on 127.0.0.1"
			die "nginx did not start (log: $LOG/nginx-error.log)"
		fi
		[ $i -lt 100 ] || die "http://127.0.0.1:$port/healthz did not answer 200 within 10s (logs in $LOG)"
		sleep 0.1
	done

	# The mail: a local SMTP server (aiosmtpd) that keeps every message it accepts in the Maildir var/mail/,
	# and kpp-mailer, which sends the outbox to it; its daily pass (reminders, digests) runs at once on start
	# ([mail] daily_at 00:00), on the demo's day, once.
	PYTHONPATH=$SRC/tests/e2e/lib setsid /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" \
		-c maildir_sink.Handler "$VAR/mail" >>"$LOG/smtp.log" 2>&1 </dev/null &
	SMTP_PID=$!
	CLEANUPS+=('stop_pid "the SMTP server" "$SMTP_PID" TERM 10')
	for ((i = 0; ; i++)); do
		port_busy "$smtp_port" && break
		pid_running "$SMTP_PID" || { tail -n 20 "$LOG/smtp.log" >&2; die "the SMTP server did not start (log: $LOG/smtp.log)"; }
		[ $i -lt 100 ] || die "the SMTP server did not listen within 10s (log: $LOG/smtp.log)"
		sleep 0.1
	done
	setsid "$BUILD/kpp-mailer" -c "$conf" >>"$LOG/mailer.log" 2>&1 </dev/null &
	MAILER_PID=$!
	CLEANUPS+=('stop_pid kpp-mailer "$MAILER_PID" TERM 30')
	sleep 0.5
	pid_running "$MAILER_PID" || { tail -n 20 "$LOG/mailer.log" >&2; die "kpp-mailer did not start (log: $LOG/mailer.log)"; }

	echo
	echo "kpp is running on http://127.0.0.1:$port/"
	echo
	echo "Demo accounts:"
	"$BUILD/kpp-admin" -c "$conf" accounts | sed 's/^/  /'
	echo
	echo "The e-mail kpp sends goes to a local SMTP server: each message is a file in var/mail/new/"
	echo "(read one with: less var/mail/new/*); officers see them all on http://127.0.0.1:$port/outbox."
	echo "Logs in var/log/. Stop with Ctrl-C."
	# Until a signal (the traps stop everything) or until one of the servers ends by itself.
	local rc=0
	wait -n "$DB_PID" "$SUP_PID" "$NGINX_PID" "$SMTP_PID" "$MAILER_PID" || rc=$?
	pid_running "$DB_PID" || say "mariadbd ended unexpectedly (log: $LOG/mariadb.err)"
	pid_running "$SMTP_PID" || say "the SMTP server ended unexpectedly (log: $LOG/smtp.log)"
	pid_running "$MAILER_PID" || say "kpp-mailer ended unexpectedly (log: $LOG/mailer.log)"
	pid_running "$SUP_PID" || say "the workers' supervisor ended unexpectedly (log: $LOG/workers.log)"
	pid_running "$NGINX_PID" || say "nginx ended unexpectedly (log: $LOG/nginx-error.log)"
	exit 1
}

# --- check ----------------------------------------------------------------------------------------------
TOTAL_PASS=0
TOTAL_FAIL=0
stage_result() {	# stage_result NAME PASSED FAILED [NOTE]
	printf 'run.sh: %-8s %d passed, %d failed%s\n' "$1:" "$2" "$3" "${4:+ ($4)}"
	TOTAL_PASS=$((TOTAL_PASS + $2))
	TOTAL_FAIL=$((TOTAL_FAIL + $3))
}

# (a) make check in build-asan: each test's "UNIT <suite>: P passed, F failed" lines, or 1 per other test.
stage_unit() {
	local log=$LOG/check-unit.log p=0 f=0 trs res base up uf ran=0 rc=0
	find build-asan -name '*.trs' 2>/dev/null | while read -r trs; do rm -f "$trs" "${trs%.trs}.log"; done
	say "make check in build-asan/ (ASan+UBSan)"
	ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
		timeout --kill-after=10 1200 make -C build-asan -j"$NPROC" check >"$log" 2>&1 || rc=$?
	while read -r trs; do
		ran=1
		base=${trs%.trs}
		res=$(sed -n 's/^:test-result: //p' "$trs" | head -n1)
		up=0 uf=0
		if [ -f "$base.log" ] && grep -qE '^UNIT [^:]+: [0-9]+ passed, [0-9]+ failed' "$base.log"; then
			read -r up uf < <(sed -nE 's/^UNIT [^:]+: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/p' "$base.log" |
				awk '{ p += $1; f += $2 } END { print p + 0, f + 0 }')
			# a test program that reported no failure but still failed (a sanitizer report, a crash at exit)
			case $res in FAIL|ERROR|XPASS) [ "$uf" -eq 0 ] && uf=1 ;; esac
		else
			case $res in PASS|XFAIL) up=1 ;; SKIP) ;; *) uf=1 ;; esac
		fi
		[ "$uf" -gt 0 ] && say "unit: failed: ${base#build-asan/} (log: $base.log)"
		p=$((p + up)) f=$((f + uf))
	done < <(find build-asan -name '*.trs' | sort)
	if [ $rc -ne 0 ] && [ $f -eq 0 ]; then
		tail -n 40 "$log" >&2
		f=$((f + 1))
		stage_result unit "$p" "$f" "make check failed with status $rc; log: $log"
	elif [ $ran -eq 0 ]; then
		stage_result unit "$p" "$f" "no unit tests were run"
	else
		stage_result unit "$p" "$f"
	fi
}

# (b) the fuzz smoke run: "FUZZ name: ok" / "FUZZ name: FAILED ..." lines.
stage_fuzz() {
	local log=$LOG/check-fuzz.log p f rc=0
	if [ ! -f tests/fuzz/run.sh ]; then
		say "NOTICE: tests/fuzz/run.sh does not exist yet: fuzz stage skipped"
		return 0
	fi
	say "tests/fuzz/run.sh"
	timeout --kill-after=10 900 sh tests/fuzz/run.sh 2>&1 | tee "$log" || rc=$?
	p=$(grep -cE '^FUZZ [^:]+: ok' "$log" || true)
	f=$(grep -cE '^FUZZ [^:]+: FAILED' "$log" || true)
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		stage_result fuzz "$p" $((f + 1)) "tests/fuzz/run.sh exited with status $rc"
	elif [ $((p + f)) -eq 0 ]; then
		stage_result fuzz 0 1 "tests/fuzz/run.sh reported no FUZZ lines"
	else
		stage_result fuzz "$p" "$f"
	fi
}

# Counts a node --test TAP log as one stage's result: "# pass N", "# fail N" etc. at the start of a line
# are the summary (nested tests' lines are indented); a run that printed none, or failed without a failing
# test, counts as a failure.
tap_result() {
	local stage=$1 log=$2 rc=$3 p f c s t note
	p=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$log" | tail -n1)
	f=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$log" | tail -n1)
	c=$(sed -nE 's/^# cancelled ([0-9]+)$/\1/p' "$log" | tail -n1)
	s=$(sed -nE 's/^# skipped ([0-9]+)$/\1/p' "$log" | tail -n1)
	t=$(sed -nE 's/^# todo ([0-9]+)$/\1/p' "$log" | tail -n1)
	if [ -z "$p" ] || [ -z "$f" ]; then
		stage_result "$stage" 0 1 "node's test runner printed no summary (status $rc; log: $log)"
		return 0
	fi
	f=$((f + ${c:-0}))
	note="${s:-0} skipped, ${t:-0} todo"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		note="$note; node exited with status $rc"
	fi
	stage_result "$stage" "$p" "$f" "$note"
}

# (c) end-to-end and browser tests with node's test runner (each file starts its own servers).
stage_e2e() {
	local log=$LOG/check-e2e.log files=() rc=0 x
	for x in tests/e2e/*.test.mjs tests/browser/*.test.mjs; do [ -f "$x" ] && files+=("$x"); done
	if [ ${#files[@]} -eq 0 ]; then
		stage_result e2e 0 1 "no test files in tests/e2e or tests/browser"
		return 0
	fi
	rm -rf "$VAR/test/stacks"
	say "node --test ${files[*]}"
	timeout --kill-after=20 1500 node --test --test-reporter=tap "${files[@]}" 2>&1 | tee "$log" || rc=$?
	tap_result e2e "$log" $rc
}

# (d) the application's own end-to-end tests again, against the sanitizer build: a memory error or
# undefined behaviour in a worker or kpp-admin aborts it (a failing test), and every report the
# sanitizers write (leaks at exit included) is one more failure.
stage_e2e_asan() {
	local log=$LOG/check-e2e-asan.log reports=$VAR/test/sanitizers files=() rc=0 x n
	# Every file of the application's e2e tests but infra's, which tests run.sh's services rather than the code.
	for x in tests/e2e/*.test.mjs; do [ "$x" = tests/e2e/infra.test.mjs ] || files+=("$x"); done
	rm -rf "$reports" && mkdir -p "$reports"
	say "node --test ${files[*]} (build-asan)"
	KPP_BUILD=$SRC/build-asan ASAN_OPTIONS="log_path=$reports/asan:detect_leaks=1" \
	UBSAN_OPTIONS="log_path=$reports/ubsan:print_stacktrace=1" \
		timeout --kill-after=20 900 node --test --test-reporter=tap "${files[@]}" 2>&1 | tee "$log" || rc=$?
	tap_result e2e-asan "$log" $rc
	n=$(find "$reports" -type f | wc -l)
	if [ "$n" -eq 0 ]; then
		stage_result sanitizers 1 0 "no reports from the workers or kpp-admin"
	else
		head -n 40 "$reports"/* >&2
		stage_result sanitizers 0 1 "$n report(s) in $reports"
	fi
}

# (e) make distcheck in the build: the release tarball holds all it needs to build, pass make check,
# install and uninstall (a file left out of the mk/*.am lists fails here, not at the user's). One test.
stage_distcheck() {
	local log=$LOG/check-distcheck.log rc=0
	say "make distcheck in ${BUILD#"$SRC"/}/"
	timeout --kill-after=10 900 make -C "$BUILD" -j"$NPROC" distcheck >"$log" 2>&1 || rc=$?
	if [ $rc -eq 0 ]; then
		stage_result distcheck 1 0
	else
		tail -n 40 "$log" >&2
		stage_result distcheck 0 1 "status $rc; log: $log"
	fi
}

check() {
	local built=1 asan=0
	mkdir -p "$LOG"
	install_packages
	install_node_modules
	# A build that fails is counted as a failure (with its log), and the stages that need it are not run.
	if ! (build_main); then
		stage_result build 0 1 "see $LOG/build-build.log"
		built=0
	fi
	if [ $built = 0 ]; then
		stage_result unit 0 1 "not run: the build failed"
	elif (build_dir build-asan --enable-sanitizers); then
		asan=1
		stage_unit
	else
		stage_result unit 0 1 "the sanitizer build failed (log: $LOG/build-build-asan.log)"
	fi
	stage_fuzz
	if [ $built = 1 ]; then stage_e2e; fi
	if [ $asan = 1 ]; then stage_e2e_asan; fi
	if [ $built = 1 ]; then stage_distcheck; fi
	echo
	echo "$TOTAL_PASS passed, $TOTAL_FAIL failed"
	[ "$TOTAL_FAIL" -eq 0 ]
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then	# (sourced, it only defines the functions: for testing them)
	case ${1:-} in
	demo) demo ;;
	check) check ;;
	*) echo "usage: ./run.sh demo | ./run.sh check" >&2; exit 2 ;;
	esac
fi
