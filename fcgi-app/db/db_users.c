/* db_users.c - SQL for accounts: the operator's commands, the admins' list and changes, and password links. */
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_auth.h"
#include "db/db_outbox.h"
#include "db/db_users.h"
#include "http/req.h"

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

/* Read by users_of(). */
#define USER_COLUMNS "SELECT u.id, u.email, u.name, u.role, u.lang, u.org_id, o.name, " \
	"u.active, u.password_hash IS NOT NULL, " \
	"DATE_FORMAT(u.last_login_at, '%Y-%m-%d %H:%i:%s'), " \
	"(SELECT DATE_FORMAT(MAX(l.expires_at), '%Y-%m-%d %H:%i:%s') FROM password_links l " \
	"WHERE l.user_id = u.id AND l.expires_at > UTC_TIMESTAMP()) " \
	"FROM users u LEFT JOIN organisations o ON o.id = u.org_id "

/* Each filter is a pair: NULL (0, -1) for all, else the value; the search looks in names and addresses. */
#define USER_WHERE "WHERE (? IS NULL OR u.role = ?) AND (? = 0 OR u.org_id = ?) " \
	"AND (? < 0 OR u.active = ?) " \
	"AND (? IS NULL OR " DB_LIKE("u.name") " OR " DB_LIKE("u.email") ") "

#define USER_LIST(order) { USER_COLUMNS USER_WHERE "ORDER BY " order " LIMIT ? OFFSET ?", NULL, 0 }

/* The link's expiry, in UTC as fmt_time() reads it. */
#define LINK_EXPIRY "DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i:%s')"

enum uq {
	/* One statement per sort column and direction, in enum user_sort order, ascending first. */
	U_LIST,
	U_LIST_NAME_DESC,
	U_LIST_EMAIL,
	U_LIST_EMAIL_DESC,
	U_LIST_ORG,
	U_LIST_ORG_DESC,
	U_LIST_LOGIN,
	U_LIST_LOGIN_DESC,
	U_COUNT,
	U_GET,
	U_LOCK,
	U_INSERT,
	U_BY_TOKEN,
	U_SET_ACTIVE,
	U_SET_PASSWORD,
	U_END_SESSIONS,
	U_END_LINKS,
	U_LINK_INSERT,
	U_LINK_EXPIRY,
	U_LINK_FIND,
	U_LINK_LOCK,
	U_BY_EMAIL,
	U_REQ_PURGE,
	U_REQ_COUNT,
	U_REQ_INSERT,
	U_PREFS,
	U_PREFS_LOCK,
	U_PREFS_SET,
	U__MAX
};

