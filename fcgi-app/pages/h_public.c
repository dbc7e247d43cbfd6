/* h_public.c - the public register of partnerships: the list and a page per published project, for anyone. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db_public.h"
#include "domain/application.h"
#include "domain/labels.h"
#include "domain/project_status.h"
#include "domain/rules.h"
#include "http/app.h"
#include "http/req.h"
#include "pages/h_public.h"
#include "views/list.h"
#include "views/page.h"
#include "views/view.h"

/*
 * How long any cache may keep a page of the register for an anonymous
 * visitor: published data, so a withheld project may linger that long in
 * a browser's cache, never longer.
 */
#define PUBLIC_MAX_AGE	300

/* ---- the list ------------------------------------------------------------------------------------------- */

enum { PF_TEXT, PF_COUNTRY, PF_ORG, PF_THEME, PF_TYPE, PF_YEAR, PF__MAX };

static const struct list_filter public_filters[PF__MAX] = {
	[PF_TEXT] = { "q", N_("Search titles and organisations"), LF_TEXT, NULL, 0, NULL },
	[PF_COUNTRY] = { "country", N_("Country"), LF_COUNTRY, NULL, 0, NULL },
	[PF_ORG] = { "org", N_("Swedish organisation"), LF_ID, NULL, 0, NULL },
	[PF_THEME] = { "theme", N_("Thematic area"), LF_ID, NULL, 0, NULL },
	[PF_TYPE] = { "type", N_("Type of project"), LF_ENUM, ptype_code, PT__MAX, NULL },
	/* Checked against the years the register offers, once they are read. */
	[PF_YEAR] = { "year", N_("Under way in"), LF_CODE, NULL, 0, N_("Any year") },
};

enum { PC_CODE, PC_TITLE, PC_ORG, PC_PARTNER, PC_COUNTRY, PC_PERIOD, PC_STATUS, PC__MAX };

static const struct list_col public_cols[PC__MAX] = {
	[PC_CODE] = { "code", N_("Project"), { PUBLIC_SORT_CODE, PUBLIC_SORT_CODE }, 0 },
	[PC_TITLE] = { "title", N_("Title"), { PUBLIC_SORT_TITLE_SV, PUBLIC_SORT_TITLE_EN }, 0 },
	[PC_ORG] = { "org", N_("Swedish organisation"), { PUBLIC_SORT_ORG, PUBLIC_SORT_ORG }, 0 },
	[PC_PARTNER] = { "partner", N_("Partner"), { PUBLIC_SORT_PARTNER, PUBLIC_SORT_PARTNER }, 0 },
	[PC_COUNTRY] = { "country", N_("Country"),
	    { PUBLIC_SORT_COUNTRY_SV, PUBLIC_SORT_COUNTRY_EN }, 0 },
	[PC_PERIOD] = { "start", N_("Period"), { PUBLIC_SORT_START, PUBLIC_SORT_START }, 0 },
	[PC_STATUS] = { "status", N_("Status"), { PUBLIC_SORT_STATUS, PUBLIC_SORT_STATUS }, 0 },
};

/* The newest partnerships first: codes are <round year>-NNNN. */
static const struct list_spec public_spec = {
	.path = "/partnerships",
	.filters = public_filters,
	.nfilters = PF__MAX,
	.cols = public_cols,
	.ncols = PC__MAX,
	.default_col = PC_CODE,
	.default_desc = 1,
	.showing = N_("Showing {from} to {to} of {total} partnerships"),
};

/* The year filter's value as a number when it is four digits, else 0. */
static int
year_filter(const char *s)
{
	return s != NULL && strlen(s) == 4 && strspn(s, "0123456789") == 4 ? atoi(s) : 0;
}

/*
 * A text stored in Swedish and English, in the reader's language or else
 * the other: *lang is the code of the one given when it is not the page's
 * (for a lang attribute), else NULL.
 */
static const char *
pick(struct req *r, const char *sv, const char *en, const char **lang)
{
	const char *t = i18n_pick(r->lang, sv, en);

	*lang = NULL;
	if (t == NULL || *t == '\0')
		return NULL;
	if (t != (r->lang == LANG_EN ? en : sv))
		*lang = r->lang == LANG_EN ? "sv" : "en";
	return t;
}


