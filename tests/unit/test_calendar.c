/* test_calendar.c - unit tests for calendar.c: day numbers both ways, leap years, moving a date by days, years and months. */
#include <stdio.h>

#include "core/calendar.h"
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

/* The UTC moment y-m-d h:mi. */
static long long
utc(int y, int m, int d, int h, int mi)
{
	return calendar_day(y, m, d) * 86400 + h * 3600 + mi * 60;
}

/* The programme's clock on day y-m-d at real moment t, as "YYYY-MM-DD HH:MM" UTC, checked to fall on that Swedish day. */
static const char *
moment(int y, int m, int d, long long t)
{
	static char buf[32];
	long long z = calendar_day(y, m, d), u = calendar_swedish_moment(z, t), day = calendar_day_of(u);
	struct ymd s = calendar_swedish_date(u), when = calendar_date(day);

	CU_ASSERT_EQUAL(calendar_day(s.y, s.m, s.d), z);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d", when.y, when.m, when.d,
	    (int)((u - day * 86400) / 3600), (int)((u - day * 86400) / 60 % 60));
	return buf;
}

static void
test_calendar_swedish_moment(void)
{
	/* 23:03 in Stockholm in December (CET) is 23:03 on the programme's day in September (CEST). */
	CU_ASSERT_STRING_EQUAL(moment(2016, 9, 30, utc(2026, 12, 7, 22, 3)), "2016-09-30 21:03");
	/* Just past midnight in Stockholm, still the day before in UTC: the programme's day, not the one before or after. */
	CU_ASSERT_STRING_EQUAL(moment(2016, 9, 30, utc(2026, 12, 7, 23, 30)), "2016-09-29 22:30");
	CU_ASSERT_STRING_EQUAL(moment(2016, 1, 15, utc(2026, 7, 1, 22, 30)), "2016-01-14 23:30");
	CU_ASSERT_STRING_EQUAL(moment(2016, 1, 15, utc(2026, 7, 1, 10, 0)), "2016-01-15 11:00");
	/* 02:30 does not exist on the day summer time begins: the hour after. */
	CU_ASSERT_STRING_EQUAL(moment(2016, 3, 27, utc(2026, 1, 10, 1, 30)), "2016-03-27 01:30");
	/* 02:30 comes twice the day it ends: the first. */
	CU_ASSERT_STRING_EQUAL(moment(2016, 10, 30, utc(2026, 1, 10, 1, 30)), "2016-10-30 00:30");
	/* On its own day the clock is the real one. */
	CU_ASSERT_EQUAL(calendar_swedish_moment(calendar_day(2026, 12, 7), utc(2026, 12, 7, 22, 3)),
	    utc(2026, 12, 7, 22, 3));
	CU_ASSERT_EQUAL(calendar_swedish_moment(calendar_day(2026, 7, 2), utc(2026, 7, 1, 23, 0)),
	    utc(2026, 7, 1, 23, 0));
}

static void
test_calendar_programme_moment(void)
{
	long long t = utc(2026, 12, 7, 22, 3);

	/* [app] today set: that day at Sweden's time of day, as calendar_swedish_moment() has it. */
	CU_ASSERT_EQUAL(calendar_programme_moment("2016-09-30", t), calendar_swedish_moment(calendar_day(2016, 9, 30), t));
	CU_ASSERT_EQUAL(calendar_programme_moment("2016-09-30", t), utc(2016, 9, 30, 21, 3));
	/* Not set: the real moment. */
	CU_ASSERT_EQUAL(calendar_programme_moment("", t), t);
	CU_ASSERT_EQUAL(calendar_programme_moment(NULL, t), t);
}

/* The day in Sweden of the UTC moment y-m-d h:mi:s, as "YYYY-MM-DD". */
static const char *
swedish_day(int y, int m, int d, int h, int mi, int s)
{
	return iso(calendar_swedish_date(utc(y, m, d, h, mi) + s));
}

static void
test_calendar_swedish_date(void)
{
	/* Winter (CET): the day begins at 23:00 UTC the day before. */
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 1, 14, 22, 59, 59), "2016-01-14");
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 1, 14, 23, 0, 0), "2016-01-15");
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 1, 14, 23, 30, 0), "2016-01-15");
	/* Summer (CEST): at 22:00 UTC. */
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 6, 30, 21, 59, 59), "2016-06-30");
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 6, 30, 22, 0, 0), "2016-07-01");
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 6, 30, 22, 30, 0), "2016-07-01");
	/* Summer time begins at 01:00 UTC on the last Sunday of March (27 March 2016): that night is still winter's. */
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 3, 26, 22, 30, 0), "2016-03-26");
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 3, 26, 23, 30, 0), "2016-03-27");
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 3, 27, 21, 59, 59), "2016-03-27");
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 3, 27, 22, 30, 0), "2016-03-28");
	/* It ends at 01:00 UTC on the last Sunday of October (30 October 2016): that night is still summer's. */
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 10, 29, 22, 30, 0), "2016-10-30");
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 10, 30, 22, 30, 0), "2016-10-30");
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 10, 30, 23, 30, 0), "2016-10-31");
	/* The last Sundays of 2017: 26 March and 29 October. */
	CU_ASSERT_STRING_EQUAL(swedish_day(2017, 3, 25, 22, 30, 0), "2017-03-25");
	CU_ASSERT_STRING_EQUAL(swedish_day(2017, 3, 26, 22, 30, 0), "2017-03-27");
	CU_ASSERT_STRING_EQUAL(swedish_day(2017, 10, 28, 22, 30, 0), "2017-10-29");
	CU_ASSERT_STRING_EQUAL(swedish_day(2017, 10, 29, 22, 30, 0), "2017-10-29");
	/* New Year's night. */
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 12, 31, 22, 59, 59), "2016-12-31");
	CU_ASSERT_STRING_EQUAL(swedish_day(2016, 12, 31, 23, 30, 0), "2017-01-01");
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
		{ "test_calendar_swedish_moment", test_calendar_swedish_moment },
		{ "test_calendar_programme_moment", test_calendar_programme_moment },
		{ "test_calendar_swedish_date", test_calendar_swedish_date },
		{ NULL, NULL }
	};

	return unit_run("calendar", tests);
}
