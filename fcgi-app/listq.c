/* listq.c - the query string of the admin lists: parsed against allow-lists, and written back as links. */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "form.h"
#include "listq.h"
#include "valid.h"
#include "view.h"

enum kerr
listq_parse(struct listq *l, const struct params *q, const char *path,
    const char *const *sorts, const char *const *filters)
{
	const char *s;
	long long page;
	size_t i;

	memset(l, 0, sizeof(*l));
	l->path = path;
	l->sorts = sorts;
	l->filters = filters;
	l->page = 1;
	for (i = 0; filters[i] != NULL && i < LISTQ_MAXFILTERS; i++) {
		s = form_get(q, filters[i]);
		l->value[i] = s != NULL && *s != '\0' ? s : NULL;
	}
	if ((s = form_get(q, "sort")) != NULL) {
		for (i = 0; sorts[i] != NULL && strcmp(sorts[i], s) != 0; i++)
			continue;
		if (sorts[i] == NULL)
			return KERR_BADREQ;
		l->sort = (int)i;
	}
	if ((s = form_get(q, "dir")) != NULL) {
		if (strcmp(s, "desc") == 0)
			l->desc = 1;
		else if (strcmp(s, "asc") != 0)
			return KERR_BADREQ;
	}
	if ((s = form_get(q, "page")) != NULL) {
		if (valid_int_range(s, 1, LISTQ_MAXPAGE, &page) != KERR_OK)
			return KERR_BADREQ;
		l->page = page;
	}
	return KERR_OK;
}

const char *
listq_get(const struct listq *l, const char *name)
{
	size_t i;

	for (i = 0; l->filters[i] != NULL && i < LISTQ_MAXFILTERS; i++)
		if (strcmp(l->filters[i], name) == 0)
			return l->value[i];
	return NULL;
}

static void
param(struct buf *b, struct arena *a, int *first, const char *name,
    const char *value)
{
	buf_putc(b, *first ? '?' : '&');
	*first = 0;
	buf_puts(b, form_urlencode(a, name));
	buf_putc(b, '=');
	buf_puts(b, form_urlencode(a, value));
}

char *
listq_href(struct arena *a, const struct listq *l, int sort, int desc,
    long long page)
{
	struct buf b;
	int first = 1;
	size_t i;

	buf_init(&b, a, 128);
	buf_puts(&b, l->path);
	for (i = 0; l->filters[i] != NULL && i < LISTQ_MAXFILTERS; i++)
		if (l->value[i] != NULL)
			param(&b, a, &first, l->filters[i], l->value[i]);
	if (sort != 0 || desc) {
		param(&b, a, &first, "sort", l->sorts[sort]);
		param(&b, a, &first, "dir", desc ? "desc" : "asc");
	}
	if (page > 1)
		param(&b, a, &first, "page", arena_printf(a, "%lld", page));
	return b.data;
}

char *
listq_like(struct arena *a, const char *s)
{
	struct buf b;

	buf_init(&b, a, strlen(s) * 2 + 3);
	buf_putc(&b, '%');
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '!')
			buf_putc(&b, '!');
		buf_putc(&b, *s);
	}
	buf_putc(&b, '%');
	return b.data;
}

long long
listq_offset(const struct listq *l, long long per)
{
	return (l->page - 1) * per;
}

struct vobj *
listq_view(struct vobj *v, struct arena *a, const struct listq *l,
    long long total, long long per)
{
	long long pages = total > 0 ? (total + per - 1) / per : 1;
	struct vobj *p;
	int i;

	for (i = 0; l->sorts[i] != NULL; i++) {
		vobj_str(v, arena_printf(a, "sort_%s_href", l->sorts[i]),
		    listq_href(a, l, i, i == l->sort ? !l->desc : 0, 1));
		vobj_str(v, arena_printf(a, "sort_%s_aria", l->sorts[i]),
		    i != l->sort ? NULL : l->desc ? "descending" : "ascending");
	}
	p = vobj_obj(v, "pager");
	vobj_int(p, "total", total);
	vobj_int(p, "page", l->page);
	vobj_int(p, "pages", pages);
	vobj_bool(p, "several", pages > 1);
	vobj_int(p, "from", total > 0 ? listq_offset(l, per) + 1 : 0);
	vobj_int(p, "to", listq_offset(l, per) + per < total ?
	    listq_offset(l, per) + per : total);
	vobj_str(p, "prev_href", l->page > 1 ? listq_href(a, l, l->sort,
	    l->desc, l->page - 1 < pages ? l->page - 1 : pages) : NULL);
	vobj_str(p, "next_href", l->page < pages ? listq_href(a, l, l->sort,
	    l->desc, l->page + 1) : NULL);
	return p;
}
