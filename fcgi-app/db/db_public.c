/* db_public.c - the public register's statements: each names the public columns it reads, and only published projects. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_application.h"
#include "db/db_public.h"
#include "http/app.h"
#include "http/req.h"

/*
 * Published: approved, and not withheld by ICLD. Every statement below
 * says it in its own WHERE, so that none can show a project by mistake.
 */
#define PUBLISHED	"p.withheld = 0 AND a.status = 'approved'"
#define PROJECT_FROM	"FROM projects p JOIN applications a ON a.id = p.application_id "

/* A project's time, as the year filter and the list read it: actual where known, else planned. */
#define START		"COALESCE(p.actual_start, p.planned_start)"
#define END		"COALESCE(p.actual_end, p.planned_end)"

/*
 * The filters, a filter that is off binding NULL, in FILTER_ARGS()'s
 * order. The search (DB_LIKE: whatever the case and the accents) looks in
 * the titles, the code, and the names of the organisations taking part:
 * never in a text that is not published.
 */
#define WHERE PUBLISHED \
	" AND (? IS NULL OR a.country_code = ?)" \
	" AND (? IS NULL OR a.project_type = ?)" \
	" AND (? IS NULL OR a.thematic_area_id = ?)" \
	" AND (? IS NULL OR a.applicant_org_id = ? OR EXISTS (SELECT 1 FROM application_coapplicants fc" \
	" WHERE fc.application_id = a.id AND fc.org_id = ?))" \
	" AND (? IS NULL OR (YEAR(" START ") <= ? AND YEAR(" END ") >= ?))" \
	" AND (? IS NULL OR " DB_LIKE("p.code") \
	" OR " DB_LIKE("a.title_sv") \
	" OR " DB_LIKE("a.title_en") " OR " DB_LIKE("a.title_local") \
	" OR " DB_LIKE("(SELECT so.name FROM organisations so WHERE so.id = a.applicant_org_id)") \
	" OR EXISTS (SELECT 1 FROM application_coapplicants sc JOIN organisations co ON co.id = sc.org_id" \
	" WHERE sc.application_id = a.id AND " DB_LIKE("co.name") ")" \
	" OR EXISTS (SELECT 1 FROM application_partners sp JOIN organisations po ON po.id = sp.org_id" \
	" WHERE sp.application_id = a.id AND (" DB_LIKE("po.name") " OR " DB_LIKE("po.name_local") ")))"
#define FILTER_FMT	"sssssssssssssssssssss"
#define FILTER_ARGS(f)	(f)->country, (f)->country, (f)->type, (f)->type, (f)->theme, (f)->theme, \
	(f)->org, (f)->org, (f)->org, (f)->year, (f)->year, (f)->year, (f)->like, (f)->like, \
	(f)->like, (f)->like, (f)->like, (f)->like, (f)->like, (f)->like, (f)->like

/* The partners abroad of application a, in its order. */
#define PARTNERS \
	"(SELECT GROUP_CONCAT(po.name ORDER BY ap.position SEPARATOR '; ') FROM application_partners ap " \
	"JOIN organisations po ON po.id = ap.org_id WHERE ap.application_id = a.id)"
#define FIRST_PARTNER \
	"(SELECT po.name FROM application_partners ap JOIN organisations po ON po.id = ap.org_id " \
	"WHERE ap.application_id = a.id ORDER BY ap.position LIMIT 1)"

#define JOIN_ORG	" JOIN organisations o ON o.id = a.applicant_org_id"
#define JOIN_COUNTRY	" LEFT JOIN countries c ON c.code = a.country_code"

/*
 * A page: the inner query finds the page's projects by the sort key (then
 * the code, so that pages never overlap), the outer one reads their names.
 * Today is the first parameter, for the sort by status (DB_PROJECT_STATUS).
 */
