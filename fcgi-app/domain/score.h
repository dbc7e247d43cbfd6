/* score.h - the arithmetic of review scores: average, lowest-highest and standard deviation per criterion. */
#ifndef KPP_SCORE_H
#define KPP_SCORE_H

#include <stddef.h>

#include "core/i18n.h"

/* The five criteria ICLD's reviewers score an application on, in the order the form and the page show them. */
enum criterion {
	CRIT_RELEVANCE = 0,	/* relevance to local democracy */
	CRIT_FEASIBILITY,
	CRIT_OWNERSHIP,		/* ownership by both partners */
	CRIT_GENDER,		/* gender and inclusion */
	CRIT_BUDGET,		/* budget realism */
	CRIT__MAX
};

#define SCORE_MIN	1
#define SCORE_MAX	5

/* One review as the arithmetic sees it: score[k] from SCORE_MIN to SCORE_MAX, 0 when not scored. */
struct score_review {
	int	 score[CRIT__MAX];
	int	 complete;	/* marked complete by its reviewer: only these count */
};

/*
 * What the completed reviews say about one criterion (or, for the
 * overall figure, about every score they gave). Averages and deviations
 * are in tenths, rounded half up (35 is 3.5, 3.25 becomes 33), computed
 * exactly in integers. The standard deviation is the population one:
 * the reviews given are all there is, not a sample of reviewers. With
 * n == 0 the other fields are 0 and mean nothing.
 */
struct score_stat {
	int	 n;		/* scores counted */
	int	 lowest;
	int	 highest;
	long	 mean10;
	long	 sd10;
};

struct score_summary {
	int			 ncomplete;	/* completed reviews among those given */
	struct score_stat	 crit[CRIT__MAX];
	struct score_stat	 overall;	/* every score of the completed reviews together */
};

/*
 * Summarises the n reviews at r into out: incomplete reviews are left
 * out, and so is a score outside SCORE_MIN..SCORE_MAX (a complete review
 * has none: the database checks that). Never fails.
 */
void		 score_summarise(const struct score_review *r, size_t n,
		    struct score_summary *out);

/*
 * Writes tenths (>= 0) with one decimal, "3,5" in Swedish and "3.5" in
 * English, into buf (at least 24 bytes) and returns buf.
 */
const char	*score_tenths(char *buf, size_t len, long tenths, enum lang l);

#endif
