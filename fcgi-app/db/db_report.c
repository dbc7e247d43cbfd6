/* db_report.c - SQL of reports: a report with all its page shows, saving and submitting it, ICLD's decision, the payment. */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "db/db_application.h"
#include "db/db_attachment.h"
#include "db/db_auth.h"
#include "db/db_outbox.h"
#include "db/db_report.h"
#include "domain/reimburse.h"
#include "http/app.h"
#include "http/req.h"

const char *const narrative_code[NARR__MAX] = {
	"activities", "results", "deviations", "lessons", "participation",
};

enum q {
	Q_REPORT,
	Q_MONEY,
	Q_INDICATORS,
	Q_REVISIONS,
	Q_REVISION,
	Q_LOCK,
	Q_SAVE,
	Q_LINE_SET,
	Q_LINE_DELETE,
	Q_VALUE_SET,
	Q_VALUE_DELETE,
	Q_SUBMIT,
	Q_REVISION_INSERT,
	Q_PROJECT_LOCK,
	Q_OPEN_PROGRESS,
	Q_DECIDE,
	Q_REVISION_DECIDE,
	Q_PROJECT_STATUS,
	Q_PAY_LOCK,
	Q_PAY_DONE,
	Q_PAY_FIGURES,
	Q_PAY_INSERT,
	Q__MAX
};

/* Whose the report is: ICLD (org 0) sees every one, an applicant only their organisation's. */
#define REPORT_OF_ORG \
	"FROM reports rp JOIN projects p ON p.id = rp.project_id " \
	"JOIN applications a ON a.id = p.application_id " \
	"WHERE rp.id = ? AND (? = 0 OR a.applicant_org_id = ?)"

/*
 * A JSON_TABLE column in the collation of the tables it is UNIONed with:
 * its own follows the server's version and defaults (MariaDB 10.11.18 gave
 * utf8mb4_general_ci and refused the UNION with "Illegal mix of collations").
 */
#define AS_TEXT(col)	"CONVERT(" col " USING utf8mb4) COLLATE utf8mb4_swedish_ci"

