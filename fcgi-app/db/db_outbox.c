/* db_outbox.c - SQL for the outbox: queueing a message, claiming rows with a lease, recording outcomes. */
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_auth.h"
#include "db/db_outbox.h"
#include "http/req.h"

enum q {
	Q_ADD,
	Q_SEND_ORG,
	Q_SEND_OFFICERS,
	Q_SEND_USER,
	Q_SEND_APPLICANTS,
	Q_SEND_ORGS,
	Q_REQUEUE,
	Q_PICK,
	Q_TAKE,
	Q_SENT,
	Q_RETRY,
	Q_FAIL,
	Q_RELEASE,
	Q_PAGE,
	Q_COUNTS,
	Q_GET,
	Q_LOCK,
	Q_OFFICER_RETRY,
	Q_OFFICER_CANCEL,
	Q__MAX
};

/* Q_SEND_ORGS' slots after the first: 15 more of six parameters each, and their format with the first's. */
#define ORGS_SLOT(n) " UNION ALL SELECT " #n ", ?, ?, ?, ?, ?, ?"
#define ORGS_SLOTS ORGS_SLOT(1) ORGS_SLOT(2) ORGS_SLOT(3) ORGS_SLOT(4) ORGS_SLOT(5) ORGS_SLOT(6) \
	ORGS_SLOT(7) ORGS_SLOT(8) ORGS_SLOT(9) ORGS_SLOT(10) ORGS_SLOT(11) ORGS_SLOT(12) ORGS_SLOT(13) \
	ORGS_SLOT(14) ORGS_SLOT(15)
#define ORGS_FMT4 "sssssisssssisssssisssssi"
#define ORGS_FMT "sii" ORGS_FMT4 ORGS_FMT4 ORGS_FMT4 ORGS_FMT4
_Static_assert(sizeof(ORGS_FMT) - 1 == 3 + 6 * OUTBOX_ORGS_AT_ONCE, "Q_SEND_ORGS has a slot per message");
/* The six values of slot i of v, for db_exec()'s arguments. */
#define ORGS_ARGS(v, i) v[i].ssv, v[i].sen, v[i].bsv, v[i].ben, v[i].link, v[i].org
#define ORGS_ARGS4(v, i) ORGS_ARGS(v, i), ORGS_ARGS(v, i + 1), ORGS_ARGS(v, i + 2), ORGS_ARGS(v, i + 3)

/* A row the mailer still holds: its outcome is recorded only then. */
#define HELD "WHERE id = ? AND state = 'sending' AND lease_holder = ?"
/* Leaving sending: no lease any more. */
#define UNLEASE "lease_holder = NULL, lease_until = NULL"

