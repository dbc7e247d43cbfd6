/* db_review.c - SQL for reviews: the panel of an application's reviews, assigning, removing and scoring. */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "db/db_auth.h"
#include "db/db_review.h"
#include "http/app.h"
#include "http/req.h"

enum q {
	Q_PANEL,
	Q_GET,
	Q_APP_LOCK,
	Q_REVIEW_LOCK,
	Q_CANDIDATE,
	Q_INSERT,
	Q_TO_REVIEW,
	Q_DELETE,
	Q_UPDATE,
	Q__MAX
};

/*
 * Whether user u works for application a's applicant or one of its
 * Swedish co-applicants, who may therefore not review it (no one judges
 * their own organisation's application): the rule kept here once for every statement that needs it.
 */
#define CONFLICT(u, a) "(" u ".org_id IS NOT NULL AND (" u ".org_id = " a \
	".applicant_org_id OR EXISTS (SELECT 1 FROM application_coapplicants cc " \
	"WHERE cc.application_id = " a ".id AND cc.org_id = " u ".org_id)))"

/* A review row, in the columns review_of() reads after the tag. */
#define REVIEW_COLUMNS "rv.id, u.id, u.name, o.name, " CONFLICT("u", "a") ", " \
	"rv.score_relevance, rv.comment_relevance, rv.score_feasibility, " \
	"rv.comment_feasibility, rv.score_ownership, rv.comment_ownership, " \
	"rv.score_gender, rv.comment_gender, rv.score_budget, rv.comment_budget, " \
	"rv.recommendation, rv.summary, " DB_SWEDISH_DAY("rv.completed_at") ", " \
	"rv.version "
#define REVIEW_FROM "FROM applications a JOIN reviews rv ON rv.application_id = a.id " \
	"JOIN users u ON u.id = rv.reviewer_id LEFT JOIN organisations o ON o.id = u.org_id "

static struct dbstmt q[Q__MAX] = {
	/* 'r' rows: the reviews; 'c' rows: who else could review, with the same columns, scores NULL. */
	[Q_PANEL] = { "SELECT 'r', " REVIEW_COLUMNS REVIEW_FROM "WHERE a.id = ? "
	    "UNION ALL "
	    "SELECT 'c', NULL, u.id, u.name, o.name, " CONFLICT("u", "a") ", NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM applications a JOIN users u ON u.role = 'admin' AND u.active = 1 "
	    "LEFT JOIN organisations o ON o.id = u.org_id "
	    "WHERE a.id = ? AND NOT EXISTS (SELECT 1 FROM reviews x "
	    "WHERE x.application_id = a.id AND x.reviewer_id = u.id) "
	    "ORDER BY 1 DESC, 4, 3", NULL, 0 },
	[Q_GET] = { "SELECT 'r', " REVIEW_COLUMNS REVIEW_FROM
	    "WHERE a.id = ? AND rv.reviewer_id = ?", NULL, 0 },
	/* Writes lock the application first: a decision or a withdrawal may be on its way. */
	[Q_APP_LOCK] = { "SELECT status, version FROM applications WHERE id = ? "
	    "FOR UPDATE", NULL, 0 },
	[Q_REVIEW_LOCK] = { "SELECT 'r', " REVIEW_COLUMNS REVIEW_FROM
	    "WHERE a.id = ? AND rv.reviewer_id = ? FOR UPDATE", NULL, 0 },
	[Q_CANDIDATE] = { "SELECT u.name, o.name, u.role = 'admin' AND u.active = 1, "
	    CONFLICT("u", "a") " FROM applications a JOIN users u ON u.id = ? "
	    "LEFT JOIN organisations o ON o.id = u.org_id WHERE a.id = ?", NULL, 0 },
	[Q_INSERT] = { "INSERT INTO reviews (application_id, reviewer_id) "
	    "VALUES (?, ?)", NULL, 0 },
	[Q_TO_REVIEW] = { "UPDATE applications SET status = 'under_review', updated_at = ?, "
	    "version = version + 1 WHERE id = ? AND status = 'submitted'", NULL, 0 },
	[Q_DELETE] = { "DELETE FROM reviews WHERE id = ? AND version = ?", NULL, 0 },
	[Q_UPDATE] = { "UPDATE reviews SET score_relevance = ?, comment_relevance = ?, "
	    "score_feasibility = ?, comment_feasibility = ?, score_ownership = ?, "
	    "comment_ownership = ?, score_gender = ?, comment_gender = ?, "
	    "score_budget = ?, comment_budget = ?, recommendation = ?, summary = ?, "
	    "completed_at = IF(?, COALESCE(completed_at, ?), NULL), "
	    "version = version + 1 WHERE id = ? AND version = ?", NULL, 0 },
};

