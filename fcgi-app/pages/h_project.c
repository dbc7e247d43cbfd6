/* h_project.c - a project page: who takes part, its budget, reports and payments, for ICLD and Sida its history and the funds from Sida; cancelling it, its capital spend. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db_application.h"
#include "db/db_auditlog.h"
#include "db/db_project.h"
#include "domain/labels.h"
#include "domain/project_status.h"
#include "domain/reimburse.h"
#include "domain/rules.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/form.h"
#include "http/req.h"
#include "pages/h_project.h"
#include "views/auditshow.h"
#include "views/auditview.h"
#include "views/iati_view.h"
#include "views/page.h"
#include "views/view.h"

/* What a form of the project's page sent back to it: the values as typed and what is wrong with them. */
struct project_forms {
	const char	*reason, *reason_error;			/* withholding */
	const char	*capital, *capital_error;		/* capital spend */
	const char	*fund_on, *fund_amount, *fund_note;	/* incoming funds */
	const char	*fund_on_error, *fund_amount_error, *fund_note_error;
};

/* "Progress report, year 1" or "Final report". */
static const char *
report_name(struct req *r, const char *kind, int year)
{
	if (strcmp(kind, "progress") != 0)
		return label(r->lang, kind);
	return arena_printf(r->a, "%s, %s %d", label(r->lang, kind),
	    i18n_tr(r->lang, N_("year")), year);
}

static void
view_people(struct req *r, const struct project_view *p)
{
	struct vobj *v = r->view, *o;
	size_t i;

	vobj_str(v, "applicant", p->org_name);
	for (i = 0; i < p->ncoapplicants; i++)
		vobj_str(vobj_push(v, "coapplicants"), "name", p->coapplicants[i]);
	vobj_bool(v, "has_coapplicants", p->ncoapplicants > 0);
	vobj_bool(v, "two_partners", p->npartners > 1);
	for (i = 0; i < p->npartners; i++) {
		const struct project_partner *pp = &p->partners[i];

		o = vobj_push(v, "partners");
		vobj_str(o, "name", pp->name);
		vobj_str(o, "name_local", pp->name_local);
		vobj_str(o, "local_lang", lang_ok(pp->local_lang));
		vobj_str(o, "kind", label(r->lang, pp->kind));
		vobj_str(o, "country", i18n_pick(r->lang, pp->country_sv, pp->country_en));
	}
	vobj_str(v, "country", i18n_pick(r->lang, p->country_sv, p->country_en));
	vobj_str(v, "round", i18n_pick(r->lang, p->round_sv, p->round_en));
	vobj_str(v, "type", label(r->lang, p->type));
	vobj_str(v, "theme", p->theme_sv != NULL || p->theme_en != NULL ?
	    i18n_pick(r->lang, p->theme_sv, p->theme_en) : NULL);
	vobj_str(v, "planned_start", p->planned_start);
	vobj_str(v, "planned_end", p->planned_end);
	vobj_str(v, "actual_start", p->actual_start);
	vobj_str(v, "actual_end", p->actual_end);
	for (i = 0; i < p->nlinks; i++) {
		o = vobj_push(v, p->links[i].later ? "continued_by" : "continues");
		vobj_str(o, "href", arena_printf(r->a, "/projects/%s", p->links[i].code));
		vobj_str(o, "code", p->links[i].code);
		vobj_str(o, "link_title", i18n_pick(r->lang, p->links[i].title_sv,
		    p->links[i].title_en));
	}
	/* Sida does not read applications (they hold people's details and ICLD's assessment). */
	if (r->sess->user.role != ROLE_SIDA)
		vobj_str(v, "application_href", arena_printf(r->a,
		    "/applications/%lld", p->application_id));
}

/*
 * The approved budget for _budget_table.html: a row per cost category,
 * a column per year, totals of both. A category with no stored line counts
 * as nothing approved for it.
 */
