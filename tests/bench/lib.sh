# tests/bench/lib.sh - what each benchmark script does first (sourced): checks that the tools it names are
# installed, and refreshes build/ (make -j2, when build/Makefile exists). BENCH_NO_BUILD=1 skips the build,
# KPP_BUILD=DIR uses the programs in DIR as they are. Exits 2 when a tool is missing or build/ is not
# configured, 1 when make fails.

bench_src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# bench_prepare TOOL...: every TOOL in PATH (with the sbin directories, where mariadbd and nginx are).
bench_prepare() {
	local tool log
	for tool in "$@"; do
		PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin command -v "$tool" >/dev/null || {
			echo "bench: $tool is not installed (wrk: apt-get install wrk; the rest: ./run.sh check installs it)" >&2
			exit 2
		}
	done
	if [ -z "${KPP_BUILD:-}" ] && [ -z "${BENCH_NO_BUILD:-}" ]; then
		if [ ! -f "$bench_src/build/Makefile" ]; then
			echo "bench: $bench_src/build is not configured: run ./run.sh check once (or set KPP_BUILD=DIR)" >&2
			exit 2
		fi
		log=$(mktemp "${TMPDIR:-/tmp}/kpp-bench-build.XXXXXX")
		if ! make -C "$bench_src/build" -j2 >"$log" 2>&1; then
			echo "bench: make in build/ failed:" >&2
			tail -n 30 "$log" >&2
			rm -f "$log"
			exit 1
		fi
		rm -f "$log"
	fi
}
