/* h_application.c - an application read-only, every section as the applicant gave it; prints on A4. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "arena.h"
#include "db_application.h"
#include "fmt.h"
#include "handlers.h"
#include "i18n.h"
#include "labels.h"
#include "page.h"
#include "rules.h"
#include "valid.h"
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

static const char *const role_labels[TEAM_ROLE__MAX] = {
	[ROLE_POLITICIAN_MAJORITY] = N_("Politician (majority)"),
	[ROLE_POLITICIAN_OPPOSITION] = N_("Politician (opposition)"),
	[ROLE_CIVIL_SERVANT] = N_("Civil servant"),
	[ROLE_OTHER_MEMBER] = N_("Other"),
};

static const char *const principle_labels[4] = {
	N_("Inclusion"), N_("Participation"), N_("Transparency"), N_("Accountability"),
};

/* A language code fit for lang="": two or three lowercase letters; else NULL (none said). */
const char *
lang_ok(const char *s)
{
	size_t n = s != NULL ? strspn(s, "abcdefghijklmnopqrstuvwxyz") : 0;

	return (n == 2 || n == 3) && s[n] == '\0' ? s : NULL;
}

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

/* A section's object, with its done state for a draft's readers. */
static struct vobj *
section(struct vobj *v, const char *key, const struct application *a, enum section s)
{
	struct vobj *o = vobj_obj(v, key);

	vobj_bool(o, "done", a->done[s]);
	return o;
}

static const char *
amount_or_null(struct req *r, long long kr)
{
	return kr >= 0 ? fmt_amount(r->a, kr, r->lang) : NULL;
}

static void
view_overview(struct req *r, const struct application_extra *x, struct vobj *v)
{
	struct vobj *o = vobj_obj(v, "overview"), *w;

	row_text(r, o, N_("Applicant"), x->org_name);
	row_text(r, o, N_("Round"), i18n_pick(r->lang, x->round_sv, x->round_en));
	row_text(r, o, N_("Type of project"), x->type != NULL ?
	    label(r->lang, x->type) : NULL);
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
	if (x->project_code != NULL) {
		w = row(r, o, N_("Project"));
		vobj_bool(w, "missing", 0);
		vobj_str(w, "href", arena_printf(r->a, "/projects/%s",
		    x->project_code));
		vobj_str(w, "text", x->project_code);
	}
}

static void
view_partners(struct req *r, const struct application *a,
    const struct application_extra *x, struct vobj *v)
{
	struct vobj *o = section(v, "s_partners", a, SEC_PARTNERS), *w;
	size_t i;

	if (x->ncoapplicants > 0) {
		w = row(r, o, N_("Swedish co-applicants"));
		for (i = 0; i < x->ncoapplicants; i++)
			row_item(w, x->coapplicants[i].name, NULL);
	}
	for (i = 0; i < MAX_PARTNERS; i++) {
		const struct partner_info *p = &x->partner[i];

		/* The second partner is asked for in three-party projects only. */
		if (i == 1 && p->name == NULL && a->type != PT_THREE_PARTY)
			continue;
		w = row(r, o, a->type == PT_THREE_PARTY ? (i == 0 ?
		    N_("First partner organisation") :
		    N_("Second partner organisation")) :
		    N_("Partner organisation"));
		if (p->name == NULL)
			continue;
		row_item(w, p->name, NULL);
		if (!rules_blank(p->name_local))
			row_item(w, p->name_local, p->local_lang);
		row_item(w, arena_printf(r->a, "%s, %s", label(r->lang, p->kind),
		    i18n_pick(r->lang, p->country_sv, p->country_en)), NULL);
	}
	row_text(r, o, N_("Country"), i18n_pick(r->lang, x->country_sv,
	    x->country_en));
}

