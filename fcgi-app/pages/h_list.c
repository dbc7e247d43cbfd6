/* h_list.c - the admin lists: the inbox of submitted applications, the projects list and the reports list, with their downloads. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db_list.h"
#include "domain/application.h"
#include "domain/labels.h"
#include "domain/project_status.h"
#include "http/app.h"
#include "http/req.h"
#include "pages/h_list.h"
#include "views/export.h"
#include "views/list.h"
#include "views/page.h"
#include "views/view.h"

/* ---- the inbox ------------------------------------------------------------------------------------------ */

/* Every status an application has once submitted, in their lifecycle's order. */
static const char *const inbox_statuses[] = {
	"submitted", "under_review", "approved", "rejected", "withdrawn",
};

enum { IF_ROUND, IF_STATUS, IF_TYPE, IF_COUNTRY, IF_THEME, IF_ORG, IF__MAX };

static const struct list_filter inbox_filters[IF__MAX] = {
	[IF_ROUND] = { "round", N_("Round"), LF_ID, NULL, 0, NULL },
	[IF_STATUS] = { "status", N_("Status"), LF_ENUM, inbox_statuses,
	    sizeof(inbox_statuses) / sizeof(inbox_statuses[0]), NULL },
	[IF_TYPE] = { "type", N_("Type"), LF_ENUM, ptype_code, PT__MAX, NULL },
	[IF_COUNTRY] = { "country", N_("Country"), LF_COUNTRY, NULL, 0, NULL },
	[IF_THEME] = { "theme", N_("Thematic area"), LF_ID, NULL, 0, NULL },
	[IF_ORG] = { "org", N_("Applicant"), LF_ID, NULL, 0, NULL },
};

enum { IC_REF, IC_TITLE, IC_ORG, IC_COUNTRY, IC_TYPE, IC_THEME, IC_ROUND, IC_AMOUNT,
	IC_SUBMITTED, IC_STATUS, IC__MAX };

static const struct list_col inbox_cols[IC__MAX] = {
	[IC_REF] = { "ref", N_("No."), { INBOX_SORT_REF, INBOX_SORT_REF }, 0 },
	[IC_TITLE] = { "title", N_("Title"), { INBOX_SORT_TITLE_SV, INBOX_SORT_TITLE_EN }, 0 },
	[IC_ORG] = { "org", N_("Applicant"), { INBOX_SORT_ORG, INBOX_SORT_ORG }, 0 },
	[IC_COUNTRY] = { "country", N_("Country"),
	    { INBOX_SORT_COUNTRY_SV, INBOX_SORT_COUNTRY_EN }, 0 },
	[IC_TYPE] = { "type", N_("Type"), { INBOX_SORT_TYPE, INBOX_SORT_TYPE }, 0 },
	[IC_THEME] = { "theme", N_("Thematic area"),
	    { INBOX_SORT_THEME_SV, INBOX_SORT_THEME_EN }, 0 },
	[IC_ROUND] = { "round", N_("Round"), { INBOX_SORT_ROUND, INBOX_SORT_ROUND }, 0 },
	[IC_AMOUNT] = { "amount", N_("Amount applied for"),
	    { INBOX_SORT_AMOUNT, INBOX_SORT_AMOUNT }, 1 },
	[IC_SUBMITTED] = { "submitted", N_("Submitted"),
	    { INBOX_SORT_SUBMITTED, INBOX_SORT_SUBMITTED }, 0 },
	[IC_STATUS] = { "status", N_("Status"), { INBOX_SORT_STATUS, INBOX_SORT_STATUS }, 0 },
};

/* Newest submissions first: what a programme officer opens the inbox for. */
static const struct list_spec inbox_spec = {
	.path = "/inbox",
	.filters = inbox_filters,
	.nfilters = IF__MAX,
	.cols = inbox_cols,
	.ncols = IC__MAX,
	.default_col = IC_SUBMITTED,
	.default_desc = 1,
	.downloads = 1,
	.status_filter = IF_STATUS,
};

