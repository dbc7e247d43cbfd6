/* test_decision.c - unit tests for decision.c: project codes, project years by the calendar, reports due, the decision's checks. */
#include <string.h>

#include "core/arena.h"
#include "domain/decision.h"
#include "unit.h"

#define NBSP	"\xc2\xa0"
#define NERR	32

static struct arena *A;
static struct round R;
static struct decision_input IN;
static struct rule_error E[NERR];
static size_t N;

static const struct country KENYA = { "KE", "Kenya", "Kenya", REGION_AFRICA, 1, NULL };
static const struct country CHINA = { "CN", "Kina", "China", REGION_ASIA, 1, NULL };
static const struct country KOSOVO = { "XK", "Kosovo", "Kosovo", REGION_EUROPE, 1, NULL };
static const struct country COLOMBIA = { "CO", "Colombia", "Colombia", REGION_LATIN_AMERICA, 1, NULL };

/* ---- project codes --------------------------------------------------------------------------------------- */

static void
test_decision_code_first_of_a_year(void)
{
	char code[DECISION_CODE_SIZE];
	int n = -1;

	CU_ASSERT_EQUAL(decision_code_next(2017, 0, code, &n), KERR_OK);
	CU_ASSERT_STRING_EQUAL(code, "2017-0001");
	CU_ASSERT_EQUAL(n, 1);
}

static void
test_decision_code_follows_the_last(void)
{
	char code[DECISION_CODE_SIZE];
	int n;

	CU_ASSERT_EQUAL(decision_code_next(2016, 32, code, &n), KERR_OK);
	CU_ASSERT_STRING_EQUAL(code, "2016-0033");
	CU_ASSERT_EQUAL(n, 33);
	CU_ASSERT_EQUAL(decision_code_next(2016, 999, code, &n), KERR_OK);
	CU_ASSERT_STRING_EQUAL(code, "2016-1000");
	CU_ASSERT_EQUAL(decision_code_next(2016, 9998, code, &n), KERR_OK);
	CU_ASSERT_STRING_EQUAL(code, "2016-9999");
	CU_ASSERT_EQUAL(n, 9999);
}

static void
test_decision_code_exhausted(void)
{
	char code[DECISION_CODE_SIZE] = "unchanged";
	int n = 7;

	CU_ASSERT_EQUAL(decision_code_next(2016, 9999, code, &n), KERR_INVALID);
	CU_ASSERT_EQUAL(decision_code_next(2016, 10000, code, &n), KERR_INVALID);
	CU_ASSERT_STRING_EQUAL(code, "unchanged");
	CU_ASSERT_EQUAL(n, 7);
}

static void
test_decision_code_year_boundaries(void)
{
	char code[DECISION_CODE_SIZE];
	int n;

	/* Each year counts on its own: a full year does not stop the next from starting at 1. */
	CU_ASSERT_EQUAL(decision_code_next(2016, 9999, code, &n), KERR_INVALID);
	CU_ASSERT_EQUAL(decision_code_next(2017, 0, code, &n), KERR_OK);
	CU_ASSERT_STRING_EQUAL(code, "2017-0001");
	/* Four-digit years only, as the code's format (and its CHECK) says. */
	CU_ASSERT_EQUAL(decision_code_next(1000, 0, code, &n), KERR_OK);
	CU_ASSERT_STRING_EQUAL(code, "1000-0001");
	CU_ASSERT_EQUAL(decision_code_next(9999, 41, code, &n), KERR_OK);
	CU_ASSERT_STRING_EQUAL(code, "9999-0042");
	CU_ASSERT_EQUAL(decision_code_next(999, 0, code, &n), KERR_INVALID);
	CU_ASSERT_EQUAL(decision_code_next(10000, 0, code, &n), KERR_INVALID);
	CU_ASSERT_EQUAL(decision_code_next(2016, -1, code, &n), KERR_INVALID);
}

