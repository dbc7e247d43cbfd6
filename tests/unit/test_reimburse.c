/* test_reimburse.c - unit tests for reimburse.c (variances, the 10 % rule, öre, reimbursements) and the reports' calendar. */
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/fmt.h"
#include "domain/application.h"
#include "domain/decision.h"
#include "domain/reimburse.h"
#include "unit.h"

#define NBSP	"\xc2\xa0"
#define MINUS	"\xe2\x88\x92"
#define N	REIMBURSE_NONE	/* a cost not given */

static struct arena *A;

/* ---- variances ------------------------------------------------------------------------------------------ */

static const char *
percent(long long budget, long long actual)
{
	return fmt_percent(A, reimburse_variance(budget, actual), budget, LANG_EN);
}

static void
test_reimburse_variance_kronor(void)
{
	CU_ASSERT_EQUAL(reimburse_variance(100000, 112500), 12500);
	CU_ASSERT_EQUAL(reimburse_variance(100000, 87500), -12500);
	CU_ASSERT_EQUAL(reimburse_variance(100000, 100000), 0);
	/* No budget line, or no cost given, counts as nothing. */
	CU_ASSERT_EQUAL(reimburse_variance(-1, 4000), 4000);
	CU_ASSERT_EQUAL(reimburse_variance(0, 4000), 4000);
	CU_ASSERT_EQUAL(reimburse_variance(5000, N), -5000);
}

static void
test_reimburse_variance_percent(void)
{
	CU_ASSERT_STRING_EQUAL(percent(100000, 112500), "12.5%");
	CU_ASSERT_STRING_EQUAL(percent(100000, 87500), MINUS "12.5%");
	/* One decimal, half away from zero, both ways. */
	CU_ASSERT_STRING_EQUAL(percent(30000, 33333), "11.1%");
	CU_ASSERT_STRING_EQUAL(percent(2000, 2001), "0.1%");
	CU_ASSERT_STRING_EQUAL(percent(20000, 20001), "0.0%");
	CU_ASSERT_STRING_EQUAL(percent(3, 2), MINUS "33.3%");
	CU_ASSERT_STRING_EQUAL(percent(8000, 7997), "0.0%");
	CU_ASSERT_STRING_EQUAL(percent(8000, 7996), MINUS "0.1%");
	/* Without a budget there is no percentage. */
	CU_ASSERT_STRING_EQUAL(percent(0, 4000), "–");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, reimburse_variance(100000, 112500), 100000, LANG_SV),
	    "12,5" NBSP "%");
}

static void
test_reimburse_explanation_at_the_boundary(void)
{
	/* Exactly 10 % either way needs none; a krona more does. */
	CU_ASSERT_FALSE(reimburse_needs_explanation(10000, 11000));
	CU_ASSERT_TRUE(reimburse_needs_explanation(10000, 11001));
	CU_ASSERT_FALSE(reimburse_needs_explanation(10000, 9000));
	CU_ASSERT_TRUE(reimburse_needs_explanation(10000, 8999));
	CU_ASSERT_FALSE(reimburse_needs_explanation(10000, 10000));
	/* Decided in kronor, not on the percentage shown: 10,00 % rounded, yet more than 10 %. */
	CU_ASSERT_STRING_EQUAL(percent(100000, 110004), "10.0%");
	CU_ASSERT_TRUE(reimburse_needs_explanation(100000, 110004));
	CU_ASSERT_STRING_EQUAL(percent(100000, 89996), MINUS "10.0%");
	CU_ASSERT_TRUE(reimburse_needs_explanation(100000, 89996));
	/* Not spending the budget at all is a variance of 100 %. */
	CU_ASSERT_TRUE(reimburse_needs_explanation(10000, 0));
	/* Small budgets: 3 kr is 33 % of 9 kr. */
	CU_ASSERT_TRUE(reimburse_needs_explanation(9, 12));
	CU_ASSERT_FALSE(reimburse_needs_explanation(10, 11));
}

static void
test_reimburse_explanation_without_budget(void)
{
	CU_ASSERT_FALSE(reimburse_needs_explanation(0, 0));
	CU_ASSERT_TRUE(reimburse_needs_explanation(0, 1));
	CU_ASSERT_TRUE(reimburse_needs_explanation(-1, 250));
	/* A cost not given yet needs nothing yet. */
	CU_ASSERT_FALSE(reimburse_needs_explanation(10000, N));
	CU_ASSERT_FALSE(reimburse_needs_explanation(0, N));
}