static void
view_project_budget(struct req *r, const struct project_view *p)
{
	struct vobj *b = vobj_obj(r->view, "budget"), *cv, *o;
	long long ysum[MAX_YEARS] = { 0 }, csum, total = 0;
	size_t i, n = p->nyears < MAX_YEARS ? p->nyears : MAX_YEARS;
	int c;

	vobj_bool(b, "approved_budget", 1);
	vobj_bool(b, "has_table", n > 0);
	for (i = 0; i < n; i++) {
		o = vobj_push(b, "years");
		vobj_int(o, "year", p->years[i].year);
		vobj_str(o, "period", arena_printf(r->a, "%s – %s",
		    p->years[i].starts, p->years[i].ends));
	}
	for (c = 0; c < CAT__MAX; c++) {
		cv = vobj_push(b, "categories");
		vobj_str(cv, "category", label(r->lang, category_code[c]));
		csum = 0;
		for (i = 0; i < n; i++) {
			long long v = p->years[i].line[c] > 0 ? p->years[i].line[c] : 0;

			vobj_str(vobj_push(cv, "cells"), "amount",
			    fmt_amount(r->a, v, r->lang));
			csum += v;
			ysum[i] += v;
		}
		vobj_str(cv, "total", fmt_amount(r->a, csum, r->lang));
		total += csum;
	}
	for (i = 0; i < n; i++)
		vobj_str(vobj_push(b, "totals"), "amount",
		    fmt_amount(r->a, ysum[i], r->lang));
	vobj_str(b, "total", fmt_amount(r->a, total, r->lang));
}

/* What has been paid, against what the years approve (the reimbursement ceilings). */
static void
view_payments(struct req *r, const struct project_view *p, long long approved)
{
	struct vobj *v = r->view, *o;
	long long paid = 0;
	size_t i;

	for (i = 0; i < p->npayments; i++) {
		const struct project_payment *d = &p->payments[i];

		o = vobj_push(v, "payments");
		vobj_str(o, "paid_on", d->paid_on);
		vobj_str(o, "amount", fmt_amount(r->a, d->amount, r->lang));
		vobj_str(o, "report", report_name(r, d->report_kind, d->report_year));
		paid += d->amount;
	}
	vobj_bool(v, "has_payments", p->npayments > 0);
	vobj_str(v, "approved_total", fmt_amount(r->a, approved, r->lang));
	vobj_str(v, "paid_total", fmt_amount(r->a, paid, r->lang));
	vobj_str(v, "paid_share", fmt_percent(r->a, paid, approved, r->lang));
	vobj_str(v, "remaining", fmt_amount(r->a, approved - paid, r->lang));
}

/* Whether the reader may open the project's reports: ICLD and the applicant, not Sida (h_report.c). */
static int
reads_reports(const struct req *r)
{
	return r->sess->user.role != ROLE_SIDA;
}

/*
 * Each project year as its reports and payments left it: the approved
 * budget; the costs its progress report gives once submitted; what ICLD
 * approved of them (each category at most its line, the whole at most the
 * year's amount: reimburse_compute()) once approved; what has been paid.
 */
static void
view_years(struct req *r, const struct project_view *p)
{
	long long budget = 0, reported = 0, approved = 0, paid = 0;
	struct vobj *o;
	size_t i, k;

	for (i = 0; i < p->nyears; i++) {
		const struct project_year *y = &p->years[i];
		const struct project_report *rp = NULL;
		struct reimbursement rb;
		long long sum = 0, ypaid = 0;
		int c;

		for (k = 0; k < p->nreports; k++)
			if (strcmp(p->reports[k].kind, "progress") == 0 && p->reports[k].year == y->year)
				rp = &p->reports[k];
		for (k = 0; k < p->npayments; k++)
			if (p->payments[k].report_year == y->year)
				ypaid += p->payments[k].amount;
		for (c = 0; c < CAT__MAX; c++)
			sum += y->actual[c] != REIMBURSE_NONE ? y->actual[c] : 0;
		o = vobj_push(r->view, "years");
		vobj_int(o, "year", y->year);
		vobj_str(o, "period", arena_printf(r->a, "%s – %s", y->starts, y->ends));
		vobj_str(o, "budget", fmt_amount(r->a, y->amount, r->lang));
		vobj_str(o, "reported", NULL);
		vobj_str(o, "approved", NULL);
		vobj_str(o, "paid", fmt_amount(r->a, ypaid, r->lang));
		budget += y->amount;
		paid += ypaid;
		if (rp != NULL && (strcmp(rp->status, "submitted") == 0 ||
		    strcmp(rp->status, "approved") == 0)) {
			vobj_str(o, "reported", fmt_amount(r->a, sum, r->lang));
			reported += sum;
		}
		if (rp != NULL && strcmp(rp->status, "approved") == 0) {
			reimburse_compute(y->line, y->actual, y->amount, 0, &rb);
			vobj_str(o, "approved", fmt_amount(r->a, rb.capped, r->lang));
			approved += rb.capped;
		}
		vobj_str(o, "report_href", rp != NULL && reads_reports(r) ?
		    arena_printf(r->a, "/reports/%lld", rp->id) : NULL);
		vobj_str(o, "report_status", rp != NULL ? rp->status : NULL);
		vobj_str(o, "report_status_label", rp != NULL ? label_report(r->lang, rp->status) : NULL);
	}
	vobj_bool(r->view, "has_years", p->nyears > 0);
	vobj_str(r->view, "years_budget", fmt_amount(r->a, budget, r->lang));
	vobj_str(r->view, "years_reported", fmt_amount(r->a, reported, r->lang));
	vobj_str(r->view, "years_approved", fmt_amount(r->a, approved, r->lang));
	vobj_str(r->view, "years_paid", fmt_amount(r->a, paid, r->lang));
}

