/* page.c - pieces of the pages' views: a list's pager, links, form fields and a budget for the shared partials; checks of what a path or a form names. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "domain/labels.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/form.h"
#include "http/req.h"
#include "views/page.h"
#include "views/view.h"

const char *
tr(const struct req *r, const char *msgid)
{
	return i18n_tr(r->lang, msgid);
}

const char *
page_app_path(struct req *r, long long id, const char *rest)
{
	return arena_printf(r->a, "/applications/%lld%s", id, rest);
}

const char *
page_app_title(struct req *r, const char *sv, const char *en, long long id)
{
	return page_app_title_in(r->a, r->lang, sv, en, id);
}

const char *
page_app_title_in(struct arena *a, enum lang l, const char *sv, const char *en, long long id)
{
	const char *t = i18n_pick(l, sv, en);

	if (rules_blank(t))
		t = rules_blank(sv) ? en : sv;
	return !rules_blank(t) ? t : arena_printf(a, "%s %lld",
	    i18n_tr(l, N_("Untitled application")), id);
}

int
page_host_ok(const char *h)
{
	size_t n;

	if (h == NULL || *h == '\0' || strlen(h) > 255)
		return 0;
	if (*h == '[') {
		n = 1 + strspn(h + 1, "0123456789abcdefABCDEF:.");
		if (n == 1 || h[n] != ']')
			return 0;
		n++;
	} else if ((n = strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789.-")) == 0 || h[0] == '.' || h[0] == '-')
		return 0;
	if (h[n] == '\0')
		return 1;
	return h[n] == ':' && h[n + 1] != '\0' &&
	    strspn(h + n + 1, "0123456789") == strlen(h + n + 1) &&
	    strlen(h + n + 1) <= 5;
}

const char *
page_url(struct req *r, const char *path)
{
	if (!page_host_ok(r->host))
		return path;
	return arena_printf(r->a, "%s://%s%s", r->https || app.conf.secure_cookies ?
	    "https" : "http", r->host, path);
}

void
view_days(struct req *r, struct vobj *o, long long days)
{
	if (days < 0)
		vobj_bool(o, "overdue", 1);
	vobj_str(o, "days", fmt_days(r->a, days, r->lang));
}

unsigned
page_version(const char *s)
{
	long long v;

	return valid_int_range(s, 1, 4294967295LL, &v) == KERR_OK ?
	    (unsigned)v : 0;
}

int
page_index(const char *const *list, const char *s)
{
	int i;

	for (i = 0; s != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

int
page_token_ok(const char *s)
{
	return s != NULL && strlen(s) == 64 &&
	    strspn(s, "0123456789abcdef") == 64;
}

/* The ids of the hint and the error a control is described by, or NULL. */
static const char *
described(struct req *r, const char *id, const char *hint_suffix,
    const char *hint, const char *error)
{
	if (hint != NULL && error != NULL)
		return arena_printf(r->a, "%s%s %s-error", id, hint_suffix, id);
	if (hint != NULL)
		return arena_printf(r->a, "%s%s", id, hint_suffix);
	if (error != NULL)
		return arena_printf(r->a, "%s-error", id);
	return NULL;
}

struct vobj *
page_input(struct req *r, struct vobj *parent, const char *key, const char *id,
    const char *label, const char *hint, const char *value, const char *error)
{
	struct vobj *o = vobj_push(parent, key);

	vobj_str(o, "id", id);
	vobj_str(o, "name", id);
	vobj_str(o, "label", label);
	vobj_str(o, "hint", hint);
	vobj_str(o, "error", error);
	vobj_str(o, "value", value != NULL ? value : "");
	vobj_str(o, "describedby", described(r, id, "-hint", hint, error));
	vobj_bool(o, "textarea", 0);
	vobj_int(o, "rows", 0);
	vobj_str(o, "type", "text");
	vobj_str(o, "width", "");
	vobj_str(o, "lang", NULL);
	vobj_str(o, "autocomplete", NULL);
	vobj_bool(o, "numeric", 0);
	vobj_str(o, "maxlength", NULL);
	vobj_bool(o, "visually_hidden_label", 0);
	return o;
}

