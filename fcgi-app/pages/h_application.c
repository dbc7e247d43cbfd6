/* h_application.c - an application read-only (apppage.c shows it), and taking it back: withdrawing it, deleting a draft. */
#include <string.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "db/db_application.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/req.h"
#include "pages/h_application.h"
#include "views/apppage.h"
#include "views/page.h"
#include "views/view.h"

/* GET /applications/{id} -> 200 | 404 (also another organisation's) | 503 */
int
h_application_show(struct req *r)
{
	return app_page(r);
}

/*
 * The confirmation page of withdrawing or deleting (verb: the action's last segment and its
 * button's id) the application, with the form (_app_confirm_form.html) when can it still be done.
 */
static int
confirm_page(struct req *r, const struct application *a, const char *verb, const char *title,
    const char *button, int can, enum tpl page)
{
	struct vobj *v = r->view;

	vobj_str(v, "title", i18n_tr(r->lang, title));
	vobj_str(v, "app_title", app_title_or_null(r, a));
	vobj_int(v, "id", a->id);
	vobj_int(v, "version", a->version);
	vobj_str(v, "verb", verb);
	vobj_str(v, "button", i18n_tr(r->lang, button));
	vobj_bool(v, "can", can);
	view_crumb(r, arena_printf(r->a, "/applications/%lld", a->id),
	    arena_printf(r->a, "%s %lld", i18n_tr(r->lang, N_("Application")), a->id));
	return render(r, page);
}

static int
withdraw_page(struct req *r, const struct application *a)
{
	return confirm_page(r, a, "withdraw", N_("Withdraw the application?"),
	    N_("Withdraw the application"), app_withdrawable(a->status), TPL_APPLICATION_WITHDRAW);
}

/* GET /applications/{id}/withdraw -> 200 confirmation | 303 when it can't be withdrawn | 404 */
int
h_application_withdraw_form(struct req *r)
{
	struct application a;
	long long id = path_id(r->args[0]);
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_application_load(r->a, r->id, r->sess->data_version, id, confined_org(r),
	    &a, NULL)) != KERR_OK)
		return http_status(e);
	if (!app_withdrawable(a.status))
		return redirect(r, arena_printf(r->a, "/applications/%lld", id));
	return withdraw_page(r, &a);
}

/*
 * POST /applications/{id}/withdraw (version) -> 303 to the application
 * (also for a re-sent request) | 409 page when it changed or was decided
 * meanwhile | 400 | 404
 */
int
h_application_withdraw(struct req *r)
{
	struct application a;
	long long id = path_id(r->args[0]), version;
	const char *status;
	enum kerr e;

	if (id == 0)
		return 404;
	if (valid_int_range(req_form(r, "version"), 1, 4294967295LL,
	    &version) != KERR_OK)
		return 400;
	e = db_application_withdraw(r, id, r->sess->user.org_id,
	    (unsigned)version, &status);
	if (e == KERR_OK || (e == KERR_CONFLICT && strcmp(status, "withdrawn") == 0))
		return redirect(r, arena_printf(r->a, "/applications/%lld", id));
	if (e != KERR_CONFLICT)
		return http_status(e);
	if ((e = db_application_load(r->a, r->id, r->sess->data_version, id, confined_org(r),
	    &a, NULL)) != KERR_OK)
		return http_status(e);
	view_error(r, app_withdrawable(a.status) ? "withdraw" : "main",
	    i18n_tr(r->lang, app_withdrawable(a.status) ?
	    N_("The application changed while you were looking at it. Check it, and withdraw it again if you still want to.") :
	    N_("The application can no longer be withdrawn: ICLD has decided on it.")));
	r->status = 409;
	return withdraw_page(r, &a);
}

static int
delete_page(struct req *r, const struct application *a,
    const struct application_extra *x)
{
	return confirm_page(r, a, "delete", N_("Delete the draft?"), N_("Delete the draft"),
	    app_deletable(a, x), TPL_APPLICATION_DELETE);
}

/* GET /applications/{id}/delete -> 200 confirmation | 303 the application, once submitted | 404 | 503 */
int
h_application_delete_form(struct req *r)
{
	struct application a;
	struct application_extra x;
	long long id = path_id(r->args[0]);
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_application_load(r->a, r->id, r->sess->data_version, id, confined_org(r),
	    &a, &x)) != KERR_OK)
		return http_status(e);
	if (!app_deletable(&a, &x))
		return redirect(r, arena_printf(r->a, "/applications/%lld", id));
	return delete_page(r, &a, &x);
}

/*
 * POST /applications/{id}/delete (version) -> 303 the start page (also
 * for a re-sent request) | 409 page when it changed meanwhile or was
 * submitted | 400 | 404 (also once deleted, for anyone else) | 503
 */
int
h_application_delete(struct req *r)
{
	struct application a;
	struct application_extra x;
	long long id = path_id(r->args[0]), version;
	enum kerr e;
	int gone;

	if (id == 0)
		return 404;
	if (valid_int_range(req_form(r, "version"), 1, 4294967295LL,
	    &version) != KERR_OK)
		return 400;
	e = db_application_delete(r, id, r->sess->user.org_id,
	    (unsigned)version, &gone);
	if (e == KERR_OK || (e == KERR_NOTFOUND && gone))
		return redirect(r, "/#applications");
	if (e != KERR_CONFLICT && e != KERR_FORBIDDEN)
		return http_status(e);
	if ((e = db_application_load(r->a, r->id, r->sess->data_version, id, confined_org(r),
	    &a, &x)) != KERR_OK)
		return http_status(e);
	view_error(r, app_deletable(&a, &x) ? "delete" : "main",
	    i18n_tr(r->lang, app_deletable(&a, &x) ?
	    N_("The draft changed while you were looking at it. Check it, and delete it again if you still want to.") :
	    N_("The application has been submitted to ICLD, so it can no longer be deleted.")));
	r->status = 409;
	return delete_page(r, &a, &x);
}