static void
view_reports(struct req *r, const struct project_view *p)
{
	struct vobj *v = r->view, *o;
	int running = strcmp(p->status, "implementation") == 0 ||
	    strcmp(p->status, "finalisation") == 0;
	size_t i;

	for (i = 0; i < p->nreports; i++) {
		const struct project_report *rp = &p->reports[i];

		o = vobj_push(v, "reports");
		vobj_str(o, "name", report_name(r, rp->kind, rp->year));
		vobj_str(o, "href", reads_reports(r) ? arena_printf(r->a, "/reports/%lld", rp->id) :
		    NULL);
		vobj_str(o, "due", rp->due);
		vobj_str(o, "status", rp->status);
		vobj_str(o, "status_label", label_report(r->lang, rp->status));
		/* Owed while a draft or returned, as the start pages count it; a project that ended owes none. */
		vobj_str(o, "days", NULL);
		vobj_bool(o, "overdue", 0);
		if (running && (strcmp(rp->status, "draft") == 0 ||
		    strcmp(rp->status, "returned") == 0))
			view_days(r, o, rp->days_left);
	}
	vobj_bool(v, "has_reports", p->nreports > 0);
}

/*
 * The history, each report and payment named as this page names it. Of
 * each row only what the reader's role may read (auditshow.c): Sida
 * reads the project's course, not ICLD's notes, comments and files.
 */
static void
view_trail(struct req *r, const struct project_view *p)
{
	enum role role = r->sess->user.role;
	struct vobj *o;
	size_t i, k, shown = 0;

	vobj_bool(r->view, "show_trail", 1);
	for (i = 0; i < p->ntrail; i++) {
		const struct audit_entry *e = &p->trail[i];

		if (!auditshow_may_read(role, e->action))
			continue;
		o = vobj_push(r->view, "trail");
		shown++;
		view_audit_entry(r, o, e, 0);
		if (strcmp(e->entity, "report") == 0)
			for (k = 0; k < p->nreports; k++)
				if (p->reports[k].id == e->entity_id)
					vobj_str(o, "record", report_name(r,
					    p->reports[k].kind, p->reports[k].year));
		if (strcmp(e->entity, "disbursement") == 0)
			vobj_str(o, "record", i18n_tr(r->lang, N_("Payment")));
		if (strcmp(e->entity, "application") == 0)
			vobj_str(o, "record", i18n_tr(r->lang, N_("Decision")));
		if (strcmp(e->entity, "project") == 0)
			vobj_str(o, "record", i18n_tr(r->lang, N_("Project")));
	}
	vobj_bool(r->view, "has_trail", shown > 0);
}

/*
 * Whether the project is on the public register (h_public.c); for ICLD
 * and Sida why not, for ICLD the form that withholds it, with reason as
 * typed, or the one that publishes it again, either with error.
 */
