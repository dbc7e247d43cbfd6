/* session.c - the session cookie: a random 256-bit token whose SHA-256 is the database key. */
#include <string.h>

#include "core/arena.h"
#include "core/log.h"
#include "db/db_auth.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/req.h"
#include "http/session.h"

enum kerr
session_load(struct req *r)
{
	unsigned char h[32];
	struct session *s;
	enum kerr e;
	int stale;

	if (auth_token_hash(req_cookie(r, SESSION_COOKIE), h) != 0)
		return KERR_OK;
	s = arena_calloc(r->a, 1, sizeof(*s));
	e = db_session_find(r->a, r->id, h, s, &stale);
	if (e == KERR_NOTFOUND)
		return KERR_OK;
	if (e != KERR_OK)
		return e;
	/* Refreshing at most once a minute keeps reads from costing a write each. */
	if (stale && (e = db_session_touch(r->id, h)) != KERR_OK)
		return e;
	r->sess = s;
	return KERR_OK;
}

enum kerr
session_lapsed(struct req *r, long long *user_id)
{
	unsigned char h[32];
	const char *csrf;
	enum kerr e;

	if (auth_token_hash(req_cookie(r, SESSION_COOKIE), h) != 0)
		return KERR_NOTFOUND;
	if ((e = db_session_lapsed(r->a, r->id, h, user_id, &csrf)) != KERR_OK)
		return e;
	r->lapsed_csrf = csrf;
	return KERR_OK;
}

enum kerr
session_start(struct req *r, long long user_id)
{
	char token[AUTH_TOKEN_HEX], csrf[AUTH_TOKEN_HEX];
	unsigned char h[32];
	enum kerr e;

	auth_token_new(token);
	auth_token_new(csrf);
	if (auth_token_hash(token, h) != 0)
		return KERR_SYSTEM;
	if ((e = db_session_insert(r->id, r->remote_addr, h, user_id, csrf)) != KERR_OK)
		return e;
	/* The cookie lasts as long as the session can. */
	resp_cookie(r, SESSION_COOKIE, arena_strdup(r->a, token),
	    (long)app.conf.session_absolute_hours * 3600);
	return KERR_OK;
}

enum kerr
session_end(struct req *r)
{
	enum kerr e;

	if (r->sess == NULL)
		return KERR_OK;
	if ((e = db_session_delete(r->id, r->sess->token_hash)) != KERR_OK)
		return e;
	resp_cookie(r, SESSION_COOKIE, "", 0);
	return KERR_OK;
}