/* ---- the calendar ---------------------------------------------------------------------------------------- */

static struct ymd
D(int y, int m, int d)
{
	struct ymd v = { y, m, d };

	return v;
}

static const char *
iso(struct ymd d)
{
	return decision_date_iso(A, d);
}

/* Checks year k (1-based) of plan p. */
static void
year_is(const struct decision_plan *p, int k, const char *start, const char *end,
    const char *due)
{
	CU_ASSERT_STRING_EQUAL(iso(p->year[k - 1].start), start);
	CU_ASSERT_STRING_EQUAL(iso(p->year[k - 1].end), end);
	CU_ASSERT_STRING_EQUAL(iso(p->progress_due[k - 1]), due);
}

static void
test_decision_plan_whole_years(void)
{
	struct decision_plan p;

	CU_ASSERT_EQUAL_FATAL(decision_plan(D(2017, 7, 1), D(2020, 6, 30), 3, &p), KERR_OK);
	CU_ASSERT_EQUAL(p.years, 3);
	year_is(&p, 1, "2017-07-01", "2018-06-30", "2018-08-31");
	year_is(&p, 2, "2018-07-01", "2019-06-30", "2019-08-31");
	year_is(&p, 3, "2019-07-01", "2020-06-30", "2020-08-31");
	CU_ASSERT_STRING_EQUAL(iso(p.final_due), "2020-09-30");
}

static void
test_decision_plan_calendar_years(void)
{
	struct decision_plan p;

	/* Year ends on 31 December: the reports fall due in the next year, February's end in a leap year. */
	CU_ASSERT_EQUAL_FATAL(decision_plan(D(2018, 1, 1), D(2019, 12, 31), 2, &p), KERR_OK);
	year_is(&p, 1, "2018-01-01", "2018-12-31", "2019-02-28");
	year_is(&p, 2, "2019-01-01", "2019-12-31", "2020-02-29");
	CU_ASSERT_STRING_EQUAL(iso(p.final_due), "2020-03-31");
}

static void
test_decision_plan_shortened_last_year(void)
{
	struct decision_plan p;

	CU_ASSERT_EQUAL_FATAL(decision_plan(D(2017, 7, 1), D(2019, 3, 31), 2, &p), KERR_OK);
	year_is(&p, 1, "2017-07-01", "2018-06-30", "2018-08-31");
	year_is(&p, 2, "2018-07-01", "2019-03-31", "2019-05-31");
	CU_ASSERT_STRING_EQUAL(iso(p.final_due), "2019-06-30");
	/* The shortest last year is one day. */
	CU_ASSERT_EQUAL_FATAL(decision_plan(D(2017, 7, 1), D(2018, 7, 1), 2, &p), KERR_OK);
	year_is(&p, 2, "2018-07-01", "2018-07-01", "2018-09-30");
	/* A one-year project may be shorter than a year too. */
	CU_ASSERT_EQUAL_FATAL(decision_plan(D(2017, 9, 1), D(2017, 12, 31), 1, &p), KERR_OK);
	year_is(&p, 1, "2017-09-01", "2017-12-31", "2018-02-28");
	CU_ASSERT_STRING_EQUAL(iso(p.final_due), "2018-03-31");
}

