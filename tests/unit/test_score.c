/* test_score.c - unit tests for score.c: averages, half-up rounding, spread and deviation of review scores. */
#include <string.h>

#include "domain/score.h"
#include "unit.h"

/* A complete review giving every criterion v. */
static struct score_review
all(int v)
{
	struct score_review r = { { v, v, v, v, v }, 1 };

	return r;
}

static void
test_score_no_review(void)
{
	struct score_summary s;
	int k;

	memset(&s, 0xff, sizeof(s));
	score_summarise(NULL, 0, &s);
	CU_ASSERT_EQUAL(s.ncomplete, 0);
	CU_ASSERT_EQUAL(s.overall.n, 0);
	for (k = 0; k < CRIT__MAX; k++) {
		CU_ASSERT_EQUAL(s.crit[k].n, 0);
		CU_ASSERT_EQUAL(s.crit[k].mean10, 0);
		CU_ASSERT_EQUAL(s.crit[k].sd10, 0);
	}
}

static void
test_score_no_completed_review(void)
{
	struct score_review r[2] = {
		{ { 5, 4, 0, 0, 0 }, 0 },
		{ { 1, 1, 1, 1, 1 }, 0 },	/* all five scored, but still a draft */
	};
	struct score_summary s;
	int k;

	score_summarise(r, 2, &s);
	CU_ASSERT_EQUAL(s.ncomplete, 0);
	CU_ASSERT_EQUAL(s.overall.n, 0);
	for (k = 0; k < CRIT__MAX; k++)
		CU_ASSERT_EQUAL(s.crit[k].n, 0);
}

static void
test_score_one_review(void)
{
	struct score_review r = { { 4, 3, 5, 2, 1 }, 1 };
	struct score_summary s;

	score_summarise(&r, 1, &s);
	CU_ASSERT_EQUAL(s.ncomplete, 1);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].n, 1);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].mean10, 40);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].lowest, 4);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].highest, 4);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].sd10, 0);
	CU_ASSERT_EQUAL(s.crit[CRIT_BUDGET].mean10, 10);
	/* (4 + 3 + 5 + 2 + 1) / 5 = 3 */
	CU_ASSERT_EQUAL(s.overall.n, 5);
	CU_ASSERT_EQUAL(s.overall.mean10, 30);
	CU_ASSERT_EQUAL(s.overall.lowest, 1);
	CU_ASSERT_EQUAL(s.overall.highest, 5);
}

static void
test_score_averages(void)
{
	struct score_review r[3] = {
		{ { 3, 5, 2, 4, 1 }, 1 },
		{ { 4, 5, 2, 2, 3 }, 1 },
		{ { 4, 4, 3, 5, 3 }, 1 },
	};
	struct score_summary s;

	score_summarise(r, 3, &s);
	CU_ASSERT_EQUAL(s.ncomplete, 3);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].mean10, 37);	/* 11/3 = 3.67 */
	CU_ASSERT_EQUAL(s.crit[CRIT_FEASIBILITY].mean10, 47);	/* 14/3 = 4.67 */
	CU_ASSERT_EQUAL(s.crit[CRIT_OWNERSHIP].mean10, 23);	/* 7/3 = 2.33 */
	CU_ASSERT_EQUAL(s.crit[CRIT_GENDER].mean10, 37);	/* 11/3 */
	CU_ASSERT_EQUAL(s.crit[CRIT_BUDGET].mean10, 23);	/* 7/3 */
	/* 50 / 15 = 3.33 */
	CU_ASSERT_EQUAL(s.overall.n, 15);
	CU_ASSERT_EQUAL(s.overall.mean10, 33);
}

static void
test_score_rounds_half_up(void)
{
	struct score_review r[4] = { all(3), all(3), all(3), all(4) };
	struct score_summary s;

	/* 13 / 4 = 3.25: half up is 3.3, where rounding half to even gives 3.2. */
	score_summarise(r, 4, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].mean10, 33);
	/* 7 / 4 = 1.75 -> 1.8; 3.5 exactly stays 3.5 */
	r[0] = all(1);
	r[1] = all(2);
	r[2] = all(2);
	r[3] = all(2);
	score_summarise(r, 4, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_GENDER].mean10, 18);
	score_summarise(r + 2, 2, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_GENDER].mean10, 20);
	r[2] = all(3);
	r[3] = all(4);
	score_summarise(r + 2, 2, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_GENDER].mean10, 35);
	/* 41 / 20 = 2.05, which a binary double holds as 2.04999...: half up is 2.1 all the same. */
	{
		struct score_review m[20];
		int i;

		for (i = 0; i < 20; i++)
			m[i] = all(i == 0 ? 3 : 2);
		score_summarise(m, 20, &s);
		CU_ASSERT_EQUAL(s.crit[CRIT_BUDGET].mean10, 21);
		CU_ASSERT_EQUAL(s.overall.mean10, 21);
	}
}

