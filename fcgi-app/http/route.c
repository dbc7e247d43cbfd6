/* route.c - finding the route of a request in the URL table (pages/routes.c). */
#include <string.h>

#include "core/arena.h"
#include "http/route.h"

/* Matches one pattern; captured segments point into a copy of path in the arena. */
static int
match(const char *pat, const char *path, const char *args[REQ_MAXARGS],
    struct arena *a)
{
	size_t nargs = 0, n;
	const char *end;

	while (*pat != '\0' && *path != '\0') {
		if (*pat == '{') {
			if ((pat = strchr(pat, '}')) == NULL)
				return 0;
			pat++;
			end = strchr(path, '/');
			n = end != NULL ? (size_t)(end - path) : strlen(path);
			if (n == 0 || nargs == REQ_MAXARGS)
				return 0;
			if (args != NULL)
				args[nargs] = arena_strndup(a, path, n);
			nargs++;
			path += n;
			continue;
		}
		if (*pat++ != *path++)
			return 0;
	}
	return *pat == '\0' && *path == '\0';
}

const struct route *
route_find(enum method method, const char *path,
    const char *args[REQ_MAXARGS], struct arena *a, enum kerr *e,
    const char **allow)
{
	enum method want = method == METHOD_HEAD ? METHOD_GET : method;
	int get = 0, post = 0;
	size_t i;

	for (i = 0; i < nroutes; i++) {
		if (routes[i].method == want &&
		    match(routes[i].pattern, path, args, a)) {
			*e = KERR_OK;
			return &routes[i];
		}
	}
	for (i = 0; i < nroutes; i++) {
		if (!match(routes[i].pattern, path, NULL, a))
			continue;
		if (routes[i].method == METHOD_GET)
			get = 1;
		else if (routes[i].method == METHOD_POST)
			post = 1;
	}
	*e = get || post ? KERR_METHOD : KERR_NOTFOUND;
	*allow = get && post ? "GET, HEAD, POST" : get ? "GET, HEAD" : "POST";
	return NULL;
}
