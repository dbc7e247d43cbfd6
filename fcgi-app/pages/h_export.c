/* h_export.c - the Sida export: the IATI file (GET /export/iati.xml), its check (GET /export); iati_view.c shows the problems. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "core/log.h"
#include "http/app.h"
#include "http/req.h"
#include "iati/comprehensiveness.h"
#include "iati/iati.h"
#include "iati/iati_rules.h"
#include "pages/h_export.h"
#include "views/export.h"
#include "views/iati_view.h"
#include "views/view.h"

#define XML_TYPE	"application/xml; charset=utf-8"

/* ?year=: absent is every project (0 in *year); anything but a year is not a request kpp can answer. */
static int
year_param(struct req *r, int *year)
{
	const char *y = req_query(r, "year");

	*year = 0;
	if (y == NULL)
		return 1;
	return (*year = iati_year_parse(y)) > 0;
}

/* ---- GET /export/iati.xml ----------------------------------------------------------------------------- */

/*
 * GET /export/iati.xml[?year=YYYY] -> 200 the IATI activity file | 400 (not a year) | 503 | 500
 * Written to a private scratch file first, so that a database lost half-way answers 503 rather than
 * half a file with 200, and sent from it: memory does not grow with the number of projects.
 */
int
h_export_iati(struct req *r)
{
	struct iati_filter f = { 0, NULL, 0 };
	struct iati_ctx ctx;
	size_t count;
	enum kerr e;
	char *path;
	int fd;

	if (!year_param(r, &f.year))
		return 400;
	iati_view_ctx(&ctx);
	if (export_scratch_dir(r, app.conf.tmp_dir) != 0)
		return 500;
	path = arena_printf(r->a, "%s/kpp-iati-XXXXXX.xml", app.conf.tmp_dir);
	if ((fd = mkstemps(path, 4)) < 0) {
		log_err(r->id, "mkstemps(%s) failed: %s", path, strerror(errno));
		return 500;
	}
	/* Gone from the directory at once: nothing stays behind, even if the worker dies. */
	if (unlink(path) != 0)
		log_err(r->id, "unlink(%s) failed: %s", path, strerror(errno));
	resp_file(r, fd);
	e = iati_export(r->id, &ctx, &f, iati_fd_out, &fd, &count);
	if (e == KERR_SYSTEM)
		log_err(r->id, "writing the IATI file failed: %s", strerror(errno));
	if (e != KERR_OK)
		return http_status(e);
	if (lseek(fd, 0, SEEK_SET) != 0) {
		log_err(r->id, "lseek() of the IATI file failed: %s", strerror(errno));
		return 500;
	}
	r->content_type = XML_TYPE;
	resp_header(r, "Content-Disposition", f.year > 0 ? arena_printf(r->a,
	    "attachment; filename=\"iati-activities-%d.xml\"", f.year) :
	    "attachment; filename=\"iati-activities.xml\"");
	log_info(r->id, "IATI export: %zu activities", count);
	return 200;
}

/* ---- GET /export -------------------------------------------------------------------------------------- */

/* The money of one calendar year, in the file's one currency: the budgets, and each transaction type's sum. */
struct year_total {
	int		 year;
	long long	 budget, incoming, commitment, disbursement, expenditure;
};

struct page_state {
	struct req		*r;
	const struct iati_ctx	*ctx;
	struct comp_summary	*comp;		/* the published activities' scores */
	int			 comp_in_pass;	/* page_visit() adds them: the pass reads every project */
	size_t			 activities, failing, warned;
	int			 schema_ok;	/* the schema could be read */
	struct year_total	*years;
	size_t			 nyears, capyears;
	int			 links;		/* the reader may open the pages to fix things */
};

static struct year_total *
year_total(struct page_state *s, const char *date)
{
	int y = date != NULL ? atoi(date) : 0;
	size_t i;

	for (i = 0; i < s->nyears && s->years[i].year < y; i++)
		;
	if (i < s->nyears && s->years[i].year == y)
		return &s->years[i];
	if (s->nyears == s->capyears) {
		size_t cap = s->capyears ? s->capyears * 2 : 16;
		struct year_total *v = arena_calloc(s->r->a, cap, sizeof(*v));

		if (s->nyears > 0)
			memcpy(v, s->years, s->nyears * sizeof(*v));
		s->years = v;
		s->capyears = cap;
	}
	memmove(&s->years[i + 1], &s->years[i], (s->nyears - i) * sizeof(*s->years));
	memset(&s->years[i], 0, sizeof(s->years[i]));
	s->years[i].year = y;
	s->nyears++;
	return &s->years[i];
}

