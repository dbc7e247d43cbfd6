/* db_home.h - what the start pages show: an organisation's own records, or the programme at a glance. */
#ifndef KPP_DB_HOME_H
#define KPP_DB_HOME_H

#include <stddef.h>

#include "core/i18n.h"
#include "core/kerr.h"

struct arena;

struct home_application {
	long long	 id;
	const char	*title;		/* in the reader's language when given */
	const char	*round;
	const char	*type;		/* inception, project, three_party */
	const char	*status;
	const char	*country;
	const char	*updated;	/* its day in Sweden, YYYY-MM-DD */
};

struct home_project {
	const char	*code;
	const char	*title;
	const char	*country;
	const char	*partner;
	const char	*status;	/* as stored: project_status_on() tells the one it shows */
	const char	*start, *end;	/* planned, YYYY-MM-DD */
	const char	*starts;	/* its first day: the actual start where known, else the planned one */
	long long	 budget;	/* approved, all years, kronor */
};

struct home_report {
	long long	 id;
	const char	*project_code;
	const char	*project_title;
	const char	*kind;		/* progress, final */
	int		 year;		/* project year; 0 for a final report */
	const char	*status;
	const char	*due;		/* YYYY-MM-DD */
	long long	 days_left;	/* negative when overdue */
};

/* ICLD's decision on one of the organisation's applications. */
struct home_decision {
	long long	 id;		/* the application */
	const char	*title;
	const char	*outcome;	/* approve, reject */
	const char	*project_code;	/* an approval's project */
	const char	*decided;	/* its day in Sweden, YYYY-MM-DD */
};

struct home_org {
	struct home_application	*apps;
	size_t			 napps;
	struct home_project	*projects;
	size_t			 nprojects;
	struct home_report	*reports;	/* due and overdue, earliest first */
	size_t			 nreports;
	struct home_decision	*decisions;	/* newest first */
	size_t			 ndecisions;
};

/* One organisation's applications, projects and reports due, in one round trip: names in lang, in ar. */
enum kerr	db_home_org(struct arena *ar, const char *reqid, unsigned long long data_version,
		    enum lang lang, long long org_id, struct home_org *out);

struct count {
	const char	*key;		/* a status, a country code, a year */
	const char	*label;		/* the country's name in the reader's language */
	long long	 n;
	long long	 amount;	/* kronor, where the figure has one */
	long long	 under_way;	/* of n, in implementation or finalisation, where given */
};

struct dbres;

/*
 * A count row of a many-part statement (db.h: db_parts()): after its tag,
 * from column COUNT_VALUES on, (key, label_sv, n, amount, label_en[,
 * under_way]); any sort columns follow.
 */
#define COUNT_VALUES	1
enum { COUNT_KEY, COUNT_LABEL_SV, COUNT_N, COUNT_AMOUNT, COUNT_LABEL_EN, COUNT_UNDER_WAY };

/*
 * Splits a result of tagged count rows into lists: *lists[k] gets
 * the rows tagged tags[k], in the result's order, each label in lang (the
 * reader's language); *lens[k] their number. Rows of other tags are left
 * for the caller. The lists live in a.
 */
void		db_count_lists(struct arena *a, enum lang lang, const struct dbres *res,
		    const char *tags, struct count **lists[], size_t *lens[]);

struct home_programme {
	struct count	*app_status;	size_t napp_status;
	struct count	*project_status; size_t nproject_status;	/* as the projects show today */
	struct count	*countries;	size_t ncountries;	/* projects under way, most first */
	struct count	*rounds;	size_t nrounds;		/* approved per round year, newest first */
	struct count	*report_status;	size_t nreport_status;
	/*
	 * The latest round with a decision ([0]), and while it is not fully
	 * decided (still open, or applications await a decision) the one
	 * before it ([1]): each with its approved projects by country. A year
	 * of 0: no such round.
	 */
	struct {
		int		 year;
		int		 done;		/* closed, and every application decided */
		struct count	*by_country;
		size_t		 n;
	}		 decided[2];
	long long	 overdue;	/* reports past due, not submitted */
	long long	 orgs;		/* Swedish organisations with a project under way today */
};

/* The programme's figures for admin and Sida, in one round trip. */
enum kerr	db_home_programme(struct arena *a, const char *reqid,
		    unsigned long long data_version, enum lang lang, struct home_programme *out);

#endif
