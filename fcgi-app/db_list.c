/* db_list.c - the inbox and the projects list: a page of rows, and the select boxes' choices with counts. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "db_list.h"
#include "i18n.h"
#include "req.h"

/*
 * A filter that is off binds NULL: MariaDB folds "NULL IS NULL OR ..."
 * away when it plans each execution, so a page uses the index of the
 * filters it has (sql/0003, sql/0011), with one statement text for all
 * combinations of filters.
 */
#define F(col)	"(? IS NULL OR " col " = ?)"

/* Every status but draft, under the filters other than status (the counts), then with it (the rows). */
#define INBOX_OTHER \
	"a.status <> 'draft' AND " F("a.round_id") " AND " F("a.project_type") \
	" AND " F("a.country_code") " AND " F("a.thematic_area_id") \
	" AND " F("a.applicant_org_id")
#define INBOX_WHERE	INBOX_OTHER " AND " F("a.status")

#define AMOUNT_APPLIED \
	"(SELECT SUM(y.amount) FROM application_years y WHERE y.application_id = a.id)"
#define BUDGET_APPROVED \
	"(SELECT SUM(py.amount) FROM project_years py WHERE py.project_id = p.id)"

#define JOIN_ORG	"JOIN organisations o ON o.id = a.applicant_org_id"
#define JOIN_COUNTRY	"LEFT JOIN countries c ON c.code = a.country_code"
#define JOIN_THEME	"LEFT JOIN thematic_areas t ON t.id = a.thematic_area_id"
#define JOIN_ROUND	"JOIN rounds r ON r.id = a.round_id"

/*
 * A page: the inner query finds the page's ids by the sort key alone,
 * joining only what the key needs, so that a page of 50 out of thousands
 * reads 50 rows' details and walks an index where the key has one; the
 * outer query fetches those rows' names and sums.
 */
#define INBOX_ROWS(join, key, key2, dir) \
	"SELECT a.id, a.title_sv, a.title_en, o.name, c.name_sv, c.name_en, " \
	"a.project_type, t.name_sv, t.name_en, r.year, " AMOUNT_APPLIED ", " \
	"DATE_FORMAT(a.submitted_at, '%Y-%m-%d'), a.status " \
	"FROM (SELECT a.id, " key " AS k, " key2 " AS k2 FROM applications a " join \
	" WHERE " INBOX_WHERE " ORDER BY k " dir ", k2 " dir ", a.id " dir \
	" LIMIT ? OFFSET ?) pg " \
	"JOIN applications a ON a.id = pg.id " JOIN_ORG " " JOIN_ROUND " " \
	JOIN_COUNTRY " " JOIN_THEME " ORDER BY pg.k " dir ", pg.k2 " dir ", a.id " dir

/*
 * A sort by key, then key2 (NULL: none), then id so that pages never
 * overlap. A key2 that follows an index (status, submitted_at) lets
 * MariaDB read that index in order instead of sorting.
 */
#define BOTH(join, key, key2) \
	{ { INBOX_ROWS(join, key, key2, "ASC"), NULL, 0 }, \
	  { INBOX_ROWS(join, key, key2, "DESC"), NULL, 0 } }

static struct dbstmt inbox_rows[INBOX_SORT__MAX][2] = {
	[INBOX_SORT_REF] = BOTH("", "a.id", "NULL"),
	[INBOX_SORT_TITLE_SV] = BOTH("", "COALESCE(NULLIF(a.title_sv, ''), a.title_en)", "NULL"),
	[INBOX_SORT_TITLE_EN] = BOTH("", "COALESCE(NULLIF(a.title_en, ''), a.title_sv)", "NULL"),
	[INBOX_SORT_ORG] = BOTH(JOIN_ORG, "o.name", "NULL"),
	[INBOX_SORT_COUNTRY_SV] = BOTH(JOIN_COUNTRY, "c.name_sv", "NULL"),
	[INBOX_SORT_COUNTRY_EN] = BOTH(JOIN_COUNTRY, "c.name_en", "NULL"),
	/* ENUM columns sort in their declared order: the lifecycle, and inception before project. */
	[INBOX_SORT_TYPE] = BOTH("", "a.project_type", "a.status"),
	[INBOX_SORT_THEME_SV] = BOTH(JOIN_THEME, "t.name_sv", "NULL"),
	[INBOX_SORT_THEME_EN] = BOTH(JOIN_THEME, "t.name_en", "NULL"),
	[INBOX_SORT_ROUND] = BOTH(JOIN_ROUND, "r.year", "NULL"),
	[INBOX_SORT_AMOUNT] = BOTH("", AMOUNT_APPLIED, "NULL"),
	[INBOX_SORT_SUBMITTED] = BOTH("", "a.submitted_at", "NULL"),
	[INBOX_SORT_STATUS] = BOTH("", "a.status", "a.submitted_at"),
};

