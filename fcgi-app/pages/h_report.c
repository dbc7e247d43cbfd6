/* h_report.c - a project's report: the applicant's form (drafts, submission), ICLD's decision and payment, every revision. */
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db_attachment.h"
#include "db/db_report.h"
#include "domain/labels.h"
#include "domain/reimburse.h"
#include "domain/rules.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/form.h"
#include "http/req.h"
#include "http/upload.h"
#include "pages/h_report.h"
#include "views/page.h"
#include "views/reportmail.h"
#include "views/view.h"

/*
 * Who reads a report: the applicant whose organisation runs the project
 * (confined_org(): any other gets 404, for a POST too) and ICLD's
 * officers. Sida reads projects, not reports: a report is the
 * partnership's account to ICLD while ICLD judges it, and what Sida is to
 * see of it (the costs ICLD approved, the payments, the indicators'
 * values) reaches Sida through the project's page and the IATI export.
 * The applicant changes a draft or a returned report while the project is
 * under way; a submitted or approved one reads only.
 */

/* The narrative's fields: what each asks, and what submitting it empty says. */
static const struct {
	const char	*label;
	const char	*hint;
	const char	*missing;
} narr[NARR__MAX] = {
	[NARR_ACTIVITIES] = { N_("Activities carried out"),
	    N_("What the partners did in the period: workshops, study visits, meetings, and who took part."),
	    N_("Describe the activities carried out") },
	[NARR_RESULTS] = { N_("Results against the objectives"),
	    N_("What the activities achieved for each objective. Give each indicator's value below."),
	    N_("Describe the results against the objectives") },
	[NARR_DEVIATIONS] = { N_("Deviations from the plan and why"),
	    N_("What did not go as planned, why, and what the partners did about it. If everything went as planned, say so."),
	    N_("Describe the deviations from the plan and why, or say that there were none") },
	[NARR_LESSONS] = { N_("Lessons learned"),
	    N_("What the partners would do again, and what they would do differently."),
	    N_("Describe the lessons learned") },
	[NARR_PARTICIPATION] = { N_("Participation of women and vulnerable groups"),
	    N_("How women and vulnerable groups took part, and what the partners did to make it possible."),
	    N_("Describe the participation of women and vulnerable groups") },
};

static int
is(const char *s, const char *want)
{
	return s != NULL && strcmp(s, want) == 0;
}

static const char *
report_href(struct req *r, long long id, const char *rest)
{
	return arena_printf(r->a, "/reports/%lld%s", id, rest);
}

/* "Progress report, year 1" or "Final report". */
static const char *
report_title(struct req *r, const struct report_view *v)
{
	if (!is(v->kind, "progress"))
		return label(r->lang, v->kind);
	return arena_printf(r->a, "%s, %s %d", label(r->lang, v->kind), tr(r, N_("year")), v->year);
}

static int
progress(const struct report_view *v)
{
	return is(v->kind, "progress");
}

/* Whether the applicant may still change the report: a draft or returned report of a project under way. */
static int
editable(const struct report_view *v)
{
	return report_editable(v->status, v->project_status);
}

/* The cost categories a progress report accounts for: those approved for its year, and any with a cost. */
static int
shown(const struct report_view *v, int k)
{
	return progress(v) && (v->line[k].budget > 0 || v->line[k].actual != REIMBURSE_NONE);
}

static const char *
actual_id(struct req *r, int k)
{
	return arena_printf(r->a, "actual-%s", category_code[k]);
}

static const char *
explain_id(struct req *r, int k)
{
	return arena_printf(r->a, "explain-%s", category_code[k]);
}

static const char *
value_id(struct req *r, const struct report_indicator *in)
{
	return arena_printf(r->a, "ind-%lld-value", in->id);
}

static const char *
text_id(struct req *r, const struct report_indicator *in)
{
	return arena_printf(r->a, "ind-%lld-text", in->id);
}

/* A message about indicator in: msgid with {name}. */
static const char *
ind_msg(struct req *r, const struct report_indicator *in, const char *msgid)
{
	return rules_fill(r->a, tr(r, msgid), (const char *const []){ "name", in->name, NULL });
}

/* A message about cost category k: "Travel: " and msgid. */
static const char *
cat_msg(struct req *r, int k, const char *msgid)
{
	return arena_printf(r->a, "%s: %s", label(r->lang, category_code[k]), tr(r, msgid));
}

/* ---- the form as sent ------------------------------------------------------------------------------------ */

/*
 * What the fields show: the report as stored, or the form as sent (then
 * actual_k is what could be read of each cost, REIMBURSE_NONE otherwise, for the
 * variance), with its problems.
 */
struct shown {
	const char	*text[NARR__MAX];
	const char	**value, **value_text;		/* per indicator */
	const char	*actual[CAT__MAX];
	long long	 actual_k[CAT__MAX];
	const char	*explanation[CAT__MAX];
	unsigned	 version;
	size_t		 files_lost;		/* files chosen that were not kept: the form was refused */
};

static void
shown_stored(struct req *r, const struct report_view *v, struct shown *s)
{
	size_t i;
	int k;

	memset(s, 0, sizeof(*s));
	memcpy(s->text, v->text, sizeof(s->text));
	s->value = arena_calloc(r->a, v->nind + 1, sizeof(*s->value));
	s->value_text = arena_calloc(r->a, v->nind + 1, sizeof(*s->value_text));
	for (i = 0; i < v->nind; i++) {
		s->value[i] = v->ind[i].value;
		s->value_text[i] = v->ind[i].text;
	}
	for (k = 0; k < CAT__MAX; k++) {
		s->actual_k[k] = v->line[k].actual;
		s->actual[k] = v->line[k].actual != REIMBURSE_NONE ?
		    fmt_number(r->a, v->line[k].actual, r->lang) :
		    NULL;
		s->explanation[k] = v->line[k].explanation;
	}
	s->version = v->version;
}

/*
 * Reads the form into in (what to save) and s (what to show back), noting
 * in f what keeps it from being saved at all: a text too long, a value
 * that is no number, a cost that is no amount, an explanation without its
 * cost. Completeness waits for submit_problems().
 */
static void
read_report_form(struct req *r, const struct report_view *v, struct page_form *f,
    struct report_input *in, struct shown *s)
{
	size_t i;
	int k, rounded;

	memset(in, 0, sizeof(*in));
	memset(s, 0, sizeof(*s));
	for (k = 0; k < NARR__MAX; k++) {
		s->text[k] = req_form(r, narrative_code[k]);
		in->text[k] = page_read_text(r, f, narrative_code[k]);
	}
	in->value = arena_calloc(r->a, v->nind + 1, sizeof(*in->value));
	in->value_text = arena_calloc(r->a, v->nind + 1, sizeof(*in->value_text));
	s->value = arena_calloc(r->a, v->nind + 1, sizeof(*s->value));
	s->value_text = arena_calloc(r->a, v->nind + 1, sizeof(*s->value_text));
	for (i = 0; i < v->nind; i++) {
		const struct report_indicator *ind = &v->ind[i];
		const char *vid = value_id(r, ind), *typed = req_form(r, vid);

		if (!ind->qualitative && !rules_blank(typed) &&
		    (in->value[i] = valid_decimal(r->a, typed)) == NULL)
			page_problem(f, vid, ind_msg(r, ind,
			    N_("Enter the value {name} has reached as a number, such as 12 or 12,5")));
		s->value[i] = typed;
		s->value_text[i] = req_form(r, text_id(r, ind));
		in->value_text[i] = page_read_text(r, f, text_id(r, ind));
	}
	for (k = 0; k < CAT__MAX; k++) {
		const char *aid = actual_id(r, k), *typed = req_form(r, aid);

		in->actual[k] = s->actual_k[k] = REIMBURSE_NONE;
		if (!(in->shown[k] = shown(v, k)))
			continue;
		s->actual[k] = typed;
		s->explanation[k] = req_form(r, explain_id(r, k));
		in->explanation[k] = page_read_text(r, f, explain_id(r, k));
		if (rules_blank(typed)) {
			/* The schema keeps an explanation with its cost: a cost of 0 says so. */
			if (in->explanation[k] != NULL)
				page_problem(f, aid, cat_msg(r, k,
				    N_("enter the actual cost, 0 if there was none, to keep its explanation")));
			continue;
		}
		if (reimburse_parse_cost(typed, &in->actual[k], &rounded) != KERR_OK) {
			in->actual[k] = REIMBURSE_NONE;
			page_problem(f, aid, cat_msg(r, k,
			    N_("enter the actual cost in kronor, such as 12 345 or 12 345,50, and a refund with a minus sign, such as -2 500")));
		} else if (in->actual[k] > PAGE_AMOUNT_MAX || in->actual[k] < -PAGE_AMOUNT_MAX) {
			in->actual[k] = REIMBURSE_NONE;
			page_problem(f, aid, cat_msg(r, k,
			    N_("enter an amount of at most 100 000 000 kronor")));
		}
		s->actual_k[k] = in->actual[k];
	}
}

