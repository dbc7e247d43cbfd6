/* auditshow.h - what each role may read of each audit action, field by field, and the words of both. */
#ifndef KPP_AUDITSHOW_H
#define KPP_AUDITSHOW_H

#include <stddef.h>

#include "http/req.h"

struct arena;

/* Who reads an action or a field: bits of 1 << enum role. ICLD's officers read everything the log holds. */
#define AUDIT_ICLD	(1u << ROLE_ADMIN)
#define AUDIT_SIDA	((1u << ROLE_ADMIN) | (1u << ROLE_SIDA))

/* How a field's value reads. */
enum audit_value {
	AV_TEXT = 0,	/* as stored */
	AV_CODE,	/* a stored code, in words (label()) */
	AV_AMOUNT,	/* whole kronor */
	AV_YESNO,	/* 1/0, true/false */
	AV_TIME		/* a moment in UTC, shown in Swedish time (fmt_time()) */
};

/* One action the code writes: its words, and who reads its rows at all. */
struct audit_action {
	const char	*code;		/* "report.return" */
	const char	*msgid;
	unsigned	 readers;
};

/*
 * One field of an action, as auditfmt_changes() names it: a path in
 * which '#' stands for an array index ("years[#]") and '*' for a key of
 * a set the code writes from a list (cost categories, project types,
 * regions). Its words name the form's field; {1}, {2} stand for what
 * '#' and '*' matched, in order: an index as the year it counts from 1,
 * a key in words.
 */
struct audit_field {
	const char	*action;
	const char	*path;
	unsigned	 readers;
	enum audit_value value;
	const char	*msgid;
};

extern const struct audit_action	audit_actions[];
extern const size_t			naudit_actions;
extern const struct audit_field		audit_fields[];
extern const size_t			naudit_fields;

/* The action's row, or NULL for an action the table does not know (read by ICLD only, as stored). */
const struct audit_action	*auditshow_action(const char *code);

/* The row of field path of action, or NULL: a field without one is ICLD's only, shown as its path. */
const struct audit_field	*auditshow_field(const char *action, const char *path);

/* Whether role reads rows of action / field path of action. Unknown actions and fields: ICLD only. */
int		 auditshow_may_read(enum role role, const char *action);
int		 auditshow_may_read_field(enum role role, const char *action, const char *path);

/*
 * The words of field path of action in language l ("Decision, year 1,
 * Travel"), from a; NULL when the table has no row for it.
 */
const char	*auditshow_field_words(struct arena *a, enum lang l, const char *action,
		    const char *path);

#endif