static struct dbstmt uq[U__MAX] = {
	/* The id last: a stable order for paging through equal names. */
	[U_LIST] = USER_LIST("u.name, u.id"),
	[U_LIST_NAME_DESC] = USER_LIST("u.name DESC, u.id DESC"),
	[U_LIST_EMAIL] = USER_LIST("u.email, u.id"),
	[U_LIST_EMAIL_DESC] = USER_LIST("u.email DESC, u.id DESC"),
	/* Accounts of no organisation (ICLD, Sida) come first. */
	[U_LIST_ORG] = USER_LIST("o.name, u.name, u.id"),
	[U_LIST_ORG_DESC] = USER_LIST("o.name DESC, u.name, u.id"),
	/* Never signed in comes first; descending, the latest first. */
	[U_LIST_LOGIN] = USER_LIST("u.last_login_at, u.name, u.id"),
	[U_LIST_LOGIN_DESC] = USER_LIST("u.last_login_at DESC, u.name, u.id"),
	[U_COUNT] = { "SELECT COUNT(*) FROM users u " USER_WHERE, NULL, 0 },
	[U_GET] = { USER_COLUMNS "WHERE u.id = ?", NULL, 0 },
	/* Inside a change's transaction: the account as it stands, for the audit's "before" (the columns of users_of(), only the row itself locked). */
	[U_LOCK] = { "SELECT u.id, u.email, u.name, u.role, u.lang, u.org_id, NULL, u.active, "
	    "u.password_hash IS NOT NULL, NULL, NULL FROM users u WHERE u.id = ? FOR UPDATE",
	    NULL, 0 },
	[U_INSERT] = { "INSERT INTO users (email, password_hash, name, role, org_id, lang, "
	    "active, create_token) VALUES (?, NULL, ?, ?, ?, ?, 1, ?)", NULL, 0 },
	[U_BY_TOKEN] = { "SELECT id FROM users WHERE create_token = ?", NULL, 0 },
	[U_SET_ACTIVE] = { "UPDATE users SET active = ?, version = version + 1 WHERE id = ?",
	    NULL, 0 },
	[U_SET_PASSWORD] = { "UPDATE users SET password_hash = ?, version = version + 1 "
	    "WHERE id = ?", NULL, 0 },
	[U_END_SESSIONS] = { "DELETE FROM sessions WHERE user_id = ?", NULL, 0 },
	[U_END_LINKS] = { "DELETE FROM password_links WHERE user_id = ?", NULL, 0 },
	/*
	 * A link lives [app] link hours of real time, so it is made and
	 * judged on the database's real clock, never on the programme's date
	 * (app_stamp()), which a demo sets years back.
	 */
	[U_LINK_INSERT] = { "INSERT INTO password_links (token_hash, user_id, created_by, "
	    "created_at, expires_at) VALUES (?, ?, NULLIF(?, 0), UTC_TIMESTAMP(), "
	    "UTC_TIMESTAMP() + INTERVAL ? HOUR)", NULL, 0 },
	[U_LINK_EXPIRY] = { "SELECT " LINK_EXPIRY " FROM password_links WHERE token_hash = ?",
	    NULL, 0 },
	[U_LINK_FIND] = { "SELECT u.id, u.email, u.name, u.lang FROM password_links l "
	    "JOIN users u ON u.id = l.user_id WHERE l.token_hash = ? "
	    "AND l.expires_at > UTC_TIMESTAMP() AND u.active = 1", NULL, 0 },
	/* The same inside the transaction that uses the link: a second use waits, then finds none. */
	[U_LINK_LOCK] = { "SELECT u.id FROM password_links l "
	    "JOIN users u ON u.id = l.user_id WHERE l.token_hash = ? "
	    "AND l.expires_at > UTC_TIMESTAMP() AND u.active = 1 FOR UPDATE", NULL, 0 },
	[U_BY_EMAIL] = { USER_COLUMNS "WHERE u.email = ? AND u.active = 1", NULL, 0 },
	/* "Forgot your password?": the links mailed lately, on the real clock as the links themselves. */
	[U_REQ_PURGE] = { "DELETE FROM password_requests "
	    "WHERE created_at < UTC_TIMESTAMP() - INTERVAL 1 DAY", NULL, 0 },
	[U_REQ_COUNT] = { "SELECT (SELECT COUNT(*) FROM password_requests WHERE email = ? "
	    "AND created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR), "
	    "(SELECT COUNT(*) FROM password_requests WHERE user_id = ? "
	    "AND created_at > UTC_TIMESTAMP() - INTERVAL 1 DAY)", NULL, 0 },
	[U_REQ_INSERT] = { "INSERT INTO password_requests (email, user_id, created_at) "
	    "VALUES (?, ?, UTC_TIMESTAMP())", NULL, 0 },
	[U_PREFS] = { "SELECT lang, mail_kinds, version FROM users WHERE id = ?", NULL, 0 },
	[U_PREFS_LOCK] = { "SELECT lang, mail_kinds, version FROM users WHERE id = ? FOR UPDATE",
	    NULL, 0 },
	[U_PREFS_SET] = { "UPDATE users SET lang = ?, mail_kinds = ?, version = version + 1 "
	    "WHERE id = ? AND version = ?", NULL, 0 },
};

