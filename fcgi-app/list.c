/* list.c - the admin lists' query strings (allow-listed), their links, headings, filters and pages. */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fmt.h"
#include "form.h"
#include "i18n.h"
#include "list.h"
#include "req.h"
#include "rules.h"
#include "valid.h"
#include "view.h"

#define ID_MAX	4294967295LL	/* INT UNSIGNED, the ids' type */

static int
country_ok(const char *s)
{
	return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
	    s[1] <= 'Z';
}

enum kerr
list_query_parse(const struct req *r, const struct list_spec *s,
    struct list_query *q)
{
	const char *v, *dir;
	long long n;
	size_t i, k;

	memset(q, 0, sizeof(*q));
	for (i = 0; i < s->nfilters && i < LIST_MAXFILTERS; i++) {
		const struct list_filter *f = &s->filters[i];

		if ((v = req_query(r, f->name)) == NULL || *v == '\0')
			continue;
		switch (f->kind) {
		case LF_ID:
			if (valid_int_range(v, 1, ID_MAX, &n) != KERR_OK)
				return KERR_BADREQ;
			/* Canonical, so that "04" selects the option "4". */
			q->val[i] = arena_printf(r->a, "%lld", n);
			break;
		case LF_COUNTRY:
			if (!country_ok(v))
				return KERR_BADREQ;
			q->val[i] = v;
			break;
		default:
			for (k = 0; k < f->nvalues; k++)
				if (strcmp(v, f->values[k]) == 0)
					break;
			if (k == f->nvalues)
				return KERR_BADREQ;
			q->val[i] = f->values[k];
			break;
		}
	}
	q->col = s->default_col;
	q->desc = s->default_desc;
	if ((v = req_query(r, "sort")) != NULL && *v != '\0') {
		for (k = 0; k < s->ncols; k++)
			if (strcmp(v, s->cols[k].key) == 0)
				break;
		if (k == s->ncols)
			return KERR_BADREQ;
		q->col = k;
		/* A column chosen without a direction sorts ascending, as its link does at first. */
		q->desc = 0;
	}
	if ((dir = req_query(r, "dir")) != NULL && *dir != '\0') {
		if (strcmp(dir, "asc") == 0)
			q->desc = 0;
		else if (strcmp(dir, "desc") == 0)
			q->desc = 1;
		else
			return KERR_BADREQ;
	}
	q->page = 1;
	if ((v = req_query(r, "page")) != NULL && *v != '\0' &&
	    valid_int_range(v, 1, LIST_MAXPAGE, &q->page) != KERR_OK)
		return KERR_BADREQ;
	return KERR_OK;
}

int
list_variant(const struct req *r, const struct list_spec *s,
    const struct list_query *q)
{
	return s->cols[q->col].variant[r->lang];
}

char *
list_href(struct req *r, const struct list_spec *s, const struct list_query *q,
    const char *suffix)
{
	struct buf b;
	char sep = '?';
	size_t i;

	buf_init(&b, r->a, 128);
	buf_puts(&b, s->path);
	buf_puts(&b, suffix);
	for (i = 0; i < s->nfilters && i < LIST_MAXFILTERS; i++) {
		if (q->val[i] == NULL)
			continue;
		buf_printf(&b, "%c%s=%s", sep, s->filters[i].name,
		    form_urlencode(r->a, q->val[i]));
		sep = '&';
	}
	if (q->col != s->default_col || q->desc != s->default_desc) {
		buf_printf(&b, "%csort=%s&dir=%s", sep, s->cols[q->col].key,
		    q->desc ? "desc" : "asc");
		sep = '&';
	}
	if (*suffix == '\0' && q->page > 1)
		buf_printf(&b, "%cpage=%lld", sep, q->page);
	return b.data;
}

