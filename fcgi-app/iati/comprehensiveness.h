/*
 * comprehensiveness.h - IATI's Dashboard's comprehensiveness tests, as the Dashboard scores a publisher
 * (its "Comprehensiveness" methodology: which activities are current, and for each of them which kinds
 * of data it carries), computed on kpp's activities before they are published, with where to fix each miss.
 */
#ifndef KPP_COMPREHENSIVENESS_H
#define KPP_COMPREHENSIVENESS_H

#include <stddef.h>

#include "iati/iati.h"

struct arena;

/* The tests, in the Dashboard's order: core, financials, value added. */
enum comp_test {
	CT_VERSION,
	CT_REPORTING_ORG,
	CT_IDENTIFIER,
	CT_PARTICIPATING_ORG,
	CT_TITLE,
	CT_DESCRIPTION,
	CT_STATUS,
	CT_DATE,
	CT_SECTOR,
	CT_COUNTRY,
	CT_COMMITMENT,
	CT_SPEND,
	CT_TRACEABILITY,
	CT_BUDGET,
	CT_CONTACT,
	CT_LOCATION,
	CT_COORDINATES,
	CT_DAC_SECTOR,
	CT_CAPITAL_SPEND,
	CT_DOCUMENT,
	CT_AID_TYPE,
	CT_RECIPIENT_LANGUAGE,
	CT_RESULT_INDICATOR,
	CT__MAX
};

enum comp_group {
	CG_CORE,
	CG_FINANCIALS,
	CG_VALUE_ADDED,
	CG__MAX
};

struct comp_test_info {
	const char	*slug;		/* the Dashboard's name of the test (transaction_spend) */
	const char	*name;		/* msgid: its heading on the Dashboard */
	enum comp_group	 group;
};

extern const struct comp_test_info comp_tests[CT__MAX];

/* What one activity scores: per test whether it counts (the denominator) and whether it passes. */
struct comp_score {
	int		 current;		/* counted at all: a current activity */
	int		 applies[CT__MAX];	/* in the test's denominator */
	int		 passes[CT__MAX];	/* in its numerator (only where it applies) */
	enum iati_field	 fix[CT__MAX];		/* where a miss is fixed */
	long long	 fix_id[CT__MAX];	/* the organisation, thematic area, ... of fix */
};

/*
 * Whether act is current on today (YYYY-MM-DD), as the Dashboard decides:
 * no planned end and the status implementing (2) or closed (4); or an
 * actual end within the year up to today; or a planned end not before
 * today.
 */
int	comp_is_current(const struct iati_activity *act, const char *today);

/*
 * Scores act on today. Tests that do not apply to it (the activity is not
 * current; it started less than 365 days ago, for disbursements or
 * expenditure; it has no incoming funds and its publisher is not its
 * funder, for traceability; it has not exactly one recipient country, for
 * the recipient language) have applies 0.
 */
void	comp_score_activity(const struct iati_activity *act, const char *today,
	    struct comp_score *out);

/* The pieces the tests are made of, for the unit tests. */

/* "lat lng": two decimal numbers separated by one space, in range, not both 0. */
int	comp_valid_coords(const char *pos);

/* An absolute http or https URL with a host and no white space. */
int	comp_valid_url(const char *url);


/* ---- a publisher's summary ------------------------------------------------------------------------ */

/* The activities that miss a test, for the export page to list. */
struct comp_miss {
	const char	*code;		/* the project */
	const char	*href;		/* where to fix it, or NULL (the configuration) */
	enum iati_field	 field;
};

#define COMP_MISSES_KEPT	20

struct comp_summary {
	struct arena	*a;		/* where the misses' strings are kept */
	size_t		 activities;	/* every activity seen */
	size_t		 current;
	size_t		 denominator[CT__MAX];
	size_t		 numerator[CT__MAX];
	struct comp_miss misses[CT__MAX][COMP_MISSES_KEPT];
	size_t		 nmisses[CT__MAX];	/* all of them, kept or not */
};

void	comp_summary_init(struct comp_summary *s, struct arena *a);

/* Scores act on today and adds it to s. */
void	comp_summary_add(struct comp_summary *s, const struct iati_activity *act,
	    const char *today);

/*
 * The Dashboard's percentage of test t: numerator over denominator,
 * rounded half up to a whole number; -1 when nothing applies.
 */
int	comp_percent(const struct comp_summary *s, enum comp_test t);

/*
 * The average of a group's percentages, rounded half up, as the Dashboard
 * weighs them: a test that applies to no activity counts as 0.
 */
int	comp_group_average(const struct comp_summary *s, enum comp_group g);

#endif