static void
view_project(struct req *r, const struct application *a,
    const struct application_extra *x, struct vobj *v)
{
	struct vobj *o = section(v, "s_project", a, SEC_PROJECT), *w;
	int k;

	row_prose(r, o, N_("Title in Swedish"), a->title_sv, "sv");
	row_prose(r, o, N_("Title in English"), a->title_en, "en");
	if (!rules_blank(a->title_local))
		row_prose(r, o, N_("Title in the partner's language"),
		    a->title_local, x->title_local_lang);
	/* English is required (the IATI description); Swedish is welcome. */
	if (!rules_blank(a->summary_sv))
		row_prose(r, o, N_("Summary in Swedish"), a->summary_sv, "sv");
	row_prose(r, o, N_("Summary in English"), a->summary_en, "en");
	if (!rules_blank(a->summary_local))
		row_prose(r, o, N_("Summary in the partner's language"),
		    a->summary_local, x->title_local_lang);
	row_prose(r, o, N_("Background and problem"), a->background, NULL);
	row_text(r, o, N_("Thematic area"), i18n_pick(r->lang, x->theme_sv,
	    x->theme_en));
	w = row(r, o, N_("Principles of local democracy"));
	for (k = 0; k < 4; k++)
		if (a->principle[k])
			row_item(w, i18n_tr(r->lang, principle_labels[k]), NULL);
	w = row(r, o, N_("Sustainable Development Goals"));
	for (k = 1; k <= 17; k++)
		if (a->sdg[k])
			row_item(w, arena_printf(r->a, "%d %s", k, i18n_pick(r->lang,
			    x->sdg_sv[k], x->sdg_en[k])), NULL);
	row_prose(r, o, N_("Target groups"), a->target_groups, NULL);
	row_text(r, o, N_("Does the project develop citizen dialogue?"),
	    a->citizen_dialogue < 0 ? NULL : i18n_tr(r->lang,
	    a->citizen_dialogue ? N_("Yes") : N_("No")));
	if (a->citizen_dialogue == 1 || !rules_blank(a->dialogue_text))
		row_prose(r, o, N_("How the project develops citizen dialogue"),
		    a->dialogue_text, NULL);
	row_prose(r, o, N_("How the project considers vulnerable groups"),
	    a->vulnerable_text, NULL);
	row_prose(r, o, N_("How the project promotes women's participation"),
	    a->gender_text, NULL);
	if (x->follows_code != NULL) {
		w = row(r, o, N_("Continues the project"));
		vobj_bool(w, "missing", 0);
		vobj_str(w, "href", arena_printf(r->a, "/projects/%s",
		    x->follows_code));
		vobj_str(w, "text", x->follows_code);
	}
}

