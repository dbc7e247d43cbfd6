/*
 * apppage.c - an application's page, read-only, and its parts: every section as the applicant gave it
 * (prints on A4), the decision's part and, for ICLD, the reviews; the summary with "Change" links of the
 * check page. One owner, so that every page of an application reads its answers alike.
 */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db_application.h"
#include "db/db_review.h"
#include "domain/application.h"
#include "domain/decision.h"
#include "domain/labels.h"
#include "domain/rules.h"
#include "domain/score.h"
#include "http/app.h"
#include "http/req.h"
#include "views/apppage.h"
#include "views/page.h"
#include "views/view.h"

#define NDASH		"\xe2\x80\x93"

/* The sections' slugs (in their pages' paths) and their titles, in the task list's order. */
const char *const app_section_slugs[SEC__MAX] = {
	[SEC_PARTNERS] = "partners",
	[SEC_PROJECT] = "project",
	[SEC_RESULTS] = "results",
	[SEC_TEAM] = "team",
	[SEC_BUDGET] = "budget",
	[SEC_CONTACT] = "contact",
};

const char *const app_section_titles[SEC__MAX] = {
	[SEC_PARTNERS] = N_("Partners and country"),
	[SEC_PROJECT] = N_("The project"),
	[SEC_RESULTS] = N_("Results framework"),
	[SEC_TEAM] = N_("Team"),
	[SEC_BUDGET] = N_("Budget"),
	[SEC_CONTACT] = N_("Contact"),
};

/* The words of a team member's role and of the principles of local democracy, as the form offers them. */
const char *const app_role_labels[TEAM_ROLE__MAX] = {
	[ROLE_POLITICIAN_MAJORITY] = N_("Politician (majority)"),
	[ROLE_POLITICIAN_OPPOSITION] = N_("Politician (opposition)"),
	[ROLE_CIVIL_SERVANT] = N_("Civil servant"),
	[ROLE_OTHER_MEMBER] = N_("Other"),
};

const char *const app_principle_labels[4] = {
	N_("Inclusion"), N_("Participation"), N_("Transparency"), N_("Accountability"),
};

/*
 * A row of a summary list under o's "rows": its label translated, every
 * other key the partial reads set, so that none shows an outer scope's.
 * Without a value the row says "Not answered".
 */
static struct vobj *
row(struct req *r, struct vobj *o, const char *msgid)
{
	struct vobj *w = vobj_push(o, "rows");

	vobj_str(w, "label", i18n_tr(r->lang, msgid));
	vobj_bool(w, "prose", 0);
	vobj_bool(w, "missing", 1);
	vobj_str(w, "text", NULL);
	vobj_str(w, "lang", NULL);
	vobj_str(w, "href", NULL);
	vobj_bool(w, "has_items", 0);
	vobj_str(w, "problem", NULL);
	vobj_str(w, "change", NULL);
	return w;
}

/* Gives row w the text s (in language lang, if known); blank leaves it "Not answered". */
static void
row_set(struct vobj *w, const char *s, const char *lang)
{
	if (rules_blank(s))
		return;
	vobj_bool(w, "missing", 0);
	vobj_str(w, "text", s);
	vobj_str(w, "lang", lang_ok(lang));
}

/* A row with a one-line answer. */
static struct vobj *
row_text(struct req *r, struct vobj *o, const char *msgid, const char *s)
{
	struct vobj *w = row(r, o, msgid);

	row_set(w, s, NULL);
	return w;
}

/* A row with a long answer: its line breaks kept. */
static struct vobj *
row_prose(struct req *r, struct vobj *o, const char *msgid, const char *s,
    const char *lang)
{
	struct vobj *w = row(r, o, msgid);

	vobj_bool(w, "prose", 1);
	row_set(w, s, lang);
	return w;
}

/* Adds an item to a row's list (lang may be NULL). */
static void
row_item(struct vobj *w, const char *s, const char *lang)
{
	struct vobj *it = vobj_push(w, "items");

	vobj_bool(w, "has_items", 1);
	vobj_bool(w, "missing", 0);
	vobj_str(it, "text", s);
	vobj_str(it, "lang", lang_ok(lang));
}

/* A row whose answer is a project, by its code linked to its page. */
static void
row_project(struct req *r, struct vobj *o, const char *msgid, const char *code)
{
	struct vobj *w = row(r, o, msgid);

	vobj_bool(w, "missing", 0);
	vobj_str(w, "href", arena_printf(r->a, "/projects/%s", code));
	vobj_str(w, "text", code);
}

