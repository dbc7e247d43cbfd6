/* db_decision.h - ICLD's decision on an application: recording it with the project an approval creates, changing it, reading it. */
#ifndef KPP_DB_DECISION_H
#define KPP_DB_DECISION_H

#include <stddef.h>

#include "core/kerr.h"
#include "db/db_outbox.h"
#include "domain/application.h"
#include "domain/decision.h"

struct arena;
struct req;

/* An approved project year with its budget lines. */
struct decision_year {
	int		 year;
	const char	*starts_on, *ends_on;	/* YYYY-MM-DD */
	long long	 amount;
	long long	 line[CAT__MAX];	/* kronor per category; -1 where there is no line */
};

/* A report the project owes. */
struct decision_report {
	const char	*kind;		/* progress, final */
	int		 year;		/* the project year covered (the last one for the final report) */
	const char	*due_on;	/* YYYY-MM-DD */
	const char	*status;	/* draft, submitted, approved, returned */
};

/* A decision as the pages and the letter show it. Strings are in the request's arena. */
struct decision_view {
	long long	 id;		/* 0: the application has no decision */
	unsigned	 version;
	const char	*outcome;	/* approve, reject */
	const char	*reason[LANG__MAX];	/* a rejection's, by language (enum lang); NULL: not written */
	const char	*conditions[LANG__MAX];	/* an approval's, by language; NULL: none */
	long long	 decided_by;
	const char	*decided_by_name;
	const char	*decided_on;	/* YYYY-MM-DD (UTC): the letter's date, the IATI commitment's */
	/* An approval's project. */
	long long	 project_id;
	const char	*code;
	const char	*starts_on, *ends_on;
	long long	 follows_id;	/* the inception project it continues, or 0 */
	const char	*follows_code;
	struct decision_year year[MAX_YEARS];
	int		 nyears;
	long long	 total;		/* all years: the commitment */
	struct decision_report *reports;	/* progress reports by year, then the final one */
	size_t		 nreports;
	int		 locked;	/* a report submitted or a payment made: amounts and dates stay as they are */
};

/*
 * The decision on application app_id, with its project, years, budget
 * lines and reports, through the result cache. out->id is 0 when there
 * is none. Returns KERR_OK or KERR_DB.
 */
enum kerr	db_decision_get(struct req *r, long long app_id,
		    struct decision_view *out);

/* An inception project an approval may say it continues. */
struct decision_inception {
	long long	 id;
	const char	*code;
	const char	*title_sv, *title_en;
};

/*
 * The inception projects of organisation org_id, by code, into *out (the
 * request's arena). Returns KERR_OK or KERR_DB.
 */
enum kerr	db_decision_inceptions(struct arena *a, const char *reqid,
		    unsigned long long data_version, long long org_id,
		    struct decision_inception **out, size_t *n);

/* What a decision records. */
struct decision_record {
	enum decision_outcome outcome;
	const char	*reason[LANG__MAX];	/* a rejection's, by language (enum lang), required */
	const char	*conditions[LANG__MAX];	/* an approval's, by language; NULL or blank: none */
	long long	 follows_id;	/* an approval's inception project; 0: none */
	struct ymd	 start, end;	/* an approval's first and last day */
	struct decision_plan plan;	/* its years and reports, from decision_plan() */
	long long	 year_total[MAX_YEARS];		/* kronor per year */
	long long	 amount[MAX_YEARS][CAT__MAX];	/* kronor per year and category; -1 counts as 0 */
};

/* Where an application stood when a decision on it was refused. */
struct decision_clash {
	const char	*status;	/* its status now */
	unsigned	 version;	/* its version now */
	long long	 decided_by;	/* who decided on it, once decided; else 0 */
	const char	*outcome;	/* and how (approve, reject); else NULL */
};

/*
 * Where application app_id stands now, read fresh in one statement (the
 * result cache may hold an older state): its status, version, and who
 * decided on it how. KERR_OK; KERR_NOTFOUND; KERR_DB.
 */
enum kerr	db_decision_state(struct arena *a, const char *reqid, long long app_id,
		    struct decision_clash *out);

/*
 * Records decision d on application app_id, seen at version, in one
 * transaction: the decision row (decided now, by the session's user), the
 * application's status (approved or rejected, its version bumped), and for
 * an approval the project with the next code of the round's year
 * (project_id_sequences, locked while it is read and moved on), its
 * years, budget lines and reports due; audit rows decision.approve or
 * decision.reject (and project.create) with before and after; and mail,
 * the decision's e-mail to the organisation, queued. Stores the
 * project's code in *code for an approval (NULL for a rejection).
 * Returns KERR_OK; KERR_NOTFOUND; KERR_CONFLICT when the application is
 * no longer submitted or under review, or its version moved on (clash
 * says where it stands; nothing is written); KERR_INVALID when the
 * round's year has given all its 9999 codes; KERR_DB.
 */
enum kerr	db_decision_create(struct req *r, long long app_id,
		    unsigned version, const struct decision_record *d,
		    const struct outbox_send *mail, struct decision_clash *clash,
		    const char **code);

/*
 * Changes the decision on application app_id, seen at version: a
 * rejection's reason; an approval's conditions and inception project, and
 * when budget is nonzero its dates, years and amounts (the project's
 * years, budget lines and reports due follow, a year dropped losing its
 * progress report). One transaction with an audit row (decision.update,
 * before and after). d->outcome must be the decision's. Returns KERR_OK;
 * KERR_NOTFOUND when there is no decision; KERR_CONFLICT when its version
 * moved on (*current holds the one stored); KERR_INVALID when budget is
 * asked for but the project has a submitted report or a payment; KERR_DB.
 */
enum kerr	db_decision_update(struct req *r, long long app_id,
		    unsigned version, const struct decision_record *d, int budget,
		    unsigned *current);

#endif
