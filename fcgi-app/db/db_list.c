/* db_list.c - the inbox and the projects list: a page of rows, and the select boxes' choices with counts. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_list.h"
#include "http/req.h"

/*
 * A filter that is off binds NULL: MariaDB folds "NULL IS NULL OR ..."
 * away when it plans each execution, so a page uses the index of the
 * filters it has (sql/0003, sql/0011), with one statement text for all
 * combinations of filters.
 */
#define F(col)	"(? IS NULL OR " col " = ?)"

/*
 * The filters on the application other than status (the counts are under
 * them), each bound twice in the order of OTHER_ARGS(); then the list's
 * status too (the rows).
 */
#define APP_OTHER \
	F("a.round_id") " AND " F("a.project_type") " AND " F("a.country_code") \
	" AND " F("a.thematic_area_id") " AND " F("a.applicant_org_id")
#define OTHER_ARGS(f) (f)->round, (f)->round, (f)->type, (f)->type, \
	(f)->country, (f)->country, (f)->theme, (f)->theme, (f)->org, (f)->org

/*
 * Every application that was submitted: not a draft, nor a draft withdrawn
 * before it was ever sent (which has no submission date).
 */
#define SUBMITTED	"a.status <> 'draft' AND a.submitted_at IS NOT NULL"
#define INBOX_OTHER	SUBMITTED " AND " APP_OTHER
#define INBOX_WHERE	INBOX_OTHER " AND " F("a.status")

#define AMOUNT_APPLIED \
	"(SELECT SUM(y.amount) FROM application_years y WHERE y.application_id = a.id)"
#define BUDGET_APPROVED \
	"(SELECT SUM(py.amount) FROM project_years py WHERE py.project_id = p.id)"

#define JOIN_ORG	"JOIN organisations o ON o.id = a.applicant_org_id"
#define JOIN_COUNTRY	"LEFT JOIN countries c ON c.code = a.country_code"
#define JOIN_THEME	"LEFT JOIN thematic_areas t ON t.id = a.thematic_area_id"
#define JOIN_ROUND	"JOIN rounds r ON r.id = a.round_id"

/* A row's struct list_app, in columns 1 to 8 of both lists' rows (app_of()). */
#define APP_COLUMNS(status) \
	"a.title_sv, a.title_en, o.name, c.name_sv, c.name_en, a.project_type, r.year, " status

/*
 * A page: the inner query finds the page's ids by the sort key alone,
 * joining only what the key needs, so that a page of 50 out of thousands
 * reads 50 rows' details and walks an index where the key has one; the
 * outer query fetches those rows' names and sums.
 */
#define INBOX_ROWS(join, key, key2, dir) \
	"SELECT a.id, " APP_COLUMNS("a.status") ", t.name_sv, t.name_en, " \
	AMOUNT_APPLIED ", " DB_SWEDISH_DAY("a.submitted_at") " " \
	"FROM (SELECT a.id, " key " AS k, " key2 " AS k2 FROM applications a " join \
	" WHERE " INBOX_WHERE " ORDER BY k " dir ", k2 " dir ", a.id " dir \
	" LIMIT ? OFFSET ?) pg " \
	"JOIN applications a ON a.id = pg.id " JOIN_ORG " " JOIN_ROUND " " \
	JOIN_COUNTRY " " JOIN_THEME " ORDER BY pg.k " dir ", pg.k2 " dir ", a.id " dir

/*
 * A project's status is the one it shows today (DB_PROJECT_STATUS): the
 * projects' statements bind today first, then as the inbox's.
 */
#define PROJECT_OTHER	APP_OTHER
#define PROJECT_WHERE	PROJECT_OTHER " AND " F(DB_PROJECT_STATUS("p"))

