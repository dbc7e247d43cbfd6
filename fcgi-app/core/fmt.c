/* fmt.c - language-aware display formatting of numbers, amounts, dates, percentages and counts of days. */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/calendar.h"
#include "core/fmt.h"
#include "core/i18n.h"

#define NBSP	"\xc2\xa0"	/* U+00A0 NO-BREAK SPACE */
#define MINUS	"\xe2\x88\x92"	/* U+2212 MINUS SIGN */
#define NDASH	"\xe2\x80\x93"	/* U+2013 EN DASH */

/* |n| without overflow: LLONG_MIN has no positive long long. */
static unsigned long long
magnitude(long long n)
{
	return n < 0 ? (unsigned long long)-(n + 1) + 1 : (unsigned long long)n;
}

/* Appends the n digits at s in groups of three from the right, with the language's separator. */
static void
put_grouped(struct buf *b, const char *s, size_t n, enum lang l)
{
	const char *sep = l == LANG_SV ? NBSP : ",";
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_puts(b, sep);
		buf_putc(b, s[i]);
	}
}

static void
put_number(struct buf *b, unsigned long long u, enum lang l)
{
	char digits[24];
	int n;

	n = snprintf(digits, sizeof(digits), "%llu", u);
	put_grouped(b, digits, (size_t)n, l);
}

char *
fmt_number(struct arena *a, long long n, enum lang l)
{
	struct buf b;

	buf_init(&b, a, 32);
	if (n < 0)
		buf_puts(&b, MINUS);
	put_number(&b, magnitude(n), l);
	return b.data;
}

char *
fmt_amount(struct arena *a, long long kronor, enum lang l)
{
	struct buf b;

	buf_init(&b, a, 40);
	if (kronor < 0)
		buf_puts(&b, MINUS);
	if (l == LANG_SV) {
		put_number(&b, magnitude(kronor), l);
		buf_puts(&b, NBSP "kr");
	} else {
		buf_puts(&b, "SEK" NBSP);
		put_number(&b, magnitude(kronor), l);
	}
	return b.data;
}

char *
fmt_date(struct arena *a, int y, int m, int d, enum lang l)
{
	return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

char *
fmt_date_long(struct arena *a, int y, int m, int d, enum lang l)
{
	static const char *const months[LANG__MAX][12] = {
		[LANG_SV] = { "januari", "februari", "mars", "april", "maj",
		    "juni", "juli", "augusti", "september", "oktober",
		    "november", "december" },
		[LANG_EN] = { "January", "February", "March", "April", "May",
		    "June", "July", "August", "September", "October",
		    "November", "December" },
	};

	if (m < 1 || m > 12 || (unsigned)l >= LANG__MAX)
		return fmt_date(a, y, m, d, l);
	return arena_printf(a, "%d" NBSP "%s" NBSP "%d", d, months[l][m - 1], y);
}

/* acc + x modulo den, for acc < den and x <= den, counting a wrap in *wraps; never overflows. */
static unsigned long long
add_mod(unsigned long long acc, unsigned long long x, unsigned long long den,
    unsigned *wraps)
{
	if (acc >= den - x) {
		(*wraps)++;
		return acc - (den - x);
	}
	return acc + x;
}

/*
 * Writes the digits of num / den in tenths of a per cent, that is
 * round(num * 1000 / den) half up, into q (at least 32 bytes; den > 0) as
 * a string and returns how many. Long division over num's decimal digits
 * with three zeros appended, the remainder kept below den by modular
 * addition, is exact for every operand, where num * 1000 or a long double
 * would overflow or round.
 */
static size_t
tenths_digits(unsigned long long num, unsigned long long den, char *q)
{
	char digits[32];
	unsigned long long r = 0, acc;
	unsigned wraps, k;
	size_t i, n;

	n = (size_t)snprintf(digits, sizeof(digits), "%llu000", num);
	for (i = 0; i < n; i++) {
		/* r = r * 10 + digit; the quotient digit is how often that passed den. */
		acc = 0;
		wraps = 0;
		for (k = 0; k < 10; k++)
			acc = add_mod(acc, r, den, &wraps);
		for (k = 0; k < (unsigned)(digits[i] - '0'); k++)
			acc = add_mod(acc, 1, den, &wraps);
		r = acc;
		q[i] = (char)('0' + wraps);
	}
	/*
	 * Round up on a remainder of half or more. Any remainder means den >= 2,
	 * so the quotient is at most half of num * 1000, which has n digits:
	 * its first digit is below 5 and the carry stops inside.
	 */
	if (r >= den - r) {
		for (i = n; q[i - 1] == '9'; i--)
			q[i - 1] = '0';
		q[i - 1]++;
	}
	q[n] = '\0';
	return n;
}

char *
fmt_percent(struct arena *a, long long num, long long den, enum lang l)
{
	struct buf b;
	char q[32];
	size_t n, lead;

	if (den == 0)
		return arena_strdup(a, NDASH);
	n = tenths_digits(magnitude(num), magnitude(den), q);
	/* Keep one integer digit before the decimal one: "0,5 %". */
	for (lead = 0; lead + 2 < n && q[lead] == '0'; lead++)
		continue;
	buf_init(&b, a, 32);
	if ((num < 0) != (den < 0) && strspn(q + lead, "0") < n - lead)
		buf_puts(&b, MINUS);
	put_grouped(&b, q + lead, n - lead - 1, l);
	buf_putc(&b, l == LANG_SV ? ',' : '.');
	buf_putc(&b, q[n - 1]);
	buf_puts(&b, l == LANG_SV ? NBSP "%" : "%");
	return b.data;
}

/* ---- times ---- */

static int
field(const char *s, size_t n, int min, int max, int *out)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return v >= min && v <= max;
}

char *
fmt_time(struct arena *a, const char *utc)
{
	int y, mo, d, h, mi, s;
	long long t, z;
	struct ymd day;
	const char *f;

	if (utc == NULL || strlen(utc) < 19 || utc[4] != '-' || utc[7] != '-' ||
	    utc[10] != ' ' || utc[13] != ':' || utc[16] != ':' ||
	    !field(utc, 4, 1, 9998, &y) || !field(utc + 5, 2, 1, 12, &mo) ||
	    !field(utc + 8, 2, 1, 31, &d) || !field(utc + 11, 2, 0, 23, &h) ||
	    !field(utc + 14, 2, 0, 59, &mi) || !field(utc + 17, 2, 0, 60, &s))
		return NULL;
	f = utc + 19;
	if (*f == '.') {
		for (f++; *f >= '0' && *f <= '9'; f++)
			;
		if (f == utc + 20)
			return NULL;
	}
	if (*f != '\0')
		return NULL;
	t = calendar_day(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	t += calendar_swedish_offset(t);
	z = calendar_day_of(t);
	day = calendar_date(z);
	t -= z * 86400;
	return arena_printf(a, "%04d-%02d-%02d %02d:%02d", day.y, day.m, day.d,
	    (int)(t / 3600), (int)(t / 60 % 60));
}

/* The words of a count of days: a report's days left, or overdue. */
char *
fmt_days(struct arena *a, long long days, enum lang l)
{
	long long n = days < 0 ? -days : days;
	const char *words;

	if (days < 0)
		words = n == 1 ? N_("day overdue") : N_("days overdue");
	else
		words = n == 1 ? N_("day left") : N_("days left");
	return arena_printf(a, "%lld %s", n, i18n_tr(l, words));
}
