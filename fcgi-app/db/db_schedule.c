/* db_schedule.c - SQL for the daily pass: recording reminders, rounds' news and digests, each with its message. */
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_schedule.h"

enum q {
	Q_LOCK,
	Q_RUN,
	Q_RAN,
	Q_REPORTS_RECORD,
	Q_REPORTS_READ,
	Q_ROUNDS_RECORD,
	Q_ROUNDS_READ,
	Q_DIGEST_ITEMS,
	Q_DIGEST_RECORD,
	Q__MAX
};

/* Application a's title in Swedish, or in English, each the other language's when missing (i18n_pick()). */
#define TITLE_SV(a) "COALESCE(NULLIF(" a ".title_sv, ''), " a ".title_en, '')"
#define TITLE_EN(a) "COALESCE(NULLIF(" a ".title_en, ''), " a ".title_sv, '')"

/*
 * Whether officer o.id handles the submissions of round rid: named for it,
 * or the round names nobody (OUTBOX_TO_OFFICERS' rule, db_outbox.c).
 */
#define HANDLES(rid) \
	"(o.id IN (SELECT ro.user_id FROM round_officers ro WHERE ro.round_id = " rid ") OR NOT EXISTS " \
	"(SELECT 1 FROM round_officers ro WHERE ro.round_id = " rid "))"