/* The codes audit rows and JSON use for the criteria, in enum criterion's order. */
static const char *const crit_code[CRIT__MAX] = {
	"relevance", "feasibility", "ownership", "gender", "budget",
};

int
review_open(const char *status)
{
	return status != NULL && (strcmp(status, "submitted") == 0 ||
	    strcmp(status, "under_review") == 0);
}

/* Every statement that reads reviews: REVIEW_COLUMNS follow the tag. */
#define REVIEW_VALUES	1

/*
 * REVIEW_COLUMNS by name; Q_PANEL's 'c' rows have the reviewer's columns.
 * Each criterion has its score and its comment, in enum criterion's order.
 */
enum { RV_ID, RV_USER, RV_USER_NAME, RV_ORG, RV_CONFLICT, RV_SCORE, RV_COMMENT,
	RV_RECOMMENDATION = RV_SCORE + 2 * CRIT__MAX, RV_SUMMARY, RV_COMPLETED, RV_VERSION };

/* Reads the person of a review row (user id, name, organisation, conflict). */
static void
reviewer_of(const struct dbpart *p, struct reviewer *w)
{
	w->id = db_part_ll(p, RV_USER);
	w->name = p->c[RV_USER_NAME];
	w->org_name = p->c[RV_ORG];
	w->conflict = db_part_ll(p, RV_CONFLICT) != 0;
}

/* Reads a row of REVIEW_COLUMNS into rv. */
static void
review_of(const struct dbpart *p, struct review *rv)
{
	size_t k;

	memset(rv, 0, sizeof(*rv));
	rv->id = db_part_ll(p, RV_ID);
	reviewer_of(p, &rv->who);
	for (k = 0; k < CRIT__MAX; k++) {
		rv->score[k] = (int)db_part_ll(p, RV_SCORE + 2 * k);
		rv->comment[k] = p->c[RV_COMMENT + 2 * k];
	}
	rv->recommendation = p->c[RV_RECOMMENDATION];
	rv->summary = p->c[RV_SUMMARY];
	rv->completed = p->c[RV_COMPLETED];
	rv->version = (unsigned)db_part_ll(p, RV_VERSION);
}

/* Reads the first row of a result of REVIEW_COLUMNS (a statement's only one) into rv. */
static void
review_only(const struct dbres *res, struct review *rv)
{
	struct dbpart p;

	db_part_at(&p, res, REVIEW_VALUES, 0);
	review_of(&p, rv);
}

enum kerr
db_review_panel(struct arena *a, const char *reqid, unsigned long long data_version,
    long long app_id, struct review **reviews,
    size_t *nreviews, struct reviewer **others, size_t *nothers)
{
	struct dbpart p;
	struct dbres res;
	enum kerr e;

	*nreviews = *nothers = 0;
	if ((e = db_query_cached(a, reqid, &q[Q_PANEL], data_version,
	    &res, "ii", app_id, app_id)) != KERR_OK)
		return e;
	*reviews = arena_calloc(a, res.nrows + 1, sizeof(**reviews));
	*others = arena_calloc(a, res.nrows + 1, sizeof(**others));
	for (db_parts(&p, &res, REVIEW_VALUES, NULL); db_part_next(&p); ) {
		if (p.tag == 'r')
			review_of(&p, &(*reviews)[(*nreviews)++]);
		else
			reviewer_of(&p, &(*others)[(*nothers)++]);
	}
	return KERR_OK;
}

enum kerr
db_review_get(struct arena *a, const char *reqid, unsigned long long data_version,
    long long app_id, long long reviewer_id,
    struct review *out)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query_cached(a, reqid, &q[Q_GET], data_version,
	    &res, "ii", app_id, reviewer_id)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	review_only(&res, out);
	return KERR_OK;
}