struct vobj *
page_textarea(struct vobj *field, int rows, int maxlength)
{
	vobj_bool(field, "textarea", 1);
	vobj_int(field, "rows", rows);
	vobj_strf(field, "maxlength", "%d", maxlength);
	return field;
}

struct vobj *
page_select(struct req *r, struct vobj *parent, const char *key, const char *id,
    const char *label, const char *hint, const char *none, const char *error)
{
	struct vobj *o = vobj_push(parent, key);

	vobj_str(o, "id", id);
	vobj_str(o, "label", label);
	vobj_str(o, "hint", hint);
	vobj_str(o, "error", error);
	vobj_str(o, "describedby", described(r, id, "-hint", hint, error));
	vobj_str(o, "none", none);
	vobj_bool(o, "visually_hidden_label", 0);
	vobj_bool(o, "opts", 0);
	vobj_bool(o, "groups", 0);
	return o;
}

void
page_option(struct vobj *select, const char *value, const char *label,
    int selected)
{
	struct vobj *o = vobj_push(select, "opts");

	vobj_str(o, "value", value);
	vobj_str(o, "label", label);
	vobj_bool(o, "selected", selected);
}

struct vobj *
page_group(struct vobj *select, const char *label)
{
	struct vobj *o = vobj_push(select, "groups");

	vobj_str(o, "label", label);
	return o;
}

struct vobj *
page_choices(struct req *r, struct vobj *parent, const char *key,
    const char *kind, const char *id, const char *name, const char *legend,
    const char *hint, const char *error)
{
	struct vobj *o = vobj_push(parent, key);

	vobj_str(o, "key", id);
	vobj_str(o, "kind", kind);
	vobj_str(o, "name", name);
	vobj_str(o, "legend", legend);
	vobj_str(o, "hint", hint);
	vobj_str(o, "error", error);
	vobj_str(o, "describedby", described(r, id, "-legend-hint", hint, error));
	vobj_bool(o, "items", 0);
	return o;
}

void
page_choice(struct vobj *choices, const char *id, const char *value,
    const char *label, const char *hint, int checked)
{
	struct vobj *o = vobj_push(choices, "items");

	vobj_str(o, "id", id);
	vobj_str(o, "value", value);
	vobj_str(o, "label", label);
	vobj_str(o, "item_hint", hint);
	vobj_bool(o, "checked", checked);
}

/* ---- a posted form's problems and what it kept as typed ---------------------------------------------- */

void
page_problem(struct page_form *f, const char *id, const char *text)
{
	if (f->quiet || f->nerr == PAGE_ERRORS_MAX)
		return;
	f->err[f->nerr].field = id;
	f->err[f->nerr].section = f->sec;
	f->err[f->nerr].text = text;
	f->nerr++;
}

const char *
page_problems(const struct page_form *f, const char *id)
{
	const char *out = NULL;
	size_t i;

	for (i = 0; i < f->nerr; i++)
		if (strcmp(f->err[i].field, id) == 0)
			out = out == NULL ? f->err[i].text :
			    arena_printf(f->a, "%s. %s", out, f->err[i].text);
	return out;
}

void
page_keep(struct page_form *f, const char *id, const char *typed)
{
	if (f->nkept < PAGE_KEPT_MAX) {
		f->kept[f->nkept].id = id;
		f->kept[f->nkept].value = typed;
		f->nkept++;
	}
}

const char *
page_kept(const struct page_form *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->nkept; i++)
		if (strcmp(f->kept[i].id, id) == 0)
			return f->kept[i].value;
	return NULL;
}

const char *
page_too_long(struct req *r, const char *s, size_t max)
{
	size_t n = utf8_chars(s);

	if (n <= max)
		return NULL;
	return rules_fill(r->a, i18n_tr(r->lang,
	    N_("Enter at most {max} characters; you have entered {n}")),
	    (const char *const []){ "max", fmt_number(r->a, (long long)max, r->lang),
	    "n", fmt_number(r->a, (long long)n, r->lang), NULL });
}

