/* h_home.c - the start page for each role, the health check and the accessibility statement. */
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db.h"
#include "db/db_home.h"
#include "domain/labels.h"
#include "domain/project_status.h"
#include "http/app.h"
#include "http/req.h"
#include "pages/h_home.h"
#include "views/page.h"
#include "views/view.h"

static int
home_applicant(struct req *r)
{
	struct home_org h;
	struct vobj *o;
	enum kerr e;
	size_t i;

	if ((e = db_home_org(r->a, r->id, r->sess->data_version, r->lang,
	    r->sess->user.org_id, &h)) != KERR_OK)
		return http_status(e);
	vobj_str(r->view, "title", r->sess->user.org_name);
	for (i = 0; i < h.nreports; i++) {
		o = vobj_push(r->view, "reports");
		vobj_str(o, "project_code", h.reports[i].project_code);
		vobj_str(o, "project_title", h.reports[i].project_title);
		vobj_str(o, "project_href", arena_printf(r->a, "/projects/%s",
		    h.reports[i].project_code));
		vobj_str(o, "href", arena_printf(r->a, "/reports/%lld", h.reports[i].id));
		vobj_str(o, "kind", label(r->lang, h.reports[i].kind));
		if (strcmp(h.reports[i].kind, "progress") == 0)
			vobj_int(o, "year", h.reports[i].year);
		vobj_str(o, "status", h.reports[i].status);
		vobj_str(o, "status_label", label_report(r->lang, h.reports[i].status));
		vobj_str(o, "due", h.reports[i].due);
		view_days(r, o, h.reports[i].days_left);
	}
	for (i = 0; i < h.napps; i++) {
		o = vobj_push(r->view, "apps");
		vobj_int(o, "id", h.apps[i].id);
		vobj_str(o, "title", h.apps[i].title);
		vobj_str(o, "round", h.apps[i].round);
		vobj_str(o, "type", label(r->lang, h.apps[i].type));
		vobj_str(o, "status", h.apps[i].status);
		vobj_str(o, "status_label", label(r->lang, h.apps[i].status));
		vobj_str(o, "country", h.apps[i].country);
		vobj_str(o, "updated", h.apps[i].updated);
	}
	for (i = 0; i < h.nprojects; i++) {
		o = vobj_push(r->view, "projects");
		vobj_str(o, "code", h.projects[i].code);
		vobj_str(o, "title", h.projects[i].title);
		vobj_str(o, "country", h.projects[i].country);
		vobj_str(o, "partner", h.projects[i].partner);
		vobj_str(o, "status", project_status_on(h.projects[i].status, h.projects[i].starts,
		    app_today()));
		vobj_str(o, "status_label", project_status_label(r->a, r->lang, h.projects[i].status,
		    h.projects[i].starts, app_today()));
		vobj_str(o, "start", h.projects[i].start);
		vobj_str(o, "end", h.projects[i].end);
		vobj_str(o, "budget", fmt_amount(r->a, h.projects[i].budget, r->lang));
	}
	for (i = 0; i < h.ndecisions; i++) {
		int approved = strcmp(h.decisions[i].outcome, "approve") == 0;

		o = vobj_push(r->view, "decisions");
		vobj_int(o, "id", h.decisions[i].id);
		vobj_str(o, "title", h.decisions[i].title);
		vobj_str(o, "outcome", approved ? "approved" : "rejected");
		vobj_str(o, "outcome_label", label(r->lang, approved ?
		    "approved" : "rejected"));
		vobj_str(o, "decided", h.decisions[i].decided);
		vobj_str(o, "project_code", h.decisions[i].project_code);
	}
	vobj_bool(r->view, "has_decisions", h.ndecisions > 0);
	vobj_bool(r->view, "has_reports", h.nreports > 0);
	vobj_bool(r->view, "has_apps", h.napps > 0);
	vobj_bool(r->view, "has_projects", h.nprojects > 0);
	return render(r, TPL_HOME_APPLICANT);
}

static long long
count_of(const struct count *c, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i].key != NULL && strcmp(c[i].key, key) == 0)
			return c[i].n;
	return 0;
}

/*
 * Rows of counts under parent's key list, with bar widths for the charts,
 * each named by word (a status's words) or, when it is NULL, by its label.
 */
