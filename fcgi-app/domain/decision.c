/* decision.c - the pure rules of a decision: project codes, project years by the calendar, reports due, the form's checks. */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "domain/decision.h"
#include "domain/valid.h"

enum kerr
decision_code_next(int year, int last, char code[DECISION_CODE_SIZE],
    int *number)
{
	if (year < 1000 || year > 9999 || last < 0 ||
	    last >= DECISION_NUMBER_MAX)
		return KERR_INVALID;
	snprintf(code, DECISION_CODE_SIZE, "%04d-%04d", year, last + 1);
	*number = last + 1;
	return KERR_OK;
}

/* ---- the calendar ------------------------------------------------------------------------------------ */

enum kerr
decision_date(const char *iso, struct ymd *out)
{
	return valid_date(iso, &out->y, &out->m, &out->d);
}

char *
decision_date_iso(struct arena *a, struct ymd d)
{
	return arena_printf(a, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* d plus one year as IATI and MariaDB count it: 29 February gives 28 February. */
static struct ymd
plus_one_year(struct ymd d)
{
	struct ymd out = { d.y + 1, d.m, d.d };

	if (d.m == 2 && d.d == 29 && !calendar_leap(out.y))
		out.d = 28;
	return out;
}

struct ymd
decision_latest_end(struct ymd start, int n)
{
	return calendar_add_days(calendar_add_years(start, n), -1);
}

enum kerr
decision_plan(struct ymd start, struct ymd end, int n,
    struct decision_plan *plan)
{
	struct ymd cap;
	int k;

	if (n < 1 || n > MAX_YEARS || calendar_cmp(end, start) <= 0 ||
	    calendar_cmp(end, decision_latest_end(start, n)) > 0 ||
	    calendar_cmp(end, calendar_add_years(start, n - 1)) < 0)
		return KERR_INVALID;
	memset(plan, 0, sizeof(*plan));
	plan->years = n;
	for (k = 0; k < n; k++) {
		struct period *p = &plan->year[k];

		p->start = calendar_add_years(start, k);
		p->end = k + 1 < n ? decision_latest_end(start, k + 1) : end;
		/* IATI 7.5.3: never longer than a year, whatever the anniversaries did. */
		cap = plus_one_year(p->start);
		if (calendar_cmp(p->end, cap) > 0)
			p->end = cap;
		plan->progress_due[k] = calendar_month_end_after(p->end, 2);
	}
	plan->final_due = calendar_month_end_after(end, 3);
	return KERR_OK;
}

/* ---- the form's checks ------------------------------------------------------------------------------- */

/* A problem of the form: all of them are in its budget part. */
static void
budget_problem(struct rule_list *x, const char *field, const char *msgid,
    const char *const *pairs)
{
	rules_fail(x, SEC_BUDGET, field, msgid, pairs);
}

/* Reads date field id; a problem is reported and 0 returned. */
static int
read_date(struct rule_list *x, const char *id, const char *s, struct ymd *out,
    const char *missing, const char *malformed)
{
	if (rules_blank(s)) {
		budget_problem(x, id, missing, NULL);
		return 0;
	}
	if (decision_date(s, out) != KERR_OK) {
		budget_problem(x, id, malformed, NULL);
		return 0;
	}
	return 1;
}

static void
check_dates(struct rule_list *x, const struct decision_input *in)
{
	struct ymd start, end, first;
	int have_start, have_end;
	const char *years;

	have_start = read_date(x, "starts_on", in->starts_on, &start,
	    N_("Enter the first day of the project"),
	    N_("Enter the first day as a real date, such as 2017-07-01"));
	have_end = read_date(x, "ends_on", in->ends_on, &end,
	    N_("Enter the last day of the project"),
	    N_("Enter the last day as a real date, such as 2019-06-30"));
	if (!have_start || !have_end)
		return;
	if (calendar_cmp(end, start) <= 0) {
		budget_problem(x, "ends_on", N_("The last day must be after the first "
		    "day"), NULL);
		return;
	}
	/* Without a valid number of years, the years' own message says what to fix. */
	if (in->years < 1 || in->years > MAX_YEARS)
		return;
	years = fmt_number(x->a, in->years, x->l);
	if (calendar_cmp(end, decision_latest_end(start, in->years)) > 0)
		budget_problem(x, "ends_on", in->years == 1 ?
		    N_("A project year is at most a year: with 1 project year "
		    "the last day can be {date} at the latest") :
		    N_("A project year is at most a year: with {years} project "
		    "years the last day can be {date} at the latest"),
		    (const char *const []){ "years", years, "date",
		    decision_date_iso(x->a, decision_latest_end(start,
		    in->years)), NULL });
	else if (calendar_cmp(end, first = calendar_add_years(start,
	    in->years - 1)) < 0)
		budget_problem(x, "ends_on", N_("With {years} project years the last day "
		    "must be {date} or later, or year {years} has no days: "
		    "choose fewer years or a later last day"),
		    (const char *const []){ "years", years, "date",
		    decision_date_iso(x->a, first), NULL });
}

const char *const decision_reason_id[LANG__MAX] = { "reason_sv", "reason_en" };
const char *const decision_conditions_id[LANG__MAX] = { "conditions_sv", "conditions_en" };

/* A text each letter gives in its own language: required (reason), or in every language or none. */
static void
check_texts(struct rule_list *x, const char *const *text, const char *const *id,
    int required, const char *const *missing)
{
	int l, given = 0;

	for (l = 0; l < LANG__MAX; l++)
		given |= !rules_blank(text[l]);
	if (!required && !given)
		return;
	for (l = 0; l < LANG__MAX; l++)
		if (rules_blank(text[l]))
			budget_problem(x, id[l], missing[l], NULL);
}

size_t
decision_check(struct arena *a, enum lang l, const struct decision_input *in,
    int type, const struct round *r, const struct country *c,
    struct rule_error *out, size_t max)
{
	struct rule_list x = { a, l, out, out != NULL ? max : 0, 0 };
	struct application app;
	size_t n;

	switch (in->outcome) {
	case OUTCOME_NONE:
		budget_problem(&x, "outcome", N_("Choose whether to approve or reject the "
		    "application"), NULL);
		break;
	case OUTCOME_REJECT:
		check_texts(&x, in->reason, decision_reason_id, 1, (const char *const []){
		    N_("Enter the reason for rejecting the application in Swedish: the decision letter in Swedish gives it"),
		    N_("Enter the reason for rejecting the application in English: the decision letter in English gives it") });
		break;
	case OUTCOME_APPROVE:
		check_texts(&x, in->conditions, decision_conditions_id, 0, (const char *const []){
		    N_("Enter the conditions in Swedish as well: the decision letter in Swedish gives them"),
		    N_("Enter the conditions in English as well: the decision letter in English gives them") });
		check_dates(&x, in);
		memset(&app, 0, sizeof(app));
		app.type = type;
		app.years = in->years;
		memcpy(app.year_total, in->year_total, sizeof(app.year_total));
		memcpy(app.amount, in->amount, sizeof(app.amount));
		n = rules_check_amounts(a, l, &app, r, c,
		    x.n < x.max ? out + x.n : NULL,
		    x.n < x.max ? x.max - x.n : 0);
		x.n += n;
		break;
	}
	return x.n;
}

/* Only an application ICLD has been sent, and has not decided, can be decided. */
int
decision_pending(const char *status)
{
	return status != NULL && (strcmp(status, "submitted") == 0 ||
	    strcmp(status, "under_review") == 0);
}
