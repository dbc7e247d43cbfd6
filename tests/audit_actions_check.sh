#!/bin/sh
# Every action the code writes to the audit log has its words on the audit log page (fcgi-app/h_audit.c);
# an action without them would show its raw code to ICLD's officers.
src=${srcdir:-.}/fcgi-app
entities='application|country|decision|disbursement|organisation|project|report|review|round|thematic_area|user'
missing=0
for a in $(grep -ohE "\"($entities)\\.[a-z_][a-z_]+\"" "$src"/*.c | sort -u); do
	if ! grep -qE "^[[:space:]]*\\{ $a, N_\\(" "$src/h_audit.c"; then
		echo "audit action $a has no label in fcgi-app/h_audit.c actions[]"
		missing=1
	fi
done
exit $missing