static void
test_reimburse_explanation_large_amounts(void)
{
	/* No overflow at the largest amounts valid_amount() reads. */
	CU_ASSERT_FALSE(reimburse_needs_explanation(900000000000LL, 990000000000LL));
	CU_ASSERT_TRUE(reimburse_needs_explanation(900000000000LL, 990000000001LL));
}

/* ---- costs typed with öre -------------------------------------------------------------------------------- */

/* The cost s reads as, or N when refused; *rounded as a side result. */
static long long
cost(const char *s, int *rounded)
{
	long long k = -1;
	int rd = -1;

	if (reimburse_parse_cost(s, &k, &rd) != KERR_OK)
		return N;
	if (rounded != NULL)
		*rounded = rd;
	return k;
}

static void
test_reimburse_cost_whole_kronor(void)
{
	int rd;

	CU_ASSERT_EQUAL(cost("12 345", &rd), 12345);
	CU_ASSERT_EQUAL(rd, 0);
	CU_ASSERT_EQUAL(cost("12345 kr", &rd), 12345);
	CU_ASSERT_EQUAL(cost("SEK 12,345", &rd), 12345);
	CU_ASSERT_EQUAL(cost("12" NBSP "345,00", &rd), 12345);
	CU_ASSERT_EQUAL(rd, 0);
	CU_ASSERT_EQUAL(cost("0", &rd), 0);
	/* A comma and three digits groups thousands, as fmt_amount() writes them in English. */
	CU_ASSERT_EQUAL(cost("450,000", &rd), 450000);
	CU_ASSERT_EQUAL(cost("1,505", &rd), 1505);
}

static void
test_reimburse_cost_ore_rounded(void)
{
	int rd = 0;

	/* Under 50 öre down, 50 öre or more up. */
	CU_ASSERT_EQUAL(cost("12 345,49", &rd), 12345);
	CU_ASSERT_EQUAL(rd, 1);
	CU_ASSERT_EQUAL(cost("12 345,50", &rd), 12346);
	CU_ASSERT_EQUAL(cost("12 345,5 kr", &rd), 12346);
	CU_ASSERT_EQUAL(cost("12345.4", &rd), 12345);
	CU_ASSERT_EQUAL(cost("12345.99", &rd), 12346);
	CU_ASSERT_EQUAL(cost("SEK 12,345.75", &rd), 12346);
	CU_ASSERT_EQUAL(cost("0,49", &rd), 0);
	CU_ASSERT_EQUAL(cost("0,50", &rd), 1);
	CU_ASSERT_EQUAL(cost("1,5", &rd), 2);
	CU_ASSERT_EQUAL(cost("99 999,50 kronor", &rd), 100000);
	CU_ASSERT_EQUAL(rd, 1);
}

static void
test_reimburse_cost_refused(void)
{
	long long k = 7;
	int rd = 7;

	CU_ASSERT_EQUAL(cost(NULL, NULL), N);
	CU_ASSERT_EQUAL(cost("", NULL), N);
	CU_ASSERT_EQUAL(cost("  ", NULL), N);
	CU_ASSERT_EQUAL(cost("12,345,5", NULL), N);	/* one mark both groups and decimals */
	CU_ASSERT_EQUAL(cost("12.3456", NULL), N);
	CU_ASSERT_EQUAL(cost("12,345.678", NULL), N);
	CU_ASSERT_EQUAL(cost("1 2,5", NULL), N);
	CU_ASSERT_EQUAL(cost("abc", NULL), N);
	CU_ASSERT_EQUAL(cost("12,5 euro", NULL), N);
	CU_ASSERT_EQUAL(cost("12,", NULL), N);
	CU_ASSERT_EQUAL(cost("1000000000000,50", NULL), N);	/* past VALID_AMOUNT_MAX when rounded up */
	/* Nothing is written on failure. */
	CU_ASSERT_EQUAL(reimburse_parse_cost("12,3x", &k, &rd), KERR_INVALID);
	CU_ASSERT_EQUAL(k, 7);
	CU_ASSERT_EQUAL(rd, 7);
}

/* ---- reimbursements ------------------------------------------------------------------------------------- */

static const long long BUDGET[CAT__MAX] = { 120000, 80000, 60000, 90000, 30000, 20000 };	/* 400 000 */

