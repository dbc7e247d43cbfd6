/* db_outbox.h - the outbox's statements: a message queued in its cause's transaction, claimed, marked (sql/0026). */
#ifndef KPP_DB_OUTBOX_H
#define KPP_DB_OUTBOX_H

#include <stddef.h>

#include "core/i18n.h"
#include "core/kerr.h"
#include "db/db_list.h"
#include "domain/mailkinds.h"

struct arena;
struct req;

/* A message to queue: each text UTF-8, NUL-terminated; to_name and link may be NULL (none). */
struct outbox_msg {
	const char	*kind;		/* what it is: application_receipt, decision, password_link ... */
	const char	*to_email;
	const char	*to_name;
	enum lang	 lang;		/* the recipient's language, which the texts are in */
	const char	*subject;
	const char	*body;
	const char	*link;		/* the absolute address of the page where the person acts */
};

/* A row claimed for sending, its texts in the claim's arena. */
struct outbox_row {
	long long	 id;
	const char	*kind;
	const char	*to_email;
	const char	*to_name;	/* "" when none */
	const char	*lang;		/* "sv" or "en" */
	const char	*subject;
	const char	*body;
	unsigned	 attempts;	/* deliveries started, this one included */
};

/*
 * Queues m inside the caller's transaction (db_begin() ... db_commit()):
 * one INSERT, neither begun nor committed here, so that the message is
 * sent if and only if the change that causes it commits. id (may be NULL)
 * gets the row's id.
 */
enum kerr	db_outbox_add(const char *reqid, const struct outbox_msg *m, long long *id);

/* Who a message goes to: each active account it names, one row each, in the person's language. */
enum outbox_to {
	OUTBOX_TO_ORG,		/* the applicant organisation to_id's people */
	OUTBOX_TO_OFFICERS,	/* ICLD's officers handling round to_id (every officer when it names none; 0: none named) */
	OUTBOX_TO_USER,		/* the account to_id */
	OUTBOX_TO_APPLICANTS	/* every applicant organisation's people (to_id unused): a round's news */
};

/* One message to the people it concerns, written in both languages. */
struct outbox_send {
	enum mail_kind	 kind;
	enum outbox_to	 to;
	long long	 to_id;
	const char	*subject[LANG__MAX];
	const char	*body[LANG__MAX];
	const char	*link;		/* the absolute address where they act; NULL: none */
};

/*
 * Queues s inside the caller's transaction, as db_outbox_add(): one row
 * per active account it goes to (one INSERT ... SELECT, the recipients
 * read as the change commits), in that person's language; of an optional
 * kind only to those who chose it, and to an officer who chose the digest
 * not a kind the digest carries. *queued (may be NULL) gets how many:
 * possibly none.
 */
enum kerr	db_outbox_send(const char *reqid, const struct outbox_send *s, unsigned long long *queued);

/* The messages one statement of db_outbox_send_orgs() queues at most. */
#define OUTBOX_ORGS_AT_ONCE	16

/*
 * Queues the n messages s[0..n-1], each of kind to its applicant
 * organisation (OUTBOX_TO_ORG, their to and kind are not read), inside
 * the caller's transaction, as db_outbox_send() would each: with one
 * INSERT ... SELECT per OUTBOX_ORGS_AT_ONCE of them, for a pass that
 * queues many (the daily reminders). *queued (may be NULL) gets how many
 * rows in all.
 */
enum kerr	db_outbox_send_orgs(const char *reqid, enum mail_kind kind, const struct outbox_send *s, size_t n,
		    unsigned long long *queued);

/*
 * Puts back in the queue the rows whose mailer died while sending them
 * (state sending, lease_until past); n (may be NULL) gets how many.
 */
enum kerr	db_outbox_requeue_expired(const char *reqid, unsigned long long *n);

/*
 * Claims at most max queued rows that are due, oldest due first, for
 * holder (host:pid) for lease_seconds: in one transaction, reading them
 * FOR UPDATE SKIP LOCKED (a row another mailer is claiming is left to
 * it, and neither waits), each marked sending with one more attempt.
 * *rows, *nrows: the rows claimed, in arena a.
 */
enum kerr	db_outbox_claim(struct arena *a, const char *reqid, const char *holder,
		    unsigned max, unsigned lease_seconds, struct outbox_row **rows, size_t *nrows);

/*
 * The outcome of a claimed row, each recorded only while holder still
 * holds it: KERR_CONFLICT when it does not (its lease ran out and another
 * mailer may have taken it), which the caller logs. answer is the
 * server's last reply, or why there was none.
 */

/* Accepted by the server (2xx): sent, with the server's answer. */
enum kerr	db_outbox_sent(const char *reqid, long long id, const char *holder, const char *answer);

/*
 * Not delivered this time (4xx, no connection): queued again for
 * delay_seconds from now, unless that is more than max_retry_hours after
 * the row was queued, or last retried by an officer: then failed. *failed (may be NULL) says which.
 */
enum kerr	db_outbox_retry(const char *reqid, long long id, const char *holder, const char *answer,
		    unsigned delay_seconds, unsigned max_retry_hours, int *failed);

/* Refused for good (5xx, a message that cannot be built): failed, with the answer. */
enum kerr	db_outbox_fail(const char *reqid, long long id, const char *holder, const char *answer);

/* Handed back unsent (the mailer stops, or its lease runs short): queued as it was, the attempt not counted. */
enum kerr	db_outbox_release(const char *reqid, long long id, const char *holder);

/* ---- the officers' /outbox ---------------------------------------------------------------------------- */

/* A row's states (sql/0026), in their order of life. */
extern const char *const outbox_states[];
#define OUTBOX_NSTATES	5

/* What /outbox filters by, each NULL for all: a state, and a list_like() pattern of the address. */
struct outbox_filter {
	const char	*state;
	const char	*like;
};

/* A row as the officers read it: times in UTC "YYYY-MM-DD HH:MM:SS", NULL when none. */
struct outbox_entry {
	struct outbox_row row;		/* row.attempts: as recorded, not one more */
	const char	*state;
	const char	*link;
	const char	*created_at;
	const char	*retried_at;
	const char	*next_attempt_at;
	const char	*lease_holder;
	const char	*lease_until;
	const char	*last_answer;
	const char	*sent_at;
};

/*
 * A page of /outbox: limit rows from offset, the newest (highest id)
 * first, of those f lets through, each with its body ""; and the number
 * of rows in each state under f's search alone (*counts, *ncounts: the
 * states that have any). In a. KERR_OK or KERR_DB.
 */
enum kerr	db_outbox_page(struct arena *a, const char *reqid, const struct outbox_filter *f,
		    long long offset, long long limit, struct outbox_entry **rows, size_t *nrows,
		    struct list_count **counts, size_t *ncounts);

/* Row id whole, in a. KERR_NOTFOUND when there is none. */
enum kerr	db_outbox_get(struct arena *a, const char *reqid, long long id, struct outbox_entry *e);

/*
 * An officer's retry of failed row id: queued again at once, its attempts
 * from none and its retry window from now (retried_at), created_at kept;
 * an audit row outbox.retry. An officer's cancel of queued row id (not
 * being sent): cancelled, never to be sent; an audit row outbox.cancel.
 * Each in one transaction, the row locked. KERR_CONFLICT when the row is
 * not (any more) in the state the change needs: *state gets the state it
 * is in. KERR_NOTFOUND, KERR_DB.
 */
enum kerr	db_outbox_officer_retry(struct req *r, long long id, const char **state);
enum kerr	db_outbox_officer_cancel(struct req *r, long long id, const char **state);

#endif
