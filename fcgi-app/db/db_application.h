/* db_application.h - loading one whole application (every section) in one round trip, confined to an organisation. */
#ifndef KPP_DB_APPLICATION_H
#define KPP_DB_APPLICATION_H

#include <stddef.h>

#include "core/i18n.h"
#include "core/kerr.h"
#include "domain/application.h"

struct arena;
struct req;

/* A partner organisation abroad as the application names it. */
struct partner_info {
	long long	 id;
	const char	*name;		/* official name, in English */
	const char	*name_local;	/* in the partner's own language, or NULL */
	const char	*local_lang;	/* ISO 639-1 of name_local, or NULL */
	const char	*kind;		/* municipality, county, city, province, district, other */
	const char	*country;	/* ISO code of the organisation's country */
	const char	*country_sv, *country_en;
};

/* A Swedish co-applicant. */
struct coapplicant {
	long long	 id;
	const char	*name;
};

/*
 * What a page showing an application needs beyond struct application:
 * names for its ids, and where it stands. Strings belong to the request's
 * arena; any of them may be NULL when the application has none.
 */
struct application_extra {
	const char	*round_sv, *round_en;
	int		 round_year;
	const char	*type;		/* inception, project, three_party; NULL until chosen */
	const char	*org_name;	/* the Swedish applicant */
	struct coapplicant *coapplicants;	/* in Swedish name order */
	size_t		 ncoapplicants;
	struct partner_info partner[MAX_PARTNERS];	/* index = position - 1, as a->partner */
	size_t		 npartners;	/* the highest position given */
	const char	*country_sv, *country_en;	/* the application's country */
	const char	*country_languages;	/* its official languages (struct country's languages) */
	const char	*theme_sv, *theme_en;
	const char	*title_local_lang;	/* ISO 639-1 of title_local and summary_local */
	const char	*sdg_sv[18], *sdg_en[18];	/* names of the goals chosen, by number */
	const char	*submitted;	/* YYYY-MM-DD of the last submission, or NULL */
	const char	*project_code;	/* the project it became, when approved */
	const char	*follows_code;	/* the project it continues, as the applicant states it */
	const char	*decision;	/* approve, reject, or NULL before a decision */
	const char	*decision_reason[LANG__MAX];	/* by language, as each decision letter gives it; never a review */
	const char	*decided;	/* YYYY-MM-DD */
};

/*
 * Loads application id with every section into a (struct application,
 * see application.h) and what a page needs beyond it into x (may be
 * NULL), in one statement through the result cache. org_id 0 means ICLD
 * (any application); otherwise it must be that organisation's, else
 * KERR_NOTFOUND, as for an id that does not exist. KERR_DB when the
 * database fails (logged). Everything lives in ar.
 *
 * What the tables hold becomes:
 *   - lists in their display order: partners by position (a->partner[i]
 *     is position i + 1; 0 when none), objectives, expected results and
 *     indicators by position, team members by side (Swedish first) then
 *     as entered;
 *   - an indicator's baseline and target as text: the value without
 *     trailing zeros ("12.5", "6", a decimal point) when the column holds
 *     a number, else the text column;
 *   - amounts: year_total[y] from application_years, amount[y][c] from
 *     application_budget_lines, -1 where there is no row (or, for
 *     year_total, the row's amount is NULL: costs typed before it);
 *   - citizen_dialogue -1 when not answered, type -1 when not chosen;
 *   - done[]: SEC_PARTNERS done_partners; SEC_PROJECT done_description
 *     and done_focus both; SEC_RESULTS, SEC_TEAM, SEC_BUDGET and
 *     SEC_CONTACT their own column (done_basics, the type and duration
 *     chosen, is not a section of its own). A form that stores done[]
 *     writes it back the same way.
 *   - other_costs from applications.other_costs (sql/0009).
 */
enum kerr	db_application_load(struct arena *ar, const char *reqid,
		    unsigned long long data_version, long long id, long long org_id,
		    struct application *a, struct application_extra *x);

/*
 * An indicator value as text: a DECIMAL column's "12.50" as "12.5" and
 * "6.00" as "6" (in place: the string is a result's, in the arena);
 * the text column when the value is NULL.
 */
const char	*db_value_text(char *value, const char *text);

/*
 * Withdraws application id of organisation org_id, seen at version, before
 * any decision (from draft, submitted or under review), writing its audit
 * row in the same transaction. Returns KERR_OK; KERR_NOTFOUND when it is
 * not that organisation's; KERR_CONFLICT when its version moved on or it
 * can no longer be withdrawn: *status then holds its current status
 * ("withdrawn" when this is a re-sent request). *status is in r's arena.
 */
enum kerr	db_application_withdraw(struct req *r, long long id, long long org_id,
		    unsigned version, const char **status);

/*
 * Deletes application id of organisation org_id for good, seen at
 * version: only a draft that was never submitted (status draft, or
 * withdrawn before it was ever submitted), which nobody but the
 * organisation has seen. Its parts go with it, the rows of its files too,
 * and its audit row (what it was, for the log to name it) is written in
 * the same transaction. Returns KERR_OK; KERR_NOTFOUND when the
 * organisation has no such application, *gone then saying whether it was
 * the organisation's and deleted (a request sent again); KERR_CONFLICT
 * when its version moved on; KERR_FORBIDDEN when it was submitted once.
 */
enum kerr	db_application_delete(struct req *r, long long id, long long org_id,
		    unsigned version, int *gone);

#endif
