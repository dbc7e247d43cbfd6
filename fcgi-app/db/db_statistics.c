/* db_statistics.c - the statistics page's figures: one statement, cached per data version. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_home.h"
#include "db/db_statistics.h"
#include "http/app.h"

enum q {
	Q_FIGURES,
	Q__MAX
};

/*
 * One UNION ALL of every figure, each row tagged, in db_count_lists()'s
 * columns (tag, key, label_sv, n, amount, label_en, under_way) and two
 * sort columns. The selection s is the projects of the round (? = 0: of
 * every round); yr is each calendar year from the first start to the last
 * end. A project runs from its actual dates where known, else the planned
 * ones; it is approved in its decision's year (its round's year if it has
 * no decision row). Swedish members take part as applicant or
 * co-applicant. 'e' counts, across all rounds, the projects under way
 * from rounds before the selected round's year (the latest round's when
 * none is selected): what the programme announces with a new round.
 * Under way: as a project shows today (DB_PROJECT_UNDER_WAY), the first
 * parameter.
 */
static struct dbstmt q[Q__MAX] = {
	[Q_FIGURES] = { "WITH RECURSIVE " DB_TODAY_CTE ", s AS ("
	    "SELECT p.id, " DB_PROJECT_UNDER_WAY("p") " AS under_way, a.id AS app_id, a.round_id, "
	    "r.year AS round_year, "
	    "a.country_code, a.thematic_area_id, a.project_type, a.applicant_org_id, "
	    "YEAR(COALESCE(p.actual_start, p.planned_start)) AS y1, "
	    "YEAR(COALESCE(p.actual_end, p.planned_end)) AS y2, "
	    "(SELECT SUM(py.amount) FROM project_years py WHERE py.project_id = p.id) AS amount, "
	    "(SELECT YEAR(" DB_SWEDISH("d.decided_at") ") FROM decisions d WHERE d.application_id = a.id "
	    "AND d.outcome = 'approve') AS decided "
	    "FROM projects p JOIN applications a ON a.id = p.application_id "
	    "JOIN rounds r ON r.id = a.round_id WHERE ? = 0 OR a.round_id = ?), "
	    "yr AS (SELECT MIN(y1) AS y, MAX(y2) AS last FROM s "
	    "UNION ALL SELECT y + 1, last FROM yr WHERE y < last) "
	    "SELECT 'c' AS tag, c.code AS k, c.name_sv AS sv, COUNT(*) AS n, "
	    "SUM(s.amount) AS amount, c.name_en AS en, NULL AS under_way, "
	    "-COUNT(*) AS o1, c.name_sv AS o2 "
	    "FROM s JOIN countries c ON c.code = s.country_code "
	    "GROUP BY c.code, c.name_sv, c.name_en "
	    "UNION ALL "
	    "SELECT 't', t.code, t.name_sv, COUNT(*), SUM(s.amount), t.name_en, NULL, "
	    "-COUNT(*), t.name_sv "
	    "FROM s JOIN thematic_areas t ON t.id = s.thematic_area_id "
	    "GROUP BY t.id, t.code, t.name_sv, t.name_en "
	    "UNION ALL "
	    "SELECT 'p', s.project_type, NULL, COUNT(*), SUM(s.amount), NULL, NULL, "
	    "-COUNT(*), s.project_type FROM s GROUP BY s.project_type "
	    "UNION ALL "
	    "SELECT 'r', s.round_id, r.name_sv, COUNT(*), SUM(s.amount), r.name_en, "
	    "SUM(s.under_way), r.year, r.name_sv "
	    "FROM s JOIN rounds r ON r.id = s.round_id "
	    "GROUP BY s.round_id, r.name_sv, r.name_en, r.year "
	    "UNION ALL "
	    "SELECT 'a', yr.y, NULL, COUNT(s.id), NULL, NULL, NULL, yr.y, NULL "
	    "FROM yr LEFT JOIN s ON s.y1 <= yr.y AND s.y2 >= yr.y "
	    "WHERE yr.y IS NOT NULL GROUP BY yr.y "
	    "UNION ALL "
	    "SELECT 'y', COALESCE(s.decided, s.round_year), NULL, COUNT(*), SUM(s.amount), "
	    "NULL, NULL, COALESCE(s.decided, s.round_year), NULL "
	    "FROM s GROUP BY COALESCE(s.decided, s.round_year) "
	    "UNION ALL "
	    "SELECT 'd', YEAR(d.paid_on), NULL, COUNT(*), SUM(d.amount), NULL, NULL, "
	    "YEAR(d.paid_on), NULL "
	    "FROM disbursements d JOIN s ON s.id = d.project_id GROUP BY YEAR(d.paid_on) "
	    "UNION ALL "
	    "SELECT 'm', o.id, o.name, COUNT(*), NULL, NULL, NULL, 0, o.name "
	    "FROM (SELECT s.id, s.applicant_org_id AS org_id FROM s "
	    "UNION SELECT s.id, ca.org_id FROM s "
	    "JOIN application_coapplicants ca ON ca.application_id = s.app_id) m "
	    "JOIN organisations o ON o.id = m.org_id GROUP BY o.id, o.name "
	    "UNION ALL "
	    "SELECT 'g', NULL, NULL, COUNT(*), SUM(s.amount), NULL, "
	    "SUM(s.under_way), 0, NULL FROM s "
	    "UNION ALL "
	    "SELECT 'e', ref.y, NULL, (SELECT COUNT(*) FROM projects p "
	    "JOIN applications a ON a.id = p.application_id "
	    "JOIN rounds r ON r.id = a.round_id WHERE r.year < ref.y "
	    "AND " DB_PROJECT_UNDER_WAY("p") "), "
	    "NULL, NULL, NULL, 0, NULL "
	    "FROM (SELECT COALESCE((SELECT year FROM rounds WHERE id = ?), "
	    "(SELECT MAX(round_year) FROM s)) AS y) ref "
	    "UNION ALL "
	    "SELECT 'o', r.id, r.name_sv, r.year, NULL, r.name_en, NULL, -r.year, r.name_sv "
	    "FROM rounds r "
	    "ORDER BY tag, o1, o2", NULL, 0 },
};