/* The page's head: who applied, when, and what ICLD made of it (the type is the partners section's answer). */
static void
view_overview(struct req *r, const struct application_extra *x, struct vobj *v)
{
	struct vobj *o = vobj_obj(v, "overview");

	row_text(r, o, N_("Applicant"), x->org_name);
	row_text(r, o, N_("Round"), i18n_pick(r->lang, x->round_sv, x->round_en));
	if (x->submitted != NULL)
		row_text(r, o, N_("Submitted"), x->submitted);
	if (x->decision != NULL) {
		int approved = strcmp(x->decision, "approve") == 0;

		row_text(r, o, N_("Decision"), arena_printf(r->a, "%s, %s",
		    label(r->lang, approved ? "approved" : "rejected"),
		    x->decided != NULL ? x->decided : ""));
		/*
		 * The reason is the applicant's to read when it is a no, in the language they read
		 * (one written before both were asked for is in Swedish only, and marked so).
		 */
		if (!approved) {
			const char *reason = i18n_pick(r->lang, x->decision_reason[LANG_SV],
			    x->decision_reason[LANG_EN]);

			row_prose(r, o, N_("Reason for the decision"), reason,
			    reason != x->decision_reason[r->lang] ?
			    i18n_code(r->lang == LANG_SV ? LANG_EN : LANG_SV) : NULL);
		}
	}
	if (x->project_code != NULL)
		row_project(r, o, N_("Project"), x->project_code);
}

/* ---- the summary: every section's answers, read-only or with "Change" links ------------------------------ */

/*
 * What the summary is built for: the application's page reads it; check your answers
 * (change) gives every answer its Change link, to the field of the section being built.
 */
struct sum {
	struct req			*r;
	const struct application	*a;
	const struct application_extra	*x;
	int				 change;
	enum section			 sec;
};

/* The link that changes field of section s from check your answers: the section saved goes back there. */
const char *
app_change_href(struct req *r, long long id, enum section s, const char *field)
{
	return arena_printf(r->a, "/applications/%lld/%s?return=check#%s", id,
	    app_section_slugs[s], field);
}

/* The Change link to field of the section being built, on check your answers; NULL on the page. */
static const char *
change_href(const struct sum *s, const char *field)
{
	return s->change ? app_change_href(s->r, s->a->id, s->sec, field) : NULL;
}

/* Gives w (a row, an objective, a side of the team) its Change link to field, or none. */
static struct vobj *
changes(const struct sum *s, struct vobj *w, const char *field)
{
	vobj_str(w, "change", change_href(s, field));
	return w;
}

/* A section's object, with its done state for a draft's readers; its rows change fields of s. */
static struct vobj *
section(struct sum *sm, const char *key, enum section s)
{
	struct vobj *o = vobj_obj(sm->r->view, key);

	sm->sec = s;
	vobj_bool(o, "done", sm->a->done[s]);
	return o;
}

static const char *
amount_or_null(struct req *r, long long kr)
{
	return kr >= 0 ? fmt_amount(r->a, kr, r->lang) : NULL;
}

/*
 * Whether partner k (0-based) has a row: the second is asked for in three-party projects only,
 * but one stored on a draft of another kind is shown, as the rules ask for it to be removed.
 */
static int
partner_shown(const struct application *a, size_t k)
{
	return k == 0 || a->type == PT_THREE_PARTY || a->partner[1] != 0;
}

/* The words (msgid) of partner k's row: a second partner is named so whatever the type, as the form names it. */
static const char *
partner_label(const struct application *a, size_t k)
{
	if (k == 1)
		return N_("Second partner organisation");
	return a->type == PT_THREE_PARTY ? N_("First partner organisation") :
	    N_("Partner organisation");
}

/*
 * The partners section, in the form's order: the type, the partners (each named, in the
 * partner's language too, with its kind and country), the country, the Swedish co-applicants.
 */