static void
test_reimburse_capped_per_category(void)
{
	/* Travel over its line by 15 000, translation under by 5 000: only what the lines allow counts. */
	long long actual[CAT__MAX] = { 135000, 80000, 60000, 90000, 25000, 20000 };
	struct reimbursement rb;

	reimburse_compute(BUDGET, actual, 400000, 0, &rb);
	CU_ASSERT_EQUAL(rb.eligible[CAT_TRAVEL], 120000);
	CU_ASSERT_EQUAL(rb.eligible[CAT_TRANSLATION], 25000);
	CU_ASSERT_EQUAL(rb.eligible_total, 395000);
	CU_ASSERT_EQUAL(rb.capped, 395000);
	CU_ASSERT_FALSE(rb.capped_by_year);
	CU_ASSERT_EQUAL(rb.due, 395000);
}

static void
test_reimburse_capped_by_the_year(void)
{
	/* The lines allow 400 000, but the year was approved for 380 000 (a decision's rounding). */
	long long actual[CAT__MAX] = { 120000, 80000, 60000, 90000, 30000, 20000 };
	struct reimbursement rb;

	reimburse_compute(BUDGET, actual, 380000, 0, &rb);
	CU_ASSERT_EQUAL(rb.eligible_total, 400000);
	CU_ASSERT_EQUAL(rb.capped, 380000);
	CU_ASSERT_TRUE(rb.capped_by_year);
	CU_ASSERT_EQUAL(rb.due, 380000);
}

static void
test_reimburse_less_paid_before(void)
{
	long long actual[CAT__MAX] = { 100000, 80000, 60000, 90000, 30000, 20000 };
	struct reimbursement rb;

	reimburse_compute(BUDGET, actual, 400000, 150000, &rb);
	CU_ASSERT_EQUAL(rb.capped, 380000);
	CU_ASSERT_EQUAL(rb.paid_before, 150000);
	CU_ASSERT_EQUAL(rb.due, 230000);
	/* Paid already as much as is eligible, or more: nothing is due, never less than nothing. */
	reimburse_compute(BUDGET, actual, 400000, 380000, &rb);
	CU_ASSERT_EQUAL(rb.due, 0);
	reimburse_compute(BUDGET, actual, 400000, 500000, &rb);
	CU_ASSERT_EQUAL(rb.due, 0);
}

static void
test_reimburse_missing_lines_and_costs(void)
{
	/* A category without a line is not reimbursed; a cost not given is nothing. */
	long long budget[CAT__MAX] = { 100000, -1, 50000, 0, -1, -1 };
	long long actual[CAT__MAX] = { 90000, 40000, N, 5000, N, 0 };
	struct reimbursement rb;
	int k;

	reimburse_compute(budget, actual, 150000, -1, &rb);
	CU_ASSERT_EQUAL(rb.eligible[CAT_TRAVEL], 90000);
	for (k = 1; k < CAT__MAX; k++)
		CU_ASSERT_EQUAL(rb.eligible[k], 0);
	CU_ASSERT_EQUAL(rb.eligible_total, 90000);
	CU_ASSERT_EQUAL(rb.paid_before, 0);
	CU_ASSERT_EQUAL(rb.due, 90000);
}

static void
test_reimburse_never_above_the_budget(void)
{
	/* Whatever the costs, the due amount stays within every line and the year. */
	long long actual[CAT__MAX];
	struct reimbursement rb;
	long long scale, sum;
	int k;

	for (scale = 0; scale <= 300; scale += 7) {
		for (k = 0; k < CAT__MAX; k++)
			actual[k] = BUDGET[k] * (scale + k * 13 % 40) / 100;
		reimburse_compute(BUDGET, actual, 400000, 0, &rb);
		for (sum = 0, k = 0; k < CAT__MAX; k++) {
			CU_ASSERT(rb.eligible[k] <= BUDGET[k]);
			CU_ASSERT(rb.eligible[k] <= actual[k]);
			sum += rb.eligible[k];
		}
		CU_ASSERT_EQUAL(sum, rb.eligible_total);
		CU_ASSERT(rb.due <= 400000);
		CU_ASSERT(rb.due >= 0);
	}
}

/* ---- refunds -------------------------------------------------------------------------------------------- */

