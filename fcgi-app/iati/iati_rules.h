/* iati_rules.h - the checks of IATI's standard ruleset, by their rule ids, and the schema, run on kpp's activities. */
#ifndef KPP_IATI_RULES_H
#define KPP_IATI_RULES_H

#include <stddef.h>

#include "iati/iati.h"

struct arena;

enum iati_severity {
	IATI_ERROR = 0,		/* IATI's validator refuses the activity */
	IATI_WARNING,		/* it accepts it, but something should be fixed */
	IATI_SEVERITY__MAX
};

struct iati_problem {
	const char	*rule;		/* IATI's rule id (7.5.3); "schema"; "codelist" for a code IATI does not list */
	enum iati_severity severity;
	const char	*message;	/* msgid: English, translated where shown */
	const char	*detail;	/* the values concerned (dates, codes, the schema's words), or NULL */
	enum iati_field	 field;
	const char	*href;		/* kpp's page where it is fixed; NULL: the configuration */
};

/* A growing list of problems in an arena. */
struct iati_problems {
	struct arena	*a;
	struct iati_problem *v;
	size_t		 n, cap;
	size_t		 errors;	/* how many of them are IATI_ERROR */
};

void	iati_problems_init(struct iati_problems *p, struct arena *a);

/*
 * Runs the checks of IATI's standard ruleset (rulesets/standard.json)
 * that kpp's activities can fail on the activity as it is written, adds
 * what fails to out, with the rule's id and message, the values, and the
 * kpp page to fix it on; and the changes the mapping had to make (a
 * project year split, actual dates still to come) as warnings under the
 * rule they keep the file within. ctx->now is what "in the future" is
 * measured against, as IATI's validator does.
 */
void	iati_check(const struct iati_ctx *ctx, const struct iati_activity *act,
	    struct iati_problems *out);

/* The path of kpp's page where field of act is fixed (id: the organisation or thematic area), or NULL. */
const char	*iati_href(struct arena *a, const struct iati_activity *act,
		    enum iati_field field, long long id);

/*
 * Validates act, written alone in an iati-activities document, against
 * the IATI 2.03 schema in dir (iati-activities-schema.xsd and what it
 * includes), which is parsed on first use and kept for the life of the
 * process. Adds each schema error to out (at most a few). Returns 1 when
 * it validated, 0 when the schema cannot be read (logged once; out is
 * unchanged).
 */
int	iati_schema_check(const char *dir, const char *reqid,
	    const struct iati_activity *act, struct iati_problems *out);

#endif