/*
 * Puts the approved and disbursed amounts on the same years, so that the
 * two charts line up: the union of both lists' years, zero where a list
 * has none. Both come sorted by year.
 */
static void
align_years(struct arena *a, struct statistics *out)
{
	size_t i = 0, j = 0, n = 0, cap = out->napproved + out->ndisbursed + 1;
	struct count *ap = arena_calloc(a, cap, sizeof(*ap));
	struct count *di = arena_calloc(a, cap, sizeof(*di));
	long long ya, yd;

	while (i < out->napproved || j < out->ndisbursed) {
		ya = i < out->napproved ? atoll(out->approved[i].key) : 0;
		yd = j < out->ndisbursed ? atoll(out->disbursed[j].key) : 0;
		if (j == out->ndisbursed || (i < out->napproved && ya <= yd)) {
			ap[n] = out->approved[i++];
			di[n].key = ap[n].key;
			if (j < out->ndisbursed && yd == ya)
				di[n] = out->disbursed[j++];
		} else {
			di[n] = out->disbursed[j++];
			ap[n].key = di[n].key;
		}
		ap[n].label = ap[n].key;
		di[n].label = di[n].key;
		n++;
	}
	out->approved = ap;
	out->disbursed = di;
	out->napproved = out->ndisbursed = n;
}

enum kerr
db_statistics(struct arena *a, const char *reqid, unsigned long long data_version, enum lang lang,
    long long round_id, struct statistics *out)
{
	struct count **lists[] = { &out->countries, &out->themes, &out->types,
	    &out->rounds, &out->active, &out->approved, &out->disbursed,
	    &out->members, &out->round_opts };
	size_t *lens[] = { &out->ncountries, &out->nthemes, &out->ntypes,
	    &out->nrounds, &out->nactive, &out->napproved, &out->ndisbursed,
	    &out->nmembers, &out->nround_opts };
	struct dbpart p;
	struct dbres res;
	enum kerr e;
	size_t i;

	memset(out, 0, sizeof(*out));
	if ((e = db_query_cached(a, reqid, &q[Q_FIGURES], data_version,
	    &res, "siii", app_today(), round_id, round_id, round_id)) != KERR_OK)
		return e;
	db_count_lists(a, lang, &res, "ctpraydmo", lists, lens);
	for (db_parts(&p, &res, COUNT_VALUES, "ge"); db_part_next(&p); ) {
		if (p.tag == 'g') {
			out->projects = db_part_ll(&p, COUNT_N);
			out->approved_total = db_part_ll(&p, COUNT_AMOUNT);
			out->under_way = db_part_ll(&p, COUNT_UNDER_WAY);
		} else {
			out->ref_year = (int)db_part_ll(&p, COUNT_KEY);
			out->earlier_under_way = db_part_ll(&p, COUNT_N);
		}
	}
	for (i = 0; i < out->ndisbursed; i++)
		out->disbursed_total += out->disbursed[i].amount;
	align_years(a, out);
	return KERR_OK;
}