/*
 * One activity on the page: its money into the totals, its problems
 * checked; a project with any is listed. The problems' strings are in
 * the request's arena, as the page shows them after the scratch arena of
 * iati_each() has gone.
 */
static enum kerr
page_visit(void *arg, const struct iati_activity *act)
{
	struct page_state *s = arg;
	struct req *r = s->r;
	struct iati_problems pr;
	struct vobj *o;
	size_t i;

	s->activities++;
	if (s->comp_in_pass && act->src->published)
		comp_summary_add(s->comp, act, s->ctx->today);
	for (i = 0; i < act->nbudgets; i++)
		year_total(s, act->budgets[i].start)->budget += act->budgets[i].value;
	for (i = 0; i < act->ntransactions; i++) {
		const struct iati_transaction *t = &act->transactions[i];
		struct year_total *y = year_total(s, t->date);

		switch ((enum iati_ttype)t->type) {
		case IATI_INCOMING:
			y->incoming += t->value;
			break;
		case IATI_COMMITMENT:
			y->commitment += t->value;
			break;
		case IATI_DISBURSEMENT:
			y->disbursement += t->value;
			break;
		case IATI_EXPENDITURE:
			y->expenditure += t->value;
			break;
		}
	}
	iati_problems_init(&pr, r->a);
	iati_check(s->ctx, act, &pr);
	if (!iati_schema_check(app.conf.iati_schema_dir, r->id, act, &pr))
		s->schema_ok = 0;
	if (pr.n == 0)
		return KERR_OK;
	if (pr.errors > 0)
		s->failing++;
	else
		s->warned++;
	o = vobj_push(r->view, "projects");
	vobj_str(o, "code", arena_strdup(r->a, act->src->code));
	vobj_str(o, "href", arena_printf(r->a, "/projects/%s", act->src->code));
	vobj_str(o, "identifier", arena_strdup(r->a, act->identifier));
	for (i = 0; i < pr.n; i++)
		iati_view_problem(r, vobj_push(o, "problems"), &pr.v[i], s->links);
	return KERR_OK;
}

/* One row of the totals: a year's, or the sum's. */
static void
view_total(struct req *r, struct vobj *o, const struct year_total *y)
{
	vobj_str(o, "currency", "SEK");
	vobj_str(o, "budget", fmt_number(r->a, y->budget, r->lang));
	vobj_str(o, "incoming", fmt_number(r->a, y->incoming, r->lang));
	vobj_str(o, "commitment", fmt_number(r->a, y->commitment, r->lang));
	vobj_str(o, "disbursement", fmt_number(r->a, y->disbursement, r->lang));
	vobj_str(o, "expenditure", fmt_number(r->a, y->expenditure, r->lang));
}

static void
view_totals(struct req *r, const struct page_state *s)
{
	struct year_total sum;
	struct vobj *o;
	size_t i;

	memset(&sum, 0, sizeof(sum));
	for (i = 0; i < s->nyears; i++) {
		const struct year_total *y = &s->years[i];

		o = vobj_push(r->view, "totals");
		vobj_int(o, "year", y->year);
		vobj_str(o, "year_href", arena_printf(r->a, "/export?year=%d", y->year));
		view_total(r, o, y);
		sum.budget += y->budget;
		sum.incoming += y->incoming;
		sum.commitment += y->commitment;
		sum.disbursement += y->disbursement;
		sum.expenditure += y->expenditure;
	}
	vobj_bool(r->view, "has_totals", s->nyears > 0);
	view_total(r, vobj_obj(r->view, "sum"), &sum);
}

/* ---- how complete the published data is ------------------------------------------------------------ */

static enum kerr
comp_visit(void *arg, const struct iati_activity *act)
{
	struct page_state *s = arg;

	comp_summary_add(s->comp, act, s->ctx->today);
	return KERR_OK;
}

static const char *const group_names[CG__MAX] = {
	[CG_CORE] = N_("Core"),
	[CG_FINANCIALS] = N_("Financials"),
	[CG_VALUE_ADDED] = N_("Value added"),
};

/*
 * The published activities (the public file's) scored as IATI's Dashboard
 * scores a publisher, test by test, with the projects that miss a test
 * and where each is fixed (links for those who may fix it). The page's
 * own pass has added them to s->comp when it read every project; else
 * they are read here.
 */
