/* db_auth.c - SQL for sessions, sign-in throttling and the audit log. */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "db/db_auth.h"
#include "http/app.h"

/* A pair's wrong passwords are forgotten this long after the last one, and its row purged. */
#define THROTTLE_FORGET	"INTERVAL 1 DAY"

enum q {
	Q_SESSION_FIND,
	Q_USER,
	Q_SESSION_TOUCH,
	Q_SESSION_INSERT,
	Q_SESSION_DELETE,
	Q_SESSION_PURGE,
	Q_SESSION_LAPSED,
	Q_USER_FOR_LOGIN,
	Q_USER_SET_LANG,
	Q_USER_LOGGED_IN,
	Q_THROTTLE_ROW,
	Q_THROTTLE_LOCK,
	Q_THROTTLE_REFUSED,
	Q_THROTTLE_FAILED,
	Q_THROTTLE_CLEAR,
	Q_THROTTLE_CLEAR_USER,
	Q_THROTTLE_PURGE,
	Q_AUDIT,
	Q__MAX
};

/*
 * Sessions and sign-in throttling count real elapsed time, so their SQL
 * reads the database's real clock (UTC_TIMESTAMP()): a demo's programme
 * date ([app] today) must neither keep a session alive nor end a lockout.
 * What a person or ICLD reads as a date of the programme (the audit log,
 * the last sign-in) is stamped from app_stamp() instead.
 */
static struct dbstmt q[Q__MAX] = {
	/*
	 * Every signed-in request runs this, so it touches two rows by primary
	 * key and nothing else; who the user is comes from Q_USER, cached by
	 * the data version (users' triggers move it, so a deactivation or a
	 * new language shows at once).
	 */
	[Q_SESSION_FIND] = { "SELECT s.csrf_token, s.user_id, "
	    "s.last_seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND, d.v "
	    "FROM sessions s JOIN data_version d ON d.id = 1 "
	    "WHERE s.token_hash = ? AND s.expires_at > UTC_TIMESTAMP() "
	    "AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE", NULL, 0 },
	[Q_USER] = { "SELECT u.email, u.name, u.role, u.org_id, o.name, u.lang, "
	    "u.active FROM users u LEFT JOIN organisations o ON o.id = u.org_id "
	    "WHERE u.id = ?", NULL, 0 },
	[Q_SESSION_TOUCH] = { "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() "
	    "WHERE token_hash = ?", NULL, 0 },
	[Q_SESSION_INSERT] = { "INSERT INTO sessions (token_hash, user_id, "
	    "csrf_token, created_at, last_seen_at, expires_at, ip) VALUES "
	    "(?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), "
	    "UTC_TIMESTAMP() + INTERVAL ? HOUR, ?)", NULL, 0 },
	[Q_SESSION_DELETE] = { "DELETE FROM sessions WHERE token_hash = ?", NULL, 0 },
	[Q_SESSION_PURGE] = { "DELETE FROM sessions WHERE user_id = ? AND "
	    "(expires_at < UTC_TIMESTAMP() OR "
	    "last_seen_at < UTC_TIMESTAMP() - INTERVAL ? MINUTE)", NULL, 0 },
	/* A session however old (it is kept until its user signs in again), of an active account. */
	[Q_SESSION_LAPSED] = { "SELECT s.user_id, s.csrf_token FROM sessions s "
	    "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.active = 1", NULL, 0 },
	[Q_USER_FOR_LOGIN] = { "SELECT id, password_hash, active FROM users "
	    "WHERE email = ?", NULL, 0 },
	[Q_USER_SET_LANG] = { "UPDATE users SET lang = ? WHERE id = ?", NULL, 0 },
	[Q_USER_LOGGED_IN] = { "UPDATE users SET last_login_at = ? "
	    "WHERE id = ?", NULL, 0 },
	/*
	 * Makes the pair's row and locks it, so that the first attempts of a new pair queue on it
	 * too. Not INSERT IGNORE: its shared lock on an existing row, taken by two attempts that then
	 * both ask for the exclusive one, is a deadlock; the update's lock is exclusive at once.
	 */
	[Q_THROTTLE_ROW] = { "INSERT INTO login_throttle (email, ip) VALUES (?, ?) "
	    "ON DUPLICATE KEY UPDATE email = email", NULL, 0 },
	[Q_THROTTLE_LOCK] = { "SELECT IF(last_failure_at < UTC_TIMESTAMP(6) - " THROTTLE_FORGET ", 0, "
	    "failures), GREATEST(0, COALESCE(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), blocked_until), 0)), "
	    "refused FROM login_throttle WHERE email = ? AND ip = ? FOR UPDATE", NULL, 0 },
	[Q_THROTTLE_REFUSED] = { "UPDATE login_throttle SET refused = refused + 1 "
	    "WHERE email = ? AND ip = ?", NULL, 0 },
	[Q_THROTTLE_FAILED] = { "UPDATE login_throttle SET failures = ?, "
	    "last_failure_at = UTC_TIMESTAMP(6), refused = 0, blocked_until = "
	    "IF(? > 0, UTC_TIMESTAMP() + INTERVAL ? SECOND, NULL) WHERE email = ? AND ip = ?", NULL, 0 },
	[Q_THROTTLE_CLEAR] = { "DELETE FROM login_throttle WHERE email = ? AND ip = ?", NULL, 0 },
	[Q_THROTTLE_CLEAR_USER] = { "DELETE t FROM login_throttle t JOIN users u "
	    "ON u.email = t.email WHERE u.id = ?", NULL, 0 },
	[Q_THROTTLE_PURGE] = { "DELETE FROM login_throttle WHERE "
	    "last_failure_at < UTC_TIMESTAMP(6) - " THROTTLE_FORGET " AND "
	    "(blocked_until IS NULL OR blocked_until < UTC_TIMESTAMP())", NULL, 0 },
	[Q_AUDIT] = { "INSERT INTO audit_log (at, user_id, ip, action, entity, "
	    "entity_id, before_json, after_json) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?)", NULL, 0 },
};

