/* db_project.h - reading one project, confined to an organisation. */
#ifndef KPP_DB_PROJECT_H
#define KPP_DB_PROJECT_H

#include <stddef.h>

#include "kerr.h"

struct req;

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

/*
 * Project code (such as 2016-0033), when org_id is 0 (ICLD) or it belongs
 * to org_id. KERR_NOTFOUND otherwise: other organisations' records don't
 * exist for you.
 */
enum kerr	db_project_get(struct req *r, const char *code, long long org_id,
		    struct project_view *out);

#endif
