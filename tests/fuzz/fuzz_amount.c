/* fuzz_amount.c - libFuzzer target for valid.c and fmt.c: the validators agree with the formatters, which read back. */
/* fuzz-sources: fcgi-app/domain/valid.c fcgi-app/core/str.c fcgi-app/core/calendar.c fcgi-app/core/fmt.c fcgi-app/core/i18n.c fcgi-app/http/form.c fcgi-app/core/arena.c fcgi-app/core/buf.c */
/* fuzz-libs: -luriparser */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "domain/valid.h"
#include "http/form.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct arena *A;

static void
check_amount(const char *s)
{
	long long v, w;
	enum lang l;

	if (valid_amount(s, &v) != KERR_OK)
		return;
	if (v < 0 || v > VALID_AMOUNT_MAX)
		abort();
	for (l = LANG_SV; l < LANG__MAX; l++) {
		if (valid_amount(fmt_amount(A, v, l), &w) != KERR_OK || w != v)
			abort();
		if (valid_amount(fmt_number(A, v, l), &w) != KERR_OK || w != v)
			abort();
	}
}

static void
check_date(const char *s)
{
	int y, m, d, y2, m2, d2;
	const char *f;

	if (valid_date(s, &y, &m, &d) != KERR_OK)
		return;
	if (strcmp(fmt_date(A, y, m, d, LANG_SV), s) != 0)
		abort();
	if (valid_date(fmt_date(A, y, m, d, LANG_EN), &y2, &m2, &d2) != KERR_OK ||
	    y2 != y || m2 != m || d2 != d)
		abort();
	f = fmt_date_long(A, y, m, d, LANG_SV);
	if (!utf8_valid(f, strlen(f)))
		abort();
}

static void
check_orgnr(const char *s)
{
	const char *n = valid_orgnr_normalise(A, s);

	if (valid_orgnr(s) && n == NULL)
		abort();
	if (n != NULL && (strlen(n) != 11 || !valid_orgnr(n) ||
	    strcmp(valid_orgnr_normalise(A, n), n) != 0))
		abort();
}

static void
check_email(const char *s)
{
	const char *at;

	if (!valid_email(s))
		return;
	if (strlen(s) > 254 || (at = strchr(s, '@')) == NULL || at == s ||
	    strchr(at + 1, '@') != NULL || strchr(s, ' ') != NULL)
		abort();
}

static void
check_int(const char *s)
{
	long long v, w;
	char *end;

	if (valid_int_range(s, LLONG_MIN, LLONG_MAX, &v) != KERR_OK)
		return;
	errno = 0;
	w = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || w != v || s[0] == ' ' || s[0] == '+')
		abort();
	if (valid_int_range(s, v, v, &w) != KERR_OK ||
	    (v < LLONG_MAX && valid_int_range(s, v + 1, LLONG_MAX, &w) == KERR_OK))
		abort();
}

/* The decimal digits of u, at least two, into s. */
static void
u128_digits(unsigned __int128 u, char *s, size_t size)
{
	char tmp[48];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u > 0 && n < sizeof(tmp));
	if (n < 2)
		tmp[n++] = '0';
	for (i = 0; i < n && i + 1 < size; i++)
		s[i] = tmp[n - 1 - i];
	s[i] = '\0';
}

/* fmt_percent() against a 128-bit reference: the same digits and sign. */
static void
check_percent(long long num, long long den)
{
	unsigned __int128 nm, dm, t;
	char want[48], got[48];
	const char *f, *p;
	size_t n = 0;
	int neg;

	f = fmt_percent(A, num, den, LANG_SV);
	if (!utf8_valid(f, strlen(f)))
		abort();
	if (den == 0) {
		if (strcmp(f, "\xe2\x80\x93") != 0)
			abort();
		return;
	}
	nm = num < 0 ? (unsigned __int128)-(__int128)num : (unsigned __int128)num;
	dm = den < 0 ? (unsigned __int128)-(__int128)den : (unsigned __int128)den;
	t = (nm * 2000 + dm) / (2 * dm);
	u128_digits(t, want, sizeof(want));
	for (p = f; *p != '\0' && n + 1 < sizeof(got); p++)
		if (*p >= '0' && *p <= '9')
			got[n++] = *p;
	got[n] = '\0';
	neg = strncmp(f, "\xe2\x88\x92", 3) == 0;
	if (strcmp(want, got) != 0 || neg != ((num < 0) != (den < 0) && t != 0))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long long num, den;
	char *s;

	if (A == NULL && (A = arena_new(65536)) == NULL)
		abort();
	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	check_amount(s);
	check_date(s);
	check_orgnr(s);
	check_email(s);
	check_int(s);
	if (size >= 2 * sizeof(long long)) {
		memcpy(&num, data, sizeof(num));
		memcpy(&den, data + sizeof(num), sizeof(den));
		check_percent(num, den);
		check_percent(num % 100000, den % 1000);
	}
	free(s);
	arena_reset(A);
	return 0;
}
