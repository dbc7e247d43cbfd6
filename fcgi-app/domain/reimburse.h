/* reimburse.h - the arithmetic of a financial report: variances, the 10 % rule, costs typed with öre, ICLD's reimbursement. */
#ifndef KPP_REIMBURSE_H
#define KPP_REIMBURSE_H

#include <limits.h>

#include "core/kerr.h"

/*
 * The cost categories, as application.h's enum category counts them (reimburse.c checks that they agree):
 * said here so that the demo loader, which has its own words for them, can use the arithmetic too.
 */
#define REIMBURSE_CATEGORIES	6

/*
 * Every amount here is whole Swedish kronor, as the database keeps them
 * (sql/README). Costs may be typed with öre; they are rounded to kronor
 * once, when they are read (reimburse_parse_cost()), so that what is
 * stored, shown, summed and paid is the same figure and nothing later
 * needs rounding again. Percentages are only shown (fmt_percent(): one
 * decimal, half away from zero); no rule is decided on a rounded one.
 */

/*
 * A cost not given (yet). Any other value is a cost, negative ones too: a
 * category whose refunds in the year were more than its costs (money that
 * came back) reports a negative cost, which lowers the sum reimbursed.
 */
#define REIMBURSE_NONE	LLONG_MIN

/* A variance of more than this many per cent of the budget, either way, must be explained. */
#define REIMBURSE_EXPLAIN_PERCENT	10

/*
 * The variance of actual against budget: actual - budget, negative when
 * less was spent than budgeted. A budget below 0 (no line approved) counts
 * as 0; so does an actual REIMBURSE_NONE (not given).
 */
long long	 reimburse_variance(long long budget, long long actual);

/*
 * Whether the variance of actual against budget must be explained: when
 * it is more than REIMBURSE_EXPLAIN_PERCENT per cent of the budget,
 * either way (exactly 10 % is not more), decided exactly in kronor:
 * |actual - budget| * 100 > budget * 10. Any cost in a category without
 * budget (budget 0 or below) must be explained, a refund there too; a cost
 * not given (REIMBURSE_NONE) needs nothing yet.
 */
int		 reimburse_needs_explanation(long long budget, long long actual);

/*
 * Reads a cost as people type it: every form valid_amount() takes ("12 345",
 * "12 345 kr", "SEK 12,345"), and also with an öre part of one or two
 * digits after the decimal mark the groups do not use ("12 345,50",
 * "12345.5 kr", "SEK 12,345.75"). The öre are rounded to whole kronor as
 * Swedish amounts are (öresavrundning): under 50 öre down, 50 öre or more
 * up. A minus sign first ('-', or U+2212 as kpp writes it) makes it a
 * refund, rounded the same way in size ("-12,50" is -13). Stores the
 * kronor in *kronor and whether öre were rounded away in *rounded.
 * Returns KERR_OK, or KERR_INVALID for anything else (NULL, blank, a sign
 * anywhere else or twice, three decimals, badly grouped digits, letters,
 * more than VALID_AMOUNT_MAX either way), leaving the outputs as they were.
 */
enum kerr	 reimburse_parse_cost(const char *s, long long *kronor, int *rounded);

/* What ICLD reimburses for a project year's approved progress report, and how it comes to that. */
struct reimbursement {
	long long	 eligible[REIMBURSE_CATEGORIES];	/* each category's actual cost, at most its approved budget line; a refund's negative */
	long long	 eligible_total;	/* their sum, below 0 when refunds outweigh the costs */
	long long	 year_amount;		/* the year's approved amount, the ceiling of the whole */
	long long	 capped;		/* eligible_total, at most year_amount, at least 0 */
	int		 capped_by_year;	/* 1 when the year's amount cut the sum */
	long long	 paid_before;		/* already paid for that year */
	long long	 due;			/* capped less paid_before, never below 0: the most a payment may be */
};

/*
 * Works out the reimbursement of a project year from its approved budget
 * lines (budget[k] below 0: none, counts as 0), the report's actual costs
 * (REIMBURSE_NONE: not given, 0; a refund below 0 lowers the sum), the
 * year's approved amount and what has been paid for the year already:
 * every category capped by its line, their sum by the year's amount, less
 * the payments before. Never negative, never more than budget or year
 * allow: refunds lower what is paid, they never make ICLD claim money.
 */
void		 reimburse_compute(const long long budget[REIMBURSE_CATEGORIES],
		    const long long actual[REIMBURSE_CATEGORIES], long long year_amount,
		    long long paid_before, struct reimbursement *out);

#endif
