/* db_project.c - SQL for reading one project: its page is one cached statement. */
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_application.h"
#include "db/db_auditlog.h"
#include "db/db_auth.h"
#include "db/db_project.h"
#include "domain/reimburse.h"
#include "http/req.h"

enum q {
	Q_PROJECT,
	Q_LOCK,
	Q_CANCEL,
	Q_PUB_LOCK,
	Q_PUBLICATION,
	Q_CAPITAL_LOCK,
	Q_CAPITAL,
	Q_FUND_LOCK,
	Q_FUND_SENT,
	Q_FUND_INSERT,
	Q_FUND_BUMP,
	Q_FUND_GET,
	Q_FUND_DELETE,
	Q__MAX
};

/*
 * v is the project when the reader may see it ("? = 0 OR" lets ICLD and
 * Sida, org 0, see every one); every part joins it, so another
 * organisation's project gives no rows at all. Each part is tagged, sorts
 * by s1 and s2, and puts its values in c1..c17; the audit trail's e-mail
 * and JSON columns have collations of their own, which AUDIT_COLUMNS
 * makes the page's (utf8mb4_swedish_ci) so that the parts can share
 * columns. The trail's rows are written in the same transaction as the
 * change they record, and every such change is to a table under the data
 * version (sql/0006), so the cached result never lacks one.
 */
