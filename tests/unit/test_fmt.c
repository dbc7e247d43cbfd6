/* test_fmt.c - unit tests for fmt.c: grouped numbers, amounts, dates and percentages in Swedish and English. */
#include <limits.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "domain/valid.h"
#include "http/form.h"
#include "unit.h"

#define NBSP	"\xc2\xa0"
#define MINUS	"\xe2\x88\x92"

static struct arena *A;

static void
test_fmt_number_grouping(void)
{
	CU_ASSERT_STRING_EQUAL(fmt_number(A, 0, LANG_SV), "0");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, 7, LANG_SV), "7");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, 999, LANG_SV), "999");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, 1000, LANG_SV), "1" NBSP "000");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, 45000, LANG_SV), "45" NBSP "000");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, 450000, LANG_SV), "450" NBSP "000");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, 1500000, LANG_SV),
	    "1" NBSP "500" NBSP "000");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, 999, LANG_EN), "999");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, 1000, LANG_EN), "1,000");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, 1500000, LANG_EN), "1,500,000");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, 123456789, LANG_EN), "123,456,789");
}

static void
test_fmt_number_negative_and_extremes(void)
{
	CU_ASSERT_STRING_EQUAL(fmt_number(A, -1, LANG_SV), MINUS "1");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, -1500, LANG_SV), MINUS "1" NBSP "500");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, -1500, LANG_EN), MINUS "1,500");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, LLONG_MAX, LANG_EN),
	    "9,223,372,036,854,775,807");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, LLONG_MIN, LANG_EN),
	    MINUS "9,223,372,036,854,775,808");
	CU_ASSERT_STRING_EQUAL(fmt_number(A, LLONG_MIN, LANG_SV),
	    MINUS "9" NBSP "223" NBSP "372" NBSP "036" NBSP "854" NBSP "775" NBSP "808");
}

static void
test_fmt_amount_swedish(void)
{
	CU_ASSERT_STRING_EQUAL(fmt_amount(A, 1500000, LANG_SV),
	    "1" NBSP "500" NBSP "000" NBSP "kr");
	CU_ASSERT_STRING_EQUAL(fmt_amount(A, 450000, LANG_SV),
	    "450" NBSP "000" NBSP "kr");
	CU_ASSERT_STRING_EQUAL(fmt_amount(A, 0, LANG_SV), "0" NBSP "kr");
	CU_ASSERT_STRING_EQUAL(fmt_amount(A, 12, LANG_SV), "12" NBSP "kr");
	CU_ASSERT_STRING_EQUAL(fmt_amount(A, -1500, LANG_SV),
	    MINUS "1" NBSP "500" NBSP "kr");
}

static void
test_fmt_amount_english(void)
{
	CU_ASSERT_STRING_EQUAL(fmt_amount(A, 1500000, LANG_EN), "SEK" NBSP "1,500,000");
	CU_ASSERT_STRING_EQUAL(fmt_amount(A, 450000, LANG_EN), "SEK" NBSP "450,000");
	CU_ASSERT_STRING_EQUAL(fmt_amount(A, 0, LANG_EN), "SEK" NBSP "0");
	CU_ASSERT_STRING_EQUAL(fmt_amount(A, -1500, LANG_EN), MINUS "SEK" NBSP "1,500");
	CU_ASSERT_STRING_EQUAL(fmt_amount(A, LLONG_MIN, LANG_EN),
	    MINUS "SEK" NBSP "9,223,372,036,854,775,808");
}

static void
test_fmt_amount_reads_back(void)
{
	static const long long values[] = {
		0, 1, 999, 1000, 45000, 300000, 450000, 500000, 650000, 1500000,
		999999999999LL, VALID_AMOUNT_MAX
	};
	size_t i;
	long long v;
	enum lang l;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		for (l = LANG_SV; l < LANG__MAX; l++) {
			v = -1;
			CU_ASSERT_EQUAL(valid_amount(fmt_amount(A, values[i], l), &v),
			    KERR_OK);
			CU_ASSERT_EQUAL(v, values[i]);
			CU_ASSERT_EQUAL(valid_amount(fmt_number(A, values[i], l), &v),
			    KERR_OK);
			CU_ASSERT_EQUAL(v, values[i]);
		}
}

static void
test_fmt_date_iso(void)
{
	CU_ASSERT_STRING_EQUAL(fmt_date(A, 2016, 5, 31, LANG_SV), "2016-05-31");
	CU_ASSERT_STRING_EQUAL(fmt_date(A, 2016, 5, 31, LANG_EN), "2016-05-31");
	CU_ASSERT_STRING_EQUAL(fmt_date(A, 1990, 1, 1, LANG_EN), "1990-01-01");
}

static void
test_fmt_date_reads_back(void)
{
	int y, m, d;

	CU_ASSERT_EQUAL(valid_date(fmt_date(A, 2016, 2, 29, LANG_SV), &y, &m, &d),
	    KERR_OK);
	CU_ASSERT(y == 2016 && m == 2 && d == 29);
}