#undef BOTH

#define PROJECT_OTHER \
	F("a.round_id") " AND " F("a.project_type") " AND " F("a.country_code") \
	" AND " F("a.applicant_org_id")
#define PROJECT_WHERE	PROJECT_OTHER " AND " F("p.status")

#define PROJECT_ROWS(join, key, key2, dir) \
	"SELECT p.code, a.title_sv, a.title_en, o.name, c.name_sv, c.name_en, " \
	"a.project_type, r.year, DATE_FORMAT(p.planned_start, '%Y-%m-%d'), " \
	"DATE_FORMAT(p.planned_end, '%Y-%m-%d'), " BUDGET_APPROVED ", p.status " \
	"FROM (SELECT p.id, " key " AS k, " key2 " AS k2 FROM projects p " \
	"JOIN applications a ON a.id = p.application_id " join \
	" WHERE " PROJECT_WHERE " ORDER BY k " dir ", k2 " dir ", p.id " dir \
	" LIMIT ? OFFSET ?) pg " \
	"JOIN projects p ON p.id = pg.id JOIN applications a ON a.id = p.application_id " \
	JOIN_ORG " " JOIN_ROUND " " JOIN_COUNTRY " ORDER BY pg.k " dir ", pg.k2 " dir ", p.id " dir

#define BOTH(join, key, key2) \
	{ { PROJECT_ROWS(join, key, key2, "ASC"), NULL, 0 }, \
	  { PROJECT_ROWS(join, key, key2, "DESC"), NULL, 0 } }

static struct dbstmt project_rows[PROJECT_SORT__MAX][2] = {
	[PROJECT_SORT_CODE] = BOTH("", "p.code", "NULL"),
	[PROJECT_SORT_TITLE_SV] = BOTH("", "COALESCE(NULLIF(a.title_sv, ''), a.title_en)", "NULL"),
	[PROJECT_SORT_TITLE_EN] = BOTH("", "COALESCE(NULLIF(a.title_en, ''), a.title_sv)", "NULL"),
	[PROJECT_SORT_ORG] = BOTH(JOIN_ORG, "o.name", "NULL"),
	[PROJECT_SORT_COUNTRY_SV] = BOTH(JOIN_COUNTRY, "c.name_sv", "NULL"),
	[PROJECT_SORT_COUNTRY_EN] = BOTH(JOIN_COUNTRY, "c.name_en", "NULL"),
	[PROJECT_SORT_TYPE] = BOTH("", "a.project_type", "NULL"),
	[PROJECT_SORT_ROUND] = BOTH(JOIN_ROUND, "r.year", "NULL"),
	[PROJECT_SORT_START] = BOTH("", "p.planned_start", "p.planned_end"),
	[PROJECT_SORT_BUDGET] = BOTH("", BUDGET_APPROVED, "NULL"),
	[PROJECT_SORT_STATUS] = BOTH("", "p.status", "p.planned_end"),
};

#undef BOTH

/*
 * The select boxes' choices with each one's place in Swedish and in
 * English order (ROW_NUMBER over the table's few rows), so that one
 * cached statement serves readers of both languages; then the counts.
 * Columns: tag, place in Swedish, place in English, value, label in
 * Swedish, label in English, count.
 */
#define META_ROUNDS \
	"SELECT 'r' AS tag, ROW_NUMBER() OVER (ORDER BY r.year DESC, r.id DESC) AS n_sv, " \
	"ROW_NUMBER() OVER (ORDER BY r.year DESC, r.id DESC) AS n_en, r.id AS v, " \
	"r.name_sv AS l_sv, r.name_en AS l_en, NULL AS cnt FROM rounds r"
#define META_COUNTRIES \
	"SELECT 'k', ROW_NUMBER() OVER (ORDER BY c.name_sv, c.code), " \
	"ROW_NUMBER() OVER (ORDER BY c.name_en, c.code), c.code, c.name_sv, c.name_en, NULL " \
	"FROM countries c"
/*
 * The organisations that have a row in the list. A scalar subquery with
 * LIMIT 1 is one index lookup per organisation; written as EXISTS,
 * MariaDB turns it into a semi-join that reads the whole index instead.
 */
#define META_ORGS(having) \
	"SELECT 'o', ROW_NUMBER() OVER (ORDER BY o.name, o.id), " \
	"ROW_NUMBER() OVER (ORDER BY o.name, o.id), o.id, o.name, o.name, NULL " \
	"FROM organisations o WHERE o.side = 'swedish' AND (" having " LIMIT 1) IS NOT NULL"

