#!/bin/sh
# tests/i18n_check.sh - fails when a msgid in the C sources or templates has no Swedish translation.
set -eu
src=${srcdir:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$src/po/extract.sh" "$src" > "$tmp/kpp.pot" 2>"$tmp/extract.log"
# msgcmp fails for every msgid of the template that sv.po lacks.
if ! msgcmp "$src/po/sv.po" "$tmp/kpp.pot" 2>"$tmp/cmp.log"; then
	echo "po/sv.po lacks translations (run po/extract.sh and msgmerge):"
	cat "$tmp/cmp.log"
	exit 1
fi
stats=$(msgfmt --check --statistics -o /dev/null "$src/po/sv.po" 2>&1)
case $stats in
*untranslated*|*fuzzy*)
	echo "po/sv.po: $stats"
	exit 1 ;;
esac
echo "i18n: $stats"