/* The download's columns: the page's, in the same order (widths in characters, for Excel). */
static const struct xcol inbox_xcols[IC__MAX] = {
	[IC_REF] = { N_("No."), XK_NUMBER, 8 },
	[IC_TITLE] = { N_("Title"), XK_TEXT, 50 },
	[IC_ORG] = { N_("Applicant"), XK_TEXT, 26 },
	[IC_COUNTRY] = { N_("Country"), XK_TEXT, 18 },
	[IC_TYPE] = { N_("Type"), XK_TEXT, 18 },
	[IC_THEME] = { N_("Thematic area"), XK_TEXT, 30 },
	[IC_ROUND] = { N_("Round"), XK_NUMBER, 8 },
	[IC_AMOUNT] = { N_("Amount applied for"), XK_AMOUNT, 14 },
	[IC_SUBMITTED] = { N_("Submitted"), XK_DATE, 12 },
	[IC_STATUS] = { N_("Status"), XK_TEXT, 16 },
};

static void
inbox_filter(const struct list_query *q, struct app_filter *f)
{
	*f = (struct app_filter){ q->val[IF_ROUND], q->val[IF_STATUS], q->val[IF_TYPE],
	    q->val[IF_COUNTRY], q->val[IF_THEME], q->val[IF_ORG] };
}

/* The keys of a row that both lists have: its application's (title given), and its status as a tag. */
static void
view_app(struct req *r, struct vobj *o, const struct list_app *a, const char *title)
{
	vobj_str(o, "title", title);
	vobj_str(o, "org", a->org);
	vobj_str(o, "country", i18n_pick(r->lang, a->country_sv, a->country_en));
	vobj_str(o, "type", a->type != NULL ? label(r->lang, a->type) : NULL);
	vobj_str(o, "round", a->round_year);
	vobj_str(o, "status", a->status);
	vobj_str(o, "status_label", label(r->lang, a->status));
}


/* A download's columns with their headings in the reader's language. */
static const struct xcol *
xcols_in(struct req *r, const struct xcol *src, size_t n)
{
	struct xcol *c = arena_calloc(r->a, n, sizeof(*c));
	size_t i;

	for (i = 0; i < n; i++) {
		c[i] = src[i];
		c[i].head = i18n_tr(r->lang, src[i].head);
	}
	return c;
}

/* GET /inbox -> 200 | 400 a filter, sort or page off its allow-list | 503 */
int
h_inbox(struct req *r)
{
	struct vobj *sel[LIST_MAXFILTERS], *o;
	struct app_filter f;
	struct inbox_row *rows;
	struct list_query q;
	struct list_meta m;
	long long total;
	size_t n, i;
	enum kerr e;

	if (list_query_parse(r, &inbox_spec, &q) != KERR_OK)
		return 400;
	inbox_filter(&q, &f);
	if ((e = db_inbox_meta(r, &f, &m)) != KERR_OK ||
	    (e = db_inbox_rows(r, &f, list_variant(r, &inbox_spec, &q), q.desc,
	    list_offset(&q), LIST_PAGE_SIZE, &rows, &n)) != KERR_OK)
		return http_status(e);
	vobj_str(r->view, "title", i18n_tr(r->lang, N_("Inbox")));
	view_crumb(r, "/inbox", i18n_tr(r->lang, N_("Inbox")));
	total = list_view_counts(r, &inbox_spec, &q, m.counts, m.ncounts, inbox_statuses,
	    inbox_filters[IF_STATUS].nvalues, label);
	list_view(r, &inbox_spec, &q, total, sel);
	list_view_options(&q, sel[IF_ROUND], IF_ROUND, m.rounds, m.nrounds);
	list_view_codes(r, &q, sel[IF_STATUS], IF_STATUS, inbox_statuses,
	    inbox_filters[IF_STATUS].nvalues);
	list_view_codes(r, &q, sel[IF_TYPE], IF_TYPE, ptype_code, PT__MAX);
	list_view_options(&q, sel[IF_COUNTRY], IF_COUNTRY, m.countries, m.ncountries);
	list_view_options(&q, sel[IF_THEME], IF_THEME, m.themes, m.nthemes);
	list_view_options(&q, sel[IF_ORG], IF_ORG, m.orgs, m.norgs);
	for (i = 0; i < n; i++) {
		const struct inbox_row *a = &rows[i];

		o = vobj_push(r->view, "rows");
		vobj_int(o, "id", a->id);
		view_app(r, o, &a->app, page_app_title(r, a->app.title_sv, a->app.title_en, a->id));
		vobj_str(o, "theme", i18n_pick(r->lang, a->theme_sv, a->theme_en));
		vobj_str(o, "amount", a->amount != NULL ?
		    fmt_amount(r->a, atoll(a->amount), r->lang) : NULL);
		vobj_str(o, "submitted", a->submitted);
	}
	return render(r, TPL_INBOX);
}

