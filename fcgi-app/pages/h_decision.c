/* h_decision.c - ICLD decides on an application: the decision form, recording and changing the decision, the decision letter. */
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db_application.h"
#include "db/db_decision.h"
#include "db/db_round.h"
#include "domain/decision.h"
#include "domain/labels.h"
#include "domain/rules.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/form.h"
#include "http/req.h"
#include "pages/h_decision.h"
#include "views/appmail.h"
#include "views/apppage.h"
#include "views/page.h"
#include "views/view.h"

/*
 * How deciding behaves:
 *
 * The form carries the application's version. Recording the decision is
 * one transaction (db_decision_create) that locks the application and
 * refuses when its status or version moved on. A refusal keeps what the
 * admin typed: when the application changed, the form comes back with the
 * new version to record again after a look; when someone else decided,
 * it comes back without a button, next to the decision that stands. The
 * same form sent twice (a double click, a reload) is no refusal: the
 * second finds the decision its first made, by the same person, exactly
 * one version after the one it carried, and lands on the decision's page.
 *
 * Once decided, the page shows the decision and a form to change it,
 * guarded by the decision's own version: a rejection's reason, an
 * approval's conditions and inception project, and its dates and amounts
 * while the project has no submitted report and no payment.
 */

enum mode {
	MODE_CLOSED,	/* no decision, and the application cannot have one */
	MODE_NEW,	/* deciding */
	MODE_CHANGE	/* changing the decision made */
};

struct dpage {
	struct req		*r;
	struct application	 a;
	struct application_extra x;
	struct round		 rd;
	struct country_row	 country;
	int			 has_country;
	struct decision_view	 dv;		/* the decision stored; dv.id 0: none */
	struct decision_inception *inc;		/* the applicant's inception projects */
	size_t			 ninc;

	/* What the form shows: stored or prefilled values, or what was sent. */
	enum mode		 mode;
	struct decision_input	 in;
	long long		 follows_id;
	int			 budget;	/* the form has the dates, years and amounts */
	unsigned		 version;	/* the application's (new) or the decision's (change) */
	int			 can_submit;

	struct page_form	 f;		/* the problems, and the amounts that were no amounts as typed */
};

/* ---- small helpers ------------------------------------------------------------------------------------ */

static const char *
amount_text(struct req *r, long long n)
{
	return fmt_amount(r->a, n > 0 ? n : 0, r->lang);
}

/* A row of a summary list (_application_rows.html), every key it reads set. */
static struct vobj *
summary_row(struct req *r, struct vobj *o, const char *msgid, const char *text)
{
	struct vobj *w = vobj_push(o, "rows");

	vobj_str(w, "label", tr(r, msgid));
	vobj_bool(w, "prose", 0);
	vobj_bool(w, "missing", rules_blank(text));
	vobj_str(w, "text", rules_blank(text) ? NULL : text);
	vobj_str(w, "lang", NULL);
	vobj_str(w, "href", NULL);
	vobj_bool(w, "has_items", 0);
	return w;
}

/* A text the letters give, a row for each language (msgid[l] its label), marked as that language. */
static void
row_texts(struct req *r, struct vobj *o, const char *const *msgid,
    const char *const *text)
{
	struct vobj *w;
	int l;

	for (l = 0; l < LANG__MAX; l++) {
		w = summary_row(r, o, msgid[l], text[l]);
		vobj_bool(w, "prose", 1);
		vobj_str(w, "lang", rules_blank(text[l]) ? NULL : i18n_code((enum lang)l));
	}
}

/* ---- loading ------------------------------------------------------------------------------------------ */

/*
 * Loads application id (any organisation's when org_id is 0) with its
 * decision, and for the form (form nonzero) its round, country and the
 * applicant's inception projects. Returns 0, or the status to answer.
 */
static int
load_decision(struct req *r, struct dpage *p, long long org_id, int form)
{
	long long id = path_id(r->args[0]);
	unsigned rv;
	enum kerr e;

	p->r = r;
	p->f.a = r->a;
	p->f.sec = SEC_BUDGET;
	if (id == 0)
		return 404;
	if ((e = db_application_load(r->a, r->id, r->sess->data_version, id, org_id, &p->a,
	    &p->x)) != KERR_OK)
		return http_status(e);
	if ((e = db_decision_get(r, id, &p->dv)) != KERR_OK)
		return http_status(e);
	if (!form)
		return 0;
	if ((e = db_round_get(r->a, r->id, r->sess->data_version, p->a.round_id, &p->rd,
	    &rv)) != KERR_OK)
		return http_status(e == KERR_NOTFOUND ? KERR_DB : e);
	if (p->a.country != NULL) {
		e = db_country_get(r->a, r->id, p->a.country, &p->country);
		if (e != KERR_OK && e != KERR_NOTFOUND)
			return http_status(e);
		p->has_country = e == KERR_OK;
	}
	if (p->a.type != PT_INCEPTION && (e = db_decision_inceptions(r->a, r->id,
	    r->sess->data_version,
	    p->a.org_id, &p->inc, &p->ninc)) != KERR_OK)
		return http_status(e);
	return 0;
}

