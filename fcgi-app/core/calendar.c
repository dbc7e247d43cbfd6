/* calendar.c - dates of the proleptic Gregorian calendar, by day numbers (H. Hinnant's algorithms). */
#include <stdio.h>

#include "core/calendar.h"

long long
calendar_day(int y, int m, int d)
{
	long long yy = y, era, yoe, doy, doe;

	/* The year starts in March, so that 29 February is the last day of the one before. */
	yy -= m <= 2;
	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = yy - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct ymd
calendar_date(long long z)
{
	struct ymd out;
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	out.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	out.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	out.y = (int)(yoe + era * 400 + (out.m <= 2));
	return out;
}

int
calendar_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
calendar_cmp(struct ymd a, struct ymd b)
{
	long long x = calendar_day(a.y, a.m, a.d), y = calendar_day(b.y, b.m, b.d);

	return x < y ? -1 : x > y;
}

struct ymd
calendar_add_days(struct ymd d, long long n)
{
	return calendar_date(calendar_day(d.y, d.m, d.d) + n);
}

struct ymd
calendar_add_years(struct ymd d, int n)
{
	/* calendar_day() lets 29 February run on into 1 March. */
	return calendar_date(calendar_day(d.y + n, d.m, d.d));
}

struct ymd
calendar_month_end_after(struct ymd d, int months)
{
	int m = d.m + months;

	/* The first of the month after, less a day. */
	return calendar_date(calendar_day(d.y + m / 12, m % 12 + 1, 1) - 1);
}

long long
calendar_day_of(long long t)
{
	return t >= 0 ? t / 86400 : (t - 86399) / 86400;
}

/* The day number of the last Sunday of month m in year y. */
static long long
last_sunday(int y, int m)
{
	struct ymd end = calendar_month_end_after((struct ymd){ y, m, 1 }, 0);
	long long last = calendar_day(end.y, end.m, end.d);
	long long wd = ((last % 7) + 11) % 7;	/* 0 Sunday; 1970-01-01 was a Thursday */

	return last - wd;
}

long long
calendar_swedish_offset(long long t)
{
	int y = calendar_date(calendar_day_of(t)).y;

	return t >= last_sunday(y, 3) * 86400 + 3600 &&
	    t < last_sunday(y, 10) * 86400 + 3600 ? 7200 : 3600;
}

struct ymd
calendar_swedish_date(long long t)
{
	return calendar_date(calendar_day_of(t + calendar_swedish_offset(t)));
}

long long
calendar_swedish_moment(long long z, long long t)
{
	long long local = t + calendar_swedish_offset(t);
	long long want = z * 86400 + (local - calendar_day_of(local) * 86400);

	/* Summer time if the moment it gives is in summer time, else winter time. */
	return calendar_swedish_offset(want - 7200) == 7200 ? want - 7200 : want - 3600;
}

long long
calendar_programme_moment(const char *today, long long t)
{
	int y, m, d;

	if (today == NULL || sscanf(today, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return t;
	return calendar_swedish_moment(calendar_day(y, m, d), t);
}