/* A JSON number, or null for a criterion not scored. */
static const char *
json_score(struct req *r, int v)
{
	return v > 0 ? arena_printf(r->a, "%d", v) : "null";
}

/* A review's state as the audit log keeps it: every field the form edits. */
static const char *
review_json(struct req *r, const struct review *rv, int complete, unsigned version)
{
	struct buf b;
	int k;

	buf_init(&b, r->a, 512);
	buf_printf(&b, "{\"reviewer_id\": %lld", rv->who.id);
	for (k = 0; k < CRIT__MAX; k++)
		buf_printf(&b, ", \"score_%s\": %s, \"comment_%s\": %s", crit_code[k],
		    json_score(r, rv->score[k]), crit_code[k],
		    json_str(r->a, rv->comment[k]));
	buf_printf(&b, ", \"recommendation\": %s, \"summary\": %s, "
	    "\"complete\": %s, \"version\": %u}", json_str(r->a, rv->recommendation),
	    json_str(r->a, rv->summary), complete ? "true" : "false", version);
	return b.data;
}

/*
 * Locks application app_id, first of every write here so that locks are
 * always taken in one order. *status is its status; KERR_NOTFOUND when
 * there is no such application.
 */
static enum kerr
lock_application(struct req *r, long long app_id, const char **status,
    unsigned *version)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(r->a, r->id, &q[Q_APP_LOCK], &res, "i", app_id)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	*status = db_str(&res, 0, 0);
	*version = (unsigned)db_ll(&res, 0, 1);
	return KERR_OK;
}

/* KERR_FORBIDDEN (f->status) unless an application with status can be reviewed. */
static enum kerr
must_be_open(const char *status, struct review_refusal *f)
{
	if (review_open(status))
		return KERR_OK;
	f->status = status;
	return KERR_FORBIDDEN;
}

/* A score as a statement parameter: NULL when not scored. */
static const char *
score_param(struct req *r, int v)
{
	return v >= SCORE_MIN && v <= SCORE_MAX ? arena_printf(r->a, "%d", v) : NULL;
}

