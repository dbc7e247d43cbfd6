/* db_decision.c - SQL of decisions: the one transaction that decides (and creates the project), changes to it, reading it. */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "db/db.h"
#include "db/db_auth.h"
#include "db/db_decision.h"
#include "http/app.h"
#include "http/req.h"

enum q {
	Q_GET,
	Q_INCEPTIONS,
	Q_STATE,
	Q_APP_LOCK,
	Q_DECIDED_BY,
	Q_DECISION_INSERT,
	Q_APP_DECIDE,
	Q_SEQ_LOCK,
	Q_SEQ_SET,
	Q_PROJECT_INSERT,
	Q_YEAR_UPSERT,
	Q_LINES_DELETE,
	Q_LINE_INSERT,
	Q_PROGRESS_UPSERT,
	Q_FINAL_UPDATE,
	Q_FINAL_INSERT,
	Q_REPORTS_TRIM,
	Q_YEARS_TRIM,
	Q_DECISION_LOCK,
	Q_DECISION_UPDATE,
	Q_PROJECT_FOLLOWS,
	Q_PROJECT_DATES,
	Q__MAX
};

/*
 * Q_GET is one statement, like the application's: the decision ("dd",
 * with its project's id) and each part of what it set up, as tagged rows
 * of one shape: the tag, two sort keys and seventeen values c1..c17.
 *
 *   d  the decision and its project; c15: 1 when a report has been
 *      submitted or a payment made (the amounts are then history);
 *      c4, c5 the reason and conditions in Swedish, c16, c17 in English
 *   y  project years (k1 year); l  budget lines (k1 year, k2 category)
 *   r  reports (k1 0 progress / 1 final, k2 year)
 */
