/* route.h - the URL table that maps a method and a path pattern to a handler and who may use it. */
#ifndef KPP_ROUTE_H
#define KPP_ROUTE_H

#include "http/req.h"

/* Route flags. */
#define ROUTE_NOSESSION	0x1	/* never touches the session (health checks) */
#define ROUTE_UPLOAD	0x2	/* a POST that takes multipart/form-data with files (upload.h) */
/*
 * Sets no cookie for an anonymous visitor: the page posts no form for
 * them (its language switch is then a GET form, templates/_head.html),
 * so it needs no pre-session CSRF token (the public register).
 */
#define ROUTE_COOKIELESS 0x4

struct route {
	enum method	 method;
	const char	*pattern;	/* "/applications/{id}": {x} captures one segment */
	int		(*handler)(struct req *);
	unsigned	 may;		/* MAY_* bits */
	unsigned	 flags;
};

/* The table, in the order patterns are tried (pages/routes.c, which names every page). */
extern const struct route routes[];
extern const size_t nroutes;

/*
 * Finds the route for method and path, storing the captured segments in
 * args (NULL when they are not wanted). Returns the route; NULL with *e = KERR_NOTFOUND when no pattern
 * matches, or KERR_METHOD when one matches with another method (then
 * *allow names the methods that would do, e.g. "GET, HEAD").
 */
const struct route *route_find(enum method method, const char *path,
		    const char *args[REQ_MAXARGS], struct arena *a,
		    enum kerr *e, const char **allow);

#endif