static void
test_decision_plan_leap_day_start(void)
{
	struct decision_plan p;
	int k;

	/*
	 * From 29 February: year 1 ends on 28 February, which is exactly a year
	 * as IATI counts it (2016-02-29 + 1 year = 2017-02-28), and the next
	 * begins on 1 March, so no day is left out.
	 */
	CU_ASSERT_EQUAL_FATAL(decision_plan(D(2016, 2, 29), D(2019, 2, 28), 3, &p), KERR_OK);
	year_is(&p, 1, "2016-02-29", "2017-02-28", "2017-04-30");
	year_is(&p, 2, "2017-03-01", "2018-02-28", "2018-04-30");
	year_is(&p, 3, "2018-03-01", "2019-02-28", "2019-04-30");
	for (k = 0; k + 1 < p.years; k++)
		CU_ASSERT_STRING_EQUAL(iso(calendar_add_days(p.year[k].end, 1)),
		    iso(p.year[k + 1].start));
	CU_ASSERT_STRING_EQUAL(iso(decision_latest_end(D(2016, 2, 29), 1)), "2017-02-28");
	CU_ASSERT_EQUAL(decision_plan(D(2016, 2, 29), D(2017, 3, 1), 1, &p), KERR_INVALID);
	/* A year that spans a 29 February is a day longer, and still one year. */
	CU_ASSERT_EQUAL_FATAL(decision_plan(D(2015, 3, 1), D(2016, 2, 29), 1, &p), KERR_OK);
	year_is(&p, 1, "2015-03-01", "2016-02-29", "2016-04-30");
	CU_ASSERT_EQUAL(decision_plan(D(2015, 3, 1), D(2016, 3, 1), 1, &p), KERR_INVALID);
}

static void
test_decision_plan_every_year_at_most_a_year(void)
{
	struct decision_plan p;
	struct ymd s, e, cap;
	int day, n, k;

	/* Every start in 2015-2016 (two Februaries, one of them leap) and every length: IATI 7.5.3 holds. */
	for (day = 0; day < 731; day++) {
		s = calendar_add_days(D(2015, 1, 1), day);
		for (n = 1; n <= MAX_YEARS; n++) {
			e = decision_latest_end(s, n);
			CU_ASSERT_EQUAL_FATAL(decision_plan(s, e, n, &p), KERR_OK);
			for (k = 0; k < n; k++) {
				cap = p.year[k].start;
				cap.y++;
				if (cap.m == 2 && cap.d == 29)
					cap.d = 28;
				CU_ASSERT(calendar_cmp(p.year[k].end, cap) <= 0);
				CU_ASSERT(calendar_cmp(p.year[k].end, p.year[k].start) >= 0);
			}
			CU_ASSERT_EQUAL(calendar_cmp(p.year[n - 1].end, e), 0);
		}
	}
}

static void
test_decision_plan_refuses(void)
{
	struct decision_plan p;

	/* End on or before the start. */
	CU_ASSERT_EQUAL(decision_plan(D(2017, 7, 1), D(2017, 7, 1), 1, &p), KERR_INVALID);
	CU_ASSERT_EQUAL(decision_plan(D(2017, 7, 1), D(2017, 6, 30), 1, &p), KERR_INVALID);
	/* A day more than the years allow. */
	CU_ASSERT_EQUAL(decision_plan(D(2017, 7, 1), D(2019, 7, 1), 2, &p), KERR_INVALID);
	CU_ASSERT_EQUAL(decision_plan(D(2017, 7, 1), D(2019, 6, 30), 2, &p), KERR_OK);
	/* A last year without a day. */
	CU_ASSERT_EQUAL(decision_plan(D(2017, 7, 1), D(2018, 6, 30), 2, &p), KERR_INVALID);
	/* Years out of range. */
	CU_ASSERT_EQUAL(decision_plan(D(2017, 7, 1), D(2018, 6, 30), 0, &p), KERR_INVALID);
	CU_ASSERT_EQUAL(decision_plan(D(2017, 7, 1), D(2018, 6, 30), MAX_YEARS + 1, &p), KERR_INVALID);
}

/* ---- the checks ------------------------------------------------------------------------------------------ */