/* GET /partnerships -> 200 | 400 a filter, sort or page off its allow-list | 503 */
int
h_public_list(struct req *r)
{
	struct vobj *sel[LIST_MAXFILTERS], *o;
	struct public_filter f;
	struct public_list l;
	struct list_query q;
	const char *lang;
	enum kerr e;
	size_t i;
	int y;

	if (list_query_parse(r, &public_spec, &q) != KERR_OK ||
	    (q.val[PF_YEAR] != NULL && year_filter(q.val[PF_YEAR]) == 0))
		return 400;
	f = (struct public_filter){ q.val[PF_COUNTRY], q.val[PF_ORG], q.val[PF_THEME],
	    q.val[PF_TYPE], q.val[PF_YEAR],
	    q.val[PF_TEXT] != NULL ? list_like(r->a, q.val[PF_TEXT]) : NULL };
	if ((e = db_public_list(r, &f, list_variant(r, &public_spec, &q), q.desc,
	    list_offset(&q), LIST_PAGE_SIZE, &l)) != KERR_OK)
		return http_status(e);
	/* A year the register does not offer is none a link of it made. */
	if (q.val[PF_YEAR] != NULL && (year_filter(q.val[PF_YEAR]) < l.first_year ||
	    year_filter(q.val[PF_YEAR]) > l.last_year))
		return 400;
	vobj_bool(r->view, "register", 1);
	vobj_str(r->view, "title", i18n_tr(r->lang, N_("Partnerships")));
	list_view(r, &public_spec, &q, l.total, sel);
	list_view_options(&q, sel[PF_COUNTRY], PF_COUNTRY, l.countries, l.ncountries);
	list_view_options(&q, sel[PF_ORG], PF_ORG, l.orgs, l.norgs);
	list_view_options(&q, sel[PF_THEME], PF_THEME, l.themes, l.nthemes);
	list_view_codes(r, &q, sel[PF_TYPE], PF_TYPE, ptype_code, PT__MAX);
	for (y = l.last_year; y >= l.first_year && y > 0; y--) {
		const char *v = arena_printf(r->a, "%d", y);

		list_view_option(sel[PF_YEAR], &q, PF_YEAR, v, v);
	}
	for (i = 0; i < l.nrows; i++) {
		const struct public_row *w = &l.rows[i];

		o = vobj_push(r->view, "rows");
		vobj_str(o, "code", w->code);
		vobj_str(o, "project_title", pick(r, w->title_sv, w->title_en, &lang));
		vobj_str(o, "title_lang", lang);
		vobj_str(o, "org", w->org);
		vobj_str(o, "partners", w->partners);
		vobj_str(o, "country", i18n_pick(r->lang, w->country_sv, w->country_en));
		vobj_str(o, "start", w->start);
		vobj_str(o, "end", w->end);
		vobj_str(o, "status", project_status_on(w->status, w->start, app_today()));
		vobj_str(o, "status_label", project_status_label(r->a, r->lang, w->status, w->start,
		    app_today()));
	}
	resp_public(r, PUBLIC_MAX_AGE);
	return render(r, TPL_PUBLIC_LIST);
}

/* ---- a project ------------------------------------------------------------------------------------------ */

/* A number as stored ("12.5") as the reader writes it ("12,5" in Swedish), with its unit. */
static const char *
reader_number(struct req *r, const char *value, const char *unit)
{
	char *v, *dot;

	if (value == NULL)
		return NULL;
	v = arena_strdup(r->a, value);
	if (r->lang == LANG_SV && (dot = strchr(v, '.')) != NULL)
		*dot = ',';
	return unit != NULL && *unit != '\0' ? arena_printf(r->a, "%s %s", v, unit) : v;
}