static struct dbstmt q[Q__MAX] = {
	[Q_ADD] = { "INSERT INTO outbox (kind, recipient_email, recipient_name, lang, subject, body, link, "
	    "created_at, state, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), "
	    "'queued', 0, UTC_TIMESTAMP(6))", NULL, 0 },
	/* The recipients of db_outbox_send(): SEND's parameters, then the target's. */
#define SEND "INSERT INTO outbox (kind, user_id, recipient_email, recipient_name, lang, subject, body, link, " \
	    "created_at, state, attempts, next_attempt_at) SELECT ?, u.id, u.email, u.name, u.lang, " \
	    "IF(u.lang = 'sv', ?, ?), IF(u.lang = 'sv', ?, ?), ?, UTC_TIMESTAMP(), 'queued', 0, UTC_TIMESTAMP(6) " \
	    "FROM users u WHERE u.active = 1 AND (? = 0 OR FIND_IN_SET(?, u.mail_kinds) > 0) " \
	    "AND (? = 0 OR FIND_IN_SET('digest', u.mail_kinds) = 0) AND "
	[Q_SEND_ORG] = { SEND "u.role = 'applicant' AND u.org_id = ?", NULL, 0 },
	/* A round whose named officers have all left (deactivated) names nobody: every officer is told. */
	[Q_SEND_OFFICERS] = { SEND "u.role = 'admin' AND (u.id IN (SELECT user_id FROM round_officers "
	    "WHERE round_id = ?) OR NOT EXISTS (SELECT 1 FROM round_officers ro JOIN users o ON o.id = ro.user_id "
	    "WHERE ro.round_id = ? AND o.active = 1 AND o.role = 'admin'))", NULL, 0 },
	[Q_SEND_USER] = { SEND "u.id = ?", NULL, 0 },
	/* The target's parameter, unused, keeps the shape of the others'. */
	[Q_SEND_APPLICANTS] = { SEND "u.role = 'applicant' AND ? IS NOT NULL", NULL, 0 },
#undef SEND
	/*
	 * db_outbox_send_orgs(): the kind's name and flags once, then
	 * OUTBOX_ORGS_AT_ONCE messages (slot, texts, link, organisation); a
	 * slot left empty has NULL texts. The rows come in the slots' order.
	 */
	[Q_SEND_ORGS] = { "INSERT INTO outbox (kind, user_id, recipient_email, recipient_name, lang, subject, body, "
	    "link, created_at, state, attempts, next_attempt_at) SELECT k.kind, u.id, u.email, u.name, u.lang, "
	    "IF(u.lang = 'sv', m.ssv, m.sen), IF(u.lang = 'sv', m.bsv, m.ben), m.link, UTC_TIMESTAMP(), 'queued', 0, "
	    "UTC_TIMESTAMP(6) FROM (SELECT CAST(? AS CHAR) AS kind, ? AS optional, ? AS in_digest) k "
	    "JOIN (SELECT 0 AS n, CAST(? AS CHAR) AS ssv, CAST(? AS CHAR) AS sen, CAST(? AS CHAR) AS bsv, "
	    "CAST(? AS CHAR) AS ben, CAST(? AS CHAR) AS link, CAST(? AS UNSIGNED) AS org" ORGS_SLOTS ") m ON m.ssv IS NOT NULL JOIN users u ON u.active = 1 "
	    "AND (k.optional = 0 OR FIND_IN_SET(k.kind, u.mail_kinds) > 0) "
	    "AND (k.in_digest = 0 OR FIND_IN_SET('digest', u.mail_kinds) = 0) "
	    "AND u.role = 'applicant' AND u.org_id = m.org ORDER BY m.n, u.id", NULL, 0 },
	[Q_REQUEUE] = { "UPDATE outbox SET state = 'queued', " UNLEASE " "
	    "WHERE state = 'sending' AND lease_until < UTC_TIMESTAMP(6)", NULL, 0 },
	/* outbox_claim's order: it reads no more than LIMIT rows; a row locked by another claim is passed over. */
	[Q_PICK] = { "SELECT id, kind, recipient_email, recipient_name, lang, subject, body, attempts + 1 "
	    "FROM outbox WHERE state = 'queued' AND next_attempt_at <= UTC_TIMESTAMP(6) "
	    "ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED", NULL, 0 },
	[Q_TAKE] = { "UPDATE outbox SET state = 'sending', lease_holder = ?, "
	    "lease_until = UTC_TIMESTAMP(6) + INTERVAL ? SECOND, attempts = attempts + 1 "
	    "WHERE id = ? AND state = 'queued'", NULL, 0 },
	[Q_SENT] = { "UPDATE outbox SET state = 'sent', sent_at = UTC_TIMESTAMP(), last_answer = LEFT(?, 1000), "
	    UNLEASE " " HELD, NULL, 0 },
	[Q_RETRY] = { "UPDATE outbox SET state = 'queued', last_answer = LEFT(?, 1000), "
	    "next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND, " UNLEASE " " HELD " "
	    "AND UTC_TIMESTAMP(6) + INTERVAL ? SECOND <= COALESCE(retried_at, created_at) + INTERVAL ? HOUR",
	    NULL, 0 },
	[Q_FAIL] = { "UPDATE outbox SET state = 'failed', last_answer = LEFT(?, 1000), " UNLEASE " " HELD,
	    NULL, 0 },
	[Q_RELEASE] = { "UPDATE outbox SET state = 'queued', attempts = attempts - 1, " UNLEASE " " HELD,
	    NULL, 0 },
	/*
	 * /outbox: the newest first is the highest id first, read backwards
	 * from the primary key or, in one state, from outbox_state (state, id)
	 * (sql/0029): a page reads its rows and sorts none. A filter that is
	 * off binds NULL, which MariaDB folds away as it plans each execution.
	 */
#define ENTRY(body) "SELECT id, kind, recipient_email, recipient_name, lang, subject, " body ", attempts, " \
	    "state, link, created_at, retried_at, next_attempt_at, lease_holder, lease_until, last_answer, " \
	    "sent_at FROM outbox "
#define SEARCH "(? IS NULL OR " DB_LIKE("recipient_email") ")"
	[Q_PAGE] = { ENTRY("''") "WHERE (? IS NULL OR state = ?) AND " SEARCH " ORDER BY id DESC LIMIT ? OFFSET ?",
	    NULL, 0 },
	[Q_COUNTS] = { "SELECT state, COUNT(*) FROM outbox WHERE " SEARCH " GROUP BY state", NULL, 0 },
	[Q_GET] = { ENTRY("body") "WHERE id = ?", NULL, 0 },
#undef SEARCH
#undef ENTRY
	[Q_LOCK] = { "SELECT state, attempts FROM outbox WHERE id = ? FOR UPDATE", NULL, 0 },
	/* A whole retry window from now, and the backoff from its first step: the mailer counts both so. */
	[Q_OFFICER_RETRY] = { "UPDATE outbox SET state = 'queued', attempts = 0, retried_at = UTC_TIMESTAMP(), "
	    "next_attempt_at = UTC_TIMESTAMP(6) WHERE id = ? AND state = 'failed'", NULL, 0 },
	[Q_OFFICER_CANCEL] = { "UPDATE outbox SET state = 'cancelled' WHERE id = ? AND state = 'queued'", NULL, 0 },
};