static void
view_partners(struct sum *s)
{
	struct req *r = s->r;
	const struct application *a = s->a;
	const struct application_extra *x = s->x;
	struct vobj *o = section(s, "s_partners", SEC_PARTNERS), *w;
	size_t i;

	changes(s, row_text(r, o, N_("Type of project"), x->type != NULL ?
	    label(r->lang, x->type) : NULL), "type");
	for (i = 0; i < MAX_PARTNERS; i++) {
		const struct partner_info *p = &x->partner[i];

		if (!partner_shown(a, i))
			continue;
		w = changes(s, row(r, o, partner_label(a, i)), i == 0 ? "partner-1" :
		    "partner-2");
		if (p->name == NULL)
			continue;
		row_item(w, p->name, NULL);
		if (!rules_blank(p->name_local))
			row_item(w, p->name_local, p->local_lang);
		row_item(w, arena_printf(r->a, "%s, %s", label(r->lang, p->kind),
		    i18n_pick(r->lang, p->country_sv, p->country_en)), NULL);
	}
	changes(s, row_text(r, o, N_("Country"), i18n_pick(r->lang, x->country_sv,
	    x->country_en)), "country");
	if (x->ncoapplicants > 0) {
		w = changes(s, row(r, o, N_("Swedish co-applicants")), "coapplicant-1");
		for (i = 0; i < x->ncoapplicants; i++)
			row_item(w, x->coapplicants[i].name, NULL);
	}
}

/* The language of the partner-language texts, and what is wrong with it (problem, or NULL), when there is either. */
static void
view_local_lang(struct sum *s, struct vobj *o, const char *problem)
{
	struct req *r = s->r;
	const char *code = s->a->title_local_lang;
	int k;

	if (rules_blank(code) && problem == NULL)
		return;
	k = local_lang_index(code);
	vobj_str(changes(s, row_text(r, o,
	    N_("Language of the title and summary in the partner's language"),
	    k >= 0 ? i18n_tr(r->lang, local_langs[k].msgid) : code), "title_local_lang"),
	    "problem", problem);
}

static void
view_project(struct sum *s, const char *lang_problem)
{
	struct req *r = s->r;
	const struct application *a = s->a;
	const struct application_extra *x = s->x;
	struct vobj *o = section(s, "s_project", SEC_PROJECT), *w;
	int k;

	changes(s, row_prose(r, o, N_("Title in Swedish"), a->title_sv, "sv"), "title_sv");
	changes(s, row_prose(r, o, N_("Title in English"), a->title_en, "en"), "title_en");
	if (!rules_blank(a->title_local))
		changes(s, row_prose(r, o, N_("Title in the partner's language"),
		    a->title_local, a->title_local_lang), "title_local");
	view_local_lang(s, o, lang_problem);
	/* English is required (the IATI description); Swedish is welcome. */
	if (!rules_blank(a->summary_sv))
		changes(s, row_prose(r, o, N_("Summary in Swedish"), a->summary_sv, "sv"),
		    "summary_sv");
	changes(s, row_prose(r, o, N_("Summary in English"), a->summary_en, "en"),
	    "summary_en");
	if (!rules_blank(a->summary_local))
		changes(s, row_prose(r, o, N_("Summary in the partner's language"),
		    a->summary_local, a->title_local_lang), "summary_local");
	changes(s, row_prose(r, o, N_("Background and problem"), a->background, NULL),
	    "background");
	changes(s, row_text(r, o, N_("Thematic area"), i18n_pick(r->lang, x->theme_sv,
	    x->theme_en)), "theme");
	w = changes(s, row(r, o, N_("Principles of local democracy")), "principles");
	for (k = 0; k < 4; k++)
		if (a->principle[k])
			row_item(w, i18n_tr(r->lang, app_principle_labels[k]), NULL);
	/* "16. Peace, justice...": as the form offers them. */
	w = changes(s, row(r, o, N_("Sustainable Development Goals")), "sdgs");
	for (k = 1; k <= 17; k++)
		if (a->sdg[k])
			row_item(w, arena_printf(r->a, "%d. %s", k, i18n_pick(r->lang,
			    x->sdg_sv[k], x->sdg_en[k])), NULL);
	changes(s, row_prose(r, o, N_("Target groups"), a->target_groups, NULL),
	    "target_groups");
	changes(s, row_text(r, o, N_("Does the project develop citizen dialogue?"),
	    a->citizen_dialogue < 0 ? NULL : i18n_tr(r->lang,
	    a->citizen_dialogue ? N_("Yes") : N_("No"))), "citizen_dialogue");
	if (a->citizen_dialogue == 1 || !rules_blank(a->dialogue_text))
		changes(s, row_prose(r, o, N_("How the project develops citizen dialogue"),
		    a->dialogue_text, NULL), "dialogue_text");
	changes(s, row_prose(r, o, N_("How the project considers vulnerable groups"),
	    a->vulnerable_text, NULL), "vulnerable_text");
	changes(s, row_prose(r, o, N_("How the project promotes women's participation"),
	    a->gender_text, NULL), "gender_text");
	/* ICLD's decision names the project continued: no answer of the applicant's to change. */
	if (x->follows_code != NULL)
		row_project(r, o, N_("Continues the project"), x->follows_code);
}

