#!/bin/sh
# run.sh - builds every tests/fuzz/fuzz_*.c with libFuzzer and runs each over a copy of its corpus.
#
# Usage: tests/fuzz/run.sh [name ...]   (names as in fuzz_<name>.c; default all)
# Environment: FUZZ_SECONDS (10) per fuzzer, CC (clang), FUZZ_JOBS (1)
# parallel workers per fuzzer, FUZZ_KEEP=1 keeps the work directory.
#
# A fuzzer declares, in a comment within its first five lines, the sources it
# needs besides itself and the libraries to link:
#   /* fuzz-sources: fcgi-app/http/form.c fcgi-app/core/arena.c fcgi-app/core/buf.c */
#   /* fuzz-libs: -luriparser */
# Its seeds are in tests/fuzz/corpus/<name>/; runs work on a temporary copy so
# that the inputs libFuzzer finds do not grow the repository. Prints one line
# "FUZZ <name>: ok|FAILED" per fuzzer and exits 1 if any failed; on failure
# the work directory, with the log and the crashing input, is kept.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${FUZZ_SECONDS:-10}
jobs=${FUZZ_JOBS:-1}
cc=${CC:-clang}
work=$(mktemp -d "${TMPDIR:-/tmp}/kpp-fuzz.XXXXXX") || exit 2
failed=0

# The value of "key:" in a comment within the first five lines of file $2.
directive() {
	head -n 5 "$2" | sed -n "s|.*$1:[[:space:]]*\\(.*\\)\\*/.*|\\1|p" | head -n 1
}

for src in "$top"/tests/fuzz/fuzz_*.c; do
	[ -e "$src" ] || continue
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	if [ $# -gt 0 ]; then
		case " $* " in
		*" $name "*) ;;
		*) continue ;;
		esac
	fi
	srcs=
	for f in $(directive fuzz-sources "$src"); do
		srcs="$srcs $top/$f"
	done
	if [ -z "$srcs" ]; then
		echo "fuzz $name: no fuzz-sources: line in its first five lines" >&2
	fi
	libs=$(directive fuzz-libs "$src")
	bin=$work/$name
	log=$work/$name.log
	mkdir -p "$work/$name.corpus" "$work/$name.artifacts"
	if [ -d "$top/tests/fuzz/corpus/$name" ]; then
		cp -R "$top/tests/fuzz/corpus/$name/." "$work/$name.corpus/"
	fi
	status=ok
	# Only parallel runs use -jobs: it moves the output to fuzz-<n>.log files.
	par=
	if [ "$jobs" -gt 1 ]; then
		par="-jobs=$jobs -workers=$jobs"
	fi
	# shellcheck disable=SC2086 # srcs, libs and par are word lists
	if ! "$cc" -std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -I "$top/fcgi-app" -I "$top" "$src" $srcs -o "$bin" $libs \
	    >"$log" 2>&1; then
		status=FAILED
		echo "fuzz $name: build failed, see $log" >&2
	elif ! (cd "$work" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 $par \
	    -artifact_prefix="$work/$name.artifacts/" \
	    "$work/$name.corpus") >>"$log" 2>&1; then
		status=FAILED
		echo "fuzz $name: failed, see $log and $work/$name.artifacts/" >&2
	fi
	[ "$status" = ok ] || failed=1
	echo "FUZZ $name: $status"
done

if [ "$failed" = 0 ] && [ "${FUZZ_KEEP:-0}" != 1 ]; then
	rm -rf "$work"
else
	echo "fuzz: work directory kept: $work" >&2
fi
exit "$failed"