/* Rows of USER_COLUMNS into out; returns how many. */
static size_t
users_of(const struct dbres *res, struct user_row *out)
{
	size_t i;

	for (i = 0; i < res->nrows; i++) {
		char **c = res->rows[i];

		out[i].id = db_ll(res, i, 0);
		out[i].email = c[1];
		out[i].name = c[2];
		out[i].role = c[3];
		out[i].lang = c[4];
		out[i].org_id = db_ll(res, i, 5);
		out[i].org_name = c[6];
		out[i].active = db_ll(res, i, 7) != 0;
		out[i].has_password = db_ll(res, i, 8) != 0;
		out[i].last_login = c[9];
		out[i].link_expires = c[10];
	}
	return res->nrows;
}

enum kerr
db_user_page(struct arena *a, const char *reqid, const struct user_filter *f, struct user_row **out,
    size_t *n, long long *total)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(a, reqid, &uq[U_COUNT], &res, "ssiiiisss", f->role,
	    f->role, f->org_id, f->org_id, (long long)f->active, (long long)f->active,
	    f->like, f->like, f->like)) != KERR_OK)
		return e;
	*total = db_ll(&res, 0, 0);
	if ((e = db_query(a, reqid, &uq[U_LIST + f->sort * 2 + (f->desc != 0)], &res,
	    "ssiiiisssii", f->role, f->role, f->org_id, f->org_id, (long long)f->active,
	    (long long)f->active, f->like, f->like, f->like, f->limit,
	    f->offset)) != KERR_OK)
		return e;
	*out = arena_calloc(a, res.nrows + 1, sizeof(**out));
	*n = users_of(&res, *out);
	return KERR_OK;
}

enum kerr
db_user_get(struct arena *a, const char *reqid, long long id, struct user_row *out)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(a, reqid, &uq[U_GET], &res, "i", id)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	users_of(&res, out);
	return KERR_OK;
}

/* An account as the audit log records it. */
static const char *
user_json(struct req *r, const char *email, const char *name, const char *role,
    long long org_id, const char *lang, int active)
{
	return arena_printf(r->a, "{\"email\": %s, \"name\": %s, \"role\": %s, "
	    "\"org_id\": %s, \"lang\": %s, \"active\": %d}", json_str(r->a, email),
	    json_str(r->a, name), json_str(r->a, role), org_id != 0 ?
	    arena_printf(r->a, "%lld", org_id) : "null", json_str(r->a, lang), active);
}

/*
 * Inside a transaction: a new link for user_id working hours, made by the
 * signed-in admin (none: asked for by the person), its expiry in *expires;
 * then mail, the link's message, queued to user_id (NULL: none).
 */
static enum kerr
insert_link(struct req *r, long long user_id, const unsigned char h[32], int hours,
    struct outbox_send *mail, const char **expires)
{
	struct dbres res;
	enum kerr e;

	if (mail != NULL) {
		mail->to = OUTBOX_TO_USER;
		mail->to_id = user_id;
		if ((e = db_outbox_send(r->id, mail, NULL)) != KERR_OK)
			return e;
	}
	if ((e = db_exec(r->id, &uq[U_LINK_INSERT], NULL, NULL, "biii", h, (size_t)32,
	    user_id, r->sess != NULL ? r->sess->user.id : 0LL, (long long)hours)) != KERR_OK ||
	    (e = db_query(r->a, r->id, &uq[U_LINK_EXPIRY], &res, "b", h,
	    (size_t)32)) != KERR_OK)
		return e;
	*expires = res.nrows > 0 ? db_str(&res, 0, 0) : "";
	return KERR_OK;
}

enum kerr
db_user_create(struct req *r, const struct user_new *u, const char *token,
    const unsigned char link_hash[32], struct outbox_send *mail, long long *id,
    const char **expires)
{
	unsigned long long newid = 0;
	struct dbres res;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_exec(r->id, &uq[U_INSERT], NULL, &newid, "ssssss", u->email,
	    u->name, u->role, u->org_id != 0 ? arena_printf(r->a, "%lld", u->org_id) :
	    NULL, u->lang, token)) != KERR_OK)
		goto out;
	*id = (long long)newid;
	if ((e = insert_link(r, *id, link_hash, USER_LINK_HOURS, mail, expires)) != KERR_OK ||
	    (e = db_audit(r, 0, "user.create", "user", *id, NULL, user_json(r,
	    u->email, u->name, u->role, u->org_id, u->lang, 1))) != KERR_OK)
		goto out;
	e = db_commit(r->id);