static void
test_score_spread_and_deviation(void)
{
	struct score_review r[3] = { all(1), all(5), all(3) };
	struct score_summary s;

	/* 1 and 5: mean 3, deviation 2 */
	score_summarise(r, 2, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].lowest, 1);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].highest, 5);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].mean10, 30);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].sd10, 20);
	/* 1, 5, 3: variance 8/3, deviation 1.633 */
	score_summarise(r, 3, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_OWNERSHIP].sd10, 16);
	/* 3 and 4: deviation 0.5 exactly */
	r[0] = all(3);
	r[1] = all(4);
	score_summarise(r, 2, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_FEASIBILITY].sd10, 5);
	CU_ASSERT_EQUAL(s.crit[CRIT_FEASIBILITY].lowest, 3);
	CU_ASSERT_EQUAL(s.crit[CRIT_FEASIBILITY].highest, 4);
	/* 2, 3, 4: variance 2/3, deviation 0.816 */
	r[0] = all(2);
	r[2] = all(4);
	r[1] = all(3);
	score_summarise(r, 3, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_GENDER].sd10, 8);
	/* all alike: no spread */
	r[0] = r[1] = r[2] = all(4);
	score_summarise(r, 3, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_BUDGET].sd10, 0);
	CU_ASSERT_EQUAL(s.crit[CRIT_BUDGET].lowest, 4);
	CU_ASSERT_EQUAL(s.crit[CRIT_BUDGET].highest, 4);
}

static void
test_score_deviation_rounds_half_up(void)
{
	struct score_review r[4] = { all(1), all(2), all(2), all(2) };
	struct score_summary s;

	/* 1, 2, 2, 2: variance 3/16, deviation 0.433 -> 0.4 */
	score_summarise(r, 4, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].sd10, 4);
	/* 1, 1, 2, 2 (population): deviation 0.5 -> 0.5; 1, 2, 3, 4: 1.118 -> 1.1 */
	r[1] = all(1);
	score_summarise(r, 4, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].sd10, 5);
	r[1] = all(2);
	r[2] = all(3);
	r[3] = all(4);
	score_summarise(r, 4, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].sd10, 11);
	/* 1, 3, 3, 3, 3, 3, 3, 3: variance 7/16, deviation 0.6614 -> 0.7 */
	{
		struct score_review m[8];
		int i;

		for (i = 0; i < 8; i++)
			m[i] = all(i == 0 ? 1 : 3);
		score_summarise(m, 8, &s);
		CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].sd10, 7);
	}
}

static void
test_score_incomplete_reviews_ignored(void)
{
	struct score_review r[3] = {
		{ { 2, 2, 2, 2, 2 }, 1 },
		{ { 5, 5, 0, 0, 0 }, 0 },	/* a draft: scored two criteria */
		{ { 4, 4, 4, 4, 4 }, 1 },
	};
	struct score_summary s;

	score_summarise(r, 3, &s);
	CU_ASSERT_EQUAL(s.ncomplete, 2);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].n, 2);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].mean10, 30);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].highest, 4);
	CU_ASSERT_EQUAL(s.crit[CRIT_OWNERSHIP].n, 2);
	CU_ASSERT_EQUAL(s.overall.n, 10);
	CU_ASSERT_EQUAL(s.overall.mean10, 30);
	CU_ASSERT_EQUAL(s.overall.sd10, 10);
}

static void
test_score_out_of_range_ignored(void)
{
	struct score_review r[2] = {
		{ { 0, 6, -1, 3, 3 }, 1 },
		{ { 4, 4, 4, 4, 4 }, 1 },
	};
	struct score_summary s;

	score_summarise(r, 2, &s);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].n, 1);
	CU_ASSERT_EQUAL(s.crit[CRIT_RELEVANCE].mean10, 40);
	CU_ASSERT_EQUAL(s.crit[CRIT_FEASIBILITY].n, 1);
	CU_ASSERT_EQUAL(s.crit[CRIT_GENDER].mean10, 35);
	CU_ASSERT_EQUAL(s.overall.n, 7);
}

static void
test_score_tenths_by_language(void)
{
	char b[24];

	CU_ASSERT_STRING_EQUAL(score_tenths(b, sizeof(b), 35, LANG_SV), "3,5");
	CU_ASSERT_STRING_EQUAL(score_tenths(b, sizeof(b), 35, LANG_EN), "3.5");
	CU_ASSERT_STRING_EQUAL(score_tenths(b, sizeof(b), 40, LANG_SV), "4,0");
	CU_ASSERT_STRING_EQUAL(score_tenths(b, sizeof(b), 5, LANG_EN), "0.5");
	CU_ASSERT_STRING_EQUAL(score_tenths(b, sizeof(b), 0, LANG_SV), "0,0");
	CU_ASSERT_STRING_EQUAL(score_tenths(b, sizeof(b), 50, LANG_EN), "5.0");
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_score_no_review", test_score_no_review },
		{ "test_score_no_completed_review", test_score_no_completed_review },
		{ "test_score_one_review", test_score_one_review },
		{ "test_score_averages", test_score_averages },
		{ "test_score_rounds_half_up", test_score_rounds_half_up },
		{ "test_score_spread_and_deviation", test_score_spread_and_deviation },
		{ "test_score_deviation_rounds_half_up", test_score_deviation_rounds_half_up },
		{ "test_score_incomplete_reviews_ignored", test_score_incomplete_reviews_ignored },
		{ "test_score_out_of_range_ignored", test_score_out_of_range_ignored },
		{ "test_score_tenths_by_language", test_score_tenths_by_language },
		{ NULL, NULL }
	};

	return unit_run("score", tests);
}