/* What keeps a report that can be saved from being submitted; noted in f in the page's order. */
static void
submit_problems(struct req *r, const struct report_view *v, const struct report_input *in,
    struct page_form *f)
{
	size_t i;
	int k;

	for (k = 0; k < NARR__MAX; k++)
		if (in->text[k] == NULL)
			page_problem(f, narrative_code[k], tr(r, narr[k].missing));
	for (i = 0; i < v->nind; i++) {
		if (v->ind[i].qualitative && in->value_text[i] == NULL)
			page_problem(f, text_id(r, &v->ind[i]), ind_msg(r, &v->ind[i],
			    N_("Describe what {name} has reached")));
		else if (!v->ind[i].qualitative && in->value[i] == NULL)
			page_problem(f, value_id(r, &v->ind[i]), ind_msg(r, &v->ind[i],
			    N_("Enter the value {name} has reached")));
	}
	for (k = 0; k < CAT__MAX; k++) {
		if (!in->shown[k])
			continue;
		if (in->actual[k] == REIMBURSE_NONE)
			page_problem(f, actual_id(r, k), cat_msg(r, k,
			    N_("enter the actual cost, 0 if there was none")));
		else if (reimburse_needs_explanation(v->line[k].budget, in->actual[k]) &&
		    in->explanation[k] == NULL)
			page_problem(f, explain_id(r, k), cat_msg(r, k, v->line[k].budget > 0 ?
			    N_("explain why the actual cost differs from the budget by more than 10 %") :
			    N_("explain the cost: the category has no approved budget")));
	}
}

/* ---- the page ------------------------------------------------------------------------------------------ */

/* The head of every report page: what it is, whose, for when, and how it stands. */
static void
view_head(struct req *r, const struct report_view *v)
{
	struct vobj *o = r->view;
	const char *title = report_title(r, v);

	vobj_str(o, "title", title);
	vobj_str(o, "code", v->code);
	vobj_str(o, "project_title", i18n_pick(r->lang, v->title_sv, v->title_en));
	vobj_str(o, "org_name", v->org_name);
	vobj_str(o, "status", v->status);
	vobj_str(o, "status_label", label_report(r->lang, v->status));
	vobj_str(o, "due", v->due);
	/* A returned report is due on the day ICLD set; the first due date stays in view. */
	vobj_str(o, "first_due", strcmp(v->due, v->first_due) != 0 ? v->first_due : NULL);
	vobj_str(o, "period_start", progress(v) ? v->year_start : v->project_start);
	vobj_str(o, "period_end", progress(v) ? v->year_end : v->project_end);
	vobj_str(o, "submitted_at", v->submitted_at != NULL ?
	    fmt_time(r->a, v->submitted_at) : NULL);
	vobj_str(o, "days", NULL);
	if (editable(v))
		view_days(r, o, v->days_left);
	vobj_str(o, "returned_comment", is(v->status, "returned") ? v->admin_comment : NULL);
	vobj_str(o, "report_href", report_href(r, v->id, ""));
	view_crumb(r, arena_printf(r->a, "/projects/%s", v->code), v->code);
	view_crumb(r, report_href(r, v->id, ""), title);
}

/* A row of _application_rows.html, every key it reads set. */
static void
narrative_row(struct req *r, struct vobj *o, int k, const char *text)
{
	struct vobj *w = vobj_push(o, "rows");

	vobj_str(w, "label", tr(r, narr[k].label));
	vobj_bool(w, "prose", 1);
	vobj_bool(w, "missing", rules_blank(text));
	vobj_str(w, "text", rules_blank(text) ? NULL : text);
	vobj_str(w, "lang", NULL);
	vobj_str(w, "href", NULL);
	vobj_bool(w, "has_items", 0);
}

/* "12.5 citizen dialogues", or the words. */
static const char *
with_unit(struct req *r, const char *value, const char *unit)
{
	if (value == NULL)
		return NULL;
	return unit != NULL && *unit != '\0' ? arena_printf(r->a, "%s %s", value, unit) : value;
}

/*
 * The indicators, grouped by objective, under o's "objectives": each with
 * its baseline and target, and the fields for what it reached (form) or
 * what the report says it reached.
 */
static void
view_indicators(struct req *r, struct vobj *o, const struct report_view *v,
    const struct shown *s, const struct page_form *f, int form)
{
	struct vobj *ob = NULL, *w, *fld;
	long long objective = 0, nobj = 0;
	size_t i;

	vobj_bool(o, "has_indicators", v->nind > 0);
	for (i = 0; i < v->nind; i++) {
		const struct report_indicator *in = &v->ind[i];

		if (ob == NULL || in->objective_id != objective) {
			ob = vobj_push(o, "objectives");
			vobj_int(ob, "n", ++nobj);
			vobj_str(ob, "objective", in->objective);
			objective = in->objective_id;
		}
		w = vobj_push(ob, "indicators");
		vobj_str(w, "name", in->name);
		vobj_str(w, "result", in->result);
		vobj_str(w, "baseline", with_unit(r, in->baseline, in->qualitative ? NULL : in->unit));
		vobj_str(w, "target", with_unit(r, in->target, in->qualitative ? NULL : in->unit));
		vobj_str(w, "key", value_id(r, in));
		vobj_str(w, "value", with_unit(r, s->value[i], in->unit));
		vobj_str(w, "value_text", rules_blank(s->value_text[i]) ? NULL : s->value_text[i]);
		vobj_bool(w, "qualitative", in->qualitative);
		if (!form)
			continue;
		if (!in->qualitative) {
			fld = page_input(r, w, "f_value", value_id(r, in), tr(r, N_("Value reached")),
			    in->unit != NULL ? rules_fill(r->a, tr(r, N_("In {unit}, such as 12 or 12,5")),
			    (const char *const []){ "unit", in->unit, NULL }) :
			    tr(r, N_("A number, such as 12 or 12,5")), s->value[i],
			    page_problems(f, value_id(r, in)));
			vobj_str(fld, "width", "input-short");
		}
		page_textarea(page_input(r, w, "f_text", text_id(r, in), in->qualitative ?
		    tr(r, N_("What has been reached, in words")) : tr(r, N_("Comment on the value (optional)")),
		    NULL, s->value_text[i], page_problems(f, text_id(r, in))), 3, PAGE_TEXT_MAX);
	}
}