static struct dbstmt q[Q__MAX] = {
	/*
	 * Taken first, held to the commit: a second pass for the day waits
	 * here, then reads what the first recorded.
	 */
	[Q_LOCK] = { "INSERT INTO mail_daily_passes (day, runs, first_at, last_at, last_by) "
	    "VALUES (?, 1, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ?) ON DUPLICATE KEY UPDATE runs = runs + 1, "
	    "last_at = UTC_TIMESTAMP(), last_by = VALUES(last_by)", NULL, 0 },
	[Q_RUN] = { "SELECT runs FROM mail_daily_passes WHERE day = ?", NULL, 0 },
	[Q_RAN] = { "SELECT COUNT(*) FROM mail_daily_passes WHERE day = ?", NULL, 0 },
	/*
	 * The most urgent stage each report not yet submitted has reached on
	 * the day, unless it or a later one is recorded for its deadline:
	 * read through reports_status_deadline, only the reports due within
	 * 30 days or overdue. ENUM values count from 1 in numbers.
	 */
	[Q_REPORTS_RECORD] = { "INSERT IGNORE INTO report_reminders (report_id, deadline, stage, sent_on, run) "
	    "SELECT c.id, c.deadline, c.stage, c.d, c.run FROM (SELECT r.id, r.deadline, k.d, k.run, "
	    "CASE WHEN r.deadline <= k.d - INTERVAL 14 DAY THEN 4 WHEN r.deadline < k.d THEN 3 "
	    "WHEN r.deadline <= k.d + INTERVAL 7 DAY THEN 2 ELSE 1 END AS stage "
	    "FROM (SELECT CAST(? AS DATE) AS d, CAST(? AS UNSIGNED) AS run) k "
	    "JOIN reports r ON r.status IN ('draft', 'returned') AND r.deadline <= k.d + INTERVAL 30 DAY "
	    "JOIN projects p ON p.id = r.project_id AND p.status IN ('implementation', 'finalisation')) c "
	    "WHERE NOT EXISTS (SELECT 1 FROM report_reminders x WHERE x.report_id = c.id "
	    "AND x.deadline = c.deadline AND x.stage + 0 >= c.stage)", NULL, 0 },
	[Q_REPORTS_READ] = { "SELECT x.report_id, x.stage + 0, x.deadline, DATEDIFF(x.deadline, x.sent_on), "
	    "r.kind = 'final', r.project_year, p.code, " TITLE_SV("a") ", " TITLE_EN("a") ", "
	    "a.applicant_org_id, o.name FROM report_reminders x JOIN reports r ON r.id = x.report_id "
	    "JOIN projects p ON p.id = r.project_id JOIN applications a ON a.id = p.application_id "
	    "JOIN organisations o ON o.id = a.applicant_org_id WHERE x.sent_on = ? AND x.run = ? "
	    "ORDER BY x.report_id", NULL, 0 },
	/* A round open on the day: opening until 7 days before its last day, then closing. */
	[Q_ROUNDS_RECORD] = { "INSERT IGNORE INTO round_news (round_id, stage, sent_on, run) "
	    "SELECT c.id, c.stage, c.d, c.run FROM (SELECT rd.id, k.d, k.run, "
	    "IF(rd.closes_on <= k.d + INTERVAL 7 DAY, 2, 1) AS stage "
	    "FROM (SELECT CAST(? AS DATE) AS d, CAST(? AS UNSIGNED) AS run) k "
	    "JOIN rounds rd ON rd.opens_on <= k.d AND rd.closes_on >= k.d) c "
	    "WHERE NOT EXISTS (SELECT 1 FROM round_news x WHERE x.round_id = c.id AND x.stage + 0 >= c.stage)",
	    NULL, 0 },
	[Q_ROUNDS_READ] = { "SELECT x.round_id, x.stage = 'closing', rd.name_sv, rd.name_en, rd.opens_on, "
	    "rd.closes_on, DATEDIFF(rd.closes_on, x.sent_on) FROM round_news x JOIN rounds rd ON rd.id = x.round_id "
	    "WHERE x.sent_on = ? AND x.run = ? ORDER BY x.round_id", NULL, 0 },
	/*
	 * Every officer due a digest with what it lists, in one statement: a
	 * part for applications, one for reports, each row with its officer
	 * and the span it covers.
	 */
	[Q_DIGEST_ITEMS] = { "WITH k AS (SELECT CAST(? AS DATE) AS d, CAST(? AS DATETIME) - INTERVAL 1 MINUTE AS t), "
	    "o AS (SELECT u.id, k.t, COALESCE((SELECT MAX(g.covers_to) FROM officer_digests g "
	    "WHERE g.user_id = u.id), k.t - INTERVAL 1 DAY) AS since FROM k JOIN users u ON u.role = 'admin' "
	    "AND u.active = 1 AND FIND_IN_SET('digest', u.mail_kinds) > 0 WHERE NOT EXISTS "
	    "(SELECT 1 FROM officer_digests g WHERE g.user_id = u.id AND g.day = k.d)) "
	    "SELECT o.id, o.since, o.t, 0, a.submitted_at, a.id, " TITLE_SV("a") ", " TITLE_EN("a") ", org.name, "
	    "rd.name_sv, rd.name_en, NULL, 0, 0 FROM o JOIN applications a ON a.submitted_at > o.since "
	    "AND a.submitted_at <= o.t AND a.status NOT IN ('draft', 'withdrawn') "
	    "JOIN organisations org ON org.id = a.applicant_org_id JOIN rounds rd ON rd.id = a.round_id "
	    "WHERE " HANDLES("a.round_id") " "
	    "UNION ALL SELECT o.id, o.since, o.t, 1, r.submitted_at, r.id, " TITLE_SV("a") ", " TITLE_EN("a") ", "
	    "org.name, NULL, NULL, p.code, r.kind = 'final', r.project_year FROM o JOIN reports r "
	    "ON r.submitted_at > o.since AND r.submitted_at <= o.t AND r.status <> 'draft' "
	    "JOIN projects p ON p.id = r.project_id JOIN applications a ON a.id = p.application_id "
	    "JOIN organisations org ON org.id = a.applicant_org_id "
	    "WHERE " HANDLES("a.round_id") " ORDER BY 1, 4, 5, 6", NULL, 0 },
	[Q_DIGEST_RECORD] = { "INSERT IGNORE INTO officer_digests (user_id, day, covers_from, covers_to, items) "
	    "VALUES (?, ?, ?, ?, ?)", NULL, 0 },
};

/* The columns of Q_DIGEST_ITEMS. */
enum {
	D_USER, D_SINCE, D_UNTIL, D_REPORT, D_AT, D_ID, D_TITLE_SV, D_TITLE_EN, D_ORG, D_ROUND_SV, D_ROUND_EN,
	D_CODE, D_FINAL, D_YEAR
};