#define ROWS(join, key, dir) \
	"WITH " DB_TODAY_CTE " " \
	"SELECT p.code, a.title_sv, a.title_en, o.name, " PARTNERS ", c.name_sv, c.name_en, " \
	"DATE_FORMAT(" START ", '%Y-%m-%d'), DATE_FORMAT(" END ", '%Y-%m-%d'), p.status " \
	"FROM (SELECT p.id, " key " AS k " PROJECT_FROM join " WHERE " WHERE \
	" ORDER BY k " dir ", p.code " dir " LIMIT ? OFFSET ?) pg " \
	"JOIN projects p ON p.id = pg.id JOIN applications a ON a.id = p.application_id" \
	JOIN_ORG JOIN_COUNTRY " ORDER BY pg.k " dir ", p.code " dir

#define BOTH(join, key)	{ { ROWS(join, key, "ASC"), NULL, 0 }, { ROWS(join, key, "DESC"), NULL, 0 } }

static struct dbstmt rows[PUBLIC_SORT__MAX][2] = {
	[PUBLIC_SORT_CODE] = BOTH("", "p.code"),
	[PUBLIC_SORT_TITLE_SV] = BOTH("", "COALESCE(NULLIF(a.title_sv, ''), a.title_en)"),
	[PUBLIC_SORT_TITLE_EN] = BOTH("", "COALESCE(NULLIF(a.title_en, ''), a.title_sv)"),
	[PUBLIC_SORT_ORG] = BOTH(JOIN_ORG, "o.name"),
	[PUBLIC_SORT_PARTNER] = BOTH("", FIRST_PARTNER),
	[PUBLIC_SORT_COUNTRY_SV] = BOTH(JOIN_COUNTRY, "c.name_sv"),
	[PUBLIC_SORT_COUNTRY_EN] = BOTH(JOIN_COUNTRY, "c.name_en"),
	[PUBLIC_SORT_START] = BOTH("", START),
	/* The lifecycle's order, as the projects show today: approved until their first day. */
	[PUBLIC_SORT_STATUS] = BOTH("", DB_PROJECT_STATUS_RANK("p")),
};

/* The project with code (bound first), when it is published: every part of its page joins it. */
#define THE_PROJECT \
	"(SELECT p.id AS pid, p.application_id AS aid " PROJECT_FROM \
	"WHERE p.code = ? AND " PUBLISHED ") v "

enum q {
	Q_VERSION,
	Q_FILES_VERSION,
	Q_CHOICES,
	Q_COUNT,
	Q_HEAD,
	Q_ORGS,
	Q_RESULTS,
	Q_VALUES,
	Q_YEARS,
	Q__MAX
};