static struct dbstmt q[Q__MAX] = {
	[Q_PROJECT] = { "WITH v AS (SELECT p.id AS pid, a.id AS aid, "
	    "p.follows_project_id AS follows FROM projects p "
	    "JOIN applications a ON a.id = p.application_id "
	    "WHERE p.code = ? AND (? = 0 OR a.applicant_org_id = ?)) "
	    "SELECT * FROM ("
	    "SELECT 'p' AS tag, NULL AS s1, NULL AS s2, p.code AS c1, a.id AS c2, "
	    "a.title_sv AS c3, a.title_en AS c4, p.status AS c5, "
	    "DATE_FORMAT(p.planned_start, '%Y-%m-%d') AS c6, "
	    "DATE_FORMAT(p.planned_end, '%Y-%m-%d') AS c7, "
	    "DATE_FORMAT(p.actual_start, '%Y-%m-%d') AS c8, "
	    "DATE_FORMAT(p.actual_end, '%Y-%m-%d') AS c9, c.name_sv AS c10, "
	    "c.name_en AS c11, o.name AS c12, a.project_type AS c13, "
	    "r.name_sv AS c14, r.name_en AS c15, t.name_sv AS c16, t.name_en AS c17 "
	    "FROM v JOIN projects p ON p.id = v.pid "
	    "JOIN applications a ON a.id = v.aid "
	    "JOIN organisations o ON o.id = a.applicant_org_id "
	    "JOIN rounds r ON r.id = a.round_id "
	    "LEFT JOIN countries c ON c.code = a.country_code "
	    "LEFT JOIN thematic_areas t ON t.id = a.thematic_area_id "
	    "UNION ALL "
	    "SELECT 'c', o.name, NULL, o.name, NULL, NULL, NULL, NULL, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN application_coapplicants ac ON ac.application_id = v.aid "
	    "JOIN organisations o ON o.id = ac.org_id "
	    "UNION ALL "
	    "SELECT 'o', ap.position, NULL, o.name, o.name_local, o.local_lang, "
	    "o.kind, c.name_sv, c.name_en, NULL, NULL, NULL, NULL, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN application_partners ap ON ap.application_id = v.aid "
	    "JOIN organisations o ON o.id = ap.org_id "
	    "LEFT JOIN countries c ON c.code = o.country_code "
	    "UNION ALL "
	    /* The inception project this one continues, and those that continue it. */
	    "SELECT 'f', 0, fp.code, fp.code, fa.title_sv, fa.title_en, 0, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN projects fp ON fp.id = v.follows "
	    "JOIN applications fa ON fa.id = fp.application_id "
	    "WHERE ? = 0 OR fa.applicant_org_id = ? "
	    "UNION ALL "
	    "SELECT 'f', 1, fp.code, fp.code, fa.title_sv, fa.title_en, 1, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN projects fp ON fp.follows_project_id = v.pid "
	    "JOIN applications fa ON fa.id = fp.application_id "
	    "WHERE ? = 0 OR fa.applicant_org_id = ? "
	    "UNION ALL "
	    "SELECT 'y', y.year, NULL, y.year, DATE_FORMAT(y.starts_on, '%Y-%m-%d'), "
	    "DATE_FORMAT(y.ends_on, '%Y-%m-%d'), y.amount, NULL, NULL, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN project_years y ON y.project_id = v.pid "
	    "UNION ALL "
	    "SELECT 'b', bl.year, NULL, bl.year, bl.category, bl.amount, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
	    "NULL, NULL "
	    "FROM v JOIN project_budget_lines bl ON bl.project_id = v.pid "
	    "UNION ALL "
	    "SELECT 'r', DATE_FORMAT(rp.deadline, '%Y-%m-%d'), LPAD(rp.id, 12, '0'), "
	    "rp.id, rp.kind, rp.project_year, DATE_FORMAT(rp.deadline, '%Y-%m-%d'), "
	    "rp.status, DATEDIFF(rp.deadline, ?), NULL, NULL, NULL, NULL, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN reports rp ON rp.project_id = v.pid "
	    "UNION ALL "
	    /*
	     * The version (for cancelling and withholding), why it was cancelled,
	     * whether and why it is withheld from the public register, its capital
	     * spend, the day of its decision (the first day funds can be received
	     * for it); the costs of its progress reports.
	     */
	    "SELECT 'k', NULL, NULL, p.version, p.cancelled_reason, p.withheld, p.withheld_reason, "
	    "p.capital_spend, " DB_SWEDISH_DAY("dc.decided_at") ", "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN projects p ON p.id = v.pid "
	    "LEFT JOIN decisions dc ON dc.application_id = v.aid "
	    "UNION ALL "
	    /* Funds received from Sida for it. */
	    "SELECT 'i', DATE_FORMAT(f.received_on, '%Y-%m-%d'), LPAD(f.id, 12, '0'), f.id, "
	    "DATE_FORMAT(f.received_on, '%Y-%m-%d'), f.amount, f.note, NULL, NULL, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM v JOIN incoming_funds f ON f.project_id = v.pid "
	    "UNION ALL "
	    "SELECT 'x', rp.project_year, fl.category, rp.project_year, fl.category, "
	    "fl.actual_amount, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
	    "NULL, NULL, NULL "
	    "FROM v JOIN reports rp ON rp.project_id = v.pid AND rp.kind = 'progress' "
	    "JOIN report_financial_lines fl ON fl.report_id = rp.id "
	    "UNION ALL "
	    "SELECT 'd', DATE_FORMAT(d.paid_on, '%Y-%m-%d'), LPAD(d.id, 12, '0'), "
	    "DATE_FORMAT(d.paid_on, '%Y-%m-%d'), d.amount, d.report_id, rp.kind, "
	    "rp.project_year, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
	    "NULL, NULL, NULL, NULL "
	    "FROM v JOIN disbursements d ON d.project_id = v.pid "
	    "JOIN reports rp ON rp.id = d.report_id "
	    "UNION ALL "
	    /*
	     * The trail: the records a project's history is made of, each
	     * looked up by audit_log_entity. Of the application's rows only
	     * the decision's: its review (application.review and any review
	     * row) is ICLD's own.
	     */
	    "SELECT 'a', DATE_FORMAT(l.at, '%Y-%m-%d %H:%i:%s.%f'), LPAD(l.id, 20, '0'), "
	    AUDIT_COLUMNS ", NULL, NULL, NULL, NULL, NULL "
	    "FROM (SELECT _ascii'project' COLLATE ascii_bin AS e, v.pid AS i FROM v "
	    "UNION ALL SELECT _ascii'application' COLLATE ascii_bin, v.aid FROM v "
	    "UNION ALL SELECT _ascii'decision' COLLATE ascii_bin, dc.id FROM v "
	    "JOIN decisions dc ON dc.application_id = v.aid "
	    "UNION ALL SELECT _ascii'report' COLLATE ascii_bin, rp.id FROM v "
	    "JOIN reports rp ON rp.project_id = v.pid "
	    "UNION ALL SELECT _ascii'disbursement' COLLATE ascii_bin, d.id FROM v "
	    "JOIN disbursements d ON d.project_id = v.pid) k "
	    "JOIN audit_log l ON l.entity = k.e AND l.entity_id = k.i "
	    AUDIT_JOINS
	    "WHERE ? = 1 AND (l.entity <> 'application' OR l.action LIKE 'decision.%') "
	    "AND l.action NOT LIKE 'review.%'"
	    ") t ORDER BY tag, CASE WHEN tag = 'a' THEN s1 END DESC, "
	    "CASE WHEN tag = 'a' THEN s2 END DESC, s1, s2", NULL, 0 },
	/* A decision on one of its reports locks the project too: a cancellation waits for it, or it for this. */
	[Q_LOCK] = { "SELECT id, status, version FROM projects WHERE code = ? FOR UPDATE", NULL, 0 },
	[Q_CANCEL] = { "UPDATE projects SET status = 'cancelled', cancelled_reason = ?, "
	    "actual_end = IF(actual_start IS NULL, NULL, GREATEST(actual_start, ?)), "
	    "version = version + 1 WHERE id = ? AND version = ? "
	    "AND status IN ('implementation', 'finalisation')", NULL, 0 },
	[Q_PUB_LOCK] = { "SELECT id, version, withheld, withheld_reason FROM projects "
	    "WHERE code = ? FOR UPDATE", NULL, 0 },
	[Q_PUBLICATION] = { "UPDATE projects SET withheld = ?, withheld_reason = ?, "
	    "version = version + 1 WHERE id = ? AND version = ?", NULL, 0 },
	/* The stored value compared as a number: "12.5" is 12.50. */
	[Q_CAPITAL_LOCK] = { "SELECT id, version, capital_spend, capital_spend = ? FROM projects "
	    "WHERE code = ? FOR UPDATE", NULL, 0 },
	[Q_CAPITAL] = { "UPDATE projects SET capital_spend = ?, version = version + 1 "
	    "WHERE id = ? AND version = ?", NULL, 0 },
	[Q_FUND_LOCK] = { "SELECT id, version FROM projects WHERE code = ? FOR UPDATE", NULL, 0 },
	[Q_FUND_SENT] = { "SELECT id FROM incoming_funds WHERE project_id = ? AND received_on = ? "
	    "AND amount = ? AND note <=> ? AND recorded_by = ? LIMIT 1", NULL, 0 },
	[Q_FUND_INSERT] = { "INSERT INTO incoming_funds (project_id, received_on, amount, note, "
	    "recorded_by) VALUES (?, ?, ?, ?, ?)", NULL, 0 },
	[Q_FUND_BUMP] = { "UPDATE projects SET version = version + 1 WHERE id = ? AND version = ?",
	    NULL, 0 },
	[Q_FUND_GET] = { "SELECT f.id, DATE_FORMAT(f.received_on, '%Y-%m-%d'), f.amount, f.note, "
	    "p.id FROM incoming_funds f JOIN projects p ON p.id = f.project_id "
	    "WHERE p.code = ? AND f.id = ? FOR UPDATE", NULL, 0 },
	[Q_FUND_DELETE] = { "DELETE FROM incoming_funds WHERE id = ?", NULL, 0 },
};