/* A pass under way: its day, which of the day's runs it is (what it records carries it), its texts, its counts. */
struct pass {
	struct arena		*a;
	const char		*reqid;
	const char		*today;
	long long		 run;
	const struct sched_mail	*m;
	struct sched_counts	*n;
};

/* Runs statement record for the pass, then read, which reads back the rows it recorded into res. */
static enum kerr
record(struct pass *p, enum q record, enum q read, struct dbres *res)
{
	enum kerr e;

	if ((e = db_exec(p->reqid, &q[record], NULL, NULL, "si", p->today, p->run)) != KERR_OK)
		return e;
	return db_query(p->a, p->reqid, &q[read], res, "si", p->today, p->run);
}

/* Queues s, whose texts the callback filled with the outcome filled, and counts its messages. */
static enum kerr
queue(struct pass *p, enum kerr filled, const struct outbox_send *s)
{
	unsigned long long queued = 0;
	enum kerr e;

	if (filled != KERR_OK)
		return filled;
	if ((e = db_outbox_send(p->reqid, s, &queued)) == KERR_OK)
		p->n->queued += queued;
	return e;
}

/* s emptied, of kind to to_id. */
static void
message(struct outbox_send *s, enum mail_kind kind, enum outbox_to to, long long to_id)
{
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->to = to;
	s->to_id = to_id;
}

/* The reminders of reports: as many as the day brings (a month's on the first day), queued 16 at a time. */
static enum kerr
reports(struct pass *p)
{
	struct sched_report r;
	struct outbox_send *s;
	unsigned long long queued = 0;
	struct dbres res;
	enum kerr e;
	size_t i;

	if ((e = record(p, Q_REPORTS_RECORD, Q_REPORTS_READ, &res)) != KERR_OK)
		return e;
	s = arena_calloc(p->a, res.nrows + 1, sizeof(*s));
	for (i = 0; i < res.nrows; i++) {
		memset(&r, 0, sizeof(r));
		r.id = db_ll(&res, i, 0);
		r.stage = (enum report_stage)(db_ll(&res, i, 1) - 1);
		r.deadline = db_str(&res, i, 2);
		r.days = db_ll(&res, i, 3);
		r.final = (int)db_ll(&res, i, 4);
		r.year = (int)db_ll(&res, i, 5);
		r.code = db_str(&res, i, 6);
		r.title[LANG_SV] = db_str(&res, i, 7);
		r.title[LANG_EN] = db_str(&res, i, 8);
		r.org_id = db_ll(&res, i, 9);
		r.org_name = db_str(&res, i, 10);
		message(&s[i], MAIL_REPORT_DUE, OUTBOX_TO_ORG, r.org_id);
		if ((e = p->m->report(p->m->ctx, &r, &s[i])) != KERR_OK)
			return e;
	}
	if ((e = db_outbox_send_orgs(p->reqid, MAIL_REPORT_DUE, s, res.nrows, &queued)) != KERR_OK)
		return e;
	p->n->queued += queued;
	p->n->reports = res.nrows;
	return KERR_OK;
}

static enum kerr
rounds(struct pass *p)
{
	struct sched_round r;
	struct outbox_send s;
	struct dbres res;
	enum kerr e;
	size_t i;

	if ((e = record(p, Q_ROUNDS_RECORD, Q_ROUNDS_READ, &res)) != KERR_OK)
		return e;
	for (i = 0; i < res.nrows; i++) {
		r.id = db_ll(&res, i, 0);
		r.closing = (int)db_ll(&res, i, 1);
		r.name[LANG_SV] = db_str(&res, i, 2);
		r.name[LANG_EN] = db_str(&res, i, 3);
		r.opens_on = db_str(&res, i, 4);
		r.closes_on = db_str(&res, i, 5);
		r.days = db_ll(&res, i, 6);
		message(&s, MAIL_ROUND_NEWS, OUTBOX_TO_APPLICANTS, 0);
		if ((e = queue(p, p->m->round(p->m->ctx, &r, &s), &s)) != KERR_OK)
			return e;
	}
	p->n->rounds = res.nrows;
	return KERR_OK;
}

