/* db_home.c - the start pages' queries: each page is one statement, one round trip. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "db/db.h"
#include "db/db_home.h"
#include "http/app.h"

enum q {
	Q_ORG,
	Q_PROGRAMME,
	Q__MAX
};

/*
 * Each statement is a UNION ALL of the page's lists with a leading tag
 * column, so a page costs MariaDB one statement however many lists it has.
 * Names come in both languages; C picks the reader's, so the statement
 * text and its cached plan are the same for everyone.
 */
static struct dbstmt q[Q__MAX] = {
	[Q_ORG] = { "SELECT * FROM ("
	    "SELECT 'a' AS tag, a.updated_at AS sort1, a.id AS c1, "
	    "a.title_sv AS c2, a.title_en AS c3, r.name_sv AS c4, r.name_en AS c5, "
	    "a.project_type AS c6, a.status AS c7, c.name_sv AS c8, c.name_en AS c9, "
	    DB_SWEDISH_DAY("a.updated_at") " AS c10, NULL AS c11 "
	    "FROM applications a JOIN rounds r ON r.id = a.round_id "
	    "LEFT JOIN countries c ON c.code = a.country_code "
	    "WHERE a.applicant_org_id = ? AND a.status <> 'approved' "
	    "UNION ALL "
	    "SELECT 'p', p.planned_start, p.code, a.title_sv, a.title_en, "
	    "(SELECT o.name FROM application_partners ap JOIN organisations o "
	    "ON o.id = ap.org_id WHERE ap.application_id = a.id "
	    "ORDER BY ap.position LIMIT 1), "
	    "DATE_FORMAT(COALESCE(p.actual_start, p.planned_start), '%Y-%m-%d'), p.status, "
	    "DATE_FORMAT(p.planned_start, '%Y-%m-%d'), c.name_sv, c.name_en, "
	    "DATE_FORMAT(p.planned_end, '%Y-%m-%d'), "
	    "(SELECT SUM(py.amount) FROM project_years py WHERE py.project_id = p.id) "
	    "FROM projects p JOIN applications a ON a.id = p.application_id "
	    "LEFT JOIN countries c ON c.code = a.country_code "
	    "WHERE a.applicant_org_id = ? "
	    "UNION ALL "
	    "SELECT 'r', rp.deadline, rp.id, a.title_sv, a.title_en, p.code, rp.kind, "
	    "rp.project_year, rp.status, NULL, NULL, "
	    "DATE_FORMAT(rp.deadline, '%Y-%m-%d'), DATEDIFF(rp.deadline, ?) "
	    "FROM reports rp JOIN projects p ON p.id = rp.project_id "
	    "JOIN applications a ON a.id = p.application_id "
	    "WHERE a.applicant_org_id = ? AND rp.status IN ('draft', 'returned') "
	    "AND p.status IN ('implementation', 'finalisation') "
	    "AND rp.deadline < ? + INTERVAL 120 DAY "
	    "UNION ALL "
	    "SELECT 'd', d.decided_at, a.id, a.title_sv, a.title_en, d.outcome, "
	    "p.code, NULL, NULL, NULL, NULL, " DB_SWEDISH_DAY("d.decided_at") ", "
	    "NULL "
	    "FROM decisions d JOIN applications a ON a.id = d.application_id "
	    "LEFT JOIN projects p ON p.application_id = a.id "
	    "WHERE a.applicant_org_id = ?"
	    ") t ORDER BY tag, "
	    "CASE WHEN tag = 'r' THEN sort1 END ASC, "
	    "CASE WHEN tag <> 'r' THEN sort1 END DESC", NULL, 0 },
	/*
	 * dr: the rounds with a decision, the latest first, each with whether
	 * it is fully decided (closed, and none of its applications awaits a
	 * decision); shown: the latest of them, and the one before beside it
	 * until the latest is fully decided. 'z' names them (n: 1 the latest,
	 * 2 the previous; amount: fully decided), 'l' and 'k' count their
	 * approved projects by country. A project's status and whether it is
	 * under way are as it shows today (DB_PROJECT_STATUS), the first
	 * parameter.
	 */
	[Q_PROGRAMME] = { "WITH " DB_TODAY_CTE ", dr AS (SELECT r.id, r.year, r.name_sv, r.name_en, "
	    "ROW_NUMBER() OVER (ORDER BY r.year DESC, r.id DESC) AS pos, "
	    "r.closes_on < ? AND NOT EXISTS (SELECT 1 FROM applications a "
	    "WHERE a.round_id = r.id AND a.status IN ('submitted', 'under_review')) AS done "
	    "FROM rounds r WHERE EXISTS (SELECT 1 FROM applications a "
	    "JOIN decisions d ON d.application_id = a.id WHERE a.round_id = r.id)), "
	    "shown AS (SELECT * FROM dr WHERE pos = 1 "
	    "OR (pos = 2 AND NOT (SELECT done FROM dr WHERE pos = 1))) "
	    "SELECT 'a' AS tag, status, NULL, COUNT(*), NULL, NULL "
	    "FROM applications WHERE status <> 'draft' GROUP BY status "
	    "UNION ALL "
	    "SELECT 'p', " DB_PROJECT_STATUS("p") " AS st, NULL, COUNT(*), NULL, NULL "
	    "FROM projects p GROUP BY st "
	    "UNION ALL "
	    "SELECT 'c', c.code, c.name_sv, COUNT(*), "
	    "SUM((SELECT SUM(py.amount) FROM project_years py WHERE py.project_id = p.id)), "
	    "c.name_en "
	    "FROM projects p JOIN applications a ON a.id = p.application_id "
	    "JOIN countries c ON c.code = a.country_code "
	    "WHERE " DB_PROJECT_UNDER_WAY("p") " "
	    "GROUP BY c.code, c.name_sv, c.name_en "
	    "UNION ALL "
	    "SELECT 'y', r.year, NULL, COUNT(*), "
	    "SUM((SELECT SUM(py.amount) FROM project_years py WHERE py.project_id = p.id)), "
	    "NULL FROM projects p JOIN applications a ON a.id = p.application_id "
	    "JOIN rounds r ON r.id = a.round_id GROUP BY r.year "
	    "UNION ALL "
	    "SELECT 'z', sh.year, sh.name_sv, sh.pos, sh.done, sh.name_en FROM shown sh "
	    "UNION ALL "
	    "SELECT IF(sh.pos = 1, 'l', 'k'), c.code, c.name_sv, COUNT(*), "
	    "SUM((SELECT SUM(py.amount) FROM project_years py WHERE py.project_id = p.id)), "
	    "c.name_en "
	    "FROM projects p JOIN applications a ON a.id = p.application_id "
	    "JOIN shown sh ON sh.id = a.round_id "
	    "JOIN countries c ON c.code = a.country_code "
	    "GROUP BY sh.pos, c.code, c.name_sv, c.name_en "
	    "UNION ALL "
	    "SELECT 'r', status, NULL, COUNT(*), NULL, NULL FROM reports rp "
	    "WHERE rp.status <> 'approved' GROUP BY status "
	    "UNION ALL "
	    "SELECT 'o', NULL, NULL, COUNT(*), NULL, NULL FROM reports rp "
	    "JOIN projects p ON p.id = rp.project_id "
	    "WHERE rp.status IN ('draft', 'returned') AND rp.deadline < ? "
	    "AND p.status IN ('implementation', 'finalisation') "
	    "UNION ALL "
	    "SELECT 'g', NULL, NULL, COUNT(DISTINCT a.applicant_org_id), NULL, NULL "
	    "FROM projects p JOIN applications a ON a.id = p.application_id "
	    "WHERE " DB_PROJECT_UNDER_WAY("p") " "
	    "ORDER BY 1, 4 DESC, 2", NULL, 0 },
};