#define INBOX_META(where) \
	META_ROUNDS " UNION ALL " META_COUNTRIES " UNION ALL " \
	"SELECT 't', ROW_NUMBER() OVER (ORDER BY t.name_sv, t.id), " \
	"ROW_NUMBER() OVER (ORDER BY t.name_en, t.id), t.id, t.name_sv, t.name_en, NULL " \
	"FROM thematic_areas t UNION ALL " \
	META_ORGS("SELECT 1 FROM applications a WHERE a.applicant_org_id = o.id " \
	"AND a.status <> 'draft'") " UNION ALL " \
	"SELECT 'c', 0, 0, a.status, NULL, NULL, COUNT(*) FROM applications a " \
	"WHERE " where " GROUP BY a.status"

#define PROJECT_META(where) \
	META_ROUNDS " UNION ALL " META_COUNTRIES " UNION ALL " \
	META_ORGS("SELECT 1 FROM applications a JOIN projects p " \
	"ON p.application_id = a.id WHERE a.applicant_org_id = o.id") " UNION ALL " \
	"SELECT 'c', 0, 0, p.status, NULL, NULL, COUNT(*) FROM projects p " \
	"JOIN applications a ON a.id = p.application_id WHERE " where " GROUP BY p.status"

enum q {
	Q_INBOX_META,
	Q_INBOX_META_ALL,
	Q_PROJECT_META,
	Q_PROJECT_META_ALL,
	Q__MAX
};

/*
 * Each meta statement twice: the list unfiltered is the page opened most,
 * and there the counts read one index alone. A statement that names the
 * filters' columns, even in conditions that are folded away, makes
 * MariaDB read each row instead (its choice of a covering index is made
 * when the statement is prepared).
 */
static struct dbstmt q[Q__MAX] = {
	[Q_INBOX_META] = { INBOX_META(INBOX_OTHER), NULL, 0 },
	[Q_INBOX_META_ALL] = { INBOX_META("a.status <> 'draft'"), NULL, 0 },
	[Q_PROJECT_META] = { PROJECT_META(PROJECT_OTHER), NULL, 0 },
	[Q_PROJECT_META_ALL] = { PROJECT_META("1"), NULL, 0 },
};

/* Sorts the meta statement's rows into m, each choice at its place in the reader's order. */
static void
meta_fill(struct req *r, const struct dbres *res, struct list_meta *m)
{
	size_t i, k, n[4] = { 0, 0, 0, 0 };
	struct list_option **lists[4] = { &m->rounds, &m->countries, &m->themes, &m->orgs };
	size_t *lens[4] = { &m->nrounds, &m->ncountries, &m->nthemes, &m->norgs };
	static const char tags[] = "rkto";
	const char *t;
	long long place;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < res->nrows; i++)
		if ((t = strchr(tags, res->rows[i][0][0])) != NULL)
			n[t - tags]++;
	for (k = 0; k < 4; k++) {
		*lists[k] = arena_calloc(r->a, n[k] + 1, sizeof(struct list_option));
		*lens[k] = n[k];
	}
	m->counts = arena_calloc(r->a, res->nrows + 1, sizeof(*m->counts));
	for (i = 0; i < res->nrows; i++) {
		char **c = res->rows[i];

		if (c[0][0] == 'c') {
			m->counts[m->ncounts].status = c[3];
			m->counts[m->ncounts++].n = db_ll(res, i, 6);
			continue;
		}
		if ((t = strchr(tags, c[0][0])) == NULL)
			continue;
		k = (size_t)(t - tags);
		place = db_ll(res, i, r->lang == LANG_EN ? 2 : 1);
		if (place < 1 || (size_t)place > n[k])
			continue;
		(*lists[k])[place - 1].value = c[3];
		(*lists[k])[place - 1].label = i18n_pick(r->lang, c[4], c[5]);
	}
}

enum kerr
db_inbox_meta(struct req *r, const struct inbox_filter *f, struct list_meta *m)
{
	struct dbres res;
	enum kerr e;

	if (f->round == NULL && f->type == NULL && f->country == NULL &&
	    f->theme == NULL && f->org == NULL)
		e = db_query_cached(r->a, r->id, &q[Q_INBOX_META_ALL],
		    r->sess->data_version, &res, "");
	else
		e = db_query_cached(r->a, r->id, &q[Q_INBOX_META],
		    r->sess->data_version, &res, "ssssssssss", f->round, f->round,
		    f->type, f->type, f->country, f->country, f->theme, f->theme,
		    f->org, f->org);
	if (e != KERR_OK)
		return e;
	meta_fill(r, &res, m);
	return KERR_OK;
}

