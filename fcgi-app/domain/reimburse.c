/* reimburse.c - the arithmetic of a financial report: variances, the 10 % rule, costs typed with öre, ICLD's reimbursement. */
#include <string.h>

#include "core/str.h"
#include "domain/application.h"
#include "domain/reimburse.h"
#include "domain/valid.h"

_Static_assert(REIMBURSE_CATEGORIES == CAT__MAX, "reimburse.h counts the categories of application.h");

/* A budget line that is not there counts as none. */
static long long
nonneg(long long v)
{
	return v > 0 ? v : 0;
}

/* A cost not given counts as none. */
static long long
cost(long long actual)
{
	return actual != REIMBURSE_NONE ? actual : 0;
}

long long
reimburse_variance(long long budget, long long actual)
{
	return cost(actual) - nonneg(budget);
}

int
reimburse_needs_explanation(long long budget, long long actual)
{
	long long v;

	if (actual == REIMBURSE_NONE)
		return 0;
	budget = nonneg(budget);
	if (budget == 0)
		return actual != 0;
	v = reimburse_variance(budget, actual);
	if (v < 0)
		v = -v;
	/* Amounts stay within VALID_AMOUNT_MAX (10^12) either way, so neither product overflows. */
	return v * 100 > budget * REIMBURSE_EXPLAIN_PERCENT;
}

/* The size of a cost: what reimburse_parse_cost() reads after the sign. */
static enum kerr
parse_size(const char *s, long long *kronor, int *rounded)
{
	char buf[64];
	const char *p, *mark = NULL;
	size_t n, nd;
	long long k, ore;

	if (valid_amount(s, &k) == KERR_OK) {
		*kronor = k;
		*rounded = 0;
		return KERR_OK;
	}
	/*
	 * The öre: the last ',' or '.' followed by one or two digits and no
	 * more. With them made zero, valid_amount() judges everything else
	 * (groups, currency, the decimal mark being the one groups do not use).
	 */
	for (p = s; *p != '\0'; p++)
		if ((*p == ',' || *p == '.') && str_digit(p[1]))
			mark = p;
	if (mark == NULL || (nd = strspn(mark + 1, "0123456789")) > 2 ||
	    (n = strlen(s)) >= sizeof(buf))
		return KERR_INVALID;
	memcpy(buf, s, n + 1);
	memset(buf + (mark - s) + 1, '0', nd);
	if (valid_amount(buf, &k) != KERR_OK)
		return KERR_INVALID;
	ore = (mark[1] - '0') * 10 + (nd == 2 ? mark[2] - '0' : 0);
	if (ore >= 50) {
		if (k >= VALID_AMOUNT_MAX)
			return KERR_INVALID;
		k++;
	}
	*kronor = k;
	*rounded = ore != 0;
	return KERR_OK;
}

enum kerr
reimburse_parse_cost(const char *s, long long *kronor, int *rounded)
{
	static const char minus[] = "\xe2\x88\x92";	/* U+2212, as fmt_number() writes it */
	long long k;
	int neg = 0, rd;

	if (s == NULL)
		return KERR_INVALID;
	s += strspn(s, " ");
	if (*s == '-') {
		neg = 1;
		s++;
	} else if (strncmp(s, minus, sizeof(minus) - 1) == 0) {
		neg = 1;
		s += sizeof(minus) - 1;
	}
	/* valid_amount() refuses any other sign, a second one included. */
	if (parse_size(s, &k, &rd) != KERR_OK)
		return KERR_INVALID;
	*kronor = neg ? -k : k;
	*rounded = rd;
	return KERR_OK;
}

void
reimburse_compute(const long long budget[CAT__MAX], const long long actual[CAT__MAX],
    long long year_amount, long long paid_before, struct reimbursement *out)
{
	int k;

	memset(out, 0, sizeof(*out));
	for (k = 0; k < CAT__MAX; k++) {
		long long b = nonneg(budget[k]), a = cost(actual[k]);

		/* A refund counts in full: it is money the partnership did not spend. */
		out->eligible[k] = a < b ? a : b;
		out->eligible_total += out->eligible[k];
	}
	out->year_amount = nonneg(year_amount);
	out->capped = nonneg(out->eligible_total);
	if (out->capped > out->year_amount) {
		out->capped = out->year_amount;
		out->capped_by_year = 1;
	}
	out->paid_before = nonneg(paid_before);
	out->due = out->capped > out->paid_before ? out->capped - out->paid_before : 0;
}
