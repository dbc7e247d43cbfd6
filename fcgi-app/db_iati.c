/* db_iati.c - SQL for the IATI export: a page of projects with all their parts in one statement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "application.h"
#include "arena.h"
#include "db.h"
#include "db_iati.h"
#include "iati.h"

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

/* Columns: 0 tag, 1 k, 2-4 s1-s3, then c1 at 5. */
#define C1	5

static long long
num(const char *s)
{
	return s != NULL ? strtoll(s, NULL, 10) : 0;
}

/* The rows of one project: [first, end) of res. */
struct group {
	const struct dbres *res;
	size_t		 first, end;
};

static size_t
count_tag(const struct group *g, char tag)
{
	size_t i, n = 0;

	for (i = g->first; i < g->end; i++)
		n += g->res->rows[i][0][0] == tag;
	return n;
}

/* The indicators of a project in the order read, with their ids, for the actual values to find. */
struct found {
	long long		 id;
	struct iati_pindicator	*ind;
};

static void
read_results(struct arena *a, const struct group *g, struct iati_project *p)
{
	size_t i, k, nrows = count_tag(g, 'i'), nfound = 0;
	struct found *found = arena_calloc(a, nrows + 1, sizeof(*found));
	struct iati_presult *res = NULL;
	struct iati_pindicator *ind;
	const char *last_result = NULL;
	char **c;

	p->results = arena_calloc(a, nrows + 1, sizeof(*p->results));
	for (i = g->first; i < g->end; i++) {
		if (g->res->rows[i][0][0] != 'i')
			continue;
		c = g->res->rows[i] + C1;
		/* A new expected result at each change of its id (c13). */
		if (last_result == NULL || strcmp(last_result, c[12]) != 0) {
			res = &p->results[p->nresults++];
			res->objective = c[1];
			res->text = c[2];
			res->indicators = arena_calloc(a, count_tag(g, 'i') + 1,
			    sizeof(*res->indicators));
			last_result = c[12];
		}
		if (c[0] == NULL)
			continue;	/* a result without indicators */
		ind = &res->indicators[res->nindicators++];
		ind->name = c[3];
		ind->measure = c[4];
		ind->unit = c[5];
		ind->ascending = num(c[6]) != 0;
		ind->baseline_value = c[7];
		ind->baseline_year = (int)num(c[8]);
		ind->baseline_text = c[9];
		ind->target_value = c[10];
		ind->target_text = c[11];
		ind->actuals = arena_calloc(a, count_tag(g, 'v') + 1, sizeof(*ind->actuals));
		found[nfound].id = num(c[0]);
		found[nfound++].ind = ind;
	}
	for (i = g->first; i < g->end; i++) {
		if (g->res->rows[i][0][0] != 'v')
			continue;
		c = g->res->rows[i] + C1;
		for (k = 0; k < nfound && found[k].id != num(c[0]); k++)
			;
		if (k == nfound)
			continue;
		ind = found[k].ind;
		ind->actuals[ind->nactuals].year = (int)num(c[1]);
		ind->actuals[ind->nactuals].final = c[2] != NULL && strcmp(c[2], "final") == 0;
		ind->actuals[ind->nactuals].value = c[3];
		ind->actuals[ind->nactuals].text = c[4];
		ind->nactuals++;
	}
}

/*
 * One financial line of an approved report (c: its row from c1 on), into
 * the report's spend: a report's lines come one after the other, as they
 * sort by its year and kind.
 */
static void
read_spend_line(struct iati_project *p, char **c)
{
	struct iati_spend *s = p->nspends > 0 ? &p->spends[p->nspends - 1] : NULL;
	int year = (int)num(c[3]), k;

	if (s == NULL || s->report_year != year || strcmp(s->report_kind, c[2]) != 0) {
		s = &p->spends[p->nspends++];
		s->approved_on = c[0];
		s->report_kind = c[2];
		s->report_year = year;
		for (k = 0; k < REIMBURSE_CATEGORIES; k++) {
			s->actual[k] = REIMBURSE_NONE;	/* -1 is a refund */
			s->line[k] = -1;
		}
	}
	if ((k = code_index(category_code, CAT__MAX, c[4])) >= 0) {
		s->actual[k] = num(c[1]);
		s->line[k] = c[5] != NULL ? num(c[5]) : -1;
	}
}