enum kerr
db_review_assign(struct req *r, long long app_id, long long reviewer_id,
    const struct outbox_send *mail, struct review_refusal *f)
{
	char now[APP_STAMP_LEN];
	unsigned long long changed = 0, id = 0;
	struct dbres res;
	const char *status;
	unsigned version;
	enum kerr e;

	memset(f, 0, sizeof(*f));
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = lock_application(r, app_id, &status, &version)) != KERR_OK ||
	    (e = must_be_open(status, f)) != KERR_OK)
		goto out;
	if ((e = db_query(r->a, r->id, &q[Q_CANDIDATE], &res, "ii", reviewer_id,
	    app_id)) != KERR_OK)
		goto out;
	if (res.nrows == 0 || db_ll(&res, 0, 2) == 0) {
		f->not_reviewer = 1;
		e = KERR_INVALID;
		goto out;
	}
	f->who.id = reviewer_id;
	f->who.name = db_str(&res, 0, 0);
	f->who.org_name = db_str(&res, 0, 1);
	if ((f->who.conflict = f->conflict = db_ll(&res, 0, 3) != 0)) {
		e = KERR_INVALID;
		goto out;
	}
	/* A duplicate (the form sent twice) gives KERR_CONFLICT: one row stays. */
	if ((e = db_exec(r->id, &q[Q_INSERT], NULL, &id, "ii", app_id,
	    reviewer_id)) != KERR_OK)
		goto out;
	if ((e = db_audit(r, 0, "review.assign", "review", (long long)id, NULL,
	    arena_printf(r->a, "{\"application_id\": %lld, \"reviewer_id\": %lld, "
	    "\"reviewer\": %s}", app_id, reviewer_id, json_str(r->a, f->who.name)))) != KERR_OK)
		goto out;
	if ((e = db_exec(r->id, &q[Q_TO_REVIEW], &changed, NULL, "si", app_stamp(now), app_id)) != KERR_OK)
		goto out;
	if (changed > 0 && (e = db_audit(r, 0, "application.review", "application",
	    app_id, arena_printf(r->a, "{\"status\": \"submitted\", \"version\": %u}",
	    version), arena_printf(r->a, "{\"status\": \"under_review\", "
	    "\"version\": %u}", version + 1))) != KERR_OK)
		goto out;
	if ((e = db_outbox_send(r->id, mail, NULL)) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

int
review_begun(const struct review *rv)
{
	int k;

	for (k = 0; k < CRIT__MAX; k++)
		if (rv->score[k] > 0 || rv->comment[k] != NULL)
			return 1;
	return rv->summary != NULL || rv->completed != NULL;
}

enum kerr
db_review_unassign(struct req *r, long long app_id, long long reviewer_id,
    struct review_refusal *f)
{
	struct review rv;
	struct dbres res;
	const char *status;
	unsigned version;
	enum kerr e;

	memset(f, 0, sizeof(*f));
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = lock_application(r, app_id, &status, &version)) != KERR_OK ||
	    (e = must_be_open(status, f)) != KERR_OK)
		goto out;
	if ((e = db_query(r->a, r->id, &q[Q_REVIEW_LOCK], &res, "ii", app_id,
	    reviewer_id)) != KERR_OK)
		goto out;
	if (res.nrows == 0) {
		db_rollback(r->id);
		return KERR_OK;
	}
	review_only(&res, &rv);
	if (review_begun(&rv)) {
		f->started = 1;
		f->who = rv.who;
		e = KERR_FORBIDDEN;
		goto out;
	}
	if ((e = db_exec(r->id, &q[Q_DELETE], NULL, NULL, "ii", rv.id,
	    (long long)rv.version)) != KERR_OK ||
	    (e = db_audit(r, 0, "review.unassign", "review", rv.id,
	    arena_printf(r->a, "{\"application_id\": %lld, \"reviewer_id\": %lld, "
	    "\"reviewer\": %s, \"version\": %u}", app_id, reviewer_id,
	    json_str(r->a, rv.who.name), rv.version), NULL)) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

enum kerr
db_review_save(struct req *r, long long app_id, long long reviewer_id,
    const struct review *rv, int complete, unsigned version,
    struct review_refusal *f)
{
	char now[APP_STAMP_LEN];
	unsigned long long changed = 0;
	struct review before, after;
	struct dbres res;
	const char *status;
	unsigned app_version;
	enum kerr e;

	memset(f, 0, sizeof(*f));
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = lock_application(r, app_id, &status, &app_version)) != KERR_OK)
		goto out;
	/* Not assigned is 404 whatever the application's state: the form does not exist for them. */
	if ((e = db_query_row(r->a, r->id, &q[Q_REVIEW_LOCK], &res, "ii", app_id,
	    reviewer_id)) != KERR_OK)
		goto out;
	review_only(&res, &before);
	if ((e = must_be_open(status, f)) != KERR_OK)
		goto out;
	if (before.who.conflict) {
		f->conflict = 1;
		f->who = before.who;
		e = KERR_FORBIDDEN;
		goto out;
	}
	if ((e = db_exec(r->id, &q[Q_UPDATE], &changed, NULL, "ssssssssssssisii",
	    score_param(r, rv->score[CRIT_RELEVANCE]), rv->comment[CRIT_RELEVANCE],
	    score_param(r, rv->score[CRIT_FEASIBILITY]), rv->comment[CRIT_FEASIBILITY],
	    score_param(r, rv->score[CRIT_OWNERSHIP]), rv->comment[CRIT_OWNERSHIP],
	    score_param(r, rv->score[CRIT_GENDER]), rv->comment[CRIT_GENDER],
	    score_param(r, rv->score[CRIT_BUDGET]), rv->comment[CRIT_BUDGET],
	    rv->recommendation, rv->summary, (long long)(complete != 0), app_stamp(now), before.id,
	    (long long)version)) != KERR_OK)
		goto out;
	/* Someone saved it since this form was filled: theirs stands. */
	if (changed == 0) {
		f->version = before.version;
		e = KERR_CONFLICT;
		goto out;
	}
	after = *rv;
	after.who = before.who;
	if ((e = db_audit(r, 0, complete ? "review.complete" : "review.save",
	    "review", before.id, review_json(r, &before, before.completed != NULL,
	    before.version), review_json(r, &after, complete, before.version + 1))) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}