/* Q_ORG: every part's values follow the tag and the sort column. */
#define ORG_VALUES	2

/* Q_ORG's parts' values (c1.. of the statement), by tag. */
enum { A_ID, A_TITLE_SV, A_TITLE_EN, A_ROUND_SV, A_ROUND_EN, A_TYPE, A_STATUS, A_COUNTRY_SV,
	A_COUNTRY_EN, A_UPDATED };
enum { P_CODE, P_TITLE_SV, P_TITLE_EN, P_PARTNER, P_STARTS, P_STATUS, P_START, P_COUNTRY_SV,
	P_COUNTRY_EN, P_END, P_BUDGET };
enum { R_ID, R_TITLE_SV, R_TITLE_EN, R_CODE, R_KIND, R_YEAR, R_STATUS, R_DUE = 9, R_DAYS_LEFT };
enum { D_ID, D_TITLE_SV, D_TITLE_EN, D_OUTCOME, D_CODE, D_DECIDED = 9 };

enum kerr
db_home_org(struct arena *ar, const char *reqid, unsigned long long data_version, enum lang lang,
    long long org_id, struct home_org *out)
{
	struct dbpart pt;
	struct dbres res;
	enum kerr e;

	memset(out, 0, sizeof(*out));
	if ((e = db_query_cached(ar, reqid, &q[Q_ORG], data_version,
	    &res, "iisisi", org_id, org_id, app_today(), org_id,
	    app_today(), org_id)) != KERR_OK)
		return e;
	out->apps = arena_calloc(ar, db_parts_count(&res, 'a') + 1, sizeof(*out->apps));
	out->projects = arena_calloc(ar, db_parts_count(&res, 'p') + 1,
	    sizeof(*out->projects));
	out->reports = arena_calloc(ar, db_parts_count(&res, 'r') + 1,
	    sizeof(*out->reports));
	out->decisions = arena_calloc(ar, db_parts_count(&res, 'd') + 1,
	    sizeof(*out->decisions));
	for (db_parts(&pt, &res, ORG_VALUES, NULL); db_part_next(&pt); ) {
		char **c = pt.c;

		switch (pt.tag) {
		case 'a': {
			struct home_application *a = &out->apps[out->napps++];

			a->id = db_part_ll(&pt, A_ID);
			a->title = i18n_pick(lang, c[A_TITLE_SV], c[A_TITLE_EN]);
			a->round = i18n_pick(lang, c[A_ROUND_SV], c[A_ROUND_EN]);
			a->type = c[A_TYPE];
			a->status = c[A_STATUS];
			a->country = i18n_pick(lang, c[A_COUNTRY_SV], c[A_COUNTRY_EN]);
			a->updated = c[A_UPDATED];
			break;
		}
		case 'p': {
			struct home_project *p = &out->projects[out->nprojects++];

			p->code = c[P_CODE];
			p->title = i18n_pick(lang, c[P_TITLE_SV], c[P_TITLE_EN]);
			p->partner = c[P_PARTNER];
			p->starts = c[P_STARTS];
			p->status = c[P_STATUS];
			p->start = c[P_START];
			p->country = i18n_pick(lang, c[P_COUNTRY_SV], c[P_COUNTRY_EN]);
			p->end = c[P_END];
			p->budget = db_part_ll(&pt, P_BUDGET);
			break;
		}
		case 'd': {
			struct home_decision *d = &out->decisions[out->ndecisions++];

			d->id = db_part_ll(&pt, D_ID);
			d->title = i18n_pick(lang, c[D_TITLE_SV], c[D_TITLE_EN]);
			d->outcome = c[D_OUTCOME];
			d->project_code = c[D_CODE];
			d->decided = c[D_DECIDED];
			break;
		}
		case 'r': {
			struct home_report *rp = &out->reports[out->nreports++];

			rp->id = db_part_ll(&pt, R_ID);
			rp->project_title = i18n_pick(lang, c[R_TITLE_SV], c[R_TITLE_EN]);
			rp->project_code = c[R_CODE];
			rp->kind = c[R_KIND];
			rp->year = (int)db_part_ll(&pt, R_YEAR);
			rp->status = c[R_STATUS];
			rp->due = c[R_DUE];
			rp->days_left = db_part_ll(&pt, R_DAYS_LEFT);
			break;
		}
		}
	}
	return KERR_OK;
}