static const struct decision_inception *
inception(const struct dpage *p, long long id)
{
	size_t i;

	for (i = 0; i < p->ninc; i++)
		if (p->inc[i].id == id)
			return &p->inc[i];
	return NULL;
}

static void
clear_amounts(struct decision_input *in)
{
	int y, k;

	for (y = 0; y < MAX_YEARS; y++) {
		in->year_total[y] = -1;
		for (k = 0; k < CAT__MAX; k++)
			in->amount[y][k] = -1;
	}
}

/* A new decision starts from what the application asked for. */
static void
prefill_new(struct dpage *p)
{
	struct ymd start;
	size_t i;

	p->mode = MODE_NEW;
	p->budget = 1;
	p->version = p->a.version;
	memset(&p->in, 0, sizeof(p->in));
	p->in.years = p->a.years > 0 && p->a.years <= MAX_YEARS ? p->a.years : 0;
	p->in.starts_on = p->a.planned_start;
	if (p->in.starts_on != NULL && p->in.years > 0 &&
	    decision_date(p->in.starts_on, &start) == KERR_OK)
		p->in.ends_on = decision_date_iso(p->r->a,
		    decision_latest_end(start, p->in.years));
	memcpy(p->in.year_total, p->a.year_total, sizeof(p->in.year_total));
	memcpy(p->in.amount, p->a.amount, sizeof(p->in.amount));
	/* The applicant names the project by its code; the select by id. */
	for (i = 0; p->x.follows_code != NULL && i < p->ninc; i++)
		if (strcmp(p->inc[i].code, p->x.follows_code) == 0)
			p->follows_id = p->inc[i].id;
}

/* A change starts from the decision as it stands. */
static void
prefill_change(struct dpage *p)
{
	const struct decision_view *dv = &p->dv;
	int y;

	p->mode = MODE_CHANGE;
	p->version = dv->version;
	memset(&p->in, 0, sizeof(p->in));
	clear_amounts(&p->in);
	if (strcmp(dv->outcome, "reject") == 0) {
		p->in.outcome = OUTCOME_REJECT;
		memcpy(p->in.reason, dv->reason, sizeof(p->in.reason));
		return;
	}
	p->in.outcome = OUTCOME_APPROVE;
	p->budget = !dv->locked;
	memcpy(p->in.conditions, dv->conditions, sizeof(p->in.conditions));
	p->follows_id = dv->follows_id;
	p->in.starts_on = dv->starts_on;
	p->in.ends_on = dv->ends_on;
	p->in.years = dv->nyears;
	for (y = 0; y < dv->nyears; y++) {
		p->in.year_total[y] = dv->year[y].amount;
		memcpy(p->in.amount[y], dv->year[y].line, sizeof(p->in.amount[y]));
	}
}

/* ---- what was sent -------------------------------------------------------------------------------------- */

/*
 * Reads the form as sent into p (its mode and outcome set), with the
 * problems of reading. Returns 0, or 400 for a value no form of ours
 * sends (an outcome or a project id that is no choice).
 */