static void
view_results(struct sum *s)
{
	struct req *r = s->r;
	const struct application *a = s->a;
	struct vobj *o = section(s, "s_results", SEC_RESULTS), *ov, *rv, *iv;
	size_t i, j, k;

	changes(s, row_prose(r, o, N_("Overall objective"), a->overall_objective, NULL),
	    "overall_objective");
	vobj_bool(o, "has_objectives", a->nobj > 0);
	vobj_str(o, "objectives_change", change_href(s, "objective-1"));
	for (i = 0; i < a->nobj; i++) {
		const struct objective *ob = &a->obj[i];

		ov = changes(s, vobj_push(o, "objectives"), arena_printf(r->a,
		    "objective-%zu", i + 1));
		vobj_int(ov, "obj_n", (long long)i + 1);
		vobj_str(ov, "description", rules_blank(ob->description) ? NULL :
		    ob->description);
		vobj_bool(ov, "has_results", ob->nres > 0);
		for (j = 0; j < ob->nres; j++) {
			const struct expected_result *er = &ob->res[j];

			rv = vobj_push(ov, "results");
			vobj_strf(rv, "res_n", "%zu.%zu", i + 1, j + 1);
			vobj_str(rv, "description", rules_blank(er->description) ?
			    NULL : er->description);
			vobj_bool(rv, "has_indicators", er->nind > 0);
			for (k = 0; k < er->nind; k++) {
				const struct indicator *in = &er->ind[k];

				iv = vobj_push(rv, "indicators");
				vobj_str(iv, "name", rules_blank(in->name) ? NULL : in->name);
				vobj_str(iv, "baseline", rules_blank(in->baseline) ? NULL :
				    in->baseline);
				vobj_str(iv, "target", rules_blank(in->target) ? NULL :
				    in->target);
				vobj_str(iv, "unit", rules_blank(in->unit) ? NULL : in->unit);
			}
		}
	}
}

/* A side of the team, empty until a member joins it; field is the first the Change link goes to. */
static struct vobj *
team_group(struct sum *s, struct vobj *o, const char *name, const char *field)
{
	struct vobj *g = changes(s, vobj_push(o, "groups"), field);

	vobj_str(g, "name", name);
	vobj_bool(g, "has_members", 0);
	return g;
}

/*
 * The team, one table per side: the Swedish side, then each partner. With
 * two partners a member whose organisation is neither goes to a group of
 * their own, so that nobody is left out.
 */
static void
view_team(struct sum *s)
{
	struct req *r = s->r;
	const struct application *a = s->a;
	const struct application_extra *x = s->x;
	struct vobj *o = section(s, "s_team", SEC_TEAM), *g[MAX_PARTNERS + 2], *mv;
	int ngroups = 0, two = application_two_partners(a), gi;
	size_t i;

	g[0] = team_group(s, o, x->org_name, team_group_ids[G_SWEDISH]);
	vobj_str(g[0], "side", i18n_tr(r->lang, N_("Swedish side")));
	for (gi = 1; gi <= MAX_PARTNERS; gi++) {
		if (gi > 1 && !two)
			break;
		g[gi] = team_group(s, o, x->partner[gi - 1].name != NULL ?
		    x->partner[gi - 1].name : i18n_tr(r->lang, N_("The partner")),
		    team_group_ids[gi]);
		vobj_str(g[gi], "side", i18n_tr(r->lang, N_("partner side")));
	}
	ngroups = gi;
	g[ngroups] = NULL;
	for (i = 0; i < a->nteam; i++) {
		const struct member *m = &a->team[i];

		if ((gi = application_member_group(a, m)) == G_NOTGIVEN) {
			gi = ngroups;
			if (g[gi] == NULL) {
				g[gi] = team_group(s, o, i18n_tr(r->lang,
				    N_("Partner side, organisation not given")),
				    arena_printf(r->a, "member-%zu-org", i + 1));
				vobj_str(g[gi], "side", NULL);
			}
		}
		vobj_bool(g[gi], "has_members", 1);
		mv = vobj_push(g[gi], "members");
		vobj_str(mv, "name", m->name);
		vobj_str(mv, "role", i18n_tr(r->lang, app_role_labels[m->role]));
		vobj_str(mv, "position", rules_blank(m->position) ? NULL : m->position);
	}
}

