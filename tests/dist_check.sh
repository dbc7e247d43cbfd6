#!/bin/sh
# tests/dist_check.sh - fails when the files in the checkout that kpp installs and those automake
# installs differ. The workers load every template of their templates directory and the migrator every
# migration of its sql directory: a page whose template (or a partial it includes) or a migration that
# was not installed fails only where kpp is installed, never in a test run from the checkout. So: every
# templates/*.html, templates/mail/<lang>/*.txt, sql/*.sql and static/* is in a *_DATA variable of Makefile.am or mk/, every other
# file there (raw-allowlist, sql/README) at least in EXTRA_DIST, and every path listed exists and is
# listed once.
set -eu
src=${srcdir:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# "I path" for each such path in a *_DATA variable, "E path" for one in EXTRA_DIST; a line that
# ends in a backslash goes on in the next.
cat "$src/Makefile.am" "$src"/mk/*.am "$src"/mk/*/*.am | awk '
	{ line = line $0 }
	/\\$/ { sub(/\\$/, " ", line); next }
	{
		if (match(line, /^[A-Za-z0-9_]+[ \t]*\+?=/)) {
			name = substr(line, 1, RLENGTH); sub(/[ \t]*\+?=$/, "", name)
			kind = name ~ /_DATA$/ ? "I" : name == "EXTRA_DIST" ? "E" : ""
			n = split(substr(line, RLENGTH + 1), w, /[ \t]+/)
			for (i = 1; i <= n; i++) if (kind != "" && w[i] ~ /^(templates|sql|static)\//) print kind, w[i]
		}
		line = ""
	}' > "$tmp/listed"
bad=0
sed -n 's/^I //p' "$tmp/listed" | sort > "$tmp/installed"
sed -n 's/^. //p' "$tmp/listed" | sort > "$tmp/any"
for f in $(sort -u "$tmp/any" | comm -23 "$tmp/any" -); do
	echo "$f is listed more than once in Makefile.am and mk/"
	bad=1
done
for f in $(sort -u "$tmp/any"); do
	if [ ! -f "$src/$f" ]; then
		echo "$f is listed in Makefile.am or mk/ but does not exist"
		bad=1
	fi
done
n=0
for f in $(cd "$src" && find templates sql static -type f | sort); do
	n=$((n + 1))
	case $f in
	templates/*.html|templates/mail/*/*.txt|sql/*.sql|static/*)
		grep -qxF "$f" "$tmp/installed" || { echo "$f is not installed: add it to its *_DATA list (mk/templates.am, mk/sql.am)"; bad=1; } ;;
	*) grep -qxF "$f" "$tmp/any" || { echo "$f is not distributed: add it to EXTRA_DIST or a *_DATA variable"; bad=1; } ;;
	esac
done
echo "templates, sql, static: $n files, $(wc -l < "$tmp/installed") installed"
exit $bad