static void
test_reimburse_refund_read(void)
{
	int rd = 7;

	/* A minus sign first, as typed or as kpp writes it (U+2212), the öre rounded in size. */
	CU_ASSERT_EQUAL(cost("-2 500", &rd), -2500);
	CU_ASSERT_EQUAL(rd, 0);
	CU_ASSERT_EQUAL(cost(MINUS "2" NBSP "500", NULL), -2500);
	CU_ASSERT_EQUAL(cost("-2 500 kr", NULL), -2500);
	CU_ASSERT_EQUAL(cost(" -2500", NULL), -2500);
	CU_ASSERT_EQUAL(cost("-12,50", &rd), -13);
	CU_ASSERT_EQUAL(rd, 1);
	CU_ASSERT_EQUAL(cost("-12,49", NULL), -12);
	CU_ASSERT_EQUAL(cost("-1", NULL), -1);
	CU_ASSERT_EQUAL(cost("-0", NULL), 0);
	/* A sign anywhere else, twice, or alone; too large either way. */
	CU_ASSERT_EQUAL(cost("--5", NULL), N);
	CU_ASSERT_EQUAL(cost("-" MINUS "5", NULL), N);
	CU_ASSERT_EQUAL(cost("5-", NULL), N);
	CU_ASSERT_EQUAL(cost("1 -5", NULL), N);
	CU_ASSERT_EQUAL(cost("-", NULL), N);
	CU_ASSERT_EQUAL(cost(MINUS, NULL), N);
	CU_ASSERT_EQUAL(cost("+5", NULL), N);
	CU_ASSERT_EQUAL(cost("-abc", NULL), N);
	CU_ASSERT_EQUAL(cost("-1000000000001", NULL), N);
	CU_ASSERT_EQUAL(cost("-1000000000000", NULL), -1000000000000LL);
}

static void
test_reimburse_refund_variance(void)
{
	/* A refund is a cost below nothing: its variance is all of the budget and more, to be explained. */
	CU_ASSERT_EQUAL(reimburse_variance(5000, -2000), -7000);
	CU_ASSERT_EQUAL(reimburse_variance(-1, -2000), -2000);
	CU_ASSERT_EQUAL(reimburse_variance(0, -1), -1);
	CU_ASSERT_TRUE(reimburse_needs_explanation(5000, -2000));
	CU_ASSERT_TRUE(reimburse_needs_explanation(0, -1));
	CU_ASSERT_TRUE(reimburse_needs_explanation(-1, -1));
	CU_ASSERT_STRING_EQUAL(percent(5000, -2000), MINUS "140.0%");
	/* No overflow at the largest refund read. */
	CU_ASSERT_TRUE(reimburse_needs_explanation(900000000000LL, -1000000000000LL));
}

static void
test_reimburse_refund_lowers_the_sum(void)
{
	/* Every line spent as budgeted but "other", where 5 000 more came back than was spent. */
	long long actual[CAT__MAX] = { 120000, 80000, 60000, 90000, 30000, -5000 };
	struct reimbursement rb;

	reimburse_compute(BUDGET, actual, 400000, 0, &rb);
	CU_ASSERT_EQUAL(rb.eligible[CAT_OTHER], -5000);
	CU_ASSERT_EQUAL(rb.eligible_total, 375000);
	CU_ASSERT_EQUAL(rb.capped, 375000);
	CU_ASSERT_EQUAL(rb.due, 375000);
	/* Spending over one line is not eligible; a refund on another still lowers the sum. */
	actual[CAT_TRAVEL] = 150000;
	actual[CAT_OTHER] = -20000;
	reimburse_compute(BUDGET, actual, 380000, 0, &rb);
	CU_ASSERT_EQUAL(rb.eligible[CAT_TRAVEL], 120000);
	CU_ASSERT_EQUAL(rb.eligible_total, 360000);
	CU_ASSERT_EQUAL(rb.capped, 360000);
	CU_ASSERT_FALSE(rb.capped_by_year);
	/* The year's ceiling applies after the refund, not before. */
	reimburse_compute(BUDGET, actual, 350000, 0, &rb);
	CU_ASSERT_EQUAL(rb.capped, 350000);
	CU_ASSERT_TRUE(rb.capped_by_year);
	CU_ASSERT_EQUAL(rb.due, 350000);
	/* Paid before: the refund lowers what is left. */
	reimburse_compute(BUDGET, actual, 400000, 355000, &rb);
	CU_ASSERT_EQUAL(rb.due, 5000);
}