out:
	if (e == KERR_OK)
		return KERR_OK;
	db_rollback(r->id);
	if (e != KERR_CONFLICT)
		return e;
	/* One of the two unique keys: the form's token (sent before) or the email address. */
	if ((e = db_query(r->a, r->id, &uq[U_BY_TOKEN], &res, "s", token)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_INVALID;
	*id = db_ll(&res, 0, 0);
	return KERR_CONFLICT;
}

enum kerr
db_user_set_active(struct req *r, long long id, int active, int *changed)
{
	struct user_row u;
	struct dbres res;
	enum kerr e;

	*changed = 0;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &uq[U_LOCK], &res, "i", id)) != KERR_OK)
		goto out;
	users_of(&res, &u);
	if (u.active == (active != 0))
		goto out;
	if ((e = db_exec(r->id, &uq[U_SET_ACTIVE], NULL, NULL, "ii",
	    (long long)(active != 0), id)) != KERR_OK)
		goto out;
	/* Signed out at once, and no link left to choose a password with. */
	if (!active && ((e = db_exec(r->id, &uq[U_END_SESSIONS], NULL, NULL, "i",
	    id)) != KERR_OK || (e = db_exec(r->id, &uq[U_END_LINKS], NULL, NULL,
	    "i", id)) != KERR_OK))
		goto out;
	if ((e = db_audit(r, 0, active ? "user.reactivate" : "user.deactivate", "user",
	    id, user_json(r, u.email, u.name, u.role, u.org_id, u.lang, u.active),
	    user_json(r, u.email, u.name, u.role, u.org_id, u.lang, active != 0))) != KERR_OK)
		goto out;
	if ((e = db_commit(r->id)) == KERR_OK)
		*changed = 1;
	return e;
out:
	db_rollback(r->id);
	return e;
}

/*
 * A new link for account id, locked and active (else KERR_INVALID), ending
 * its earlier ones, with its audit row and its mail, in one transaction.
 * email: the address typed for "Forgot your password?", whose request is
 * counted (KERR_CONFLICT beyond the limits, nothing written) and made by
 * the account itself; NULL for one the signed-in admin makes.
 */
static enum kerr
new_link(struct req *r, long long id, const char *email, const unsigned char link_hash[32],
    struct outbox_send *mail, const char **expires)
{
	struct user_row u;
	struct dbres res;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	/* The account's row, locked: its links and requests change one at a time. */
	if ((e = db_query_row(r->a, r->id, &uq[U_LOCK], &res, "i", id)) != KERR_OK)
		goto out;
	users_of(&res, &u);
	if (!u.active) {
		e = KERR_INVALID;
		goto out;
	}
	if (email != NULL && ((e = db_exec(r->id, &uq[U_REQ_PURGE], NULL, NULL, "")) != KERR_OK ||
	    (e = db_query(r->a, r->id, &uq[U_REQ_COUNT], &res, "si", email, id)) != KERR_OK))
		goto out;
	if (email != NULL && (db_ll(&res, 0, 0) >= USER_FORGOT_PER_ADDRESS_HOUR ||
	    db_ll(&res, 0, 1) >= USER_FORGOT_PER_ACCOUNT_DAY)) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_exec(r->id, &uq[U_END_LINKS], NULL, NULL, "i", id)) != KERR_OK ||
	    (e = insert_link(r, id, link_hash, email != NULL ? USER_FORGOT_HOURS : USER_LINK_HOURS,
	    mail, expires)) != KERR_OK ||
	    (email != NULL && (e = db_exec(r->id, &uq[U_REQ_INSERT], NULL, NULL, "si", email,
	    id)) != KERR_OK) ||
	    (e = db_audit(r, email != NULL ? id : 0, "user.password_link", "user", id, NULL,
	    arena_printf(r->a, "{\"expires_at\": %s}", json_str(r->a, *expires)))) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