static struct dbstmt q[Q__MAX] = {
	/* Anonymous visitors have no session check to read it with (sql/0006). */
	[Q_VERSION] = { "SELECT v FROM data_version WHERE id = 1", NULL, 0 },
	/* Moved only by the tables the public files are read from (sql/0020). */
	[Q_FILES_VERSION] = { "SELECT v FROM public_version WHERE id = 1", NULL, 0 },
	/*
	 * The choices, each with its place in Swedish and in English order,
	 * so that one cached result serves both; then the years projects were
	 * under way. Columns: tag, place sv, place en, value, label sv, label en.
	 */
	[Q_CHOICES] = { "SELECT 'k' AS tag, ROW_NUMBER() OVER (ORDER BY c.name_sv, c.code) AS n_sv, "
	    "ROW_NUMBER() OVER (ORDER BY c.name_en, c.code) AS n_en, c.code AS v, "
	    "c.name_sv AS l_sv, c.name_en AS l_en FROM countries c "
	    "WHERE EXISTS (SELECT 1 " PROJECT_FROM "WHERE a.country_code = c.code AND " PUBLISHED ") "
	    "UNION ALL "
	    "SELECT 'o', ROW_NUMBER() OVER (ORDER BY o.name, o.id), "
	    "ROW_NUMBER() OVER (ORDER BY o.name, o.id), o.id, o.name, o.name FROM organisations o "
	    "WHERE o.side = 'swedish' AND EXISTS (SELECT 1 " PROJECT_FROM "WHERE " PUBLISHED
	    " AND (a.applicant_org_id = o.id OR EXISTS (SELECT 1 FROM application_coapplicants ac "
	    "WHERE ac.application_id = a.id AND ac.org_id = o.id))) "
	    "UNION ALL "
	    "SELECT 't', ROW_NUMBER() OVER (ORDER BY t.name_sv, t.id), "
	    "ROW_NUMBER() OVER (ORDER BY t.name_en, t.id), t.id, t.name_sv, t.name_en "
	    "FROM thematic_areas t "
	    "WHERE EXISTS (SELECT 1 " PROJECT_FROM "WHERE a.thematic_area_id = t.id AND " PUBLISHED ") "
	    "UNION ALL "
	    "SELECT 'y', 0, 0, MIN(YEAR(" START ")), MAX(YEAR(" END ")), NULL "
	    PROJECT_FROM "WHERE " PUBLISHED, NULL, 0 },
	[Q_COUNT] = { "SELECT COUNT(*) " PROJECT_FROM "WHERE " WHERE, NULL, 0 },
	[Q_HEAD] = { "SELECT p.code, a.title_sv, a.title_en, a.title_local, a.title_local_lang, "
	    "a.summary_sv, a.summary_en, a.overall_objective, p.status, a.project_type, "
	    "t.name_sv, t.name_en, c.name_sv, c.name_en, o.name, "
	    "DATE_FORMAT(p.planned_start, '%Y-%m-%d'), DATE_FORMAT(p.planned_end, '%Y-%m-%d'), "
	    "DATE_FORMAT(p.actual_start, '%Y-%m-%d'), DATE_FORMAT(p.actual_end, '%Y-%m-%d'), "
	    "a.summary_local "
	    "FROM " THE_PROJECT "JOIN projects p ON p.id = v.pid JOIN applications a ON a.id = v.aid "
	    "JOIN organisations o ON o.id = a.applicant_org_id "
	    "LEFT JOIN countries c ON c.code = a.country_code "
	    "LEFT JOIN thematic_areas t ON t.id = a.thematic_area_id", NULL, 0 },
	/* The partners abroad ('p', in the application's order) and the Swedish co-applicants ('c'). */
	[Q_ORGS] = { "SELECT 'p', ap.position, o.name, o.name_local, o.local_lang, o.kind, "
	    "c.name_sv, c.name_en, o.lat, o.lng "
	    "FROM " THE_PROJECT "JOIN application_partners ap ON ap.application_id = v.aid "
	    "JOIN organisations o ON o.id = ap.org_id LEFT JOIN countries c ON c.code = o.country_code "
	    "UNION ALL "
	    "SELECT 'c', 0, o.name, NULL, NULL, o.kind, NULL, NULL, NULL, NULL "
	    "FROM " THE_PROJECT "JOIN application_coapplicants ac ON ac.application_id = v.aid "
	    "JOIN organisations o ON o.id = ac.org_id ORDER BY 1, 2, 3", NULL, 0 },
	[Q_RESULTS] = { "SELECT ob.id, ob.description, er.id, er.description, i.id, i.name, i.measure, "
	    "i.unit, i.baseline_value, i.baseline_year, i.baseline_text, i.target_value, i.target_text "
	    "FROM " THE_PROJECT "JOIN objectives ob ON ob.application_id = v.aid "
	    "LEFT JOIN expected_results er ON er.objective_id = ob.id "
	    "LEFT JOIN indicators i ON i.result_id = er.id "
	    "ORDER BY ob.position, ob.id, er.position, er.id, i.position, i.id", NULL, 0 },
	/*
	 * Actual values from approved reports only. A qualitative indicator's
	 * value is its words; a number's words are the report's comment on
	 * it, a report text, which stays unpublished.
	 */
	[Q_VALUES] = { "SELECT iv.indicator_id, rp.kind, rp.project_year, iv.actual_value, "
	    "IF(i.measure = 'qualitative', iv.actual_text, NULL) "
	    "FROM " THE_PROJECT "JOIN reports rp ON rp.project_id = v.pid AND rp.status = 'approved' "
	    "JOIN indicator_values iv ON iv.report_id = rp.id "
	    "JOIN indicators i ON i.id = iv.indicator_id "
	    "ORDER BY iv.indicator_id, rp.project_year, rp.kind", NULL, 0 },
	/* Paid per project year: the payments of the reports that cover it. */
	[Q_YEARS] = { "SELECT y.year, DATE_FORMAT(y.starts_on, '%Y-%m-%d'), "
	    "DATE_FORMAT(y.ends_on, '%Y-%m-%d'), y.amount, "
	    "(SELECT COALESCE(SUM(d.amount), 0) FROM disbursements d JOIN reports rp ON rp.id = d.report_id "
	    "WHERE d.project_id = v.pid AND rp.project_year = y.year) "
	    "FROM " THE_PROJECT "JOIN project_years y ON y.project_id = v.pid ORDER BY y.year", NULL, 0 },
};

