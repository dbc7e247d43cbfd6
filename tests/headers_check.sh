#!/bin/sh
# tests/headers_check.sh - fails naming each header under fcgi-app/ that does not compile on its own.
# A header that leans on what its includer happened to include before it breaks the day a file includes
# it first. Each header is included twice (a missing include guard shows as a redefinition) by an
# otherwise empty file, with the project's flags (Makefile.am passes CC and KPP_HEADERS_CFLAGS), and
# any diagnostic counts: "struct x declared inside parameter list" is only a warning, yet means the
# header lacks a declaration. Includes are written relative to fcgi-app/, as the sources write them.
set -u
src=${srcdir:-.}
if [ -z "${CC:-}" ] || [ -z "${KPP_HEADERS_CFLAGS:-}" ]; then
	echo "CC and KPP_HEADERS_CFLAGS are not set: run this through make check"
	exit 99
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 bad=0
for h in $(cd "$src/fcgi-app" && find . -name '*.h' | sed 's|^\./||' | sort); do
	n=$((n + 1))
	printf '#include "%s"\n#include "%s"\n' "$h" "$h" > "$tmp/one.c"
	# shellcheck disable=SC2086	# the flags are words, as make passes them
	if ! $CC $KPP_HEADERS_CFLAGS -fsyntax-only "$tmp/one.c" > "$tmp/out" 2>&1 || [ -s "$tmp/out" ]; then
		echo "fcgi-app/$h does not compile on its own:"
		sed 's/^/	/' "$tmp/out"
		bad=$((bad + 1))
	fi
done
if [ "$n" -eq 0 ]; then
	echo "no header found under $src/fcgi-app"
	exit 1
fi
echo "headers: $((n - bad)) of $n compile on their own"
[ "$bad" -eq 0 ]