static void
view_budget(struct sum *s)
{
	struct req *r = s->r;
	const struct application *a = s->a;
	struct vobj *o = section(s, "s_budget", SEC_BUDGET), *w, *cv, *yv;
	long long ysum[MAX_YEARS], csum, total = 0, applied = 0;
	int years = a->years, y, c, any, seen[MAX_YEARS] = { 0 };

	/* A draft may have costed years beyond those it chose, or chosen none. */
	for (y = 0; y < MAX_YEARS; y++)
		for (c = 0; c < CAT__MAX; c++)
			if (a->amount[y][c] >= 0 || a->year_total[y] >= 0)
				seen[y] = 1;
	for (y = MAX_YEARS; y > years; y--)
		if (seen[y - 1]) {
			years = y;
			break;
		}
	changes(s, row_text(r, o, N_("Duration"), a->years <= 0 ? NULL : a->years == 1 ?
	    i18n_tr(r->lang, N_("1 year")) : arena_printf(r->a, "%d %s",
	    a->years, i18n_tr(r->lang, N_("years")))), "years");
	changes(s, row_text(r, o, N_("Planned start"), a->planned_start), "planned_start");
	w = changes(s, row(r, o, N_("Amount applied for")), "amount-1");
	for (y = 0; y < years; y++) {
		row_item(w, arena_printf(r->a, "%s %d: %s", i18n_tr(r->lang,
		    N_("Year")), y + 1, a->year_total[y] >= 0 ?
		    fmt_amount(r->a, a->year_total[y], r->lang) :
		    i18n_tr(r->lang, N_("Not answered"))), NULL);
		if (a->year_total[y] > 0)
			applied += a->year_total[y];
	}
	if (years > 1)
		row_item(w, arena_printf(r->a, "%s: %s", i18n_tr(r->lang,
		    N_("Total")), fmt_amount(r->a, applied, r->lang)), NULL);
	/*
	 * Asked for with other costs; one sent before it was asked for has none, which is no gap
	 * of the applicant's: only a draft says it is not answered yet.
	 */
	if (!rules_blank(a->other_costs) || (strcmp(a->status, "draft") == 0 &&
	    a->amount[0][CAT_OTHER] > 0))
		changes(s, row_prose(r, o, N_("What the other costs cover"), a->other_costs,
		    NULL), "other_costs");

	vobj_bool(o, "has_table", years > 0);
	vobj_str(o, "costs_change", change_href(s, arena_printf(r->a, "amount-1-%s",
	    category_code[0])));
	for (y = 0; y < years; y++) {
		yv = vobj_push(o, "years");
		vobj_int(yv, "year", y + 1);
		ysum[y] = -1;
	}
	for (c = 0; c < CAT__MAX; c++) {
		cv = vobj_push(o, "categories");
		vobj_str(cv, "category", label(r->lang, category_code[c]));
		csum = -1;
		for (y = 0; y < years; y++) {
			long long n = a->amount[y][c];

			yv = vobj_push(cv, "cells");
			vobj_str(yv, "amount", amount_or_null(r, n));
			if (n >= 0) {
				csum = (csum < 0 ? 0 : csum) + n;
				ysum[y] = (ysum[y] < 0 ? 0 : ysum[y]) + n;
			}
		}
		vobj_str(cv, "total", amount_or_null(r, csum));
	}
	any = 0;
	for (y = 0; y < years; y++) {
		yv = vobj_push(o, "totals");
		vobj_str(yv, "amount", amount_or_null(r, ysum[y]));
		if (ysum[y] >= 0) {
			total += ysum[y];
			any = 1;
		}
	}
	vobj_str(o, "total", any ? fmt_amount(r->a, total, r->lang) : NULL);
}

static void
view_contact(struct sum *s)
{
	struct req *r = s->r;
	const struct application *a = s->a;
	struct vobj *o = section(s, "s_contact", SEC_CONTACT);

	changes(s, row_text(r, o, N_("Name"), a->contact_name), "contact_name");
	changes(s, row_text(r, o, N_("Email address"), a->contact_email), "contact_email");
	changes(s, row_text(r, o, N_("Telephone"), a->contact_phone), "contact_phone");
}

/*
 * Every section of the application, as the applicant gave it ("s_partners"... of r's view, for
 * _application_sections.html): the page reads it, check your answers (change) has a Change link
 * per answer and says lang_problem, when not NULL, beside the partner language.
 */
void
app_summary(struct req *r, const struct application *a, const struct application_extra *x,
    int change, const char *lang_problem)
{
	struct sum s = { r, a, x, change, SEC_PARTNERS };

	view_partners(&s);
	view_project(&s, lang_problem);
	view_results(&s);
	view_team(&s);
	view_budget(&s);
	view_contact(&s);
}