const char *const outbox_states[OUTBOX_NSTATES] = { "queued", "sending", "sent", "failed", "cancelled" };

enum kerr
db_outbox_add(const char *reqid, const struct outbox_msg *m, long long *id)
{
	unsigned long long ins = 0;
	enum kerr e;

	e = db_exec(reqid, &q[Q_ADD], NULL, &ins, "sssssss", m->kind, m->to_email,
	    m->to_name != NULL ? m->to_name : "", i18n_code(m->lang), m->subject, m->body, m->link);
	if (e == KERR_OK && id != NULL)
		*id = (long long)ins;
	return e;
}

enum kerr
db_outbox_send(const char *reqid, const struct outbox_send *s, unsigned long long *queued)
{
	const struct mail_kind_info *k = mail_kind(s->kind);
	enum q which;

	switch (s->to) {
	case OUTBOX_TO_ORG:
		which = Q_SEND_ORG;
		break;
	case OUTBOX_TO_APPLICANTS:
		which = Q_SEND_APPLICANTS;
		break;
	case OUTBOX_TO_OFFICERS:
		/* The round twice: its officers, or everyone when it names none. */
		return db_exec(reqid, &q[Q_SEND_OFFICERS], queued, NULL, "ssssssisiii", k->name,
		    s->subject[LANG_SV], s->subject[LANG_EN], s->body[LANG_SV], s->body[LANG_EN], s->link,
		    (long long)k->optional, k->name, (long long)k->in_digest, s->to_id, s->to_id);
	default:
		which = Q_SEND_USER;
		break;
	}
	return db_exec(reqid, &q[which], queued, NULL, "ssssssisii", k->name,
	    s->subject[LANG_SV], s->subject[LANG_EN], s->body[LANG_SV], s->body[LANG_EN], s->link,
	    (long long)k->optional, k->name, (long long)k->in_digest, s->to_id);
}

enum kerr
db_outbox_send_orgs(const char *reqid, enum mail_kind kind, const struct outbox_send *s, size_t n,
    unsigned long long *queued)
{
	const struct mail_kind_info *k = mail_kind(kind);
	struct {
		const char	*ssv, *sen, *bsv, *ben, *link;
		long long	 org;
	} v[OUTBOX_ORGS_AT_ONCE];
	unsigned long long rows;
	size_t i, j;
	enum kerr e;

	if (queued != NULL)
		*queued = 0;
	for (i = 0; i < n; i += OUTBOX_ORGS_AT_ONCE) {
		memset(v, 0, sizeof(v));
		for (j = 0; j < OUTBOX_ORGS_AT_ONCE && i + j < n; j++) {
			v[j].ssv = s[i + j].subject[LANG_SV];
			v[j].sen = s[i + j].subject[LANG_EN];
			v[j].bsv = s[i + j].body[LANG_SV];
			v[j].ben = s[i + j].body[LANG_EN];
			v[j].link = s[i + j].link;
			v[j].org = s[i + j].to_id;
		}
		rows = 0;
		if ((e = db_exec(reqid, &q[Q_SEND_ORGS], &rows, NULL, ORGS_FMT, k->name, (long long)k->optional,
		    (long long)k->in_digest, ORGS_ARGS4(v, 0), ORGS_ARGS4(v, 4), ORGS_ARGS4(v, 8),
		    ORGS_ARGS4(v, 12))) != KERR_OK)
			return e;
		if (queued != NULL)
			*queued += rows;
	}
	return KERR_OK;
}

