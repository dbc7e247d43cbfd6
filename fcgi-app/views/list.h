/* list.h - what the admin lists share: filters, sort and page read from the query string against allow-lists, links, headings, the filter form and the pager. */
#ifndef KPP_LIST_H
#define KPP_LIST_H

#include <stddef.h>

#include "core/i18n.h"
#include "core/kerr.h"

struct arena;
struct db_option;
struct list_count;
struct req;
struct vobj;

#define LIST_PAGE_SIZE	50
#define LIST_MAXFILTERS	8
#define LIST_MAXPAGE	1000000LL	/* far beyond any list here; keeps OFFSET small */
#define LIST_TEXT_MAX	200		/* characters of a typed filter */
#define LIST_CODE_MAX	64		/* bytes of an LF_CODE value */

/* What a filter's value may be. */
enum lfkind {
	LF_ID = 0,	/* a positive number (a round, theme or organisation id) */
	LF_COUNTRY,	/* two capital letters (an ISO 3166-1 code) */
	LF_ENUM,	/* one of values[] (a status, a project type) */
	LF_CODE,	/* lowercase ASCII letters, digits, '_' and '.': a code the handler checks against what it offers */
	LF_TEXT,	/* typed text (a search; a date the page explains beside its field), trimmed */
	LF__MAX
};

struct list_filter {
	const char		 *name;		/* query parameter, and the field's id: "round" */
	const char		 *label;	/* msgid of the field's label */
	enum lfkind		  kind;
	const char *const	 *values;	/* LF_ENUM: the values allowed */
	size_t			  nvalues;
	const char		 *none;		/* msgid of a select's empty choice; NULL: "All" */
};

struct list_col {
	const char	*key;			/* the sort parameter's value: "org"; NULL: the column does not sort */
	const char	*head;			/* msgid of the column heading */
	int		 variant[LANG__MAX];	/* the data layer's sort (its enum) by reader language */
	int		 num;			/* right-aligned: amounts */
	int		 hidden;		/* a heading for screen readers only (a column of buttons) */
};

/* One list page: its path, filters and columns (in page order), its default order. */
struct list_spec {
	const char		*path;		/* "/inbox" */
	const struct list_filter *filters;
	size_t			 nfilters;
	const struct list_col	*cols;		/* none: the list has one order, and sort and dir are not read */
	size_t			 ncols;
	size_t			 default_col;
	int			 default_desc;
	int			 downloads;	/* path + ".csv" and ".xlsx" serve the list */
	size_t			 status_filter;	/* with list_view_count(): the status filter's index */
	const char		*showing;	/* msgid with {from}, {to}, {total}; NULL: "Showing {from} to {to} of {total}" */
};

/* The query string of a list, as checked. */
struct list_query {
	const char	*val[LIST_MAXFILTERS];	/* each filter's value, canonical; NULL: all */
	size_t		 col;			/* sorted by cols[col] */
	int		 desc;
	long long	 page;			/* 1 first */
};

/* The list as it opens: no filter, the default order, the first page. */
void		 list_query_default(const struct list_spec *s, struct list_query *q);

/*
 * Reads the filters, sort, dir and page parameters of r's query string
 * into q. An absent or empty parameter means all, or the default. Returns
 * KERR_OK, or KERR_BADREQ when any value is not on its allow-list: an
 * unknown sort column, direction, status or type, an id or page that is
 * not a positive number, a country that is not two capital letters, a
 * code of other characters or longer than LIST_CODE_MAX, a text longer
 * than LIST_TEXT_MAX characters. No value ever reaches SQL but as a bound
 * parameter. Other parameters are ignored, so that a bookmark outlives a
 * renamed filter. Values are r's or in its arena.
 */
enum kerr	 list_query_parse(struct req *r, const struct list_spec *s,
		    struct list_query *q);

/* The data layer's sort for q's column in the reader's language. */
int		 list_variant(const struct req *r, const struct list_spec *s,
		    const struct list_query *q);

