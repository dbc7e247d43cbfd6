/* db_project.h - reading one project with everything its page shows, confined to an organisation. */
#ifndef KPP_DB_PROJECT_H
#define KPP_DB_PROJECT_H

#include <stddef.h>

#include "core/kerr.h"
#include "domain/application.h"

struct audit_entry;
struct arena;
struct req;

/* A partner organisation abroad. */
struct project_partner {
	const char	*name, *name_local, *local_lang;	/* local name and its ISO 639-1 code may be NULL */
	const char	*kind;					/* organisations.kind */
	const char	*country_sv, *country_en;
};

/* A project this one continues (later = 0), or one that continues this one (later = 1). */
struct project_link {
	const char	*code;
	const char	*title_sv, *title_en;
	int		 later;
};

struct project_year {
	int		 year;
	const char	*starts, *ends;			/* YYYY-MM-DD */
	long long	 amount;			/* approved for the year */
	long long	 line[CAT__MAX];		/* approved per cost category; -1 where none is stored */
	long long	 actual[CAT__MAX];		/* costs in its progress report, refunds below 0; REIMBURSE_NONE where none is given */
};

struct project_report {
	long long	 id;
	const char	*kind, *status, *due;		/* kind: progress or final; due: YYYY-MM-DD */
	int		 year;				/* the project year covered */
	long long	 days_left;			/* due date minus the programme's today */
};

struct project_payment {
	const char	*paid_on;			/* YYYY-MM-DD */
	long long	 amount;
	long long	 report_id;
	const char	*report_kind;
	int		 report_year;
};

/* Money ICLD received from Sida for the project (incoming_funds). */
struct project_fund {
	long long	 id;
	const char	*received_on;			/* YYYY-MM-DD */
	long long	 amount;			/* kronor */
	const char	*note;				/* internal (ICLD's), or NULL */
};

struct project_view {
	const char	*code;
	unsigned	 version;
	const char	*cancelled_reason;		/* NULL unless cancelled */
	int		 withheld;			/* 1: ICLD keeps it off the public register */
	const char	*withheld_reason;		/* why (internal); NULL unless withheld */
	const char	*capital_spend;			/* % of the budget spent on capital: "0", "12.5" */
	const char	*decided_on;			/* YYYY-MM-DD of the decision (UTC), or NULL */
	long long	 application_id;
	const char	*title_sv, *title_en;
	const char	*status;
	const char	*planned_start, *planned_end;
	const char	*actual_start, *actual_end;	/* NULL until the project started, ended */
	const char	*country_sv, *country_en;
	const char	*org_name;			/* the Swedish applicant */
	const char	*type;				/* project type code */
	const char	*round_sv, *round_en;
	const char	*theme_sv, *theme_en;		/* NULL when the application named none */
	const char		**coapplicants;		/* Swedish co-applicants' names, by name */
	size_t			 ncoapplicants;
	struct project_partner	*partners;		/* in the application's order */
	size_t			 npartners;
	struct project_link	*links;			/* earlier ones first */
	size_t			 nlinks;
	struct project_year	*years;			/* by year */
	size_t			 nyears;
	struct project_report	*reports;		/* by due date */
	size_t			 nreports;
	struct project_payment	*payments;		/* by date paid */
	size_t			 npayments;
	struct project_fund	*funds;			/* by date received */
	size_t			 nfunds;
	struct audit_entry	*trail;			/* newest first; only when asked for */
	size_t			 ntrail;
};

/*
 * The project with code (such as 2016-0033), when org_id is 0 (ICLD and
 * Sida) or its applicant is org_id: KERR_NOTFOUND otherwise, as other
 * organisations' records don't exist for an applicant; the projects it is
 * linked with likewise only when they are org_id's. With trail, also the
 * audit rows about the project, its decision, its reports and payments:
 * never a review's, which only ICLD's officers may read (on /audit).
 * Reports' days_left count from today (YYYY-MM-DD). One statement, cached
 * at data_version. Strings live in a.
 */
enum kerr	db_project_get(struct arena *a, const char *reqid,
		    unsigned long long data_version, const char *code, long long org_id,
		    const char *today, int trail, struct project_view *out);

/*
 * Cancels project code, seen at version, for reason: its status becomes
 * cancelled and its actual end today (YYYY-MM-DD; none when it never
 * started), with its audit row, in one transaction. Its reports owe
 * nothing from then on. Returns KERR_OK; KERR_NOTFOUND; KERR_CONFLICT
 * when its version moved on; KERR_FORBIDDEN when it is closed or
 * cancelled already. *status is its status now, in r's arena.
 */
enum kerr	db_project_cancel(struct req *r, const char *code, unsigned version,
		    const char *reason, const char *today, const char **status);

/*
 * Withholds project code from publication (withhold 1, for reason) or
 * publishes it again (withhold 0), seen at version: projects.withheld and
 * withheld_reason, with its audit row, in one transaction. The public
 * register (db_public.c) and files leave a withheld project out. Returns
 * KERR_OK, also when the project is in that state already for the same
 * reason (a form sent twice); KERR_NOTFOUND; KERR_CONFLICT when its
 * version moved on.
 */
enum kerr	db_project_set_withheld(struct req *r, const char *code, unsigned version,
		    int withhold, const char *reason);

/*
 * Sets project code's capital spend (percent, a decimal literal from 0 to
 * 100 with at most two decimals), seen at version, with its audit row
 * (project.capital_spend), in one transaction. Returns KERR_OK, also when
 * it holds that value already (a form sent twice); KERR_NOTFOUND;
 * KERR_CONFLICT when its version moved on.
 */
enum kerr	db_project_set_capital(struct req *r, const char *code, unsigned version,
		    const char *percent);

/*
 * Records amount kronor received from Sida on received_on (YYYY-MM-DD)
 * for project code, seen at version, with note (NULL for none): a row of
 * incoming_funds and its audit row (project.funds_record), and the
 * project's version moved on, in one transaction, so that the same form
 * sent again finds it recorded. Returns KERR_OK, also when the version
 * moved on and the same funds were recorded by this person (a form sent
 * twice); KERR_NOTFOUND; KERR_CONFLICT when the version moved on otherwise.
 */
enum kerr	db_project_fund_record(struct req *r, const char *code, unsigned version,
		    const char *received_on, long long amount, const char *note);

/*
 * Removes incoming funds fund_id of project code with its audit row
 * (project.funds_remove) in one transaction. Returns KERR_OK;
 * KERR_NOTFOUND when the project has no such funds (removed already).
 */
enum kerr	db_project_fund_remove(struct req *r, const char *code, long long fund_id);

#endif
