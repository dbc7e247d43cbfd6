/* db_iati.c - SQL for the IATI export: a page of projects with all their parts in one statement. */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_iati.h"
#include "domain/application.h"
#include "iati/iati.h"

enum q {
	Q_PAGE,
	Q__MAX
};

/*
 * v is the page: the next projects in code order that the filter selects
 * (a code, or a year the project's period overlaps: from its actual start,
 * or the planned one, to its actual end, or the planned one). Every part
 * joins v, is tagged, carries its project's code k and sorts by s1..s3
 * within it, and puts its values in c1..c14; ordered by k first, a
 * project's rows come together. Only approved reports count: their
 * financial lines are the expenditure, their indicator values the actuals.
 */
static struct dbstmt q[Q__MAX] = {
	/*
	 * Published as the public register says (db_public.c): approved and not withheld. A join, not
	 * EXISTS: MariaDB materialises the semi-join over every project each time a part reads v.
	 */
	[Q_PAGE] = { "WITH v AS (SELECT p.id AS pid, p.application_id AS aid, p.code AS code "
	    "FROM projects p JOIN applications pa ON pa.id = p.application_id "
	    "WHERE p.code > ? AND (? IS NULL OR p.code = ?) "
	    "AND (? IS NULL OR (COALESCE(p.actual_start, p.planned_start) <= ? "
	    "AND COALESCE(p.actual_end, p.planned_end) >= ?)) "
	    "AND (? = 0 OR (p.withheld = 0 AND pa.status = 'approved')) "
	    "ORDER BY p.code LIMIT ?) "
	    "SELECT * FROM ("
	    "SELECT 'p' AS tag, v.code AS k, NULL AS s1, NULL AS s2, NULL AS s3, "
	    "p.id AS c1, p.application_id AS c2, p.status AS c3, "
	    "DATE_FORMAT(p.planned_start, '%Y-%m-%d') AS c4, "
	    "DATE_FORMAT(p.planned_end, '%Y-%m-%d') AS c5, "
	    "DATE_FORMAT(p.actual_start, '%Y-%m-%d') AS c6, "
	    "DATE_FORMAT(p.actual_end, '%Y-%m-%d') AS c7, p.gender_marker AS c8, "
	    /* The activity changed when the project, its application, years, reports or payments did. */
	    "DATE_FORMAT(GREATEST(p.updated_at, a.updated_at, "
	    "IFNULL((SELECT MAX(y.updated_at) FROM project_years y WHERE y.project_id = p.id), p.updated_at), "
	    "IFNULL((SELECT MAX(rp.updated_at) FROM reports rp WHERE rp.project_id = p.id), p.updated_at), "
	    "IFNULL((SELECT MAX(d.updated_at) FROM disbursements d WHERE d.project_id = p.id), p.updated_at), "
	    "IFNULL((SELECT MAX(f.updated_at) FROM incoming_funds f WHERE f.project_id = p.id), p.updated_at)), "
	    "'%Y-%m-%dT%H:%i:%sZ') AS c9, "
	    DB_SWEDISH_DAY("dc.decided_at") " AS c10, fp.code AS c11, "
	    "a.project_type AS c12, p.capital_spend AS c13, "
	    "p.withheld = 0 AND a.status = 'approved' AS c14 "
	    "FROM v JOIN projects p ON p.id = v.pid "
	    "JOIN applications a ON a.id = v.aid "
	    "LEFT JOIN decisions dc ON dc.application_id = v.aid AND dc.outcome = 'approve' "
	    "LEFT JOIN projects fp ON fp.id = p.follows_project_id "
	    "UNION ALL "
	    "SELECT 't', v.code, NULL, NULL, NULL, a.title_sv, a.title_en, a.title_local, "
	    "a.title_local_lang, a.summary_sv, a.summary_en, a.country_code, c.name_en, "
	    "t.id, t.dac_code, a.summary_local, c.languages, NULL, NULL "
	    "FROM v JOIN applications a ON a.id = v.aid "
	    "LEFT JOIN countries c ON c.code = a.country_code "
	    "LEFT JOIN thematic_areas t ON t.id = a.thematic_area_id "
	    "UNION ALL "
	    /* The projects that continue this one. */
	    "SELECT 'n', v.code, np.code, NULL, NULL, np.code, NULL, NULL, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN projects np ON np.follows_project_id = v.pid "
	    "UNION ALL "
	    /* The Swedish applicant (s1 0), then its co-applicants by name. */
	    "SELECT 'm', v.code, 0, o.name, NULL, o.id, o.name, o.org_number, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN applications a ON a.id = v.aid "
	    "JOIN organisations o ON o.id = a.applicant_org_id "
	    "UNION ALL "
	    "SELECT 'm', v.code, 1, o.name, LPAD(o.id, 10, '0'), o.id, o.name, o.org_number, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN application_coapplicants ac ON ac.application_id = v.aid "
	    "JOIN organisations o ON o.id = ac.org_id "
	    "UNION ALL "
	    "SELECT 'o', v.code, ap.position, NULL, NULL, o.id, o.name, o.name_local, "
	    "o.local_lang, o.lat, o.lng, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN application_partners ap ON ap.application_id = v.aid "
	    "JOIN organisations o ON o.id = ap.org_id "
	    "UNION ALL "
	    "SELECT 'g', v.code, LPAD(s.goal, 2, '0'), NULL, NULL, s.goal, g.name_en, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN application_sdgs s ON s.application_id = v.aid "
	    "JOIN sdgs g ON g.goal = s.goal "
	    "UNION ALL "
	    "SELECT 'y', v.code, y.year, NULL, NULL, y.year, "
	    "DATE_FORMAT(y.starts_on, '%Y-%m-%d'), DATE_FORMAT(y.ends_on, '%Y-%m-%d'), "
	    "y.amount, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN project_years y ON y.project_id = v.pid "
	    "UNION ALL "
	    "SELECT 'd', v.code, DATE_FORMAT(d.paid_on, '%Y-%m-%d'), LPAD(d.id, 10, '0'), NULL, "
	    "DATE_FORMAT(d.paid_on, '%Y-%m-%d'), d.amount, rp.kind, rp.project_year, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN disbursements d ON d.project_id = v.pid "
	    "JOIN reports rp ON rp.id = d.report_id "
	    "UNION ALL "
	    "SELECT 'f', v.code, DATE_FORMAT(f.received_on, '%Y-%m-%d'), LPAD(f.id, 10, '0'), NULL, "
	    "DATE_FORMAT(f.received_on, '%Y-%m-%d'), f.amount, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN incoming_funds f ON f.project_id = v.pid "
	    "UNION ALL "
	    /* Each financial line of an approved report beside the year's approved line of its category. */
	    "SELECT 'e', v.code, rp.project_year, rp.kind, f.category, "
	    DB_SWEDISH_DAY("rp.decided_at") ", f.actual_amount, rp.kind, "
	    "rp.project_year, f.category, bl.amount, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN reports rp ON rp.project_id = v.pid AND rp.status = 'approved' "
	    "JOIN report_financial_lines f ON f.report_id = rp.id "
	    "LEFT JOIN project_budget_lines bl ON bl.project_id = v.pid "
	    "AND bl.year = rp.project_year AND bl.category = f.category "
	    "UNION ALL "
	    /* The results framework: objective, expected result, indicator, each by position. */
	    "SELECT 'i', v.code, CONCAT(LPAD(ob.position, 5, '0'), LPAD(ob.id, 10, '0')), "
	    "CONCAT(LPAD(er.position, 5, '0'), LPAD(er.id, 10, '0')), "
	    "CONCAT(LPAD(IFNULL(i.position, 0), 5, '0'), LPAD(IFNULL(i.id, 0), 10, '0')), "
	    "i.id, ob.description, er.description, i.name, i.measure, i.unit, i.ascending, "
	    "i.baseline_value, i.baseline_year, i.baseline_text, i.target_value, "
	    "i.target_text, er.id, NULL "
	    "FROM v JOIN objectives ob ON ob.application_id = v.aid "
	    "JOIN expected_results er ON er.objective_id = ob.id "
	    "LEFT JOIN indicators i ON i.result_id = er.id "
	    "UNION ALL "
	    "SELECT 'v', v.code, LPAD(iv.indicator_id, 10, '0'), rp.project_year, rp.kind, "
	    "iv.indicator_id, rp.project_year, rp.kind, iv.actual_value, iv.actual_text, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN reports rp ON rp.project_id = v.pid AND rp.status = 'approved' "
	    "JOIN indicator_values iv ON iv.report_id = rp.id"
	    ") t ORDER BY k, tag, s1, s2, s3", NULL, 0 },
};