static struct project_year *
year_of(struct project_view *p, int year)
{
	size_t i;

	for (i = 0; i < p->nyears; i++)
		if (p->years[i].year == year)
			return &p->years[i];
	return NULL;
}

/* Q_PROJECT: every part's values follow the tag and the two sort keys. */
#define PROJECT_VALUES	3

/* Q_PROJECT's parts' values (c1.. of the statement), by tag; 'a' is db_auditlog_entry()'s. */
enum { P_CODE, P_APPLICATION, P_TITLE_SV, P_TITLE_EN, P_STATUS, P_PLANNED_START, P_PLANNED_END,
	P_ACTUAL_START, P_ACTUAL_END, P_COUNTRY_SV, P_COUNTRY_EN, P_ORG, P_TYPE, P_ROUND_SV,
	P_ROUND_EN, P_THEME_SV, P_THEME_EN };
enum { C_NAME };
enum { O_NAME, O_NAME_LOCAL, O_LANG, O_KIND, O_COUNTRY_SV, O_COUNTRY_EN };
enum { F_CODE, F_TITLE_SV, F_TITLE_EN, F_LATER };
enum { Y_YEAR, Y_STARTS, Y_ENDS, Y_AMOUNT };
/* 'b' a budget line and 'x' a reported cost share one shape. */
enum { B_YEAR, B_CATEGORY, B_AMOUNT };
enum { K_VERSION, K_CANCELLED, K_WITHHELD, K_WITHHELD_REASON, K_CAPITAL, K_DECIDED };
enum { I_ID, I_RECEIVED, I_AMOUNT, I_NOTE };
enum { R_ID, R_KIND, R_YEAR, R_DUE, R_STATUS, R_DAYS_LEFT };
enum { D_PAID, D_AMOUNT, D_REPORT, D_REPORT_KIND, D_REPORT_YEAR };