/* The round with the programme's defaults (h_round.c). */
static void
round_defaults(void)
{
	static const struct round_rule inception = {
		1, 1, 1, 0, { 275000, 275000, 220000, 275000 }
	};
	static const struct round_rule project = {
		1, 1, 3, 300000, { 500000, 500000, 500000, 500000 }
	};
	static const struct round_rule three_party = {
		1, 1, 3, 0, { 650000, 650000, 600000, 650000 }
	};

	memset(&R, 0, sizeof(R));
	R.id = 5;
	R.year = 2017;
	R.opens_on = "2016-09-01";
	R.closes_on = "2017-03-31";
	R.rules[PT_INCEPTION] = inception;
	R.rules[PT_PROJECT] = project;
	R.rules[PT_THREE_PARTY] = three_party;
}

/* Year y (1-based) approved with total, spread over three categories that add up. */
static void
set_year(int y, long long total)
{
	int k;

	IN.year_total[y - 1] = total;
	for (k = 0; k < CAT__MAX; k++)
		IN.amount[y - 1][k] = -1;
	IN.amount[y - 1][CAT_TRAVEL] = total / 2;
	IN.amount[y - 1][CAT_MEETINGS] = total / 4;
	IN.amount[y - 1][CAT_TRANSLATION] = total - total / 2 - total / 4;
}

/* An approval of a two-year project that breaks no rule. */
static void
approval(void)
{
	int y, k;

	arena_reset(A);
	round_defaults();
	memset(&IN, 0, sizeof(IN));
	memset(E, 0, sizeof(E));
	for (y = 0; y < MAX_YEARS; y++) {
		IN.year_total[y] = -1;
		for (k = 0; k < CAT__MAX; k++)
			IN.amount[y][k] = -1;
	}
	IN.outcome = OUTCOME_APPROVE;
	IN.starts_on = "2017-07-01";
	IN.ends_on = "2019-06-30";
	IN.years = 2;
	set_year(1, 450000);
	set_year(2, 400000);
}

static size_t
check(int type, const struct country *c, enum lang l)
{
	N = decision_check(A, l, &IN, type, &R, c, E, NERR);
	return N;
}

/* Whether one of the problems found is about field, with text containing part (NULL: any). */
static int
has(const char *field, const char *part)
{
	size_t i;

	for (i = 0; i < N && i < NERR; i++)
		if (strcmp(E[i].field, field) == 0 &&
		    (part == NULL || strstr(E[i].text, part) != NULL))
			return 1;
	return 0;
}

static void
test_decision_check_valid_approval_passes(void)
{
	approval();
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 0);
	/* A year left empty beyond those chosen does not count. */
	IN.year_total[2] = 999999999;
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 0);
}

static void
test_decision_check_outcome_required(void)
{
	approval();
	IN.outcome = OUTCOME_NONE;
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 1);
	CU_ASSERT(has("outcome", "approve or reject"));
}

static void
test_decision_check_reject_needs_reason(void)
{
	approval();
	IN.outcome = OUTCOME_REJECT;
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 2);
	CU_ASSERT(has("reason_sv", "reason for rejecting the application in Swedish"));
	CU_ASSERT(has("reason_en", "reason for rejecting the application in English"));
	IN.reason[LANG_SV] = " \n\t" NBSP;
	IN.reason[LANG_EN] = "The partner's ownership is not shown.";
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 1);
	CU_ASSERT(has("reason_sv", NULL));
	/* Each letter has its own language's reason: one alone is not enough. */
	IN.reason[LANG_SV] = "Partnerns ägarskap framgår inte.";
	IN.reason[LANG_EN] = NULL;
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_SV), 1);
	CU_ASSERT(has("reason_en", NULL));
	IN.reason[LANG_EN] = "The partner's ownership is not shown.";
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 0);
	/* A rejection approves no amounts: whatever the table holds is not judged. */
	IN.year_total[0] = 10000000;
	IN.years = 0;
	IN.ends_on = "not a date";
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 0);
}