enum kerr
db_project_list_meta(struct req *r, const struct project_filter *f,
    struct list_meta *m)
{
	struct dbres res;
	enum kerr e;

	if (f->round == NULL && f->type == NULL && f->country == NULL &&
	    f->org == NULL)
		e = db_query_cached(r->a, r->id, &q[Q_PROJECT_META_ALL],
		    r->sess->data_version, &res, "");
	else
		e = db_query_cached(r->a, r->id, &q[Q_PROJECT_META],
		    r->sess->data_version, &res, "ssssssss", f->round, f->round,
		    f->type, f->type, f->country, f->country, f->org, f->org);
	if (e != KERR_OK)
		return e;
	meta_fill(r, &res, m);
	return KERR_OK;
}

/*
 * Runs one of a list's row statements: a page from the worker's cache
 * when it can, every row (limit 0) fresh. The downloads are too large to
 * keep, and asked for too rarely to gain from it.
 */
enum kerr
db_inbox_rows(struct req *r, const struct inbox_filter *f, int sort, int desc,
    long long offset, long long limit, struct inbox_row **rows, size_t *n)
{
	struct dbstmt *s;
	struct dbres res;
	enum kerr e;
	size_t i;

	*rows = NULL;
	*n = 0;
	if (sort < 0 || sort >= INBOX_SORT__MAX)
		return KERR_SYSTEM;
	s = &inbox_rows[sort][desc ? 1 : 0];
	if (limit > 0)
		e = db_query_cached(r->a, r->id, s, r->sess->data_version, &res,
		    "ssssssssssssii", f->round, f->round, f->type, f->type,
		    f->country, f->country, f->theme, f->theme, f->org, f->org,
		    f->status, f->status, limit, offset);
	else
		e = db_query(r->a, r->id, s, &res, "ssssssssssssii",
		    f->round, f->round, f->type, f->type, f->country, f->country,
		    f->theme, f->theme, f->org, f->org, f->status, f->status,
		    (long long)LLONG_MAX, 0LL);
	if (e != KERR_OK)
		return e;
	*rows = arena_calloc(r->a, res.nrows + 1, sizeof(**rows));
	for (i = 0; i < res.nrows; i++) {
		struct inbox_row *w = &(*rows)[i];
		char **c = res.rows[i];

		w->id = db_ll(&res, i, 0);
		w->title_sv = c[1];
		w->title_en = c[2];
		w->org = c[3];
		w->country_sv = c[4];
		w->country_en = c[5];
		w->type = c[6];
		w->theme_sv = c[7];
		w->theme_en = c[8];
		w->round_year = c[9];
		w->amount = c[10];
		w->submitted = c[11];
		w->status = c[12];
	}
	*n = res.nrows;
	return KERR_OK;
}

enum kerr
db_project_list_rows(struct req *r, const struct project_filter *f, int sort,
    int desc, long long offset, long long limit, struct project_row **rows,
    size_t *n)
{
	struct dbstmt *s;
	struct dbres res;
	enum kerr e;
	size_t i;

	*rows = NULL;
	*n = 0;
	if (sort < 0 || sort >= PROJECT_SORT__MAX)
		return KERR_SYSTEM;
	s = &project_rows[sort][desc ? 1 : 0];
	if (limit > 0)
		e = db_query_cached(r->a, r->id, s, r->sess->data_version, &res,
		    "ssssssssssii", f->round, f->round, f->type, f->type,
		    f->country, f->country, f->org, f->org, f->status, f->status,
		    limit, offset);
	else
		e = db_query(r->a, r->id, s, &res, "ssssssssssii",
		    f->round, f->round, f->type, f->type, f->country, f->country,
		    f->org, f->org, f->status, f->status, (long long)LLONG_MAX, 0LL);
	if (e != KERR_OK)
		return e;
	*rows = arena_calloc(r->a, res.nrows + 1, sizeof(**rows));
	for (i = 0; i < res.nrows; i++) {
		struct project_row *w = &(*rows)[i];
		char **c = res.rows[i];

		w->code = c[0];
		w->title_sv = c[1];
		w->title_en = c[2];
		w->org = c[3];
		w->country_sv = c[4];
		w->country_en = c[5];
		w->type = c[6];
		w->round_year = c[7];
		w->start = c[8];
		w->end = c[9];
		w->budget = c[10];
		w->status = c[11];
	}
	*n = res.nrows;
	return KERR_OK;
}