static struct dbstmt q[Q__MAX] = {
	[Q_GET] = { "WITH dd AS (SELECT d.id, d.version, d.outcome, d.reason_sv, d.reason_en, "
	    "d.conditions_sv, d.conditions_en, d.decided_by, d.decided_at, p.id AS pid, p.code, "
	    "p.planned_start, p.planned_end, p.follows_project_id "
	    "FROM decisions d LEFT JOIN projects p ON p.application_id = d.application_id "
	    "WHERE d.application_id = ?) "
	    "SELECT 'd' AS tag, NULL AS k1, NULL AS k2, dd.id AS c1, dd.version AS c2, "
	    "dd.outcome AS c3, dd.reason_sv AS c4, dd.conditions_sv AS c5, "
	    "dd.decided_by AS c6, u.name AS c7, "
	    DB_SWEDISH_DAY("dd.decided_at") " AS c8, dd.pid AS c9, "
	    "dd.code AS c10, DATE_FORMAT(dd.planned_start, '%Y-%m-%d') AS c11, "
	    "DATE_FORMAT(dd.planned_end, '%Y-%m-%d') AS c12, "
	    "dd.follows_project_id AS c13, fp.code AS c14, "
	    "(EXISTS (SELECT 1 FROM disbursements x WHERE x.project_id = dd.pid) OR "
	    "EXISTS (SELECT 1 FROM reports x WHERE x.project_id = dd.pid "
	    "AND (x.status <> 'draft' OR x.revision > 0))) AS c15, "
	    "dd.reason_en AS c16, dd.conditions_en AS c17 "
	    "FROM dd JOIN users u ON u.id = dd.decided_by "
	    "LEFT JOIN projects fp ON fp.id = dd.follows_project_id "
	    "UNION ALL "
	    "SELECT 'y', y.year, NULL, DATE_FORMAT(y.starts_on, '%Y-%m-%d'), "
	    "DATE_FORMAT(y.ends_on, '%Y-%m-%d'), y.amount, NULL, NULL, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
	    "NULL, NULL "
	    "FROM dd JOIN project_years y ON y.project_id = dd.pid "
	    "UNION ALL "
	    "SELECT 'l', bl.year, bl.category + 0, bl.category, bl.amount, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
	    "NULL, NULL "
	    "FROM dd JOIN project_budget_lines bl ON bl.project_id = dd.pid "
	    "UNION ALL "
	    "SELECT 'r', rp.kind = 'final', rp.project_year, rp.kind, rp.project_year, "
	    "DATE_FORMAT(rp.due_on, '%Y-%m-%d'), rp.status, NULL, NULL, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
	    "NULL, NULL "
	    "FROM dd JOIN reports rp ON rp.project_id = dd.pid "
	    "ORDER BY 1, 2, 3", NULL, 0 },
	[Q_INCEPTIONS] = { "SELECT p.id, p.code, a.title_sv, a.title_en "
	    "FROM projects p JOIN applications a ON a.id = p.application_id "
	    "WHERE a.applicant_org_id = ? AND a.project_type = 'inception' "
	    "ORDER BY p.code", NULL, 0 },
	[Q_STATE] = { "SELECT a.status, a.version, d.decided_by, d.outcome "
	    "FROM applications a LEFT JOIN decisions d ON d.application_id = a.id "
	    "WHERE a.id = ?", NULL, 0 },
	/* Two admins deciding at once queue here; the second then sees the first's decision. */
	[Q_APP_LOCK] = { "SELECT a.status, a.version, r.year FROM applications a "
	    "JOIN rounds r ON r.id = a.round_id WHERE a.id = ? FOR UPDATE", NULL, 0 },
	/* A locking read sees the latest decision, not the transaction's snapshot. */
	[Q_DECIDED_BY] = { "SELECT decided_by, outcome FROM decisions "
	    "WHERE application_id = ? FOR UPDATE", NULL, 0 },
	[Q_DECISION_INSERT] = { "INSERT INTO decisions (application_id, outcome, "
	    "reason_sv, reason_en, conditions_sv, conditions_en, decided_by, decided_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", NULL, 0 },
	[Q_APP_DECIDE] = { "UPDATE applications SET status = ?, updated_at = ?, version = version + 1 "
	    "WHERE id = ? AND version = ? AND status IN ('submitted', 'under_review')",
	    NULL, 0 },
	/*
	 * The sequence row is locked from this read to the commit. The first
	 * code of a year finds no row to lock, and two transactions could both
	 * go on to insert one; they cannot here, because every writing
	 * transaction already holds data_version's row (sql/0006) from its
	 * first write, the decision's insert, until it commits.
	 */
	[Q_SEQ_LOCK] = { "SELECT last_number FROM project_id_sequences WHERE year = ? "
	    "FOR UPDATE", NULL, 0 },
	[Q_SEQ_SET] = { "INSERT INTO project_id_sequences (year, last_number) "
	    "VALUES (?, ?) ON DUPLICATE KEY UPDATE last_number = VALUES(last_number)",
	    NULL, 0 },
	[Q_PROJECT_INSERT] = { "INSERT INTO projects (code, application_id, "
	    "planned_start, planned_end, follows_project_id) VALUES (?, ?, ?, ?, ?)",
	    NULL, 0 },
	[Q_YEAR_UPSERT] = { "INSERT INTO project_years (project_id, year, starts_on, "
	    "ends_on, amount) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "starts_on = VALUES(starts_on), ends_on = VALUES(ends_on), "
	    "amount = VALUES(amount), version = version + 1", NULL, 0 },
	[Q_LINES_DELETE] = { "DELETE FROM project_budget_lines WHERE project_id = ?",
	    NULL, 0 },
	[Q_LINE_INSERT] = { "INSERT INTO project_budget_lines (project_id, year, "
	    "category, amount) VALUES (?, ?, ?, ?)", NULL, 0 },
	[Q_PROGRESS_UPSERT] = { "INSERT INTO reports (project_id, kind, project_year, "
	    "due_on) VALUES (?, 'progress', ?, ?) ON DUPLICATE KEY UPDATE "
	    "due_on = VALUES(due_on), version = version + 1", NULL, 0 },
	[Q_FINAL_UPDATE] = { "UPDATE reports SET project_year = ?, due_on = ?, "
	    "version = version + 1 WHERE project_id = ? AND kind = 'final'", NULL, 0 },
	[Q_FINAL_INSERT] = { "INSERT INTO reports (project_id, kind, project_year, "
	    "due_on) VALUES (?, 'final', ?, ?)", NULL, 0 },
	[Q_REPORTS_TRIM] = { "DELETE FROM reports WHERE project_id = ? "
	    "AND kind = 'progress' AND project_year > ?", NULL, 0 },
	[Q_YEARS_TRIM] = { "DELETE FROM project_years WHERE project_id = ? AND year > ?",
	    NULL, 0 },
	[Q_DECISION_LOCK] = { "SELECT d.id, d.version, d.outcome, p.id, "
	    "(EXISTS (SELECT 1 FROM disbursements x WHERE x.project_id = p.id) OR "
	    "EXISTS (SELECT 1 FROM reports x WHERE x.project_id = p.id "
	    "AND (x.status <> 'draft' OR x.revision > 0))) "
	    "FROM decisions d LEFT JOIN projects p ON p.application_id = d.application_id "
	    "WHERE d.application_id = ? FOR UPDATE", NULL, 0 },
	[Q_DECISION_UPDATE] = { "UPDATE decisions SET reason_sv = ?, reason_en = ?, "
	    "conditions_sv = ?, conditions_en = ?, version = version + 1 "
	    "WHERE id = ? AND version = ?", NULL, 0 },
	[Q_PROJECT_FOLLOWS] = { "UPDATE projects SET follows_project_id = ?, "
	    "version = version + 1 WHERE id = ?", NULL, 0 },
	[Q_PROJECT_DATES] = { "UPDATE projects SET planned_start = ?, planned_end = ?, "
	    "version = version + 1 WHERE id = ?", NULL, 0 },
};