enum kerr
db_public_version(struct req *r, unsigned long long *v)
{
	struct dbres res;
	enum kerr e;

	if (r->sess != NULL) {
		*v = r->sess->data_version;
		return KERR_OK;
	}
	if ((e = db_query(r->a, r->id, &q[Q_VERSION], &res, "")) != KERR_OK)
		return e;
	if (res.nrows != 1)
		return KERR_DB;
	*v = (unsigned long long)db_ll(&res, 0, 0);
	return KERR_OK;
}

enum kerr
db_public_files_version(struct arena *a, const char *reqid, unsigned long long *v)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query_row(a, reqid, &q[Q_FILES_VERSION], &res, "")) != KERR_OK)
		return e == KERR_NOTFOUND ? KERR_DB : e;
	*v = (unsigned long long)db_ll(&res, 0, 0);
	return KERR_OK;
}

/* Files the choices into out (db_options()), and the years projects were under way. */
static void
choices_fill(struct req *r, const struct dbres *res, struct public_list *out)
{
	struct db_option **lists[3] = { &out->countries, &out->orgs, &out->themes };
	size_t *lens[3] = { &out->ncountries, &out->norgs, &out->nthemes };
	size_t i;

	db_options(r->a, r->lang, res, "kot", lists, lens);
	for (i = 0; i < res->nrows; i++)
		if (res->rows[i][0][0] == 'y') {
			out->first_year = (int)db_ll(res, i, 3);
			out->last_year = (int)db_ll(res, i, 4);
		}
}

enum kerr
db_public_list(struct req *r, const struct public_filter *f, int sort, int desc,
    long long offset, long long limit, struct public_list *out)
{
	unsigned long long v;
	struct dbres res;
	enum kerr e;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (sort < 0 || sort >= PUBLIC_SORT__MAX)
		return KERR_SYSTEM;
	if ((e = db_public_version(r, &v)) != KERR_OK ||
	    (e = db_query_cached(r->a, r->id, &q[Q_CHOICES], v, &res, "")) != KERR_OK)
		return e;
	choices_fill(r, &res, out);
	if ((e = db_query_cached(r->a, r->id, &q[Q_COUNT], v, &res, FILTER_FMT,
	    FILTER_ARGS(f))) != KERR_OK)
		return e;
	out->total = res.nrows > 0 ? db_ll(&res, 0, 0) : 0;
	if ((e = db_query_cached(r->a, r->id, &rows[sort][desc != 0], v, &res,
	    "s" FILTER_FMT "ii", app_today(), FILTER_ARGS(f), limit, offset)) != KERR_OK)
		return e;
	out->rows = arena_calloc(r->a, res.nrows + 1, sizeof(*out->rows));
	for (i = 0; i < res.nrows; i++) {
		char **c = res.rows[i];
		struct public_row *w = &out->rows[out->nrows++];

		w->code = c[0];
		w->title_sv = c[1];
		w->title_en = c[2];
		w->org = c[3];
		w->partners = c[4];
		w->country_sv = c[5];
		w->country_en = c[6];
		w->start = c[7];
		w->end = c[8];
		w->status = c[9];
	}
	return KERR_OK;
}