/* The 'p' row: the project and what its application said. KERR_NOTFOUND when there is none. */
static enum kerr
read_project_view(const struct dbres *res, struct project_view *p)
{
	struct dbpart pt;
	char **c;

	db_parts(&pt, res, PROJECT_VALUES, "p");
	if (!db_part_next(&pt))
		return KERR_NOTFOUND;
	c = pt.c;
	p->code = c[P_CODE];
	p->application_id = db_part_ll(&pt, P_APPLICATION);
	p->title_sv = c[P_TITLE_SV];
	p->title_en = c[P_TITLE_EN];
	p->status = c[P_STATUS];
	p->planned_start = c[P_PLANNED_START];
	p->planned_end = c[P_PLANNED_END];
	p->actual_start = c[P_ACTUAL_START];
	p->actual_end = c[P_ACTUAL_END];
	p->country_sv = c[P_COUNTRY_SV];
	p->country_en = c[P_COUNTRY_EN];
	p->org_name = c[P_ORG];
	p->type = c[P_TYPE];
	p->round_sv = c[P_ROUND_SV];
	p->round_en = c[P_ROUND_EN];
	p->theme_sv = c[P_THEME_SV];
	p->theme_en = c[P_THEME_EN];
	return KERR_OK;
}

enum kerr
db_project_get(struct arena *a, const char *reqid, unsigned long long data_version,
    const char *code, long long org_id,
    const char *today, int trail, struct project_view *p)
{
	struct project_year *y;
	struct dbpart pt;
	struct dbres res;
	enum kerr e;
	char **c;
	int k;

	memset(p, 0, sizeof(*p));
	if ((e = db_query_cached(a, reqid, &q[Q_PROJECT],
	    data_version, &res, "siiiiiisi", code, org_id, org_id,
	    org_id, org_id, org_id, org_id, today, (long long)(trail != 0))) != KERR_OK)
		return e;
	if ((e = read_project_view(&res, p)) != KERR_OK)
		return e;
	p->coapplicants = arena_calloc(a, db_parts_count(&res, 'c') + 1,
	    sizeof(*p->coapplicants));
	p->partners = arena_calloc(a, db_parts_count(&res, 'o') + 1, sizeof(*p->partners));
	p->links = arena_calloc(a, db_parts_count(&res, 'f') + 1, sizeof(*p->links));
	p->years = arena_calloc(a, db_parts_count(&res, 'y') + 1, sizeof(*p->years));
	p->reports = arena_calloc(a, db_parts_count(&res, 'r') + 1, sizeof(*p->reports));
	p->payments = arena_calloc(a, db_parts_count(&res, 'd') + 1, sizeof(*p->payments));
	p->funds = arena_calloc(a, db_parts_count(&res, 'i') + 1, sizeof(*p->funds));
	p->trail = arena_calloc(a, db_parts_count(&res, 'a') + 1, sizeof(*p->trail));
	/* Years first: the budget lines ('b' sorts before 'y') are filed under them. */
	for (db_parts(&pt, &res, PROJECT_VALUES, "y"); db_part_next(&pt); ) {
		c = pt.c;
		y = &p->years[p->nyears++];
		y->year = (int)db_part_ll(&pt, Y_YEAR);
		y->starts = c[Y_STARTS];
		y->ends = c[Y_ENDS];
		y->amount = db_part_ll(&pt, Y_AMOUNT);
		for (k = 0; k < CAT__MAX; k++) {
			y->line[k] = -1;
			y->actual[k] = REIMBURSE_NONE;
		}
	}
	for (db_parts(&pt, &res, PROJECT_VALUES, NULL); db_part_next(&pt); ) {
		c = pt.c;
		switch (pt.tag) {
		case 'c':
			p->coapplicants[p->ncoapplicants++] = c[C_NAME];
			break;
		case 'o': {
			struct project_partner *o = &p->partners[p->npartners++];

			o->name = c[O_NAME];
			o->name_local = c[O_NAME_LOCAL];
			o->local_lang = c[O_LANG];
			o->kind = c[O_KIND];
			o->country_sv = c[O_COUNTRY_SV];
			o->country_en = c[O_COUNTRY_EN];
			break;
		}
		case 'f': {
			struct project_link *l = &p->links[p->nlinks++];

			l->code = c[F_CODE];
			l->title_sv = c[F_TITLE_SV];
			l->title_en = c[F_TITLE_EN];
			l->later = db_part_ll(&pt, F_LATER) != 0;
			break;
		}
		case 'b':
			k = code_index(category_code, CAT__MAX, c[B_CATEGORY]);
			if ((y = year_of(p, (int)db_part_ll(&pt, B_YEAR))) != NULL && k >= 0)
				y->line[k] = db_part_ll(&pt, B_AMOUNT);
			break;
		case 'x':
			k = code_index(category_code, CAT__MAX, c[B_CATEGORY]);
			if ((y = year_of(p, (int)db_part_ll(&pt, B_YEAR))) != NULL && k >= 0)
				y->actual[k] = db_part_ll(&pt, B_AMOUNT);
			break;
		case 'k':
			p->version = (unsigned)db_part_ll(&pt, K_VERSION);
			p->cancelled_reason = c[K_CANCELLED];
			p->withheld = db_part_ll(&pt, K_WITHHELD) != 0;
			p->withheld_reason = c[K_WITHHELD_REASON];
			p->capital_spend = c[K_CAPITAL] != NULL ? db_value_text(c[K_CAPITAL], NULL) :
			    "0";
			p->decided_on = c[K_DECIDED];
			break;
		case 'i': {
			struct project_fund *f = &p->funds[p->nfunds++];

			f->id = db_part_ll(&pt, I_ID);
			f->received_on = c[I_RECEIVED];
			f->amount = db_part_ll(&pt, I_AMOUNT);
			f->note = c[I_NOTE];
			break;
		}
		case 'r': {
			struct project_report *rp = &p->reports[p->nreports++];

			rp->id = db_part_ll(&pt, R_ID);
			rp->kind = c[R_KIND];
			rp->year = (int)db_part_ll(&pt, R_YEAR);
			rp->due = c[R_DUE];
			rp->status = c[R_STATUS];
			rp->days_left = db_part_ll(&pt, R_DAYS_LEFT);
			break;
		}
		case 'd': {
			struct project_payment *d = &p->payments[p->npayments++];

			d->paid_on = c[D_PAID];
			d->amount = db_part_ll(&pt, D_AMOUNT);
			d->report_id = db_part_ll(&pt, D_REPORT);
			d->report_kind = c[D_REPORT_KIND];
			d->report_year = (int)db_part_ll(&pt, D_REPORT_YEAR);
			break;
		}
		case 'a':
			db_auditlog_entry(&pt, &p->trail[p->ntrail++]);
			break;
		}
	}
	return KERR_OK;
}