static int
read_decision_form(struct dpage *p)
{
	struct req *r = p->r;
	const char *s;
	long long v;
	int y, k, l;

	if (p->mode == MODE_NEW) {
		s = req_form(r, "outcome");
		if (s == NULL || *s == '\0')
			p->in.outcome = OUTCOME_NONE;
		else if (strcmp(s, "approve") == 0)
			p->in.outcome = OUTCOME_APPROVE;
		else if (strcmp(s, "reject") == 0)
			p->in.outcome = OUTCOME_REJECT;
		else
			return 400;
	}
	/* What the outcome chosen leaves aside is kept as typed, and not judged. */
	p->f.quiet = p->in.outcome == OUTCOME_APPROVE;
	if (p->mode == MODE_NEW || p->in.outcome == OUTCOME_REJECT)
		for (l = 0; l < LANG__MAX; l++)
			p->in.reason[l] = page_read_text(p->r, &p->f, decision_reason_id[l]);
	p->f.quiet = p->in.outcome == OUTCOME_REJECT;
	if (p->mode == MODE_CHANGE && p->in.outcome == OUTCOME_REJECT) {
		p->f.quiet = 0;
		return 0;
	}
	for (l = 0; l < LANG__MAX; l++)
		p->in.conditions[l] = page_read_text(p->r, &p->f, decision_conditions_id[l]);
	p->follows_id = 0;
	if (p->a.type != PT_INCEPTION && !rules_blank(s = req_form(r, "follows"))) {
		if (valid_int_range(s, 1, 4294967295LL, &v) != KERR_OK)
			return 400;
		if (inception(p, v) == NULL)
			page_problem(&p->f, "follows", tr(r, N_("Choose one of the "
			    "applicant's inception projects, or none")));
		else
			p->follows_id = v;
	}
	/* A change sends the dates and amounts only while they may change. */
	if (p->mode == MODE_CHANGE)
		p->budget = req_form(r, "starts_on") != NULL;
	if (!p->budget) {
		p->f.quiet = 0;
		return 0;
	}
	clear_amounts(&p->in);
	s = req_form(r, "years");
	p->in.years = valid_int_range(s, 1, MAX_YEARS, &v) == KERR_OK ? (int)v : 0;
	p->in.starts_on = form_trim(r->a, req_form(r, "starts_on"));
	p->in.ends_on = form_trim(r->a, req_form(r, "ends_on"));
	for (y = 0; y < MAX_YEARS; y++) {
		for (k = 0; k < CAT__MAX; k++)
			page_read_amount(r, &p->f, arena_printf(r->a, "amount-%d-%s", y + 1,
			    category_code[k]), page_budget_label(r, category_code[k], y, NULL),
			    &p->in.amount[y][k]);
		page_read_amount(r, &p->f, arena_printf(r->a, "amount-%d", y + 1),
		    page_budget_label(r, NULL, y, N_("Amount approved")), &p->in.year_total[y]);
	}
	p->f.quiet = 0;
	return 0;
}

/* Where a field stands in the form, for the error summary's order. */
static int
rank(const char *field)
{
	static const char *const order[] = {
		"outcome", "starts_on", "ends_on", "years", "amount-",
		"conditions", "follows", "reason"
	};
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (strncmp(field, order[i], strlen(order[i])) == 0)
			return (int)i;
	return (int)i;
}

/* The rules of the decision on top of the problems of reading, all in the form's order. */
static void
check_form(struct dpage *p)
{
	struct rule_error tmp;
	size_t n, i, j;

	if (p->mode == MODE_NEW || p->in.outcome == OUTCOME_REJECT || p->budget) {
		n = decision_check(p->r->a, p->r->lang, &p->in, p->a.type,
		    &p->rd, p->has_country ? &p->country.c : NULL,
		    p->f.err + p->f.nerr, PAGE_ERRORS_MAX - p->f.nerr);
		p->f.nerr += n < PAGE_ERRORS_MAX - p->f.nerr ? n : PAGE_ERRORS_MAX - p->f.nerr;
	}
	/* Insertion sort: stable, so each field's own messages keep their order. */
	for (i = 1; i < p->f.nerr; i++) {
		tmp = p->f.err[i];
		for (j = i; j > 0 && rank(p->f.err[j - 1].field) > rank(tmp.field); j--)
			p->f.err[j] = p->f.err[j - 1];
		p->f.err[j] = tmp;
	}
}

/* The record of the form that passed its checks. */
static void
to_record(const struct dpage *p, struct decision_record *d)
{
	memset(d, 0, sizeof(*d));
	d->outcome = p->in.outcome;
	memcpy(d->reason, p->in.reason, sizeof(d->reason));
	memcpy(d->conditions, p->in.conditions, sizeof(d->conditions));
	d->follows_id = p->follows_id;
	if (d->outcome != OUTCOME_APPROVE || !p->budget)
		return;
	/* decision_check() has read them all. */
	(void)decision_date(p->in.starts_on, &d->start);
	(void)decision_date(p->in.ends_on, &d->end);
	(void)decision_plan(d->start, d->end, p->in.years, &d->plan);
	memcpy(d->year_total, p->in.year_total, sizeof(d->year_total));
	memcpy(d->amount, p->in.amount, sizeof(d->amount));
}

/* ---- showing ------------------------------------------------------------------------------------------ */

/* A field of the form (page_input()) under key of the page, with its problems. */
static struct vobj *
decision_field(struct dpage *p, const char *key, const char *id, const char *lbl,
    const char *hint, const char *value)
{
	return page_input(p->r, p->r->view, key, id, lbl, hint, value,
	    page_problems(&p->f, id));
}