const char *
page_read_text(struct req *r, struct page_form *f, const char *id)
{
	const char *s = req_form(r, id), *msg = page_too_long(r, s, PAGE_TEXT_MAX);

	if (msg != NULL)
		page_problem(f, id, msg);
	return rules_blank(s) ? NULL : s;
}

void
page_read_amount(struct req *r, struct page_form *f, const char *id,
    const char *what, long long *out)
{
	const char *s = req_form(r, id), *msg = NULL;
	long long v;

	if (rules_blank(s)) {
		*out = -1;
		return;
	}
	if (valid_amount(s, &v) != KERR_OK)
		msg = N_("Enter the amount in whole kronor, such as 450 000");
	else if (v > PAGE_AMOUNT_MAX)
		msg = N_("Enter an amount of at most 100 000 000 kronor");
	if (msg == NULL) {
		*out = v;
		return;
	}
	page_problem(f, id, arena_printf(r->a, "%s: %s", what, i18n_tr(r->lang, msg)));
	page_keep(f, id, s);
}

/* ---- the budget part of a form ----------------------------------------------------------------------- */

const char *
page_years_words(struct req *r, int min, int max)
{
	if (min == max)
		return arena_printf(r->a, "%d %s", min,
		    i18n_tr(r->lang, min == 1 ? N_("year") : N_("years")));
	return arena_printf(r->a, "%d–%d %s", min, max, i18n_tr(r->lang, N_("years")));
}

const char *
page_amount_words(struct req *r, long long min, long long max)
{
	if (min <= 0)
		return arena_printf(r->a, "%s %s", i18n_tr(r->lang, N_("up to")),
		    fmt_amount(r->a, max, r->lang));
	if (min >= max)
		return fmt_amount(r->a, max, r->lang);
	return arena_printf(r->a, "%s – %s", fmt_amount(r->a, min, r->lang),
	    fmt_amount(r->a, max, r->lang));
}

const char *
page_budget_rule(struct req *r, const struct round *rd, int type,
    const struct country *c)
{
	const struct round_rule *u;

	if (type < 0 || type >= PT__MAX || !rd->rules[type].allowed || c == NULL)
		return NULL;
	u = &rd->rules[type];
	return rules_fill(r->a, i18n_tr(r->lang,
	    N_("For a {type} with a partner in {country}: {duration}, {amount} per year.")),
	    (const char *const []){ "type", label(r->lang, ptype_code[type]),
	    "country", i18n_pick(r->lang, c->name_sv, c->name_en),
	    "duration", page_years_words(r, u->min_years, u->max_years),
	    "amount", page_amount_words(r, u->min_amount, u->max_amount[c->region]),
	    NULL });
}

const char *
page_budget_label(struct req *r, const char *category, int y,
    const char *total_msgid)
{
	return arena_printf(r->a, "%s, %s %d", category != NULL ?
	    label(r->lang, category) : i18n_tr(r->lang, total_msgid),
	    i18n_tr(r->lang, N_("year")), y + 1);
}

/* An amount field of the budget table: as typed when it was no amount. */
static void
budget_cell(struct req *r, const struct page_form *f, struct vobj *parent,
    const char *list, const char *id, const char *lbl, long long n)
{
	struct vobj *c = vobj_push(parent, list);
	const char *kept = page_kept(f, id);

	vobj_str(c, "id", id);
	vobj_str(c, "cell_label", lbl);
	vobj_str(c, "value", kept != NULL ? kept : n >= 0 ?
	    fmt_number(r->a, n, r->lang) : "");
	vobj_str(c, "error", page_problems(f, id));
}