/* GET /inbox.csv, /inbox.xlsx: every row of the inbox as filtered and sorted, the page's columns. */
static int
inbox_download(struct req *r, int xlsx)
{
	struct app_filter f;
	struct inbox_row *rows;
	struct list_query q;
	struct xtable t;
	const char *name;
	size_t n, i;
	enum kerr e;

	if (list_query_parse(r, &inbox_spec, &q) != KERR_OK)
		return 400;
	inbox_filter(&q, &f);
	if ((e = db_inbox_rows(r, &f, list_variant(r, &inbox_spec, &q), q.desc, 0, 0,
	    &rows, &n)) != KERR_OK)
		return http_status(e);
	t.cols = xcols_in(r, inbox_xcols, IC__MAX);
	t.ncols = IC__MAX;
	t.sheet = i18n_tr(r->lang, N_("Inbox"));
	export_alloc(r, &t, n);
	for (i = 0; i < n; i++) {
		const struct inbox_row *a = &rows[i];
		const char **c = t.cells + i * IC__MAX;

		c[IC_REF] = arena_printf(r->a, "%lld", a->id);
		c[IC_TITLE] = page_app_title(r, a->app.title_sv, a->app.title_en, a->id);
		c[IC_ORG] = a->app.org;
		c[IC_COUNTRY] = i18n_pick(r->lang, a->app.country_sv, a->app.country_en);
		c[IC_TYPE] = a->app.type != NULL ? label(r->lang, a->app.type) : NULL;
		c[IC_THEME] = i18n_pick(r->lang, a->theme_sv, a->theme_en);
		c[IC_ROUND] = a->app.round_year;
		c[IC_AMOUNT] = a->amount;
		c[IC_SUBMITTED] = a->submitted;
		c[IC_STATUS] = label(r->lang, a->app.status);
	}
	name = arena_printf(r->a, "inbox-%s", app_today());
	return xlsx ? export_xlsx(r, &t, name) : export_csv(r, &t, name);
}

/* GET /inbox.csv -> 200 text/csv | 400 | 503 */
int
h_inbox_csv(struct req *r)
{
	return inbox_download(r, 0);
}

/* GET /inbox.xlsx -> 200 an Excel workbook | 400 | 500 | 503 */
int
h_inbox_xlsx(struct req *r)
{
	return inbox_download(r, 1);
}

/* ---- the projects list ---------------------------------------------------------------------------------- */

enum { PF_ROUND, PF_STATUS, PF_TYPE, PF_COUNTRY, PF_ORG, PF__MAX };

static const struct list_filter project_filters[PF__MAX] = {
	[PF_ROUND] = { "round", N_("Round"), LF_ID, NULL, 0, NULL },
	/* The status a project shows today (project_status.h): approved until its first day. */
	[PF_STATUS] = { "status", N_("Status"), LF_ENUM, project_statuses, PROJECT_NSTATUSES, NULL },
	[PF_TYPE] = { "type", N_("Type"), LF_ENUM, ptype_code, PT__MAX, NULL },
	[PF_COUNTRY] = { "country", N_("Country"), LF_COUNTRY, NULL, 0, NULL },
	[PF_ORG] = { "org", N_("Applicant"), LF_ID, NULL, 0, NULL },
};

