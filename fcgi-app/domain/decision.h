/* decision.h - the pure rules of ICLD's decision on an application: project codes, project years, reports due, the form's checks. */
#ifndef KPP_DECISION_H
#define KPP_DECISION_H

#include <stddef.h>

#include "core/calendar.h"
#include "core/i18n.h"
#include "core/kerr.h"
#include "domain/application.h"
#include "domain/rules.h"

struct arena;

/* "2016-0033" and its NUL. */
#define DECISION_CODE_SIZE	10
/* The last number a year can give: codes have four digits. */
#define DECISION_NUMBER_MAX	9999

/*
 * The code of the project that comes after number last of round year
 * year (last 0: the year has given none yet): "<year>-<4 digits>" into
 * code, and its number into *number. Numbers only grow within a year and
 * every year starts again at 1, so a code is never given twice. Returns
 * KERR_OK; KERR_INVALID for a year that is not four digits, a negative
 * last, or a year whose 9999 numbers are all given (nothing is written).
 */
enum kerr	 decision_code_next(int year, int last,
		    char code[DECISION_CODE_SIZE], int *number);

/* A project year: its first and last day, both included. */
struct period {
	struct ymd	 start, end;
};

/* What the approval of a project sets up, all from its first and last day and its number of years. */
struct decision_plan {
	int		 years;
	struct period	 year[MAX_YEARS];
	struct ymd	 progress_due[MAX_YEARS];	/* one progress report per project year */
	struct ymd	 final_due;			/* and the final report */
};

/* Parses "YYYY-MM-DD" (valid_date()): KERR_OK or KERR_INVALID. */
enum kerr	 decision_date(const char *iso, struct ymd *out);

/* d as "YYYY-MM-DD" in a. */
char		*decision_date_iso(struct arena *a, struct ymd d);

/*
 * The latest last day a project of n years starting on start may have:
 * the day before its n-th anniversary.
 */
struct ymd	 decision_latest_end(struct ymd start, int n);

/*
 * Lays out a project of n years (1..MAX_YEARS) from start to end into
 * plan: year k starts on the k-th anniversary of start and ends the day
 * before the next one, the last year on end (shortened when end comes
 * earlier). No year is longer than a year as IATI counts it (rule 7.5.3:
 * start + 1 year >= end, 29 February + 1 year being 28 February), and a
 * year that would be is cut to that day. Each year's progress report is
 * due at the end of the second month after the year ends, the final
 * report at the end of the third month after the project ends (as in the
 * demo data). Returns KERR_OK; KERR_INVALID when n is out of range, end
 * is not after start, end is after decision_latest_end(), or the last
 * year would have no day (end before the (n-1)-th anniversary).
 */
enum kerr	 decision_plan(struct ymd start, struct ymd end, int n,
		    struct decision_plan *plan);

enum decision_outcome {
	OUTCOME_NONE = 0,	/* not chosen */
	OUTCOME_APPROVE,
	OUTCOME_REJECT
};

/*
 * The form's field ids of the texts the decision letters give, by language (enum lang): each
 * letter prints its own language's, so that none is ever mixed.
 */
extern const char *const decision_reason_id[LANG__MAX];		/* "reason_sv", "reason_en" */
extern const char *const decision_conditions_id[LANG__MAX];	/* "conditions_sv", ... */

/* What the decision form holds, as the checks see it. */
struct decision_input {
	enum decision_outcome outcome;
	const char	*reason[LANG__MAX];	/* rejection: why, for each language's letter */
	const char	*conditions[LANG__MAX];	/* approval: in each language, or none in either */
	const char	*starts_on;	/* approval: first and last day, as typed */
	const char	*ends_on;
	int		 years;		/* 0: not chosen */
	long long	 year_total[MAX_YEARS];		/* kronor approved per year; -1 empty */
	long long	 amount[MAX_YEARS][CAT__MAX];	/* kronor per year and category; -1 empty */
};

/*
 * Checks a decision on an application of type (enum ptype) in round r
 * with its partner in country c, in language l. A rejection needs a
 * reason (not only blanks) in each language. An approval's conditions are
 * written in each language or in none. An approval: the years and amounts as the
 * application form's budget is checked (rules_check_amounts(): within
 * the round's rule for the type and the ceiling of the country's region,
 * each year's categories adding up to it), a first and a last day that
 * are dates, the last after the first, and no more nor fewer project
 * years than chosen between them (decision_plan()). Field ids: "outcome",
 * decision_reason_id[], decision_conditions_id[], "starts_on", "ends_on", and those of rules.h ("years",
 * "amount-Y"). Stores up to max problems in out in the form's order,
 * their texts from a; returns how many there are: 0 means it may be
 * recorded.
 */
size_t		 decision_check(struct arena *a, enum lang l,
		    const struct decision_input *in, int type,
		    const struct round *r, const struct country *c,
		    struct rule_error *out, size_t max);

/* Only an application ICLD has been sent (submitted, under review), and has not decided, can be decided. */
int		 decision_pending(const char *status);

#endif
