/* db_kept.c - SQL for forms kept after their session lapsed. */
#include <string.h>

#include "db/db.h"
#include "db/db_kept.h"

enum q {
	Q_PURGE,
	Q_COUNT,
	Q_DROP_OLDEST,
	Q_INSERT,
	Q_FIND,
	Q_DELETE,
	Q__MAX
};

static struct dbstmt q[Q__MAX] = {
	[Q_PURGE] = { "DELETE FROM kept_posts WHERE expires_at < UTC_TIMESTAMP()", NULL, 0 },
	[Q_COUNT] = { "SELECT COUNT(*) FROM kept_posts WHERE user_id = ?", NULL, 0 },
	[Q_DROP_OLDEST] = { "DELETE FROM kept_posts WHERE user_id = ? "
	    "ORDER BY created_at, token_hash LIMIT 1", NULL, 0 },
	[Q_INSERT] = { "INSERT INTO kept_posts (token_hash, user_id, path, body, files_dropped, "
	    "created_at, expires_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(), "
	    "UTC_TIMESTAMP() + INTERVAL ? HOUR)", NULL, 0 },
	[Q_FIND] = { "SELECT path, body, files_dropped FROM kept_posts WHERE token_hash = ? "
	    "AND user_id = ? AND expires_at > UTC_TIMESTAMP()", NULL, 0 },
	[Q_DELETE] = { "DELETE FROM kept_posts WHERE token_hash = ?", NULL, 0 },
};

enum kerr
db_kept_store(struct arena *a, const char *reqid, const unsigned char h[32], long long user_id,
    const char *path, const char *body, int files_dropped, int hours, int max)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_begin(reqid)) != KERR_OK)
		return e;
	if ((e = db_exec(reqid, &q[Q_PURGE], NULL, NULL, "")) != KERR_OK ||
	    (e = db_query(a, reqid, &q[Q_COUNT], &res, "i", user_id)) != KERR_OK)
		goto out;
	if (db_ll(&res, 0, 0) >= max &&
	    (e = db_exec(reqid, &q[Q_DROP_OLDEST], NULL, NULL, "i", user_id)) != KERR_OK)
		goto out;
	if ((e = db_exec(reqid, &q[Q_INSERT], NULL, NULL, "bissii", h, (size_t)32,
	    user_id, path, body, (long long)files_dropped, (long long)hours)) != KERR_OK)
		goto out;
	return db_commit(reqid);
out:
	db_rollback(reqid);
	return e;
}

enum kerr
db_kept_find(struct arena *a, const char *reqid, const unsigned char h[32], long long user_id,
    struct kept_post *k)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query_row(a, reqid, &q[Q_FIND], &res, "bi", h, (size_t)32,
	    user_id)) != KERR_OK)
		return e;
	k->path = db_str(&res, 0, 0);
	k->body = db_str(&res, 0, 1);
	k->files_dropped = db_ll(&res, 0, 2) != 0;
	return KERR_OK;
}

enum kerr
db_kept_delete(const char *reqid, const unsigned char h[32])
{
	return db_exec(reqid, &q[Q_DELETE], NULL, NULL, "b", h, (size_t)32);
}