/* Q_ORGS: every part's values follow the tag and the partner's position; 'p' and 'c' share them. */
#define ORGS_VALUES	2
enum { ORG_NAME, ORG_NAME_LOCAL, ORG_LANG, ORG_KIND, ORG_COUNTRY_SV, ORG_COUNTRY_EN, ORG_LAT,
	ORG_LNG };

/* The partners and co-applicants (Q_ORGS) into p. */
static void
orgs_fill(struct req *r, const struct dbres *res, struct public_project *p)
{
	size_t np = db_parts_count(res, 'p');
	struct dbpart pt;

	p->partners = arena_calloc(r->a, np + 1, sizeof(*p->partners));
	p->coapplicants = arena_calloc(r->a, res->nrows - np + 1, sizeof(*p->coapplicants));
	for (db_parts(&pt, res, ORGS_VALUES, NULL); db_part_next(&pt); ) {
		char **c = pt.c;
		struct public_org *o = pt.tag == 'p' ? &p->partners[p->npartners++] :
		    &p->coapplicants[p->ncoapplicants++];

		o->name = c[ORG_NAME];
		o->name_local = c[ORG_NAME_LOCAL];
		o->local_lang = c[ORG_LANG];
		o->kind = c[ORG_KIND];
		o->country_sv = c[ORG_COUNTRY_SV];
		o->country_en = c[ORG_COUNTRY_EN];
		o->lat = c[ORG_LAT];
		o->lng = c[ORG_LNG];
	}
}

/* Counts the distinct non-NULL ids in column col of rows whose column parent is pid (any, when pcol < 0). */
static size_t
count_under(const struct dbres *res, size_t col, int pcol, const char *pid)
{
	const char *last = NULL;
	size_t i, n = 0;

	for (i = 0; i < res->nrows; i++) {
		const char *id = res->rows[i][col];

		if (id == NULL || (pcol >= 0 && strcmp(res->rows[i][pcol], pid) != 0))
			continue;
		if (last == NULL || strcmp(last, id) != 0)
			n++;
		last = id;
	}
	return n;
}

/*
 * The results framework (Q_RESULTS: rows sorted by objective, result,
 * indicator, with NULLs where an objective has no result or a result no
 * indicator) into p's tree.
 */
static void
results_fill(struct req *r, const struct dbres *res, struct public_project *p)
{
	struct public_objective *ob = NULL;
	struct public_result *er = NULL;
	const char *ob_id = NULL, *er_id = NULL;
	size_t i;

	p->objectives = arena_calloc(r->a, count_under(res, 0, -1, NULL) + 1, sizeof(*p->objectives));
	for (i = 0; i < res->nrows; i++) {
		char **c = res->rows[i];

		if (ob_id == NULL || strcmp(ob_id, c[0]) != 0) {
			ob = &p->objectives[p->nobjectives++];
			ob->description = c[1];
			ob->results = arena_calloc(r->a, count_under(res, 2, 0, c[0]) + 1,
			    sizeof(*ob->results));
			ob_id = c[0];
			er_id = NULL;
		}
		if (c[2] == NULL)
			continue;
		if (er_id == NULL || strcmp(er_id, c[2]) != 0) {
			er = &ob->results[ob->nresults++];
			er->description = c[3];
			er->indicators = arena_calloc(r->a, count_under(res, 4, 2, c[2]) + 1,
			    sizeof(*er->indicators));
			er_id = c[2];
		}
		if (c[4] != NULL) {
			struct public_indicator *in = &er->indicators[er->nindicators++];

			in->id = db_ll(res, i, 4);
			in->name = c[5];
			in->measure = c[6];
			in->unit = c[7];
			in->baseline_value = db_value_text(c[8], NULL);
			in->baseline_year = c[9];
			in->baseline_text = c[10];
			in->target_value = db_value_text(c[11], NULL);
			in->target_text = c[12];
		}
	}
}