static void
test_fmt_date_long(void)
{
	CU_ASSERT_STRING_EQUAL(fmt_date_long(A, 2016, 5, 31, LANG_SV),
	    "31" NBSP "maj" NBSP "2016");
	CU_ASSERT_STRING_EQUAL(fmt_date_long(A, 2016, 5, 31, LANG_EN),
	    "31" NBSP "May" NBSP "2016");
	CU_ASSERT_STRING_EQUAL(fmt_date_long(A, 2017, 1, 1, LANG_SV),
	    "1" NBSP "januari" NBSP "2017");
	CU_ASSERT_STRING_EQUAL(fmt_date_long(A, 2016, 12, 9, LANG_EN),
	    "9" NBSP "December" NBSP "2016");
	CU_ASSERT_STRING_EQUAL(fmt_date_long(A, 2016, 3, 15, LANG_SV),
	    "15" NBSP "mars" NBSP "2016");
	CU_ASSERT_STRING_EQUAL(fmt_date_long(A, 2016, 8, 15, LANG_SV),
	    "15" NBSP "augusti" NBSP "2016");
}

static void
test_fmt_date_long_bad_month(void)
{
	CU_ASSERT_STRING_EQUAL(fmt_date_long(A, 2016, 0, 1, LANG_SV), "2016-00-01");
	CU_ASSERT_STRING_EQUAL(fmt_date_long(A, 2016, 13, 1, LANG_EN), "2016-13-01");
}

static void
test_fmt_percent(void)
{
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 1, 8, LANG_SV), "12,5" NBSP "%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 1, 8, LANG_EN), "12.5%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 0, 5, LANG_SV), "0,0" NBSP "%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 5, 5, LANG_EN), "100.0%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 1, 3, LANG_EN), "33.3%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 2, 3, LANG_EN), "66.7%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 32, 102, LANG_SV), "31,4" NBSP "%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 1, 1000, LANG_EN), "0.1%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 1, 3000, LANG_EN), "0.0%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 3, 2, LANG_EN), "150.0%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 25, 1, LANG_SV),
	    "2" NBSP "500,0" NBSP "%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 25, 1, LANG_EN), "2,500.0%");
}

static void
test_fmt_percent_rounds_half_away_from_zero(void)
{
	/* 1/16 is 6.25 % exactly, 1/2000 is 0.05 %, 1/1600 is 0.0625 %. */
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 1, 16, LANG_EN), "6.3%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, -1, 16, LANG_EN), MINUS "6.3%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 1, 2000, LANG_EN), "0.1%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 1, 1600, LANG_EN), "0.1%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 1, 2001, LANG_EN), "0.0%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 999, 1000, LANG_EN), "99.9%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 9999, 10000, LANG_EN), "100.0%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 99999, 100000, LANG_SV),
	    "100,0" NBSP "%");
}

static void
test_fmt_percent_signs(void)
{
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, -1, 8, LANG_SV), MINUS "12,5" NBSP "%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 1, -8, LANG_EN), MINUS "12.5%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, -1, -8, LANG_EN), "12.5%");
	/* Too small to show: no "−0.0%". */
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, -1, 100000, LANG_EN), "0.0%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 0, -3, LANG_EN), "0.0%");
}

static void
test_fmt_percent_zero_denominator(void)
{
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 5, 0, LANG_SV), "\xe2\x80\x93");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 0, 0, LANG_EN), "\xe2\x80\x93");
}

static void
test_fmt_percent_extremes_exact(void)
{
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, LLONG_MAX, LLONG_MAX, LANG_EN), "100.0%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, LLONG_MIN, LLONG_MIN, LANG_EN), "100.0%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, LLONG_MIN, LLONG_MAX, LANG_EN),
	    MINUS "100.0%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 1, LLONG_MAX, LANG_EN), "0.0%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, LLONG_MAX / 2, LLONG_MAX, LANG_EN),
	    "50.0%");
	/* 47.15 % less 2^-63 or so: a long double computes 47.15 and rounds up. */
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 4348819915377026793LL, LLONG_MAX,
	    LANG_EN), "47.1%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, LLONG_MAX, 1, LANG_EN),
	    "922,337,203,685,477,580,700.0%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, LLONG_MIN, 1, LANG_EN),
	    MINUS "922,337,203,685,477,580,800.0%");
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, LLONG_MAX, 3, LANG_EN),
	    "307,445,734,561,825,860,233.3%");
	/* Per mille exactly at half, with operands whose product overflows. */
	CU_ASSERT_STRING_EQUAL(fmt_percent(A, 1LL << 58, 1LL << 62, LANG_EN), "6.3%");
}

static void
test_fmt_output_is_utf8(void)
{
	const char *s[] = {
		fmt_amount(A, -1234567, LANG_SV), fmt_amount(A, -1234567, LANG_EN),
		fmt_date_long(A, 2016, 5, 31, LANG_SV), fmt_percent(A, -1, 3, LANG_SV),
		fmt_percent(A, 1, 0, LANG_SV)
	};
	size_t i;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		CU_ASSERT(utf8_valid(s[i], strlen(s[i])));
}

