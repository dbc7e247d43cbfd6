/* iati.h - the Sida export: a project as kpp stores it, mapped to an IATI 2.03 activity, written with libxml2. */
#ifndef KPP_IATI_H
#define KPP_IATI_H

#include <stddef.h>

#include "core/calendar.h"
#include "core/kerr.h"
#include "domain/reimburse.h"

struct arena;
struct conf;

/*
 * What the mapping needs besides a project: who reports, and what day it
 * is. today decides which actual dates have happened (the programme's
 * today, never after the real one); now is the real clock, which IATI's
 * validator compares last-updated-datetime with, and the file's own date.
 */
struct iati_ctx {
	const char	*org_ref;	/* reporting-org/@ref, as configured */
	const char	*org_type;	/* its OrganisationType code */
	const char	*org_name;
	const char	*contact_email;
	const char	*public_url;	/* the portal's address, for the activities' public pages; "" when not set */
	const char	*sida_activity;	/* Sida's activity for the grant to ICLD; "" when not set */
	char		 today[11];	/* YYYY-MM-DD */
	char		 real_today[11];	/* the real date in Sweden, as the files' dates are Swedish days */
	char		 now[21];	/* YYYY-MM-DDTHH:MM:SSZ */
};

/* Fills ctx from the configuration, the programme's today (YYYY-MM-DD) and the real time now. */
void	iati_ctx_init(struct iati_ctx *ctx, const struct conf *c,
	    const char *today, long long now);

/* ---- a project as kpp stores it (db_iati.c reads it) ---------------------------------------------------- */

/* A Swedish member or a partner abroad taking part. */
struct iati_org {
	long long	 id;
	const char	*name;
	const char	*name_local;	/* partner: its name in its own language, or NULL */
	const char	*local_lang;	/* ISO 639-1 code of name_local */
	const char	*org_number;	/* Swedish member: NNNNNN-NNNN; NULL for partners */
	const char	*lat, *lng;	/* partner: the municipality's coordinates (WGS 84 decimal degrees), or NULL */
};

struct iati_sdg {
	int		 goal;		/* 1-17 */
	const char	*name;		/* the goal's English short name */
};

/* An approved project year: one budget, split where it runs over a year. */
struct iati_pyear {
	int		 year;		/* 1-3 */
	const char	*starts, *ends;	/* YYYY-MM-DD, both days included */
	long long	 amount;	/* SEK */
};

/* A disbursement, as paid. */
struct iati_payment {
	const char	*paid_on;
	long long	 amount;
	const char	*report_kind;	/* progress or final: the report it reimburses */
	int		 report_year;
};

/*
 * An approved report's financial lines: the costs it reports per cost
 * category beside the year's approved budget lines, from which the
 * mapping works out what ICLD judged eligible (reimburse_compute()).
 */
struct iati_spend {
	const char	*approved_on;	/* the day ICLD approved the report */
	const char	*report_kind;
	int		 report_year;
	long long	 actual[REIMBURSE_CATEGORIES];	/* the reported cost per category, a refund below 0; REIMBURSE_NONE: not given */
	long long	 line[REIMBURSE_CATEGORIES];	/* the year's approved budget line; -1: none */
};

/* Funds ICLD received from Sida for the project. */
struct iati_income {
	const char	*received_on;
	long long	 amount;
};

/* An indicator value stated by an approved report. */
struct iati_actual {
	int		 year;		/* the project year the report covers */
	int		 final;		/* from the final report, which supersedes the year's progress report */
	const char	*value;		/* decimal, or NULL (qualitative) */
	const char	*text;
};

struct iati_pindicator {
	const char	*name;
	const char	*measure;	/* unit, percentage or qualitative (indicators.measure) */
	const char	*unit;
	int		 ascending;
	const char	*baseline_value, *baseline_text;
	int		 baseline_year;	/* 0: not given */
	const char	*target_value, *target_text;
	struct iati_actual *actuals;
	size_t		 nactuals;
};

/* An expected result of one of the project objectives, with its indicators. */
struct iati_presult {
	const char	*objective;
	const char	*text;
	struct iati_pindicator *indicators;
	size_t		 nindicators;
};

