/* kerr.h - the error codes every fallible function in kpp returns. */
#ifndef KPP_KERR_H
#define KPP_KERR_H

enum kerr {
	KERR_OK = 0,
	KERR_NOTFOUND,    /* no such record, or not the caller's: 404 */
	KERR_FORBIDDEN,   /* signed in but not allowed, or CSRF failure: 403 */
	KERR_BADREQ,      /* malformed request: bad encoding, bad UTF-8: 400 */
	KERR_METHOD,      /* method not allowed on this path: 405 */
	KERR_TOOLARGE,    /* request body over the limit: 413 */
	KERR_INVALID,     /* well-formed input that breaks a rule: shown next to the field */
	KERR_CONFLICT,    /* stale version: someone else changed the record */
	KERR_DB,          /* database unreachable or timed out: 503 */
	KERR_NOMEM,       /* allocation failed */
	KERR_SYSTEM,      /* other internal failure: 500 */
	KERR__MAX
};

#endif