static void
test_reimburse_refunds_outweigh_the_costs(void)
{
	/* More came back than was spent: nothing is due, and nothing is claimed back through a payment. */
	long long actual[CAT__MAX] = { N, N, N, N, N, -10000 };
	long long some[CAT__MAX] = { 3000, N, N, N, N, -10000 };
	struct reimbursement rb;

	reimburse_compute(BUDGET, actual, 400000, 0, &rb);
	CU_ASSERT_EQUAL(rb.eligible_total, -10000);
	CU_ASSERT_EQUAL(rb.capped, 0);
	CU_ASSERT_FALSE(rb.capped_by_year);
	CU_ASSERT_EQUAL(rb.due, 0);
	reimburse_compute(BUDGET, some, 400000, 0, &rb);
	CU_ASSERT_EQUAL(rb.eligible_total, -7000);
	CU_ASSERT_EQUAL(rb.due, 0);
	/* A refund in a category without a line counts all the same. */
	reimburse_compute((const long long [CAT__MAX]){ 10000, -1, -1, -1, -1, -1 },
	    (const long long [CAT__MAX]){ 10000, -4000, N, N, N, N }, 400000, 0, &rb);
	CU_ASSERT_EQUAL(rb.eligible[CAT_ACCOMMODATION], -4000);
	CU_ASSERT_EQUAL(rb.due, 6000);
}

static void
test_reimburse_refunds_never_above_the_budget(void)
{
	/* With refunds anywhere, the due amount stays within 0, every line's sum and the year. */
	long long actual[CAT__MAX];
	struct reimbursement rb;
	long long scale, pos;
	int k;

	for (scale = -150; scale <= 200; scale += 11) {
		for (pos = 0, k = 0; k < CAT__MAX; k++) {
			actual[k] = BUDGET[k] * (k % 2 == 0 ? scale : 100 - scale) / 100;
			pos += actual[k] > 0 ? (actual[k] < BUDGET[k] ? actual[k] : BUDGET[k]) : 0;
		}
		reimburse_compute(BUDGET, actual, 390000, 0, &rb);
		for (k = 0; k < CAT__MAX; k++)
			CU_ASSERT(rb.eligible[k] <= BUDGET[k] && rb.eligible[k] <= actual[k]);
		CU_ASSERT(rb.due >= 0);
		CU_ASSERT(rb.due <= 390000);
		CU_ASSERT(rb.due <= pos);
		CU_ASSERT(rb.due <= (rb.eligible_total > 0 ? rb.eligible_total : 0));
	}
}

/* ---- the reports' calendar ---------------------------------------------------------------------------- */

static const char *
iso(struct ymd d)
{
	return decision_date_iso(A, d);
}

static void
test_reimburse_due_dates_follow_the_project(void)
{
	struct decision_plan p;

	/* Three years from 1 July: each progress report two months after its year, the final three after the end. */
	CU_ASSERT_EQUAL(decision_plan((struct ymd){ 2016, 7, 1 }, (struct ymd){ 2019, 6, 30 }, 3, &p),
	    KERR_OK);
	CU_ASSERT_STRING_EQUAL(iso(p.progress_due[0]), "2017-08-31");
	CU_ASSERT_STRING_EQUAL(iso(p.progress_due[1]), "2018-08-31");
	CU_ASSERT_STRING_EQUAL(iso(p.progress_due[2]), "2019-08-31");
	CU_ASSERT_STRING_EQUAL(iso(p.final_due), "2019-09-30");
	/* The last year shortened: its report and the final one come earlier. */
	CU_ASSERT_EQUAL(decision_plan((struct ymd){ 2016, 7, 1 }, (struct ymd){ 2018, 12, 31 }, 3, &p),
	    KERR_OK);
	CU_ASSERT_STRING_EQUAL(iso(p.progress_due[2]), "2019-02-28");
	CU_ASSERT_STRING_EQUAL(iso(p.final_due), "2019-03-31");
	/* A year ending in December of a year before a leap year: its report falls due on 29 February. */
	CU_ASSERT_EQUAL(decision_plan((struct ymd){ 2019, 1, 1 }, (struct ymd){ 2019, 12, 31 }, 1, &p),
	    KERR_OK);
	CU_ASSERT_STRING_EQUAL(iso(p.progress_due[0]), "2020-02-29");
	CU_ASSERT_STRING_EQUAL(iso(p.final_due), "2020-03-31");
}

