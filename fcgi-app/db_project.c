/* db_project.c - SQL for reading one project. */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "db_project.h"
#include "req.h"

enum q {
	Q_PROJECT,
	Q__MAX
};

/* "? = 0 OR org = ?" lets ICLD (org 0) see everything with the same statement. */
static struct dbstmt q[Q__MAX] = {
	[Q_PROJECT] = { "SELECT 'p', p.code, p.application_id, a.title_sv, "
	    "a.title_en, p.status, DATE_FORMAT(p.planned_start, '%Y-%m-%d'), "
	    "DATE_FORMAT(p.planned_end, '%Y-%m-%d'), c.name_sv, c.name_en, o.name, "
	    "(SELECT GROUP_CONCAT(po.name ORDER BY ap.position SEPARATOR ', ') "
	    "FROM application_partners ap JOIN organisations po ON po.id = ap.org_id "
	    "WHERE ap.application_id = a.id), a.project_type "
	    "FROM projects p JOIN applications a ON a.id = p.application_id "
	    "JOIN organisations o ON o.id = a.applicant_org_id "
	    "LEFT JOIN countries c ON c.code = a.country_code "
	    "WHERE p.code = ? AND (? = 0 OR a.applicant_org_id = ?) "
	    "UNION ALL "
	    "SELECT 'y', y.year, DATE_FORMAT(y.starts_on, '%Y-%m-%d'), "
	    "DATE_FORMAT(y.ends_on, '%Y-%m-%d'), y.amount, "
	    "(SELECT COALESCE(SUM(d.amount), 0) FROM disbursements d "
	    "JOIN reports rp ON rp.id = d.report_id "
	    "WHERE d.project_id = p.id AND rp.project_year = y.year), "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM project_years y JOIN projects p ON p.id = y.project_id "
	    "WHERE p.code = ? "
	    "UNION ALL "
	    "SELECT 'r', rp.kind, rp.status, DATE_FORMAT(rp.due_on, '%Y-%m-%d'), "
	    "rp.project_year, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM reports rp JOIN projects p ON p.id = rp.project_id "
	    "WHERE p.code = ? "
	    "ORDER BY 1, 4, 2", NULL, 0 },
};

enum kerr
db_project_get(struct req *r, const char *code, long long org_id,
    struct project_view *p)
{
	struct dbres res;
	enum kerr e;
	size_t i;
	char **c;

	memset(p, 0, sizeof(*p));
	if ((e = db_query_cached(r->a, r->id, &q[Q_PROJECT],
	    r->sess->data_version, &res, "siiss", code,
	    org_id, org_id, code, code)) != KERR_OK)
		return e;
	/* Rows sort 'p' < 'r' < 'y'; without the 'p' row the reader may not see it. */
	if (res.nrows == 0 || strcmp(res.rows[0][0], "p") != 0)
		return KERR_NOTFOUND;
	c = res.rows[0];
	p->code = c[1];
	p->application_id = db_ll(&res, 0, 2);
	p->title_sv = c[3];
	p->title_en = c[4];
	p->status = c[5];
	p->start = c[6];
	p->end = c[7];
	p->country_sv = c[8];
	p->country_en = c[9];
	p->org_name = c[10];
	p->partners = c[11];
	p->type = c[12];
	p->years = arena_calloc(r->a, res.nrows, sizeof(*p->years));
	p->reports = arena_calloc(r->a, res.nrows, sizeof(*p->reports));
	for (i = 1; i < res.nrows; i++) {
		c = res.rows[i];
		if (c[0][0] == 'y') {
			struct project_year *y = &p->years[p->nyears++];

			y->year = (int)db_ll(&res, i, 1);
			y->starts = c[2];
			y->ends = c[3];
			y->amount = db_ll(&res, i, 4);
			y->paid = db_ll(&res, i, 5);
		} else {
			struct project_report *rp = &p->reports[p->nreports++];

			rp->kind = c[1];
			rp->status = c[2];
			rp->due = c[3];
			rp->year = (int)db_ll(&res, i, 4);
		}
	}
	return KERR_OK;
}