enum { PC_CODE, PC_TITLE, PC_ORG, PC_COUNTRY, PC_TYPE, PC_ROUND, PC_PERIOD, PC_BUDGET,
	PC_STATUS, PC__MAX };

static const struct list_col project_cols[PC__MAX] = {
	[PC_CODE] = { "code", N_("Project"), { PROJECT_SORT_CODE, PROJECT_SORT_CODE }, 0 },
	[PC_TITLE] = { "title", N_("Title"),
	    { PROJECT_SORT_TITLE_SV, PROJECT_SORT_TITLE_EN }, 0 },
	[PC_ORG] = { "org", N_("Applicant"), { PROJECT_SORT_ORG, PROJECT_SORT_ORG }, 0 },
	[PC_COUNTRY] = { "country", N_("Country"),
	    { PROJECT_SORT_COUNTRY_SV, PROJECT_SORT_COUNTRY_EN }, 0 },
	[PC_TYPE] = { "type", N_("Type"), { PROJECT_SORT_TYPE, PROJECT_SORT_TYPE }, 0 },
	[PC_ROUND] = { "round", N_("Round"), { PROJECT_SORT_ROUND, PROJECT_SORT_ROUND }, 0 },
	[PC_PERIOD] = { "start", N_("Period"), { PROJECT_SORT_START, PROJECT_SORT_START }, 0 },
	[PC_BUDGET] = { "budget", N_("Approved budget"),
	    { PROJECT_SORT_BUDGET, PROJECT_SORT_BUDGET }, 1 },
	[PC_STATUS] = { "status", N_("Status"), { PROJECT_SORT_STATUS, PROJECT_SORT_STATUS }, 0 },
};

/* The newest projects first: codes are <round year>-NNNN. */
static const struct list_spec project_spec = {
	.path = "/projects",
	.filters = project_filters,
	.nfilters = PF__MAX,
	.cols = project_cols,
	.ncols = PC__MAX,
	.default_col = PC_CODE,
	.default_desc = 1,
	.downloads = 1,
	.status_filter = PF_STATUS,
};

/* The projects list offers no theme. */
static void
project_filter(const struct list_query *q, struct app_filter *f)
{
	*f = (struct app_filter){ q->val[PF_ROUND], q->val[PF_STATUS], q->val[PF_TYPE],
	    q->val[PF_COUNTRY], NULL, q->val[PF_ORG] };
}

/* GET /projects -> 200 | 400 a filter, sort or page off its allow-list | 503 */
int
h_project_list(struct req *r)
{
	struct vobj *sel[LIST_MAXFILTERS], *o;
	struct app_filter f;
	struct project_row *rows;
	struct list_query q;
	struct list_meta m;
	long long total;
	size_t n, i;
	enum kerr e;

	if (list_query_parse(r, &project_spec, &q) != KERR_OK)
		return 400;
	project_filter(&q, &f);
	if ((e = db_project_list_meta(r, &f, app_today(), &m)) != KERR_OK ||
	    (e = db_project_list_rows(r, &f, app_today(), list_variant(r, &project_spec, &q),
	    q.desc, list_offset(&q), LIST_PAGE_SIZE, &rows, &n)) != KERR_OK)
		return http_status(e);
	vobj_str(r->view, "title", i18n_tr(r->lang, N_("Projects")));
	view_crumb(r, "/projects", i18n_tr(r->lang, N_("Projects")));
	total = list_view_counts(r, &project_spec, &q, m.counts, m.ncounts, project_statuses,
	    PROJECT_NSTATUSES, project_status_word);
	list_view(r, &project_spec, &q, total, sel);
	list_view_options(&q, sel[PF_ROUND], PF_ROUND, m.rounds, m.nrounds);
	list_view_words(r, &q, sel[PF_STATUS], PF_STATUS, project_statuses, PROJECT_NSTATUSES,
	    project_status_word);
	list_view_codes(r, &q, sel[PF_TYPE], PF_TYPE, ptype_code, PT__MAX);
	list_view_options(&q, sel[PF_COUNTRY], PF_COUNTRY, m.countries, m.ncountries);
	list_view_options(&q, sel[PF_ORG], PF_ORG, m.orgs, m.norgs);
	for (i = 0; i < n; i++) {
		const struct project_row *p = &rows[i];

		o = vobj_push(r->view, "rows");
		vobj_str(o, "code", p->code);
		view_app(r, o, &p->app, i18n_pick(r->lang, p->app.title_sv, p->app.title_en));
		/* A project's status as it shows today: approved until its first day. */
		vobj_str(o, "status", project_status_on(p->app.status, p->starts, app_today()));
		vobj_str(o, "status_label", project_status_label(r->a, r->lang, p->app.status,
		    p->starts, app_today()));
		vobj_str(o, "start", p->start);
		vobj_str(o, "end", p->end);
		vobj_str(o, "budget", p->budget != NULL ?
		    fmt_amount(r->a, atoll(p->budget), r->lang) : NULL);
	}
	return render(r, TPL_PROJECTS);
}