void
db_count_lists(struct arena *a, enum lang lang, const struct dbres *res, const char *tags,
    struct count **lists[], size_t *lens[])
{
	struct dbpart p;
	struct count *c;
	size_t k, ntags = strlen(tags);

	for (k = 0; k < ntags; k++) {
		*lists[k] = arena_calloc(a, res->nrows + 1, sizeof(struct count));
		*lens[k] = 0;
	}
	for (db_parts(&p, res, COUNT_VALUES, tags); db_part_next(&p); ) {
		k = (size_t)(strchr(tags, p.tag) - tags);
		c = &(*lists[k])[(*lens[k])++];
		c->key = p.c[COUNT_KEY];
		c->label = i18n_pick(lang, p.c[COUNT_LABEL_SV], p.c[COUNT_LABEL_EN]);
		c->n = db_part_ll(&p, COUNT_N);
		c->amount = db_part_ll(&p, COUNT_AMOUNT);
		if (res->ncols > COUNT_VALUES + COUNT_UNDER_WAY)
			c->under_way = db_part_ll(&p, COUNT_UNDER_WAY);
	}
}

enum kerr
db_home_programme(struct arena *a, const char *reqid, unsigned long long data_version,
    enum lang lang, struct home_programme *out)
{
	struct count **lists[] = { &out->app_status, &out->project_status,
	    &out->countries, &out->rounds, &out->report_status,
	    &out->decided[0].by_country, &out->decided[1].by_country };
	size_t *lens[] = { &out->napp_status, &out->nproject_status,
	    &out->ncountries, &out->nrounds, &out->nreport_status,
	    &out->decided[0].n, &out->decided[1].n };
	struct dbpart p;
	struct dbres res;
	enum kerr e;

	memset(out, 0, sizeof(*out));
	if ((e = db_query_cached(a, reqid, &q[Q_PROGRAMME],
	    data_version, &res, "sss", app_today(), app_today(), app_today())) != KERR_OK)
		return e;
	db_count_lists(a, lang, &res, "apcyrlk", lists, lens);
	for (db_parts(&p, &res, COUNT_VALUES, "ogz"); db_part_next(&p); ) {
		/* The count of 'o' and 'g'; the position of a round of 'z'. */
		long long n = db_part_ll(&p, COUNT_N);

		if (p.tag == 'o')
			out->overdue = n;
		else if (p.tag == 'g')
			out->orgs = n;
		else if (n == 1 || n == 2) {
			out->decided[n - 1].year = atoi(p.c[COUNT_KEY]);
			out->decided[n - 1].done = db_part_ll(&p, COUNT_AMOUNT) != 0;
		}
	}
	return KERR_OK;
}