enum kerr
db_session_find(struct arena *a, const char *reqid, const unsigned char h[32], struct session *s,
    int *stale)
{
	struct dbres res, u;
	const char *role;
	enum kerr e;

	if ((e = db_query(a, reqid, &q[Q_SESSION_FIND], &res, "bi", h,
	    (size_t)32, (long long)app.conf.session_idle_minutes)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	memcpy(s->token_hash, h, 32);
	strncpy(s->csrf, db_str(&res, 0, 0), sizeof(s->csrf) - 1);
	s->csrf[sizeof(s->csrf) - 1] = '\0';
	s->user.id = db_ll(&res, 0, 1);
	*stale = db_ll(&res, 0, 2) != 0;
	s->data_version = (unsigned long long)db_ll(&res, 0, 3);
	if ((e = db_query_cached(a, reqid, &q[Q_USER], s->data_version, &u,
	    "i", s->user.id)) != KERR_OK)
		return e;
	/* A deactivated account's sessions end with the change. */
	if (u.nrows == 0 || db_ll(&u, 0, 6) == 0)
		return KERR_NOTFOUND;
	s->user.email = db_str(&u, 0, 0);
	s->user.name = db_str(&u, 0, 1);
	role = db_str(&u, 0, 2);
	s->user.role = strcmp(role, "admin") == 0 ? ROLE_ADMIN :
	    strcmp(role, "sida") == 0 ? ROLE_SIDA : ROLE_APPLICANT;
	s->user.org_id = db_ll(&u, 0, 3);
	s->user.org_name = db_str(&u, 0, 4);
	s->user.lang = strcmp(db_str(&u, 0, 5), "en") == 0 ? LANG_EN : LANG_SV;
	return KERR_OK;
}

enum kerr
db_session_touch(const char *reqid, const unsigned char h[32])
{
	return db_exec(reqid, &q[Q_SESSION_TOUCH], NULL, NULL, "b", h, (size_t)32);
}

enum kerr
db_session_insert(const char *reqid, const char *ip, const unsigned char h[32], long long user_id,
    const char *csrf)
{
	char now[APP_STAMP_LEN];
	enum kerr e;

	if ((e = db_exec(reqid, &q[Q_SESSION_PURGE], NULL, NULL, "ii", user_id,
	    (long long)app.conf.session_idle_minutes)) != KERR_OK)
		return e;
	if ((e = db_exec(reqid, &q[Q_SESSION_INSERT], NULL, NULL, "bisis", h,
	    (size_t)32, user_id, csrf, (long long)app.conf.session_absolute_hours,
	    ip)) != KERR_OK)
		return e;
	return db_exec(reqid, &q[Q_USER_LOGGED_IN], NULL, NULL, "si", app_stamp(now), user_id);
}

enum kerr
db_session_lapsed(struct arena *a, const char *reqid, const unsigned char h[32], long long *user_id,
    const char **csrf)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query_row(a, reqid, &q[Q_SESSION_LAPSED], &res, "b", h,
	    (size_t)32)) != KERR_OK)
		return e;
	*user_id = db_ll(&res, 0, 0);
	*csrf = db_str(&res, 0, 1);
	return KERR_OK;
}

