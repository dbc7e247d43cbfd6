/* db_auditlog.c - SQL for reading the audit log; nothing here writes it (db_audit() in db_auth.c appends). */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "db_auditlog.h"
#include "req.h"

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

void
db_auditlog_entry(const struct dbres *res, size_t i, size_t c,
    struct audit_entry *e)
{
	char **v = res->rows[i];

	e->id = db_ll(res, i, c);
	e->at = v[c + 1];
	e->user_id = db_ll(res, i, c + 2);
	e->user_name = v[c + 3];
	e->user_email = v[c + 4];
	e->action = v[c + 5];
	e->entity = v[c + 6];
	e->entity_id = db_ll(res, i, c + 7);
	e->before = v[c + 8];
	e->after = v[c + 9];
	e->project_code = v[c + 10];
	e->application_id = db_ll(res, i, c + 11);
}

enum kerr
db_auditlog_page(struct req *r, const struct audit_filter *f,
    long long offset, long long limit, struct audit_page *out)
{
	const char *uid = db_id_text(r->a, f->user_id), *eid = db_id_text(r->a, f->entity_id);
	long long sys = f->system != 0;
	struct dbres res;
	enum kerr e;
	size_t i;

	memset(out, 0, sizeof(*out));
	if ((e = db_query(r->a, r->id, &q[Q_PAGE], &res,
	    "ssissssssssss" "ssissssssssss" "ii",
	    uid, uid, sys, f->entity, f->entity, eid, eid, f->action, f->action,
	    f->from_utc, f->from_utc, f->to_utc, f->to_utc,
	    uid, uid, sys, f->entity, f->entity, eid, eid, f->action, f->action,
	    f->from_utc, f->from_utc, f->to_utc, f->to_utc,
	    limit, offset)) != KERR_OK)
		return e;
	out->users = arena_calloc(r->a, res.nrows + 1, sizeof(*out->users));
	out->actions = arena_calloc(r->a, res.nrows + 1, sizeof(*out->actions));
	out->rows = arena_calloc(r->a, res.nrows + 1, sizeof(*out->rows));
	for (i = 0; i < res.nrows; i++) {
		char **v = res.rows[i];

		switch (v[0][0]) {
		case 'u':
			out->users[out->nusers].id = db_ll(&res, i, 4);
			out->users[out->nusers].name = v[7];
			out->users[out->nusers].email = v[8];
			out->nusers++;
			break;
		case 'x':
			out->actions[out->nactions++] = v[9];
			break;
		case 'n':
			out->total = db_ll(&res, i, 4);
			break;
		case 'r':
			db_auditlog_entry(&res, i, 4, &out->rows[out->nrows++]);
			break;
		}
	}
	return KERR_OK;
}
