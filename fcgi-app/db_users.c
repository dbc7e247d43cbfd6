/* db_users.c - SQL for accounts. */
#include "arena.h"
#include "db.h"
#include "db_users.h"

enum q {
	Q_CREATE_ADMIN,
	Q_LIST,
	Q__MAX
};

static struct dbstmt q[Q__MAX] = {
	[Q_CREATE_ADMIN] = { "INSERT INTO users (email, password_hash, name, role, "
	    "lang) VALUES (?, ?, ?, 'admin', 'sv')", NULL, 0 },
	[Q_LIST] = { "SELECT u.email, u.role, o.name FROM users u "
	    "LEFT JOIN organisations o ON o.id = u.org_id WHERE u.active = 1 "
	    "ORDER BY FIELD(u.role, 'admin', 'sida', 'applicant'), o.name, u.email",
	    NULL, 0 },
};

enum kerr
db_user_create_admin(const char *reqid, const char *email, const char *name,
    const char *hash, long long *id)
{
	unsigned long long insert_id;
	enum kerr e;

	if ((e = db_exec(reqid, &q[Q_CREATE_ADMIN], NULL, &insert_id, "sss",
	    email, hash, name)) != KERR_OK)
		return e;
	*id = (long long)insert_id;
	return KERR_OK;
}

enum kerr
db_user_list(struct arena *a, const char *reqid, struct account **out, size_t *n)
{
	struct dbres res;
	enum kerr e;
	size_t i;

	if ((e = db_query(a, reqid, &q[Q_LIST], &res, "")) != KERR_OK)
		return e;
	*out = arena_calloc(a, res.nrows + 1, sizeof(**out));
	for (i = 0; i < res.nrows; i++) {
		(*out)[i].email = db_str(&res, i, 0);
		(*out)[i].role = db_str(&res, i, 1);
		(*out)[i].org = db_str(&res, i, 2);
	}
	*n = res.nrows;
	return KERR_OK;
}