/* Q_PAGE: every part's values follow the tag, the project's code k (column 1) and s1..s3. */
#define PAGE_CODE	1
#define PAGE_VALUES	5

/* Q_PAGE's parts' values (c1.. of the statement), by tag. */
enum { P_ID, P_APPLICATION, P_STATUS, P_PLANNED_START, P_PLANNED_END, P_ACTUAL_START,
	P_ACTUAL_END, P_GENDER, P_UPDATED, P_DECIDED, P_FOLLOWS, P_TYPE, P_CAPITAL, P_PUBLISHED };
enum { T_TITLE_SV, T_TITLE_EN, T_TITLE_LOCAL, T_TITLE_LOCAL_LANG, T_SUMMARY_SV, T_SUMMARY_EN,
	T_COUNTRY, T_COUNTRY_NAME, T_THEME, T_DAC, T_SUMMARY_LOCAL, T_LANGUAGES };
enum { N_CODE };
enum { M_ID, M_NAME, M_NUMBER };
enum { O_ID, O_NAME, O_NAME_LOCAL, O_LANG, O_LAT, O_LNG };
enum { G_GOAL, G_NAME };
enum { Y_YEAR, Y_STARTS, Y_ENDS, Y_AMOUNT };
enum { D_PAID, D_AMOUNT, D_REPORT_KIND, D_REPORT_YEAR };
enum { F_RECEIVED, F_AMOUNT };
enum { E_APPROVED, E_ACTUAL, E_REPORT_KIND, E_REPORT_YEAR, E_CATEGORY, E_LINE };
enum { I_ID, I_OBJECTIVE, I_RESULT, I_NAME, I_MEASURE, I_UNIT, I_ASCENDING, I_BASE_VALUE,
	I_BASE_YEAR, I_BASE_TEXT, I_TARGET_VALUE, I_TARGET_TEXT, I_RESULT_ID };