/* The download's columns: the page's, with the period as its two dates. */
enum { PX_CODE, PX_TITLE, PX_ORG, PX_COUNTRY, PX_TYPE, PX_ROUND, PX_START, PX_END,
	PX_BUDGET, PX_STATUS, PX__MAX };

static const struct xcol project_xcols[PX__MAX] = {
	[PX_CODE] = { N_("Project"), XK_TEXT, 11 },
	[PX_TITLE] = { N_("Title"), XK_TEXT, 50 },
	[PX_ORG] = { N_("Applicant"), XK_TEXT, 26 },
	[PX_COUNTRY] = { N_("Country"), XK_TEXT, 18 },
	[PX_TYPE] = { N_("Type"), XK_TEXT, 18 },
	[PX_ROUND] = { N_("Round"), XK_NUMBER, 8 },
	[PX_START] = { N_("Planned start"), XK_DATE, 12 },
	[PX_END] = { N_("Planned end"), XK_DATE, 12 },
	[PX_BUDGET] = { N_("Approved budget"), XK_AMOUNT, 14 },
	[PX_STATUS] = { N_("Status"), XK_TEXT, 16 },
};

static int
project_download(struct req *r, int xlsx)
{
	struct app_filter f;
	struct project_row *rows;
	struct list_query q;
	struct xtable t;
	const char *name;
	size_t n, i;
	enum kerr e;

	if (list_query_parse(r, &project_spec, &q) != KERR_OK)
		return 400;
	project_filter(&q, &f);
	if ((e = db_project_list_rows(r, &f, app_today(), list_variant(r, &project_spec, &q),
	    q.desc, 0, 0, &rows, &n)) != KERR_OK)
		return http_status(e);
	t.cols = xcols_in(r, project_xcols, PX__MAX);
	t.ncols = PX__MAX;
	t.sheet = i18n_tr(r->lang, N_("Projects"));
	export_alloc(r, &t, n);
	for (i = 0; i < n; i++) {
		const struct project_row *p = &rows[i];
		const char **c = t.cells + i * PX__MAX;

		c[PX_CODE] = p->code;
		c[PX_TITLE] = i18n_pick(r->lang, p->app.title_sv, p->app.title_en);
		c[PX_ORG] = p->app.org;
		c[PX_COUNTRY] = i18n_pick(r->lang, p->app.country_sv, p->app.country_en);
		c[PX_TYPE] = p->app.type != NULL ? label(r->lang, p->app.type) : NULL;
		c[PX_ROUND] = p->app.round_year;
		c[PX_START] = p->start;
		c[PX_END] = p->end;
		c[PX_BUDGET] = p->budget;
		c[PX_STATUS] = project_status_label(r->a, r->lang, p->app.status, p->starts,
		    app_today());
	}
	name = arena_printf(r->a, "projects-%s", app_today());
	return xlsx ? export_xlsx(r, &t, name) : export_csv(r, &t, name);
}