static void
view_publication(struct req *r, const struct project_view *p, const struct project_forms *f)
{
	const char *reason = f->reason, *error = f->reason_error;
	struct vobj *v = vobj_obj(r->view, "publication");
	enum role role = r->sess->user.role;

	vobj_str(v, "publish_error", p->withheld ? error : NULL);
	vobj_bool(v, "withheld", p->withheld);
	vobj_str(v, "public_href", p->withheld ? NULL :
	    arena_printf(r->a, "/partnerships/%s", p->code));
	/* The reason is ICLD's note: not the applicant's to read. */
	vobj_str(v, "withheld_reason", role != ROLE_APPLICANT ? p->withheld_reason : NULL);
	vobj_bool(v, "can_publish", role == ROLE_ADMIN && p->withheld);
	vobj_bool(v, "can_withhold", role == ROLE_ADMIN && !p->withheld);
	vobj_int(v, "version", p->version);
	if (role == ROLE_ADMIN && !p->withheld)
		page_textarea(page_input(r, v, "f_withhold", "withheld_reason",
		    i18n_tr(r->lang, N_("Why the project is withheld")),
		    i18n_tr(r->lang, N_("ICLD and Sida read it here; it is not published.")),
		    reason, error), 3, PAGE_TEXT_MAX);
	else
		vobj_str(v, "f_withhold", NULL);
}

/* A percentage stored as "12.5" as the reader writes numbers: "12,5" in Swedish. */
static const char *
decimal_words(struct req *r, const char *v)
{
	char *s = arena_strdup(r->a, v), *dot;

	if (r->lang == LANG_SV && (dot = strchr(s, '.')) != NULL)
		*dot = ',';
	return s;
}

/*
 * The share of the budget spent on capital (IATI capital-spend): ICLD's to
 * set, with the value as typed and its error when the form was sent; Sida
 * reads it; applicants do not see it.
 */
static void
view_capital(struct req *r, const struct project_view *p, const struct project_forms *f)
{
	struct vobj *v;
	enum role role = r->sess->user.role;
	const char *pct = decimal_words(r, p->capital_spend);

	if (role == ROLE_APPLICANT)
		return;
	v = vobj_obj(r->view, "capital");
	/* As fmt_percent() writes a share: "12,5 %" in Swedish, "12.5%" in English. */
	vobj_str(v, "percent", arena_printf(r->a, "%s%s%%", pct, r->lang == LANG_SV ?
	    "\xc2\xa0" : ""));
	vobj_bool(v, "can_edit", role == ROLE_ADMIN);
	vobj_int(v, "version", p->version);
	if (role == ROLE_ADMIN)
		vobj_str(page_input(r, v, "f_capital", "capital_spend",
		    i18n_tr(r->lang, N_("Capital spend (% of the budget)")),
		    i18n_tr(r->lang, N_("The share spent on buildings, machinery and other capital; 0 for exchanges of knowledge")),
		    f->capital != NULL ? f->capital : pct, f->capital_error), "width", "input-short");
	else
		vobj_str(v, "f_capital", NULL);
}

/*
 * The funds ICLD received from Sida for the project (IATI incoming funds):
 * ICLD records and removes them, and only ICLD reads their notes; Sida
 * reads the list; applicants do not see it.
 */
static void
view_funds(struct req *r, const struct project_view *p, const struct project_forms *f)
{
	struct vobj *v, *o;
	enum role role = r->sess->user.role;
	long long total = 0;
	size_t i;

	if (role == ROLE_APPLICANT)
		return;
	v = vobj_obj(r->view, "funds");
	vobj_bool(v, "admin", role == ROLE_ADMIN);
	vobj_bool(v, "has_funds", p->nfunds > 0);
	for (i = 0; i < p->nfunds; i++) {
		const struct project_fund *d = &p->funds[i];

		o = vobj_push(v, "rows");
		vobj_str(o, "received_on", d->received_on);
		vobj_str(o, "amount", fmt_amount(r->a, d->amount, r->lang));
		vobj_str(o, "note", role == ROLE_ADMIN ? d->note : NULL);
		vobj_str(o, "remove_action", role == ROLE_ADMIN ? arena_printf(r->a,
		    "/projects/%s/incoming-funds/%lld/remove", p->code, d->id) : NULL);
		total += d->amount;
	}
	vobj_str(v, "total", fmt_amount(r->a, total, r->lang));
	if (role != ROLE_ADMIN)
		return;
	vobj_int(v, "version", p->version);
	o = page_input(r, v, "f_received_on", "received_on",
	    i18n_tr(r->lang, N_("Received on")),
	    i18n_tr(r->lang, N_("The day the money reached ICLD's account, such as 2016-05-31")),
	    f->fund_on, f->fund_on_error);
	vobj_str(o, "type", "date");
	vobj_str(o, "width", "input-short");
	o = page_input(r, v, "f_amount", "amount", i18n_tr(r->lang, N_("Amount")),
	    i18n_tr(r->lang, N_("In whole kronor, such as 300 000")), f->fund_amount,
	    f->fund_amount_error);
	vobj_str(o, "width", "input-short");
	vobj_bool(o, "numeric", 1);
	page_textarea(page_input(r, v, "f_note", "note", i18n_tr(r->lang, N_("Note (optional)")),
	    i18n_tr(r->lang, N_("For ICLD only, such as Sida's payment reference; never published.")),
	    f->fund_note, f->fund_note_error), 2, PAGE_TEXT_MAX);
}

