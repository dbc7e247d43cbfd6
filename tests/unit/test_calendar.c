/* test_calendar.c - unit tests for calendar.c: day numbers both ways, leap years, moving a date by days, years and months. */
#include <stdio.h>

#include "calendar.h"
#include "unit.h"

#define D(y, m, d)	((struct ymd){ (y), (m), (d) })

/* d as "YYYY-MM-DD" in one of a few buffers, so that an assertion can hold two. */
static const char *
iso(struct ymd d)
{
	static char buf[4][16];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%04d-%02d-%02d", d.y, d.m, d.d);
	return buf[k];
}

static void
test_calendar_day_numbers(void)
{
	CU_ASSERT_EQUAL(calendar_day(1970, 1, 1), 0);
	CU_ASSERT_EQUAL(calendar_day(1969, 12, 31), -1);
	CU_ASSERT_EQUAL(calendar_day(2000, 3, 1), 11017);
	CU_ASSERT_EQUAL(calendar_day(2016, 9, 30), 17074);
	CU_ASSERT_STRING_EQUAL(iso(calendar_date(0)), "1970-01-01");
	CU_ASSERT_STRING_EQUAL(iso(calendar_date(-1)), "1969-12-31");
	CU_ASSERT_STRING_EQUAL(iso(calendar_date(17074)), "2016-09-30");
	/* A day past the month's end is a day of the next month. */
	CU_ASSERT_EQUAL(calendar_day(2017, 2, 29), calendar_day(2017, 3, 1));
	CU_ASSERT_EQUAL(calendar_day(2016, 12, 32), calendar_day(2017, 1, 1));
}

static void
test_calendar_day_numbers_round_trip(void)
{
	long long z;
	struct ymd d;
	int ok = 1;

	/* 1800 to 2200: every day comes back as itself, one after the other. */
	for (z = calendar_day(1800, 1, 1); z <= calendar_day(2200, 12, 31); z++) {
		d = calendar_date(z);
		ok &= calendar_day(d.y, d.m, d.d) == z;
		ok &= d.d >= 1 && d.d <= 31 && d.m >= 1 && d.m <= 12;
		ok &= calendar_cmp(calendar_add_days(d, 1), d) > 0;
	}
	CU_ASSERT(ok);
}

static void
test_calendar_leap(void)
{
	CU_ASSERT(calendar_leap(2016));
	CU_ASSERT(calendar_leap(2000));
	CU_ASSERT_FALSE(calendar_leap(2017));
	CU_ASSERT_FALSE(calendar_leap(2100));
	CU_ASSERT_FALSE(calendar_leap(1900));
}

static void
test_calendar_add_years_and_days(void)
{
	CU_ASSERT_STRING_EQUAL(iso(calendar_add_years(D(2017, 7, 1), 2)), "2019-07-01");
	CU_ASSERT_STRING_EQUAL(iso(calendar_add_years(D(2016, 2, 29), 1)), "2017-03-01");
	CU_ASSERT_STRING_EQUAL(iso(calendar_add_years(D(2016, 2, 29), 4)), "2020-02-29");
	CU_ASSERT_STRING_EQUAL(iso(calendar_add_days(D(2016, 3, 1), -1)), "2016-02-29");
	CU_ASSERT_STRING_EQUAL(iso(calendar_add_days(D(2017, 3, 1), -1)), "2017-02-28");
	CU_ASSERT_STRING_EQUAL(iso(calendar_add_days(D(2016, 12, 31), 1)), "2017-01-01");
	CU_ASSERT_STRING_EQUAL(iso(calendar_add_days(D(2000, 2, 28), 1)), "2000-02-29");
	CU_ASSERT_STRING_EQUAL(iso(calendar_add_days(D(2100, 2, 28), 1)), "2100-03-01");
	CU_ASSERT(calendar_cmp(D(2016, 12, 31), D(2017, 1, 1)) < 0);
	CU_ASSERT(calendar_cmp(D(2017, 1, 1), D(2016, 12, 31)) > 0);
	CU_ASSERT_EQUAL(calendar_cmp(D(2017, 1, 1), D(2017, 1, 1)), 0);
}

static void
test_calendar_month_end_after(void)
{
	CU_ASSERT_STRING_EQUAL(iso(calendar_month_end_after(D(2017, 6, 30), 2)), "2017-08-31");
	CU_ASSERT_STRING_EQUAL(iso(calendar_month_end_after(D(2017, 12, 31), 2)), "2018-02-28");
	CU_ASSERT_STRING_EQUAL(iso(calendar_month_end_after(D(2019, 12, 31), 2)), "2020-02-29");
	CU_ASSERT_STRING_EQUAL(iso(calendar_month_end_after(D(2017, 10, 15), 3)), "2018-01-31");
	CU_ASSERT_STRING_EQUAL(iso(calendar_month_end_after(D(2017, 11, 30), 1)), "2017-12-31");
	CU_ASSERT_STRING_EQUAL(iso(calendar_month_end_after(D(2017, 9, 30), 3)), "2017-12-31");
	/* The month itself: the last days of February, and of December. */
	CU_ASSERT_STRING_EQUAL(iso(calendar_month_end_after(D(2016, 2, 1), 0)), "2016-02-29");
	CU_ASSERT_STRING_EQUAL(iso(calendar_month_end_after(D(2017, 2, 1), 0)), "2017-02-28");
	CU_ASSERT_STRING_EQUAL(iso(calendar_month_end_after(D(2016, 12, 1), 0)), "2016-12-31");
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_calendar_day_numbers", test_calendar_day_numbers },
		{ "test_calendar_day_numbers_round_trip", test_calendar_day_numbers_round_trip },
		{ "test_calendar_leap", test_calendar_leap },
		{ "test_calendar_add_years_and_days", test_calendar_add_years_and_days },
		{ "test_calendar_month_end_after", test_calendar_month_end_after },
		{ NULL, NULL }
	};

	return unit_run("calendar", tests);
}