static struct dbstmt q[Q__MAX] = {
	[Q_REPORT] = { "SELECT rp.id, rp.version, rp.kind, rp.project_year, rp.status, "
	    "DATE_FORMAT(rp.deadline, '%Y-%m-%d'), DATEDIFF(rp.deadline, ?), rp.revision, "
	    "rp.activities, rp.results, rp.deviations, rp.lessons, rp.participation, "
	    "rp.admin_comment, DATE_FORMAT(rp.submitted_at, '%Y-%m-%d %H:%i:%s'), "
	    "p.id, p.code, a.title_sv, a.title_en, p.status, o.name, "
	    "DATE_FORMAT(y.starts_on, '%Y-%m-%d'), DATE_FORMAT(y.ends_on, '%Y-%m-%d'), "
	    "DATE_FORMAT(p.planned_start, '%Y-%m-%d'), DATE_FORMAT(p.planned_end, '%Y-%m-%d'), "
	    "y.amount, (SELECT COUNT(*) FROM reports x WHERE x.project_id = p.id "
	    "AND x.kind = 'progress' AND x.status <> 'approved'), "
	    "DATE_FORMAT(rp.due_on, '%Y-%m-%d'), a.applicant_org_id, a.round_id "
	    "FROM reports rp JOIN projects p ON p.id = rp.project_id "
	    "JOIN applications a ON a.id = p.application_id "
	    "JOIN organisations o ON o.id = a.applicant_org_id "
	    "JOIN project_years y ON y.project_id = rp.project_id AND y.year = rp.project_year "
	    "WHERE rp.id = ? AND (? = 0 OR a.applicant_org_id = ?)", NULL, 0 },
	/*
	 * The money of the whole project, tagged: y its years, b their budget
	 * lines, x the costs of its progress reports (with each one's status,
	 * s when it has none yet), f this report's costs with their
	 * explanations, d its payments (with the report each paid).
	 */
	[Q_MONEY] = { "SELECT 'y', y.year, NULL, y.amount, NULL, NULL, NULL, NULL "
	    "FROM project_years y WHERE y.project_id = ? "
	    "UNION ALL SELECT 'b', bl.year, bl.category, bl.amount, NULL, NULL, NULL, NULL "
	    "FROM project_budget_lines bl WHERE bl.project_id = ? "
	    "UNION ALL SELECT 'x', x.project_year, fl.category, fl.actual_amount, x.status, "
	    "NULL, NULL, NULL FROM reports x JOIN report_financial_lines fl ON fl.report_id = x.id "
	    "WHERE x.project_id = ? AND x.kind = 'progress' "
	    "UNION ALL SELECT 's', x.project_year, NULL, NULL, x.status, NULL, NULL, NULL "
	    "FROM reports x WHERE x.project_id = ? AND x.kind = 'progress' "
	    "UNION ALL SELECT 'f', NULL, fl.category, fl.actual_amount, fl.variance_explanation, "
	    "NULL, NULL, NULL FROM report_financial_lines fl WHERE fl.report_id = ? "
	    "UNION ALL SELECT 'd', x.project_year, d.report_id, d.amount, "
	    "DATE_FORMAT(d.paid_on, '%Y-%m-%d'), d.note, u.name, d.id "
	    "FROM disbursements d JOIN reports x ON x.id = d.report_id "
	    "JOIN users u ON u.id = d.recorded_by WHERE d.project_id = ?", NULL, 0 },
	[Q_INDICATORS] = { "SELECT i.id, ob.id, ob.description, er.description, i.name, i.unit, "
	    "i.measure, i.baseline_value, i.baseline_text, i.target_value, i.target_text, "
	    "iv.actual_value, iv.actual_text "
	    "FROM projects p JOIN objectives ob ON ob.application_id = p.application_id "
	    "JOIN expected_results er ON er.objective_id = ob.id "
	    "JOIN indicators i ON i.result_id = er.id "
	    "LEFT JOIN indicator_values iv ON iv.indicator_id = i.id AND iv.report_id = ? "
	    "WHERE p.id = ? ORDER BY ob.position, ob.id, er.position, er.id, i.position, i.id",
	    NULL, 0 },
	[Q_REVISIONS] = { "SELECT rr.revision, DATE_FORMAT(rr.submitted_at, '%Y-%m-%d %H:%i:%s'), "
	    "su.name, rr.outcome, rr.admin_comment, "
	    "DATE_FORMAT(rr.decided_at, '%Y-%m-%d %H:%i:%s'), du.name "
	    "FROM report_revisions rr JOIN users su ON su.id = rr.submitted_by "
	    "LEFT JOIN users du ON du.id = rr.decided_by WHERE rr.report_id = ? "
	    "ORDER BY rr.revision", NULL, 0 },
	/*
	 * A revision as it was sent: n its narrative, l its costs, i its
	 * indicator values, the last two read from the JSON it keeps them in.
	 */
	[Q_REVISION] = { "SELECT 'n', rr.activities, rr.results, rr.deviations, rr.lessons, "
	    "rr.participation FROM report_revisions rr WHERE rr.report_id = ? AND rr.revision = ? "
	    "UNION ALL SELECT 'l', " AS_TEXT("j.category") ", j.actual, " AS_TEXT("j.explanation")
	    ", NULL, NULL "
	    "FROM report_revisions rr, JSON_TABLE(rr.financial_json, '$[*]' COLUMNS ("
	    "category VARCHAR(20) PATH '$.category', actual BIGINT PATH '$.actual', "
	    "explanation TEXT PATH '$.explanation')) j "
	    "WHERE rr.report_id = ? AND rr.revision = ? "
	    "UNION ALL SELECT 'i', j.indicator_id, j.value, " AS_TEXT("j.text") ", NULL, NULL "
	    "FROM report_revisions rr, JSON_TABLE(rr.indicators_json, '$[*]' COLUMNS ("
	    "indicator_id INT PATH '$.indicator_id', value DECIMAL(14,2) PATH '$.value', "
	    "text TEXT PATH '$.text')) j "
	    "WHERE rr.report_id = ? AND rr.revision = ?", NULL, 0 },
	/* An applicant's save locks the report: a decision, or another save, waits for it. */
	[Q_LOCK] = { "SELECT rp.status, rp.version, p.status " REPORT_OF_ORG " FOR UPDATE", NULL, 0 },
	[Q_SAVE] = { "UPDATE reports SET activities = ?, results = ?, deviations = ?, lessons = ?, "
	    "participation = ?, version = version + 1 WHERE id = ? AND version = ? "
	    "AND status IN ('draft', 'returned')", NULL, 0 },
	[Q_LINE_SET] = { "INSERT INTO report_financial_lines (report_id, category, actual_amount, "
	    "variance_explanation) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "actual_amount = VALUES(actual_amount), "
	    "variance_explanation = VALUES(variance_explanation)", NULL, 0 },
	[Q_LINE_DELETE] = { "DELETE FROM report_financial_lines WHERE report_id = ? AND category = ?",
	    NULL, 0 },
	[Q_VALUE_SET] = { "INSERT INTO indicator_values (report_id, indicator_id, actual_value, "
	    "actual_text) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "actual_value = VALUES(actual_value), actual_text = VALUES(actual_text)", NULL, 0 },
	[Q_VALUE_DELETE] = { "DELETE FROM indicator_values WHERE report_id = ? AND indicator_id = ?",
	    NULL, 0 },
	[Q_SUBMIT] = { "UPDATE reports SET status = 'submitted', revision = revision + 1, "
	    "submitted_at = ?, submitted_by = ?, version = version + 1 "
	    "WHERE id = ? AND status IN ('draft', 'returned')", NULL, 0 },
	/* The narrative is copied from the report as just saved; the costs and values come as JSON. */
	[Q_REVISION_INSERT] = { "INSERT INTO report_revisions (report_id, revision, submitted_at, "
	    "submitted_by, activities, results, deviations, lessons, participation, financial_json, "
	    "indicators_json) SELECT id, revision, submitted_at, submitted_by, activities, results, "
	    "deviations, lessons, participation, ?, ? FROM reports WHERE id = ?", NULL, 0 },
	/*
	 * A decision locks the project before the report: the project's
	 * status may follow it, and an admin cancelling the project at the
	 * same moment must wait (or be waited for).
	 */
	[Q_PROJECT_LOCK] = { "SELECT p.status, (SELECT MAX(y.year) FROM project_years y "
	    "WHERE y.project_id = p.id), rp.status, rp.version, rp.revision "
	    "FROM projects p JOIN reports rp ON rp.project_id = p.id "
	    "WHERE rp.id = ? FOR UPDATE", NULL, 0 },
	/* Read after the lock, so that it sees every decision committed before this one. */
	[Q_OPEN_PROGRESS] = { "SELECT COUNT(*) FROM reports WHERE project_id = ? "
	    "AND kind = 'progress' AND status <> 'approved'", NULL, 0 },
	/* A return sets the revision's due date; an approval leaves the last one, which no longer counts. */
	[Q_DECIDE] = { "UPDATE reports SET status = ?, admin_comment = ?, revise_by = COALESCE(?, revise_by), "
	    "decided_at = ?, decided_by = ?, version = version + 1 "
	    "WHERE id = ? AND version = ? AND status = 'submitted'", NULL, 0 },
	[Q_REVISION_DECIDE] = { "UPDATE report_revisions SET outcome = ?, admin_comment = ?, "
	    "decided_at = ?, decided_by = ? WHERE report_id = ? AND revision = ?",
	    NULL, 0 },
	/* Closing sets the actual end, unless the project has one: the planned end, its work being done. */
	[Q_PROJECT_STATUS] = { "UPDATE projects SET status = ?, "
	    "actual_end = IF(? = 1, COALESCE(actual_end, planned_end), actual_end), "
	    "version = version + 1 WHERE id = ? AND status = ?", NULL, 0 },
	/*
	 * A payment locks the report's project year first: payments of one
	 * year queue here, and each works out the ceiling after the one
	 * before it has committed (this transaction reads nothing before the
	 * lock, so its snapshot begins after it).
	 */
	[Q_PAY_LOCK] = { "SELECT rp.status, rp.kind, rp.project_id, rp.project_year, y.amount "
	    "FROM reports rp JOIN project_years y ON y.project_id = rp.project_id "
	    "AND y.year = rp.project_year WHERE rp.id = ? FOR UPDATE", NULL, 0 },
	[Q_PAY_DONE] = { "SELECT id FROM disbursements WHERE report_id = ? FOR UPDATE", NULL, 0 },
	[Q_PAY_FIGURES] = { "SELECT 'b', bl.category, bl.amount FROM project_budget_lines bl "
	    "WHERE bl.project_id = ? AND bl.year = ? "
	    "UNION ALL SELECT 'f', fl.category, fl.actual_amount FROM report_financial_lines fl "
	    "WHERE fl.report_id = ? "
	    "UNION ALL SELECT 'p', NULL, COALESCE(SUM(d.amount), 0) FROM disbursements d "
	    "JOIN reports x ON x.id = d.report_id WHERE x.project_id = ? AND x.project_year = ?",
	    NULL, 0 },
	[Q_PAY_INSERT] = { "INSERT INTO disbursements (project_id, report_id, amount, paid_on, note, "
	    "recorded_by) VALUES (?, ?, ?, ?, ?, ?)", NULL, 0 },
};

static int
category_of(const char *s)
{
	return code_index(category_code, CAT__MAX, s);
}

static struct report_year *
year_entry(struct report_view *v, long long year)
{
	size_t i;

	for (i = 0; i < v->nyears; i++)
		if (v->years[i].year == year)
			return &v->years[i];
	return NULL;
}

/* Q_MONEY, Q_REVISION and Q_PAY_FIGURES: every part's values follow the tag. */
#define PART_VALUES	1

/*
 * Q_MONEY's parts' values: 'y', 'b', 'x', 's' and 'f' share a shape
 * (M_TEXT: the report's status for 'x' and 's', the explanation for 'f');
 * 'd' is a payment.
 */
enum { M_YEAR, M_CATEGORY, M_AMOUNT, M_TEXT };
enum { D_YEAR, D_REPORT, D_AMOUNT, D_PAID_ON, D_NOTE, D_BY, D_ID };

/* The money of the project (Q_MONEY) into v. */
static void
money_of(struct arena *a, const struct dbres *res, struct report_view *v)
{
	struct report_year *y;
	struct dbpart p;
	int k;

	v->years = arena_calloc(a, db_parts_count(res, 'y') + 1, sizeof(*v->years));
	for (k = 0; k < CAT__MAX; k++) {
		v->line[k].budget = -1;
		v->line[k].actual = REIMBURSE_NONE;
	}
	for (db_parts(&p, res, PART_VALUES, "y"); db_part_next(&p); ) {
		y = &v->years[v->nyears++];
		y->year = (int)db_part_ll(&p, M_YEAR);
		y->amount = db_part_ll(&p, M_AMOUNT);
		for (k = 0; k < CAT__MAX; k++) {
			y->budget[k] = -1;
			y->actual[k] = REIMBURSE_NONE;
		}
	}
	for (db_parts(&p, res, PART_VALUES, NULL); db_part_next(&p); ) {
		char **c = p.c;

		k = category_of(c[M_CATEGORY]);
		y = c[M_YEAR] != NULL ? year_entry(v, db_part_ll(&p, M_YEAR)) : NULL;
		switch (p.tag) {
		case 'b':
			if (y != NULL && k >= 0) {
				y->budget[k] = db_part_ll(&p, M_AMOUNT);
				if (y->year == v->year)
					v->line[k].budget = y->budget[k];
			}
			break;
		case 'x':
			if (y != NULL && k >= 0)
				y->actual[k] = db_part_ll(&p, M_AMOUNT);
			break;
		case 's':
			if (y != NULL)
				y->status = c[M_TEXT];
			break;
		case 'f':
			if (k >= 0) {
				v->line[k].actual = db_part_ll(&p, M_AMOUNT);
				v->line[k].explanation = c[M_TEXT];
			}
			break;
		case 'd':
			if (y != NULL)
				y->paid += db_part_ll(&p, D_AMOUNT);
			if (db_part_ll(&p, D_REPORT) == v->id) {
				v->pay.amount = db_part_ll(&p, D_AMOUNT);
				v->pay.paid_on = c[D_PAID_ON];
				v->pay.note = c[D_NOTE];
				v->pay.recorded_by = c[D_BY];
				v->pay.id = db_part_ll(&p, D_ID);
			} else if (y != NULL && y->year == v->year)
				v->paid_before += db_part_ll(&p, D_AMOUNT);
			break;
		}
	}
}

static void
indicators_of(struct arena *a, const struct dbres *res, struct report_view *v)
{
	size_t i;

	v->ind = arena_calloc(a, res->nrows + 1, sizeof(*v->ind));
	for (i = 0; i < res->nrows; i++) {
		struct report_indicator *in = &v->ind[v->nind++];
		char **c = res->rows[i];

		in->id = db_ll(res, i, 0);
		in->objective_id = db_ll(res, i, 1);
		in->objective = c[2];
		in->result = c[3];
		in->name = c[4];
		in->unit = c[5];
		in->qualitative = c[6] != NULL && strcmp(c[6], "qualitative") == 0;
		in->baseline = db_value_text(c[7], c[8]);
		in->target = db_value_text(c[9], c[10]);
		in->value = c[11] != NULL ? db_value_text(c[11], NULL) : NULL;
		in->text = c[12];
	}
}

enum kerr
db_report_get(struct arena *a, const char *reqid, long long id, long long org_id, const char *today,
    struct report_view *v)
{
	struct dbres res;
	enum kerr e;
	size_t i;
	char **c;
	int k;