/* A text the letters give, as a textarea for each language, under key of the page. */
static void
vtexts(struct dpage *p, const char *key, const char *const *id,
    const char *const *lbl, const char *const *hint, const char *const *value)
{
	int l;

	for (l = 0; l < LANG__MAX; l++)
		vobj_str(page_textarea(decision_field(p, key, id[l], tr(p->r, lbl[l]),
		    tr(p->r, hint[l]), value[l]), 6, PAGE_TEXT_MAX), "lang",
		    i18n_code((enum lang)l));
}

/* Radio buttons (page_choices()) under list of the page, sent as key, the first one's id. */
static struct vobj *
decision_radios(struct dpage *p, const char *list, const char *key, const char *legend)
{
	return page_choices(p->r, p->r->view, list, "radio", key, key, legend,
	    NULL, page_problems(&p->f, key));
}

/* The dates, the years and the table of amounts, with each year's sum worked out. */
static void
view_decision_budget(struct dpage *p)
{
	struct req *r = p->r;
	struct vobj *o;
	const struct round_rule *u = p->a.type >= 0 && p->a.type < PT__MAX &&
	    p->rd.rules[p->a.type].allowed ? &p->rd.rules[p->a.type] : NULL;

	vobj_bool(r->view, "budget", 1);
	vobj_str(r->view, "budget_rule", page_budget_rule(r, &p->rd, p->a.type,
	    p->has_country ? &p->country.c : NULL));
	o = decision_field(p, "f_starts", "starts_on", tr(r, N_("First day of the project")),
	    tr(r, N_("The first day of project year 1, such as 2017-05-01")),
	    p->in.starts_on);
	vobj_str(o, "type", "date");
	vobj_str(o, "width", "input-short");
	o = decision_field(p, "f_ends", "ends_on", tr(r, N_("Last day of the project")),
	    tr(r, N_("Each project year runs from the first day's anniversary "
	    "and is at most a year; the last one may be shorter.")),
	    p->in.ends_on);
	vobj_str(o, "type", "date");
	vobj_str(o, "width", "input-short");
	page_budget(r, &p->f, u, p->in.years, p->in.amount, p->in.year_total,
	    "approved", "approved_total", N_("Amount approved"));
}

/* The select of the applicant's inception projects. */
static void
view_follows(struct dpage *p)
{
	struct req *r = p->r;
	struct vobj *s;
	size_t i;

	s = page_select(r, r->view, "s_follows", "follows",
	    tr(r, N_("The inception project it continues (optional)")),
	    tr(r, N_("The applicant's inception projects. The project is linked to the one chosen.")),
	    tr(r, N_("None")), page_problems(&p->f, "follows"));
	for (i = 0; i < p->ninc; i++)
		page_option(s, arena_printf(r->a, "%lld", p->inc[i].id),
		    arena_printf(r->a, "%s %s", p->inc[i].code, i18n_pick(r->lang,
		    p->inc[i].title_sv, p->inc[i].title_en)),
		    p->inc[i].id == p->follows_id);
}

static void
view_decision_form(struct dpage *p)
{
	struct req *r = p->r;
	struct vobj *v = r->view, *g;
	int approve = p->mode == MODE_NEW || p->in.outcome == OUTCOME_APPROVE;
	int reject = p->mode == MODE_NEW || p->in.outcome == OUTCOME_REJECT;

	vobj_bool(v, "form", 1);
	vobj_str(v, "action", page_app_path(r, p->a.id, "/decision"));
	if (p->mode == MODE_NEW) {
		vobj_int(v, "version", p->version);
		vobj_str(v, "heading", tr(r, N_("Your decision")));
		g = decision_radios(p, "c_outcome", "outcome", tr(r, N_("What does ICLD decide?")));
		page_choice(g, "outcome", "approve", tr(r, N_("Approve the application")),
		    tr(r, N_("The project is created with its code, budget, project years and the reports it owes.")),
		    p->in.outcome == OUTCOME_APPROVE);
		page_choice(g, "outcome-reject", "reject", tr(r, N_("Reject the application")),
		    NULL, p->in.outcome == OUTCOME_REJECT);
		vobj_str(v, "approve_heading", tr(r, N_("If ICLD approves")));
		vobj_str(v, "reject_heading", tr(r, N_("If ICLD rejects")));
		vobj_str(v, "button", tr(r, N_("Record the decision")));
	} else {
		vobj_int(v, "decision_version", p->version);
		vobj_str(v, "heading", tr(r, N_("Change the decision")));
		vobj_str(v, "approve_heading", tr(r, N_("The approval")));
		vobj_str(v, "reject_heading", tr(r, N_("The rejection")));
		vobj_str(v, "button", tr(r, N_("Save the changes to the decision")));
	}
	vobj_str(v, "decision_href", page_app_path(r, p->a.id, "/decision"));
	vobj_bool(v, "can_submit", p->can_submit);
	vobj_bool(v, "approve_part", approve);
	vobj_bool(v, "reject_part", reject);
	if (approve) {
		if (p->budget)
			view_decision_budget(p);
		else
			vobj_str(v, "budget_locked", tr(r, N_("The project has a submitted report or a payment: its dates and amounts can no longer be changed.")));
		vtexts(p, "f_conditions", decision_conditions_id, (const char *const []){
		    N_("Conditions in Swedish (optional)"), N_("Conditions in English (optional)") },
		    (const char *const []){
		    N_("The decision letter in Swedish gives them, such as what the project must send ICLD before its first payment."),
		    N_("The same conditions, for the decision letter in English. Write them in both languages or in neither.") },
		    p->in.conditions);
		/* An inception continues nothing, and without inception projects there is nothing to choose. */
		if (p->a.type != PT_INCEPTION && (p->ninc > 0 || p->follows_id != 0))
			view_follows(p);
	}
	if (reject)
		vtexts(p, "f_reason", decision_reason_id, (const char *const []){
		    N_("Reason for rejecting the application, in Swedish"),
		    N_("Reason for rejecting the application, in English") },
		    (const char *const []){
		    N_("The decision letter in Swedish gives it to the applicant."),
		    N_("The decision letter in English gives it to the applicant.") },
		    p->in.reason);
}