/* The project's status as it shows today, as a tag: approved until its first day (project_status_on()). */
static void
view_status(struct req *r, const struct project_view *p)
{
	const char *starts = p->actual_start != NULL ? p->actual_start : p->planned_start;

	vobj_str(r->view, "status", project_status_on(p->status, starts, app_today()));
	vobj_str(r->view, "status_label", project_status_label(r->a, r->lang, p->status, starts,
	    app_today()));
}

/* The project's page, with what a form of it sent back when f is not NULL. Status 200, or r->status. */
static int
show_project(struct req *r, const struct project_view *pv, const struct project_forms *f)
{
	static const struct project_forms none;
	struct project_view p = *pv;
	int staff = r->sess->user.role != ROLE_APPLICANT;
	long long approved;
	size_t i;

	vobj_str(r->view, "title", i18n_pick(r->lang, p.title_sv, p.title_en));
	vobj_str(r->view, "code", p.code);
	view_status(r, &p);
	view_people(r, &p);
	view_project_budget(r, &p);
	for (i = 0, approved = 0; i < p.nyears; i++)
		approved += p.years[i].amount;
	view_payments(r, &p, approved);
	view_years(r, &p);
	view_reports(r, &p);
	vobj_str(r->view, "cancelled_reason", p.cancelled_reason);
	if (r->sess->user.role == ROLE_ADMIN && (strcmp(p.status, "implementation") == 0 ||
	    strcmp(p.status, "finalisation") == 0))
		vobj_str(r->view, "cancel_href", arena_printf(r->a, "/projects/%s/cancel", p.code));
	if (f == NULL)
		f = &none;
	view_publication(r, &p, f);
	view_capital(r, &p, f);
	view_funds(r, &p, f);
	/* The history is ICLD's and Sida's: applicants follow their project through its reports. */
	if (staff)
		view_trail(r, &p);
	view_iati_problems(r, p.code);
	view_crumb(r, arena_printf(r->a, "/projects/%s", p.code), p.code);
	return render(r, TPL_PROJECT);
}

/* GET /projects/{code} -> 200 | 404 (also another organisation's) | 503 */
int
h_project_show(struct req *r)
{
	struct project_view p;
	enum kerr e;

	if (!project_code_ok(r->args[0]))
		return 404;
	if ((e = db_project_get(r->a, r->id, r->sess->data_version, r->args[0], confined_org(r),
	    app_today(),
	    r->sess->user.role != ROLE_APPLICANT, &p)) != KERR_OK)
		return http_status(e);
	return show_project(r, &p, NULL);
}

/*
 * The project a form of its page is posted to, with the version the form
 * was made from, for ICLD's eyes (with the sections only they see).
 * Returns 0, or the status to answer: 404, 400 (no version), 503.
 */
static int
project_posted(struct req *r, struct project_view *p, unsigned *version)
{
	enum kerr e;

	if (!project_code_ok(r->args[0]))
		return 404;
	if ((e = db_project_get(r->a, r->id, r->sess->data_version, r->args[0], 0, app_today(),
	    1, p)) != KERR_OK)
		return http_status(e);
	if ((*version = page_version(req_form(r, "version"))) == 0)
		return 400;
	return 0;
}

/* The project read again after a change refused as stale, to show as it is now. 0, or the status. */
static int
project_reread(struct req *r, struct project_view *p)
{
	enum kerr e = db_project_get(r->a, r->id, r->sess->data_version, r->args[0], 0,
	    app_today(), 1, p);

	return e == KERR_OK ? 0 : http_status(e);
}

