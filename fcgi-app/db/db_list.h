/* db_list.h - the admin lists' SQL: the inbox of submitted applications and the list of projects. */
#ifndef KPP_DB_LIST_H
#define KPP_DB_LIST_H

#include <stddef.h>

#include "core/kerr.h"
#include "db/db.h"

struct arena;
struct req;

/*
 * The orders the lists can be sorted in, one prepared statement each per
 * direction: the statement texts are fixed at compile time, so a sort
 * column chosen in the query string picks a statement, never SQL text.
 * Names in two languages sort by the reader's, hence _SV and _EN.
 */
enum inbox_sort {
	INBOX_SORT_REF = 0,
	INBOX_SORT_TITLE_SV,
	INBOX_SORT_TITLE_EN,
	INBOX_SORT_ORG,
	INBOX_SORT_COUNTRY_SV,
	INBOX_SORT_COUNTRY_EN,
	INBOX_SORT_TYPE,
	INBOX_SORT_THEME_SV,
	INBOX_SORT_THEME_EN,
	INBOX_SORT_ROUND,
	INBOX_SORT_AMOUNT,
	INBOX_SORT_SUBMITTED,
	INBOX_SORT_STATUS,
	INBOX_SORT__MAX
};

enum project_sort {
	PROJECT_SORT_CODE = 0,
	PROJECT_SORT_TITLE_SV,
	PROJECT_SORT_TITLE_EN,
	PROJECT_SORT_ORG,
	PROJECT_SORT_COUNTRY_SV,
	PROJECT_SORT_COUNTRY_EN,
	PROJECT_SORT_TYPE,
	PROJECT_SORT_ROUND,
	PROJECT_SORT_START,
	PROJECT_SORT_BUDGET,
	PROJECT_SORT_STATUS,
	PROJECT_SORT__MAX
};

enum report_sort {
	REPORT_SORT_CODE = 0,
	REPORT_SORT_ORG,
	REPORT_SORT_COUNTRY_SV,
	REPORT_SORT_COUNTRY_EN,
	REPORT_SORT_KIND,		/* progress reports by year, then final reports */
	REPORT_SORT_ROUND,
	REPORT_SORT_DUE,
	REPORT_SORT_SUBMITTED,
	REPORT_SORT_STATUS,
	REPORT_SORT__MAX
};

/*
 * The filters of both lists (the projects list by its projects'
 * applications), each a value already checked against its allow-list by
 * the handler (ids in decimal, a country code, an enum value), or NULL for
 * "all"; status is the application's in the inbox, in the projects list
 * the one the project shows on the day the list is asked for
 * (DB_PROJECT_STATUS: "approved" until its first day). They are bound as
 * parameters.
 */
struct app_filter {
	const char	*round, *status, *type, *country, *theme, *org;
};

struct list_count {
	const char	*status;
	long long	 n;
};

/*
 * What a list page shows besides its rows: the choices of its select
 * boxes, in the reader's language and alphabetical order in it (rounds
 * newest first), and the number of rows in each status under the other
 * filters (all but status). Lists not used by a list are empty.
 */
struct list_meta {
	struct db_option	*rounds, *countries, *themes, *orgs;	/* values: round, country code, theme, organisation id */
	size_t			 nrounds, ncountries, nthemes, norgs;
	struct list_count	*counts;
	size_t			 ncounts;
};

/* What a row of either list shows of its application (a project's, in the projects list). */
struct list_app {
	const char	*title_sv, *title_en;
	const char	*org;
	const char	*country_sv, *country_en;
	const char	*type;		/* inception, project, three_party */
	const char	*round_year;
	const char	*status;	/* the application's in the inbox, the project's (as stored) in the projects list */
};

struct inbox_row {
	long long	 id;
	struct list_app	 app;
	const char	*theme_sv, *theme_en;
	const char	*amount;	/* applied for, all years, kronor in decimal; NULL when none */
	const char	*submitted;	/* YYYY-MM-DD; NULL if withdrawn before it was submitted */
};

struct project_row {
	const char	*code;
	struct list_app	 app;
	const char	*start, *end;	/* planned, YYYY-MM-DD */
	const char	*budget;	/* approved, all years, kronor in decimal; NULL when none */
	const char	*starts;	/* its first day: the actual start where known, else the planned one */
};

/*
 * The inbox's choices and its counts per status under f's other filters.
 * One statement, answered from the worker's cache until the data changes.
 * KERR_OK or KERR_DB. Memory from the request's arena.
 */
enum kerr	db_inbox_meta(struct req *r, const struct app_filter *f,
		    struct list_meta *m);

/*
 * The applications (every status but draft) that f lets through, sorted
 * by sort (an enum inbox_sort), descending when desc: limit rows from
 * offset (one statement, cached like the meta), or every row when limit
 * is 0 (the downloads; not cached). KERR_OK or KERR_DB.
 */
enum kerr	db_inbox_rows(struct req *r, const struct app_filter *f, int sort,
		    int desc, long long offset, long long limit,
		    struct inbox_row **rows, size_t *n);

/*
 * The projects list's choices and its counts per status the projects show
 * on today (YYYY-MM-DD: approved until their first day); as db_inbox_meta.
 */
enum kerr	db_project_list_meta(struct req *r, const struct app_filter *f,
		    const char *today, struct list_meta *m);

/*
 * The projects that f lets through on today, sorted by sort (an enum
 * project_sort; by status in the order they show on today); as
 * db_inbox_rows.
 */
enum kerr	db_project_list_rows(struct req *r, const struct app_filter *f,
		    const char *today, int sort, int desc, long long offset, long long limit,
		    struct project_row **rows, size_t *n);

/*
 * The reports list's filters, checked like app_filter's: round and org
 * ids, a country code, the report's status and kind, its project year
 * ("1" to "3"), and deadline: "overdue" (owed and past its due date) or
 * "due" (owed, not yet past it), counted from today (YYYY-MM-DD). A report
 * is owed while it is a draft or returned and its project is under way.
 */
struct report_filter {
	const char	*round, *status, *deadline, *country, *org, *kind, *year;
	const char	*today;
};

struct report_row {
	long long	 id;
	const char	*code;
	const char	*title_sv, *title_en;	/* the project's */
	const char	*org;
	const char	*country_sv, *country_en;
	const char	*round_year;
	const char	*kind;			/* progress, final */
	const char	*year;			/* the project year covered, in decimal */
	const char	*due;			/* YYYY-MM-DD */
	const char	*status;
	const char	*submitted;		/* YYYY-MM-DD of the latest submission; NULL when never */
	long long	 days_left;		/* due date less today */
	int		 owed;			/* a draft or returned report of a project under way */
};

/*
 * The reports list's choices, its counts per report status under f's
 * other filters (all but status), and in *overdue how many of those are
 * overdue whatever their status filter says. One cached statement.
 */
enum kerr	db_report_list_meta(struct req *r, const struct report_filter *f,
		    struct list_meta *m, long long *overdue);

/* The reports that f lets through, sorted by sort (an enum report_sort); as db_inbox_rows. */
enum kerr	db_report_list_rows(struct arena *a, const char *reqid,
		    unsigned long long data_version, const struct report_filter *f,
		    int sort, int desc, long long offset, long long limit,
		    struct report_row **rows, size_t *n);

#endif
