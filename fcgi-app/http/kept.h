/* kept.h - a form posted after its session lapsed, kept for its author until they sign in again. */
#ifndef KPP_KEPT_H
#define KPP_KEPT_H

#include "core/kerr.h"
#include "db/db_kept.h"

struct req;

#define KEPT_COOKIE	"kpp_kept"
#define KEPT_PATH	"/kept"		/* where signing in again leads (h_kept.c) */
#define KEPT_HOURS	24		/* a kept form's lifetime */
#define KEPT_PER_USER	5		/* forms kept for one person at the most; the oldest goes first */
#define KEPT_BYTES	(1024 * 1024)	/* the largest form kept: far above any form's text */

/*
 * Keeps the fields of r's form (which the lapsed session of user_id posted: loop.c has checked its
 * token) for user_id under a fresh token in the kpp_kept cookie, and sends the browser to sign in,
 * then to KEPT_PATH. A form with nothing in it but its token is not kept. Returns the status: 303,
 * 413 more than KEPT_BYTES, 503.
 */
int		kept_keep(struct req *r, long long user_id);

/*
 * The form kept in this browser (its cookie) for the signed-in person, and the hash it is kept
 * under: KERR_NOTFOUND when there is none, it expired, or it is someone else's.
 */
enum kerr	kept_find(struct req *r, unsigned char h[32], struct kept_post *k);

/* Deletes the form kept under h and the browser's cookie. */
enum kerr	kept_forget(struct req *r, const unsigned char h[32]);

#endif