/* The approved values (Q_VALUES, by indicator) under their indicators. */
static void
values_fill(struct req *r, struct dbres *res, struct public_project *p)
{
	size_t i, j, k, m, n;

	for (i = 0; i < p->nobjectives; i++)
		for (j = 0; j < p->objectives[i].nresults; j++)
			for (k = 0; k < p->objectives[i].results[j].nindicators; k++) {
				struct public_indicator *in = &p->objectives[i].results[j].indicators[k];

				for (n = 0, m = 0; m < res->nrows; m++)
					n += db_ll(res, m, 0) == in->id;
				in->values = arena_calloc(r->a, n + 1, sizeof(*in->values));
				for (m = 0; m < res->nrows; m++) {
					char **c = res->rows[m];
					struct public_value *pv;

					if (db_ll(res, m, 0) != in->id || (c[3] == NULL && c[4] == NULL))
						continue;
					pv = &in->values[in->nvalues++];
					pv->kind = c[1];
					pv->year = (int)db_ll(res, m, 2);
					pv->value = db_value_text(c[3], NULL);
					pv->text = c[4];
				}
			}
}

enum kerr
db_public_project(struct req *r, const char *code, struct public_project *p)
{
	unsigned long long v;
	struct dbres res;
	enum kerr e;
	size_t i;
	char **c;

	memset(p, 0, sizeof(*p));
	if ((e = db_public_version(r, &v)) != KERR_OK ||
	    (e = db_query_cached(r->a, r->id, &q[Q_HEAD], v, &res, "s", code)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	c = res.rows[0];
	p->code = c[0];
	p->title_sv = c[1];
	p->title_en = c[2];
	p->title_local = c[3];
	p->title_local_lang = c[4];
	p->summary_sv = c[5];
	p->summary_en = c[6];
	p->overall_objective = c[7];
	p->status = c[8];
	p->type = c[9];
	p->theme_sv = c[10];
	p->theme_en = c[11];
	p->country_sv = c[12];
	p->country_en = c[13];
	p->org = c[14];
	p->planned_start = c[15];
	p->planned_end = c[16];
	p->actual_start = c[17];
	p->actual_end = c[18];
	p->summary_local = c[19];

	if ((e = db_query_cached(r->a, r->id, &q[Q_ORGS], v, &res, "ss", code, code)) != KERR_OK)
		return e;
	orgs_fill(r, &res, p);
	if ((e = db_query_cached(r->a, r->id, &q[Q_RESULTS], v, &res, "s", code)) != KERR_OK)
		return e;
	results_fill(r, &res, p);
	if ((e = db_query_cached(r->a, r->id, &q[Q_VALUES], v, &res, "s", code)) != KERR_OK)
		return e;
	values_fill(r, &res, p);
	if ((e = db_query_cached(r->a, r->id, &q[Q_YEARS], v, &res, "s", code)) != KERR_OK)
		return e;
	p->years = arena_calloc(r->a, res.nrows + 1, sizeof(*p->years));
	for (i = 0; i < res.nrows; i++) {
		struct public_year *y = &p->years[p->nyears++];

		y->year = (int)db_ll(&res, i, 0);
		y->starts = res.rows[i][1];
		y->ends = res.rows[i][2];
		y->amount = db_ll(&res, i, 3);
		y->paid = db_ll(&res, i, 4);
	}
	return KERR_OK;
}