enum kerr
db_session_delete(const char *reqid, const unsigned char h[32])
{
	return db_exec(reqid, &q[Q_SESSION_DELETE], NULL, NULL, "b", h, (size_t)32);
}

enum kerr
db_user_for_login(struct arena *a, const char *reqid, const char *email, long long *id,
    const char **hash, int *active)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(a, reqid, &q[Q_USER_FOR_LOGIN], &res, "s",
	    email)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	*id = db_ll(&res, 0, 0);
	*hash = db_str(&res, 0, 1);
	*active = db_ll(&res, 0, 2) != 0;
	return KERR_OK;
}

enum kerr
db_user_set_lang(const char *reqid, long long user_id, enum lang l)
{
	return db_exec(reqid, &q[Q_USER_SET_LANG], NULL, NULL, "si",
	    l == LANG_EN ? "en" : "sv", user_id);
}

enum kerr
db_login_lock(struct arena *a, const char *reqid, const char *email, const char *ip,
    struct login_throttle *t)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_exec(reqid, &q[Q_THROTTLE_ROW], NULL, NULL, "ss", email,
	    ip)) != KERR_OK ||
	    (e = db_query_row(a, reqid, &q[Q_THROTTLE_LOCK], &res, "ss",
	    email, ip)) != KERR_OK)
		return e;
	t->failures = db_ll(&res, 0, 0);
	t->wait = db_ll(&res, 0, 1);
	t->refused = db_ll(&res, 0, 2);
	return KERR_OK;
}

enum kerr
db_login_refused(const char *reqid, const char *email, const char *ip)
{
	return db_exec(reqid, &q[Q_THROTTLE_REFUSED], NULL, NULL, "ss", email, ip);
}

enum kerr
db_login_failed(const char *reqid, const char *email, const char *ip,
    long long failures, long long wait)
{
	return db_exec(reqid, &q[Q_THROTTLE_FAILED], NULL, NULL, "iiiss",
	    failures, wait, wait, email, ip);
}

enum kerr
db_login_cleared(const char *reqid, const char *email, const char *ip)
{
	return db_exec(reqid, &q[Q_THROTTLE_CLEAR], NULL, NULL, "ss", email, ip);
}

enum kerr
db_login_clear_user(const char *reqid, long long user_id)
{
	return db_exec(reqid, &q[Q_THROTTLE_CLEAR_USER], NULL, NULL, "i", user_id);
}

enum kerr
db_login_purge(const char *reqid)
{
	return db_exec(reqid, &q[Q_THROTTLE_PURGE], NULL, NULL, "");
}

enum kerr
db_audit(struct req *r, long long user_id, const char *action,
    const char *entity, long long entity_id, const char *before,
    const char *after)
{
	char now[APP_STAMP_LEN];
	long long who = user_id != 0 ? user_id :
	    r->sess != NULL ? r->sess->user.id : 0;

	/* Ids bind as text so that "none" can be SQL NULL. */
	return db_exec(r->id, &q[Q_AUDIT], NULL, NULL, "ssssssss", app_stamp(now),
	    who != 0 ? arena_printf(r->a, "%lld", who) : NULL, r->remote_addr,
	    action, entity,
	    entity_id != 0 ? arena_printf(r->a, "%lld", entity_id) : NULL,
	    before, after);
}

const char *
json_str(struct arena *a, const char *s)
{
	struct buf b;

	if (s == NULL)
		return "null";
	buf_init(&b, a, strlen(s) + 8);
	buf_putc(&b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			buf_printf(&b, "\\%c", c);
		else if (c < 0x20)
			buf_printf(&b, "\\u%04x", c);
		else
			buf_putc(&b, (char)c);
	}
	buf_putc(&b, '"');
	return b.data;
}
