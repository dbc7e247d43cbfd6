#!/bin/sh
# Every action the code writes to the audit log has its row, words and readers, in the table of
# fcgi-app/views/auditshow.c; an action without one would show its raw code to ICLD's officers and nothing
# to Sida. (tests/unit/test_auditshow.c checks the fields of each action likewise.)
src=${srcdir:-.}/fcgi-app
entities='application|country|decision|disbursement|organisation|outbox|project|report|review|round|thematic_area|user'
missing=0
for a in $(grep -ohE "\"($entities)\\.[a-z_][a-z_]+\"" "$src"/*/*.c | sort -u); do
	if ! grep -qE "^[[:space:]]*\\{ $a, N_\\(" "$src/views/auditshow.c"; then
		echo "audit action $a has no row in fcgi-app/views/auditshow.c audit_actions[]"
		missing=1
	fi
done
exit $missing