static void
test_fmt_time_winter_and_summer(void)
{
	/* Winter: UTC+1; summer: UTC+2; the demo's moments carry microseconds. */
	CU_ASSERT_STRING_EQUAL(fmt_time(A, "2016-01-15 10:30:00"),
	    "2016-01-15 11:30");
	CU_ASSERT_STRING_EQUAL(fmt_time(A, "2016-05-24 14:00:00.000000"),
	    "2016-05-24 16:00");
	/* Across midnight and the year. */
	CU_ASSERT_STRING_EQUAL(fmt_time(A, "2016-12-31 23:15:59"),
	    "2017-01-01 00:15");
	CU_ASSERT_STRING_EQUAL(fmt_time(A, "2016-02-28 23:30:00"),
	    "2016-02-29 00:30");
}

static void
test_fmt_time_at_the_changes(void)
{
	/* 2016: summer time from 27 March 01:00 UTC to 30 October 01:00 UTC. */
	CU_ASSERT_STRING_EQUAL(fmt_time(A, "2016-03-27 00:59:59"),
	    "2016-03-27 01:59");
	CU_ASSERT_STRING_EQUAL(fmt_time(A, "2016-03-27 01:00:00"),
	    "2016-03-27 03:00");
	CU_ASSERT_STRING_EQUAL(fmt_time(A, "2016-10-30 00:59:00"),
	    "2016-10-30 02:59");
	CU_ASSERT_STRING_EQUAL(fmt_time(A, "2016-10-30 01:00:00"),
	    "2016-10-30 02:00");
	/* 2021: the last Sunday of March is the 28th, of October the 31st. */
	CU_ASSERT_STRING_EQUAL(fmt_time(A, "2021-03-27 12:00:00"),
	    "2021-03-27 13:00");
	CU_ASSERT_STRING_EQUAL(fmt_time(A, "2021-03-28 12:00:00"),
	    "2021-03-28 14:00");
	CU_ASSERT_STRING_EQUAL(fmt_time(A, "2021-10-31 12:00:00"),
	    "2021-10-31 13:00");
}

static void
test_fmt_time_malformed(void)
{
	static const char *bad[] = {
		"", "2016-01-15", "2016-01-15 10:30", "2016-01-15T10:30:00",
		"2016-13-15 10:30:00", "2016-01-15 24:00:00", "2016-01-15 10:30:00.",
		"2016-01-15 10:30:00Z", "x016-01-15 10:30:00",
	};
	size_t i;

	CU_ASSERT_PTR_NULL(fmt_time(A, NULL));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CU_ASSERT_PTR_NULL(fmt_time(A, bad[i]));
}

/* A count of days in words: left from 0 up, overdue below 0, one day singular (English: no catalogue needed). */
static void
test_fmt_days(void)
{
	CU_ASSERT_STRING_EQUAL(fmt_days(A, 0, LANG_EN), "0 days left");
	CU_ASSERT_STRING_EQUAL(fmt_days(A, 1, LANG_EN), "1 day left");
	CU_ASSERT_STRING_EQUAL(fmt_days(A, 30, LANG_EN), "30 days left");
	CU_ASSERT_STRING_EQUAL(fmt_days(A, -1, LANG_EN), "1 day overdue");
	CU_ASSERT_STRING_EQUAL(fmt_days(A, -12, LANG_EN), "12 days overdue");
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_fmt_number_grouping", test_fmt_number_grouping },
		{ "test_fmt_number_negative_and_extremes", test_fmt_number_negative_and_extremes },
		{ "test_fmt_amount_swedish", test_fmt_amount_swedish },
		{ "test_fmt_amount_english", test_fmt_amount_english },
		{ "test_fmt_amount_reads_back", test_fmt_amount_reads_back },
		{ "test_fmt_date_iso", test_fmt_date_iso },
		{ "test_fmt_date_reads_back", test_fmt_date_reads_back },
		{ "test_fmt_date_long", test_fmt_date_long },
		{ "test_fmt_date_long_bad_month", test_fmt_date_long_bad_month },
		{ "test_fmt_percent", test_fmt_percent },
		{ "test_fmt_percent_rounds_half_away_from_zero", test_fmt_percent_rounds_half_away_from_zero },
		{ "test_fmt_percent_signs", test_fmt_percent_signs },
		{ "test_fmt_percent_zero_denominator", test_fmt_percent_zero_denominator },
		{ "test_fmt_percent_extremes_exact", test_fmt_percent_extremes_exact },
		{ "test_fmt_output_is_utf8", test_fmt_output_is_utf8 },
		{ "test_fmt_time_winter_and_summer", test_fmt_time_winter_and_summer },
		{ "test_fmt_time_at_the_changes", test_fmt_time_at_the_changes },
		{ "test_fmt_time_malformed", test_fmt_time_malformed },
		{ "test_fmt_days", test_fmt_days },
		{ NULL, NULL }
	};
	int rc;

	if ((A = arena_new(4096)) == NULL)
		return 2;
	rc = unit_run("fmt", tests);
	arena_free(A);
	return rc;
}