/* An input of the costs table (_report_cell.html). */
static void
cell(struct req *r, struct vobj *o, const char *key, const char *id, const char *lbl,
    const char *value, const char *error, int numeric)
{
	struct vobj *c = vobj_obj(o, key);

	vobj_str(c, "id", id);
	vobj_str(c, "cell_label", lbl);
	vobj_str(c, "value", value != NULL ? value : "");
	vobj_str(c, "error", error);
	vobj_bool(c, "numeric", numeric);
}

/*
 * The costs of a progress report's year against its budget, category by
 * category, with the variance in kronor and per cent worked out here from
 * what was last saved or sent: as inputs (form) or as text.
 */
static void
view_costs(struct req *r, struct vobj *o, const struct report_view *v, const struct shown *s,
    const struct page_form *f, int form)
{
	long long budget = 0, actual = 0;
	struct vobj *w;
	int k, any = 0, all = 1;

	vobj_str(o, "finance_caption", rules_fill(r->a, tr(r,
	    N_("Costs of project year {year} against the approved budget")),
	    (const char *const []){ "year", arena_printf(r->a, "%d", v->year), NULL }));
	for (k = 0; k < CAT__MAX; k++) {
		long long b = v->line[k].budget > 0 ? v->line[k].budget : 0, a = s->actual_k[k];
		const char *cat = label(r->lang, category_code[k]);

		if (!shown(v, k))
			continue;
		any = 1;
		w = vobj_push(o, "lines");
		vobj_str(w, "category", cat);
		vobj_str(w, "budget", fmt_amount(r->a, b, r->lang));
		budget += b;
		if (a != REIMBURSE_NONE) {
			vobj_str(w, "variance", fmt_amount(r->a, reimburse_variance(b, a), r->lang));
			vobj_str(w, "percent", fmt_percent(r->a, reimburse_variance(b, a), b, r->lang));
			vobj_bool(w, "over", reimburse_needs_explanation(b, a));
			actual += a;
		} else {
			vobj_str(w, "variance", "–");
			vobj_str(w, "percent", "–");
			vobj_bool(w, "over", 0);
			all = 0;
		}
		if (form) {
			cell(r, w, "actual", actual_id(r, k), arena_printf(r->a, "%s, %s", cat,
			    tr(r, N_("actual cost"))), s->actual[k], page_problems(f, actual_id(r, k)), 1);
			cell(r, w, "explain", explain_id(r, k), arena_printf(r->a, "%s, %s", cat,
			    tr(r, N_("explanation of the variance"))), s->explanation[k],
			    page_problems(f, explain_id(r, k)), 0);
		} else {
			vobj_str(w, "actual_text", a != REIMBURSE_NONE ? fmt_amount(r->a, a, r->lang) : NULL);
			vobj_str(w, "explanation", rules_blank(s->explanation[k]) ? NULL :
			    s->explanation[k]);
		}
	}
	vobj_bool(o, "has_lines", any);
	vobj_str(o, "budget_total", fmt_amount(r->a, budget, r->lang));
	vobj_str(o, "actual_total", all ? fmt_amount(r->a, actual, r->lang) : "–");
	vobj_str(o, "variance_total", all ? fmt_amount(r->a, actual - budget, r->lang) : "–");
	vobj_str(o, "percent_total", all ? fmt_percent(r->a, actual - budget, budget, r->lang) : "–");
}

/*
 * A final report's financial part: the project's totals per category, the
 * approved budget of every year against the costs of the progress reports
 * ICLD has approved, and what it has paid. Each year's costs are reported,
 * judged and reimbursed with that year's progress report; the final
 * report adds no costs of its own.
 */
static void
view_report_totals(struct req *r, struct vobj *o, const struct report_view *v)
{
	long long budget[CAT__MAX] = { 0 }, actual[CAT__MAX] = { 0 }, tb = 0, ta = 0, paid = 0;
	struct vobj *w;
	size_t i;
	int k, open = 0;

	for (i = 0; i < v->nyears; i++) {
		const struct report_year *y = &v->years[i];

		paid += y->paid;
		open += !is(y->status, "approved");
		for (k = 0; k < CAT__MAX; k++) {
			budget[k] += y->budget[k] > 0 ? y->budget[k] : 0;
			if (is(y->status, "approved"))
				actual[k] += y->actual[k] != REIMBURSE_NONE ? y->actual[k] : 0;
		}
	}
	for (k = 0; k < CAT__MAX; k++) {
		w = vobj_push(o, "totals");
		vobj_str(w, "category", label(r->lang, category_code[k]));
		vobj_str(w, "budget", fmt_amount(r->a, budget[k], r->lang));
		vobj_str(w, "actual", fmt_amount(r->a, actual[k], r->lang));
		vobj_str(w, "variance", fmt_amount(r->a, actual[k] - budget[k], r->lang));
		vobj_str(w, "percent", fmt_percent(r->a, actual[k] - budget[k], budget[k], r->lang));
		tb += budget[k];
		ta += actual[k];
	}
	vobj_str(o, "totals_budget", fmt_amount(r->a, tb, r->lang));
	vobj_str(o, "totals_actual", fmt_amount(r->a, ta, r->lang));
	vobj_str(o, "totals_variance", fmt_amount(r->a, ta - tb, r->lang));
	vobj_str(o, "totals_percent", fmt_percent(r->a, ta - tb, tb, r->lang));
	vobj_str(o, "totals_paid", fmt_amount(r->a, paid, r->lang));
	vobj_str(o, "totals_open", open == 0 ? NULL : rules_fill(r->a, open == 1 ?
	    tr(r, N_("One progress report is not approved yet: its costs are not in these sums.")) :
	    tr(r, N_("{n} progress reports are not approved yet: their costs are not in these sums.")),
	    (const char *const []){ "n", arena_printf(r->a, "%d", open), NULL }));
}

/* ---- attached files ------------------------------------------------------------------------------------ */

/* What kind of file the stored media type says, in words. */
static const char *
file_kind(struct req *r, const char *mime)
{
	switch (sniff_of_media_type(mime)) {
	case SNIFF_PDF:
		return tr(r, N_("PDF document"));
	case SNIFF_PNG:
		return tr(r, N_("PNG image"));
	case SNIFF_JPEG:
		return tr(r, N_("JPEG image"));
	case SNIFF_XLSX:
		return tr(r, N_("Excel spreadsheet"));
	case SNIFF_ODS:
		return tr(r, N_("OpenDocument spreadsheet"));
	default:
		return mime;
	}
}

/*
 * The files of report v (a, n of them, oldest first) under "attachments"
 * for _report_files.html, each with the revision that first held it: all
 * of them, or with upto those revision upto was submitted with. With
 * editing, the files not yet submitted can be removed; a submitted one
 * stays in the report's history.
 */
static void
view_files(struct req *r, const struct report_view *v, const struct attachment *a, size_t n,
    int upto, int editing)
{
	struct vobj *o = vobj_obj(r->view, "attachments"), *w;
	int rev, any = 0;
	size_t i;

	vobj_bool(o, "editing", editing);
	for (i = 0; i < n; i++) {
		rev = a[i].revision;
		if (upto > 0 && (rev == 0 || rev > upto))
			continue;
		any = 1;
		w = vobj_push(o, "files");
		vobj_str(w, "filename", a[i].filename);
		vobj_str(w, "href", report_href(r, v->id, arena_printf(r->a, "/attachments/%lld",
		    a[i].id)));
		vobj_str(w, "type", file_kind(r, a[i].mime));
		vobj_str(w, "size", upload_size_words(r, (unsigned long long)a[i].size));
		vobj_str(w, "by", a[i].uploaded_by_name);
		vobj_str(w, "at", fmt_time(r->a, a[i].uploaded_at));
		vobj_str(w, "sent", rev > 0 ? arena_printf(r->a, "%s %d", tr(r, N_("Revision")), rev) :
		    tr(r, N_("Not yet")));
		vobj_str(w, "remove_id", editing && rev == 0 ?
		    arena_printf(r->a, "remove-file-%lld", a[i].id) : NULL);
		vobj_str(w, "remove_action", report_href(r, v->id,
		    arena_printf(r->a, "/attachments/%lld/remove", a[i].id)));
	}
	vobj_bool(o, "has_files", any);
}

