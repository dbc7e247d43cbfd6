/* kept.c - a form posted after its session lapsed, kept server-side for its author only. */
#include <string.h>

#include "core/arena.h"
#include "core/log.h"
#include "db/db_kept.h"
#include "http/auth.h"
#include "http/form.h"
#include "http/kept.h"
#include "http/req.h"
#include "http/upload.h"

int
kept_keep(struct req *r, long long user_id)
{
	char token[AUTH_TOKEN_HEX];
	unsigned char h[32];
	const char *body = form_encode(r->a, &r->form, "csrf");
	int files = 0;
	size_t i;
	enum kerr e;

	/* Signing out from a page left open, say: nothing typed to keep. */
	if (*body == '\0')
		return redirect(r, "/login");
	if (strlen(body) > KEPT_BYTES)
		return 413;
	for (i = 0; i < r->nuploads; i++)
		files |= r->uploads[i].filename != NULL && *r->uploads[i].filename != '\0';
	auth_token_new(token);
	if (auth_token_hash(token, h) != 0)
		return 500;
	if ((e = db_kept_store(r->a, r->id, h, user_id, r->path, body, files, KEPT_HOURS,
	    KEPT_PER_USER)) != KERR_OK)
		return http_status(e);
	resp_cookie(r, KEPT_COOKIE, arena_strdup(r->a, token), KEPT_HOURS * 3600L);
	log_info(r->id, "session of user %lld lapsed: the form posted to %s is kept",
	    user_id, r->path);
	return redirect(r, "/login?next=" KEPT_PATH);
}

enum kerr
kept_find(struct req *r, unsigned char h[32], struct kept_post *k)
{
	if (r->sess == NULL || auth_token_hash(req_cookie(r, KEPT_COOKIE), h) != 0)
		return KERR_NOTFOUND;
	return db_kept_find(r->a, r->id, h, r->sess->user.id, k);
}

enum kerr
kept_forget(struct req *r, const unsigned char h[32])
{
	enum kerr e;

	if ((e = db_kept_delete(r->id, h)) != KERR_OK)
		return e;
	resp_cookie(r, KEPT_COOKIE, "", 0);
	return KERR_OK;
}