/* GET /projects.csv -> 200 text/csv | 400 | 503 */
int
h_project_list_csv(struct req *r)
{
	return project_download(r, 0);
}

/* GET /projects.xlsx -> 200 an Excel workbook | 400 | 500 | 503 */
int
h_project_list_xlsx(struct req *r)
{
	return project_download(r, 1);
}

/* ---- the reports list ----------------------------------------------------------------------------------- */

static const char *const report_statuses[] = { "draft", "submitted", "approved", "returned" };
static const char *const report_deadlines[] = { "overdue", "due" };
static const char *const report_kinds[] = { "progress", "final" };
static const char *const report_years[] = { "1", "2", "3" };

enum { RF_STATUS, RF_DEADLINE, RF_ROUND, RF_COUNTRY, RF_ORG, RF_KIND, RF_YEAR, RF__MAX };

static const struct list_filter report_filters[RF__MAX] = {
	[RF_STATUS] = { "status", N_("Status"), LF_ENUM, report_statuses,
	    sizeof(report_statuses) / sizeof(report_statuses[0]), NULL },
	[RF_DEADLINE] = { "deadline", N_("Deadline"), LF_ENUM, report_deadlines,
	    sizeof(report_deadlines) / sizeof(report_deadlines[0]), NULL },
	[RF_ROUND] = { "round", N_("Round"), LF_ID, NULL, 0, NULL },
	[RF_COUNTRY] = { "country", N_("Country"), LF_COUNTRY, NULL, 0, NULL },
	[RF_ORG] = { "org", N_("Applicant"), LF_ID, NULL, 0, NULL },
	[RF_KIND] = { "kind", N_("Kind of report"), LF_ENUM, report_kinds,
	    sizeof(report_kinds) / sizeof(report_kinds[0]), NULL },
	[RF_YEAR] = { "year", N_("Project year"), LF_ENUM, report_years,
	    sizeof(report_years) / sizeof(report_years[0]), NULL },
};

enum { RC_CODE, RC_ORG, RC_COUNTRY, RC_REPORT, RC_ROUND, RC_DUE, RC_SUBMITTED, RC_STATUS, RC__MAX };

static const struct list_col report_cols[RC__MAX] = {
	[RC_CODE] = { "code", N_("Project"), { REPORT_SORT_CODE, REPORT_SORT_CODE }, 0 },
	[RC_ORG] = { "org", N_("Applicant"), { REPORT_SORT_ORG, REPORT_SORT_ORG }, 0 },
	[RC_COUNTRY] = { "country", N_("Country"),
	    { REPORT_SORT_COUNTRY_SV, REPORT_SORT_COUNTRY_EN }, 0 },
	[RC_REPORT] = { "report", N_("Report"), { REPORT_SORT_KIND, REPORT_SORT_KIND }, 0 },
	[RC_ROUND] = { "round", N_("Round"), { REPORT_SORT_ROUND, REPORT_SORT_ROUND }, 0 },
	[RC_DUE] = { "due", N_("Due"), { REPORT_SORT_DUE, REPORT_SORT_DUE }, 0 },
	[RC_SUBMITTED] = { "submitted", N_("Submitted"),
	    { REPORT_SORT_SUBMITTED, REPORT_SORT_SUBMITTED }, 0 },
	[RC_STATUS] = { "status", N_("Status"), { REPORT_SORT_STATUS, REPORT_SORT_STATUS }, 0 },
};

/* The newest submissions first, as in the inbox: what waits for ICLD's decision comes to the top. */
static const struct list_spec report_spec = {
	.path = "/reports",
	.filters = report_filters,
	.nfilters = RF__MAX,
	.cols = report_cols,
	.ncols = RC__MAX,
	.default_col = RC_SUBMITTED,
	.default_desc = 1,
	.downloads = 1,
	.status_filter = RF_STATUS,
};