/*
 * Withholds the project from the public register (withhold 1, with the
 * form's reason) or publishes it again: 303 to its page when done (also
 * when it was so already: a form sent twice) | 200 its page with the
 * error next to the reason, kept: none, or too long | 409 its page: the
 * project changed meanwhile | 400 no version | 404 | 503
 */
static int
set_withheld(struct req *r, int withhold)
{
	const char *reason = withhold ? req_form(r, "withheld_reason") : NULL, *err = NULL;
	struct project_forms f;
	struct project_view p;
	unsigned version;
	enum kerr e;
	int status;

	if ((status = project_posted(r, &p, &version)) != 0)
		return status;
	if (withhold && (err = page_too_long(r, reason, PAGE_TEXT_MAX)) == NULL && rules_blank(reason))
		err = i18n_tr(r->lang, N_("Enter why the project is withheld from publication"));
	if (err == NULL) {
		e = db_project_set_withheld(r, p.code, version, withhold, reason);
		if (e == KERR_OK)
			return redirect(r, arena_printf(r->a, "/projects/%s#publication", p.code));
		if (e != KERR_CONFLICT)
			return http_status(e);
		if ((status = project_reread(r, &p)) != 0)
			return status;
		err = i18n_tr(r->lang, N_("Someone else changed the project while you were looking at it. Check whether it is published now, and send the form again if it still should change."));
		r->status = 409;
	}
	/* Next to the reason while the project is published, else next to the button that publishes it. */
	view_error(r, p.withheld ? "publish" : "withheld_reason", err);
	memset(&f, 0, sizeof(f));
	f.reason = reason;
	f.reason_error = err;
	return show_project(r, &p, &f);
}

/* POST /projects/{code}/withhold (version, withheld_reason): see set_withheld() */
int
h_project_withhold(struct req *r)
{
	return set_withheld(r, 1);
}

/* POST /projects/{code}/publish (version): see set_withheld() */
int
h_project_publish(struct req *r)
{
	return set_withheld(r, 0);
}

/* The message for a form of the project's page sent after someone else changed the project. */
static const char *
stale(struct req *r)
{
	r->status = 409;
	return i18n_tr(r->lang, N_("Someone else changed the project while you were looking at it. Check the project and send the form again."));
}

/*
 * The capital spend typed, s, as a decimal literal from 0 to 100 in *out
 * ("12.5"); or the message for what is wrong with it.
 */
static const char *
capital_problem(struct req *r, const char *s, const char **out)
{
	const char *v;
	double d;

	if (rules_blank(s))
		return i18n_tr(r->lang, N_("Enter the capital spend as a percentage from 0 to 100, such as 0"));
	if ((v = valid_decimal(r->a, s)) == NULL)
		return i18n_tr(r->lang, N_("Enter the capital spend as a number from 0 to 100 with at most two decimals, such as 12,5"));
	d = strtod(v, NULL);
	if (d < 0 || d > 100)
		return i18n_tr(r->lang, N_("Enter a percentage from 0 to 100"));
	*out = db_value_text(arena_strdup(r->a, v), NULL);
	return NULL;
}

/*
 * POST /projects/{code}/capital-spend (version, capital_spend)
 *   -> 303 its page (also when it holds the value already: a form sent twice)
 *    | 200 its page with the error next to the field, input kept: none, no
 *      number, more than two decimals, outside 0-100
 *    | 409 its page, input kept: the project changed meanwhile
 *    | 400 no version | 404 | 503
 */
int
h_project_capital(struct req *r)
{
	struct project_forms f;
	struct project_view p;
	const char *pct = NULL;
	unsigned version;
	enum kerr e;
	int status;

	if ((status = project_posted(r, &p, &version)) != 0)
		return status;
	memset(&f, 0, sizeof(f));
	f.capital = req_form(r, "capital_spend");
	if ((f.capital_error = capital_problem(r, f.capital, &pct)) == NULL) {
		e = db_project_set_capital(r, p.code, version, pct);
		if (e == KERR_OK)
			return redirect(r, arena_printf(r->a, "/projects/%s#capital", p.code));
		if (e != KERR_CONFLICT)
			return http_status(e);
		if ((status = project_reread(r, &p)) != 0)
			return status;
		f.capital_error = stale(r);
	}
	view_error(r, "capital_spend", f.capital_error);
	return show_project(r, &p, &f);
}