enum { V_INDICATOR, V_YEAR, V_KIND, V_VALUE, V_TEXT };

/* The indicators of a project in the order read, with their ids, for the actual values to find. */
struct found {
	long long		 id;
	struct iati_pindicator	*ind;
};

/* g: the rows of one project. */
static void
read_results(struct arena *a, const struct dbres *g, struct iati_project *p)
{
	size_t k, nrows = db_parts_count(g, 'i'), nfound = 0;
	struct found *found = arena_calloc(a, nrows + 1, sizeof(*found));
	struct iati_presult *res = NULL;
	struct iati_pindicator *ind;
	const char *last_result = NULL;
	struct dbpart pt;
	char **c;

	p->results = arena_calloc(a, nrows + 1, sizeof(*p->results));
	for (db_parts(&pt, g, PAGE_VALUES, "i"); db_part_next(&pt); ) {
		c = pt.c;
		/* A new expected result at each change of its id. */
		if (last_result == NULL || strcmp(last_result, c[I_RESULT_ID]) != 0) {
			res = &p->results[p->nresults++];
			res->objective = c[I_OBJECTIVE];
			res->text = c[I_RESULT];
			res->indicators = arena_calloc(a, db_parts_count(g, 'i') + 1,
			    sizeof(*res->indicators));
			last_result = c[I_RESULT_ID];
		}
		if (c[I_ID] == NULL)
			continue;	/* a result without indicators */
		ind = &res->indicators[res->nindicators++];
		ind->name = c[I_NAME];
		ind->measure = c[I_MEASURE];
		ind->unit = c[I_UNIT];
		ind->ascending = db_part_ll(&pt, I_ASCENDING) != 0;
		ind->baseline_value = c[I_BASE_VALUE];
		ind->baseline_year = (int)db_part_ll(&pt, I_BASE_YEAR);
		ind->baseline_text = c[I_BASE_TEXT];
		ind->target_value = c[I_TARGET_VALUE];
		ind->target_text = c[I_TARGET_TEXT];
		ind->actuals = arena_calloc(a, db_parts_count(g, 'v') + 1, sizeof(*ind->actuals));
		found[nfound].id = db_part_ll(&pt, I_ID);
		found[nfound++].ind = ind;
	}
	for (db_parts(&pt, g, PAGE_VALUES, "v"); db_part_next(&pt); ) {
		c = pt.c;
		for (k = 0; k < nfound && found[k].id != db_part_ll(&pt, V_INDICATOR); k++)
			;
		if (k == nfound)
			continue;
		ind = found[k].ind;
		ind->actuals[ind->nactuals].year = (int)db_part_ll(&pt, V_YEAR);
		ind->actuals[ind->nactuals].final = c[V_KIND] != NULL &&
		    strcmp(c[V_KIND], "final") == 0;
		ind->actuals[ind->nactuals].value = c[V_VALUE];
		ind->actuals[ind->nactuals].text = c[V_TEXT];
		ind->nactuals++;
	}
}