void
page_budget(struct req *r, const struct page_form *f, const struct round_rule *u,
    int years, const long long (*amount)[CAT__MAX], const long long *year_total,
    const char *row, const char *row_total, const char *total_msgid)
{
	struct vobj *v = r->view, *g, *o;
	long long ysum[MAX_YEARS], csum, total = 0, rowsum = 0;
	int y, k, lo = 1, hi = MAX_YEARS, ncols, first, any = 0, anyrow = 0;

	if (u != NULL) {
		lo = u->min_years;
		hi = u->max_years;
	}
	g = page_choices(r, v, "c_years", "radio", "years", "years",
	    i18n_tr(r->lang, N_("How many years will the project last?")), NULL,
	    page_problems(f, "years"));
	for (first = 1, y = 1; y <= MAX_YEARS; y++) {
		/* The round's choices, and the one made before if the rules have changed since. */
		if ((y < lo || y > hi) && y != years)
			continue;
		page_choice(g, first ? "years" : arena_printf(r->a, "years-%d", y),
		    arena_printf(r->a, "%d", y), y == 1 ? i18n_tr(r->lang, N_("1 year")) :
		    arena_printf(r->a, "%d %s", y, i18n_tr(r->lang, N_("years"))), NULL,
		    years == y);
		first = 0;
	}

	/* Every year the round allows, the one chosen, and any with an amount. */
	ncols = hi > years ? hi : years;
	for (y = ncols; y < MAX_YEARS; y++) {
		for (k = 0; k < CAT__MAX; k++)
			if (amount[y][k] >= 0)
				ncols = y + 1;
		if (year_total[y] >= 0)
			ncols = y + 1;
	}
	for (y = 0; y < ncols; y++) {
		vobj_int(vobj_push(v, "years_head"), "year", y + 1);
		ysum[y] = -1;
	}
	for (k = 0; k < CAT__MAX; k++) {
		o = vobj_push(v, "categories");
		vobj_str(o, "category", label(r->lang, category_code[k]));
		csum = -1;
		for (y = 0; y < ncols; y++) {
			long long n = amount[y][k];

			budget_cell(r, f, o, "cells", arena_printf(r->a, "amount-%d-%s",
			    y + 1, category_code[k]), page_budget_label(r,
			    category_code[k], y, total_msgid), n);
			if (n >= 0) {
				csum = (csum < 0 ? 0 : csum) + n;
				ysum[y] = (ysum[y] < 0 ? 0 : ysum[y]) + n;
			}
		}
		vobj_str(o, "total", csum >= 0 ? fmt_amount(r->a, csum, r->lang) : "–");
	}
	for (y = 0; y < ncols; y++) {
		vobj_str(vobj_push(v, "sums"), "sum", ysum[y] >= 0 ?
		    fmt_amount(r->a, ysum[y], r->lang) : "–");
		if (ysum[y] >= 0) {
			total += ysum[y];
			any = 1;
		}
		budget_cell(r, f, v, row, arena_printf(r->a, "amount-%d", y + 1),
		    page_budget_label(r, NULL, y, total_msgid), year_total[y]);
		if (year_total[y] >= 0) {
			rowsum += year_total[y];
			anyrow = 1;
		}
	}
	vobj_str(v, "sum_total", any ? fmt_amount(r->a, total, r->lang) : "–");
	vobj_str(v, row_total, anyrow ? fmt_amount(r->a, rowsum, r->lang) : "–");
}

/* The caller's organisation when confined to one, else 0 (ICLD sees all). */
long long
confined_org(const struct req *r)
{
	return r->sess->user.role == ROLE_APPLICANT ? r->sess->user.org_id : 0;
}

/* A path segment that must be a positive id; 0 when it is not. */
long long
path_id(const char *s)
{
	char *end;
	long long v;

	if (s == NULL || *s < '1' || *s > '9')
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' && v > 0 ? v : 0;
}

/* A language code fit for lang="": two or three lowercase letters; else NULL (none said). */
const char *
lang_ok(const char *s)
{
	size_t n = s != NULL ? strspn(s, "abcdefghijklmnopqrstuvwxyz") : 0;

	return (n == 2 || n == 3) && s[n] == '\0' ? s : NULL;
}

/* Project codes are <year>-<four digits>; anything else cannot name one. */
int
project_code_ok(const char *s)
{
	return s != NULL && strlen(s) == 9 && strspn(s, "0123456789") == 4 &&
	    s[4] == '-' && strspn(s + 5, "0123456789") == 4;
}

/* Emails compare without case and surrounding spaces, as people type them. */
char *
email_normalise(struct req *r, const char *s)
{
	size_t n;
	char *e, *p;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	e = arena_strndup(r->a, s, n);
	for (p = e; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return e;
}
