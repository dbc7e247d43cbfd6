/* score.c - averages, spread and standard deviation of review scores, exactly in integers. */
#include <stdio.h>
#include <string.h>

#include "domain/score.h"

/* Sums of one criterion's scores, enough for the mean and the variance. */
struct sums {
	long long	 n, sum, sumsq;
	int		 lowest, highest;
};

static void
sum_add(struct sums *s, int v)
{
	if (s->n == 0 || v < s->lowest)
		s->lowest = v;
	if (s->n == 0 || v > s->highest)
		s->highest = v;
	s->n++;
	s->sum += v;
	s->sumsq += (long long)v * v;
}

/*
 * round(10 * sqrt(d) / n) half up, for d = n * sumsq - sum^2 (n^2 times
 * the variance): the largest t with t - 1/2 <= 10 sqrt(d) / n, that is
 * (2t - 1)^2 n^2 <= 400 d. Scores lie 4 apart at most, so t stays small.
 */
static long
sd_tenths(long long n, long long d)
{
	long t = 0;

	while ((2 * (t + 1) - 1) * (2 * (t + 1) - 1) * n * n <= 400 * d)
		t++;
	return t;
}

static void
stat_of(const struct sums *s, struct score_stat *out)
{
	memset(out, 0, sizeof(*out));
	if (s->n == 0)
		return;
	out->n = (int)s->n;
	out->lowest = s->lowest;
	out->highest = s->highest;
	/* round(10 sum / n) half up = floor((20 sum + n) / 2n): no float to land beside the half. */
	out->mean10 = (long)((20 * s->sum + s->n) / (2 * s->n));
	out->sd10 = sd_tenths(s->n, s->n * s->sumsq - s->sum * s->sum);
}

void
score_summarise(const struct score_review *r, size_t n, struct score_summary *out)
{
	struct sums crit[CRIT__MAX], all;
	size_t i;
	int k, v;

	memset(out, 0, sizeof(*out));
	memset(crit, 0, sizeof(crit));
	memset(&all, 0, sizeof(all));
	for (i = 0; i < n; i++) {
		if (!r[i].complete)
			continue;
		out->ncomplete++;
		for (k = 0; k < CRIT__MAX; k++) {
			v = r[i].score[k];
			if (v < SCORE_MIN || v > SCORE_MAX)
				continue;
			sum_add(&crit[k], v);
			sum_add(&all, v);
		}
	}
	for (k = 0; k < CRIT__MAX; k++)
		stat_of(&crit[k], &out->crit[k]);
	stat_of(&all, &out->overall);
}

const char *
score_tenths(char *buf, size_t len, long tenths, enum lang l)
{
	snprintf(buf, len, "%ld%c%ld", tenths / 10, l == LANG_SV ? ',' : '.',
	    tenths % 10);
	return buf;
}