/*
 * One financial line of an approved report (an 'e' row), into the
 * report's spend: a report's lines come one after the other, as they
 * sort by its year and kind.
 */
static void
read_spend_line(struct iati_project *p, const struct dbpart *pt)
{
	struct iati_spend *s = p->nspends > 0 ? &p->spends[p->nspends - 1] : NULL;
	int year = (int)db_part_ll(pt, E_REPORT_YEAR), k;
	char **c = pt->c;

	if (s == NULL || s->report_year != year || strcmp(s->report_kind, c[E_REPORT_KIND]) != 0) {
		s = &p->spends[p->nspends++];
		s->approved_on = c[E_APPROVED];
		s->report_kind = c[E_REPORT_KIND];
		s->report_year = year;
		for (k = 0; k < REIMBURSE_CATEGORIES; k++) {
			s->actual[k] = REIMBURSE_NONE;	/* -1 is a refund */
			s->line[k] = -1;
		}
	}
	if ((k = code_index(category_code, CAT__MAX, c[E_CATEGORY])) >= 0) {
		s->actual[k] = db_part_ll(pt, E_ACTUAL);
		s->line[k] = c[E_LINE] != NULL ? db_part_ll(pt, E_LINE) : -1;
	}
}

/* Fills p from g, the rows of one project. */
static void
read_iati_project(struct arena *a, const struct dbres *g, struct iati_project *p)
{
	struct dbpart pt;
	char **c;
	int have_applicant = 0;

	memset(p, 0, sizeof(*p));
	p->gender_marker = -1;
	p->code = g->rows[0][PAGE_CODE];
	p->followed_by = arena_calloc(a, db_parts_count(g, 'n') + 1, sizeof(*p->followed_by));
	p->coapplicants = arena_calloc(a, db_parts_count(g, 'm') + 1, sizeof(*p->coapplicants));
	p->partners = arena_calloc(a, db_parts_count(g, 'o') + 1, sizeof(*p->partners));
	p->sdgs = arena_calloc(a, db_parts_count(g, 'g') + 1, sizeof(*p->sdgs));
	p->years = arena_calloc(a, db_parts_count(g, 'y') + 1, sizeof(*p->years));
	p->payments = arena_calloc(a, db_parts_count(g, 'd') + 1, sizeof(*p->payments));
	p->spends = arena_calloc(a, db_parts_count(g, 'e') + 1, sizeof(*p->spends));
	p->incomes = arena_calloc(a, db_parts_count(g, 'f') + 1, sizeof(*p->incomes));
	for (db_parts(&pt, g, PAGE_VALUES, NULL); db_part_next(&pt); ) {
		c = pt.c;
		switch (pt.tag) {
		case 'p':
			p->id = db_part_ll(&pt, P_ID);
			p->application_id = db_part_ll(&pt, P_APPLICATION);
			p->status = c[P_STATUS];
			p->planned_start = c[P_PLANNED_START];
			p->planned_end = c[P_PLANNED_END];
			p->actual_start = c[P_ACTUAL_START];
			p->actual_end = c[P_ACTUAL_END];
			p->gender_marker = c[P_GENDER] != NULL ? (int)db_part_ll(&pt, P_GENDER) : -1;
			p->updated = c[P_UPDATED];
			p->decided_on = c[P_DECIDED];
			p->follows = c[P_FOLLOWS];
			p->type = c[P_TYPE];
			p->capital_spend = c[P_CAPITAL];
			p->published = db_part_ll(&pt, P_PUBLISHED) != 0;
			break;
		case 't':
			p->title_sv = c[T_TITLE_SV];
			p->title_en = c[T_TITLE_EN];
			p->title_local = c[T_TITLE_LOCAL];
			p->title_local_lang = c[T_TITLE_LOCAL_LANG];
			p->summary_sv = c[T_SUMMARY_SV];
			p->summary_en = c[T_SUMMARY_EN];
			p->country = c[T_COUNTRY];
			p->country_name = c[T_COUNTRY_NAME];
			p->theme_id = db_part_ll(&pt, T_THEME);
			p->dac_code = c[T_DAC];
			p->summary_local = c[T_SUMMARY_LOCAL];
			p->country_langs = c[T_LANGUAGES];
			break;
		case 'n':
			p->followed_by[p->nfollowed_by++] = c[N_CODE];
			break;
		case 'm': {
			struct iati_org *o = !have_applicant ? &p->applicant :
			    &p->coapplicants[p->ncoapplicants++];

			have_applicant = 1;
			o->id = db_part_ll(&pt, M_ID);
			o->name = c[M_NAME];
			o->org_number = c[M_NUMBER];
			break;
		}
		case 'o': {
			struct iati_org *o = &p->partners[p->npartners++];

			o->id = db_part_ll(&pt, O_ID);
			o->name = c[O_NAME];
			o->name_local = c[O_NAME_LOCAL];
			o->local_lang = c[O_LANG];
			o->lat = c[O_LAT];
			o->lng = c[O_LNG];
			break;
		}
		case 'g':
			p->sdgs[p->nsdgs].goal = (int)db_part_ll(&pt, G_GOAL);
			p->sdgs[p->nsdgs++].name = c[G_NAME];
			break;
		case 'y': {
			struct iati_pyear *y = &p->years[p->nyears++];

			y->year = (int)db_part_ll(&pt, Y_YEAR);
			y->starts = c[Y_STARTS];
			y->ends = c[Y_ENDS];
			y->amount = db_part_ll(&pt, Y_AMOUNT);
			break;
		}
		case 'd': {
			struct iati_payment *d = &p->payments[p->npayments++];

			d->paid_on = c[D_PAID];
			d->amount = db_part_ll(&pt, D_AMOUNT);
			d->report_kind = c[D_REPORT_KIND];
			d->report_year = (int)db_part_ll(&pt, D_REPORT_YEAR);
			break;
		}
		case 'f': {
			struct iati_income *f = &p->incomes[p->nincomes++];

			f->received_on = c[F_RECEIVED];
			f->amount = db_part_ll(&pt, F_AMOUNT);
			break;
		}
		case 'e':
			read_spend_line(p, &pt);
			break;
		}
	}
	read_results(a, g, p);
}