/* Until ICLD decides, the applicant may take an application back. */
int
app_withdrawable(const char *status)
{
	return strcmp(status, "draft") == 0 || strcmp(status, "submitted") == 0 ||
	    strcmp(status, "under_review") == 0;
}

/*
 * A draft that never reached ICLD may be deleted: nobody but its
 * organisation has seen it, so nothing of the programme's record goes
 * with it. Once submitted, an application stays (withdrawn at the most).
 */
int
app_deletable(const struct application *a, const struct application_extra *x)
{
	return (strcmp(a->status, "draft") == 0 ||
	    strcmp(a->status, "withdrawn") == 0) && x->submitted == NULL;
}

/* The application's title in the reader's language; NULL while it has none. */
const char *
app_title_or_null(struct req *r, const struct application *a)
{
	const char *title = i18n_pick(r->lang, a->title_sv, a->title_en);

	return !rules_blank(title) ? title : NULL;
}

/* ---- the application in short, on the decision's page ---------------------------------------------- */

/* The partners' names, joined. */
const char *
app_partners_text(struct req *r, const struct application_extra *x)
{
	struct buf b;
	size_t i;

	buf_init(&b, r->a, 128);
	for (i = 0; i < x->npartners; i++)
		if (x->partner[i].name != NULL)
			buf_printf(&b, "%s%s", b.len > 0 ? ", " : "",
			    x->partner[i].name);
	return b.len > 0 ? b.data : NULL;
}

/* The application in short, so the decision can be made without leaving the page. */
void
app_about(struct req *r, const struct application *a, const struct application_extra *x)
{
	struct vobj *o = vobj_obj(r->view, "about");
	long long applied = 0;
	int y;

	row_text(r, o, N_("Project title"), page_app_title(r, a->title_sv, a->title_en, a->id));
	row_text(r, o, N_("Applicant"), x->org_name);
	row_text(r, o, x->npartners > 1 ? N_("Partner organisations") :
	    N_("Partner organisation"), app_partners_text(r, x));
	row_text(r, o, N_("Country"), i18n_pick(r->lang, x->country_sv, x->country_en));
	row_text(r, o, N_("Type of project"), x->type != NULL ?
	    label(r->lang, x->type) : NULL);
	row_text(r, o, N_("Round"), i18n_pick(r->lang, x->round_sv, x->round_en));
	row_text(r, o, N_("Status"), label(r->lang, a->status));
	for (y = 0; y < a->years && y < MAX_YEARS; y++)
		if (a->year_total[y] > 0)
			applied += a->year_total[y];
	row_text(r, o, N_("Amount applied for"), a->years > 0 ?
	    arena_printf(r->a, "%s (%d %s)", fmt_amount(r->a, applied, r->lang),
	    a->years, i18n_tr(r->lang, a->years == 1 ? N_("year") : N_("years"))) : NULL);
	row_text(r, o, N_("Planned start"), a->planned_start);
}

/* ---- the decision ------------------------------------------------------------------------------------- */

/* The decision's part of the page (_app_decision.html): deciding, the decision, the letter. */
static void
view_decision_box(struct req *r, const struct application *a,
    const struct application_extra *x)
{
	struct vobj *o;
	int admin = r->sess->user.role == ROLE_ADMIN;

	if (x->decision == NULL && !(admin && decision_pending(a->status)))
		return;
	o = vobj_obj(r->view, "decision_box");
	if (x->decision == NULL) {
		vobj_bool(o, "undecided", 1);
		vobj_str(o, "decide_href", arena_printf(r->a, "/applications/%lld/decision", a->id));
		return;
	}
	vobj_str(o, "outcome", strcmp(x->decision, "approve") == 0 ?
	    "approved" : "rejected");
	vobj_str(o, "outcome_label", label(r->lang, strcmp(x->decision,
	    "approve") == 0 ? "approved" : "rejected"));
	vobj_str(o, "decided", x->decided);
	vobj_str(o, "decision_href", admin ? arena_printf(r->a, "/applications/%lld/decision", a->id) : NULL);
	vobj_str(o, "letter_href", arena_printf(r->a, "/applications/%lld/letter", a->id));
}

/* ---- the reviews, for ICLD ------------------------------------------------------------------------------ */

