/* calendar.h - dates of the proleptic Gregorian calendar: day numbers, and moving a date by days, years and months. */
#ifndef KPP_CALENDAR_H
#define KPP_CALENDAR_H

/* A calendar date. */
struct ymd {
	int	 y, m, d;
};

/*
 * The day number of y-m-d: days since 1970-01-01, negative before it (H.
 * Hinnant's days_from_civil). d may run past the end of month m (1-12):
 * 29 February of a year without one is 1 March.
 */
long long	 calendar_day(int y, int m, int d);

/* The date of day number z (H. Hinnant's civil_from_days). */
struct ymd	 calendar_date(long long z);

/* Whether year y has a 29 February. */
int		 calendar_leap(int y);

/* <0, 0, >0 as a is before, the same day as, or after b. */
int		 calendar_cmp(struct ymd a, struct ymd b);

/* d moved by n days (either way). */
struct ymd	 calendar_add_days(struct ymd d, long long n);

/*
 * The day n years after d, the same day of the month; 29 February in a
 * year without one becomes 1 March, so that project years laid end to
 * end leave no day out.
 */
struct ymd	 calendar_add_years(struct ymd d, int n);

/* The last day of the month that comes months (0 or more) after d's month: the rule for reports due. */
struct ymd	 calendar_month_end_after(struct ymd d, int months);

/* The day number of the UTC moment t (seconds since 1970), rounding down before 1970 too. */
long long	 calendar_day_of(long long t);

/*
 * Sweden's offset from UTC in seconds at the UTC moment t (seconds since
 * 1970): 3600 (CET), or 7200 (CEST) from 01:00 UTC on the last Sunday of
 * March to 01:00 UTC on the last Sunday of October, the EU rule Sweden
 * has kept since 1996. The programme's days are Swedish days. DB_SWEDISH()
 * (db.h) writes the same rule in SQL for the dates MariaDB shows and counts.
 */
long long	 calendar_swedish_offset(long long t);

/* The date in Sweden (Europe/Stockholm) at the UTC moment t: the programme's today. */
struct ymd	 calendar_swedish_date(long long t);

/*
 * The UTC moment that is, in Sweden, day number z at the Swedish time of
 * day of the UTC moment t: the programme's clock on a date of its own
 * (app_stamp()). A time of day the clocks skip on z (02:00-03:00 on the
 * last Sunday of March) is read as the hour after; one they repeat (the
 * last Sunday of October), as the first of the two.
 */
long long	 calendar_swedish_moment(long long z, long long t);

/*
 * The programme's clock at the UTC moment t: t itself, or, when today
 * ([app] today, "YYYY-MM-DD") is set, the moment of that day in Sweden at
 * t's Swedish time of day (calendar_swedish_moment()), so that what the
 * programme stamps and counts stays on its day. NULL, "" or no date: t.
 */
long long	 calendar_programme_moment(const char *today, long long t);

#endif