static void
view_counts(struct req *r, struct vobj *parent, const char *list,
    const struct count *c, size_t n, const char *(*word)(enum lang, const char *))
{
	long long max = 1;
	struct vobj *o;
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i].n > max)
			max = c[i].n;
	for (i = 0; i < n; i++) {
		o = vobj_push(parent, list);
		vobj_str(o, "key", c[i].key);
		vobj_str(o, "label", word != NULL ? word(r->lang, c[i].key) :
		    c[i].label != NULL ? c[i].label : c[i].key);
		vobj_str(o, "n", fmt_number(r->a, c[i].n, r->lang));
		vobj_str(o, "amount", fmt_amount(r->a, c[i].amount, r->lang));
		/* Bar widths for the server-drawn charts, in per cent of the largest. */
		vobj_int(o, "bar", c[i].n * 100 / max);
	}
}

static int
home_programme(struct req *r)
{
	struct home_programme h;
	struct vobj *t;
	enum kerr e;
	size_t i;

	if ((e = db_home_programme(r->a, r->id, r->sess->data_version, r->lang, &h)) != KERR_OK)
		return http_status(e);
	vobj_str(r->view, "title", i18n_tr(r->lang, N_("The programme at a glance")));
	vobj_str(r->view, "active_projects", fmt_number(r->a,
	    count_of(h.project_status, h.nproject_status, "implementation") +
	    count_of(h.project_status, h.nproject_status, "finalisation"), r->lang));
	vobj_str(r->view, "awaiting_decision", fmt_number(r->a,
	    count_of(h.app_status, h.napp_status, "submitted") +
	    count_of(h.app_status, h.napp_status, "under_review"), r->lang));
	vobj_str(r->view, "reports_submitted", fmt_number(r->a,
	    count_of(h.report_status, h.nreport_status, "submitted"), r->lang));
	vobj_str(r->view, "overdue", fmt_number(r->a, h.overdue, r->lang));
	vobj_str(r->view, "orgs", fmt_number(r->a, h.orgs, r->lang));
	view_counts(r, r->view, "app_status", h.app_status, h.napp_status, label);
	view_counts(r, r->view, "project_status", h.project_status, h.nproject_status,
	    project_status_word);
	view_counts(r, r->view, "rounds", h.rounds, h.nrounds, NULL);
	/*
	 * The country tables share one partial: each is an object with its
	 * heading and rows. The latest decided round, and the one before it
	 * beside it while the latest is still being decided, so that a first
	 * decision in a new round does not hide the round before.
	 */
	for (i = 0; i < sizeof(h.decided) / sizeof(h.decided[0]) && h.decided[i].year > 0; i++) {
		t = vobj_push(r->view, "decided_rounds");
		vobj_str(t, "heading", arena_printf(r->a, "%s %d, %s", i18n_tr(r->lang,
		    i == 0 && !h.decided[0].done ? N_("Approved so far in the round of") :
		    N_("Approved in the round of")), h.decided[i].year,
		    i18n_tr(r->lang, N_("by country"))));
		view_counts(r, t, "rows", h.decided[i].by_country, h.decided[i].n, NULL);
	}
	vobj_bool(r->view, "has_decided_rounds", h.decided[0].year > 0);
	t = vobj_obj(r->view, "countries");
	vobj_str(t, "heading", i18n_tr(r->lang, N_("Projects under way by country")));
	view_counts(r, t, "rows", h.countries, h.ncountries, NULL);
	return render(r, TPL_HOME_PROGRAMME);
}

/* GET / -> 200 the role's start page | 503 */
int
h_home(struct req *r)
{
	if (r->sess->user.role == ROLE_APPLICANT)
		return home_applicant(r);
	return home_programme(r);
}

/* GET /healthz -> 200 "ok" | 503 "unavailable" (for load balancers and monitoring) */
int
h_health(struct req *r)
{
	enum kerr e = db_ping(r->id);

	r->content_type = "text/plain; charset=utf-8";
	buf_puts(&r->body, e == KERR_OK ? "ok\n" : "unavailable\n");
	return e == KERR_OK ? 200 : 503;
}

/* GET /accessibility -> 200 */
int
h_accessibility(struct req *r)
{
	vobj_str(r->view, "title", i18n_tr(r->lang, N_("Accessibility statement")));
	return render(r, TPL_ACCESSIBILITY);
}
