#!/bin/sh
# po/extract.sh - writes the catalogue template (kpp.pot) from the C sources and the templates to stdout.
# usage: po/extract.sh [SRCDIR] > kpp.pot ; then: msgmerge --update po/sv.po kpp.pot
set -eu
src=${1:-$(dirname "$0")/..}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# C: N_("...") marks a msgid, NC_("context", "...") one in a context (msgctxt); i18n_tr(lang, "...")
# translates a literal in place.
(cd "$src" && xgettext --from-code=UTF-8 --language=C --keyword=N_ --keyword=NC_:1c,2 --keyword=i18n_tr:2 \
	--omit-header --no-location --sort-output -o "$tmp/c.pot" fcgi-app/*/*.c)

# Templates: {{_ text}}, one msgid each, written as a C file of N_() calls so xgettext escapes them.
for f in "$src"/templates/*.html; do
	grep -o '{{_ [^}]*}}' "$f" | sed -e 's/^{{_ *//' -e 's/ *}}$//' \
	    -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/N_("/' -e 's/$/");/'
done > "$tmp/templates.c"
xgettext --from-code=UTF-8 --language=C --keyword=N_ --omit-header --no-location \
	--sort-output -o "$tmp/t.pot" "$tmp/templates.c"

msgcat --use-first --sort-output "$tmp/c.pot" "$tmp/t.pot" 2>/dev/null || cat "$tmp/c.pot"
