/* listq.h - an admin list's query string (filters, sort column and direction, page) and the links that change one of them. */
#ifndef KPP_LISTQ_H
#define KPP_LISTQ_H

#include <stddef.h>

#include "kerr.h"

struct arena;
struct params;
struct vobj;

#define LISTQ_MAXFILTERS	8
#define LISTQ_MAXPAGE		100000	/* far beyond any list here; keeps OFFSET small */

/*
 * What a list page was asked for: /organisations?side=swedish&q=bor&sort=name&dir=desc&page=2.
 * The filter values are as sent (NULL when absent or empty: a GET form's "all" option sends ""); the
 * caller checks each against its own allow-list. sorts and filters are NULL-terminated arrays of
 * string literals that must outlive the list (static tables).
 */
struct listq {
	const char		*path;
	const char *const	*sorts;
	const char *const	*filters;
	const char		*value[LISTQ_MAXFILTERS];
	int			 sort;		/* index in sorts */
	int			 desc;
	long long		 page;		/* from 1 */
};

/*
 * Reads the list's query q: each name in filters, "sort" (one of sorts; absent: the first), "dir"
 * ("asc" or "desc"; absent: asc) and "page" (a whole number from 1 to LISTQ_MAXPAGE; absent: 1).
 * Parameters of other names are ignored, so that a bookmark outlives a renamed filter. Returns
 * KERR_OK, or KERR_BADREQ for a sort, dir or page that is not one of those (the page answers 400).
 * The strings stay in q.
 */
enum kerr	 listq_parse(struct listq *l, const struct params *q, const char *path,
		    const char *const *sorts, const char *const *filters);

/* The value of filter name, or NULL when it is not set (or not one of the list's filters). */
const char	*listq_get(const struct listq *l, const char *name);

/*
 * The link to this list with its filters and the given sort, direction and page, in a: the path,
 * then the set filters in the order of filters, then sort and dir unless they are the defaults
 * (the first sort, ascending), then page unless it is 1; every name and value percent-encoded.
 */
char		*listq_href(struct arena *a, const struct listq *l, int sort, int desc,
		    long long page);

/*
 * A LIKE pattern, in a, that finds s anywhere in a text: '%', s with '%', '_' and '!' escaped by
 * '!', '%'. The statement says ESCAPE '!' (not the backslash, whose meaning depends on the
 * server's sql_mode).
 */
char		*listq_like(struct arena *a, const char *s);

/* The row the page starts at, for SQL's OFFSET, with per rows a page. */
long long	 listq_offset(const struct listq *l, long long per);

/*
 * For the template, in v: for each sort name s, "sort_<s>_href", the link that sorts by it
 * (ascending, or the other way when it is the column sorted by, from page 1), and
 * "sort_<s>_aria" ("ascending"/"descending" on the column sorted by, else absent: aria-sort);
 * and "pager", an object with "total", "page", "pages", "from", "to" (the rows shown, 1-based),
 * "prev_href" and "next_href" (absent at either end) and "several" (more than one page).
 * Returns the pager. Everything, keys included, is allocated in a.
 */
struct vobj	*listq_view(struct vobj *v, struct arena *a, const struct listq *l,
		    long long total, long long per);

#endif