	memset(v, 0, sizeof(*v));
	if ((e = db_query(a, reqid, &q[Q_REPORT], &res, "siii", today, id, org_id,
	    org_id)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	c = res.rows[0];
	v->id = db_ll(&res, 0, 0);
	v->version = (unsigned)db_ll(&res, 0, 1);
	v->kind = c[2];
	v->year = (int)db_ll(&res, 0, 3);
	v->status = c[4];
	v->due = c[5];
	v->days_left = db_ll(&res, 0, 6);
	v->revision = (int)db_ll(&res, 0, 7);
	for (k = 0; k < NARR__MAX; k++)
		v->text[k] = c[8 + k];
	v->admin_comment = c[13];
	v->submitted_at = c[14];
	v->project_id = db_ll(&res, 0, 15);
	v->code = c[16];
	v->title_sv = c[17];
	v->title_en = c[18];
	v->project_status = c[19];
	v->org_name = c[20];
	v->year_start = c[21];
	v->year_end = c[22];
	v->project_start = c[23];
	v->project_end = c[24];
	v->year_amount = db_ll(&res, 0, 25);
	v->progress_open = (int)db_ll(&res, 0, 26);
	v->first_due = c[27];
	v->org_id = db_ll(&res, 0, 28);
	v->round_id = db_ll(&res, 0, 29);

	if ((e = db_query(a, reqid, &q[Q_MONEY], &res, "iiiiii", v->project_id,
	    v->project_id, v->project_id, v->project_id, v->id, v->project_id)) != KERR_OK)
		return e;
	money_of(a, &res, v);
	if ((e = db_query(a, reqid, &q[Q_INDICATORS], &res, "ii", v->id,
	    v->project_id)) != KERR_OK)
		return e;
	indicators_of(a, &res, v);
	if ((e = db_query(a, reqid, &q[Q_REVISIONS], &res, "i", v->id)) != KERR_OK)
		return e;
	v->revs = arena_calloc(a, res.nrows + 1, sizeof(*v->revs));
	for (i = 0; i < res.nrows; i++) {
		struct report_revision *rv = &v->revs[v->nrevs++];

		c = res.rows[i];
		rv->revision = (int)db_ll(&res, i, 0);
		rv->submitted_at = c[1];
		rv->submitted_by = c[2];
		rv->outcome = c[3];
		rv->comment = c[4];
		rv->decided_at = c[5];
		rv->decided_by = c[6];
	}
	return KERR_OK;
}

/* Q_REVISION's parts' values: 'n' the narrative's texts, 'l' a cost, 'i' an indicator's value. */
enum { N_TEXT };
enum { L_CATEGORY, L_ACTUAL, L_EXPLANATION };
enum { I_INDICATOR, I_VALUE, I_TEXT };

enum kerr
db_report_revision(struct arena *a, const char *reqid, struct report_view *v, int rev)
{
	struct dbpart p;
	struct dbres res;
	enum kerr e;
	size_t k;
	int c;

	if ((e = db_query(a, reqid, &q[Q_REVISION], &res, "iiiiii", v->id,
	    (long long)rev, v->id, (long long)rev, v->id, (long long)rev)) != KERR_OK)
		return e;
	if (db_parts_count(&res, 'n') == 0)
		return KERR_NOTFOUND;
	/* What the revision does not name, it did not have. */
	for (c = 0; c < CAT__MAX; c++) {
		v->line[c].actual = REIMBURSE_NONE;
		v->line[c].explanation = NULL;
	}
	for (k = 0; k < v->nind; k++)
		v->ind[k].value = v->ind[k].text = NULL;
	for (db_parts(&p, &res, PART_VALUES, NULL); db_part_next(&p); ) {
		switch (p.tag) {
		case 'n':
			for (c = 0; c < NARR__MAX; c++)
				v->text[c] = p.c[N_TEXT + c];
			break;
		case 'l':
			if ((c = category_of(p.c[L_CATEGORY])) >= 0 && p.c[L_ACTUAL] != NULL) {
				v->line[c].actual = db_part_ll(&p, L_ACTUAL);
				v->line[c].explanation = p.c[L_EXPLANATION];
			}
			break;
		case 'i':
			for (k = 0; k < v->nind; k++)
				if (v->ind[k].id == db_part_ll(&p, I_INDICATOR)) {
					v->ind[k].value = p.c[I_VALUE] != NULL ?
					    db_value_text(p.c[I_VALUE], NULL) : NULL;
					v->ind[k].text = p.c[I_TEXT];
				}
			break;
		}
	}
	return KERR_OK;
}

/* ---- saving and submitting ----------------------------------------------------------------------------- */

/* The costs as sent, each with its budget and variance, for the revision (report_revisions.financial_json). */
static const char *
financial_json(struct req *r, const struct report_view *v, const struct report_input *in)
{
	struct buf b;
	int k, first = 1;

	buf_init(&b, r->a, 512);
	buf_putc(&b, '[');
	for (k = 0; k < CAT__MAX; k++) {
		if (!in->shown[k] || in->actual[k] == REIMBURSE_NONE)
			continue;
		buf_printf(&b, "%s{\"category\": \"%s\", \"budget\": %lld, \"actual\": %lld, "
		    "\"variance\": %lld, \"explanation\": %s}", first ? "" : ", ", category_code[k],
		    v->line[k].budget > 0 ? v->line[k].budget : 0, in->actual[k],
		    reimburse_variance(v->line[k].budget, in->actual[k]),
		    json_str(r->a, in->explanation[k]));
		first = 0;
	}
	buf_putc(&b, ']');
	return b.data;
}

/* The indicator values as sent (report_revisions.indicators_json): a value is a DECIMAL literal already. */
static const char *
indicators_json(struct req *r, const struct report_view *v, const struct report_input *in)
{
	struct buf b;
	size_t i;
	int first = 1;

	buf_init(&b, r->a, 256);
	buf_putc(&b, '[');
	for (i = 0; i < v->nind; i++) {
		if (in->value[i] == NULL && in->value_text[i] == NULL)
			continue;
		buf_printf(&b, "%s{\"indicator_id\": %lld, \"value\": %s, \"text\": %s}",
		    first ? "" : ", ", v->ind[i].id, in->value[i] != NULL ? in->value[i] : "null",
		    json_str(r->a, in->value_text[i]));
		first = 0;
	}
	buf_putc(&b, ']');
	return b.data;
}

/* A report's status as the audit log has it, with its revision. */
static const char *
state_json(struct req *r, const char *status, int revision)
{
	return arena_printf(r->a, "{\"status\": %s, \"revision\": %d}", json_str(r->a, status), revision);
}

int
report_editable(const char *status, const char *project_status)
{
	return (strcmp(status, "draft") == 0 || strcmp(status, "returned") == 0) &&
	    (strcmp(project_status, "implementation") == 0 ||
	    strcmp(project_status, "finalisation") == 0);
}

/* Writes the costs and indicator values of the form. */
static enum kerr
write_parts(struct req *r, const struct report_view *v, const struct report_input *in)
{
	enum kerr e;
	size_t i;
	int k;

	for (k = 0; k < CAT__MAX; k++) {
		if (!in->shown[k])
			continue;
		if (in->actual[k] != REIMBURSE_NONE)
			e = db_exec(r->id, &q[Q_LINE_SET], NULL, NULL, "isis", v->id,
			    category_code[k], in->actual[k], in->explanation[k]);
		else
			e = db_exec(r->id, &q[Q_LINE_DELETE], NULL, NULL, "is", v->id,
			    category_code[k]);
		if (e != KERR_OK)
			return e;
	}
	for (i = 0; i < v->nind; i++) {
		if (in->value[i] != NULL || in->value_text[i] != NULL)
			e = db_exec(r->id, &q[Q_VALUE_SET], NULL, NULL, "iiss", v->id, v->ind[i].id,
			    in->value[i], in->value_text[i]);
		else
			e = db_exec(r->id, &q[Q_VALUE_DELETE], NULL, NULL, "ii", v->id,
			    v->ind[i].id);
		if (e != KERR_OK)
			return e;
	}
	return KERR_OK;
}

/* Attaches the files sent with the form (in the save's transaction: a submission then holds them). */
static enum kerr
attach_files(struct req *r, const struct report_view *v, const struct report_input *in,
    struct report_refusal *why)
{
	enum kerr e;
	size_t i;

	if (in->nfiles == 0)
		return KERR_OK;
	if ((e = db_attachment_count(r->a, r->id, v->id, &why->files)) != KERR_OK)
		return e;
	if (why->files + in->nfiles > app.conf.attachments_per_report)
		return KERR_INVALID;
	for (i = 0; i < in->nfiles; i++)
		if ((e = db_attachment_insert(r, v->id, in->files[i], NULL)) != KERR_OK)
			return e;
	return KERR_OK;
}

/*
 * In the transaction begun: locks the report (a save, a submission and a save of files wait for
 * each other) and says in why what it is now; KERR_FORBIDDEN when its organisation may no longer
 * change it.
 */
static enum kerr
lock_editable(struct req *r, const struct report_view *v, long long org_id,
    struct report_refusal *why)
{
	struct dbres res;
	enum kerr e;

	memset(why, 0, sizeof(*why));
	if ((e = db_query_row(r->a, r->id, &q[Q_LOCK], &res, "iii", v->id, org_id,
	    org_id)) != KERR_OK)
		return e;
	why->status = res.rows[0][0];
	why->version = (unsigned)db_ll(&res, 0, 1);
	why->project_status = res.rows[0][2];
	return report_editable(why->status, why->project_status) ? KERR_OK : KERR_FORBIDDEN;
}

enum kerr
db_report_save(struct req *r, const struct report_view *v, long long org_id,
    unsigned version, const struct report_input *in, int submit,
    const struct outbox_send *mail, struct report_refusal *why)
{
	char now[APP_STAMP_LEN];
	unsigned long long changed = 0;
	const char *status;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = lock_editable(r, v, org_id, why)) != KERR_OK)
		goto out;
	status = why->status;
	/* Someone saved it since this form was filled: theirs stands. */
	if (why->version != version) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_exec(r->id, &q[Q_SAVE], &changed, NULL, "sssssii",
	    in->text[NARR_ACTIVITIES], in->text[NARR_RESULTS], in->text[NARR_DEVIATIONS],
	    in->text[NARR_LESSONS], in->text[NARR_PARTICIPATION], v->id,
	    (long long)version)) != KERR_OK)
		goto out;
	if (changed == 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = write_parts(r, v, in)) != KERR_OK || (e = attach_files(r, v, in, why)) != KERR_OK)
		goto out;
	if (submit) {
		if ((e = db_exec(r->id, &q[Q_SUBMIT], NULL, NULL, "sii", app_stamp(now),
		    r->sess->user.id,
		    v->id)) != KERR_OK ||
		    (e = db_attachment_submitted(r->id, v->id, v->revision + 1)) != KERR_OK ||
		    (e = db_exec(r->id, &q[Q_REVISION_INSERT], NULL, NULL, "ssi",
		    financial_json(r, v, in), indicators_json(r, v, in), v->id)) != KERR_OK ||
		    (e = db_audit(r, 0, "report.submit", "report", v->id,
		    state_json(r, status, v->revision), state_json(r, "submitted",
		    v->revision + 1))) != KERR_OK ||
		    (e = db_outbox_send(r->id, mail, NULL)) != KERR_OK)
			goto out;
	}
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

