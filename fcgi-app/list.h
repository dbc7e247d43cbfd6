/* list.h - what the admin lists share: filters and sort read from the query string against allow-lists, links, paging. */
#ifndef KPP_LIST_H
#define KPP_LIST_H

#include <stddef.h>

#include "conf.h"
#include "kerr.h"

struct req;
struct vobj;

#define LIST_PAGE_SIZE	50
#define LIST_MAXFILTERS	8
#define LIST_MAXPAGE	1000000LL

/* What a filter's value may be. */
enum lfkind {
	LF_ID = 0,	/* a positive number (a round, theme or organisation id) */
	LF_COUNTRY,	/* two capital letters (an ISO 3166-1 code) */
	LF_ENUM,	/* one of values[] (a status, a project type) */
	LF__MAX
};

struct list_filter {
	const char		 *name;		/* query parameter, and the select's id: "round" */
	const char		 *label;	/* msgid of the select's label */
	enum lfkind		  kind;
	const char *const	 *values;	/* LF_ENUM: the values allowed */
	size_t			  nvalues;
};

struct list_col {
	const char	*key;			/* the sort parameter's value: "org" */
	const char	*head;			/* msgid of the column heading */
	int		 variant[LANG__MAX];	/* the data layer's sort (its enum) by reader language */
	int		 num;			/* right-aligned: amounts */
};

/* One list page: its path, filters and columns (in page order), its default order. */
struct list_spec {
	const char		*path;		/* "/inbox"; downloads are path + ".csv" / ".xlsx" */
	const struct list_filter *filters;
	size_t			 nfilters;
	const struct list_col	*cols;
	size_t			 ncols;
	size_t			 default_col;
	int			 default_desc;
	int			 status_filter;	/* index of the status filter in filters (the counts link to it) */
};

/* The query string of a list, as checked. */
struct list_query {
	const char	*val[LIST_MAXFILTERS];	/* each filter's value, canonical; NULL: all */
	size_t		 col;			/* sorted by cols[col] */
	int		 desc;
	long long	 page;			/* 1 first */
};

/*
 * Reads the filters, sort, dir and page parameters of r's query string
 * into q. An absent or empty parameter means all, or the default. Returns
 * KERR_OK, or KERR_BADREQ when any value is not on its allow-list: an
 * unknown sort column, direction, status or type, an id or page that is
 * not a positive number, a country that is not two capital letters. No
 * value ever reaches SQL but as a bound parameter. Other parameters are
 * ignored.
 */
enum kerr	 list_query_parse(const struct req *r, const struct list_spec *s,
		    struct list_query *q);

/* The data layer's sort for q's column in the reader's language. */
int		 list_variant(const struct req *r, const struct list_spec *s,
		    const struct list_query *q);

/*
 * The list's address (path + suffix: "" for the page, ".csv", ".xlsx")
 * with q's filters and order, and its page when suffix is "" and the page
 * is not the first: a bookmarkable view. Allocated from the arena.
 */
char		*list_href(struct req *r, const struct list_spec *s,
		    const struct list_query *q, const char *suffix);

/*
 * Sets the page's shared keys: "cols" (heading, link that sorts by it,
 * ascending first and the other way when it is the order already,
 * aria-sort on the sorted one), "filters" (each an _app_select object,
 * with its choices added by list_view_option()), "sort" and "dir" for the
 * filter form, the download links, and "paging" given the total number of
 * rows. Returns the filters' select objects in filter order in sel.
 */
void		 list_view(struct req *r, const struct list_spec *s,
		    const struct list_query *q, long long total,
		    struct vobj *sel[LIST_MAXFILTERS]);

/* Adds a choice to a filter's select box, selected when it is the filter's value. */
void		 list_view_option(struct vobj *sel, const struct list_query *q,
		    size_t filter, const char *value, const char *label);

/*
 * Adds one link of the count per status ("counts": label, n, href to the
 * list with that status and the other filters, current). value NULL is
 * the "All" link.
 */
void		 list_view_count(struct req *r, const struct list_spec *s,
		    const struct list_query *q, const char *value, const char *label,
		    long long n);

#endif