#define PROJECT_ROWS(join, key, key2, dir) \
	"WITH " DB_TODAY_CTE " SELECT p.code, " APP_COLUMNS("p.status") ", " \
	"DATE_FORMAT(p.planned_start, '%Y-%m-%d'), DATE_FORMAT(p.planned_end, '%Y-%m-%d'), " \
	BUDGET_APPROVED ", DATE_FORMAT(COALESCE(p.actual_start, p.planned_start), '%Y-%m-%d') " \
	"FROM (SELECT p.id, " key " AS k, " key2 " AS k2 FROM projects p " \
	"JOIN applications a ON a.id = p.application_id " join \
	" WHERE " PROJECT_WHERE " ORDER BY k " dir ", k2 " dir ", p.id " dir \
	" LIMIT ? OFFSET ?) pg " \
	"JOIN projects p ON p.id = pg.id JOIN applications a ON a.id = p.application_id " \
	JOIN_ORG " " JOIN_ROUND " " JOIN_COUNTRY " ORDER BY pg.k " dir ", pg.k2 " dir ", p.id " dir

/*
 * A sort by key, then key2 (NULL: none), then id so that pages never
 * overlap, both ways, for a list whose page is ROWS. A key2 that follows
 * an index (status, submitted_at) lets MariaDB read that index in order
 * instead of sorting.
 */
#define BOTH(ROWS, join, key, key2) \
	{ { ROWS(join, key, key2, "ASC"), NULL, 0 }, \
	  { ROWS(join, key, key2, "DESC"), NULL, 0 } }