static void
view_paging(struct req *r, const struct list_spec *s, const struct list_query *q,
    long long total)
{
	long long pages = (total + LIST_PAGE_SIZE - 1) / LIST_PAGE_SIZE;
	long long from = (q->page - 1) * LIST_PAGE_SIZE + 1;
	long long to = q->page * LIST_PAGE_SIZE < total ? q->page * LIST_PAGE_SIZE : total;
	struct vobj *p = vobj_obj(r->view, "paging");
	struct list_query o = *q;

	vobj_str(p, "total", fmt_number(r->a, total, r->lang));
	if (from <= total)
		vobj_str(p, "showing", rules_fill(r->a, i18n_tr(r->lang,
		    N_("Showing {from} to {to} of {total}")), (const char *const []){
		    "from", fmt_number(r->a, from, r->lang),
		    "to", fmt_number(r->a, to, r->lang),
		    "total", fmt_number(r->a, total, r->lang), NULL }));
	if (pages > 1)
		vobj_str(p, "page_of", rules_fill(r->a, i18n_tr(r->lang,
		    N_("Page {page} of {pages}")), (const char *const []){
		    "page", fmt_number(r->a, q->page, r->lang),
		    "pages", fmt_number(r->a, pages, r->lang), NULL }));
	if (q->page > 1) {
		/* Past the end (a bookmark of a list that shrank), back to its last page. */
		o.page = q->page - 1 <= pages ? q->page - 1 : pages > 0 ? pages : 1;
		vobj_str(p, "prev_href", list_href(r, s, &o, ""));
	}
	if (q->page < pages) {
		o.page = q->page + 1;
		vobj_str(p, "next_href", list_href(r, s, &o, ""));
	}
	vobj_bool(p, "links", q->page > 1 || q->page < pages);
}

void
list_view(struct req *r, const struct list_spec *s, const struct list_query *q,
    long long total, struct vobj *sel[LIST_MAXFILTERS])
{
	struct list_query o = *q;
	struct vobj *v = r->view, *c;
	size_t i;

	for (i = 0; i < s->ncols; i++) {
		c = vobj_push(v, "cols");
		vobj_str(c, "head", i18n_tr(r->lang, s->cols[i].head));
		vobj_bool(c, "num", s->cols[i].num);
		o.col = i;
		o.desc = i == q->col ? !q->desc : 0;
		o.page = 1;
		vobj_str(c, "href", list_href(r, s, &o, ""));
		if (i == q->col)
			vobj_str(c, "sorted", q->desc ? "descending" : "ascending");
	}
	for (i = 0; i < s->nfilters && i < LIST_MAXFILTERS; i++) {
		sel[i] = vobj_push(v, "filters");
		vobj_str(sel[i], "id", s->filters[i].name);
		vobj_str(sel[i], "label", i18n_tr(r->lang, s->filters[i].label));
		vobj_str(sel[i], "none", i18n_tr(r->lang, N_("All")));
	}
	vobj_str(v, "sort", s->cols[q->col].key);
	vobj_str(v, "dir", q->desc ? "desc" : "asc");
	vobj_str(v, "list_path", s->path);
	vobj_str(v, "csv_href", list_href(r, s, q, ".csv"));
	vobj_str(v, "xlsx_href", list_href(r, s, q, ".xlsx"));
	vobj_bool(v, "has_rows", total > 0 && (q->page - 1) * LIST_PAGE_SIZE < total);
	/* A bookmarked page of a list that has shrunk since: the paging links lead back. */
	vobj_bool(v, "past_end", q->page > 1 && (q->page - 1) * LIST_PAGE_SIZE >= total);
	view_paging(r, s, q, total);
}

void
list_view_option(struct vobj *sel, const struct list_query *q, size_t filter,
    const char *value, const char *label)
{
	struct vobj *o = vobj_push(sel, "opts");

	vobj_str(o, "value", value);
	vobj_str(o, "label", label != NULL ? label : value);
	vobj_bool(o, "selected", q->val[filter] != NULL &&
	    strcmp(q->val[filter], value) == 0);
}

void
list_view_count(struct req *r, const struct list_spec *s,
    const struct list_query *q, const char *value, const char *label,
    long long n)
{
	struct list_query o = *q;
	struct vobj *c = vobj_push(r->view, "counts");
	const char *cur = q->val[s->status_filter];

	o.val[s->status_filter] = value;
	o.page = 1;
	vobj_str(c, "status", value != NULL ? value : "all");
	vobj_str(c, "label", label);
	vobj_str(c, "n", fmt_number(r->a, n, r->lang));
	vobj_str(c, "href", list_href(r, s, &o, ""));
	vobj_bool(c, "current", value == NULL ? cur == NULL :
	    cur != NULL && strcmp(cur, value) == 0);
}
