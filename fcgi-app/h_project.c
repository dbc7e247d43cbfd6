/* h_project.c - a project page: its budget per year, what has been paid and its reports. */
#include <string.h>

#include "app.h"
#include "arena.h"
#include "db_project.h"
#include "fmt.h"
#include "handlers.h"
#include "i18n.h"
#include "labels.h"
#include "req.h"
#include "view.h"

/* Project codes are <year>-<four digits>; anything else cannot name one. */
static int
code_ok(const char *s)
{
	return s != NULL && strlen(s) == 9 && strspn(s, "0123456789") == 4 &&
	    s[4] == '-' && strspn(s + 5, "0123456789") == 4;
}

/* GET /projects/{code} -> 200 | 404 (also another organisation's) | 503 */
int
h_project_show(struct req *r)
{
	struct project_view p;
	struct vobj *v = r->view, *o;
	long long total = 0, paid = 0;
	enum kerr e;
	size_t i;

	if (!code_ok(r->args[0]))
		return 404;
	if ((e = db_project_get(r, r->args[0], confined_org(r), &p)) != KERR_OK)
		return http_status(e);
	vobj_str(v, "title", i18n_pick(r->lang, p.title_sv, p.title_en));
	vobj_str(v, "code", p.code);
	vobj_str(v, "status", p.status);
	vobj_str(v, "status_label", label(r->lang, p.status));
	vobj_str(v, "type", label(r->lang, p.type));
	vobj_str(v, "start", p.start);
	vobj_str(v, "end", p.end);
	vobj_str(v, "country", i18n_pick(r->lang, p.country_sv, p.country_en));
	vobj_str(v, "org_name_applicant", p.org_name);
	vobj_str(v, "partners", p.partners);
	if (r->sess->user.role != ROLE_SIDA)
		vobj_str(v, "application_href", arena_printf(r->a,
		    "/applications/%lld", p.application_id));
	for (i = 0; i < p.nyears; i++) {
		o = vobj_push(v, "years");
		vobj_int(o, "year", p.years[i].year);
		vobj_str(o, "starts", p.years[i].starts);
		vobj_str(o, "ends", p.years[i].ends);
		vobj_str(o, "amount", fmt_amount(r->a, p.years[i].amount, r->lang));
		vobj_str(o, "paid", fmt_amount(r->a, p.years[i].paid, r->lang));
		total += p.years[i].amount;
		paid += p.years[i].paid;
	}
	vobj_str(v, "total", fmt_amount(r->a, total, r->lang));
	vobj_str(v, "total_paid", fmt_amount(r->a, paid, r->lang));
	for (i = 0; i < p.nreports; i++) {
		o = vobj_push(v, "reports");
		vobj_str(o, "kind", label(r->lang, p.reports[i].kind));
		if (strcmp(p.reports[i].kind, "progress") == 0)
			vobj_int(o, "year", p.reports[i].year);
		vobj_str(o, "status", p.reports[i].status);
		vobj_str(o, "status_label", label(r->lang, p.reports[i].status));
		vobj_str(o, "due", p.reports[i].due);
	}
	vobj_bool(v, "breadcrumbs", 1);
	o = vobj_push(v, "crumbs");
	vobj_str(o, "href", arena_printf(r->a, "/projects/%s", p.code));
	vobj_str(o, "text", p.code);
	return render(r, TPL_PROJECT);
}
