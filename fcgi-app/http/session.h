/* session.h - signed-in sessions: created at sign-in, found by cookie, ended at sign-out or expiry. */
#ifndef KPP_SESSION_H
#define KPP_SESSION_H

#include "core/kerr.h"

struct req;

#define SESSION_COOKIE	"kpp_session"

/*
 * Finds the live session named by the request's cookie and fills r->sess
 * (left NULL when there is none, it expired, or its user was deactivated).
 * Returns KERR_OK, or KERR_DB when the database did not answer.
 */
enum kerr	session_load(struct req *r);

/*
 * For a request without a live session: the lapsed session its cookie names (idle too long, or past
 * its end), whose user it was in *user_id; its CSRF token becomes the one the request's form must
 * carry (r->lapsed_csrf, csrf_ok()). KERR_NOTFOUND when the cookie names none, else KERR_DB.
 */
enum kerr	session_lapsed(struct req *r, long long *user_id);

/*
 * Starts a session for user_id: stores its hashed token and sets the
 * cookie. Returns KERR_OK or KERR_DB.
 */
enum kerr	session_start(struct req *r, long long user_id);

/* Ends the request's session and clears the cookie. */
enum kerr	session_end(struct req *r);

#endif