enum kerr
db_iati_page(struct arena *a, const char *reqid, const struct iati_filter *f,
    const char *after, size_t limit, unsigned long long cache_version,
    struct iati_project **out, size_t *n)
{
	char ystart[32], yend[32];
	const char *ys = NULL, *ye = NULL;
	struct dbres res, g;
	size_t i, end, count;
	enum kerr e;

	*out = NULL;
	*n = 0;
	if (f->year > 0) {
		snprintf(ystart, sizeof(ystart), "%04d-01-01", f->year);
		snprintf(yend, sizeof(yend), "%04d-12-31", f->year);
		ys = ystart;
		ye = yend;
	}
	if (cache_version > 0)
		e = db_query_cached(a, reqid, &q[Q_PAGE], cache_version, &res,
		    "ssssssii", after, f->code, f->code, ys, ye, ys,
		    (long long)f->published, (long long)limit);
	else
		e = db_query(a, reqid, &q[Q_PAGE], &res, "ssssssii", after, f->code,
		    f->code, ys, ye, ys, (long long)f->published, (long long)limit);
	if (e != KERR_OK)
		return e;
	count = db_parts_count(&res, 'p');
	*out = arena_calloc(a, count + 1, sizeof(**out));
	/* A project's rows come together (ordered by k first): each group is read as a result of its own. */
	g.ncols = res.ncols;
	for (i = 0; i < res.nrows; i = end) {
		for (end = i + 1; end < res.nrows &&
		    strcmp(res.rows[end][PAGE_CODE], res.rows[i][PAGE_CODE]) == 0; end++)
			;
		g.rows = res.rows + i;
		g.nrows = end - i;
		if (*n < count)
			read_iati_project(a, &g, &(*out)[(*n)++]);
	}
	return KERR_OK;
}
