/* fmt.h - numbers, amounts, dates, percentages and counts of days formatted for display in Swedish or English. */
#ifndef KPP_FMT_H
#define KPP_FMT_H

#include "core/i18n.h"

struct arena;

/*
 * Every function here returns a UTF-8 string allocated from a, valid as
 * long as the arena, and never NULL (but fmt_time() for what is no time). Where the result has spaces they are
 * no-break spaces (U+00A0), so that a number never wraps across lines;
 * negative numbers take the minus sign U+2212, which screen readers read
 * as "minus" where they may skip a hyphen. The results hold no
 * HTML-special characters, but are escaped on output like any text.
 */

/*
 * Formats n with its thousands grouped: "1 500 000" in Swedish (U+00A0
 * between groups, also for four digits), "1,500,000" in English.
 * Negative: "−1 500", "−1,500".
 */
char	*fmt_number(struct arena *a, long long n, enum lang l);

/*
 * Formats an amount of whole kronor: "1 500 000 kr" in Swedish and
 * "SEK 1,500,000" in English (the spaces are U+00A0). A negative amount
 * has its minus first: "−1 500 kr", "−SEK 1,500", as English writes
 * "−$1,500". valid_amount() reads both forms of non-negative amounts back.
 */
char	*fmt_amount(struct arena *a, long long kronor, enum lang l);

/*
 * Formats a date as ISO 8601 "2016-05-31" in both languages: Swedes write
 * dates so, and it is what <input type="date"> takes. The caller passes a
 * real date; nothing is checked.
 */
char	*fmt_date(struct arena *a, int y, int m, int d, enum lang l);

/*
 * Formats a date for letters: "31 maj 2016" in Swedish, "31 May 2016" in
 * English (U+00A0 between the parts). A month outside 1..12 gives the
 * ISO form instead of reading outside the month names.
 */
char	*fmt_date_long(struct arena *a, int y, int m, int d, enum lang l);

/*
 * Formats num/den as a percentage with one decimal, rounded half away
 * from zero, exactly for any operands: "12,5 %" in Swedish (U+00A0 before
 * the sign, as Swedish typography has it), "12.5%" in English; the integer
 * part is grouped as in fmt_number(). A result that rounds to zero has no
 * minus sign. den == 0 gives "–" (an en dash, "not applicable" in tables).
 */
char	*fmt_percent(struct arena *a, long long num, long long den, enum lang l);

/*
 * Swedish local time (CET, UTC+1; CEST, UTC+2 from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October, the EU rule
 * Sweden has kept since 1996) of utc, "YYYY-MM-DD HH:MM:SS" with optional
 * fractional seconds as MariaDB prints a DATETIME(6). Returns "YYYY-MM-DD
 * HH:MM" from a, or NULL when utc is not such a time (years 0001 to 9998):
 * every time a page shows is written so, whatever the page.
 */
char	*fmt_time(struct arena *a, const char *utc);

/* A report's days left (days >= 0), or overdue, in words in l from a: "3 days left", "1 day overdue". */
char	*fmt_days(struct arena *a, long long days, enum lang l);

#endif