struct iati_project {
	long long	 id, application_id;
	const char	*code;		/* 2016-0033 */
	const char	*type;		/* inception, project, three_party */
	const char	*status;	/* implementation, finalisation, closed, cancelled */
	const char	*planned_start, *planned_end;
	const char	*actual_start, *actual_end;	/* NULL until they happened */
	int		 gender_marker;	/* 0-4, -1 when not set */
	const char	*updated;	/* YYYY-MM-DDTHH:MM:SSZ: the latest change to it or its parts */
	const char	*title_sv, *title_en, *title_local, *title_local_lang;
	const char	*summary_sv, *summary_en, *summary_local;	/* summary_local in title_local_lang */
	const char	*country, *country_name;	/* ISO 3166-1 code and English name; NULL when none */
	const char	*country_langs;	/* the country's official languages: ISO 639-1 codes, comma-separated */
	const char	*capital_spend;	/* percentage, decimal */
	int		 published;	/* in the public file: approved and not withheld */
	long long	 theme_id;	/* 0: no thematic area */
	const char	*dac_code;	/* the thematic area's DAC sector */
	const char	*decided_on;	/* the decision's day: the commitment */
	const char	*follows;	/* code of the (inception) project it continues, or NULL */
	const char	**followed_by;	/* codes of the projects that continue it */
	size_t		 nfollowed_by;
	struct iati_org	 applicant;
	struct iati_org	*coapplicants;
	size_t		 ncoapplicants;
	struct iati_org	*partners;
	size_t		 npartners;
	struct iati_sdg	*sdgs;
	size_t		 nsdgs;
	struct iati_pyear *years;	/* by year */
	size_t		 nyears;
	struct iati_payment *payments;	/* by date paid */
	size_t		 npayments;
	struct iati_spend *spends;	/* by project year */
	size_t		 nspends;
	struct iati_income *incomes;	/* by date received */
	size_t		 nincomes;
	struct iati_presult *results;	/* in the results framework's order */
	size_t		 nresults;
};

/* ---- the activity as IATI sees it ---------------------------------------------------------------------- */

/* A narrative; lang NULL is the activity's default language (English). */
struct iati_narrative {
	const char	*lang;
	const char	*text;
};

#define IATI_MAXNARR	4

/* The narratives of one title, description, name or comment. */
struct iati_text {
	struct iati_narrative n[IATI_MAXNARR];
	size_t		 count;
};

/* Where the data behind an element is kept in kpp, and so where a problem with it is fixed. */
enum iati_field {
	IF_NONE = 0,		/* the configuration ([iati] in kpp.conf) */
	IF_PROJECT,		/* the project's status and dates */
	IF_BUDGET,		/* the approved project years */
	IF_PAYMENTS,		/* disbursements */
	IF_REPORTS,		/* reports and their financial lines and indicator values */
	IF_DECISION,		/* the decision (the commitment) */
	IF_APP_PROJECT,		/* the application: titles, summaries, thematic area, SDGs */
	IF_APP_PARTNERS,	/* the application: country and partners */
	IF_APP_RESULTS,		/* the application's results framework */
	IF_ORG,			/* an organisation's record */
	IF_THEME,		/* a thematic area's DAC code */
	IF_COUNTRY,		/* a country's official languages */
	IF_CAPITAL,		/* the project's capital spend (its page) */
	IF_FUNDS,		/* the funds received from Sida for the project (its page) */
	IF__MAX
};

struct iati_porg {
	int		 role;		/* OrganisationRole */
	const char	*ref;		/* NULL: none known */
	const char	*type;		/* OrganisationType, or NULL */
	struct iati_text name;
	const char	*activity_id;	/* the organisation's own activity that this one is part of, or NULL */
	long long	 org_id;	/* kpp's organisation, 0 for Sida and ICLD */
};

struct iati_date {
	int		 type;		/* ActivityDateType 1-4 */
	const char	*date;
};

struct iati_sector {
	const char	*code;
	int		 percentage;
};

/* A budget period; part > 0 when a project year longer than a year was split (part of parts). */
struct iati_budget {
	const char	*start, *end, *value_date;
	long long	 value;
	int		 year;		/* the project year it comes from */
	int		 part, parts;
	const char	*year_start, *year_end;	/* the project year as stored */
};

enum iati_ttype {
	IATI_INCOMING = 1,
	IATI_COMMITMENT = 2,
	IATI_DISBURSEMENT = 3,
	IATI_EXPENDITURE = 4
};

struct iati_transaction {
	int		 type;		/* TransactionType */
	const char	*date;		/* transaction-date and value-date */
	long long	 value;
	const char	*description;
	int		 receiver;	/* 1: the Swedish member receives it from ICLD */
	int		 from_sida;	/* 1: ICLD receives it from Sida (incoming funds) */
	int		 seq;		/* the order read, which orders a day's transactions of one type */
};