/* Q_GET: every part's values follow the tag and the two keys. */
#define GET_VALUES	3

/* Q_GET's parts' values (c1.. of the statement), by tag. */
enum { D_ID, D_VERSION, D_OUTCOME, D_REASON_SV, D_CONDITIONS_SV, D_BY, D_BY_NAME, D_ON,
	D_PROJECT, D_CODE, D_STARTS, D_ENDS, D_FOLLOWS, D_FOLLOWS_CODE, D_LOCKED, D_REASON_EN,
	D_CONDITIONS_EN };
enum { Y_STARTS, Y_ENDS, Y_AMOUNT };
enum { L_CATEGORY, L_AMOUNT };
enum { R_KIND, R_YEAR, R_DUE, R_STATUS };

static enum kerr
decision_view_load(struct req *r, long long app_id, int cached, struct decision_view *v)
{
	struct dbpart p;
	struct dbres res;
	enum kerr e;
	int y, k;

	memset(v, 0, sizeof(*v));
	for (y = 0; y < MAX_YEARS; y++)
		for (k = 0; k < CAT__MAX; k++)
			v->year[y].line[k] = -1;
	e = cached ? db_query_cached(r->a, r->id, &q[Q_GET],
	    r->sess->data_version, &res, "i", app_id) :
	    db_query(r->a, r->id, &q[Q_GET], &res, "i", app_id);
	if (e != KERR_OK)
		return e;
	v->reports = arena_calloc(r->a, db_parts_count(&res, 'r') + 1, sizeof(*v->reports));
	for (db_parts(&p, &res, GET_VALUES, NULL); db_part_next(&p); ) {
		char **c = p.c;

		switch (p.tag) {
		case 'd':
			v->id = db_part_ll(&p, D_ID);
			v->version = (unsigned)db_part_ll(&p, D_VERSION);
			v->outcome = c[D_OUTCOME];
			v->reason[LANG_SV] = c[D_REASON_SV];
			v->conditions[LANG_SV] = c[D_CONDITIONS_SV];
			v->reason[LANG_EN] = c[D_REASON_EN];
			v->conditions[LANG_EN] = c[D_CONDITIONS_EN];
			v->decided_by = db_part_ll(&p, D_BY);
			v->decided_by_name = c[D_BY_NAME];
			v->decided_on = c[D_ON];
			v->project_id = db_part_ll(&p, D_PROJECT);
			v->code = c[D_CODE];
			v->starts_on = c[D_STARTS];
			v->ends_on = c[D_ENDS];
			v->follows_id = db_part_ll(&p, D_FOLLOWS);
			v->follows_code = c[D_FOLLOWS_CODE];
			v->locked = db_part_ll(&p, D_LOCKED) != 0;
			break;
		case 'y':
			y = (int)db_part_key(&p, 1);
			if (y < 1 || y > MAX_YEARS)
				break;
			v->year[y - 1].year = y;
			v->year[y - 1].starts_on = c[Y_STARTS];
			v->year[y - 1].ends_on = c[Y_ENDS];
			v->year[y - 1].amount = db_part_ll(&p, Y_AMOUNT);
			v->total += v->year[y - 1].amount;
			if (y > v->nyears)
				v->nyears = y;
			break;
		case 'l':
			y = (int)db_part_key(&p, 1);
			k = code_index(category_code, CAT__MAX, c[L_CATEGORY]);
			if (y >= 1 && y <= MAX_YEARS && k >= 0)
				v->year[y - 1].line[k] = db_part_ll(&p, L_AMOUNT);
			break;
		case 'r': {
			struct decision_report *rp = &v->reports[v->nreports++];

			rp->kind = c[R_KIND];
			rp->year = (int)db_part_ll(&p, R_YEAR);
			rp->due_on = c[R_DUE];
			rp->status = c[R_STATUS];
			break;
		}
		}
	}
	return KERR_OK;
}

