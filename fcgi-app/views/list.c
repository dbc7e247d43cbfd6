/* list.c - the admin lists' query strings (allow-listed), their links, headings, filter form and pager. */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db.h"
#include "db/db_list.h"
#include "domain/labels.h"
#include "domain/rules.h"
#include "domain/valid.h"
#include "http/form.h"
#include "http/req.h"
#include "views/list.h"
#include "views/page.h"
#include "views/view.h"

#define ID_MAX	4294967295LL	/* INT UNSIGNED, the ids' type */

static int
country_ok(const char *s)
{
	return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
	    s[1] <= 'Z';
}

static int
code_ok(const char *s)
{
	size_t n = strlen(s);

	return n <= LIST_CODE_MAX &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_.") == n;
}

void
list_query_default(const struct list_spec *s, struct list_query *q)
{
	memset(q, 0, sizeof(*q));
	q->col = s->default_col;
	q->desc = s->default_desc;
	q->page = 1;
}

/* Reads filter f's value v into *out (NULL: all). Returns KERR_OK or KERR_BADREQ. */
static enum kerr
filter_read(struct req *r, const struct list_filter *f, const char *v,
    const char **out)
{
	long long n;
	size_t k;

	*out = NULL;
	switch (f->kind) {
	case LF_ID:
		if (valid_int_range(v, 1, ID_MAX, &n) != KERR_OK)
			return KERR_BADREQ;
		/* Canonical, so that "04" selects the option "4". */
		*out = arena_printf(r->a, "%lld", n);
		return KERR_OK;
	case LF_COUNTRY:
		if (!country_ok(v))
			return KERR_BADREQ;
		break;
	case LF_CODE:
		if (!code_ok(v))
			return KERR_BADREQ;
		break;
	case LF_TEXT:
		v = form_trim(r->a, v);
		if (utf8_chars(v) > LIST_TEXT_MAX)
			return KERR_BADREQ;
		/* Only spaces: no filter, as an empty field. */
		if (*v == '\0')
			return KERR_OK;
		break;
	default:
		for (k = 0; k < f->nvalues; k++)
			if (strcmp(v, f->values[k]) == 0)
				break;
		if (k == f->nvalues)
			return KERR_BADREQ;
		v = f->values[k];
		break;
	}
	*out = v;
	return KERR_OK;
}

enum kerr
list_query_parse(struct req *r, const struct list_spec *s, struct list_query *q)
{
	const char *v, *dir;
	size_t i, k;

	list_query_default(s, q);
	for (i = 0; i < s->nfilters && i < LIST_MAXFILTERS; i++)
		if ((v = req_query(r, s->filters[i].name)) != NULL && *v != '\0' &&
		    filter_read(r, &s->filters[i], v, &q->val[i]) != KERR_OK)
			return KERR_BADREQ;
	if (s->ncols > 0 && (v = req_query(r, "sort")) != NULL && *v != '\0') {
		for (k = 0; k < s->ncols; k++)
			if (s->cols[k].key != NULL && strcmp(v, s->cols[k].key) == 0)
				break;
		if (k == s->ncols)
			return KERR_BADREQ;
		q->col = k;
		/* A column chosen without a direction sorts ascending, as its link does at first. */
		q->desc = 0;
	}
	if (s->ncols > 0 && (dir = req_query(r, "dir")) != NULL && *dir != '\0') {
		if (strcmp(dir, "asc") == 0)
			q->desc = 0;
		else if (strcmp(dir, "desc") == 0)
			q->desc = 1;
		else
			return KERR_BADREQ;
	}
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

long long
list_offset(const struct list_query *q)
{
	return (q->page - 1) * LIST_PAGE_SIZE;
}

char *
list_like(struct arena *a, const char *s)
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
	if (s->ncols > 0 && (q->col != s->default_col || q->desc != s->default_desc)) {
		buf_printf(&b, "%csort=%s&dir=%s", sep, s->cols[q->col].key,
		    q->desc ? "desc" : "asc");
		sep = '&';
	}
	if (*suffix == '\0' && q->page > 1)
		buf_printf(&b, "%cpage=%lld", sep, q->page);
	return b.data;
}

const char *
list_showing(struct req *r, const struct list_spec *s, const struct list_query *q,
    long long total)
{
	long long from = list_offset(q) + 1;
	long long to = q->page * LIST_PAGE_SIZE < total ? q->page * LIST_PAGE_SIZE : total;

	if (from > total)
		return NULL;
	return rules_fill(r->a, i18n_tr(r->lang, s->showing != NULL ? s->showing :
	    N_("Showing {from} to {to} of {total}")), (const char *const []){
	    "from", fmt_number(r->a, from, r->lang),
	    "to", fmt_number(r->a, to, r->lang),
	    "total", fmt_number(r->a, total, r->lang), NULL });
}