struct iati_period {
	const char	*start, *end;
	const char	*target, *target_comment;	/* NULL: no target in this period */
	const char	*actual, *actual_comment;	/* NULL: none reported */
	int		 has_target, has_actual;
};

struct iati_indicator {
	int		 measure;	/* IndicatorMeasure: 1 unit, 2 percentage, 5 qualitative */
	int		 ascending;	/* -1: not said (qualitative) */
	struct iati_text title;
	struct iati_text description;
	int		 baseline_year;	/* 0: no baseline element */
	const char	*baseline_value, *baseline_comment;
	struct iati_period *periods;
	size_t		 nperiods;
};

struct iati_result {
	int		 type;		/* ResultType */
	struct iati_text title;
	struct iati_text description;
	struct iati_indicator *indicators;
	size_t		 nindicators;
};

/* Where the activity happens: a partner municipality. */
struct iati_location {
	struct iati_text name;
	const char	*pos;		/* "lat lng" (WGS 84), or NULL when the partner has no coordinates */
	long long	 org_id;	/* the partner organisation it comes from */
};

/* A web page or document about the activity. */
struct iati_doclink {
	const char	*url;
	const char	*format;	/* a MIME type (FileFormat codelist) */
	const char	*category;	/* DocumentCategory */
	struct iati_text title;
	const char	*langs[IATI_MAXNARR];	/* the languages the page is in */
	size_t		 nlangs;
};

struct iati_related {
	const char	*ref;
	int		 type;		/* RelatedActivityType */
};

struct iati_activity {
	const struct iati_project *src;	/* what it was mapped from: the links to fix things */
	const char	*identifier;
	const char	*last_updated;
	const char	*lang;		/* xml:lang default */
	const char	*currency;	/* default-currency */
	const char	*reporting_ref, *reporting_type;
	struct iati_text reporting_name;
	struct iati_text title;
	struct iati_text description;	/* type 1, general */
	struct iati_porg *orgs;
	size_t		 norgs;
	int		 status;	/* ActivityStatus, 0 when the project's status has none */
	struct iati_date dates[4];
	size_t		 ndates;
	const char	*contact_org, *contact_email;
	const char	*country, *country_name;
	const char	*country_langs;	/* its official languages, as the project's country has them */
	int		 country_percentage;
	struct iati_location *locations;
	size_t		 nlocations;
	struct iati_sector sectors[4];
	size_t		 nsectors;
	struct iati_sdg	*tags;		/* SDG goals, tag vocabulary 2 */
	size_t		 ntags;
	int		 gender_significance;	/* PolicySignificance, -1: no marker */
	const char	*collaboration, *flow, *finance, *aid;
	struct iati_budget *budgets;
	size_t		 nbudgets;
	const char	*capital_spend;	/* percentage */
	struct iati_transaction *transactions;	/* by date */
	size_t		 ntransactions;
	struct iati_doclink *doclinks;
	size_t		 ndoclinks;
	struct iati_related *related;
	size_t		 nrelated;
	struct iati_result *results;
	size_t		 nresults;
	/* Actual dates still to come, which the activity leaves out ("not yet"), for the rules to tell. */
	const char	*future_actual_start, *future_actual_end;
};

/*
 * Maps project p to the activity it is exported as, every string cleaned
 * for XML (iati_text_clean) and allocated in a, as are the activity's
 * arrays; out->src is p, which must live as long as out.
 */
void	iati_map(struct arena *a, const struct iati_ctx *ctx,
	    const struct iati_project *p, struct iati_activity *out);

/* ---- the parts of the mapping, for the rules and the tests -------------------------------------------- */

/*
 * Whether s has anything but XML's white space (space, tab, CR, LF): an empty narrative is no
 * narrative, and the mapping leaves it out. A no-break space is text to XML.
 */
int		 iati_has_text(const char *s);

/* Whether t has a narrative with text (iati_has_text()): IATI's rules 4.3.1, 4.4.1. */
int		 iati_has_narrative(const struct iati_text *t);

/*
 * s as text XML 1.0 allows: bytes that are not UTF-8 become U+FFFD, and
 * the characters XML 1.0 forbids (controls but tab, newline and carriage
 * return; U+FFFE, U+FFFF; lone surrogates) are left out. NULL stays NULL;
 * s itself when it needs nothing, else a copy in a.
 */
const char	*iati_text_clean(struct arena *a, const char *s);

