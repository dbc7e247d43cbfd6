#!/bin/sh
# tests/layers_check.sh - the layers of fcgi-app/ hold (README, "Where the code is"), read from the
# #include lines, which name each header by its folder:
#   core/      includes only core/: it knows nothing of grants, requests or pages
#   domain/    includes only core/ and domain/: the programme's rules, with no I/O and no page
#   db/        includes no view, page or program: the data layer knows no HTML and no handler
#   mail/      includes only core/, domain/, db/ and mail/: messages and SMTP, no request, view or page
#   pages/     a handler h_X.c includes no other handler's header, only its own h_X.h; only the URL
#              table (pages/routes.c) and the programs include the handlers' headers
#   programs/  nothing else includes the programs' headers
# and the MySQL API is spoken by db/db.c alone.
src=${srcdir:-.}/fcgi-app
bad=0

for d in core http db domain iati mail views pages programs; do
	[ -d "$src/$d" ] || { echo "layers: $src/$d is missing"; exit 1; }
done

# "file header" for each #include "..." of every file.
grep -o '^#include "[^"]*"' "$src"/*/*.[ch] | sed -e "s|^$src/||" -e 's|:#include "| |' -e 's|"$||' > "${TMPDIR:-/tmp}/layers.$$"
while read -r f h; do
	case $f:$h in
	core/*:core/*) ;;
	core/*:*) echo "layers: $f includes $h: core/ includes only core/" ;;
	domain/*:core/*|domain/*:domain/*) ;;
	domain/*:*) echo "layers: $f includes $h: domain/ includes only core/ and domain/" ;;
	db/*:views/*|db/*:pages/*|db/*:programs/*) echo "layers: $f includes $h: the data layer knows no view, page or program" ;;
	mail/*:core/*|mail/*:domain/*|mail/*:db/*|mail/*:mail/*) ;;
	mail/*:*) echo "layers: $f includes $h: mail/ includes only core/, domain/, db/ and mail/" ;;
	pages/routes.c:pages/*|programs/*:*) ;;
	pages/h_*:pages/*) [ "$h" = "pages/$(basename "${f%.[ch]}").h" ] ||
		echo "layers: $f includes $h: a handler includes no other handler's header" ;;
	*:pages/*) echo "layers: $f includes $h: only the URL table and the programs include the handlers" ;;
	*:programs/*) echo "layers: $f includes $h: nothing but the programs includes their headers" ;;
	esac
done < "${TMPDIR:-/tmp}/layers.$$" > "${TMPDIR:-/tmp}/layers.$$.out"
rm -f "${TMPDIR:-/tmp}/layers.$$"
if [ -s "${TMPDIR:-/tmp}/layers.$$.out" ]; then
	cat "${TMPDIR:-/tmp}/layers.$$.out"
	bad=1
fi
rm -f "${TMPDIR:-/tmp}/layers.$$.out"

# The MySQL API anywhere but db/db.c: its headers, a call of one of its functions, a variable of
# one of its types.
for f in $(grep -l -E '^#include [<"](mysql|mariadb/|errmsg|mysqld_error)|\<mysql_[a-z_]+[[:space:]]*\(|\<MYSQL(_[A-Z]+)?[[:space:]]*\*|\<MYSQL_(ROW|BIND)[[:space:]]+[a-z_]' \
    "$src"/*/*.[ch]); do
	[ "$f" = "$src/db/db.c" ] || { echo "layers: ${f#$src/} speaks the MySQL API: only db/db.c does"; bad=1; }
done
exit $bad