enum kerr
db_outbox_requeue_expired(const char *reqid, unsigned long long *n)
{
	return db_exec(reqid, &q[Q_REQUEUE], n, NULL, "");
}

enum kerr
db_outbox_claim(struct arena *a, const char *reqid, const char *holder, unsigned max,
    unsigned lease_seconds, struct outbox_row **rows, size_t *nrows)
{
	struct outbox_row *r;
	struct dbres res;
	enum kerr e;
	size_t i;

	*rows = NULL;
	*nrows = 0;
	if ((e = db_begin(reqid)) != KERR_OK)
		return e;
	if ((e = db_query(a, reqid, &q[Q_PICK], &res, "i", (long long)max)) != KERR_OK)
		goto out;
	r = arena_alloc(a, (res.nrows + 1) * sizeof(*r));
	for (i = 0; i < res.nrows; i++) {
		r[i].id = db_ll(&res, i, 0);
		r[i].kind = db_str(&res, i, 1);
		r[i].to_email = db_str(&res, i, 2);
		r[i].to_name = db_str(&res, i, 3);
		r[i].lang = db_str(&res, i, 4);
		r[i].subject = db_str(&res, i, 5);
		r[i].body = db_str(&res, i, 6);
		r[i].attempts = (unsigned)db_ll(&res, i, 7);
		if ((e = db_exec(reqid, &q[Q_TAKE], NULL, NULL, "sii", holder,
		    (long long)lease_seconds, r[i].id)) != KERR_OK)
			goto out;
	}
	if ((e = db_commit(reqid)) != KERR_OK)
		return e;
	*rows = r;
	*nrows = res.nrows;
	return KERR_OK;
out:
	db_rollback(reqid);
	return e;
}

/* Runs one of the outcomes on a held row: KERR_CONFLICT when the row is no longer held. */
static enum kerr
outcome(const char *reqid, enum q which, const char *answer, long long id, const char *holder)
{
	unsigned long long n = 0;
	enum kerr e;

	if (which == Q_RELEASE)
		e = db_exec(reqid, &q[which], &n, NULL, "is", id, holder);
	else
		e = db_exec(reqid, &q[which], &n, NULL, "sis", answer, id, holder);
	if (e == KERR_OK && n == 0)
		return KERR_CONFLICT;
	return e;
}

enum kerr
db_outbox_sent(const char *reqid, long long id, const char *holder, const char *answer)
{
	return outcome(reqid, Q_SENT, answer, id, holder);
}

enum kerr
db_outbox_retry(const char *reqid, long long id, const char *holder, const char *answer,
    unsigned delay_seconds, unsigned max_retry_hours, int *failed)
{
	unsigned long long n = 0;
	enum kerr e;

	if (failed != NULL)
		*failed = 0;
	if ((e = db_exec(reqid, &q[Q_RETRY], &n, NULL, "siisii", answer, (long long)delay_seconds, id,
	    holder, (long long)delay_seconds, (long long)max_retry_hours)) != KERR_OK || n == 1)
		return e;
	/* Not requeued: either not held any more, or out of time. */
	if ((e = outcome(reqid, Q_FAIL, answer, id, holder)) == KERR_OK && failed != NULL)
		*failed = 1;
	return e;
}

enum kerr
db_outbox_fail(const char *reqid, long long id, const char *holder, const char *answer)
{
	return outcome(reqid, Q_FAIL, answer, id, holder);
}

enum kerr
db_outbox_release(const char *reqid, long long id, const char *holder)
{
	return outcome(reqid, Q_RELEASE, NULL, id, holder);
}