/*
 * Splits total into n parts in proportion to weights (all >= 0, not all
 * 0), whole numbers that add up to exactly total: each gets the floor of
 * its share, and what is left goes one by one to the largest remainders
 * (the earlier on a tie). With all weights 0 the parts are equal.
 */
void		 iati_apportion(long long total, const long long *weights,
		    size_t n, long long *out);

/*
 * The periods of at most a year that cover start..end (both days
 * included) one after the other: start to the day before start + 1 year,
 * then on from there, by the calendar as IATI's rule 7.5.3 counts (a
 * period is short enough when start + 1 year >= end). Writes at most max
 * periods into out (a start and an end each) and returns how many there
 * are; end before start gives the one period as it is, for the rules to
 * report.
 */
size_t		 iati_split_year(struct ymd start, struct ymd end,
		    struct ymd (*out)[2], size_t max);

/* Whether start..end is no longer than IATI's rule 7.5.3 allows: start + 1 year >= end. */
int		 iati_period_ok(struct ymd start, struct ymd end);

/* Parses YYYY-MM-DD (a real date). Returns 0, or -1. */
int		 iati_date_parse(const char *s, struct ymd *out);

/* ---- writing -------------------------------------------------------------------------------------------- */

struct iati_writer;

/* Where the bytes go: returns len, or -1 to stop the export (a full disk, a client gone). */
typedef int	(*iati_out_fn)(void *arg, const char *buf, int len);

/* An iati_out_fn that writes to the file descriptor *(int *)arg, all of buf or -1 (errno set). */
int		 iati_fd_out(void *arg, const char *buf, int len);

/*
 * Starts an iati-activities document (version 2.03, generated-datetime
 * generated) written through out. Returns NULL when libxml2 cannot start.
 */
struct iati_writer	*iati_writer_new(iati_out_fn out, void *arg,
			    const char *generated);

/* Writes one iati-activity. KERR_SYSTEM when the output failed. */
enum kerr	 iati_write_activity(struct iati_writer *w,
		    const struct iati_activity *act);

/*
 * Ends the document, flushes and frees w. Returns KERR_OK, or KERR_SYSTEM
 * when anything written since the start failed.
 */
enum kerr	 iati_writer_end(struct iati_writer *w);

/* Frees w without ending the document (after a failure elsewhere). */
void		 iati_writer_free(struct iati_writer *w);

/* ---- the whole export --------------------------------------------------------------------------------- */

/* Which projects: all of them, those active in a year, or one. */
struct iati_filter {
	int		 year;		/* 0: any */
	const char	*code;		/* NULL: any */
	int		 published;	/* 1: only published projects (approved, not withheld), as the public files */
};

/*
 * Visits the activity of every project the filter selects, in code
 * order, reading the projects a page at a time so that memory does not
 * grow with their number: fn(arg, activity) for each, with the activity
 * and its project in a scratch arena that is reset after each page.
 * fn returns KERR_OK to go on. Returns KERR_OK, KERR_DB, or fn's error.
 * cache_version > 0 lets the database layer answer from the worker's
 * result cache (one project's page); 0 reads fresh.
 */
typedef enum kerr (*iati_visit_fn)(void *arg, const struct iati_activity *act);
enum kerr	 iati_each(const char *reqid, const struct iati_ctx *ctx,
		    const struct iati_filter *f, unsigned long long cache_version,
		    iati_visit_fn fn, void *arg);

/*
 * Writes the document of every activity the filter selects through out.
 * Returns KERR_OK, KERR_DB (nothing is sure to be complete: the caller
 * throws the output away) or KERR_SYSTEM (the output failed).
 * *count gets the number of activities written.
 */
enum kerr	 iati_export(const char *reqid, const struct iati_ctx *ctx,
		    const struct iati_filter *f, iati_out_fn out, void *arg,
		    size_t *count);

/*
 * Writes ICLD's iati-organisations 2.03 document through out, from the
 * activities the filter selects: the budget per calendar year (each
 * budget period split over the years it touches by its days), per
 * recipient country and year, and the expenditure (what ICLD paid out)
 * per year. Memory grows with years and countries, not projects.
 * Returns KERR_OK, KERR_DB, KERR_NOMEM or KERR_SYSTEM, as iati_export.
 */
enum kerr	 iati_org_export(const char *reqid, const struct iati_ctx *ctx,
		    const struct iati_filter *f, iati_out_fn out, void *arg);

/*
 * Parses a ?year= value: four digits, 1900-2999. Returns the year, or 0
 * for anything else (NULL included).
 */
int		 iati_year_parse(const char *s);

#endif