/* The row q's page starts at, for SQL's OFFSET. */
long long	 list_offset(const struct list_query *q);

/*
 * A LIKE pattern, in a, that finds s anywhere in a text: '%', s with '%',
 * '_' and '!' escaped by '!', '%'. The statement compares it with
 * DB_LIKE() (db.h), which says ESCAPE '!' (not the backslash, whose
 * meaning depends on the server's sql_mode).
 */
char		*list_like(struct arena *a, const char *s);

/*
 * The list's address (path + suffix: "" for the page, ".csv", ".xlsx")
 * with q's filters (in the spec's order, encoded) and its order unless it
 * is the default, and its page when suffix is "" and the page is not the
 * first: a bookmarkable view. Allocated from the arena.
 */
char		*list_href(struct req *r, const struct list_spec *s,
		    const struct list_query *q, const char *suffix);

/*
 * "Showing 51 to 100 of 135" in the reader's language (s->showing), or
 * NULL when q's page shows no row of total. In the arena.
 */
const char	*list_showing(struct req *r, const struct list_spec *s,
		    const struct list_query *q, long long total);

/*
 * Sets "paging" for _list_paging.html given the total number of rows:
 * showing (list_showing), page_of ("Page 2 of 3"), prev_href and
 * next_href with q's filters and order (a page past the end leads back to
 * the last one), links (whether there is either).
 */
void		 list_view_paging(struct req *r, const struct list_spec *s,
		    const struct list_query *q, long long total);

/*
 * Sets the page's shared keys: "cols" for _list_heads.html (heading, link
 * that sorts by it, ascending first and the other way when it is the
 * order already, aria-sort on the sorted one); "filters" for
 * _list_filters.html, each a "field" (LF_TEXT: a search box holding the
 * value) or a "select" with its choices added by list_view_option() or
 * list_view_codes(); "sort" and "dir" for the filter form, "filtered"
 * when any filter is set, the download links, "has_rows", "past_end"
 * (a page after the last) and "paging" (list_view_paging). Returns the
 * filters' objects in filter order in sel.
 */
void		 list_view(struct req *r, const struct list_spec *s,
		    const struct list_query *q, long long total,
		    struct vobj *sel[LIST_MAXFILTERS]);

/* Adds a choice to a filter's select box, selected when it is the filter's value. */
void		 list_view_option(struct vobj *sel, const struct list_query *q,
		    size_t filter, const char *value, const char *label);

/* Adds the choices the data layer read (n of them; an empty one, value NULL, is left out). */
void		 list_view_options(const struct list_query *q, struct vobj *sel, size_t filter,
		    const struct db_option *o, size_t n);

/* Adds codes (n of them, or up to a NULL) as choices, each in words (label()). */
void		 list_view_codes(struct req *r, const struct list_query *q,
		    struct vobj *sel, size_t filter, const char *const *codes, size_t n);

/* As list_view_codes(), each code in the words of words() (label_report() for a report's statuses). */
void		 list_view_words(struct req *r, const struct list_query *q,
		    struct vobj *sel, size_t filter, const char *const *codes, size_t n,
		    const char *(*words)(enum lang, const char *));

/*
 * Adds one link of the count per status ("counts": label, n, href to the
 * list with that status and the other filters, current; and "has_counts").
 * value NULL is the "All" link.
 */
void		 list_view_count(struct req *r, const struct list_spec *s,
		    const struct list_query *q, const char *value, const char *label,
		    long long n);

/*
 * The counts per status: "All" first, then each of statuses (nstatuses)
 * in words (words()), with how many counts[] (ncounts, from the data
 * layer, a status without rows absent) holds of it. Returns the total the
 * page is out of: all, or the count of the status filtered by.
 */
long long	 list_view_counts(struct req *r, const struct list_spec *s,
		    const struct list_query *q, const struct list_count *counts, size_t ncounts,
		    const char *const *statuses, size_t nstatuses,
		    const char *(*words)(enum lang, const char *));

#endif