/* The files of report v, or of its revision upto (view_files()), from the database; 0 or the status to answer. */
static int
load_files(struct req *r, const struct report_view *v, int upto, int editing)
{
	struct attachment *a;
	enum kerr e;
	size_t n;

	if ((e = db_attachment_list(r->a, r->id, v->id, &a, &n)) != KERR_OK)
		return http_status(e);
	view_files(r, v, a, n, upto, editing);
	return 0;
}

/*
 * The form's file input ("files", several at once), under o's "upload",
 * with f's problems; lost files chosen were not kept, and the browser has
 * forgotten them, so the field says to choose them again.
 */
static void
view_file_field(struct req *r, struct vobj *o, const struct page_form *f, size_t lost)
{
	struct vobj *u = vobj_obj(o, "upload");
	const char *error = page_problems(f, "files");
	const char *again = lost == 0 ? NULL : tr(r, lost == 1 ?
	    N_("Choose your file again: it has not been added, because the report could not be saved.") :
	    N_("Choose your files again: they have not been added, because the report could not be saved."));

	vobj_str(u, "files_hint", rules_fill(r->a, tr(r,
	    N_("The signed accounts (xlsx, ods or pdf) and photos (jpeg or png), at most {max} each and {total} together each time. The files are added when you save or submit the report.")),
	    (const char *const []){ "max", upload_size_words(r, app.conf.attachment_max),
	    "total", upload_size_words(r, app.conf.max_body), NULL }));
	vobj_str(u, "files_error", error);
	vobj_str(u, "files_again", again);
	vobj_str(u, "files_describedby", arena_printf(r->a, "files-hint%s%s",
	    again != NULL ? " files-again" : "", error != NULL ? " files-error" : ""));
}

/*
 * The files sent with the form as "files" into in (those chosen; an input
 * left empty sends none), each refused one a problem of the field in f.
 */
static void
read_files(struct req *r, struct page_form *f, struct report_input *in)
{
	const struct upload **u;
	size_t i, n;

	in->files = u = arena_calloc(r->a, r->nuploads + 1, sizeof(*u));
	n = upload_get_all(r, "files", u, r->nuploads);
	in->nfiles = 0;
	for (i = 0; i < n; i++) {
		if (u[i]->err == ATTACH_EMPTY && u[i]->filename[0] == '\0')
			continue;
		if (u[i]->err == ATTACH_OK)
			u[in->nfiles++] = u[i];
		else
			page_problem(f, "files", u[i]->filename[0] != '\0' ? arena_printf(r->a,
			    "%s: %s", u[i]->filename, upload_error_text(r, u[i])) :
			    upload_error_text(r, u[i]));
	}
}

/* The applicant's form: the report as stored or as sent (s), with f's problems. */
static void
view_report_form(struct req *r, const struct report_view *v, const struct shown *s,
    const struct page_form *f)
{
	struct vobj *o = vobj_obj(r->view, "form");
	int k;

	vobj_str(o, "action", report_href(r, v->id, ""));
	vobj_int(o, "version", s->version);
	for (k = 0; k < NARR__MAX; k++)
		page_textarea(page_input(r, o, "narrative", narrative_code[k], tr(r, narr[k].label),
		    tr(r, narr[k].hint), s->text[k], page_problems(f, narrative_code[k])), 6,
		    PAGE_TEXT_MAX);
	view_indicators(r, o, v, s, f, 1);
	if (progress(v))
		view_costs(r, vobj_obj(o, "costs"), v, s, f, 1);
	else
		view_report_totals(r, vobj_obj(o, "final_totals"), v);
	view_file_field(r, o, f, s->files_lost);
}

/* The report read only: as it stands, or a revision as it was sent. */
static void
view_read(struct req *r, const struct report_view *v, const struct shown *s)
{
	struct vobj *o = vobj_obj(r->view, "read");
	int k;

	for (k = 0; k < NARR__MAX; k++)
		narrative_row(r, o, k, s->text[k]);
	view_indicators(r, o, v, s, NULL, 0);
	if (progress(v))
		view_costs(r, vobj_obj(o, "costs"), v, s, NULL, 0);
	else
		view_report_totals(r, vobj_obj(o, "final_totals"), v);
}

/* Every submission of the report, with ICLD's decision on it and the way to read it as sent. */
static void
view_history(struct req *r, const struct report_view *v)
{
	struct vobj *w;
	size_t i;

	vobj_bool(r->view, "has_revisions", v->nrevs > 0);
	for (i = v->nrevs; i-- > 0;) {
		const struct report_revision *rv = &v->revs[i];

		w = vobj_push(r->view, "revisions");
		vobj_int(w, "revision", rv->revision);
		vobj_str(w, "href", report_href(r, v->id, arena_printf(r->a, "/revisions/%d",
		    rv->revision)));
		vobj_str(w, "submitted_at", fmt_time(r->a, rv->submitted_at));
		vobj_str(w, "submitted_by", rv->submitted_by);
		vobj_str(w, "outcome", rv->outcome != NULL ? rv->outcome : "submitted");
		vobj_str(w, "outcome_label", rv->outcome != NULL ? label_report(r->lang, rv->outcome) :
		    tr(r, N_("Awaiting ICLD's decision")));
		vobj_str(w, "comment", rules_blank(rv->comment) ? NULL : rv->comment);
		vobj_str(w, "decided_at", rv->decided_at != NULL ?
		    fmt_time(r->a, rv->decided_at) : NULL);
		vobj_str(w, "decided_by", rv->decided_by);
	}
}

/* ICLD's payment of the report, for everyone who reads it. */
static void
view_payment(struct req *r, const struct report_view *v)
{
	struct vobj *o;

	if (v->pay.id == 0)
		return;
	o = vobj_obj(r->view, "payment");
	vobj_str(o, "amount", fmt_amount(r->a, v->pay.amount, r->lang));
	vobj_str(o, "paid_on", v->pay.paid_on);
	/* Who recorded it and the note (a payment reference) are ICLD's own. */
	vobj_str(o, "recorded_by", r->sess->user.role == ROLE_ADMIN ? v->pay.recorded_by : NULL);
	vobj_str(o, "note", r->sess->user.role == ROLE_ADMIN && !rules_blank(v->pay.note) ?
	    v->pay.note : NULL);
}

/* The days a returned report is given for its revision unless the officer chooses another date. */
#define REVISE_DAYS	30

/* What the admin's forms hold when sent with mistakes. */
struct admin_form {
	struct page_form pf;
	const char	*outcome, *comment, *revise_by;	/* the decision as sent */
	const char	*amount, *paid_on, *note;	/* the payment as sent */
	unsigned	 version;			/* of the report, for the decision */
};

static void
reimbursement_of(const struct report_view *v, struct reimbursement *rb)
{
	long long budget[CAT__MAX], actual[CAT__MAX];
	int k;

	for (k = 0; k < CAT__MAX; k++) {
		budget[k] = v->line[k].budget;
		actual[k] = v->line[k].actual;
	}
	reimburse_compute(budget, actual, v->year_amount, v->paid_before, rb);
}