/* Checks the incoming funds' form into f's errors and *amount; returns how many fields are wrong. */
static int
fund_problems(struct req *r, const struct project_view *p, struct project_forms *f,
    long long *amount)
{
	int y, m, d;

	if (rules_blank(f->fund_on))
		f->fund_on_error = i18n_tr(r->lang, N_("Enter the date the funds were received"));
	else if (valid_date(f->fund_on, &y, &m, &d) != KERR_OK)
		f->fund_on_error = i18n_tr(r->lang, N_("Enter the date the funds were received as a real date, such as 2016-05-31"));
	else if (strcmp(f->fund_on, app_today()) > 0)
		f->fund_on_error = i18n_tr(r->lang, N_("The date the funds were received cannot be after today"));
	else if (p->decided_on != NULL && strcmp(f->fund_on, p->decided_on) < 0)
		f->fund_on_error = rules_fill(r->a, i18n_tr(r->lang,
		    N_("The funds cannot have been received before the project was decided on, {date}")),
		    (const char *const []){ "date", p->decided_on, NULL });
	if (rules_blank(f->fund_amount))
		f->fund_amount_error = i18n_tr(r->lang, N_("Enter the amount received"));
	else if (valid_amount(f->fund_amount, amount) != KERR_OK)
		f->fund_amount_error = i18n_tr(r->lang, N_("Enter the amount received in whole kronor, such as 300 000"));
	else if (*amount == 0)
		f->fund_amount_error = i18n_tr(r->lang, N_("Enter an amount of more than 0 kronor"));
	else if (*amount > PAGE_AMOUNT_MAX)
		f->fund_amount_error = i18n_tr(r->lang, N_("Enter an amount of at most 100 000 000 kronor"));
	f->fund_note_error = page_too_long(r, f->fund_note, PAGE_TEXT_MAX);
	return (f->fund_on_error != NULL) + (f->fund_amount_error != NULL) +
	    (f->fund_note_error != NULL);
}

/*
 * POST /projects/{code}/incoming-funds (version, received_on, amount, note)
 *   -> 303 its funds (also for a form sent twice: recorded once)
 *    | 200 its page with the errors next to the fields, input kept: a date
 *      that is none, after today or before the decision; an amount that is
 *      none, no whole kronor or 0; a note too long
 *    | 409 its page, input kept: the project changed meanwhile
 *    | 400 no version | 404 | 503
 */
int
h_project_fund_record(struct req *r)
{
	struct project_forms f;
	struct project_view p;
	long long amount = 0;
	unsigned version;
	enum kerr e;
	int status;

	if ((status = project_posted(r, &p, &version)) != 0)
		return status;
	memset(&f, 0, sizeof(f));
	f.fund_on = form_trim(r->a, req_form(r, "received_on"));
	f.fund_amount = req_form(r, "amount");
	f.fund_note = req_form(r, "note");
	if (fund_problems(r, &p, &f, &amount) == 0) {
		e = db_project_fund_record(r, p.code, version, f.fund_on, amount,
		    rules_blank(f.fund_note) ? NULL : f.fund_note);
		if (e == KERR_OK)
			return redirect(r, arena_printf(r->a, "/projects/%s#incoming-funds", p.code));
		if (e != KERR_CONFLICT)
			return http_status(e);
		if ((status = project_reread(r, &p)) != 0)
			return status;
		f.fund_on_error = stale(r);
	}
	if (f.fund_on_error != NULL)
		view_error(r, "received_on", f.fund_on_error);
	if (f.fund_amount_error != NULL)
		view_error(r, "amount", f.fund_amount_error);
	if (f.fund_note_error != NULL)
		view_error(r, "note", f.fund_note_error);
	return show_project(r, &p, &f);
}

/*
 * POST /projects/{code}/incoming-funds/{id}/remove
 *   -> 303 its funds (also when they were removed already: sent twice) | 404 | 503
 */
