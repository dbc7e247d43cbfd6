/* db_auth.h - the statements behind sign-in: users, sessions, attempts, the audit log. */
#ifndef KPP_DB_AUTH_H
#define KPP_DB_AUTH_H

#include "core/kerr.h"
#include "http/req.h"

/*
 * The live session with token hash h, its user active and neither limit
 * passed: fills s (strings in a) and sets *stale when its
 * last-seen time is worth refreshing. KERR_NOTFOUND when there is none.
 */
enum kerr	db_session_find(struct arena *a, const char *reqid, const unsigned char h[32],
		    struct session *s, int *stale);
enum kerr	db_session_touch(const char *reqid, const unsigned char h[32]);
enum kerr	db_session_insert(const char *reqid, const char *ip, const unsigned char h[32],
		    long long user_id, const char *csrf);
enum kerr	db_session_delete(const char *reqid, const unsigned char h[32]);
/*
 * The session with token hash h whatever its age, its user active: whose it was and its CSRF
 * token (in a). KERR_NOTFOUND when there is none (signed out, or purged).
 */
enum kerr	db_session_lapsed(struct arena *a, const char *reqid, const unsigned char h[32],
		    long long *user_id, const char **csrf);

/*
 * The account signing in with email (any case): its id, password hash and
 * whether it is active. KERR_NOTFOUND when there is no such account.
 */
enum kerr	db_user_for_login(struct arena *a, const char *reqid, const char *email,
		    long long *id,
		    const char **hash, int *active);
enum kerr	db_user_set_lang(const char *reqid, long long user_id, enum lang l);

/*
 * Sign-in throttling, per pair of typed email (normalised) and client address (sql/0019): a
 * pair's state, read under the lock of its row, so that parallel attempts of one pair are judged
 * one after the other whatever the number of workers.
 */
struct login_throttle {
	long long	failures;	/* wrong passwords in a row, not yet forgotten */
	long long	wait;		/* seconds before a password may be tried again; 0: now */
	long long	refused;	/* attempts refused while waiting, not yet in the audit log */
};

/* Locks the pair's row (made when missing) until the transaction, which the caller began, ends. */
enum kerr	db_login_lock(struct arena *a, const char *reqid, const char *email, const char *ip,
		    struct login_throttle *t);
/* Counts an attempt refused while the pair waits. */
enum kerr	db_login_refused(const char *reqid, const char *email, const char *ip);
/* Records the pair's failures-th wrong password in a row, after which it waits wait seconds. */
enum kerr	db_login_failed(const char *reqid, const char *email, const char *ip,
		    long long failures, long long wait);
/* Forgets the pair: it signed in. */
enum kerr	db_login_cleared(const char *reqid, const char *email, const char *ip);
/* Forgets every pair of user_id's email, from any address: they have chosen a new password. */
enum kerr	db_login_clear_user(const char *reqid, long long user_id);
/* Deletes the rows of pairs whose failures are forgotten, outside any transaction. */
enum kerr	db_login_purge(const char *reqid);

/*
 * Appends to the audit log: who (the session's user, or user_id when
 * nonzero), action, the entity and its id, and before/after as JSON
 * (either may be NULL).
 */
enum kerr	db_audit(struct req *r, long long user_id, const char *action,
		    const char *entity, long long entity_id, const char *before,
		    const char *after);

/* s as a JSON string literal with quotes, in a, for audit rows; null for NULL s. */
const char	*json_str(struct arena *a, const char *s);

#endif