/* An approval's conditions: none, or in both languages, so that neither letter lacks them. */
static void
test_decision_check_conditions_in_both_languages(void)
{
	approval();
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 0);
	IN.conditions[LANG_SV] = "En reviderad aktivitetsplan före första utbetalningen.";
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 1);
	CU_ASSERT(has("conditions_en", "conditions in English"));
	IN.conditions[LANG_EN] = "A revised activity plan before the first payment.";
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 0);
	IN.conditions[LANG_SV] = "  ";
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 1);
	CU_ASSERT(has("conditions_sv", "conditions in Swedish"));
}

static void
test_decision_check_ceiling_by_region_and_type(void)
{
	approval();
	/* A project: 500 000 wherever the partner is. */
	set_year(1, 500000);
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KOSOVO, LANG_EN), 0);
	set_year(1, 500001);
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KOSOVO, LANG_EN), 1);
	CU_ASSERT(has("amount-1", "between SEK" NBSP "300,000 and SEK" NBSP "500,000 for year 1"));
	/* A three-party project: 650 000 in Africa and Asia, 600 000 in Europe. */
	set_year(1, 650000);
	set_year(2, 600000);
	CU_ASSERT_EQUAL(check(PT_THREE_PARTY, &KENYA, LANG_EN), 0);
	CU_ASSERT_EQUAL(check(PT_THREE_PARTY, &CHINA, LANG_EN), 0);
	CU_ASSERT_EQUAL(check(PT_THREE_PARTY, &KOSOVO, LANG_EN), 1);
	CU_ASSERT(has("amount-1", "SEK" NBSP "600,000"));
	CU_ASSERT(!has("amount-2", NULL));
	/* Below a project's minimum. */
	set_year(2, 299999);
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 2);
	CU_ASSERT(has("amount-1", NULL));
	CU_ASSERT(has("amount-2", "300,000"));
	/* An inception: one year, 275 000 in Latin America, 220 000 in Europe; in Swedish. */
	approval();
	IN.years = 1;
	IN.ends_on = "2018-06-30";
	set_year(1, 275000);
	CU_ASSERT_EQUAL(check(PT_INCEPTION, &COLOMBIA, LANG_SV), 0);
	CU_ASSERT_EQUAL(check(PT_INCEPTION, &KOSOVO, LANG_SV), 1);
	CU_ASSERT(has("amount-1", "220" NBSP "000" NBSP "kr"));
}

static void
test_decision_check_years_out_of_range(void)
{
	approval();
	/* Without a number of years no year's amount or end is judged: the years' message says what to fix. */
	IN.years = 0;
	IN.ends_on = "2025-06-30";
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 1);
	CU_ASSERT(has("years", "how many years"));
	/* An inception lasts one year: two are refused, and both years are over its ceiling. */
	approval();
	CU_ASSERT_EQUAL(check(PT_INCEPTION, &KENYA, LANG_EN), 3);
	CU_ASSERT(has("years", "Choose 1 as the number of years"));
	CU_ASSERT(has("amount-1", "SEK" NBSP "275,000"));
	CU_ASSERT(has("amount-2", "SEK" NBSP "275,000"));
	/* A round that allows at most two. */
	approval();
	R.rules[PT_PROJECT].max_years = 2;
	IN.years = 3;
	IN.ends_on = "2020-06-30";
	set_year(3, 400000);
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 1);
	CU_ASSERT(has("years", "between 1 and 2"));
}

static void
test_decision_check_categories_add_up(void)
{
	approval();
	IN.amount[1][CAT_TRAVEL] += 1;
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 1);
	/* The amount is the one approved, not applied for: the message says what it means. */
	CU_ASSERT(has("amount-2", "add up to SEK" NBSP "400,001, not the SEK" NBSP "400,000 "
	    "approved for the year: correct the costs or the amount approved"));
	CU_ASSERT(!has("amount-2", "applied for"));
	/* An empty category is nothing, and an empty year's amount is asked for. */
	approval();
	IN.amount[0][CAT_TRANSLATION] = -1;
	IN.year_total[1] = -1;
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 2);
	CU_ASSERT(has("amount-1", "add up to SEK" NBSP "337,500"));
	CU_ASSERT(has("amount-2", "Enter the amount for year 2"));
}