/* The review's criteria in words (score.h), on the reviews part and the scoring form. */
const char *const review_crit_names[CRIT__MAX] = {
	[CRIT_RELEVANCE] = N_("Relevance to local democracy"),
	[CRIT_FEASIBILITY] = N_("Feasibility"),
	[CRIT_OWNERSHIP] = N_("Ownership by both partners"),
	[CRIT_GENDER] = N_("Gender and inclusion"),
	[CRIT_BUDGET] = N_("Budget realism"),
};

/* reviews.recommendation, in the form's order. */
const struct review_rec review_recs[] = {
	{ "approve", N_("Approval") },
	{ "reject", N_("Rejection") },
	{ "undecided", N_("Undecided") },
};

const size_t nreview_recs = sizeof(review_recs) / sizeof(review_recs[0]);

/* The state tag of a review: its class (as the task list's) and its words. */
void
view_review_state(struct req *r, struct vobj *o, const struct review *rv)
{
	if (rv->completed != NULL) {
		vobj_str(o, "state", "completed");
		vobj_str(o, "state_label", i18n_tr(r->lang, N_("Completed")));
	} else if (review_begun(rv)) {
		vobj_str(o, "state", "in_progress");
		vobj_str(o, "state_label", i18n_tr(r->lang, N_("In progress")));
	} else {
		vobj_str(o, "state", "not_started");
		vobj_str(o, "state_label", i18n_tr(r->lang, N_("Not started")));
	}
}

static const char *
rec_label(struct req *r, const char *code)
{
	size_t i;

	for (i = 0; i < nreview_recs; i++)
		if (code != NULL && strcmp(code, review_recs[i].code) == 0)
			return i18n_tr(r->lang, review_recs[i].label);
	return i18n_tr(r->lang, N_("Undecided"));
}

/* "Karin Lund (Borlänge kommun)": who a reviewer is, with the organisation that matters here. */
static const char *
reviewer_label(struct req *r, const struct reviewer *w)
{
	return w->org_name != NULL ? arena_printf(r->a, "%s (%s)", w->name,
	    w->org_name) : w->name;
}

static const char *
tenths(struct req *r, long t)
{
	char b[24];

	return arena_strdup(r->a, score_tenths(b, sizeof(b), t, r->lang));
}

static const char *
range_text(struct req *r, const struct score_stat *s)
{
	return arena_printf(r->a, "%d" NDASH "%d", s->lowest, s->highest);
}

/* The averages table: a row per criterion and one for every score together. */
static void
view_stats(struct req *r, struct vobj *o, const struct review *rv, size_t n)
{
	struct score_review *in = arena_calloc(r->a, n + 1, sizeof(*in));
	struct score_summary s;
	struct vobj *w;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		memcpy(in[i].score, rv[i].score, sizeof(in[i].score));
		in[i].complete = rv[i].completed != NULL;
	}
	score_summarise(in, n, &s);
	vobj_bool(o, "has_complete", s.ncomplete > 0);
	if (s.ncomplete == 0)
		return;
	vobj_str(o, "stats_caption", s.ncomplete == 1 ?
	    i18n_tr(r->lang, N_("Scores of the one completed review")) :
	    rules_fill(r->a, i18n_tr(r->lang, N_("Scores of the {n} completed reviews")),
	    (const char *const []){ "n", arena_printf(r->a, "%d", s.ncomplete),
	    NULL }));
	for (k = 0; k < CRIT__MAX; k++) {
		w = vobj_push(o, "stats");
		vobj_str(w, "criterion", i18n_tr(r->lang, review_crit_names[k]));
		vobj_str(w, "average", tenths(r, s.crit[k].mean10));
		vobj_str(w, "range", range_text(r, &s.crit[k]));
		vobj_str(w, "sd", tenths(r, s.crit[k].sd10));
	}
	vobj_str(o, "overall", tenths(r, s.overall.mean10));
	vobj_str(o, "overall_range", range_text(r, &s.overall));
	vobj_str(o, "overall_sd", tenths(r, s.overall.sd10));
}