/* REVISE_DAYS after the programme's today, YYYY-MM-DD: when a returned report is due unless the officer says. */
static const char *
revise_default(struct req *r)
{
	struct ymd d = { 0, 0, 0 };

	if (valid_date(app_today(), &d.y, &d.m, &d.d) != KERR_OK)
		return NULL;
	d = calendar_add_days(d, REVISE_DAYS);
	return arena_printf(r->a, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* ICLD's part: the decision on a submitted report; the reimbursement of a progress report and its payment. */
static void
view_admin(struct req *r, const struct report_view *v, const struct admin_form *a)
{
	struct reimbursement rb;
	struct vobj *o, *w, *g;
	int k, approved = is(v->status, "approved");

	if (is(v->status, "submitted")) {
		o = vobj_obj(r->view, "decide");
		vobj_str(o, "decide_action", report_href(r, v->id, "/decision"));
		vobj_int(o, "decide_version", a->version != 0 ? a->version : v->version);
		g = page_choices(r, o, "c_outcome", "radio", "outcome", "outcome",
		    tr(r, N_("Your decision on the report")), NULL, page_problems(&a->pf, "outcome"));
		page_choice(g, "outcome", "approve", tr(r, N_("Approve the report")), progress(v) ?
		    tr(r, N_("ICLD then reimburses the eligible costs: see below.")) :
		    tr(r, N_("The project is then closed.")), is(a->outcome, "approve"));
		page_choice(g, "outcome-return", "return", tr(r, N_("Return it for revision")),
		    tr(r, N_("The applicant reads your comment, revises the report and submits it again.")),
		    is(a->outcome, "return"));
		page_textarea(page_input(r, o, "f_comment", "comment", tr(r, N_("Comment to the applicant")),
		    tr(r, N_("Required when you return the report: say what to revise.")), a->comment,
		    page_problems(&a->pf, "comment")), 5, PAGE_TEXT_MAX);
		vobj_str(page_input(r, o, "f_revise_by", "revise_by",
		    tr(r, N_("Revised report due")),
		    tr(r, N_("When you return the report: the day the revised report is due. The applicant is late only after it.")),
		    a->revise_by != NULL ? a->revise_by : revise_default(r),
		    page_problems(&a->pf, "revise_by")), "type", "date");
	}
	if (!progress(v) || !(approved || is(v->status, "submitted")))
		return;
	reimbursement_of(v, &rb);
	o = vobj_obj(r->view, "reimbursement");
	vobj_bool(o, "preview", !approved);
	for (k = 0; k < CAT__MAX; k++) {
		if (!shown(v, k))
			continue;
		w = vobj_push(o, "lines");
		vobj_str(w, "category", label(r->lang, category_code[k]));
		vobj_str(w, "budget", fmt_amount(r->a, v->line[k].budget > 0 ? v->line[k].budget : 0,
		    r->lang));
		vobj_str(w, "actual", fmt_amount(r->a, v->line[k].actual != REIMBURSE_NONE ?
		    v->line[k].actual : 0,
		    r->lang));
		vobj_str(w, "eligible", fmt_amount(r->a, rb.eligible[k], r->lang));
	}
	vobj_str(o, "eligible", fmt_amount(r->a, rb.eligible_total, r->lang));
	vobj_str(o, "year", arena_printf(r->a, "%d", v->year));
	vobj_str(o, "year_amount", fmt_amount(r->a, rb.year_amount, r->lang));
	vobj_str(o, "capped", fmt_amount(r->a, rb.capped, r->lang));
	vobj_str(o, "paid_before", fmt_amount(r->a, rb.paid_before, r->lang));
	vobj_str(o, "due", fmt_amount(r->a, rb.due, r->lang));
	vobj_str(o, "due_kronor", arena_printf(r->a, "%lld", rb.due));
	if (!approved || v->pay.id != 0)
		return;
	if (rb.due == 0) {
		vobj_str(o, "nothing_due", tr(r, N_("Nothing is left to reimburse for this report.")));
		return;
	}
	w = vobj_obj(o, "pay_form");
	vobj_str(w, "pay_action", report_href(r, v->id, "/payment"));
	vobj_str(page_input(r, w, "f_amount", "amount", tr(r, N_("Amount paid")),
	    rules_fill(r->a, tr(r, N_("In whole kronor, at most {due}")),
	    (const char *const []){ "due", fmt_amount(r->a, rb.due, r->lang), NULL }),
	    a->amount != NULL ? a->amount : fmt_number(r->a, rb.due, r->lang),
	    page_problems(&a->pf, "amount")), "width", "input-short");
	vobj_str(page_input(r, w, "f_paid_on", "paid_on", tr(r, N_("Date of payment")),
	    tr(r, N_("For example 2016-10-14")), a->paid_on != NULL ? a->paid_on : app_today(),
	    page_problems(&a->pf, "paid_on")), "type", "date");
	page_textarea(page_input(r, w, "f_note", "note", tr(r, N_("Note (optional)")),
	    tr(r, N_("The payment's reference, for ICLD's own use.")), a->note,
	    page_problems(&a->pf, "note")), 2, PAGE_TEXT_MAX);
}

/* The errors of a page's forms in its summary, in the order found. */
static void
summary(struct req *r, const struct page_form *f)
{
	size_t i;

	for (i = 0; i < f->nerr; i++)
		view_error(r, f->err[i].field, f->err[i].text);
}

/*
 * The report's page: the applicant's form when they may change it (from
 * s, with f's problems), else the report read only; ICLD's part for
 * admins (a: their forms as sent); the files, the payment and the history
 * for both. Status 200, or r->status; 503 when the files cannot be read.
 */
static int
show_report(struct req *r, const struct report_view *v, const struct shown *s,
    const struct page_form *f, const struct admin_form *a)
{
	struct admin_form none;
	struct shown stored;
	int status, form = r->sess->user.role == ROLE_APPLICANT && editable(v);

	view_head(r, v);
	if (s == NULL) {
		shown_stored(r, v, &stored);
		s = &stored;
	}
	if ((status = load_files(r, v, 0, form)) != 0)
		return status;
	if (form)
		view_report_form(r, v, s, f);
	else {
		view_read(r, v, s);
		if (r->sess->user.role == ROLE_APPLICANT && (is(v->status, "draft") ||
		    is(v->status, "returned")))
			vobj_str(r->view, "locked", tr(r,
			    N_("The project is no longer under way, so the report can no longer be changed.")));
	}
	if (r->sess->user.role == ROLE_ADMIN) {
		if (a == NULL) {
			memset(&none, 0, sizeof(none));
			a = &none;
		}
		view_admin(r, v, a);
	}
	view_payment(r, v);
	view_history(r, v);
	return render(r, TPL_REPORT);
}

/* The report id of the path, confined to the reader's organisation; 0 or the status to answer. */
static int
load_own_report(struct req *r, struct report_view *v)
{
	long long id = path_id(r->args[0]);
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_report_get(r->a, r->id, id, confined_org(r), app_today(), v)) != KERR_OK)
		return http_status(e);
	return 0;
}

/* GET /reports/{id} (saved=1: after a draft was saved) -> 200 | 404 (also another organisation's) | 503 */
int
h_report_show(struct req *r)
{
	struct report_view v;
	struct page_form f;
	int status;

	if ((status = load_own_report(r, &v)) != 0)
		return status;
	memset(&f, 0, sizeof(f));
	f.a = r->a;
	if (is(req_query(r, "saved"), "1") && editable(&v))
		vobj_str(r->view, "saved", tr(r,
		    N_("Your report is saved as a draft. Come back to it whenever you like, and submit it when it is complete.")));
	if (is(req_query(r, "sent"), "1") && is(v.status, "submitted"))
		vobj_str(r->view, "sent", tr(r,
		    N_("Your report has been submitted to ICLD. ICLD approves it, or returns it to you with a comment if something needs revising.")));
	if (is(req_query(r, "removed"), "1") && editable(&v))
		vobj_str(r->view, "saved", tr(r, N_("The file has been removed from the report.")));
	return show_report(r, &v, NULL, &f, NULL);
}