static void
test_decision_check_dates(void)
{
	approval();
	IN.starts_on = "";
	IN.ends_on = "2019-02-30";
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 2);
	CU_ASSERT(has("starts_on", "first day of the project"));
	CU_ASSERT(has("ends_on", "real date"));
	/* The last day after the first. */
	approval();
	IN.ends_on = "2017-07-01";
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 1);
	CU_ASSERT(has("ends_on", "after the first day"));
	/* Two project years end on 2019-06-30 at the latest: each is at most a year. */
	approval();
	IN.ends_on = "2019-07-01";
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 1);
	CU_ASSERT(has("ends_on", "with 2 project years the last day can be 2019-06-30 at the latest"));
	/* ... and their second year needs a day. */
	approval();
	IN.ends_on = "2018-06-30";
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 1);
	CU_ASSERT(has("ends_on", "must be 2018-07-01 or later"));
	/* A shortened last year is fine. */
	approval();
	IN.ends_on = "2018-12-31";
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 0);
}

static void
test_decision_check_reports_all_in_form_order(void)
{
	approval();
	IN.ends_on = "2017-01-01";
	set_year(1, 800000);
	IN.amount[1][CAT_OTHER] = 5;
	CU_ASSERT_EQUAL(check(PT_PROJECT, &KENYA, LANG_EN), 3);
	CU_ASSERT_STRING_EQUAL(E[0].field, "ends_on");
	CU_ASSERT_STRING_EQUAL(E[1].field, "amount-1");
	CU_ASSERT_STRING_EQUAL(E[2].field, "amount-2");
	/* Counted beyond the room to store them. */
	CU_ASSERT_EQUAL(decision_check(A, LANG_EN, &IN, PT_PROJECT, &R, &KENYA, E, 1), 3);
	CU_ASSERT_EQUAL(decision_check(A, LANG_EN, &IN, PT_PROJECT, &R, &KENYA, NULL, 0), 3);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_decision_code_first_of_a_year", test_decision_code_first_of_a_year },
		{ "test_decision_code_follows_the_last", test_decision_code_follows_the_last },
		{ "test_decision_code_exhausted", test_decision_code_exhausted },
		{ "test_decision_code_year_boundaries", test_decision_code_year_boundaries },
		{ "test_decision_plan_whole_years", test_decision_plan_whole_years },
		{ "test_decision_plan_calendar_years", test_decision_plan_calendar_years },
		{ "test_decision_plan_shortened_last_year", test_decision_plan_shortened_last_year },
		{ "test_decision_plan_leap_day_start", test_decision_plan_leap_day_start },
		{ "test_decision_plan_every_year_at_most_a_year", test_decision_plan_every_year_at_most_a_year },
		{ "test_decision_plan_refuses", test_decision_plan_refuses },
		{ "test_decision_check_valid_approval_passes", test_decision_check_valid_approval_passes },
		{ "test_decision_check_outcome_required", test_decision_check_outcome_required },
		{ "test_decision_check_reject_needs_reason", test_decision_check_reject_needs_reason },
		{ "test_decision_check_conditions_in_both_languages", test_decision_check_conditions_in_both_languages },
		{ "test_decision_check_ceiling_by_region_and_type", test_decision_check_ceiling_by_region_and_type },
		{ "test_decision_check_years_out_of_range", test_decision_check_years_out_of_range },
		{ "test_decision_check_categories_add_up", test_decision_check_categories_add_up },
		{ "test_decision_check_dates", test_decision_check_dates },
		{ "test_decision_check_reports_all_in_form_order", test_decision_check_reports_all_in_form_order },
		{ NULL, NULL }
	};
	int rc;

	if ((A = arena_new(1 << 16)) == NULL)
		return 2;
	rc = unit_run("decision", tests);
	arena_free(A);
	return rc;
}
