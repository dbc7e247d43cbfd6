/* auditfmt.h - audit rows made readable: the fields a change touched, and times in Swedish local time. */
#ifndef KPP_AUDITFMT_H
#define KPP_AUDITFMT_H

#include <stddef.h>

#include "core/kerr.h"

struct arena;

/* One field of an audit row that differs between before and after. */
struct audit_change {
	const char	*field;		/* "status", "rules.inception.max_amount.africa", "lines[2]"; "" for a bare value */
	const char	*before;	/* the value as text; NULL when the field was not there */
	const char	*after;		/* likewise after the change */
	int		 before_string;	/* before was a JSON string, not a number, true, false or null */
	int		 after_string;
};

/* Nesting deeper than this is refused as malformed: audit rows are a few levels deep. */
#define AUDITFMT_MAX_DEPTH	32

/*
 * Compares before and after, two JSON texts as audit_log stores them
 * (either may be NULL, as on a creation or a deletion), field by field.
 * Objects are flattened to dotted paths and arrays to [i]; a string value
 * is unescaped to UTF-8 (\u0000 becomes U+FFFD, so values stay C strings),
 * numbers, true, false and null are kept as written; an empty object or
 * array is a value of its own ("{}", "[]"). The result lists the fields
 * whose value or type differs, in after's order, then those only in
 * before. Returns KERR_OK with *out (from a) and *n (0 when nothing
 * differs), or KERR_INVALID when either text is not a JSON value (or is
 * nested more than AUDITFMT_MAX_DEPTH deep); *out and *n are then NULL and 0.
 */
enum kerr	 auditfmt_changes(struct arena *a, const char *before,
		    const char *after, struct audit_change **out, size_t *n);

/*
 * The UTC moment, "YYYY-MM-DD HH:MM:SS" from a, at which the Swedish day
 * y-m-d begins (local midnight). The caller passes a real date, or the
 * day after a month's last (2016-02-30 is 2016-03-01), years 1 to 9998.
 */
char		*auditfmt_day_start_utc(struct arena *a, int y, int m, int d);

#endif