/* 409: report v can no longer be changed, and why; the page reads only. */
static int
read_only(struct req *r, const struct report_view *v, const struct page_form *f)
{
	view_error(r, "main", tr(r, is(v->status, "draft") || is(v->status, "returned") ?
	    N_("The project is no longer under way, so the report can no longer be changed.") :
	    N_("The report has been submitted to ICLD, so it can no longer be changed.")));
	r->status = 409;
	return show_report(r, v, NULL, f, NULL);
}

/* The limit of files a report may have, as the problem of the file field in f. */
static void
too_many_files(struct req *r, struct page_form *f, const struct report_refusal *why)
{
	page_problem(f, "files", rules_fill(r->a, tr(r,
	    N_("A report can have at most {max} files, and it has {n}: remove one before you add another")),
	    (const char *const []){ "max", arena_printf(r->a, "%u", app.conf.attachments_per_report),
	    "n", arena_printf(r->a, "%zu", why->files), NULL }));
}

/*
 * The good files of a form that cannot be saved, kept all the same (a
 * file refused is no reason to lose another); s says which were not.
 * 0 or the status to answer.
 */
static int
keep_files(struct req *r, const struct report_view *v, const struct report_input *in,
    struct page_form *f, struct shown *s)
{
	struct report_refusal why;
	enum kerr e;

	if (in->nfiles == 0)
		return 0;
	e = db_report_attach(r, v, confined_org(r), in, &why);
	if (e == KERR_OK)
		return 0;
	if (e != KERR_INVALID && e != KERR_FORBIDDEN)
		return http_status(e);
	if (e == KERR_INVALID)
		too_many_files(r, f, &why);
	s->files_lost = in->nfiles;
	return 0;
}

/*
 * POST /reports/{id} (version, action: save | check, the narrative
 * fields, ind-N-value and ind-N-text per indicator, actual-C and explain-C
 * per cost category; as multipart/form-data also files: the files to
 * attach). Saving is what the form does by default (its first button, and
 * Enter in any field); submitting is a page of its own (GET .../check).
 *   -> 303 the report (saved=1), or with check its check page
 *    | 200 the form with the errors next to their fields and the input
 *      kept: nothing saved when a value or cost cannot be read or a text
 *      is too long, though the good files chosen are kept; saved, the
 *      good files kept, when a file is refused (its kind by its content,
 *      empty, too big), which the page names; saved as a draft when check
 *      finds something the submission needs missing (a narrative, an
 *      indicator's value, a cost, the explanation of a variance over
 *      10 %); nothing saved when the files would be more than [app]
 *      attachments_per_report
 *    | 409 the form with the input kept: saved meanwhile by someone else;
 *      or the report read only: it can no longer be changed
 *    | 400 no version | 404 not the applicant's organisation's | 503
 */
int
h_report_save(struct req *r)
{
	struct report_refusal why;
	struct report_input in;
	struct report_view v;
	struct page_form f;
	struct shown s;
	unsigned version;
	size_t nfield, nbad;
	int status, check;
	enum kerr e;

	if ((status = load_own_report(r, &v)) != 0)
		return status;
	if ((version = page_version(req_form(r, "version"))) == 0)
		return 400;
	check = is(req_form(r, "action"), "check");
	memset(&f, 0, sizeof(f));
	f.a = r->a;
	if (!editable(&v))
		return read_only(r, &v, &f);
	read_report_form(r, &v, &f, &in, &s);
	nfield = f.nerr;
	read_files(r, &f, &in);
	nbad = f.nerr - nfield;
	s.version = version;
	if (nfield > 0) {
		if ((status = keep_files(r, &v, &in, &f, &s)) != 0)
			return status;
		summary(r, &f);
		return show_report(r, &v, &s, &f, NULL);
	}
	if (check && nbad == 0)
		submit_problems(r, &v, &in, &f);
	e = db_report_save(r, &v, confined_org(r), version, &in, 0, NULL, &why);
	if (e == KERR_OK && f.nerr == 0)
		return redirect(r, report_href(r, v.id, check ? "/check" : "?saved=1"));
	if (e == KERR_OK) {
		/* Saved: the page shows what is stored now, variances worked out again, and what is wrong. */
		if ((status = load_own_report(r, &v)) != 0)
			return status;
		vobj_str(r->view, "saved_incomplete", nbad > 0 ? tr(r,
		    N_("Your report is saved as a draft with the other files, but not the files named below: choose them again once they are right.")) :
		    tr(r, N_("Your report is saved as a draft, but it cannot be submitted yet: see what is missing.")));
		summary(r, &f);
		return show_report(r, &v, NULL, &f, NULL);
	}
	/* Nothing was saved, so no file was kept either: they are to be chosen again. */
	s.files_lost = in.nfiles;
	if (e == KERR_INVALID) {
		too_many_files(r, &f, &why);
		summary(r, &f);
		return show_report(r, &v, &s, &f, NULL);
	}
	if (e == KERR_CONFLICT) {
		/* What they typed stays; the version is the one stored now, so that saving again works. */
		view_error(r, narrative_code[0], tr(r,
		    N_("Someone else saved this report while you were editing it, and your changes have not been saved. Check what you typed below and save again.")));
		summary(r, &f);
		s.version = why.version;
		r->status = 409;
		return show_report(r, &v, &s, &f, NULL);
	}
	if (e == KERR_FORBIDDEN) {
		if ((status = load_own_report(r, &v)) != 0)
			return status;
		return read_only(r, &v, &f);
	}
	return http_status(e);
}

/* The report as stored, as the input a submission sends: what the check page shows is what is submitted. */
static void
input_stored(struct req *r, const struct report_view *v, struct report_input *in)
{
	size_t i;
	int k;

	memset(in, 0, sizeof(*in));
	memcpy(in->text, v->text, sizeof(in->text));
	in->value = arena_calloc(r->a, v->nind + 1, sizeof(*in->value));
	in->value_text = arena_calloc(r->a, v->nind + 1, sizeof(*in->value_text));
	for (i = 0; i < v->nind; i++) {
		in->value[i] = v->ind[i].value;
		in->value_text[i] = rules_blank(v->ind[i].text) ? NULL : v->ind[i].text;
	}
	for (k = 0; k < CAT__MAX; k++) {
		in->shown[k] = shown(v, k);
		in->actual[k] = in->shown[k] ? v->line[k].actual : REIMBURSE_NONE;
		in->explanation[k] = rules_blank(v->line[k].explanation) ? NULL :
		    v->line[k].explanation;
	}
}

/*
 * The check page of report v, complete as stored (s): everything it says,
 * figures and files, read only, and the one button that submits it.
 */
static int
show_report_check(struct req *r, const struct report_view *v, unsigned version)
{
	struct shown s;
	struct vobj *o;
	int status;

	view_head(r, v);
	vobj_str(r->view, "title", arena_printf(r->a, "%s: %s", tr(r, N_("Check your report")),
	    report_title(r, v)));
	if ((status = load_files(r, v, 0, 0)) != 0)
		return status;
	shown_stored(r, v, &s);
	view_read(r, v, &s);
	o = vobj_obj(r->view, "check");
	vobj_str(o, "submit_action", report_href(r, v->id, "/submit"));
	vobj_int(o, "check_version", version);
	vobj_str(o, "change_href", report_href(r, v->id, ""));
	view_history(r, v);
	return render(r, TPL_REPORT);
}

/*
 * The form with what keeps report v from being submitted, when it is
 * incomplete as stored; 0 when it is complete.
 */
static int
incomplete(struct req *r, const struct report_view *v, const struct report_input *in)
{
	struct page_form f;

	memset(&f, 0, sizeof(f));
	f.a = r->a;
	submit_problems(r, v, in, &f);
	if (f.nerr == 0)
		return 0;
	vobj_str(r->view, "saved_incomplete", tr(r,
	    N_("Your report is saved as a draft, but it cannot be submitted yet: see what is missing.")));
	summary(r, &f);
	return show_report(r, v, NULL, &f, NULL);
}