/* Fills p from the rows of one project. */
static void
read_project(struct arena *a, const struct group *g, struct iati_project *p)
{
	size_t i;
	char **c;
	int have_applicant = 0;

	memset(p, 0, sizeof(*p));
	p->gender_marker = -1;
	p->code = g->res->rows[g->first][1];
	p->followed_by = arena_calloc(a, count_tag(g, 'n') + 1, sizeof(*p->followed_by));
	p->coapplicants = arena_calloc(a, count_tag(g, 'm') + 1, sizeof(*p->coapplicants));
	p->partners = arena_calloc(a, count_tag(g, 'o') + 1, sizeof(*p->partners));
	p->sdgs = arena_calloc(a, count_tag(g, 'g') + 1, sizeof(*p->sdgs));
	p->years = arena_calloc(a, count_tag(g, 'y') + 1, sizeof(*p->years));
	p->payments = arena_calloc(a, count_tag(g, 'd') + 1, sizeof(*p->payments));
	p->spends = arena_calloc(a, count_tag(g, 'e') + 1, sizeof(*p->spends));
	p->incomes = arena_calloc(a, count_tag(g, 'f') + 1, sizeof(*p->incomes));
	for (i = g->first; i < g->end; i++) {
		c = g->res->rows[i] + C1;
		switch (g->res->rows[i][0][0]) {
		case 'p':
			p->id = num(c[0]);
			p->application_id = num(c[1]);
			p->status = c[2];
			p->planned_start = c[3];
			p->planned_end = c[4];
			p->actual_start = c[5];
			p->actual_end = c[6];
			p->gender_marker = c[7] != NULL ? (int)num(c[7]) : -1;
			p->updated = c[8];
			p->decided_on = c[9];
			p->follows = c[10];
			p->type = c[11];
			p->capital_spend = c[12];
			p->published = num(c[13]) != 0;
			break;
		case 't':
			p->title_sv = c[0];
			p->title_en = c[1];
			p->title_local = c[2];
			p->title_local_lang = c[3];
			p->summary_sv = c[4];
			p->summary_en = c[5];
			p->country = c[6];
			p->country_name = c[7];
			p->theme_id = num(c[8]);
			p->dac_code = c[9];
			p->summary_local = c[10];
			p->country_langs = c[11];
			break;
		case 'n':
			p->followed_by[p->nfollowed_by++] = c[0];
			break;
		case 'm': {
			struct iati_org *o = !have_applicant ? &p->applicant :
			    &p->coapplicants[p->ncoapplicants++];

			have_applicant = 1;
			o->id = num(c[0]);
			o->name = c[1];
			o->org_number = c[2];
			break;
		}
		case 'o': {
			struct iati_org *o = &p->partners[p->npartners++];

			o->id = num(c[0]);
			o->name = c[1];
			o->name_local = c[2];
			o->local_lang = c[3];
			o->lat = c[4];
			o->lng = c[5];
			break;
		}
		case 'g':
			p->sdgs[p->nsdgs].goal = (int)num(c[0]);
			p->sdgs[p->nsdgs++].name = c[1];
			break;
		case 'y': {
			struct iati_pyear *y = &p->years[p->nyears++];

			y->year = (int)num(c[0]);
			y->starts = c[1];
			y->ends = c[2];
			y->amount = num(c[3]);
			break;
		}
		case 'd': {
			struct iati_payment *d = &p->payments[p->npayments++];

			d->paid_on = c[0];
			d->amount = num(c[1]);
			d->report_kind = c[2];
			d->report_year = (int)num(c[3]);
			break;
		}
		case 'f': {
			struct iati_income *f = &p->incomes[p->nincomes++];

			f->received_on = c[0];
			f->amount = num(c[1]);
			break;
		}
		case 'e':
			read_spend_line(p, c);
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
	struct dbres res;
	struct group g;
	size_t i, count;
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
	for (i = 0, count = 0; i < res.nrows; i++)
		count += res.rows[i][0][0] == 'p';
	*out = arena_calloc(a, count + 1, sizeof(**out));
	g.res = &res;
	for (g.first = 0; g.first < res.nrows; g.first = g.end) {
		for (g.end = g.first + 1; g.end < res.nrows &&
		    strcmp(res.rows[g.end][1], res.rows[g.first][1]) == 0; g.end++)
			;
		if (*n < count)
			read_project(a, &g, &(*out)[(*n)++]);
	}
	return KERR_OK;
}