static void
view_review(struct req *r, struct vobj *o, const struct application *a,
    const struct review *rv, int open)
{
	struct vobj *w = vobj_push(o, "reviews"), *sv;
	int k, mine = rv->who.id == r->sess->user.id;

	vobj_int(w, "reviewer_id", rv->who.id);
	vobj_str(w, "name", rv->who.name);
	vobj_str(w, "org_name", rv->who.org_name);
	view_review_state(r, w, rv);
	vobj_str(w, "completed", rv->completed);
	vobj_bool(w, "has_text", review_begun(rv));
	vobj_str(w, "caption", rules_fill(r->a, i18n_tr(r->lang, N_("Scores given by {name}")),
	    (const char *const []){ "name", rv->who.name, NULL }));
	for (k = 0; k < CRIT__MAX; k++) {
		sv = vobj_push(w, "scores");
		vobj_str(sv, "criterion", i18n_tr(r->lang, review_crit_names[k]));
		vobj_str(sv, "score", rv->score[k] > 0 ?
		    arena_printf(r->a, "%d", rv->score[k]) : NULL);
		vobj_str(sv, "comment", rv->comment[k]);
	}
	vobj_str(w, "recommendation", rec_label(r, rv->recommendation));
	vobj_str(w, "summary", rv->summary);
	vobj_bool(w, "can_score", open && mine && !rv->who.conflict);
	vobj_str(w, "score_href", arena_printf(r->a, "/applications/%lld/review", a->id));
	vobj_bool(w, "can_remove", open && !review_begun(rv));
	vobj_str(w, "remove_action", arena_printf(r->a,
	    "/applications/%lld/reviewers/%lld/remove", a->id, rv->who.id));
	vobj_str(w, "remove_label", rules_fill(r->a, i18n_tr(r->lang,
	    N_("Remove {name} as reviewer")), (const char *const []){ "name",
	    rv->who.name, NULL }));
}

/* The reviews part of the page, for admins (_app_reviews.html): 0, or the status to answer instead. */
static int
view_reviews(struct req *r, const struct application *a)
{
	struct review *rv;
	struct reviewer *others;
	size_t nrv, nothers, i;
	struct vobj *o, *w;
	const char *chosen = r->method == METHOD_POST ? req_form(r, "reviewer") : NULL;
	int open = review_open(a->status);
	enum kerr e;

	/* A draft has nothing to review yet. */
	if (strcmp(a->status, "draft") == 0)
		return 0;
	if ((e = db_review_panel(r->a, r->id, r->sess->data_version, a->id, &rv, &nrv, &others, &nothers)) != KERR_OK)
		return http_status(e);
	o = vobj_obj(r->view, "rv");
	vobj_bool(o, "open", open);
	vobj_bool(o, "has_reviews", nrv > 0);
	view_stats(r, o, rv, nrv);
	for (i = 0; i < nrv; i++)
		view_review(r, o, a, &rv[i], open);
	vobj_str(o, "assign_action", arena_printf(r->a, "/applications/%lld/reviewers", a->id));
	vobj_bool(o, "has_others", nothers > 0);
	for (i = 0; i < nothers; i++) {
		const char *value = arena_printf(r->a, "%lld", others[i].id);

		w = vobj_push(o, "others");
		vobj_str(w, "value", value);
		vobj_str(w, "label", reviewer_label(r, &others[i]));
		vobj_bool(w, "selected", chosen != NULL && strcmp(chosen, value) == 0);
	}
	return 0;
}

/* ---- the page --------------------------------------------------------------------------------------------- */

/* GET /applications/{id}, and the page again under a form of it that answered with an error. */
int
app_page(struct req *r)
{
	struct application a;
	struct application_extra x;
	long long id = path_id(r->args[0]);
	struct vobj *v = r->view;
	enum kerr e;
	int st;

	if (id == 0)
		return 404;
	if ((e = db_application_load(r->a, r->id, r->sess->data_version, id, confined_org(r), &a, &x)) != KERR_OK)
		return http_status(e);
	vobj_str(v, "title", page_app_title(r, a.title_sv, a.title_en, a.id));
	vobj_int(v, "id", a.id);
	vobj_str(v, "status", a.status);
	vobj_str(v, "status_label", label(r->lang, a.status));
	vobj_bool(v, "draft", strcmp(a.status, "draft") == 0);
	vobj_bool(v, "can_withdraw", r->sess->user.role == ROLE_APPLICANT &&
	    app_withdrawable(a.status));
	vobj_bool(v, "can_delete", r->sess->user.role == ROLE_APPLICANT &&
	    app_deletable(&a, &x));
	view_overview(r, &x, v);
	view_decision_box(r, &a, &x);
	app_summary(r, &a, &x, 0, NULL);
	if (r->sess->user.role == ROLE_ADMIN && (st = view_reviews(r, &a)) != 0)
		return st;
	view_crumb(r, arena_printf(r->a, "/applications/%lld", a.id),
	    arena_printf(r->a, "%s %lld", i18n_tr(r->lang, N_("Application")), a.id));
	return render(r, TPL_APPLICATION);
}