/*
 * GET /reports/{id}/check -> 200 the report as it will be submitted, to
 * check, with the button that submits it (or, when something the
 * submission needs is missing, the form with it marked) | 303 the report,
 * once it can no longer be changed | 404 | 503
 */
int
h_report_check(struct req *r)
{
	struct report_input in;
	struct report_view v;
	int status;

	if ((status = load_own_report(r, &v)) != 0)
		return status;
	if (!editable(&v))
		return redirect(r, report_href(r, v.id, ""));
	input_stored(r, &v, &in);
	if ((status = incomplete(r, &v, &in)) != 0)
		return status;
	return show_report_check(r, &v, v.version);
}

/*
 * POST /reports/{id}/submit (version: the report's as the check page
 * showed it) submits the report as stored: a new revision, its audit row,
 * and the mail that tells the officers of the project's round.
 *   -> 303 the report (sent=1; also for a submission sent again after it
 *      went through)
 *    | 200 the form with what is missing (then nothing is submitted)
 *    | 409 the check page again: the report was saved since it was
 *      checked; or the report read only: it can no longer be changed
 *    | 400 no version | 404 | 500 the mail's template fails | 503
 */
int
h_report_submit(struct req *r)
{
	struct outbox_send mail;
	struct report_refusal why;
	struct report_input in;
	struct report_view v;
	struct page_form f;
	unsigned version;
	int status;
	enum kerr e;

	if ((status = load_own_report(r, &v)) != 0)
		return status;
	if ((version = page_version(req_form(r, "version"))) == 0)
		return 400;
	memset(&f, 0, sizeof(f));
	f.a = r->a;
	if (is(v.status, "submitted") || is(v.status, "approved"))
		return redirect(r, report_href(r, v.id, ""));
	if (!editable(&v))
		return read_only(r, &v, &f);
	input_stored(r, &v, &in);
	if ((status = incomplete(r, &v, &in)) != 0)
		return status;
	/* Its officers are told in the submission's transaction; a template that fails is the server's fault. */
	if (reportmail_submitted(r, &v, &mail) != KERR_OK)
		return 500;
	/* What was stored when the page was checked is what goes: a later save asks for a new check. */
	e = version != v.version ? KERR_CONFLICT :
	    db_report_save(r, &v, confined_org(r), version, &in, 1, &mail, &why);
	if (e == KERR_OK)
		return redirect(r, report_href(r, v.id, "?sent=1"));
	if (e == KERR_CONFLICT) {
		view_error(r, "submit", tr(r,
		    N_("The report was saved again after you checked it, so it has not been submitted. Check it as it stands now and submit it.")));
		r->status = 409;
		return show_report_check(r, &v, v.version);
	}
	if (e == KERR_FORBIDDEN) {
		if (is(why.status, "submitted") || is(why.status, "approved"))
			return redirect(r, report_href(r, v.id, ""));
		if ((status = load_own_report(r, &v)) != 0)
			return status;
		return read_only(r, &v, &f);
	}
	return http_status(e);
}

/* GET /reports/{id}/revisions/{rev} -> 200 the revision as it was submitted, with its files | 404 | 503 */
int
h_report_revision(struct req *r)
{
	struct report_view v;
	struct shown s;
	const struct report_revision *shown_rev = NULL;
	const char *when, *status_of;
	long long rev;
	size_t i;
	int status;
	enum kerr e;

	if ((status = load_own_report(r, &v)) != 0)
		return status;
	if ((rev = path_id(r->args[1])) == 0 || rev > 65535)
		return 404;
	if ((e = db_report_revision(r->a, r->id, &v, (int)rev)) != KERR_OK)
		return http_status(e);
	for (i = 0; i < v.nrevs; i++)
		if (v.revs[i].revision == rev)
			shown_rev = &v.revs[i];
	when = shown_rev != NULL ? fmt_time(r->a, shown_rev->submitted_at) : NULL;
	view_head(r, &v);
	/*
	 * The revision's own status, not the report's now: what ICLD made of it, or submitted while
	 * it waits; and no deadline, which is the report's.
	 */
	status_of = shown_rev != NULL && shown_rev->outcome != NULL ? shown_rev->outcome : "submitted";
	vobj_str(r->view, "status", status_of);
	vobj_str(r->view, "status_label", label_report(r->lang, status_of));
	vobj_str(r->view, "days", NULL);
	vobj_str(r->view, "title", arena_printf(r->a, "%s, %s %lld", report_title(r, &v),
	    tr(r, N_("revision")), rev));
	vobj_str(r->view, "revision_note", rules_fill(r->a, tr(r,
	    N_("You are reading revision {n} of the report, as it was submitted on {when}.")),
	    (const char *const []){ "n", arena_printf(r->a, "%lld", rev), "when",
	    when != NULL ? when : "", NULL }));
	view_crumb(r, report_href(r, v.id, arena_printf(r->a, "/revisions/%lld", rev)),
	    arena_printf(r->a, "%s %lld", tr(r, N_("Revision")), rev));
	if ((status = load_files(r, &v, (int)rev, 0)) != 0)
		return status;
	shown_stored(r, &v, &s);
	view_read(r, &v, &s);
	view_history(r, &v);
	return render(r, TPL_REPORT);
}

/* A return's due date as sent, judged into a's problems: a real date, today or later. */
static void
revise_problem(struct req *r, struct admin_form *a)
{
	int y, m, d;

	if (rules_blank(a->revise_by))
		page_problem(&a->pf, "revise_by", tr(r,
		    N_("Enter the day the revised report is due")));
	else if (valid_date(a->revise_by, &y, &m, &d) != KERR_OK)
		page_problem(&a->pf, "revise_by", tr(r,
		    N_("Enter the day the revised report is due as a real date, such as 2016-10-30")));
	else if (strcmp(a->revise_by, app_today()) < 0)
		page_problem(&a->pf, "revise_by", tr(r,
		    N_("The revised report cannot be due before today")));
}

/*
 * POST /reports/{id}/decision (version, outcome: approve | return, comment,
 * revise_by: with a return, the day the revised report is due), with the
 * mail that tells the organisation's people (returned, or approved)
 *   -> 303 the report (also for a decision sent again after it went through)
 *    | 200 the page with the errors next to the decision's fields, input
 *      kept: no outcome chosen, no comment to return it, a comment too long
 *    | 409 the page: the report changed meanwhile (revised, or decided by
 *      another officer), or a final report while a progress report is not
 *      approved or the project was cancelled
 *    | 400 no version | 404 | 500 the mail's template fails | 503
 */