static void
view_titles(struct req *r, const struct public_project *p)
{
	struct vobj *v = r->view, *o;
	const char *lang;
	int k;

	vobj_str(v, "title", pick(r, p->title_sv, p->title_en, &lang));
	vobj_str(v, "title_lang", lang);
	if (p->title_sv != NULL && *p->title_sv != '\0') {
		o = vobj_push(v, "titles");
		vobj_str(o, "label", i18n_tr(r->lang, N_("Title in Swedish")));
		vobj_str(o, "text", p->title_sv);
		vobj_str(o, "text_lang", "sv");
	}
	if (p->title_en != NULL && *p->title_en != '\0') {
		o = vobj_push(v, "titles");
		vobj_str(o, "label", i18n_tr(r->lang, N_("Title in English")));
		vobj_str(o, "text", p->title_en);
		vobj_str(o, "text_lang", "en");
	}
	if (p->title_local != NULL && *p->title_local != '\0') {
		k = local_lang_index(p->title_local_lang);
		o = vobj_push(v, "titles");
		vobj_str(o, "label", k < 0 ? i18n_tr(r->lang, N_("Title in the partner's language")) :
		    rules_fill(r->a, i18n_tr(r->lang, N_("Title in {language}")),
		    (const char *const []){ "language", i18n_tr(r->lang, local_langs[k].msgid), NULL }));
		vobj_str(o, "text", p->title_local);
		vobj_str(o, "text_lang", lang_ok(p->title_local_lang));
	}
	if (p->summary_local != NULL && *p->summary_local != '\0') {
		k = local_lang_index(p->title_local_lang);
		o = vobj_push(v, "titles");
		vobj_str(o, "label", k < 0 ? i18n_tr(r->lang, N_("Summary in the partner's language")) :
		    rules_fill(r->a, i18n_tr(r->lang, N_("Summary in {language}")),
		    (const char *const []){ "language", i18n_tr(r->lang, local_langs[k].msgid), NULL }));
		vobj_str(o, "text", p->summary_local);
		vobj_str(o, "text_lang", lang_ok(p->title_local_lang));
		vobj_bool(o, "prose", 1);
	}
	vobj_str(v, "summary", pick(r, p->summary_sv, p->summary_en, &lang));
	vobj_str(v, "summary_lang", lang);
}

static void
view_orgs(struct req *r, const struct public_project *p)
{
	struct vobj *v = r->view, *o;
	size_t i;

	vobj_str(v, "org", p->org);
	for (i = 0; i < p->ncoapplicants; i++)
		vobj_str(vobj_push(v, "coapplicants"), "name", p->coapplicants[i].name);
	vobj_bool(v, "has_coapplicants", p->ncoapplicants > 0);
	vobj_bool(v, "two_partners", p->npartners > 1);
	for (i = 0; i < p->npartners; i++) {
		const struct public_org *po = &p->partners[i];

		o = vobj_push(v, "partners");
		vobj_str(o, "name", po->name);
		vobj_str(o, "name_local", po->name_local);
		vobj_str(o, "local_lang", lang_ok(po->local_lang));
		vobj_str(o, "kind", label(r->lang, po->kind));
		vobj_str(o, "partner_country", i18n_pick(r->lang, po->country_sv, po->country_en));
		vobj_str(o, "lat", po->lat);
		vobj_str(o, "lng", po->lng);
		vobj_str(o, "map_href", po->lat != NULL && po->lng != NULL ? arena_printf(r->a,
		    "https://www.openstreetmap.org/?mlat=%s&mlon=%s#map=11/%s/%s",
		    po->lat, po->lng, po->lat, po->lng) : NULL);
	}
}

/* An indicator's baseline or target: the number with its unit, else the words; the baseline's year after it. */
static const char *
measured(struct req *r, const struct public_indicator *in, const char *value, const char *text,
    const char *year)
{
	const char *s = strcmp(in->measure, "qualitative") != 0 && value != NULL ?
	    reader_number(r, value, in->unit) : text;

	if (s == NULL || *s == '\0')
		return NULL;
	return year != NULL ? arena_printf(r->a, "%s (%s)", s, year) : s;
}