enum kerr
db_decision_get(struct req *r, long long app_id, struct decision_view *out)
{
	return decision_view_load(r, app_id, 1, out);
}

enum kerr
db_decision_inceptions(struct arena *a, const char *reqid, unsigned long long data_version,
    long long org_id,
    struct decision_inception **out, size_t *n)
{
	struct dbres res;
	enum kerr e;
	size_t i;

	*n = 0;
	if ((e = db_query_cached(a, reqid, &q[Q_INCEPTIONS],
	    data_version, &res, "i", org_id)) != KERR_OK)
		return e;
	*out = arena_calloc(a, res.nrows + 1, sizeof(**out));
	for (i = 0; i < res.nrows; i++) {
		(*out)[i].id = db_ll(&res, i, 0);
		(*out)[i].code = res.rows[i][1];
		(*out)[i].title_sv = res.rows[i][2];
		(*out)[i].title_en = res.rows[i][3];
	}
	*n = res.nrows;
	return KERR_OK;
}

enum kerr
db_decision_state(struct arena *a, const char *reqid, long long app_id, struct decision_clash *out)
{
	struct dbres res;
	enum kerr e;

	memset(out, 0, sizeof(*out));
	if ((e = db_query(a, reqid, &q[Q_STATE], &res, "i", app_id)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	out->status = db_str(&res, 0, 0);
	out->version = (unsigned)db_ll(&res, 0, 1);
	out->decided_by = db_ll(&res, 0, 2);
	out->outcome = db_str(&res, 0, 3);
	return KERR_OK;
}

/* ---- audit: a decision as JSON, the same shape from what is recorded and from what is stored --------------- */

/* A blank text is none. */
static const char *
text_of(const char *text)
{
	const char *s = text;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s != '\0' ? text : NULL;
}

/*
 * A text written in each language, after what b holds: fmt, a literal, names its two keys
 * (", \"reason_sv\": %s, \"reason_en\": %s"), spelt out so that the audit table's test
 * (tests/unit/test_auditshow.c) sees them. A macro, so that the compiler checks the format.
 */
#define texts_json(r, b, fmt, text) \
	buf_printf((b), fmt, json_str((r)->a, text_of((text)[LANG_SV])), \
	    json_str((r)->a, text_of((text)[LANG_EN])))

static long long
line_amount(long long v)
{
	return v > 0 ? v : 0;
}

static const char *
record_json(struct req *r, const struct decision_record *d, int budget)
{
	const struct decision_plan *p = &d->plan;
	struct buf b;
	long long total = 0;
	int y, k;

	buf_init(&b, r->a, 1024);
	buf_printf(&b, "{\"outcome\": \"%s\"", d->outcome == OUTCOME_REJECT ?
	    "reject" : "approve");
	if (d->outcome == OUTCOME_REJECT) {
		texts_json(r, &b, ", \"reason_sv\": %s, \"reason_en\": %s", d->reason);
		buf_putc(&b, '}');
		return b.data;
	}
	texts_json(r, &b, ", \"conditions_sv\": %s, \"conditions_en\": %s",
	    d->conditions);
	buf_puts(&b, ", \"follows_project_id\": ");
	if (d->follows_id != 0)
		buf_printf(&b, "%lld", d->follows_id);
	else
		buf_puts(&b, "null");
	if (budget) {
		buf_printf(&b, ", \"starts_on\": \"%s\", \"ends_on\": \"%s\", "
		    "\"years\": [", decision_date_iso(r->a, d->start),
		    decision_date_iso(r->a, d->end));
		for (y = 0; y < p->years; y++) {
			buf_printf(&b, "%s{\"year\": %d, \"starts_on\": \"%s\", "
			    "\"ends_on\": \"%s\", \"amount\": %lld, \"lines\": {",
			    y > 0 ? ", " : "", y + 1,
			    decision_date_iso(r->a, p->year[y].start),
			    decision_date_iso(r->a, p->year[y].end),
			    d->year_total[y]);
			for (k = 0; k < CAT__MAX; k++)
				buf_printf(&b, "%s\"%s\": %lld", k > 0 ? ", " : "",
				    category_code[k], line_amount(d->amount[y][k]));
			buf_printf(&b, "}, \"progress_due\": \"%s\"}",
			    decision_date_iso(r->a, p->progress_due[y]));
			total += d->year_total[y];
		}
		buf_printf(&b, "], \"final_due\": \"%s\", \"total\": %lld",
		    decision_date_iso(r->a, p->final_due), total);
	}
	buf_putc(&b, '}');
	return b.data;
}

static const char *
view_json(struct req *r, const struct decision_view *v, int budget)
{
	struct buf b;
	size_t i;
	int y, k;

	buf_init(&b, r->a, 1024);
	buf_printf(&b, "{\"outcome\": \"%s\"", strcmp(v->outcome, "reject") == 0 ?
	    "reject" : "approve");
	if (strcmp(v->outcome, "reject") == 0) {
		texts_json(r, &b, ", \"reason_sv\": %s, \"reason_en\": %s", v->reason);
		buf_putc(&b, '}');
		return b.data;
	}
	texts_json(r, &b, ", \"conditions_sv\": %s, \"conditions_en\": %s",
	    v->conditions);
	buf_puts(&b, ", \"follows_project_id\": ");
	if (v->follows_id != 0)
		buf_printf(&b, "%lld", v->follows_id);
	else
		buf_puts(&b, "null");
	if (budget) {
		buf_printf(&b, ", \"starts_on\": %s, \"ends_on\": %s, \"years\": [",
		    json_str(r->a, v->starts_on), json_str(r->a, v->ends_on));
		for (y = 0; y < v->nyears; y++) {
			const struct decision_year *dy = &v->year[y];
			const char *due = NULL;

			for (i = 0; i < v->nreports; i++)
				if (strcmp(v->reports[i].kind, "progress") == 0 &&
				    v->reports[i].year == y + 1)
					due = v->reports[i].due_on;
			buf_printf(&b, "%s{\"year\": %d, \"starts_on\": %s, "
			    "\"ends_on\": %s, \"amount\": %lld, \"lines\": {",
			    y > 0 ? ", " : "", y + 1, json_str(r->a, dy->starts_on),
			    json_str(r->a, dy->ends_on), dy->amount);
			for (k = 0; k < CAT__MAX; k++)
				buf_printf(&b, "%s\"%s\": %lld", k > 0 ? ", " : "",
				    category_code[k], line_amount(dy->line[k]));
			buf_printf(&b, "}, \"progress_due\": %s}",
			    json_str(r->a, due));
		}
		buf_puts(&b, "], \"final_due\": ");
		for (i = 0; i < v->nreports; i++)
			if (strcmp(v->reports[i].kind, "final") == 0)
				break;
		buf_printf(&b, "%s, \"total\": %lld", i < v->nreports ?
		    json_str(r->a, v->reports[i].due_on) : "null", v->total);
	}
	buf_putc(&b, '}');
	return b.data;
}

/* ---- writing ------------------------------------------------------------------------------------------- */

/*
 * Makes project pid's years, budget lines and reports what plan d says:
 * rows kept where the year stays (a report keeps what has been typed into
 * it), added for new years, removed for years no longer there.
 */
static enum kerr
write_budget(struct req *r, long long pid, const struct decision_record *d)
{
	const struct decision_plan *p = &d->plan;
	unsigned long long changed;
	enum kerr e;
	int y, k;

	for (y = 0; y < p->years; y++)
		if ((e = db_exec(r->id, &q[Q_YEAR_UPSERT], NULL, NULL, "iissi",
		    pid, (long long)y + 1, decision_date_iso(r->a, p->year[y].start),
		    decision_date_iso(r->a, p->year[y].end),
		    d->year_total[y])) != KERR_OK)
			return e;
	if ((e = db_exec(r->id, &q[Q_LINES_DELETE], NULL, NULL, "i", pid)) != KERR_OK)
		return e;
	/* Every category of every year has its line, 0 included, as the demo's projects do. */
	for (y = 0; y < p->years; y++)
		for (k = 0; k < CAT__MAX; k++)
			if ((e = db_exec(r->id, &q[Q_LINE_INSERT], NULL, NULL, "iisi",
			    pid, (long long)y + 1, category_code[k],
			    line_amount(d->amount[y][k]))) != KERR_OK)
				return e;
	for (y = 0; y < p->years; y++)
		if ((e = db_exec(r->id, &q[Q_PROGRESS_UPSERT], NULL, NULL, "iis",
		    pid, (long long)y + 1, decision_date_iso(r->a,
		    p->progress_due[y]))) != KERR_OK)
			return e;
	if ((e = db_exec(r->id, &q[Q_FINAL_UPDATE], &changed, NULL, "isi",
	    (long long)p->years, decision_date_iso(r->a, p->final_due),
	    pid)) != KERR_OK)
		return e;
	if (changed == 0 && (e = db_exec(r->id, &q[Q_FINAL_INSERT], NULL, NULL,
	    "iis", pid, (long long)p->years, decision_date_iso(r->a,
	    p->final_due))) != KERR_OK)
		return e;
	if ((e = db_exec(r->id, &q[Q_REPORTS_TRIM], NULL, NULL, "ii", pid,
	    (long long)p->years)) != KERR_OK)
		return e;
	return db_exec(r->id, &q[Q_YEARS_TRIM], NULL, NULL, "ii", pid,
	    (long long)p->years);
}

/* The project of an approval: its code from the round year's sequence, then everything it owes. */
static enum kerr
create_project(struct req *r, long long app_id, int year,
    const struct decision_record *d, const char **code)
{
	unsigned long long pid;
	struct dbres res;
	char buf[DECISION_CODE_SIZE];
	int last, number;
	enum kerr e;

	if ((e = db_query(r->a, r->id, &q[Q_SEQ_LOCK], &res, "i",
	    (long long)year)) != KERR_OK)
		return e;
	last = res.nrows > 0 ? (int)db_ll(&res, 0, 0) : 0;
	if ((e = decision_code_next(year, last, buf, &number)) != KERR_OK)
		return e;
	if ((e = db_exec(r->id, &q[Q_SEQ_SET], NULL, NULL, "ii", (long long)year,
	    (long long)number)) != KERR_OK)
		return e;
	*code = arena_strdup(r->a, buf);
	if ((e = db_exec(r->id, &q[Q_PROJECT_INSERT], NULL, &pid, "sisss",
	    *code, app_id, decision_date_iso(r->a, d->start),
	    decision_date_iso(r->a, d->end), db_id_text(r->a, d->follows_id))) != KERR_OK)
		return e;
	if ((e = write_budget(r, (long long)pid, d)) != KERR_OK)
		return e;
	/* The years, amounts and reports are in the decision's audit row. */
	return db_audit(r, 0, "project.create", "project", (long long)pid, NULL,
	    arena_printf(r->a, "{\"code\": \"%s\", \"application_id\": %lld, "
	    "\"status\": \"implementation\", \"planned_start\": \"%s\", "
	    "\"planned_end\": \"%s\", \"follows_project_id\": %s}", *code, app_id,
	    decision_date_iso(r->a, d->start), decision_date_iso(r->a, d->end),
	    d->follows_id != 0 ? arena_printf(r->a, "%lld", d->follows_id) : "null"));
}

enum kerr
db_decision_create(struct req *r, long long app_id, unsigned version,
    const struct decision_record *d, const struct outbox_send *mail,
    struct decision_clash *clash, const char **code)
{
	char now[APP_STAMP_LEN];
	const char *status, *after;
	unsigned long long changed = 0;
	struct dbres res;
	unsigned current;
	int year, approve = d->outcome == OUTCOME_APPROVE;
	enum kerr e;

	memset(clash, 0, sizeof(*clash));
	*code = NULL;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_APP_LOCK], &res, "i", app_id)) != KERR_OK)
		goto out;
	status = db_str(&res, 0, 0);
	current = (unsigned)db_ll(&res, 0, 1);
	year = (int)db_ll(&res, 0, 2);
	if ((strcmp(status, "submitted") != 0 &&
	    strcmp(status, "under_review") != 0) || current != version) {
		clash->status = status;
		clash->version = current;
		if ((e = db_query(r->a, r->id, &q[Q_DECIDED_BY], &res, "i",
		    app_id)) != KERR_OK)
			goto out;
		clash->decided_by = res.nrows > 0 ? db_ll(&res, 0, 0) : 0;
		clash->outcome = res.nrows > 0 ? db_str(&res, 0, 1) : NULL;
		e = KERR_CONFLICT;
		goto out;
	}
	/* The unique key on application_id stands behind the status check. */
	if ((e = db_exec(r->id, &q[Q_DECISION_INSERT], NULL, NULL, "isssssss",
	    app_id, approve ? "approve" : "reject",
	    approve ? NULL : d->reason[LANG_SV], approve ? NULL : d->reason[LANG_EN],
	    approve ? text_of(d->conditions[LANG_SV]) : NULL,
	    approve ? text_of(d->conditions[LANG_EN]) : NULL,
	    arena_printf(r->a, "%lld", r->sess->user.id), app_stamp(now))) != KERR_OK)
		goto out;
	if ((e = db_exec(r->id, &q[Q_APP_DECIDE], &changed, NULL, "ssii",
	    approve ? "approved" : "rejected", now, app_id, (long long)version)) != KERR_OK)
		goto out;
	if (changed != 1) {
		e = KERR_CONFLICT;
		goto out;
	}
	if (approve && (e = create_project(r, app_id, year, d, code)) != KERR_OK)
		goto out;
	after = arena_printf(r->a, "{\"status\": \"%s\", \"version\": %u, "
	    "\"project\": %s, \"decision\": %s}", approve ? "approved" : "rejected",
	    version + 1, json_str(r->a, *code),
	    record_json(r, d, approve));
	if ((e = db_audit(r, 0, approve ? "decision.approve" : "decision.reject",
	    "application", app_id, arena_printf(r->a, "{\"status\": \"%s\", "
	    "\"version\": %u}", status, version), after)) != KERR_OK ||
	    (e = db_outbox_send(r->id, mail, NULL)) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

enum kerr
db_decision_update(struct req *r, long long app_id, unsigned version,
    const struct decision_record *d, int budget, unsigned *current)
{
	struct decision_view before;
	unsigned long long changed = 0;
	struct dbres res;
	long long id, pid;
	int approve = d->outcome == OUTCOME_APPROVE, locked;
	enum kerr e;

	*current = 0;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_DECISION_LOCK], &res, "i",
	    app_id)) != KERR_OK)
		goto out;
	id = db_ll(&res, 0, 0);
	*current = (unsigned)db_ll(&res, 0, 1);
	pid = db_ll(&res, 0, 3);
	locked = db_ll(&res, 0, 4) != 0;
	if (*current != version || strcmp(db_str(&res, 0, 2),
	    approve ? "approve" : "reject") != 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	if (approve && (pid == 0 || (budget && locked))) {
		e = KERR_INVALID;
		goto out;
	}
	if ((e = decision_view_load(r, app_id, 0, &before)) != KERR_OK)
		goto out;
	if ((e = db_exec(r->id, &q[Q_DECISION_UPDATE], &changed, NULL, "ssssii",
	    approve ? NULL : d->reason[LANG_SV], approve ? NULL : d->reason[LANG_EN],
	    approve ? text_of(d->conditions[LANG_SV]) : NULL,
	    approve ? text_of(d->conditions[LANG_EN]) : NULL, id,
	    (long long)version)) != KERR_OK)
		goto out;
	if (changed != 1) {
		e = KERR_CONFLICT;
		goto out;
	}
	if (approve) {
		if ((e = db_exec(r->id, &q[Q_PROJECT_FOLLOWS], NULL, NULL, "si",
		    db_id_text(r->a, d->follows_id), pid)) != KERR_OK)
			goto out;
		if (budget && ((e = db_exec(r->id, &q[Q_PROJECT_DATES], NULL, NULL,
		    "ssi", decision_date_iso(r->a, d->start),
		    decision_date_iso(r->a, d->end), pid)) != KERR_OK ||
		    (e = write_budget(r, pid, d)) != KERR_OK))
			goto out;
	}
	if ((e = db_audit(r, 0, "decision.update", "decision", id,
	    view_json(r, &before, budget), record_json(r, d, budget))) != KERR_OK)
		goto out;
	*current = version + 1;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}