/* The approved budget as a read-only table (_decision_amounts.html), under parent's "amounts". */
static void
view_amounts(struct req *r, struct vobj *parent, const struct decision_view *dv)
{
	struct vobj *o = vobj_obj(parent, "amounts"), *w;
	long long csum, all = 0;
	int y, k;

	vobj_str(o, "caption", tr(r, N_("Approved budget per project year and cost category")));
	for (y = 0; y < dv->nyears; y++) {
		w = vobj_push(o, "years_head");
		vobj_int(w, "year", y + 1);
		vobj_str(w, "starts", dv->year[y].starts_on);
		vobj_str(w, "ends", dv->year[y].ends_on);
	}
	for (k = 0; k < CAT__MAX; k++) {
		w = vobj_push(o, "categories");
		vobj_str(w, "category", label(r->lang, category_code[k]));
		for (csum = 0, y = 0; y < dv->nyears; y++) {
			vobj_str(vobj_push(w, "cells"), "amount",
			    amount_text(r, dv->year[y].line[k]));
			csum += dv->year[y].line[k] > 0 ? dv->year[y].line[k] : 0;
		}
		vobj_str(w, "total", amount_text(r, csum));
	}
	for (y = 0; y < dv->nyears; y++) {
		vobj_str(vobj_push(o, "totals"), "amount",
		    amount_text(r, dv->year[y].amount));
		all += dv->year[y].amount;
	}
	vobj_str(o, "total", amount_text(r, all));
}

/* The reports the project owes (_decision_reports.html), into o. */
static void
view_owed_reports(struct req *r, struct vobj *o, const struct decision_view *dv,
    int show_status)
{
	struct vobj *w;
	size_t i;
	int y;

	vobj_str(o, "reports_caption", tr(r, N_("Reports the project owes ICLD")));
	vobj_bool(o, "show_status", show_status);
	vobj_bool(o, "has_reports", dv->nreports > 0);
	for (i = 0; i < dv->nreports; i++) {
		const struct decision_report *rp = &dv->reports[i];
		int final = strcmp(rp->kind, "final") == 0;

		w = vobj_push(o, "reports");
		vobj_str(w, "kind", label(r->lang, rp->kind));
		y = rp->year;
		/* The final report covers the whole project, not a year. */
		vobj_int(w, "year", final ? 0 : y);
		vobj_str(w, "starts", final ? dv->starts_on : y >= 1 &&
		    y <= dv->nyears ? dv->year[y - 1].starts_on : NULL);
		vobj_str(w, "ends", final ? dv->ends_on : y >= 1 &&
		    y <= dv->nyears ? dv->year[y - 1].ends_on : NULL);
		vobj_str(w, "due", rp->due_on);
		vobj_str(w, "status", rp->status);
		vobj_str(w, "status_label", label_report(r->lang, rp->status));
	}
}

