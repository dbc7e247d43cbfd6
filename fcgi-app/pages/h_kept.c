/* h_kept.c - a form kept after its session lapsed (kept.c): shown to its author once signed in again, and saved on their word. */
#include <stdint.h>
#include <string.h>

#include "core/i18n.h"
#include "domain/rules.h"
#include "http/app.h"
#include "http/form.h"
#include "http/kept.h"
#include "http/route.h"
#include "pages/h_kept.h"
#include "views/view.h"

/* What a form sends besides what the person typed: not shown back as theirs. */
static const char *const technical[] = {
	"version", "decision_version", "token", "action", "done", "next", "back", NULL
};

static int
is_technical(const char *name)
{
	size_t i;

	for (i = 0; technical[i] != NULL; i++)
		if (strcmp(technical[i], name) == 0)
			return 1;
	return 0;
}

/*
 * GET /kept -> 200 what was kept, with Save and Discard | 303 / when nothing is kept for the person
 * signed in (none, expired, or someone else's: they see nothing of it) | 503
 */
int
h_kept_show(struct req *r)
{
	struct kept_post k;
	struct params p;
	unsigned char h[32];
	struct vobj *v = r->view;
	size_t i;
	enum kerr e;

	if ((e = kept_find(r, h, &k)) == KERR_NOTFOUND)
		return redirect(r, "/");
	if (e != KERR_OK)
		return http_status(e);
	if (form_parse_urlencoded(r->a, k.body, strlen(k.body), SIZE_MAX, &p) != KERR_OK)
		return 500;
	vobj_str(v, "title", i18n_tr(r->lang, N_("What you sent has been kept")));
	vobj_str(v, "kept_path", k.path);
	vobj_bool(v, "files_dropped", k.files_dropped);
	for (i = 0; i < p.n; i++)
		if (!is_technical(p.v[i].name) && !rules_blank(p.v[i].value))
			vobj_str(vobj_push(v, "texts"), "text", p.v[i].value);
	return render(r, TPL_KEPT);
}

/*
 * POST /kept (action: save | discard) -> what the form's own page answers to what was kept, sent
 * now by the person signed in (303 saved, or the form with their input and its errors) | 303 the
 * page, discarded | 303 / nothing kept | 404 a page the person may not post to | 503
 */
int
h_kept_save(struct req *r)
{
	const struct route *rt;
	const char *allow, *action = req_form(r, "action");
	struct kept_post k;
	unsigned char h[32];
	enum kerr e;
	int status;

	if ((e = kept_find(r, h, &k)) == KERR_NOTFOUND)
		return redirect(r, "/");
	if (e != KERR_OK)
		return http_status(e);
	if (action == NULL || strcmp(action, "save") != 0) {
		if ((e = kept_forget(r, h)) != KERR_OK)
			return http_status(e);
		return redirect(r, route_find(METHOD_GET, k.path, NULL, r->a, &e,
		    &allow) != NULL ? k.path : "/");
	}
	/* As if posted to its page now: the person's present role decides whether they may. */
	rt = route_find(METHOD_POST, k.path, r->args, r->a, &e, &allow);
	if (rt == NULL || !(rt->may & (MAY_ANYONE | 1u << r->sess->user.role))) {
		if ((e = kept_forget(r, h)) != KERR_OK)
			return http_status(e);
		return 404;
	}
	if (form_parse_urlencoded(r->a, k.body, strlen(k.body), SIZE_MAX, &r->form) != KERR_OK)
		return 500;
	r->path = k.path;
	status = rt->handler(r);
	/* Kept until it went through: a database that did not answer loses nothing either. */
	if (status < 500 && (e = kept_forget(r, h)) != KERR_OK)
		return http_status(e);
	return status;
}