int
h_report_decide(struct req *r)
{
	struct outbox_send mail;
	struct report_refusal why;
	struct report_view v;
	struct admin_form a;
	int status, approve;
	const char *msg, *comment;
	enum kerr e;

	if ((status = load_own_report(r, &v)) != 0)
		return status;
	memset(&a, 0, sizeof(a));
	a.pf.a = r->a;
	if ((a.version = page_version(req_form(r, "version"))) == 0)
		return 400;
	a.outcome = req_form(r, "outcome");
	a.comment = req_form(r, "comment");
	a.revise_by = req_form(r, "revise_by");
	approve = is(a.outcome, "approve");
	if (!approve && !is(a.outcome, "return"))
		page_problem(&a.pf, "outcome", tr(r,
		    N_("Choose whether to approve the report or return it for revision")));
	if ((msg = page_too_long(r, a.comment, PAGE_TEXT_MAX)) != NULL)
		page_problem(&a.pf, "comment", msg);
	else if (is(a.outcome, "return") && rules_blank(a.comment))
		page_problem(&a.pf, "comment", tr(r,
		    N_("Write what the applicant is to revise: they read your comment")));
	if (is(a.outcome, "return"))
		revise_problem(r, &a);
	if (a.pf.nerr > 0 && is(v.status, "submitted")) {
		summary(r, &a.pf);
		return show_report(r, &v, NULL, NULL, &a);
	}
	comment = rules_blank(a.comment) ? NULL : a.comment;
	/* The organisation's people are told in the decision's transaction. */
	if (a.pf.nerr == 0 && reportmail_decided(r, &v, !approve, comment, a.revise_by, &mail) != KERR_OK)
		return 500;
	e = a.pf.nerr > 0 ? KERR_FORBIDDEN : db_report_decide(r, &v, a.version, approve, comment,
	    approve ? NULL : a.revise_by, &mail, &why);
	if (e == KERR_OK)
		return redirect(r, report_href(r, v.id, approve && progress(&v) ?
		    "#reimbursement" : "#revisions"));
	/* Decided already: a form sent again, or one from before the decision; the page says how it stands. */
	if (e == KERR_FORBIDDEN)
		return redirect(r, report_href(r, v.id, "#revisions"));
	if (e == KERR_CONFLICT || e == KERR_INVALID) {
		if ((status = load_own_report(r, &v)) != 0)
			return status;
		view_error(r, "outcome", tr(r, e == KERR_CONFLICT ?
		    N_("The report changed while you were deciding: the applicant revised it, or another officer decided. Check it as it stands and decide again.") :
		    is(v.project_status, "cancelled") ?
		    N_("The project has been cancelled, so its final report cannot close it.") :
		    N_("A final report can be approved once every progress report of the project is approved.")));
		r->status = 409;
		a.version = 0;
		return show_report(r, &v, NULL, NULL, &a);
	}
	return http_status(e);
}

/*
 * POST /reports/{id}/payment (amount, paid_on, note), with the mail that
 * tells the organisation's people
 *   -> 303 the report's payment (also when it was paid already: a form
 *      sent twice, or by two officers at once, records one payment)
 *    | 200 the page with the errors next to the payment's fields, input
 *      kept: an amount that is none, 0, or more than the reimbursement
 *      worked out again when recording; a date that is none or after today
 *    | 409 the page: the report is no approved progress report
 *    | 404 | 500 the mail's template fails | 503
 */
int
h_report_pay(struct req *r)
{
	struct outbox_send mail;
	struct report_view v;
	struct admin_form a;
	long long amount = 0, due;
	int status, y, m, d;
	const char *msg;
	enum kerr e;

	if ((status = load_own_report(r, &v)) != 0)
		return status;
	memset(&a, 0, sizeof(a));
	a.pf.a = r->a;
	a.amount = req_form(r, "amount");
	a.paid_on = req_form(r, "paid_on");
	a.note = req_form(r, "note");
	if (rules_blank(a.amount))
		page_problem(&a.pf, "amount", tr(r, N_("Enter the amount paid")));
	else if (valid_amount(a.amount, &amount) != KERR_OK)
		page_problem(&a.pf, "amount", tr(r,
		    N_("Enter the amount paid in whole kronor, such as 245 000")));
	else if (amount == 0)
		page_problem(&a.pf, "amount", tr(r, N_("Enter an amount of more than 0 kronor")));
	if (rules_blank(a.paid_on))
		page_problem(&a.pf, "paid_on", tr(r, N_("Enter the date of payment")));
	else if (valid_date(a.paid_on, &y, &m, &d) != KERR_OK)
		page_problem(&a.pf, "paid_on", tr(r,
		    N_("Enter the date of payment as a real date, such as 2016-10-14")));
	else if (strcmp(a.paid_on, app_today()) > 0)
		page_problem(&a.pf, "paid_on", tr(r, N_("The date of payment cannot be after today")));
	if ((msg = page_too_long(r, a.note, PAGE_TEXT_MAX)) != NULL)
		page_problem(&a.pf, "note", msg);
	if (a.pf.nerr == 0) {
		/* The organisation's people are told in the payment's transaction. */
		if (reportmail_payment(r, &v, amount, a.paid_on, &mail) != KERR_OK)
			return 500;
		e = db_report_pay(r, v.id, amount, a.paid_on, rules_blank(a.note) ? NULL : a.note,
		    &mail, &due);
		if (e == KERR_OK || e == KERR_CONFLICT)
			return redirect(r, report_href(r, v.id, "#payment"));
		if (e == KERR_FORBIDDEN) {
			view_error(r, "main", tr(r,
			    N_("Only an approved progress report is reimbursed.")));
			r->status = 409;
			return show_report(r, &v, NULL, NULL, NULL);
		}
		if (e != KERR_INVALID)
			return http_status(e);
		page_problem(&a.pf, "amount", due == 0 ?
		    tr(r, N_("Nothing is left to reimburse for this report.")) :
		    rules_fill(r->a, tr(r,
		    N_("The payment can be at most {due}: the eligible costs, at most the approved budget, less what has been paid for the year")),
		    (const char *const []){ "due", fmt_amount(r->a, due, r->lang), NULL }));
	}
	summary(r, &a.pf);
	return show_report(r, &v, NULL, NULL, &a);
}

/*
 * GET /reports/{id}/attachments/{aid} -> 200 the file, to save (never
 * shown inline: Content-Disposition attachment, the type kpp found in it,
 * nosniff) | 404 (no such file of the report, or another organisation's)
 * | 500 (the file is missing on disk) | 503
 */
int
h_report_file(struct req *r)
{
	long long id = path_id(r->args[0]), aid = path_id(r->args[1]);
	struct attachment a;
	enum kerr e;

	if (id == 0 || aid == 0)
		return 404;
	if ((e = db_attachment_get(r->a, r->id, aid, confined_org(r), &a)) != KERR_OK)
		return http_status(e);
	if (a.report_id != id)
		return 404;
	return attach_send(r, a.sha256, a.filename, a.mime);
}

/*
 * POST /reports/{id}/attachments/{aid}/remove
 *   -> 303 the report's files (also when the file is gone already: a
 *      removal sent twice)
 *    | 409 the report with the reason: it has been submitted or approved,
 *      its project has ended, or the file was submitted with it (it stays
 *      in the report's history)
 *    | 404 another organisation's report | 503
 */
int
h_report_file_remove(struct req *r)
{
	struct attachment_refusal why;
	struct report_view v;
	struct page_form f;
	long long aid = path_id(r->args[1]);
	int status;
	enum kerr e;

	if ((status = load_own_report(r, &v)) != 0)
		return status;
	e = aid == 0 ? KERR_NOTFOUND : db_attachment_remove(r, v.id, aid, confined_org(r), &why);
	if (e == KERR_OK)
		return redirect(r, report_href(r, v.id, "?removed=1#attachments"));
	if (e == KERR_NOTFOUND)
		return redirect(r, report_href(r, v.id, "#attachments"));
	if (e != KERR_FORBIDDEN)
		return http_status(e);
	if ((status = load_own_report(r, &v)) != 0)
		return status;
	memset(&f, 0, sizeof(f));
	f.a = r->a;
	view_error(r, "attachments", why.sent && editable(&v) ? rules_fill(r->a, tr(r,
	    N_("{name} has been submitted to ICLD with the report, so it stays in the report's history. Add a corrected file if you need to.")),
	    (const char *const []){ "name", why.filename, NULL }) :
	    tr(r, is(v.status, "draft") || is(v.status, "returned") ?
	    N_("The project is no longer under way, so the report can no longer be changed.") :
	    N_("The report has been submitted to ICLD, so its files can no longer be changed.")));
	r->status = 409;
	return show_report(r, &v, NULL, &f, NULL);
}