enum kerr
db_user_new_link(struct req *r, long long id, const unsigned char link_hash[32],
    struct outbox_send *mail, const char **expires)
{
	return new_link(r, id, NULL, link_hash, mail, expires);
}

enum kerr
db_link_find(struct arena *a, const char *reqid, const unsigned char h[32], struct user_row *out)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(a, reqid, &uq[U_LINK_FIND], &res, "b", h,
	    (size_t)32)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	memset(out, 0, sizeof(*out));
	out->id = db_ll(&res, 0, 0);
	out->email = db_str(&res, 0, 1);
	out->name = db_str(&res, 0, 2);
	out->lang = db_str(&res, 0, 3);
	out->active = 1;
	return KERR_OK;
}

enum kerr
db_link_use(struct req *r, const unsigned char h[32], const char *hash,
    long long *user_id)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &uq[U_LINK_LOCK], &res, "b", h,
	    (size_t)32)) != KERR_OK)
		goto out;
	*user_id = db_ll(&res, 0, 0);
	/*
	 * Sessions signed in with the old password end with it, and the failures counted against
	 * the account, from any address, were guesses at a password that is no longer its.
	 */
	if ((e = db_exec(r->id, &uq[U_SET_PASSWORD], NULL, NULL, "si", hash,
	    *user_id)) != KERR_OK ||
	    (e = db_exec(r->id, &uq[U_END_LINKS], NULL, NULL, "i", *user_id)) != KERR_OK ||
	    (e = db_exec(r->id, &uq[U_END_SESSIONS], NULL, NULL, "i", *user_id)) != KERR_OK ||
	    (e = db_login_clear_user(r->id, *user_id)) != KERR_OK ||
	    (e = db_audit(r, *user_id, "user.password_set", "user", *user_id, NULL,
	    NULL)) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

enum kerr
db_user_by_email(struct arena *a, const char *reqid, const char *email, struct user_row *out)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(a, reqid, &uq[U_BY_EMAIL], &res, "s", email)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	users_of(&res, out);
	return KERR_OK;
}

enum kerr
db_password_request(struct req *r, const char *email, long long id, const unsigned char link_hash[32],
    struct outbox_send *mail, const char **expires)
{
	return new_link(r, id, email, link_hash, mail, expires);
}

/* Rows of U_PREFS into out. */
static void
prefs_of(const struct dbres *res, struct user_prefs *out)
{
	out->lang = db_str(res, 0, 0);
	out->mail_kinds = db_str(res, 0, 1);
	out->version = (unsigned)db_ll(res, 0, 2);
}

enum kerr
db_user_prefs(struct arena *a, const char *reqid, long long id, struct user_prefs *out)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query_row(a, reqid, &uq[U_PREFS], &res, "i", id)) != KERR_OK)
		return e;
	prefs_of(&res, out);
	return KERR_OK;
}

/* The choices as the audit log records them. */
static const char *
prefs_json(struct req *r, const struct user_prefs *p)
{
	return arena_printf(r->a, "{\"lang\": %s, \"mail_kinds\": %s}", json_str(r->a, p->lang),
	    json_str(r->a, p->mail_kinds));
}

enum kerr
db_user_prefs_set(struct req *r, const struct user_prefs *p, unsigned *current)
{
	long long id = r->sess->user.id;
	struct user_prefs before;
	struct dbres res;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &uq[U_PREFS_LOCK], &res, "i", id)) != KERR_OK)
		goto out;
	prefs_of(&res, &before);
	*current = before.version;
	/* Saved meanwhile from another tab: that stands until this form is filled again. */
	if (before.version != p->version) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_exec(r->id, &uq[U_PREFS_SET], NULL, NULL, "ssii", p->lang, p->mail_kinds, id,
	    (long long)p->version)) != KERR_OK ||
	    (e = db_audit(r, 0, "user.account", "user", id, prefs_json(r, &before),
	    prefs_json(r, p))) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}
