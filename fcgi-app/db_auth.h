/* db_auth.h - the statements behind sign-in: users, sessions, attempts, the audit log. */
#ifndef KPP_DB_AUTH_H
#define KPP_DB_AUTH_H

#include "kerr.h"
#include "req.h"

/*
 * The live session with token hash h, its user active and neither limit
 * passed: fills s (strings in r's arena) and sets *stale when its
 * last-seen time is worth refreshing. KERR_NOTFOUND when there is none.
 */
enum kerr	db_session_find(struct req *r, const unsigned char h[32],
		    struct session *s, int *stale);
enum kerr	db_session_touch(struct req *r, const unsigned char h[32]);
enum kerr	db_session_insert(struct req *r, const unsigned char h[32],
		    long long user_id, const char *csrf);
enum kerr	db_session_delete(struct req *r, const unsigned char h[32]);

/*
 * The account signing in with email (any case): its id, password hash and
 * whether it is active. KERR_NOTFOUND when there is no such account.
 */
enum kerr	db_user_for_login(struct req *r, const char *email, long long *id,
		    const char **hash, int *active);
enum kerr	db_user_set_lang(struct req *r, long long user_id, enum lang l);

/* Failed sign-ins in the throttle window, by account and by address. */
enum kerr	db_login_failures(struct req *r, const char *email, const char *ip,
		    long long *by_email, long long *by_ip);
enum kerr	db_login_record(struct req *r, const char *email, const char *ip,
		    int success);

/*
 * Appends to the audit log: who (the session's user, or user_id when
 * nonzero), action, the entity and its id, and before/after as JSON
 * (either may be NULL).
 */
enum kerr	db_audit(struct req *r, long long user_id, const char *action,
		    const char *entity, long long entity_id, const char *before,
		    const char *after);

/* s as a JSON string literal with quotes, in r's arena, for audit rows; null for NULL s. */
const char	*json_str(struct req *r, const char *s);

#endif
