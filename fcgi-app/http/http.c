/* http.c - building the response: headers, cookies, redirects, rendering, CSRF. */
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "core/log.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/req.h"
#include "views/tpl.h"
#include "views/view.h"

const char *
req_form(const struct req *r, const char *name)
{
	return form_get(&r->form, name);
}

const char *
req_query(const struct req *r, const char *name)
{
	return form_get(&r->query, name);
}

const char *
req_cookie(const struct req *r, const char *name)
{
	return form_get(&r->cookies, name);
}

void
resp_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders == REQ_MAXHEADERS) {
		log_err(r->id, "too many response headers, dropped %s", name);
		return;
	}
	r->headers[r->nheaders].name = name;
	r->headers[r->nheaders].value = value;
	r->nheaders++;
}

void
resp_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	const char *age = max_age < 0 ? "" :
	    arena_printf(r->a, "; Max-Age=%ld", max_age);

	resp_header(r, "Set-Cookie", arena_printf(r->a,
	    "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name, value, age,
	    app.conf.secure_cookies || r->https ? "; Secure" : ""));
}

void
resp_public(struct req *r, int max_age)
{
	if (r->sess == NULL)
		r->public_max_age = max_age;
}

static void
close_fd(void *arg)
{
	int *fd = arg;

	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

void
resp_file(struct req *r, int fd)
{
	int *kept = arena_alloc(r->a, sizeof(*kept));

	*kept = fd;
	arena_cleanup_add(r->a, close_fd, kept);
	r->body_fd = fd;
}

int
redirect(struct req *r, const char *location)
{
	resp_header(r, "Location", local_path_ok(location) ? location : "/");
	return 303;
}

int
render(struct req *r, int tpl)
{
	enum kerr e;

	e = tpl_render(app.tpl, app.tpl_index[tpl], r->lang, r->view, r->layout, &r->body);
	if (e != KERR_OK) {
		log_err(r->id, "tpl_render(%d) failed: %d", tpl, e);
		buf_reset(&r->body);
		return 500;
	}
	return r->status ? r->status : 200;
}

const char *const view_layout_names[] = {
	"lang_code", "lang_sv", "lang_en", "lang_by_get", "csrf", "reqid", "here",
	"signed_in", "user_name", "user_org", "is_admin", "is_sida", "is_applicant", NULL
};

void
view_lang(struct req *r, enum lang l)
{
	r->lang = l;
	vobj_str(r->layout, "lang_code", i18n_code(l));
	vobj_bool(r->layout, "lang_sv", l == LANG_SV);
	vobj_bool(r->layout, "lang_en", l == LANG_EN);
}

void
view_here(struct req *r, const char *path)
{
	vobj_str(r->layout, "here", path);
}

void
view_layout(struct req *r)
{
	struct vobj *v = r->layout;

	view_lang(r, r->lang);
	vobj_str(v, "csrf", r->csrf);
	/* Without a token (ROUTE_COOKIELESS) the language switch is a GET form (h_language_get). */
	vobj_bool(v, "lang_by_get", *r->csrf == '\0');
	vobj_str(v, "reqid", r->id);
	view_here(r, r->query_string[0] != '\0' ?
	    arena_printf(r->a, "%s?%s", r->path, r->query_string) : r->path);
	if (r->sess != NULL) {
		const struct user *u = &r->sess->user;

		vobj_bool(v, "signed_in", 1);
		vobj_str(v, "user_name", u->name);
		vobj_str(v, "user_org", u->org_name);
		vobj_bool(v, "is_admin", u->role == ROLE_ADMIN);
		vobj_bool(v, "is_sida", u->role == ROLE_SIDA);
		vobj_bool(v, "is_applicant", u->role == ROLE_APPLICANT);
	}
}

void
view_error(struct req *r, const char *field, const char *text)
{
	struct vobj *e = vobj_push(r->view, "errors");

	vobj_bool(r->view, "has_errors", 1);
	vobj_str(e, "field", field);
	vobj_str(e, "text", text);
}

void
view_crumb(struct req *r, const char *href, const char *text)
{
	struct vobj *c = vobj_push(r->view, "crumbs");

	vobj_bool(r->view, "breadcrumbs", 1);
	vobj_str(c, "href", href);
	vobj_str(c, "text", text);
}

int
http_status(enum kerr e)
{
	switch (e) {
	case KERR_OK:
		return 200;
	case KERR_NOTFOUND:
		return 404;
	case KERR_FORBIDDEN:
		return 403;
	case KERR_BADREQ:
	case KERR_INVALID:
		return 400;
	case KERR_METHOD:
		return 405;
	case KERR_TOOLARGE:
		return 413;
	case KERR_CONFLICT:
		return 409;
	case KERR_DB:
		return 503;
	default:
		return 500;
	}
}

int
csrf_ok(const struct req *r)
{
	const char *sent = req_form(r, "csrf");

	if (r->sess != NULL)
		return auth_equal(sent, r->sess->csrf);
	if (r->lapsed_csrf != NULL)
		return auth_equal(sent, r->lapsed_csrf);
	return auth_equal(sent, req_cookie(r, "kpp_pre"));
}