enum kerr
db_project_cancel(struct req *r, const char *code, unsigned version, const char *reason,
    const char *today, const char **status)
{
	unsigned long long changed = 0;
	struct dbres res;
	long long id;
	enum kerr e;

	*status = NULL;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_LOCK], &res, "s", code)) != KERR_OK)
		goto out;
	id = db_ll(&res, 0, 0);
	*status = res.rows[0][1];
	if (strcmp(*status, "implementation") != 0 && strcmp(*status, "finalisation") != 0) {
		e = KERR_FORBIDDEN;
		goto out;
	}
	if ((unsigned)db_ll(&res, 0, 2) != version) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_exec(r->id, &q[Q_CANCEL], &changed, NULL, "ssii", reason, today, id,
	    (long long)version)) != KERR_OK)
		goto out;
	if (changed == 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_audit(r, 0, "project.cancel", "project", id,
	    arena_printf(r->a, "{\"status\": %s}", json_str(r->a, *status)),
	    arena_printf(r->a, "{\"status\": \"cancelled\", \"cancelled_reason\": %s}",
	    json_str(r->a, reason)))) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

enum kerr
db_project_set_withheld(struct req *r, const char *code, unsigned version, int withhold,
    const char *reason)
{
	unsigned long long changed = 0;
	const char *was_reason;
	struct dbres res;
	long long id;
	int was;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_PUB_LOCK], &res, "s", code)) != KERR_OK)
		goto out;
	id = db_ll(&res, 0, 0);
	was = db_ll(&res, 0, 2) != 0;
	was_reason = res.rows[0][3];
	/* The same form sent twice: it is done already. */
	if (was == withhold && (!withhold || (was_reason != NULL && strcmp(was_reason, reason) == 0))) {
		db_rollback(r->id);
		return KERR_OK;
	}
	if ((unsigned)db_ll(&res, 0, 1) != version) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_exec(r->id, &q[Q_PUBLICATION], &changed, NULL, "isii", (long long)withhold,
	    withhold ? reason : NULL, id, (long long)version)) != KERR_OK)
		goto out;
	if (changed == 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_audit(r, 0, withhold ? "project.withhold" : "project.publish", "project", id,
	    arena_printf(r->a, "{\"withheld\": %s, \"withheld_reason\": %s}", was ? "true" : "false",
	    was_reason != NULL ? json_str(r->a, was_reason) : "null"),
	    arena_printf(r->a, "{\"withheld\": %s, \"withheld_reason\": %s}", withhold ? "true" : "false",
	    withhold ? json_str(r->a, reason) : "null"))) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

