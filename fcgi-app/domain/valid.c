/* valid.c - the validation rules shared by every kpp form (organisation numbers, amounts, dates, e-mail, integers). */
#include <limits.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/str.h"
#include "domain/valid.h"

int
luhn_valid(const char *digits, size_t n)
{
	unsigned sum = 0, d;
	size_t i;

	if (digits == NULL || n < 2)
		return 0;
	/* Every second digit from the right, the check digit not counted, is doubled. */
	for (i = 0; i < n; i++) {
		if (!str_digit(digits[n - 1 - i]))
			return 0;
		d = (unsigned)(digits[n - 1 - i] - '0');
		if (i % 2 == 1 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return sum % 10 == 0;
}

/* Copies the ten digits of the n bytes at s into out if they form an organisation number. */
static int
orgnr_digits(const char *s, size_t n, char out[10])
{
	if (n == 11 && s[6] == '-') {
		memcpy(out, s, 6);
		memcpy(out + 6, s + 7, 4);
	} else if (n == 10)
		memcpy(out, s, 10);
	else
		return 0;
	return luhn_valid(out, 10) && out[2] >= '2';
}

int
valid_orgnr(const char *s)
{
	char d[10];

	return s != NULL && orgnr_digits(s, strlen(s), d);
}

char *
valid_orgnr_normalise(struct arena *a, const char *s)
{
	size_t b, e;
	char d[10];

	if (s == NULL)
		return NULL;
	for (b = 0; s[b] == ' ' || s[b] == '\t'; b++)
		continue;
	for (e = strlen(s); e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'); e--)
		continue;
	if (!orgnr_digits(s + b, e - b, d))
		return NULL;
	return arena_printf(a, "%.6s-%.4s", d, d + 6);
}

/* Bytes in the blank at s: space, tab, U+00A0 or U+202F; 0 if none. */
static size_t
blank_len(const char *s)
{
	if (s[0] == ' ' || s[0] == '\t')
		return 1;
	if (s[0] == '\xc2' && s[1] == '\xa0')
		return 2;
	if (s[0] == '\xe2' && s[1] == '\x80' && s[2] == '\xaf')
		return 3;
	return 0;
}

static size_t
blanks_len(const char *s)
{
	size_t n = 0, k;

	while ((k = blank_len(s + n)) > 0)
		n += k;
	return n;
}

/* Bytes in the currency word at s (the longest match), or 0. */
static size_t
currency_len(const char *s, int prefix)
{
	static const char *const suffixes[] = { "kronor", "kr", "sek", ":-" };
	size_t i, n;

	if (prefix)
		return strncasecmp(s, "sek", 3) == 0 ? 3 : 0;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		n = strlen(suffixes[i]);
		if (strncasecmp(s, suffixes[i], n) == 0)
			return n;
	}
	return 0;
}

enum sep {
	SEP_NONE,
	SEP_SPACE,	/* space, U+00A0 or U+202F: Swedish */
	SEP_COMMA	/* English */
};

/* Bytes in the group separator at s, storing its kind; tabs do not group. */
static size_t
sep_len(const char *s, enum sep *kind)
{
	if (s[0] == ',') {
		*kind = SEP_COMMA;
		return 1;
	}
	*kind = SEP_SPACE;
	return s[0] == '\t' ? 0 : blank_len(s);
}

/* Adds n digits at s to *v; 0 if the result passes VALID_AMOUNT_MAX. */
static int
add_digits(long long *v, const char *s, size_t n)
{
	size_t i;

	/* Checking at each digit keeps *v * 10 far from overflow. */
	for (i = 0; i < n; i++)
		if ((*v = *v * 10 + (s[i] - '0')) > VALID_AMOUNT_MAX)
			return 0;
	return 1;
}

static size_t
digits_len(const char *s)
{
	size_t n = 0;

	while (str_digit(s[n]))
		n++;
	return n;
}

enum kerr
valid_amount(const char *s, long long *kronor)
{
	enum sep sep = SEP_NONE, kind;
	long long v = 0;
	size_t n, k;
	int prefixed = 0;
	const char *p;

	if (s == NULL)
		return KERR_INVALID;
	p = s + blanks_len(s);
	if ((k = currency_len(p, 1)) > 0) {
		prefixed = 1;
		p += k;
		p += blanks_len(p);
	}
	if ((n = digits_len(p)) == 0)
		return KERR_INVALID;
	if (!add_digits(&v, p, n))
		return KERR_INVALID;
	/* Groups need a first one of one to three digits, then exactly three each. */
	if (n <= 3) {
		p += n;
		while ((k = sep_len(p, &kind)) > 0 && digits_len(p + k) == 3 &&
		    (sep == SEP_NONE || sep == kind)) {
			sep = kind;
			if (!add_digits(&v, p + k, 3))
				return KERR_INVALID;
			p += k + 3;
		}
	} else
		p += n;
	/* Zero öre, with the decimal mark the groups do not use. */
	if ((*p == ',' && sep != SEP_COMMA) || *p == '.') {
		n = digits_len(p + 1);
		if (n < 1 || n > 2 || p[1] != '0' || (n == 2 && p[2] != '0'))
			return KERR_INVALID;
		p += 1 + n;
	}
	p += blanks_len(p);
	if (!prefixed && (k = currency_len(p, 0)) > 0) {
		p += k;
		p += blanks_len(p);
	}
	if (*p != '\0')
		return KERR_INVALID;
	*kronor = v;
	return KERR_OK;
}

/* Reads n digits at s; -1 if one is not a digit. */
static int
read_num(const char *s, int n)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (!str_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

enum kerr
valid_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int yy, mm, dd, last;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return KERR_INVALID;
	yy = read_num(s, 4);
	mm = read_num(s + 5, 2);
	dd = read_num(s + 8, 2);
	if (yy < 1990 || yy > 2100 || mm < 1 || mm > 12)
		return KERR_INVALID;
	last = mdays[mm - 1] + (mm == 2 && calendar_leap(yy));
	if (dd < 1 || dd > last)
		return KERR_INVALID;
	*y = yy;
	*m = mm;
	*d = dd;
	return KERR_OK;
}

/* Bytes no address part may hold: blanks, controls, and what a pasted "Name <a@b>" or list has. */
static int
email_bad_char(unsigned char c)
{
	return c <= 0x20 || c == 0x7f || strchr("()<>[]\\,;:\"", c) != NULL;
}

int
valid_email(const char *s)
{
	const char *at, *p;
	size_t labels = 0, label = 0;

	if (s == NULL || strlen(s) > 254)
		return 0;
	if ((at = strchr(s, '@')) == NULL || strchr(at + 1, '@') != NULL)
		return 0;
	if (at == s || at - s > 64 || s[0] == '.' || at[-1] == '.')
		return 0;
	for (p = s; p < at; p++)
		if (email_bad_char((unsigned char)*p) ||
		    (p[0] == '.' && p[1] == '.'))
			return 0;
	for (p = at + 1; ; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '.' || c == '\0') {
			if (label == 0)
				return 0;
			labels++;
			label = 0;
			if (c == '\0')
				break;
		} else if (str_digit((char)c) || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || c == '-' || c >= 0x80)
			label++;
		else
			return 0;
	}
	return labels >= 2;
}

enum kerr
valid_int_range(const char *s, long long min, long long max, long long *out)
{
	unsigned long long mag = 0, limit;
	long long v;
	int neg;

	if (s == NULL)
		return KERR_INVALID;
	if ((neg = (*s == '-')))
		s++;
	if (*s == '\0')
		return KERR_INVALID;
	/* The magnitude of LLONG_MIN is one more than LLONG_MAX. */
	limit = neg ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX;
	for (; *s != '\0'; s++) {
		if (!str_digit(*s))
			return KERR_INVALID;
		if (mag > (limit - (unsigned long long)(*s - '0')) / 10)
			return KERR_INVALID;
		mag = mag * 10 + (unsigned long long)(*s - '0');
	}
	if (neg)
		v = mag == 0 ? 0 : -(long long)(mag - 1) - 1;
	else
		v = (long long)mag;
	if (v < min || v > max)
		return KERR_INVALID;
	*out = v;
	return KERR_OK;
}

const char *
valid_decimal_places(struct arena *a, const char *s, size_t places)
{
	char out[32];
	size_t n = 0, ndig = 0, nfrac = 0, run = 0, groups = 0;
	int frac = 0;

	if (s == NULL)
		return NULL;
	while (*s == ' ')
		s++;
	if (*s == '-')
		out[n++] = *s++;
	for (; *s != '\0'; s++) {
		if (str_digit(*s)) {
			if (n >= sizeof(out) - 1)
				return NULL;
			out[n++] = *s;
			if (frac)
				nfrac++;
			else {
				ndig++;
				run++;
			}
		} else if ((*s == ',' || *s == '.') && !frac && ndig > 0) {
			frac = 1;
			out[n++] = '.';
		} else if (*s == ' ' && !frac && ndig > 0 && str_digit(s[1])) {
			/* Groups of thousands ("1 500"): a first one of one to three digits, then three each. */
			if (groups == 0 ? run > 3 : run != 3)
				return NULL;
			groups++;
			run = 0;
		} else
			break;
	}
	while (*s == ' ')
		s++;
	if (*s != '\0' || ndig == 0 || ndig > 12 || (groups > 0 && run != 3) ||
	    (frac && (nfrac == 0 || nfrac > places)))
		return NULL;
	out[n] = '\0';
	return arena_strdup(a, out);
}

const char *
valid_decimal(struct arena *a, const char *s)
{
	return valid_decimal_places(a, s, 2);
}