void
list_view_paging(struct req *r, const struct list_spec *s,
    const struct list_query *q, long long total)
{
	long long pages = (total + LIST_PAGE_SIZE - 1) / LIST_PAGE_SIZE;
	struct vobj *p = vobj_obj(r->view, "paging");
	struct list_query o = *q;

	vobj_str(p, "showing", list_showing(r, s, q, total));
	vobj_str(p, "page_of", pages < 2 ? NULL : rules_fill(r->a, i18n_tr(r->lang,
	    N_("Page {page} of {pages}")), (const char *const []){
	    "page", fmt_number(r->a, q->page, r->lang),
	    "pages", fmt_number(r->a, pages, r->lang), NULL }));
	vobj_str(p, "prev_href", NULL);
	vobj_str(p, "next_href", NULL);
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
	const struct list_filter *f;
	struct list_query o = *q;
	struct vobj *v = r->view, *c;
	int filtered = 0;
	size_t i;

	for (i = 0; i < s->ncols; i++) {
		c = vobj_push(v, "cols");
		vobj_str(c, "head", i18n_tr(r->lang, s->cols[i].head));
		vobj_bool(c, "num", s->cols[i].num);
		vobj_bool(c, "hidden", s->cols[i].hidden);
		vobj_str(c, "href", NULL);
		vobj_str(c, "sorted", NULL);
		if (s->cols[i].key == NULL)
			continue;
		o.col = i;
		o.desc = i == q->col ? !q->desc : 0;
		o.page = 1;
		vobj_str(c, "href", list_href(r, s, &o, ""));
		if (i == q->col)
			vobj_str(c, "sorted", q->desc ? "descending" : "ascending");
	}
	for (i = 0; i < s->nfilters && i < LIST_MAXFILTERS; i++) {
		f = &s->filters[i];
		c = vobj_push(v, "filters");
		if (f->kind == LF_TEXT) {
			vobj_bool(c, "select", 0);
			sel[i] = page_input(r, c, "field", f->name,
			    i18n_tr(r->lang, f->label), NULL, q->val[i], NULL);
			vobj_str(sel[i], "type", "search");
		} else {
			vobj_bool(c, "field", 0);
			sel[i] = page_select(r, c, "select", f->name,
			    i18n_tr(r->lang, f->label), NULL, i18n_tr(r->lang,
			    f->none != NULL ? f->none : N_("All")), NULL);
		}
		filtered |= q->val[i] != NULL;
	}
	vobj_bool(v, "filtered", filtered);
	if (s->ncols > 0) {
		vobj_str(v, "sort", s->cols[q->col].key);
		vobj_str(v, "dir", q->desc ? "desc" : "asc");
	}
	vobj_str(v, "list_path", s->path);
	if (s->downloads) {
		vobj_bool(v, "downloads", 1);
		vobj_str(v, "csv_href", list_href(r, s, q, ".csv"));
		vobj_str(v, "xlsx_href", list_href(r, s, q, ".xlsx"));
	}
	vobj_bool(v, "has_rows", total > 0 && list_offset(q) < total);
	/* A bookmarked page of a list that has shrunk since: the paging links lead back. */
	vobj_bool(v, "past_end", q->page > 1 && list_offset(q) >= total);
	list_view_paging(r, s, q, total);
}

void
list_view_option(struct vobj *sel, const struct list_query *q, size_t filter,
    const char *value, const char *label)
{
	page_option(sel, value, label != NULL ? label : value,
	    q->val[filter] != NULL && strcmp(q->val[filter], value) == 0);
}

void
list_view_options(const struct list_query *q, struct vobj *sel, size_t filter,
    const struct db_option *o, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (o[i].value != NULL)
			list_view_option(sel, q, filter, o[i].value, o[i].label);
}

void
list_view_words(struct req *r, const struct list_query *q, struct vobj *sel,
    size_t filter, const char *const *codes, size_t n,
    const char *(*words)(enum lang, const char *))
{
	size_t i;

	for (i = 0; i < n && codes[i] != NULL; i++)
		list_view_option(sel, q, filter, codes[i], words(r->lang, codes[i]));
}

void
list_view_codes(struct req *r, const struct list_query *q, struct vobj *sel,
    size_t filter, const char *const *codes, size_t n)
{
	list_view_words(r, q, sel, filter, codes, n, label);
}

void
list_view_count(struct req *r, const struct list_spec *s,
    const struct list_query *q, const char *value, const char *label,
    long long n)
{
	struct list_query o = *q;
	struct vobj *c = vobj_push(r->view, "counts");
	const char *cur = q->val[s->status_filter];

	vobj_bool(r->view, "has_counts", 1);
	o.val[s->status_filter] = value;
	o.page = 1;
	vobj_str(c, "status", value != NULL ? value : "all");
	vobj_str(c, "label", label);
	vobj_str(c, "n", fmt_number(r->a, n, r->lang));
	vobj_str(c, "href", list_href(r, s, &o, ""));
	vobj_bool(c, "current", value == NULL ? cur == NULL :
	    cur != NULL && strcmp(cur, value) == 0);
}

long long
list_view_counts(struct req *r, const struct list_spec *s, const struct list_query *q,
    const struct list_count *counts, size_t ncounts, const char *const *statuses, size_t nstatuses,
    const char *(*words)(enum lang, const char *))
{
	long long all = 0, n, total;
	size_t i, k;

	for (k = 0; k < ncounts; k++)
		all += counts[k].n;
	total = q->val[s->status_filter] == NULL ? all : 0;
	list_view_count(r, s, q, NULL, i18n_tr(r->lang, N_("All")), all);
	for (i = 0; i < nstatuses; i++) {
		for (n = 0, k = 0; k < ncounts; k++)
			if (strcmp(counts[k].status, statuses[i]) == 0)
				n = counts[k].n;
		list_view_count(r, s, q, statuses[i], words(r->lang, statuses[i]), n);
		if (q->val[s->status_filter] != NULL &&
		    strcmp(q->val[s->status_filter], statuses[i]) == 0)
			total = n;
	}
	return total;
}