/* The UTC moment y-m-d h:mi. */
static long long
utc(int y, int m, int d, int h, int mi)
{
	return calendar_day(y, m, d) * 86400 + h * 3600 + mi * 60;
}

static void
test_reimburse_today_is_swedish(void)
{
	/* Winter: Stockholm is an hour ahead, so its day begins at 23:00 UTC. */
	CU_ASSERT_STRING_EQUAL(iso(calendar_swedish_date(utc(2016, 12, 31, 22, 59))), "2016-12-31");
	CU_ASSERT_STRING_EQUAL(iso(calendar_swedish_date(utc(2016, 12, 31, 23, 0))), "2017-01-01");
	/* Summer: two hours ahead; a report due 30 September is overdue from 22:00 UTC that day. */
	CU_ASSERT_STRING_EQUAL(iso(calendar_swedish_date(utc(2016, 9, 30, 21, 59))), "2016-09-30");
	CU_ASSERT_STRING_EQUAL(iso(calendar_swedish_date(utc(2016, 9, 30, 22, 0))), "2016-10-01");
	/* The changes: summer time from 01:00 UTC on the last Sunday of March, to 01:00 UTC on October's. */
	CU_ASSERT_EQUAL(calendar_swedish_offset(utc(2016, 3, 27, 0, 59)), 3600);
	CU_ASSERT_EQUAL(calendar_swedish_offset(utc(2016, 3, 27, 1, 0)), 7200);
	CU_ASSERT_EQUAL(calendar_swedish_offset(utc(2016, 10, 30, 0, 59)), 7200);
	CU_ASSERT_EQUAL(calendar_swedish_offset(utc(2016, 10, 30, 1, 0)), 3600);
	CU_ASSERT_STRING_EQUAL(iso(calendar_swedish_date(utc(2016, 3, 26, 23, 30))), "2016-03-27");
	/* Before 1970 the day still rounds down. */
	CU_ASSERT_EQUAL(calendar_day_of(-1), -1);
	CU_ASSERT_EQUAL(calendar_day_of(-86400), -1);
	CU_ASSERT_EQUAL(calendar_day_of(86399), 0);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_reimburse_variance_kronor", test_reimburse_variance_kronor },
		{ "test_reimburse_variance_percent", test_reimburse_variance_percent },
		{ "test_reimburse_explanation_at_the_boundary", test_reimburse_explanation_at_the_boundary },
		{ "test_reimburse_explanation_without_budget", test_reimburse_explanation_without_budget },
		{ "test_reimburse_explanation_large_amounts", test_reimburse_explanation_large_amounts },
		{ "test_reimburse_cost_whole_kronor", test_reimburse_cost_whole_kronor },
		{ "test_reimburse_cost_ore_rounded", test_reimburse_cost_ore_rounded },
		{ "test_reimburse_cost_refused", test_reimburse_cost_refused },
		{ "test_reimburse_capped_per_category", test_reimburse_capped_per_category },
		{ "test_reimburse_capped_by_the_year", test_reimburse_capped_by_the_year },
		{ "test_reimburse_less_paid_before", test_reimburse_less_paid_before },
		{ "test_reimburse_missing_lines_and_costs", test_reimburse_missing_lines_and_costs },
		{ "test_reimburse_never_above_the_budget", test_reimburse_never_above_the_budget },
		{ "test_reimburse_refund_read", test_reimburse_refund_read },
		{ "test_reimburse_refund_variance", test_reimburse_refund_variance },
		{ "test_reimburse_refund_lowers_the_sum", test_reimburse_refund_lowers_the_sum },
		{ "test_reimburse_refunds_outweigh_the_costs", test_reimburse_refunds_outweigh_the_costs },
		{ "test_reimburse_refunds_never_above_the_budget", test_reimburse_refunds_never_above_the_budget },
		{ "test_reimburse_due_dates_follow_the_project", test_reimburse_due_dates_follow_the_project },
		{ "test_reimburse_today_is_swedish", test_reimburse_today_is_swedish },
		{ NULL, NULL }
	};
	int rc;

	if ((A = arena_new(1 << 16)) == NULL)
		return 2;
	rc = unit_run("reimburse", tests);
	arena_free(A);
	return rc;
}
