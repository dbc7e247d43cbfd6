/* db_project.h - reading one application or one project, confined to an organisation. */
#ifndef KPP_DB_PROJECT_H
#define KPP_DB_PROJECT_H

#include <stddef.h>

#include "kerr.h"

struct req;

struct application_view {
	long long	 id;
	const char	*title_sv, *title_en;
	const char	*round_sv, *round_en;
	const char	*type, *status;
	const char	*country_sv, *country_en;
	const char	*org_name;
	const char	*partners;	/* names joined with ", " */
	const char	*summary_sv, *summary_en;
	const char	*submitted;	/* YYYY-MM-DD or NULL */
	const char	*project_code;	/* when approved */
	long long	 total;		/* applied for, all years, kronor */
	int		 years;
};

/*
 * Application id, when org_id is 0 (ICLD) or it belongs to org_id.
 * KERR_NOTFOUND otherwise: other organisations' records don't exist for you.
 */
enum kerr	db_application_get(struct req *r, long long id, long long org_id,
		    struct application_view *out);

struct project_year {
	int		 year;
	const char	*starts, *ends;
	long long	 amount, paid;
};

struct project_report {
	const char	*kind, *status, *due;
	int		 year;
};

struct project_view {
	const char	*code;
	long long	 application_id;
	const char	*title_sv, *title_en;
	const char	*status;
	const char	*start, *end;
	const char	*country_sv, *country_en;
	const char	*org_name, *partners, *type;
	struct project_year	*years;
	size_t		 nyears;
	struct project_report	*reports;
	size_t		 nreports;
};

/* Project code (such as 2016-0033) under the same rule as db_application_get. */
enum kerr	db_project_get(struct req *r, const char *code, long long org_id,
		    struct project_view *out);

#endif
