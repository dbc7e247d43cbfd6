/* db_auditlog.c - SQL for reading the audit log; nothing here writes it (db_audit() in db_auth.c appends). */
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_auditlog.h"

enum q {
	Q_PAGE,
	Q__MAX
};

/*
 * The filter, each condition switched off by a NULL (or 0) parameter, so
 * one statement serves every combination: MariaDB plans each execution
 * with the parameters' values, and picks the index a condition can use
 * (sql/0002 and sql/0013 index user, entity, action and time, each with
 * the time for the order).
 */
#define FILTER \
	"(? IS NULL OR l.user_id = ?) AND (? = 0 OR l.user_id IS NULL) " \
	"AND (? IS NULL OR l.entity = ?) AND (? IS NULL OR l.entity_id = ?) " \
	"AND (? IS NULL OR l.action = ?) " \
	"AND (? IS NULL OR l.at >= ?) AND (? IS NULL OR l.at < ?) "

static struct dbstmt q[Q__MAX] = {
	/*
	 * One round trip: the accounts and actions the filters offer, the
	 * count, and the page. After a tag and three sort columns, each part
	 * puts its values in the 12 columns of AUDIT_COLUMNS that hold the same
	 * kind (names with names, e-mails with e-mails), so that the union
	 * needs no conversion between their collations.
	 */
	[Q_PAGE] = { "SELECT * FROM ("
	    "SELECT 'u' AS tag, NULL AS s_at, NULL AS s_id, u.name AS s_name, "
	    "u.id AS c1, NULL AS c2, NULL AS c3, u.name AS c4, u.email AS c5, "
	    "NULL AS c6, NULL AS c7, NULL AS c8, NULL AS c9, NULL AS c10, NULL AS c11, "
	    "NULL AS c12 FROM users u "
	    "UNION ALL "
	    "SELECT 'x', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, action, "
	    "NULL, NULL, NULL, NULL, NULL, NULL FROM audit_log GROUP BY action "
	    "UNION ALL "
	    "SELECT 'n', NULL, NULL, NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL FROM audit_log l WHERE " FILTER
	    "UNION ALL "
	    "(SELECT 'r', l.at, l.id, NULL, " AUDIT_COLUMNS " "
	    "FROM audit_log l " AUDIT_JOINS "WHERE " FILTER
	    "ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?)"
	    ") t ORDER BY tag, s_at DESC, s_id DESC, s_name, c6", NULL, 0 },
};

/* Q_PAGE: every part's values follow the tag and the three sort columns. */
#define PAGE_VALUES	4

/*
 * AUDIT_COLUMNS, the values of an entry (Q_PAGE's 'r' and db_project.c's
 * trail); Q_PAGE's other parts use the columns of the same kind: 'u' the
 * user's (its id in E_ID), 'x' the action, 'n' the count in E_ID.
 */
enum { E_ID, E_AT, E_USER, E_USER_NAME, E_USER_EMAIL, E_ACTION, E_ENTITY, E_ENTITY_ID, E_BEFORE,
	E_AFTER, E_PROJECT, E_APPLICATION };

void
db_auditlog_entry(const struct dbpart *p, struct audit_entry *e)
{
	char **c = p->c;

	e->id = db_part_ll(p, E_ID);
	e->at = c[E_AT];
	e->user_id = db_part_ll(p, E_USER);
	e->user_name = c[E_USER_NAME];
	e->user_email = c[E_USER_EMAIL];
	e->action = c[E_ACTION];
	e->entity = c[E_ENTITY];
	e->entity_id = db_part_ll(p, E_ENTITY_ID);
	e->before = c[E_BEFORE];
	e->after = c[E_AFTER];
	e->project_code = c[E_PROJECT];
	e->application_id = db_part_ll(p, E_APPLICATION);
}

enum kerr
db_auditlog_page(struct arena *a, const char *reqid, const struct audit_filter *f,
    long long offset, long long limit, struct audit_page *out)
{
	const char *uid = db_id_text(a, f->user_id), *eid = db_id_text(a, f->entity_id);
	long long sys = f->system != 0;
	struct dbpart p;
	struct dbres res;
	enum kerr e;

	memset(out, 0, sizeof(*out));
	if ((e = db_query(a, reqid, &q[Q_PAGE], &res,
	    "ssissssssssss" "ssissssssssss" "ii",
	    uid, uid, sys, f->entity, f->entity, eid, eid, f->action, f->action,
	    f->from_utc, f->from_utc, f->to_utc, f->to_utc,
	    uid, uid, sys, f->entity, f->entity, eid, eid, f->action, f->action,
	    f->from_utc, f->from_utc, f->to_utc, f->to_utc,
	    limit, offset)) != KERR_OK)
		return e;
	out->users = arena_calloc(a, res.nrows + 1, sizeof(*out->users));
	out->actions = arena_calloc(a, res.nrows + 1, sizeof(*out->actions));
	out->rows = arena_calloc(a, res.nrows + 1, sizeof(*out->rows));
	for (db_parts(&p, &res, PAGE_VALUES, NULL); db_part_next(&p); ) {
		switch (p.tag) {
		case 'u':
			out->users[out->nusers].id = db_part_ll(&p, E_ID);
			out->users[out->nusers].name = p.c[E_USER_NAME];
			out->users[out->nusers].email = p.c[E_USER_EMAIL];
			out->nusers++;
			break;
		case 'x':
			out->actions[out->nactions++] = p.c[E_ACTION];
			break;
		case 'n':
			out->total = db_part_ll(&p, E_ID);
			break;
		case 'r':
			db_auditlog_entry(&p, &out->rows[out->nrows++]);
			break;
		}
	}
	return KERR_OK;
}