/* Row i of res, in ENTRY's columns. */
static void
entry_of(const struct dbres *res, size_t i, struct outbox_entry *e)
{
	e->row.id = db_ll(res, i, 0);
	e->row.kind = db_str(res, i, 1);
	e->row.to_email = db_str(res, i, 2);
	e->row.to_name = db_str(res, i, 3);
	e->row.lang = db_str(res, i, 4);
	e->row.subject = db_str(res, i, 5);
	e->row.body = db_str(res, i, 6);
	e->row.attempts = (unsigned)db_ll(res, i, 7);
	e->state = db_str(res, i, 8);
	e->link = db_str(res, i, 9);
	e->created_at = db_str(res, i, 10);
	e->retried_at = db_str(res, i, 11);
	e->next_attempt_at = db_str(res, i, 12);
	e->lease_holder = db_str(res, i, 13);
	e->lease_until = db_str(res, i, 14);
	e->last_answer = db_str(res, i, 15);
	e->sent_at = db_str(res, i, 16);
}

enum kerr
db_outbox_page(struct arena *a, const char *reqid, const struct outbox_filter *f,
    long long offset, long long limit, struct outbox_entry **rows, size_t *nrows,
    struct list_count **counts, size_t *ncounts)
{
	struct list_count *c;
	struct outbox_entry *r;
	struct dbres res;
	enum kerr e;
	size_t i;

	*rows = NULL;
	*nrows = 0;
	*counts = NULL;
	*ncounts = 0;
	if ((e = db_query(a, reqid, &q[Q_COUNTS], &res, "ss", f->like, f->like)) != KERR_OK)
		return e;
	c = arena_calloc(a, res.nrows + 1, sizeof(*c));
	for (i = 0; i < res.nrows; i++) {
		c[i].status = db_str(&res, i, 0);
		c[i].n = db_ll(&res, i, 1);
	}
	*counts = c;
	*ncounts = res.nrows;
	if ((e = db_query(a, reqid, &q[Q_PAGE], &res, "ssssii", f->state, f->state, f->like, f->like,
	    limit, offset)) != KERR_OK)
		return e;
	r = arena_calloc(a, res.nrows + 1, sizeof(*r));
	for (i = 0; i < res.nrows; i++)
		entry_of(&res, i, &r[i]);
	*rows = r;
	*nrows = res.nrows;
	return KERR_OK;
}

enum kerr
db_outbox_get(struct arena *a, const char *reqid, long long id, struct outbox_entry *e)
{
	struct dbres res;
	enum kerr k;

	if ((k = db_query_row(a, reqid, &q[Q_GET], &res, "i", id)) != KERR_OK)
		return k;
	entry_of(&res, 0, e);
	return KERR_OK;
}

/*
 * An officer's retry (retry 1) or cancel (0) of row id, with its audit
 * row, in one transaction: KERR_CONFLICT, *state the row's state, when it
 * is not in the state the change starts from (failed, queued).
 */
static enum kerr
officer_change(struct req *r, long long id, int retry, const char **state)
{
	const char *from = retry ? "failed" : "queued", *to = retry ? "queued" : "cancelled";
	struct dbres res;
	long long attempts;
	enum kerr e;

	*state = NULL;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_LOCK], &res, "i", id)) != KERR_OK)
		goto out;
	*state = db_str(&res, 0, 0);
	attempts = db_ll(&res, 0, 1);
	if (strcmp(*state, from) != 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_exec(r->id, &q[retry ? Q_OFFICER_RETRY : Q_OFFICER_CANCEL], NULL, NULL, "i",
	    id)) != KERR_OK ||
	    (e = db_audit(r, 0, retry ? "outbox.retry" : "outbox.cancel", "outbox", id,
	    arena_printf(r->a, "{\"state\": \"%s\", \"attempts\": %lld}", from, attempts),
	    arena_printf(r->a, "{\"state\": \"%s\", \"attempts\": %lld}", to,
	    retry ? 0 : attempts))) != KERR_OK)
		goto out;
	if ((e = db_commit(r->id)) == KERR_OK)
		*state = to;
	return e;
out:
	db_rollback(r->id);
	return e;
}

enum kerr
db_outbox_officer_retry(struct req *r, long long id, const char **state)
{
	return officer_change(r, id, 1, state);
}

enum kerr
db_outbox_officer_cancel(struct req *r, long long id, const char **state)
{
	return officer_change(r, id, 0, state);
}