static void
report_filter(const struct list_query *q, struct report_filter *f)
{
	*f = (struct report_filter){ q->val[RF_ROUND], q->val[RF_STATUS], q->val[RF_DEADLINE],
	    q->val[RF_COUNTRY], q->val[RF_ORG], q->val[RF_KIND], q->val[RF_YEAR], app_today() };
}

/* "Progress report, year 2" or "Final report". */
static const char *
report_row_name(struct req *r, const struct report_row *w)
{
	if (strcmp(w->kind, "progress") != 0)
		return label(r->lang, w->kind);
	return arena_printf(r->a, "%s, %s %s", label(r->lang, w->kind),
	    i18n_tr(r->lang, N_("year")), w->year);
}

/* GET /reports -> 200 | 400 a filter, sort or page off its allow-list | 503 */
int
h_report_list(struct req *r)
{
	struct vobj *sel[LIST_MAXFILTERS], *o;
	struct report_filter f;
	struct report_row *rows;
	struct list_query q, oq;
	struct list_meta m;
	long long total, overdue;
	size_t n, i;
	enum kerr e;

	if (list_query_parse(r, &report_spec, &q) != KERR_OK)
		return 400;
	report_filter(&q, &f);
	if ((e = db_report_list_meta(r, &f, &m, &overdue)) != KERR_OK ||
	    (e = db_report_list_rows(r->a, r->id, r->sess->data_version, &f, list_variant(r,
	    &report_spec, &q), q.desc,
	    list_offset(&q), LIST_PAGE_SIZE, &rows, &n)) != KERR_OK)
		return http_status(e);
	vobj_str(r->view, "title", i18n_tr(r->lang, N_("Reports")));
	view_crumb(r, "/reports", i18n_tr(r->lang, N_("Reports")));
	total = list_view_counts(r, &report_spec, &q, m.counts, m.ncounts, report_statuses,
	    report_filters[RF_STATUS].nvalues, label_report);
	list_view(r, &report_spec, &q, total, sel);
	list_view_words(r, &q, sel[RF_STATUS], RF_STATUS, report_statuses,
	    report_filters[RF_STATUS].nvalues, label_report);
	list_view_option(sel[RF_DEADLINE], &q, RF_DEADLINE, "overdue",
	    i18n_tr(r->lang, N_("Overdue")));
	list_view_option(sel[RF_DEADLINE], &q, RF_DEADLINE, "due",
	    i18n_tr(r->lang, N_("Due, not yet overdue")));
	list_view_options(&q, sel[RF_ROUND], RF_ROUND, m.rounds, m.nrounds);
	list_view_options(&q, sel[RF_COUNTRY], RF_COUNTRY, m.countries, m.ncountries);
	list_view_options(&q, sel[RF_ORG], RF_ORG, m.orgs, m.norgs);
	list_view_codes(r, &q, sel[RF_KIND], RF_KIND, report_kinds,
	    report_filters[RF_KIND].nvalues);
	for (i = 0; i < report_filters[RF_YEAR].nvalues; i++)
		list_view_option(sel[RF_YEAR], &q, RF_YEAR, report_years[i],
		    arena_printf(r->a, "%s %s", i18n_tr(r->lang, N_("Year")), report_years[i]));
	/* The overdue ones under the other filters, a link away: what an officer chases. */
	oq = q;
	oq.val[RF_DEADLINE] = "overdue";
	oq.val[RF_STATUS] = NULL;
	oq.page = 1;
	vobj_str(r->view, "overdue", fmt_number(r->a, overdue, r->lang));
	vobj_str(r->view, "overdue_href", list_href(r, &report_spec, &oq, ""));
	for (i = 0; i < n; i++) {
		const struct report_row *w = &rows[i];

		o = vobj_push(r->view, "rows");
		vobj_str(o, "href", arena_printf(r->a, "/reports/%lld", w->id));
		vobj_str(o, "code", w->code);
		vobj_str(o, "project_title", i18n_pick(r->lang, w->title_sv, w->title_en));
		vobj_str(o, "org", w->org);
		vobj_str(o, "country", i18n_pick(r->lang, w->country_sv, w->country_en));
		vobj_str(o, "report", report_row_name(r, w));
		vobj_str(o, "round", w->round_year);
		vobj_str(o, "due", w->due);
		vobj_str(o, "submitted", w->submitted);
		vobj_str(o, "status", w->status);
		vobj_str(o, "status_label", label_report(r->lang, w->status));
		vobj_str(o, "days", NULL);
		vobj_bool(o, "overdue", 0);
		if (w->owed)
			view_days(r, o, w->days_left);
	}
	return render(r, TPL_REPORTS);
}