/* The sorts by the application's own columns, the same in both lists (S: the list's enum prefix). */
#define APP_SORTS(S, ROWS) \
	[S##_TITLE_SV] = BOTH(ROWS, "", "COALESCE(NULLIF(a.title_sv, ''), a.title_en)", "NULL"), \
	[S##_TITLE_EN] = BOTH(ROWS, "", "COALESCE(NULLIF(a.title_en, ''), a.title_sv)", "NULL"), \
	[S##_ORG] = BOTH(ROWS, JOIN_ORG, "o.name", "NULL"), \
	[S##_COUNTRY_SV] = BOTH(ROWS, JOIN_COUNTRY, "c.name_sv", "NULL"), \
	[S##_COUNTRY_EN] = BOTH(ROWS, JOIN_COUNTRY, "c.name_en", "NULL"), \
	[S##_ROUND] = BOTH(ROWS, JOIN_ROUND, "r.year", "NULL")

static struct dbstmt inbox_rows[INBOX_SORT__MAX][2] = {
	[INBOX_SORT_REF] = BOTH(INBOX_ROWS, "", "a.id", "NULL"),
	APP_SORTS(INBOX_SORT, INBOX_ROWS),
	/* ENUM columns sort in their declared order: the lifecycle, and inception before project. */
	[INBOX_SORT_TYPE] = BOTH(INBOX_ROWS, "", "a.project_type", "a.status"),
	[INBOX_SORT_THEME_SV] = BOTH(INBOX_ROWS, JOIN_THEME, "t.name_sv", "NULL"),
	[INBOX_SORT_THEME_EN] = BOTH(INBOX_ROWS, JOIN_THEME, "t.name_en", "NULL"),
	[INBOX_SORT_AMOUNT] = BOTH(INBOX_ROWS, "", AMOUNT_APPLIED, "NULL"),
	[INBOX_SORT_SUBMITTED] = BOTH(INBOX_ROWS, "", "a.submitted_at", "NULL"),
	[INBOX_SORT_STATUS] = BOTH(INBOX_ROWS, "", "a.status", "a.submitted_at"),
};

static struct dbstmt project_rows[PROJECT_SORT__MAX][2] = {
	[PROJECT_SORT_CODE] = BOTH(PROJECT_ROWS, "", "p.code", "NULL"),
	APP_SORTS(PROJECT_SORT, PROJECT_ROWS),
	[PROJECT_SORT_TYPE] = BOTH(PROJECT_ROWS, "", "a.project_type", "NULL"),
	[PROJECT_SORT_START] = BOTH(PROJECT_ROWS, "", "p.planned_start", "p.planned_end"),
	[PROJECT_SORT_BUDGET] = BOTH(PROJECT_ROWS, "", BUDGET_APPROVED, "NULL"),
	[PROJECT_SORT_STATUS] = BOTH(PROJECT_ROWS, "", DB_PROJECT_STATUS_RANK("p"), "p.planned_end"),
};

/*
 * The reports list: its filters on the report, its project and the
 * project's application, bound in REPORT_ARGS()'s order. Owed: a draft or
 * a returned report of a project under way, as the start pages count them.
 */
#define OWED	"(rp.status IN ('draft', 'returned') AND p.status IN ('implementation', 'finalisation'))"
#define REPORT_OTHER \
	F("a.round_id") " AND " F("a.country_code") " AND " F("a.applicant_org_id") \
	" AND " F("rp.kind") " AND " F("rp.project_year") \
	" AND (? IS NULL OR (" OWED " AND rp.deadline < ?))" \
	" AND (? IS NULL OR (" OWED " AND rp.deadline >= ?))"
/* The deadline filter binds today as the day overdue reports are due before, or due ones on or after. */
#define REPORT_ARGS(f) (f)->round, (f)->round, (f)->country, (f)->country, (f)->org, \
	(f)->org, (f)->kind, (f)->kind, (f)->year, (f)->year, overdue_before(f), overdue_before(f), \
	due_from(f), due_from(f)
#define REPORT_WHERE	REPORT_OTHER " AND " F("rp.status")
#define REPORT_FROM	"FROM reports rp JOIN projects p ON p.id = rp.project_id " \
	"JOIN applications a ON a.id = p.application_id "

#define REPORT_ROWS(join, key, key2, dir) \
	"SELECT rp.id, p.code, a.title_sv, a.title_en, o.name, c.name_sv, c.name_en, r.year, " \
	"rp.kind, rp.project_year, DATE_FORMAT(rp.deadline, '%Y-%m-%d'), rp.status, " \
	DB_SWEDISH_DAY("rp.submitted_at") ", DATEDIFF(rp.deadline, ?), " OWED " " \
	"FROM (SELECT rp.id, " key " AS k, " key2 " AS k2 " REPORT_FROM join \
	" WHERE " REPORT_WHERE " ORDER BY k " dir ", k2 " dir ", rp.id " dir \
	" LIMIT ? OFFSET ?) pg " \
	"JOIN reports rp ON rp.id = pg.id JOIN projects p ON p.id = rp.project_id " \
	"JOIN applications a ON a.id = p.application_id " JOIN_ORG " " JOIN_ROUND " " \
	JOIN_COUNTRY " ORDER BY pg.k " dir ", pg.k2 " dir ", rp.id " dir

static struct dbstmt report_rows[REPORT_SORT__MAX][2] = {
	[REPORT_SORT_CODE] = BOTH(REPORT_ROWS, "", "p.code", "rp.kind, rp.project_year"),
	[REPORT_SORT_ORG] = BOTH(REPORT_ROWS, JOIN_ORG, "o.name", "rp.deadline"),
	[REPORT_SORT_COUNTRY_SV] = BOTH(REPORT_ROWS, JOIN_COUNTRY, "c.name_sv", "rp.deadline"),
	[REPORT_SORT_COUNTRY_EN] = BOTH(REPORT_ROWS, JOIN_COUNTRY, "c.name_en", "rp.deadline"),
	[REPORT_SORT_KIND] = BOTH(REPORT_ROWS, "", "rp.kind", "rp.project_year"),
	[REPORT_SORT_ROUND] = BOTH(REPORT_ROWS, JOIN_ROUND, "r.year", "rp.deadline"),
	[REPORT_SORT_DUE] = BOTH(REPORT_ROWS, "", "rp.deadline", "p.code"),
	[REPORT_SORT_SUBMITTED] = BOTH(REPORT_ROWS, "", "rp.submitted_at", "rp.deadline"),
	[REPORT_SORT_STATUS] = BOTH(REPORT_ROWS, "", "rp.status", "rp.deadline"),
};

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
	"AND " SUBMITTED) " UNION ALL " \
	"SELECT 'c', 0, 0, a.status, NULL, NULL, COUNT(*) FROM applications a " \
	"WHERE " where " GROUP BY a.status"

#define PROJECT_META(where) \
	"WITH " DB_TODAY_CTE " " META_ROUNDS " UNION ALL " META_COUNTRIES " UNION ALL " \
	META_ORGS("SELECT 1 FROM applications a JOIN projects p " \
	"ON p.application_id = a.id WHERE a.applicant_org_id = o.id") " UNION ALL " \
	"SELECT 'c', 0, 0, " DB_PROJECT_STATUS("p") " AS st, NULL, NULL, COUNT(*) FROM projects p " \
	"JOIN applications a ON a.id = p.application_id WHERE " where " GROUP BY st"

/*
 * The reports list's choices and counts, and ('v') how many are overdue
 * under the other filters: what an officer chases first.
 */
#define REPORT_META \
	META_ROUNDS " UNION ALL " META_COUNTRIES " UNION ALL " \
	META_ORGS("SELECT 1 FROM applications a JOIN projects p " \
	"ON p.application_id = a.id WHERE a.applicant_org_id = o.id") " UNION ALL " \
	"SELECT 'c', 0, 0, rp.status, NULL, NULL, COUNT(*) " REPORT_FROM \
	"WHERE " REPORT_OTHER " GROUP BY rp.status UNION ALL " \
	"SELECT 'v', 0, 0, NULL, NULL, NULL, COUNT(*) " REPORT_FROM \
	"WHERE " REPORT_OTHER " AND " OWED " AND rp.deadline < ?"

/* The meta statements' values, after the tag (the columns above). */
#define META_VALUES	1
enum { META_PLACE_SV, META_PLACE_EN, META_VALUE, META_LABEL_SV, META_LABEL_EN, META_COUNT };

enum q {
	Q_INBOX_META,
	Q_INBOX_META_ALL,
	Q_PROJECT_META,
	Q_PROJECT_META_ALL,
	Q_REPORT_META,
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
	[Q_INBOX_META_ALL] = { INBOX_META(SUBMITTED), NULL, 0 },
	[Q_PROJECT_META] = { PROJECT_META(PROJECT_OTHER), NULL, 0 },
	[Q_PROJECT_META_ALL] = { PROJECT_META("1"), NULL, 0 },
	[Q_REPORT_META] = { REPORT_META, NULL, 0 },
};

/* Sorts the meta statement's rows into m: the choices (db_options()), then the counts by status. */
static void
meta_fill(struct req *r, const struct dbres *res, struct list_meta *m)
{
	struct db_option **lists[4] = { &m->rounds, &m->countries, &m->themes, &m->orgs };
	size_t *lens[4] = { &m->nrounds, &m->ncountries, &m->nthemes, &m->norgs };
	size_t i;

	memset(m, 0, sizeof(*m));
	db_options(r->a, r->lang, res, "rkto", lists, lens);
	m->counts = arena_calloc(r->a, res->nrows + 1, sizeof(*m->counts));
	for (i = 0; i < res->nrows; i++) {
		char **c = res->rows[i];

		if (c[0][0] == 'c') {
			m->counts[m->ncounts].status = c[3];
			m->counts[m->ncounts++].n = db_ll(res, i, 6);
		}
	}
}

/*
 * A list's choices and counts: the statement for the unfiltered list when
 * it is that, else the other. today: bound first, for the projects'
 * statements (DB_TODAY_CTE); NULL for the inbox's, which do not read it.
 */
static enum kerr
meta(struct req *r, struct dbstmt *filtered, struct dbstmt *all, const char *today,
    const struct app_filter *f, struct list_meta *m)
{
	unsigned long long v = r->sess->data_version;
	struct dbres res;
	enum kerr e;

	if (f->round == NULL && f->type == NULL && f->country == NULL &&
	    f->theme == NULL && f->org == NULL)
		e = today == NULL ? db_query_cached(r->a, r->id, all, v, &res, "") :
		    db_query_cached(r->a, r->id, all, v, &res, "s", today);
	else
		e = today == NULL ?
		    db_query_cached(r->a, r->id, filtered, v, &res, "ssssssssss", OTHER_ARGS(f)) :
		    db_query_cached(r->a, r->id, filtered, v, &res, "sssssssssss", today,
		    OTHER_ARGS(f));
	if (e != KERR_OK)
		return e;
	meta_fill(r, &res, m);
	return KERR_OK;
}

enum kerr
db_inbox_meta(struct req *r, const struct app_filter *f, struct list_meta *m)
{
	return meta(r, &q[Q_INBOX_META], &q[Q_INBOX_META_ALL], NULL, f, m);
}

enum kerr
db_project_list_meta(struct req *r, const struct app_filter *f, const char *today,
    struct list_meta *m)
{
	return meta(r, &q[Q_PROJECT_META], &q[Q_PROJECT_META_ALL], today, f, m);
}

/*
 * Runs one of a list's row statements, rows[sort][desc] (sort below
 * nsorts): a page from the worker's cache when it can, every row (limit
 * 0) fresh. The downloads are too large to keep, and asked for too rarely
 * to gain from it. today: bound first, for the projects' statements
 * (DB_TODAY_CTE); NULL for the inbox's, which do not read it. KERR_OK,
 * KERR_DB, or KERR_SYSTEM for a sort off the table.
 */
static enum kerr
page_rows(struct req *r, struct dbstmt rows[][2], int nsorts, int sort, int desc,
    const char *today, const struct app_filter *f, long long offset, long long limit,
    struct dbres *res)
{
	struct dbstmt *s;
	int fresh = limit <= 0;

	if (sort < 0 || sort >= nsorts)
		return KERR_SYSTEM;
	s = &rows[sort][desc != 0];
	if (fresh) {
		limit = LLONG_MAX;
		offset = 0;
	}
#define ROW_FMT		"ssssssssssssii"
#define ROW_ARGS	OTHER_ARGS(f), f->status, f->status, limit, offset
	if (today == NULL)
		return fresh ? db_query(r->a, r->id, s, res, ROW_FMT, ROW_ARGS) :
		    db_query_cached(r->a, r->id, s, r->sess->data_version, res, ROW_FMT, ROW_ARGS);
	return fresh ? db_query(r->a, r->id, s, res, "s" ROW_FMT, today, ROW_ARGS) :
	    db_query_cached(r->a, r->id, s, r->sess->data_version, res, "s" ROW_FMT, today,
	    ROW_ARGS);
#undef ROW_ARGS
#undef ROW_FMT
}

/* Columns 1 to 8 of a row (APP_COLUMNS) into a. */
static void
app_of(char **c, struct list_app *a)
{
	a->title_sv = c[1];
	a->title_en = c[2];
	a->org = c[3];
	a->country_sv = c[4];
	a->country_en = c[5];
	a->type = c[6];
	a->round_year = c[7];
	a->status = c[8];
}

enum kerr
db_inbox_rows(struct req *r, const struct app_filter *f, int sort, int desc,
    long long offset, long long limit, struct inbox_row **rows, size_t *n)
{
	struct dbres res;
	enum kerr e;
	size_t i;

	*rows = NULL;
	*n = 0;
	if ((e = page_rows(r, inbox_rows, INBOX_SORT__MAX, sort, desc, NULL, f, offset,
	    limit, &res)) != KERR_OK)
		return e;
	*rows = arena_calloc(r->a, res.nrows + 1, sizeof(**rows));
	for (i = 0; i < res.nrows; i++) {
		struct inbox_row *w = &(*rows)[i];

		w->id = db_ll(&res, i, 0);
		app_of(res.rows[i], &w->app);
		w->theme_sv = res.rows[i][9];
		w->theme_en = res.rows[i][10];
		w->amount = res.rows[i][11];
		w->submitted = res.rows[i][12];
	}
	*n = res.nrows;
	return KERR_OK;
}

enum kerr
db_project_list_rows(struct req *r, const struct app_filter *f, const char *today,
    int sort, int desc, long long offset, long long limit, struct project_row **rows,
    size_t *n)
{
	struct dbres res;
	enum kerr e;
	size_t i;

	*rows = NULL;
	*n = 0;
	if ((e = page_rows(r, project_rows, PROJECT_SORT__MAX, sort, desc, today, f, offset,
	    limit, &res)) != KERR_OK)
		return e;
	*rows = arena_calloc(r->a, res.nrows + 1, sizeof(**rows));
	for (i = 0; i < res.nrows; i++) {
		struct project_row *w = &(*rows)[i];

		w->code = res.rows[i][0];
		app_of(res.rows[i], &w->app);
		w->start = res.rows[i][9];
		w->end = res.rows[i][10];
		w->budget = res.rows[i][11];
		w->starts = res.rows[i][12];
	}
	*n = res.nrows;
	return KERR_OK;
}

static const char *
overdue_before(const struct report_filter *f)
{
	return f->deadline != NULL && strcmp(f->deadline, "overdue") == 0 ? f->today : NULL;
}

static const char *
due_from(const struct report_filter *f)
{
	return f->deadline != NULL && strcmp(f->deadline, "due") == 0 ? f->today : NULL;
}

enum kerr
db_report_list_meta(struct req *r, const struct report_filter *f, struct list_meta *m,
    long long *overdue)
{
	struct dbpart p;
	struct dbres res;
	enum kerr e;

	*overdue = 0;
	if ((e = db_query_cached(r->a, r->id, &q[Q_REPORT_META], r->sess->data_version, &res,
	    "sssssssssssssssssssssssssssss", REPORT_ARGS(f), REPORT_ARGS(f), f->today)) != KERR_OK)
		return e;
	meta_fill(r, &res, m);
	for (db_parts(&p, &res, META_VALUES, "v"); db_part_next(&p); )
		*overdue = db_part_ll(&p, META_COUNT);
	return KERR_OK;
}

enum kerr
db_report_list_rows(struct arena *a, const char *reqid, unsigned long long data_version,
    const struct report_filter *f, int sort, int desc,
    long long offset, long long limit, struct report_row **rows, size_t *n)
{
	struct dbstmt *s;
	struct dbres res;
	enum kerr e;
	size_t i;

	*rows = NULL;
	*n = 0;
	if (sort < 0 || sort >= REPORT_SORT__MAX)
		return KERR_SYSTEM;
	s = &report_rows[sort][desc != 0];
	if (limit > 0)
		e = db_query_cached(a, reqid, s, data_version, &res,
		    "sssssssssssssssssii", f->today, REPORT_ARGS(f), f->status, f->status, limit,
		    offset);
	else
		e = db_query(a, reqid, s, &res, "sssssssssssssssssii", f->today, REPORT_ARGS(f),
		    f->status, f->status, (long long)LLONG_MAX, 0LL);
	if (e != KERR_OK)
		return e;
	*rows = arena_calloc(a, res.nrows + 1, sizeof(**rows));
	for (i = 0; i < res.nrows; i++) {
		struct report_row *w = &(*rows)[i];
		char **c = res.rows[i];

		w->id = db_ll(&res, i, 0);
		w->code = c[1];
		w->title_sv = c[2];
		w->title_en = c[3];
		w->org = c[4];
		w->country_sv = c[5];
		w->country_en = c[6];
		w->round_year = c[7];
		w->kind = c[8];
		w->year = c[9];
		w->due = c[10];
		w->status = c[11];
		w->submitted = c[12];
		w->days_left = db_ll(&res, i, 13);
		w->owed = db_ll(&res, i, 14) != 0;
	}
	*n = res.nrows;
	return KERR_OK;
}