int
h_project_fund_remove(struct req *r)
{
	long long id = path_id(r->args[1]);
	struct project_view p;
	enum kerr e;

	if (!project_code_ok(r->args[0]) || id == 0)
		return 404;
	e = db_project_fund_remove(r, r->args[0], id);
	/* Removed already, unless there is no such project. */
	if (e == KERR_NOTFOUND)
		e = db_project_get(r->a, r->id, r->sess->data_version, r->args[0], 0,
		    app_today(), 0, &p);
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, arena_printf(r->a, "/projects/%s#incoming-funds", r->args[0]));
}

/* The cancellation page: the project, the reason as typed and its error. Status 200, or r->status. */
static int
show_cancel(struct req *r, const struct project_view *p, unsigned version, const char *reason,
    const char *error)
{
	int running = strcmp(p->status, "implementation") == 0 ||
	    strcmp(p->status, "finalisation") == 0;
	const char *title = i18n_tr(r->lang, N_("Cancel the project"));

	vobj_str(r->view, "title", title);
	vobj_str(r->view, "code", p->code);
	vobj_str(r->view, "project_title", i18n_pick(r->lang, p->title_sv, p->title_en));
	view_status(r, p);
	vobj_bool(r->view, "can_cancel", running);
	vobj_int(r->view, "version", version);
	page_textarea(page_input(r, r->view, "f_reason", "reason",
	    i18n_tr(r->lang, N_("Why the project is cancelled")),
	    i18n_tr(r->lang, N_("The applicant reads it on the project's page.")), reason, error), 5,
	    PAGE_TEXT_MAX);
	view_crumb(r, arena_printf(r->a, "/projects/%s", p->code), p->code);
	view_crumb(r, arena_printf(r->a, "/projects/%s/cancel", p->code), title);
	return render(r, TPL_PROJECT_CANCEL);
}

/* GET /projects/{code}/cancel -> 200 the form (or why it cannot be cancelled) | 404 | 503 */
int
h_project_cancel_form(struct req *r)
{
	struct project_view p;
	enum kerr e;

	if (!project_code_ok(r->args[0]))
		return 404;
	if ((e = db_project_get(r->a, r->id, r->sess->data_version, r->args[0], 0, app_today(),
	    0, &p)) != KERR_OK)
		return http_status(e);
	return show_cancel(r, &p, p.version, NULL, NULL);
}

/*
 * POST /projects/{code}/cancel (version, reason)
 *   -> 303 the project's page (also when it was cancelled already: a form sent twice)
 *    | 200 the form with the error next to the reason, kept: none, or too long
 *    | 409 the form: the project changed meanwhile, or it is closed
 *    | 400 no version | 404 | 503
 */
int
h_project_cancel(struct req *r)
{
	struct project_view p;
	const char *reason = req_form(r, "reason"), *err, *status;
	unsigned version;
	enum kerr e;

	if (!project_code_ok(r->args[0]))
		return 404;
	if ((e = db_project_get(r->a, r->id, r->sess->data_version, r->args[0], 0, app_today(),
	    0, &p)) != KERR_OK)
		return http_status(e);
	if ((version = page_version(req_form(r, "version"))) == 0)
		return 400;
	if ((err = page_too_long(r, reason, PAGE_TEXT_MAX)) == NULL && rules_blank(reason))
		err = i18n_tr(r->lang, N_("Enter why the project is cancelled"));
	if (err != NULL) {
		view_error(r, "reason", err);
		return show_cancel(r, &p, version, reason, err);
	}
	e = db_project_cancel(r, p.code, version, reason, app_today(), &status);
	if (e == KERR_OK || (e == KERR_FORBIDDEN && strcmp(status, "cancelled") == 0))
		return redirect(r, arena_printf(r->a, "/projects/%s", p.code));
	if (e != KERR_CONFLICT && e != KERR_FORBIDDEN)
		return http_status(e);
	if ((e = db_project_get(r->a, r->id, r->sess->data_version, r->args[0], 0, app_today(),
	    0, &p)) != KERR_OK)
		return http_status(e);
	err = i18n_tr(r->lang, strcmp(p.status, "closed") == 0 ?
	    N_("The project is closed: it can no longer be cancelled.") :
	    N_("The project changed while you were cancelling it: a report was decided on, or someone else changed it. Check it and cancel it again if that still holds."));
	view_error(r, "reason", err);
	r->status = 409;
	return show_cancel(r, &p, p.version, reason, err);
}