/* Row i of Q_DIGEST_ITEMS as an item. */
static void
item(const struct dbres *res, size_t i, struct sched_item *it)
{
	it->report = (int)db_ll(res, i, D_REPORT);
	it->submitted_at = db_str(res, i, D_AT);
	it->id = db_ll(res, i, D_ID);
	it->title[LANG_SV] = db_str(res, i, D_TITLE_SV);
	it->title[LANG_EN] = db_str(res, i, D_TITLE_EN);
	it->org_name = db_str(res, i, D_ORG);
	it->round[LANG_SV] = db_str(res, i, D_ROUND_SV);
	it->round[LANG_EN] = db_str(res, i, D_ROUND_EN);
	it->code = db_str(res, i, D_CODE);
	it->final = (int)db_ll(res, i, D_FINAL);
	it->year = (int)db_ll(res, i, D_YEAR);
}

static enum kerr
digests(struct pass *p, const char *now)
{
	unsigned long long added;
	struct sched_digest d;
	struct outbox_send s;
	struct dbres res;
	size_t i, j, k;
	enum kerr e;

	if ((e = db_query(p->a, p->reqid, &q[Q_DIGEST_ITEMS], &res, "ss", p->today, now)) != KERR_OK)
		return e;
	/* The rows come by officer: each run of one officer's rows is a digest. */
	for (i = 0; i < res.nrows; i = j) {
		d.user_id = db_ll(&res, i, D_USER);
		d.since = db_str(&res, i, D_SINCE);
		d.until = db_str(&res, i, D_UNTIL);
		for (j = i; j < res.nrows && db_ll(&res, j, D_USER) == d.user_id; j++)
			;
		d.nitems = j - i;
		d.items = arena_calloc(p->a, d.nitems, sizeof(*d.items));
		for (k = 0; k < d.nitems; k++)
			item(&res, i + k, &d.items[k]);
		added = 0;
		if ((e = db_exec(p->reqid, &q[Q_DIGEST_RECORD], &added, NULL, "isssi", d.user_id, p->today,
		    d.since, d.until, (long long)d.nitems)) != KERR_OK)
			return e;
		/* Recorded meanwhile by another pass: impossible while the day's row is held, but never twice. */
		if (added == 0)
			continue;
		message(&s, MAIL_DIGEST, OUTBOX_TO_USER, d.user_id);
		if ((e = queue(p, p->m->digest(p->m->ctx, &d, &s), &s)) != KERR_OK)
			return e;
		p->n->digests++;
	}
	return KERR_OK;
}

enum kerr
db_schedule_pass(struct arena *a, const char *reqid, const char *today, const char *now, const char *by,
    const struct sched_mail *m, struct sched_counts *n)
{
	struct sched_counts mine;
	struct pass p = { a, reqid, today, 0, m, n != NULL ? n : &mine };
	struct dbres res;
	enum kerr e;

	memset(p.n, 0, sizeof(*p.n));
	if ((e = db_begin(reqid)) != KERR_OK)
		return e;
	if ((e = db_exec(reqid, &q[Q_LOCK], NULL, NULL, "ss", today, by)) != KERR_OK ||
	    (e = db_query_row(a, reqid, &q[Q_RUN], &res, "s", today)) != KERR_OK)
		goto fail;
	p.run = db_ll(&res, 0, 0);
	p.n->run = (unsigned)p.run;
	if ((e = reports(&p)) != KERR_OK || (e = rounds(&p)) != KERR_OK || (e = digests(&p, now)) != KERR_OK)
		goto fail;
	return db_commit(reqid);
fail:
	db_rollback(reqid);
	return e;
}

enum kerr
db_schedule_ran(struct arena *a, const char *reqid, const char *today, int *ran)
{
	struct dbres res;
	enum kerr e;

	*ran = 0;
	if ((e = db_query(a, reqid, &q[Q_RAN], &res, "s", today)) == KERR_OK)
		*ran = db_ll(&res, 0, 0) > 0;
	return e;
}