enum kerr
db_project_set_capital(struct req *r, const char *code, unsigned version, const char *percent)
{
	unsigned long long changed = 0;
	struct dbres res;
	long long id;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_CAPITAL_LOCK], &res, "ss", percent, code)) != KERR_OK)
		goto out;
	id = db_ll(&res, 0, 0);
	/* The same form sent twice: it is done already. */
	if (db_ll(&res, 0, 3) != 0) {
		db_rollback(r->id);
		return KERR_OK;
	}
	if ((unsigned)db_ll(&res, 0, 1) != version) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_exec(r->id, &q[Q_CAPITAL], &changed, NULL, "sii", percent, id,
	    (long long)version)) != KERR_OK)
		goto out;
	if (changed == 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	/* DECIMAL's text and the checked literal are JSON numbers as they stand. */
	if ((e = db_audit(r, 0, "project.capital_spend", "project", id,
	    arena_printf(r->a, "{\"capital_spend\": %s}", db_value_text(res.rows[0][2], NULL)),
	    arena_printf(r->a, "{\"capital_spend\": %s}", percent))) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

/* Incoming funds as the audit log records them; the note is ICLD's own (auditshow.c). */
static const char *
fund_json(struct req *r, long long id, const char *received_on, long long amount,
    const char *note)
{
	return arena_printf(r->a, "{\"incoming_funds\": %lld, \"received_on\": %s, "
	    "\"amount\": %lld, \"note\": %s}", id, json_str(r->a, received_on), amount,
	    json_str(r->a, note));
}

enum kerr
db_project_fund_record(struct req *r, const char *code, unsigned version,
    const char *received_on, long long amount, const char *note)
{
	unsigned long long changed = 0, newid = 0;
	struct dbres res;
	long long id;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_FUND_LOCK], &res, "s", code)) != KERR_OK)
		goto out;
	id = db_ll(&res, 0, 0);
	if ((unsigned)db_ll(&res, 0, 1) != version) {
		/* Sent twice: the first went through, and moved the version on. */
		if ((e = db_query(r->a, r->id, &q[Q_FUND_SENT], &res, "isisi", id, received_on,
		    amount, note, r->sess->user.id)) != KERR_OK)
			goto out;
		e = res.nrows > 0 ? KERR_OK : KERR_CONFLICT;
		goto out;
	}
	if ((e = db_exec(r->id, &q[Q_FUND_BUMP], &changed, NULL, "ii", id,
	    (long long)version)) != KERR_OK)
		goto out;
	if (changed == 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_exec(r->id, &q[Q_FUND_INSERT], NULL, &newid, "isisi", id, received_on, amount,
	    note, r->sess->user.id)) != KERR_OK)
		goto out;
	if ((e = db_audit(r, 0, "project.funds_record", "project", id, NULL,
	    fund_json(r, (long long)newid, received_on, amount, note))) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

enum kerr
db_project_fund_remove(struct req *r, const char *code, long long fund_id)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_FUND_GET], &res, "si", code, fund_id)) != KERR_OK)
		goto out;
	if ((e = db_exec(r->id, &q[Q_FUND_DELETE], NULL, NULL, "i", fund_id)) != KERR_OK ||
	    (e = db_audit(r, 0, "project.funds_remove", "project", db_ll(&res, 0, 4),
	    fund_json(r, fund_id, res.rows[0][1], db_ll(&res, 0, 2), res.rows[0][3]), NULL)) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}
