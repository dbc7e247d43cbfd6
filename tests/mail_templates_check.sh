#!/bin/sh
# tests/mail_templates_check.sh - fails when a kind of e-mail (fcgi-app/domain/mailkinds.c) lacks its template in
# a language, a template names no kind, or a template breaks the form views/mailtext.c reads: "Subject: " and
# the subject on the first line, an empty second line, and the footer ({{>_footer}}: why the person gets it).
set -eu
src=${srcdir:-.}
bad=0
kinds=$(sed -n 's/^	\[MAIL_[A-Z_]*\] = { "\([a-z_]*\)".*/\1/p' "$src/fcgi-app/domain/mailkinds.c")
[ -n "$kinds" ] || { echo "mail templates: no kinds found in fcgi-app/domain/mailkinds.c"; exit 1; }
for lang in sv en; do
	dir=$src/templates/mail/$lang
	for kind in $kinds; do
		f=$dir/$kind.txt
		if [ ! -f "$f" ]; then
			echo "templates/mail/$lang/$kind.txt is missing: every kind of e-mail needs its text in Swedish and English"
			bad=1
			continue
		fi
		sed -n 1p "$f" | grep -q '^Subject: .' || { echo "templates/mail/$lang/$kind.txt: the first line is not \"Subject: ...\""; bad=1; }
		[ -z "$(sed -n 2p "$f")" ] || { echo "templates/mail/$lang/$kind.txt: the second line is not empty"; bad=1; }
		grep -q '{{>_footer}}' "$f" || { echo "templates/mail/$lang/$kind.txt: no {{>_footer}} (why the person gets it)"; bad=1; }
	done
	for f in "$dir"/*.txt; do
		name=$(basename "$f" .txt)
		case $name in _*) continue ;; esac
		echo "$kinds" | grep -qx "$name" || { echo "templates/mail/$lang/$name.txt: no kind of e-mail of that name"; bad=1; }
	done
done
[ $bad = 0 ] && echo "mail templates: $(echo "$kinds" | wc -l) kinds, each in sv and en"
exit $bad
