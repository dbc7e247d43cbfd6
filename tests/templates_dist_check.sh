#!/bin/sh
# tests/templates_dist_check.sh - fails when the templates in the checkout and those automake installs
# differ. The workers load every template of their templates directory, and a page whose template (or a
# partial it includes) was not installed fails only where kpp is installed, never in a test run from the
# checkout. So: every templates/*.html is in a *_DATA variable of Makefile.am or mk/*.am, every other
# file under templates/ (raw-allowlist, a test's input) at least in EXTRA_DIST, and every path listed
# there exists and is listed once.
set -eu
src=${srcdir:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# "I path" for each templates/ path in a *_DATA variable, "E path" for one in EXTRA_DIST; a line that
# ends in a backslash goes on in the next.
cat "$src/Makefile.am" "$src"/mk/*.am | awk '
	{ line = line $0 }
	/\\$/ { sub(/\\$/, " ", line); next }
	{
		if (match(line, /^[A-Za-z0-9_]+[ \t]*\+?=/)) {
			name = substr(line, 1, RLENGTH); sub(/[ \t]*\+?=$/, "", name)
			kind = name ~ /_DATA$/ ? "I" : name == "EXTRA_DIST" ? "E" : ""
			n = split(substr(line, RLENGTH + 1), w, /[ \t]+/)
			for (i = 1; i <= n; i++) if (kind != "" && w[i] ~ /^templates\//) print kind, w[i]
		}
		line = ""
	}' > "$tmp/listed"
bad=0
sed -n 's/^I //p' "$tmp/listed" | sort > "$tmp/installed"
sed -n 's/^. //p' "$tmp/listed" | sort > "$tmp/any"
for f in $(sort -u "$tmp/any" | comm -23 "$tmp/any" -); do
	echo "$f is listed more than once in Makefile.am and mk/*.am"
	bad=1
done
for f in $(sort -u "$tmp/any"); do
	if [ ! -f "$src/$f" ]; then
		echo "$f is listed in Makefile.am or mk/*.am but does not exist"
		bad=1
	fi
done
n=0
for f in $(cd "$src" && find templates -type f | sort); do
	n=$((n + 1))
	case $f in
	*.html) grep -qxF "$f" "$tmp/installed" || { echo "$f is not installed: add it to dist_templates_DATA in the mk/*.am of its page"; bad=1; } ;;
	*) grep -qxF "$f" "$tmp/any" || { echo "$f is not distributed: add it to EXTRA_DIST or a *_DATA variable"; bad=1; } ;;
	esac
done
echo "templates: $n files, $(wc -l < "$tmp/installed") installed"
exit $bad