static enum kerr
view_comprehensiveness(struct req *r, struct page_state *s)
{
	struct iati_filter f = { 0, NULL, 1 };
	struct comp_summary *sum = s->comp;
	struct vobj *c, *g, *t, *m;
	size_t k, i;
	int grp, pct, all = 1, links = s->links;
	enum kerr e;

	if (!s->comp_in_pass && (e = iati_each(r->id, s->ctx, &f, 0, comp_visit, s)) != KERR_OK)
		return e;
	c = vobj_obj(r->view, "comp");
	vobj_int(c, "published", (long long)sum->activities);
	vobj_int(c, "current", (long long)sum->current);
	vobj_str(c, "today", s->ctx->today);
	for (grp = 0; grp < CG__MAX; grp++) {
		g = vobj_push(c, "groups");
		vobj_str(g, "name", i18n_tr(r->lang, group_names[grp]));
		vobj_int(g, "average", comp_group_average(sum, (enum comp_group)grp));
		for (k = 0; k < CT__MAX; k++) {
			if ((int)comp_tests[k].group != grp)
				continue;
			pct = comp_percent(sum, (enum comp_test)k);
			t = vobj_push(g, "tests");
			vobj_str(t, "slug", comp_tests[k].slug);
			vobj_str(t, "name", i18n_tr(r->lang, comp_tests[k].name));
			vobj_int(t, "denominator", (long long)sum->denominator[k]);
			vobj_int(t, "numerator", (long long)sum->numerator[k]);
			vobj_bool(t, "na", pct < 0);
			vobj_int(t, "percent", pct);
			vobj_bool(t, "full", pct == 100);
			all &= pct == 100;
			if (sum->nmisses[k] == 0)
				continue;
			t = vobj_push(c, "missed");
			vobj_str(t, "slug", comp_tests[k].slug);
			vobj_str(t, "name", i18n_tr(r->lang, comp_tests[k].name));
			vobj_int(t, "count", (long long)sum->nmisses[k]);
			for (i = 0; i < sum->nmisses[k] && i < COMP_MISSES_KEPT; i++) {
				const struct comp_miss *ms = &sum->misses[k][i];

				m = vobj_push(t, "projects");
				vobj_str(m, "code", ms->code);
				vobj_str(m, "href", arena_printf(r->a, "/projects/%s", ms->code));
				vobj_str(m, "fix_href", links ? ms->href : NULL);
				vobj_str(m, "fix_text", i18n_tr(r->lang, iati_field_words(ms->field)));
			}
			if (sum->nmisses[k] > COMP_MISSES_KEPT)
				vobj_int(t, "more", (long long)(sum->nmisses[k] - COMP_MISSES_KEPT));
		}
	}
	vobj_bool(c, "full_marks", all && sum->current > 0);
	vobj_bool(c, "links", links);
	return KERR_OK;
}

/* GET /export[?year=YYYY] -> 200 what the file holds and whether it is valid | 400 (not a year) | 503 */
int
h_export_page(struct req *r)
{
	struct iati_filter f = { 0, NULL, 0 };
	struct page_state s;
	struct iati_ctx ctx;
	enum kerr e;

	if (!year_param(r, &f.year))
		return 400;
	iati_view_ctx(&ctx);
	memset(&s, 0, sizeof(s));
	s.r = r;
	s.ctx = &ctx;
	s.schema_ok = 1;
	s.links = r->sess->user.role == ROLE_ADMIN;
	s.comp = arena_calloc(r->a, 1, sizeof(*s.comp));
	comp_summary_init(s.comp, r->a);
	/* Without a year the file's pass reads every published project too: one pass for both. */
	s.comp_in_pass = f.year == 0;
	if ((e = iati_each(r->id, &ctx, &f, 0, page_visit, &s)) != KERR_OK ||
	    (e = view_comprehensiveness(r, &s)) != KERR_OK)
		return http_status(e);
	vobj_str(r->view, "title", i18n_tr(r->lang, N_("IATI export for Sida")));
	if (f.year > 0) {
		vobj_int(r->view, "year", f.year);
		vobj_str(r->view, "download_href", arena_printf(r->a, "/export/iati.xml?year=%d", f.year));
	} else
		vobj_str(r->view, "download_href", "/export/iati.xml");
	vobj_int(r->view, "activities", (long long)s.activities);
	vobj_bool(r->view, "empty", s.activities == 0);
	vobj_bool(r->view, "schema_ok", s.schema_ok);
	vobj_bool(r->view, "valid", s.schema_ok && s.failing == 0 && s.activities > 0);
	vobj_int(r->view, "failing", (long long)s.failing);
	vobj_int(r->view, "warned", (long long)s.warned);
	vobj_bool(r->view, "has_problems", s.failing + s.warned > 0);
	vobj_bool(r->view, "links", s.links);
	vobj_str(r->view, "reporting_ref", app.conf.iati_org_ref);
	view_totals(r, &s);
	view_crumb(r, "/export", i18n_tr(r->lang, N_("IATI export for Sida")));
	return render(r, TPL_EXPORT);
}