/* The decision that stands, read-only. */
static void
view_decided(struct dpage *p)
{
	struct req *r = p->r;
	const struct decision_view *dv = &p->dv;
	struct vobj *o = vobj_obj(r->view, "decided"), *w;
	int approved = strcmp(dv->outcome, "approve") == 0;

	summary_row(r, o, N_("Decision"), label(r->lang, approved ? "approved" : "rejected"));
	summary_row(r, o, N_("Decided"), arena_printf(r->a, "%s, %s", dv->decided_on,
	    dv->decided_by_name));
	if (approved) {
		w = summary_row(r, o, N_("Project"), dv->code);
		vobj_str(w, "href", arena_printf(r->a, "/projects/%s", dv->code));
		summary_row(r, o, N_("Period"), arena_printf(r->a, "%s – %s", dv->starts_on,
		    dv->ends_on));
		summary_row(r, o, N_("Amount approved"), amount_text(r, dv->total));
		row_texts(r, o, (const char *const []){ N_("Conditions in Swedish"),
		    N_("Conditions in English") }, dv->conditions);
		if (dv->follows_code != NULL) {
			w = summary_row(r, o, N_("Continues the project"), dv->follows_code);
			vobj_str(w, "href", arena_printf(r->a, "/projects/%s",
			    dv->follows_code));
		}
		view_amounts(r, o, dv);
		view_owed_reports(r, o, dv, 1);
	} else
		row_texts(r, o, (const char *const []){ N_("Reason in Swedish"),
		    N_("Reason in English") }, dv->reason);
	vobj_str(o, "letter_sv", page_app_path(r, p->a.id, "/letter?lang=sv"));
	vobj_str(o, "letter_en", page_app_path(r, p->a.id, "/letter?lang=en"));
}

/* The decision page in p's mode, with the problems in p->f.err and any message given; status 200 unless r->status. */
static int
show_decision(struct dpage *p, const char *field, const char *message)
{
	struct req *r = p->r;
	size_t i;

	if (message != NULL)
		view_error(r, field, message);
	for (i = 0; i < p->f.nerr; i++)
		view_error(r, p->f.err[i].field, p->f.err[i].text);
	vobj_int(r->view, "id", p->a.id);
	vobj_str(r->view, "title", tr(r, p->mode == MODE_NEW ?
	    N_("Decide on the application") : N_("The decision on the application")));
	view_crumb(r, page_app_path(r, p->a.id, ""), arena_printf(r->a, "%s %lld",
	    tr(r, N_("Application")), p->a.id));
	view_crumb(r, page_app_path(r, p->a.id, "/decision"), tr(r, N_("Decision")));
	app_about(r, &p->a, &p->x);
	if (p->dv.id != 0)
		view_decided(p);
	if (p->mode == MODE_CLOSED)
		vobj_str(r->view, "closed", rules_fill(r->a, tr(r,
		    N_("Only an application that has been submitted, or is under review, can be decided. This one is: {status}.")),
		    (const char *const []){ "status", label(r->lang, p->a.status), NULL }));
	else
		view_decision_form(p);
	return render(r, TPL_DECISION);
}

/* ---- the handlers ------------------------------------------------------------------------------------- */

/* GET /applications/{id}/decision -> 200 the form, or the decision with its change form | 404 | 503 */
int
h_decision_form(struct req *r)
{
	struct dpage *p = arena_calloc(r->a, 1, sizeof(*p));
	int status;

	if ((status = load_decision(r, p, 0, 1)) != 0)
		return status;
	p->can_submit = 1;
	if (p->dv.id != 0)
		prefill_change(p);
	else if (decision_pending(p->a.status))
		prefill_new(p);
	else
		p->mode = MODE_CLOSED;
	return show_decision(p, NULL, NULL);
}

/* A POST that changes the decision made (its form sends decision_version). */
static int
save_change(struct dpage *p, unsigned version)
{
	struct req *r = p->r;
	struct decision_record d;
	unsigned current;
	int status;
	enum kerr e;

	if (p->dv.id == 0)
		return 404;
	prefill_change(p);
	p->version = version;
	if ((status = read_decision_form(p)) != 0)
		return status;
	check_form(p);
	if (p->f.nerr > 0)
		return show_decision(p, NULL, NULL);
	to_record(p, &d);
	e = db_decision_update(r, p->a.id, version, &d, p->budget, &current);
	if (e == KERR_OK)
		return redirect(r, page_app_path(r, p->a.id, "/decision"));
	if (e == KERR_CONFLICT) {
		/* The input stays; with the version now stored, saving again is a choice made knowingly. */
		p->version = current;
		r->status = 409;
		return show_decision(p, "form", tr(r, N_("Someone else changed the decision while you were changing it. Check the decision as it stands, and save your change again if it still holds.")));
	}
	if (e == KERR_INVALID) {
		p->budget = 0;
		p->dv.locked = 1;
		r->status = 409;
		return show_decision(p, "form", tr(r, N_("A report has been submitted or a payment made meanwhile: the dates and amounts can no longer be changed, and nothing was saved. Save the other changes again.")));
	}
	return http_status(e);
}

