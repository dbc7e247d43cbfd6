/* h_application.c - an application, read-only (the forms come with the application issue). */
#include <stdlib.h>

#include "app.h"
#include "arena.h"
#include "db_project.h"
#include "fmt.h"
#include "handlers.h"
#include "i18n.h"
#include "labels.h"
#include "req.h"
#include "view.h"

/* The caller's organisation when confined to one, else 0 (ICLD sees all). */
long long
confined_org(const struct req *r)
{
	return r->sess->user.role == ROLE_APPLICANT ? r->sess->user.org_id : 0;
}

/* A path segment that must be a positive id; 0 when it is not. */
long long
path_id(const char *s)
{
	char *end;
	long long v;

	if (s == NULL || *s < '1' || *s > '9')
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' && v > 0 ? v : 0;
}

/* GET /applications/{id} -> 200 | 404 (also another organisation's) | 503 */
int
h_application_show(struct req *r)
{
	struct application_view a;
	long long id = path_id(r->args[0]);
	struct vobj *v = r->view, *c;
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_application_get(r, id, confined_org(r), &a)) != KERR_OK)
		return http_status(e);
	vobj_str(v, "title", i18n_pick(r->lang, a.title_sv, a.title_en));
	vobj_int(v, "id", a.id);
	vobj_str(v, "round", i18n_pick(r->lang, a.round_sv, a.round_en));
	vobj_str(v, "type", label(r->lang, a.type));
	vobj_str(v, "status", a.status);
	vobj_str(v, "status_label", label(r->lang, a.status));
	vobj_str(v, "country", i18n_pick(r->lang, a.country_sv, a.country_en));
	vobj_str(v, "org_name_applicant", a.org_name);
	vobj_str(v, "partners", a.partners);
	vobj_str(v, "summary", i18n_pick(r->lang, a.summary_sv, a.summary_en));
	vobj_str(v, "submitted", a.submitted);
	vobj_str(v, "project_code", a.project_code);
	if (a.years > 0)
		vobj_int(v, "years", a.years);
	if (a.total > 0)
		vobj_str(v, "total", fmt_amount(r->a, a.total, r->lang));
	vobj_bool(v, "breadcrumbs", 1);
	c = vobj_push(v, "crumbs");
	vobj_str(c, "href", arena_printf(r->a, "/applications/%lld", a.id));
	vobj_str(c, "text", arena_printf(r->a, "%s %lld",
	    i18n_tr(r->lang, N_("Application")), a.id));
	return render(r, TPL_APPLICATION);
}
