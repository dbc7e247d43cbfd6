/* db_public.h - the public register's SQL: published projects only, and of them only what is meant for publication. */
#ifndef KPP_DB_PUBLIC_H
#define KPP_DB_PUBLIC_H

#include <stddef.h>

#include "core/kerr.h"
#include "db/db.h"

struct arena;
struct req;

/*
 * A project is published when its application was approved and ICLD has
 * not withheld it (projects.withheld): every statement behind these
 * functions says so itself, and names each column it reads, none of them
 * private (no person, no review, no report text, no internal note). What
 * the structures below hold is all the public pages can ever show.
 */

/* The register's orders, one prepared statement each way; names in the reader's language. */
enum public_sort {
	PUBLIC_SORT_CODE = 0,
	PUBLIC_SORT_TITLE_SV,
	PUBLIC_SORT_TITLE_EN,
	PUBLIC_SORT_ORG,
	PUBLIC_SORT_PARTNER,
	PUBLIC_SORT_COUNTRY_SV,
	PUBLIC_SORT_COUNTRY_EN,
	PUBLIC_SORT_START,
	PUBLIC_SORT_STATUS,
	PUBLIC_SORT__MAX
};

/*
 * The register's filters, each checked by the handler against its
 * allow-list (list.c) or NULL for all: country code, Swedish organisation
 * id (the applicant or a co-applicant), thematic area id, project type,
 * year (four digits: projects under way at some time in it, from their
 * start to their end, actual where known, else planned), and like, a LIKE
 * pattern (list_like()) found in a title, the project's code, or the name
 * of a Swedish organisation or partner taking part.
 */
struct public_filter {
	const char	*country, *org, *theme, *type, *year, *like;
};

struct public_row {
	const char	*code;
	const char	*title_sv, *title_en;
	const char	*org;			/* the Swedish applicant */
	const char	*partners;		/* the partners abroad, "; " between them */
	const char	*country_sv, *country_en;
	const char	*start, *end;		/* YYYY-MM-DD, actual where known, else planned */
	const char	*status;		/* implementation, finalisation, closed, cancelled */
};

/*
 * A page of the register: the select boxes' choices (countries, Swedish
 * organisations and thematic areas that have a published project, in the
 * reader's order), the years projects were under way, the number of
 * projects f lets through and the page's rows.
 */
struct public_list {
	struct db_option	*countries, *orgs, *themes;
	size_t			 ncountries, norgs, nthemes;
	int			 first_year, last_year;	/* 0 when nothing is published */
	long long		 total;
	struct public_row	*rows;
	size_t			 nrows;
};

/*
 * Fills out with the published projects that f lets through, sorted by
 * sort (enum public_sort), descending when desc, limit of them from
 * offset. Three statements, each answered from the worker's cache until
 * the data changes. KERR_OK, KERR_DB, or KERR_SYSTEM for a sort off the
 * table. Strings live in r's arena.
 */
enum kerr	 db_public_list(struct req *r, const struct public_filter *f, int sort,
		    int desc, long long offset, long long limit, struct public_list *out);

/* An organisation taking part: a Swedish co-applicant, or a partner abroad. */
struct public_org {
	const char	*name;
	const char	*name_local, *local_lang;	/* partner: its own name and that one's ISO 639-1 code, or NULL */
	const char	*kind;				/* organisations.kind */
	const char	*country_sv, *country_en;	/* partner: its country */
	const char	*lat, *lng;			/* partner: WGS 84 decimal degrees, or NULL */
};

/* An actual value of an indicator, from one approved report. */
struct public_value {
	const char	*kind;		/* progress, final */
	int		 year;		/* the project year the report covers */
	const char	*value;		/* a number as stored ("12.50"); NULL for a qualitative indicator */
	const char	*text;		/* a qualitative indicator's value in words; NULL for the others */
};

struct public_indicator {
	long long		 id;
	const char		*name;
	const char		*measure;	/* unit, percentage, qualitative */
	const char		*unit;
	const char		*baseline_value, *baseline_year, *baseline_text;
	const char		*target_value, *target_text;
	struct public_value	*values;	/* by project year, progress reports before the final one */
	size_t			 nvalues;
};

struct public_result {
	const char		*description;
	struct public_indicator	*indicators;
	size_t			 nindicators;
};

struct public_objective {
	const char		*description;
	struct public_result	*results;
	size_t			 nresults;
};

/* A project year: its approved budget and what ICLD has paid for it. */
struct public_year {
	int		 year;
	const char	*starts, *ends;		/* YYYY-MM-DD */
	long long	 amount, paid;
};

struct public_project {
	const char		*code;
	const char		*title_sv, *title_en;
	const char		*title_local, *title_local_lang;	/* in the partner's language, or NULL */
	const char		*summary_sv, *summary_en;		/* the published description (IATI's) */
	const char		*summary_local;				/* in title_local_lang, or NULL */
	const char		*status, *type;
	const char		*theme_sv, *theme_en;
	const char		*country_sv, *country_en;
	const char		*org;					/* the Swedish applicant */
	const char		*planned_start, *planned_end;
	const char		*actual_start, *actual_end;		/* NULL until started, ended */
	const char		*overall_objective;
	struct public_org	*coapplicants, *partners;		/* by name; partners in the application's order */
	size_t			 ncoapplicants, npartners;
	struct public_objective	*objectives;				/* in their order, results and indicators too */
	size_t			 nobjectives;
	struct public_year	*years;
	size_t			 nyears;
};

/*
 * The published project with code: KERR_OK; KERR_NOTFOUND when there is
 * none, or it is not published; KERR_DB. Indicator values come from
 * approved reports only. Four statements, cached like the list's; strings
 * in r's arena.
 */
enum kerr	 db_public_project(struct req *r, const char *code, struct public_project *out);

/*
 * The data version this request's cached results are good for: the
 * session's, or read now. KERR_OK or KERR_DB.
 */
enum kerr	db_public_version(struct req *r, unsigned long long *v);

/*
 * The version the public IATI files are named by, read now: it moves only
 * when what they are made of changes (sql/0020), never at a sign-in.
 * KERR_OK or KERR_DB.
 */
enum kerr	db_public_files_version(struct arena *a, const char *reqid, unsigned long long *v);

#endif