static void
view_public_results(struct req *r, const struct public_project *p)
{
	struct vobj *v = r->view, *ov, *rv, *iv, *w;
	size_t i, j, k, m;

	vobj_str(v, "overall_objective", rules_blank(p->overall_objective) ? NULL : p->overall_objective);
	vobj_bool(v, "has_objectives", p->nobjectives > 0);
	for (i = 0; i < p->nobjectives; i++) {
		const struct public_objective *ob = &p->objectives[i];

		ov = vobj_push(v, "objectives");
		vobj_int(ov, "obj_n", (long long)i + 1);
		vobj_str(ov, "description", ob->description);
		vobj_bool(ov, "has_results", ob->nresults > 0);
		for (j = 0; j < ob->nresults; j++) {
			const struct public_result *er = &ob->results[j];

			rv = vobj_push(ov, "results");
			vobj_int(rv, "res_n", (long long)j + 1);
			vobj_str(rv, "description", er->description);
			vobj_bool(rv, "has_indicators", er->nindicators > 0);
			for (k = 0; k < er->nindicators; k++) {
				const struct public_indicator *in = &er->indicators[k];

				iv = vobj_push(rv, "indicators");
				vobj_str(iv, "name", in->name);
				vobj_str(iv, "baseline", measured(r, in, in->baseline_value,
				    in->baseline_text, in->baseline_year));
				vobj_str(iv, "target", measured(r, in, in->target_value,
				    in->target_text, NULL));
				vobj_bool(iv, "has_values", in->nvalues > 0);
				for (m = 0; m < in->nvalues; m++) {
					const struct public_value *pv = &in->values[m];

					w = vobj_push(iv, "values");
					vobj_str(w, "when", strcmp(pv->kind, "final") == 0 ?
					    i18n_tr(r->lang, N_("Final report")) :
					    arena_printf(r->a, "%s %d", i18n_tr(r->lang, N_("Year")), pv->year));
					vobj_str(w, "value", pv->value != NULL ?
					    reader_number(r, pv->value, in->unit) : pv->text);
				}
			}
		}
	}
}

static void
view_money(struct req *r, const struct public_project *p)
{
	long long budget = 0, paid = 0;
	struct vobj *o;
	size_t i;

	vobj_bool(r->view, "has_years", p->nyears > 0);
	for (i = 0; i < p->nyears; i++) {
		const struct public_year *y = &p->years[i];

		o = vobj_push(r->view, "years");
		vobj_int(o, "year", y->year);
		vobj_str(o, "period", arena_printf(r->a, "%s – %s", y->starts, y->ends));
		vobj_str(o, "budget", fmt_amount(r->a, y->amount, r->lang));
		vobj_str(o, "paid", fmt_amount(r->a, y->paid, r->lang));
		budget += y->amount;
		paid += y->paid;
	}
	vobj_str(r->view, "budget_total", fmt_amount(r->a, budget, r->lang));
	vobj_str(r->view, "paid_total", fmt_amount(r->a, paid, r->lang));
}

/* GET /partnerships/{code} -> 200 | 404 (no such project, or not published) | 503 */
int
h_public_project(struct req *r)
{
	struct public_project p;
	const char *starts;
	enum kerr e;

	if (!project_code_ok(r->args[0]))
		return 404;
	if ((e = db_public_project(r, r->args[0], &p)) != KERR_OK)
		return http_status(e);
	vobj_bool(r->view, "register", 1);
	vobj_str(r->view, "code", p.code);
	starts = p.actual_start != NULL ? p.actual_start : p.planned_start;
	vobj_str(r->view, "status", project_status_on(p.status, starts, app_today()));
	vobj_str(r->view, "status_label", project_status_label(r->a, r->lang, p.status, starts,
	    app_today()));
	view_titles(r, &p);
	view_orgs(r, &p);
	vobj_str(r->view, "country", i18n_pick(r->lang, p.country_sv, p.country_en));
	vobj_str(r->view, "type", label(r->lang, p.type));
	vobj_str(r->view, "theme", p.theme_sv != NULL || p.theme_en != NULL ?
	    i18n_pick(r->lang, p.theme_sv, p.theme_en) : NULL);
	vobj_str(r->view, "planned_start", p.planned_start);
	vobj_str(r->view, "planned_end", p.planned_end);
	vobj_str(r->view, "actual_start", p.actual_start);
	vobj_str(r->view, "actual_end", p.actual_end);
	view_public_results(r, &p);
	view_money(r, &p);
	view_crumb(r, arena_printf(r->a, "/partnerships/%s", p.code), p.code);
	resp_public(r, PUBLIC_MAX_AGE);
	return render(r, TPL_PUBLIC_PROJECT);
}