static void
view_results(struct req *r, const struct application *a, struct vobj *v)
{
	struct vobj *o = section(v, "s_results", a, SEC_RESULTS), *ov, *rv, *iv;
	size_t i, j, k;

	row_prose(r, o, N_("Overall objective"), a->overall_objective, NULL);
	vobj_bool(o, "has_objectives", a->nobj > 0);
	for (i = 0; i < a->nobj; i++) {
		const struct objective *ob = &a->obj[i];

		ov = vobj_push(o, "objectives");
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

/* A side of the team, empty until a member joins it. */
static struct vobj *
team_group(struct vobj *o, const char *name)
{
	struct vobj *g = vobj_push(o, "groups");

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
view_team(struct req *r, const struct application *a,
    const struct application_extra *x, struct vobj *v)
{
	struct vobj *o = section(v, "s_team", a, SEC_TEAM), *g[MAX_PARTNERS + 2], *mv;
	int ngroups = 0, two = a->partner[1] != 0, gi;
	size_t i;

	g[0] = team_group(o, x->org_name);
	vobj_str(g[0], "side", i18n_tr(r->lang, N_("Swedish side")));
	for (gi = 1; gi <= MAX_PARTNERS; gi++) {
		if (gi > 1 && !two)
			break;
		g[gi] = team_group(o, x->partner[gi - 1].name != NULL ?
		    x->partner[gi - 1].name : i18n_tr(r->lang, N_("The partner")));
		vobj_str(g[gi], "side", i18n_tr(r->lang, N_("partner side")));
	}
	ngroups = gi;
	g[ngroups] = NULL;
	for (i = 0; i < a->nteam; i++) {
		const struct member *m = &a->team[i];

		if (!m->partner_side)
			gi = 0;
		else if (!two || m->org_id == a->partner[0])
			gi = 1;
		else if (m->org_id == a->partner[1])
			gi = 2;
		else {
			gi = ngroups;
			if (g[gi] == NULL) {
				g[gi] = team_group(o, i18n_tr(r->lang,
				    N_("Partner side, organisation not given")));
				vobj_str(g[gi], "side", NULL);
			}
		}
		vobj_bool(g[gi], "has_members", 1);
		mv = vobj_push(g[gi], "members");
		vobj_str(mv, "name", m->name);
		vobj_str(mv, "role", i18n_tr(r->lang, role_labels[m->role]));
		vobj_str(mv, "position", rules_blank(m->position) ? NULL : m->position);
	}
}

static void
view_budget(struct req *r, const struct application *a, struct vobj *v)
{
	struct vobj *o = section(v, "s_budget", a, SEC_BUDGET), *w, *cv, *yv;
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
	row_text(r, o, N_("Duration"), a->years <= 0 ? NULL : a->years == 1 ?
	    i18n_tr(r->lang, N_("1 year")) : arena_printf(r->a, "%d %s",
	    a->years, i18n_tr(r->lang, N_("years"))));
	row_text(r, o, N_("Planned start"), a->planned_start);
	w = row(r, o, N_("Amount applied for"));
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

	vobj_bool(o, "has_table", years > 0);
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
view_contact(struct req *r, const struct application *a, struct vobj *v)
{
	struct vobj *o = section(v, "s_contact", a, SEC_CONTACT);

	row_text(r, o, N_("Name"), a->contact_name);
	row_text(r, o, N_("Email address"), a->contact_email);
	row_text(r, o, N_("Telephone"), a->contact_phone);
}

/* Until ICLD decides, the applicant may take an application back. */
static int
withdrawable(const char *status)
{
	return strcmp(status, "draft") == 0 || strcmp(status, "submitted") == 0 ||
	    strcmp(status, "under_review") == 0;
}

/*
 * A draft that never reached ICLD may be deleted: nobody but its
 * organisation has seen it, so nothing of the programme's record goes
 * with it. Once submitted, an application stays (withdrawn at the most).
 */
static int
deletable(const struct application *a, const struct application_extra *x)
{
	return (strcmp(a->status, "draft") == 0 ||
	    strcmp(a->status, "withdrawn") == 0) && x->submitted == NULL;
}

/* GET /applications/{id} -> 200 | 404 (also another organisation's) | 503 */
int
h_application_show(struct req *r)
{
	struct application a;
	struct application_extra x;
	long long id = path_id(r->args[0]);
	struct vobj *v = r->view;
	enum kerr e;
	int st;

	if (id == 0)
		return 404;
	if ((e = db_application_load(r->a, r->id, r->sess->data_version, id, confined_org(r),
	    &a, &x)) != KERR_OK)
		return http_status(e);
	vobj_str(v, "title", page_app_title(r, a.title_sv, a.title_en, a.id));
	vobj_int(v, "id", a.id);
	vobj_str(v, "status", a.status);
	vobj_str(v, "status_label", label(r->lang, a.status));
	vobj_bool(v, "draft", strcmp(a.status, "draft") == 0);
	vobj_bool(v, "can_withdraw", r->sess->user.role == ROLE_APPLICANT &&
	    withdrawable(a.status));
	vobj_bool(v, "can_delete", r->sess->user.role == ROLE_APPLICANT &&
	    deletable(&a, &x));
	view_overview(r, &x, v);
	view_decision_box(r, &a, &x);
	view_partners(r, &a, &x, v);
	view_project(r, &a, &x, v);
	view_results(r, &a, v);
	view_team(r, &a, &x, v);
	view_budget(r, &a, v);
	view_contact(r, &a, v);
	if (r->sess->user.role == ROLE_ADMIN && (st = review_view(r, &a)) != 0)
		return st;
	view_crumb(r, arena_printf(r->a, "/applications/%lld", a.id),
	    arena_printf(r->a, "%s %lld", i18n_tr(r->lang, N_("Application")), a.id));
	return render(r, TPL_APPLICATION);
}

/*
 * The confirmation page of withdrawing or deleting (verb: the action's last segment and its
 * button's id) the application, with the form (_app_confirm_form.html) when can it still be done.
 */
static int
confirm_page(struct req *r, const struct application *a, const char *verb, const char *title,
    const char *button, int can, enum tpl page)
{
	const char *app_title = i18n_pick(r->lang, a->title_sv, a->title_en);
	struct vobj *v = r->view;

	vobj_str(v, "title", i18n_tr(r->lang, title));
	vobj_str(v, "app_title", !rules_blank(app_title) ? app_title : NULL);
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
	    N_("Withdraw the application"), withdrawable(a->status), TPL_APPLICATION_WITHDRAW);
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
	if (!withdrawable(a.status))
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
	view_error(r, withdrawable(a.status) ? "withdraw" : "main",
	    i18n_tr(r->lang, withdrawable(a.status) ?
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
	    deletable(a, x), TPL_APPLICATION_DELETE);
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
	if (!deletable(&a, &x))
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
	view_error(r, deletable(&a, &x) ? "delete" : "main",
	    i18n_tr(r->lang, deletable(&a, &x) ?
	    N_("The draft changed while you were looking at it. Check it, and delete it again if you still want to.") :
	    N_("The application has been submitted to ICLD, so it can no longer be deleted.")));
	r->status = 409;
	return delete_page(r, &a, &x);
}