/* The answer to a new decision the application refused: where it stands now, the input kept. */
static int
answer_clash(struct dpage *p, unsigned version, const struct decision_clash *c)
{
	struct req *r = p->r;

	/* The same form sent again after it was recorded: the decision is on its page. */
	if (c->decided_by == r->sess->user.id && c->version == version + 1 &&
	    c->outcome != NULL && strcmp(c->outcome, p->in.outcome ==
	    OUTCOME_APPROVE ? "approve" : "reject") == 0)
		return redirect(r, page_app_path(r, p->a.id, "/decision"));
	r->status = 409;
	if (c->decided_by != 0) {
		p->can_submit = 0;
		return show_decision(p, "form", tr(r, N_("The application was decided while you were deciding: your decision was not recorded. What you entered is below; see the decision as it stands.")));
	}
	if (!decision_pending(c->status)) {
		p->can_submit = 0;
		return show_decision(p, "form", rules_fill(r->a, tr(r,
		    N_("The application can no longer be decided: it is now {status}. Your decision was not recorded.")),
		    (const char *const []){ "status", label(r->lang, c->status), NULL }));
	}
	p->version = c->version;
	return show_decision(p, "form", tr(r, N_("Someone else changed the application while you were deciding. Check it, and record your decision again if it still holds.")));
}

/*
 * POST /applications/{id}/decision (version, outcome, ...) -> 303 to the
 * decision | 200 the form with its problems | 409 the form, input kept,
 * when the application or the decision changed meanwhile | 400 | 404 | 503
 * | 500 the applicant's e-mail cannot be written (nothing is recorded).
 * With decision_version it changes the decision made.
 */
int
h_decision_save(struct req *r)
{
	struct dpage *p = arena_calloc(r->a, 1, sizeof(*p));
	struct decision_clash clash;
	struct decision_record d;
	struct outbox_send mail;
	const char *code;
	unsigned version;
	int status;
	enum kerr e;

	if ((status = load_decision(r, p, 0, 1)) != 0)
		return status;
	p->can_submit = 1;
	if (req_form(r, "decision_version") != NULL) {
		if ((version = page_version(req_form(r, "decision_version"))) == 0)
			return 400;
		return save_change(p, version);
	}
	if ((version = page_version(req_form(r, "version"))) == 0)
		return 400;
	prefill_new(p);
	p->version = version;
	if ((status = read_decision_form(p)) != 0)
		return status;
	/*
	 * Judged on the application as it is now: the page's cached reads
	 * may be older than a decision made a moment ago.
	 */
	if ((e = db_decision_state(r->a, r->id, p->a.id, &clash)) != KERR_OK)
		return http_status(e);
	if (clash.decided_by != 0 || !decision_pending(clash.status))
		return answer_clash(p, version, &clash);
	check_form(p);
	/* Said at once, with the problems of the form: the admin looks again either way. */
	if (version != clash.version)
		return answer_clash(p, version, &clash);
	if (p->f.nerr > 0)
		return show_decision(p, NULL, NULL);
	to_record(p, &d);
	/* The applicant's e-mail goes with the decision, or not at all. */
	if (appmail_decision(r, &p->a, &p->x, &d, &mail) != KERR_OK)
		return 500;
	e = db_decision_create(r, p->a.id, version, &d, &mail, &clash, &code);
	if (e == KERR_OK)
		return redirect(r, page_app_path(r, p->a.id, "/decision"));
	if (e == KERR_CONFLICT)
		return answer_clash(p, version, &clash);
	if (e == KERR_INVALID) {
		r->status = 409;
		return show_decision(p, "outcome", rules_fill(r->a, tr(r,
		    N_("All 9999 project codes of {year} have been given: no project can be created in the round. Nothing was recorded.")),
		    (const char *const []){ "year", arena_printf(r->a, "%d",
		    p->x.round_year), NULL }));
	}
	return http_status(e);
}

/* ---- the letter --------------------------------------------------------------------------------------- */

/*
 * Sets key to the letter's text in its language l, never another's: a decision recorded before
 * both languages were asked for has its text in one, and the other letter then says where it
 * is (elsewhere[the language it was written in]) as key_elsewhere. Blank in both: none.
 */
static void
letter_text(struct req *r, struct vobj *v, const char *key, const char *const *text,
    enum lang l, const char *const *elsewhere)
{
	int k;

	vobj_str(v, key, rules_blank(text[l]) ? NULL : text[l]);
	for (k = 0; k < LANG__MAX && rules_blank(text[l]); k++)
		if (!rules_blank(text[k]))
			vobj_str(v, arena_printf(r->a, "%s_elsewhere", key), tr(r, elsewhere[k]));
}