/* The download's columns: the page's, with the report's kind and year apart and the days overdue. */
enum { RX_CODE, RX_TITLE, RX_ORG, RX_COUNTRY, RX_ROUND, RX_KIND, RX_YEAR, RX_DUE, RX_SUBMITTED,
	RX_STATUS, RX_LATE, RX__MAX };

static const struct xcol report_xcols[RX__MAX] = {
	[RX_CODE] = { N_("Project"), XK_TEXT, 11 },
	[RX_TITLE] = { N_("Title"), XK_TEXT, 50 },
	[RX_ORG] = { N_("Applicant"), XK_TEXT, 26 },
	[RX_COUNTRY] = { N_("Country"), XK_TEXT, 18 },
	[RX_ROUND] = { N_("Round"), XK_NUMBER, 8 },
	[RX_KIND] = { N_("Kind of report"), XK_TEXT, 18 },
	[RX_YEAR] = { N_("Project year"), XK_NUMBER, 8 },
	[RX_DUE] = { N_("Due"), XK_DATE, 12 },
	[RX_SUBMITTED] = { N_("Submitted"), XK_DATE, 12 },
	[RX_STATUS] = { N_("Status"), XK_TEXT, 22 },
	[RX_LATE] = { N_("Days overdue"), XK_NUMBER, 10 },
};

static int
report_download(struct req *r, int xlsx)
{
	struct report_filter f;
	struct report_row *rows;
	struct list_query q;
	struct xtable t;
	size_t n, i;
	enum kerr e;

	if (list_query_parse(r, &report_spec, &q) != KERR_OK)
		return 400;
	report_filter(&q, &f);
	if ((e = db_report_list_rows(r->a, r->id, r->sess->data_version, &f, list_variant(r,
	    &report_spec, &q), q.desc, 0, 0,
	    &rows, &n)) != KERR_OK)
		return http_status(e);
	t.cols = xcols_in(r, report_xcols, RX__MAX);
	t.ncols = RX__MAX;
	t.sheet = i18n_tr(r->lang, N_("Reports"));
	export_alloc(r, &t, n);
	for (i = 0; i < n; i++) {
		const struct report_row *w = &rows[i];
		const char **c = t.cells + i * RX__MAX;

		c[RX_CODE] = w->code;
		c[RX_TITLE] = i18n_pick(r->lang, w->title_sv, w->title_en);
		c[RX_ORG] = w->org;
		c[RX_COUNTRY] = i18n_pick(r->lang, w->country_sv, w->country_en);
		c[RX_ROUND] = w->round_year;
		c[RX_KIND] = label(r->lang, w->kind);
		c[RX_YEAR] = w->year;
		c[RX_DUE] = w->due;
		c[RX_SUBMITTED] = w->submitted;
		c[RX_STATUS] = label_report(r->lang, w->status);
		c[RX_LATE] = w->owed && w->days_left < 0 ?
		    arena_printf(r->a, "%lld", -w->days_left) : NULL;
	}
	return xlsx ? export_xlsx(r, &t, arena_printf(r->a, "reports-%s", app_today())) :
	    export_csv(r, &t, arena_printf(r->a, "reports-%s", app_today()));
}

/* GET /reports.csv -> 200 text/csv | 400 | 503 */
int
h_report_list_csv(struct req *r)
{
	return report_download(r, 0);
}

/* GET /reports.xlsx -> 200 an Excel workbook | 400 | 500 | 503 */
int
h_report_list_xlsx(struct req *r)
{
	return report_download(r, 1);
}