enum kerr
db_report_attach(struct req *r, const struct report_view *v, long long org_id,
    const struct report_input *in, struct report_refusal *why)
{
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	/* Locked as a save locks it: a submission, or a save with files, waits. */
	if ((e = lock_editable(r, v, org_id, why)) != KERR_OK ||
	    (e = attach_files(r, v, in, why)) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

/* ---- ICLD's decision ----------------------------------------------------------------------------------- */

/* Moves the project from one status to the next, with its audit row; nothing when it is elsewhere. */
static enum kerr
project_to(struct req *r, long long pid, const char *from, const char *to)
{
	unsigned long long changed = 0;
	enum kerr e;

	if ((e = db_exec(r->id, &q[Q_PROJECT_STATUS], &changed, NULL, "siis", to,
	    (long long)(strcmp(to, "closed") == 0), pid, from)) != KERR_OK || changed == 0)
		return e;
	return db_audit(r, 0, "project.status", "project", pid,
	    arena_printf(r->a, "{\"status\": %s}", json_str(r->a, from)),
	    arena_printf(r->a, "{\"status\": %s}", json_str(r->a, to)));
}

enum kerr
db_report_decide(struct req *r, const struct report_view *v, unsigned version,
    int approve, const char *comment, const char *revise_by, const struct outbox_send *mail,
    struct report_refusal *why)
{
	char now[APP_STAMP_LEN];
	const char *outcome = approve ? "approved" : "returned", *pstatus;
	unsigned long long changed = 0;
	struct dbres res;
	long long last_year;
	enum kerr e;
	int final = strcmp(v->kind, "final") == 0, rev;

	memset(why, 0, sizeof(*why));
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_PROJECT_LOCK], &res, "i", v->id)) != KERR_OK)
		goto out;
	why->project_status = pstatus = res.rows[0][0];
	last_year = db_ll(&res, 0, 1);
	why->status = res.rows[0][2];
	why->version = (unsigned)db_ll(&res, 0, 3);
	rev = (int)db_ll(&res, 0, 4);
	if (strcmp(why->status, "submitted") != 0) {
		e = KERR_FORBIDDEN;
		goto out;
	}
	if (why->version != version) {
		e = KERR_CONFLICT;
		goto out;
	}
	/* A project closes with its final report: every year must be reported and approved by then. */
	if (approve && final) {
		if ((e = db_query(r->a, r->id, &q[Q_OPEN_PROGRESS], &res, "i",
		    v->project_id)) != KERR_OK)
			goto out;
		if (db_ll(&res, 0, 0) > 0 || strcmp(pstatus, "cancelled") == 0) {
			e = KERR_INVALID;
			goto out;
		}
	}
	if ((e = db_exec(r->id, &q[Q_DECIDE], &changed, NULL, "ssssiii", outcome, comment,
	    approve ? NULL : revise_by, app_stamp(now), r->sess->user.id, v->id, (long long)version)) != KERR_OK)
		goto out;
	if (changed == 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_exec(r->id, &q[Q_REVISION_DECIDE], NULL, NULL, "sssiii", outcome, comment,
	    now, r->sess->user.id, v->id, (long long)rev)) != KERR_OK ||
	    (e = db_audit(r, 0, approve ? "report.approve" : "report.return", "report", v->id,
	    state_json(r, "submitted", rev), approve ? arena_printf(r->a,
	    "{\"status\": \"%s\", \"revision\": %d, \"comment\": %s}", outcome, rev,
	    json_str(r->a, comment)) : arena_printf(r->a,
	    "{\"status\": \"%s\", \"revision\": %d, \"comment\": %s, \"revise_by\": %s}", outcome,
	    rev, json_str(r->a, comment), json_str(r->a, revise_by)))) != KERR_OK)
		goto out;
	/*
	 * The project follows its reports: the last year reported and approved
	 * leaves only the final report (finalisation); the final report
	 * approved closes it.
	 */
	if (approve && !final && v->year == last_year)
		e = project_to(r, v->project_id, "implementation", "finalisation");
	else if (approve && final && (e = project_to(r, v->project_id, "implementation",
	    "closed")) == KERR_OK)
		e = project_to(r, v->project_id, "finalisation", "closed");
	if (e != KERR_OK || (e = db_outbox_send(r->id, mail, NULL)) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

/* ---- ICLD's payment -------------------------------------------------------------------------------------- */

/* Q_PAY_FIGURES' values, of every part: 'b' the year's budget, 'f' the report's costs, 'p' paid. */
enum { F_CATEGORY, F_AMOUNT };

enum kerr
db_report_pay(struct req *r, long long id, long long amount, const char *paid_on,
    const char *note, const struct outbox_send *mail, long long *due)
{
	long long budget[CAT__MAX], actual[CAT__MAX], paid = 0, pid, year, year_amount;
	unsigned long long did = 0;
	struct reimbursement rb;
	struct dbpart p;
	struct dbres res;
	enum kerr e;
	int k;

	*due = 0;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_PAY_LOCK], &res, "i", id)) != KERR_OK)
		goto out;
	if (strcmp(res.rows[0][0], "approved") != 0 || strcmp(res.rows[0][1], "progress") != 0) {
		e = KERR_FORBIDDEN;
		goto out;
	}
	pid = db_ll(&res, 0, 2);
	year = db_ll(&res, 0, 3);
	year_amount = db_ll(&res, 0, 4);
	if ((e = db_query(r->a, r->id, &q[Q_PAY_DONE], &res, "i", id)) != KERR_OK)
		goto out;
	if (res.nrows > 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_query(r->a, r->id, &q[Q_PAY_FIGURES], &res, "iiiii", pid, year, id, pid,
	    year)) != KERR_OK)
		goto out;
	for (k = 0; k < CAT__MAX; k++) {
		budget[k] = -1;
		actual[k] = REIMBURSE_NONE;
	}
	for (db_parts(&p, &res, PART_VALUES, NULL); db_part_next(&p); ) {
		k = category_of(p.c[F_CATEGORY]);
		if (p.tag == 'p')
			paid = db_part_ll(&p, F_AMOUNT);
		else if (k >= 0 && p.tag == 'b')
			budget[k] = db_part_ll(&p, F_AMOUNT);
		else if (k >= 0)
			actual[k] = db_part_ll(&p, F_AMOUNT);
	}
	reimburse_compute(budget, actual, year_amount, paid, &rb);
	*due = rb.due;
	if (amount < 1 || amount > rb.due) {
		e = KERR_INVALID;
		goto out;
	}
	/* The unique key on report_id: a payment recorded meanwhile makes this KERR_CONFLICT. */
	if ((e = db_exec(r->id, &q[Q_PAY_INSERT], NULL, &did, "iiissi", pid, id, amount, paid_on,
	    note, r->sess->user.id)) != KERR_OK ||
	    (e = db_audit(r, 0, "disbursement.record", "disbursement", (long long)did, NULL,
	    arena_printf(r->a, "{\"amount\": %lld, \"report_id\": %lld, \"paid_on\": %s, "
	    "\"ceiling\": %lld, \"note\": %s}", amount, id, json_str(r->a, paid_on), rb.due,
	    json_str(r->a, note)))) != KERR_OK ||
	    (e = db_outbox_send(r->id, mail, NULL)) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}