/*
 * GET /applications/{id}/letter[?lang=sv|en] -> 200 the decision letter
 * (in the reader's language by default) | 400 another lang | 404 before
 * the decision, or another organisation's | 503
 */
int
h_decision_letter(struct req *r)
{
	struct dpage *p = arena_calloc(r->a, 1, sizeof(*p));
	const struct decision_view *dv = &p->dv;
	const char *want = req_query(r, "lang"), *total, *title;
	struct vobj *v = r->view;
	int status, l = r->lang, approved;

	if (want != NULL && (l = i18n_parse(want)) < 0)
		return 400;
	if ((status = load_decision(r, p, confined_org(r), 0)) != 0)
		return status;
	if (dv->id == 0)
		return 404;
	view_lang(r, (enum lang)l);
	approved = strcmp(dv->outcome, "approve") == 0;
	title = page_app_title(r, p->a.title_sv, p->a.title_en, p->a.id);
	vobj_str(v, "title", arena_printf(r->a, "%s – %s %lld",
	    tr(r, N_("Decision letter")), tr(r, N_("application")), p->a.id));
	vobj_str(v, "heading", tr(r, approved ?
	    N_("Decision: the application is approved") :
	    N_("Decision: the application is rejected")));
	vobj_str(v, "other_lang", l == LANG_SV ? "en" : "sv");
	vobj_str(v, "other_href", page_app_path(r, p->a.id, l == LANG_SV ?
	    "/letter?lang=en" : "/letter?lang=sv"));
	vobj_str(v, "other_text", tr(r, l == LANG_SV ?
	    N_("The letter in English") : N_("The letter in Swedish")));
	vobj_str(v, "decided", dv->decided_on);
	vobj_str(v, "reference", arena_printf(r->a, "%s %lld",
	    tr(r, N_("Application")), p->a.id));
	vobj_str(v, "code", approved ? dv->code : NULL);
	vobj_str(v, "org_name", p->x.org_name);
	vobj_str(v, "app_title", title);
	vobj_str(v, "type", p->x.type != NULL ? label(r->lang, p->x.type) : NULL);
	vobj_str(v, "round", i18n_pick(r->lang, p->x.round_sv, p->x.round_en));
	vobj_str(v, "partner_label", tr(r, p->x.npartners > 1 ?
	    N_("Partner organisations") : N_("Partner organisation")));
	vobj_str(v, "partners", app_partners_text(r, &p->x));
	vobj_str(v, "country", i18n_pick(r->lang, p->x.country_sv, p->x.country_en));
	vobj_str(v, "decided_by", dv->decided_by_name);
	if (approved) {
		total = amount_text(r, dv->total);
		vobj_str(v, "approved", rules_fill(r->a, tr(r,
		    N_("ICLD has decided to approve the application and grants {org} {total} for the project {code}, from {start} to {end}, as set out below.")),
		    (const char *const []){ "org", p->x.org_name, "total", total,
		    "code", dv->code, "start", dv->starts_on, "end", dv->ends_on,
		    NULL }));
		letter_text(r, v, "conditions", dv->conditions, (enum lang)l, (const char *const []){
		    N_("The conditions of this approval were written in Swedish only: the decision letter in Swedish gives them."),
		    N_("The conditions of this approval were written in English only: the decision letter in English gives them.") });
		if (dv->follows_code != NULL)
			vobj_str(v, "follows", rules_fill(r->a, tr(r,
			    N_("The project continues the inception project {code}.")),
			    (const char *const []){ "code", dv->follows_code, NULL }));
		view_amounts(r, v, dv);
		view_owed_reports(r, v, dv, 0);
	} else {
		vobj_str(v, "rejected", rules_fill(r->a, tr(r,
		    N_("ICLD has decided not to approve the application from {org}.")),
		    (const char *const []){ "org", p->x.org_name, NULL }));
		letter_text(r, v, "reason", dv->reason, (enum lang)l, (const char *const []){
		    N_("The reason for this decision was written in Swedish only: the decision letter in Swedish gives it."),
		    N_("The reason for this decision was written in English only: the decision letter in English gives it.") });
	}
	view_crumb(r, page_app_path(r, p->a.id, ""), arena_printf(r->a, "%s %lld",
	    tr(r, N_("Application")), p->a.id));
	view_crumb(r, page_app_path(r, p->a.id, arena_printf(r->a, "/letter?lang=%s",
	    i18n_code((enum lang)l))), tr(r, N_("Decision letter")));
	return render(r, TPL_DECISION_LETTER);
}
