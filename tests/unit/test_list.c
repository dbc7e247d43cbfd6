/* test_list.c - unit tests for list.c: an admin list's query string read against its allow-lists, its links, headings and pager; the filters' choices as db_options() reads them, and db_id_text(). */
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "http/form.h"
#include "http/req.h"
#include "unit.h"
#include "views/list.h"
#include "views/view.h"

static struct arena *A;

enum { F_SIDE, F_KIND, F_Q, F_ORG, F_COUNTRY, F_CODE, F__MAX };

static const char *const SIDES[] = { "swedish", "partner" };

static const struct list_filter FILTERS[F__MAX] = {
	[F_SIDE] = { "side", "Side", LF_ENUM, SIDES, 2, "Both" },
	[F_KIND] = { "kind", "Kind", LF_ENUM, (const char *const []){ "kommun", "region" }, 2, NULL },
	[F_Q] = { "q", "Name", LF_TEXT, NULL, 0, NULL },
	[F_ORG] = { "org", "Organisation", LF_ID, NULL, 0, NULL },
	[F_COUNTRY] = { "country", "Country", LF_COUNTRY, NULL, 0, NULL },
	[F_CODE] = { "action", "What", LF_CODE, NULL, 0, NULL },
};

enum { C_NAME, C_KIND, C_COUNTRY, C_NUMBER, C__MAX };

static const struct list_col COLS[C__MAX] = {
	[C_NAME] = { "name", "Name", { 10, 11 }, 0, 0 },
	[C_KIND] = { "kind", "Kind", { 20, 20 }, 0, 0 },
	[C_COUNTRY] = { "country", "Country", { 30, 31 }, 1, 0 },
	[C_NUMBER] = { NULL, "Number", { 0, 0 }, 0, 1 },
};

static const struct list_spec SPEC = {
	.path = "/organisations",
	.filters = FILTERS,
	.nfilters = F__MAX,
	.cols = COLS,
	.ncols = C__MAX,
};

/* A list whose default order is its second column, descending (as the inbox's newest first). */
static const struct list_spec NEWEST = {
	.path = "/inbox",
	.filters = FILTERS,
	.nfilters = F__MAX,
	.cols = COLS,
	.ncols = C__MAX,
	.default_col = C_KIND,
	.default_desc = 1,
	.downloads = 1,
};

/* A list of one order (the audit log's): sort and dir are none of its parameters. */
static const struct list_spec UNSORTED = {
	.path = "/audit",
	.filters = FILTERS,
	.nfilters = F__MAX,
	.showing = "Entries {from} to {to} of {total}",
};

/* A request in English with query as its query string, and an empty view. */
static struct req *
request(const char *query)
{
	struct req *r = arena_calloc(A, 1, sizeof(*r));

	r->a = A;
	r->lang = LANG_EN;
	r->view = vobj_new(A);
	CU_ASSERT_EQUAL_FATAL(form_parse_urlencoded(A, query, strlen(query), 100,
	    &r->query), KERR_OK);
	return r;
}

/* Parses query for spec s into q; returns what list_query_parse() does. */
static enum kerr
parse_as(const struct list_spec *s, struct list_query *q, const char *query)
{
	return list_query_parse(request(query), s, q);
}

static enum kerr
parse(struct list_query *q, const char *query)
{
	return parse_as(&SPEC, q, query);
}

static void
test_list_defaults(void)
{
	struct list_query q;
	size_t i;

	CU_ASSERT_EQUAL(parse(&q, ""), KERR_OK);
	CU_ASSERT_EQUAL(q.col, C_NAME);
	CU_ASSERT_EQUAL(q.desc, 0);
	CU_ASSERT_EQUAL(q.page, 1);
	for (i = 0; i < F__MAX; i++)
		CU_ASSERT_PTR_NULL(q.val[i]);
	CU_ASSERT_EQUAL(list_offset(&q), 0);
	CU_ASSERT_STRING_EQUAL(list_href(request(""), &SPEC, &q, ""), "/organisations");
	CU_ASSERT_EQUAL(parse_as(&NEWEST, &q, ""), KERR_OK);
	CU_ASSERT_EQUAL(q.col, C_KIND);
	CU_ASSERT_EQUAL(q.desc, 1);
	/* Empty values are "all" and the defaults, as a GET form's first option and its hidden fields send them. */
	CU_ASSERT_EQUAL(parse_as(&NEWEST, &q, "side=&kind=&q=&org=&sort=&dir=&page="), KERR_OK);
	CU_ASSERT_PTR_NULL(q.val[F_SIDE]);
	CU_ASSERT_PTR_NULL(q.val[F_ORG]);
	CU_ASSERT_EQUAL(q.col, C_KIND);
	CU_ASSERT_EQUAL(q.desc, 1);
	CU_ASSERT_EQUAL(q.page, 1);
	list_query_default(&NEWEST, &q);
	CU_ASSERT_EQUAL(q.col, C_KIND);
	CU_ASSERT_EQUAL(q.desc, 1);
	CU_ASSERT_EQUAL(q.page, 1);
}

static void
test_list_values(void)
{
	struct list_query q;

	CU_ASSERT_EQUAL(parse(&q, "q=%20V%C3%A4ster%C3%A5s%20&side=swedish&kind=&org=007"
	    "&country=KE&action=report.return&sort=country&dir=desc&page=3&other=x"), KERR_OK);
	CU_ASSERT_STRING_EQUAL(q.val[F_SIDE], "swedish");
	/* Typed text is trimmed; an id is made canonical, so that it selects its option. */
	CU_ASSERT_STRING_EQUAL(q.val[F_Q], "Västerås");
	CU_ASSERT_STRING_EQUAL(q.val[F_ORG], "7");
	CU_ASSERT_STRING_EQUAL(q.val[F_COUNTRY], "KE");
	CU_ASSERT_STRING_EQUAL(q.val[F_CODE], "report.return");
	CU_ASSERT_PTR_NULL(q.val[F_KIND]);
	CU_ASSERT_EQUAL(q.col, C_COUNTRY);
	CU_ASSERT_EQUAL(q.desc, 1);
	CU_ASSERT_EQUAL(q.page, 3);
	CU_ASSERT_EQUAL(list_offset(&q), 2 * LIST_PAGE_SIZE);
	/* The sort in the reader's language: names in two languages sort by the reader's. */
	CU_ASSERT_EQUAL(list_variant(request(""), &SPEC, &q), 31);
	CU_ASSERT_EQUAL(list_variant(request(""), &SPEC, &(struct list_query){ .col = C_NAME }), 11);
	/* Only spaces: no filter. A column chosen without a direction sorts ascending. */
	CU_ASSERT_EQUAL(parse_as(&NEWEST, &q, "q=%20%20&sort=name"), KERR_OK);
	CU_ASSERT_PTR_NULL(q.val[F_Q]);
	CU_ASSERT_EQUAL(q.col, C_NAME);
	CU_ASSERT_EQUAL(q.desc, 0);
	/* A list of one order does not read sort and dir at all. */
	CU_ASSERT_EQUAL(parse_as(&UNSORTED, &q, "sort=anything&dir=up&page=2"), KERR_OK);
	CU_ASSERT_EQUAL(q.page, 2);
}

static void
test_list_refuses(void)
{
	static const char *const bad[] = {
		"sort=name;DROP", "sort=id", "sort=number", "sort=NAME", "dir=up", "dir=DESC",
		"page=0", "page=-1", "page=two", "page=1000001", "page=99999999999999999999",
		"side=both", "side=Swedish", "kind=city'--", "org=0", "org=-4", "org=abc",
		"org=1.5", "org=4294967296", "country=ke", "country=KEN", "country=K1",
		"action=x'%20OR%201=1", "action=Report", "action=a%20b", NULL,
	};
	struct list_query q;
	char *s;
	size_t i;

	for (i = 0; bad[i] != NULL; i++)
		if (parse(&q, bad[i]) != KERR_BADREQ)
			CU_FAIL(bad[i]);
	CU_ASSERT_EQUAL(parse(&q, "page=1000000"), KERR_OK);
	CU_ASSERT_EQUAL(parse(&q, "org=4294967295"), KERR_OK);
	/* Codes up to LIST_CODE_MAX bytes; typed text up to LIST_TEXT_MAX characters (not bytes). */
	s = arena_calloc(A, 3 * LIST_TEXT_MAX + 8, 1);
	memset(s, 'a', LIST_CODE_MAX);
	CU_ASSERT_EQUAL(parse(&q, arena_printf(A, "action=%s", s)), KERR_OK);
	CU_ASSERT_EQUAL(parse(&q, arena_printf(A, "action=%sa", s)), KERR_BADREQ);
	memset(s, 0, 3 * LIST_TEXT_MAX + 8);
	for (i = 0; i < LIST_TEXT_MAX; i++)
		strcat(s, "%C3%A5");
	CU_ASSERT_EQUAL(parse(&q, arena_printf(A, "q=%s", s)), KERR_OK);
	CU_ASSERT_EQUAL(utf8_chars(q.val[F_Q]), LIST_TEXT_MAX);
	CU_ASSERT_EQUAL(parse(&q, arena_printf(A, "q=%sx", s)), KERR_BADREQ);
}

static void
test_list_href_keeps_filters(void)
{
	struct req *r = request("");
	struct list_query q;

	CU_ASSERT_EQUAL(parse(&q, "q=a%26b%20c&side=partner&sort=kind&page=2"), KERR_OK);
	/* Filters in the list's order, encoded; the order and the page as asked. */
	CU_ASSERT_STRING_EQUAL(list_href(r, &SPEC, &q, ""),
	    "/organisations?side=partner&q=a%26b%20c&sort=kind&dir=asc&page=2");
	/* The default order and page 1 are left out; a download has no page. */
	q.col = C_NAME;
	q.page = 1;
	CU_ASSERT_STRING_EQUAL(list_href(r, &SPEC, &q, ""), "/organisations?side=partner&q=a%26b%20c");
	q.desc = 1;
	q.page = 4;
	CU_ASSERT_STRING_EQUAL(list_href(r, &SPEC, &q, ".csv"),
	    "/organisations.csv?side=partner&q=a%26b%20c&sort=name&dir=desc");
	CU_ASSERT_EQUAL(parse_as(&UNSORTED, &q, "action=report.return&page=2"), KERR_OK);
	CU_ASSERT_STRING_EQUAL(list_href(r, &UNSORTED, &q, ""), "/audit?action=report.return&page=2");
}

static void
test_list_like(void)
{
	CU_ASSERT_STRING_EQUAL(list_like(A, "Borås"), "%Borås%");
	CU_ASSERT_STRING_EQUAL(list_like(A, ""), "%%");
	CU_ASSERT_STRING_EQUAL(list_like(A, "100%_sure!"), "%100!%!_sure!!%");
	/* The backslash is plain text here: ESCAPE '!' makes it so whatever the sql_mode. */
	CU_ASSERT_STRING_EQUAL(list_like(A, "a\\b'c"), "%a\\b'c%");
}

/* The value under key in o, or NULL / -1 / 0. */
static const struct vval *
val(const struct vobj *o, const char *key)
{
	return o != NULL ? vobj_get(o, key, vkey_hash(key)) : NULL;
}

static const char *
str(const struct vobj *o, const char *key)
{
	const struct vval *v = val(o, key);

	return v != NULL && v->type == VT_STR ? v->u.s : NULL;
}

static int
flag(const struct vobj *o, const char *key)
{
	const struct vval *v = val(o, key);

	return v != NULL && v->type == VT_BOOL && v->u.b;
}

/* The object under key; a form field (page.c) is the one item of a list under its key. */
static const struct vobj *
obj(const struct vobj *o, const char *key)
{
	const struct vval *v = val(o, key);

	if (v != NULL && v->type == VT_LIST)
		return v->u.l.head;
	return v != NULL && v->type == VT_OBJ ? v->u.o : NULL;
}

/* Item i of the list under key, or NULL. */
static const struct vobj *
item(const struct vobj *o, const char *key, size_t i)
{
	const struct vval *v = val(o, key);
	const struct vobj *it;

	if (v == NULL || v->type != VT_LIST)
		return NULL;
	for (it = v->u.l.head; it != NULL && i > 0; i--)
		it = vobj_next(it);
	return it;
}

/* Sets up the page of r's query with total rows; returns the view. */
static const struct vobj *
view(const struct list_spec *s, const char *query, long long total)
{
	struct vobj *sel[LIST_MAXFILTERS];
	struct req *r = request(query);
	struct list_query q;

	CU_ASSERT_EQUAL_FATAL(list_query_parse(r, s, &q), KERR_OK);
	list_view(r, s, &q, total, sel);
	return r->view;
}

static void
test_list_view_heads(void)
{
	const struct vobj *v = view(&SPEC, "side=swedish&sort=kind&dir=asc&page=2", 120);

	/* The column sorted by links to the other direction and says which it is; the others sort ascending, from page 1. */
	CU_ASSERT_STRING_EQUAL(str(item(v, "cols", C_KIND), "href"),
	    "/organisations?side=swedish&sort=kind&dir=desc");
	CU_ASSERT_STRING_EQUAL(str(item(v, "cols", C_KIND), "sorted"), "ascending");
	CU_ASSERT_STRING_EQUAL(str(item(v, "cols", C_NAME), "href"), "/organisations?side=swedish");
	CU_ASSERT_PTR_NULL(str(item(v, "cols", C_NAME), "sorted"));
	CU_ASSERT_STRING_EQUAL(str(item(v, "cols", C_COUNTRY), "href"),
	    "/organisations?side=swedish&sort=country&dir=asc");
	CU_ASSERT(flag(item(v, "cols", C_COUNTRY), "num"));
	/* A column of no sort has no link, and may be for screen readers only. */
	CU_ASSERT_STRING_EQUAL(str(item(v, "cols", C_NUMBER), "head"), "Number");
	CU_ASSERT_PTR_NULL(str(item(v, "cols", C_NUMBER), "href"));
	CU_ASSERT(flag(item(v, "cols", C_NUMBER), "hidden"));
	CU_ASSERT_STRING_EQUAL(str(v, "sort"), "kind");
	CU_ASSERT_STRING_EQUAL(str(v, "dir"), "asc");

	v = view(&SPEC, "sort=name&dir=desc", 10);
	CU_ASSERT_STRING_EQUAL(str(item(v, "cols", C_NAME), "href"), "/organisations");
	CU_ASSERT_STRING_EQUAL(str(item(v, "cols", C_NAME), "sorted"), "descending");
	CU_ASSERT_PTR_NULL(str(item(v, "cols", C_KIND), "sorted"));
	/* Against a default of descending, a heading's first click is still ascending. */
	v = view(&NEWEST, "", 10);
	CU_ASSERT_STRING_EQUAL(str(item(v, "cols", C_KIND), "href"), "/inbox?sort=kind&dir=asc");
	CU_ASSERT_STRING_EQUAL(str(item(v, "cols", C_NAME), "href"), "/inbox?sort=name&dir=asc");
}

static void
test_list_view_filters(void)
{
	const struct vobj *v = view(&NEWEST, "side=partner&q=bor", 10), *f;

	/* Each filter a select or a search field, in order, keeping its value. */
	f = obj(item(v, "filters", F_SIDE), "select");
	CU_ASSERT_STRING_EQUAL(str(f, "id"), "side");
	CU_ASSERT_STRING_EQUAL(str(f, "none"), "Both");
	CU_ASSERT_PTR_NULL(obj(item(v, "filters", F_SIDE), "field"));
	CU_ASSERT_STRING_EQUAL(str(obj(item(v, "filters", F_KIND), "select"), "none"), "All");
	f = obj(item(v, "filters", F_Q), "field");
	CU_ASSERT_STRING_EQUAL(str(f, "name"), "q");
	CU_ASSERT_STRING_EQUAL(str(f, "type"), "search");
	CU_ASSERT_STRING_EQUAL(str(f, "value"), "bor");
	CU_ASSERT_PTR_NULL(obj(item(v, "filters", F_Q), "select"));
	CU_ASSERT(flag(v, "filtered"));
	CU_ASSERT_STRING_EQUAL(str(v, "csv_href"), "/inbox.csv?side=partner&q=bor");
	CU_ASSERT_STRING_EQUAL(str(v, "xlsx_href"), "/inbox.xlsx?side=partner&q=bor");
	CU_ASSERT(!flag(view(&NEWEST, "sort=name", 10), "filtered"));
	CU_ASSERT_PTR_NULL(str(view(&SPEC, "", 10), "csv_href"));
}

static void
test_list_view_options(void)
{
	struct vobj *sel[LIST_MAXFILTERS];
	struct req *r = request("side=partner&org=04");
	const struct vobj *o;
	struct list_query q;

	CU_ASSERT_EQUAL_FATAL(list_query_parse(r, &SPEC, &q), KERR_OK);
	list_view(r, &SPEC, &q, 0, sel);
	list_view_codes(r, &q, sel[F_SIDE], F_SIDE, SIDES, 2);
	list_view_option(sel[F_ORG], &q, F_ORG, "3", "Borlänge kommun");
	list_view_option(sel[F_ORG], &q, F_ORG, "4", "Västerås stad");
	o = item(sel[F_SIDE], "opts", 0);
	CU_ASSERT_STRING_EQUAL(str(o, "value"), "swedish");
	CU_ASSERT(!flag(o, "selected"));
	CU_ASSERT(flag(item(sel[F_SIDE], "opts", 1), "selected"));
	CU_ASSERT_PTR_NULL(item(sel[F_SIDE], "opts", 2));
	CU_ASSERT(!flag(item(sel[F_ORG], "opts", 0), "selected"));
	CU_ASSERT(flag(item(sel[F_ORG], "opts", 1), "selected"));
}

/* A row of a choices statement: tag, place sv, place en, value, label sv, label en. */
#define OPT(tag, sv, en, v, lsv, len)	((char *[]){ tag, sv, en, v, lsv, len })

/* The filters' choices as the data layer reads them, and as the select boxes show them. */
static void
test_list_db_options(void)
{
	char **rows[] = {
		OPT("k", "2", "1", "SE", "Sverige", "Sweden"),
		OPT("c", NULL, NULL, "submitted", NULL, NULL),		/* another part's row */
		OPT("k", "1", "2", "KE", "Kenya", NULL),		/* no English name: the Swedish */
		OPT("o", "1", "1", "4", "Västerås stad", "Västerås stad"),
		OPT("o", "3", "3", "9", "Out of range", "Out of range"),	/* no place: left empty */
	};
	struct dbres res = { sizeof(rows) / sizeof(rows[0]), 6, rows };
	struct db_option *countries, *orgs, **lists[2] = { &countries, &orgs };
	size_t ncountries = 9, norgs = 9, *lens[2] = { &ncountries, &norgs };
	struct vobj *sel[LIST_MAXFILTERS];
	struct req *r = request("country=KE");
	struct list_query q;

	db_options(A, LANG_EN, &res, "ko", lists, lens);
	CU_ASSERT_EQUAL_FATAL(ncountries, 2);
	CU_ASSERT_STRING_EQUAL(countries[0].value, "SE");
	CU_ASSERT_STRING_EQUAL(countries[0].label, "Sweden");
	CU_ASSERT_STRING_EQUAL(countries[1].value, "KE");
	CU_ASSERT_STRING_EQUAL(countries[1].label, "Kenya");
	CU_ASSERT_PTR_NULL(countries[2].value);
	CU_ASSERT_EQUAL_FATAL(norgs, 2);
	CU_ASSERT_STRING_EQUAL(orgs[0].value, "4");
	CU_ASSERT_PTR_NULL(orgs[1].value);
	db_options(A, LANG_SV, &res, "ko", lists, lens);
	CU_ASSERT_STRING_EQUAL(countries[0].value, "KE");
	CU_ASSERT_STRING_EQUAL(countries[1].label, "Sverige");

	CU_ASSERT_EQUAL_FATAL(list_query_parse(r, &SPEC, &q), KERR_OK);
	list_view(r, &SPEC, &q, 0, sel);
	list_view_options(&q, sel[F_COUNTRY], F_COUNTRY, countries, ncountries);
	list_view_options(&q, sel[F_ORG], F_ORG, orgs, norgs);
	CU_ASSERT_STRING_EQUAL(str(item(sel[F_COUNTRY], "opts", 0), "value"), "KE");
	CU_ASSERT(flag(item(sel[F_COUNTRY], "opts", 0), "selected"));
	CU_ASSERT(!flag(item(sel[F_COUNTRY], "opts", 1), "selected"));
	CU_ASSERT_PTR_NULL(item(sel[F_ORG], "opts", 1));	/* the empty choice is not shown */
}

/* A number the form may leave out goes to a statement as text, or as NULL when it is none. */
static void
test_db_id_text(void)
{
	CU_ASSERT_STRING_EQUAL(db_id_text(A, 42), "42");
	CU_ASSERT_STRING_EQUAL(db_id_text(A, 9007199254740993LL), "9007199254740993");
	CU_ASSERT_PTR_NULL(db_id_text(A, 0));
	CU_ASSERT_PTR_NULL(db_id_text(A, -1));
}

static void
test_list_view_paging(void)
{
	const struct vobj *v = view(&SPEC, "side=swedish&sort=kind&dir=asc&page=2", 120), *p;

	p = obj(v, "paging");
	CU_ASSERT_STRING_EQUAL(str(p, "showing"), "Showing 51 to 100 of 120");
	CU_ASSERT_STRING_EQUAL(str(p, "page_of"), "Page 2 of 3");
	CU_ASSERT_STRING_EQUAL(str(p, "prev_href"), "/organisations?side=swedish&sort=kind&dir=asc");
	CU_ASSERT_STRING_EQUAL(str(p, "next_href"),
	    "/organisations?side=swedish&sort=kind&dir=asc&page=3");
	CU_ASSERT(flag(p, "links"));
	CU_ASSERT(flag(v, "has_rows"));
	CU_ASSERT(!flag(v, "past_end"));

	/* The last page: no next; thousands grouped. */
	p = obj(view(&SPEC, "page=25", 1234), "paging");
	CU_ASSERT_STRING_EQUAL(str(p, "showing"), "Showing 1,201 to 1,234 of 1,234");
	CU_ASSERT_PTR_NULL(str(p, "next_href"));
	CU_ASSERT_STRING_EQUAL(str(p, "prev_href"), "/organisations?page=24");

	/* One page: no links; an empty list: nothing shown. */
	p = obj(view(&SPEC, "", 50), "paging");
	CU_ASSERT_STRING_EQUAL(str(p, "showing"), "Showing 1 to 50 of 50");
	CU_ASSERT_PTR_NULL(str(p, "page_of"));
	CU_ASSERT(!flag(p, "links"));
	v = view(&SPEC, "", 0);
	p = obj(v, "paging");
	CU_ASSERT_PTR_NULL(str(p, "showing"));
	CU_ASSERT_PTR_NULL(str(p, "prev_href"));
	CU_ASSERT_PTR_NULL(str(p, "next_href"));
	CU_ASSERT(!flag(v, "has_rows"));
	CU_ASSERT(!flag(v, "past_end"));

	/* Past the end (a bookmark of a list that has shrunk): back to the last page, or the first. */
	v = view(&SPEC, "side=partner&page=9", 120);
	p = obj(v, "paging");
	CU_ASSERT_PTR_NULL(str(p, "showing"));
	CU_ASSERT_STRING_EQUAL(str(p, "prev_href"), "/organisations?side=partner&page=3");
	CU_ASSERT_PTR_NULL(str(p, "next_href"));
	CU_ASSERT(flag(v, "past_end"));
	CU_ASSERT(!flag(v, "has_rows"));
	p = obj(view(&SPEC, "page=2", 0), "paging");
	CU_ASSERT_STRING_EQUAL(str(p, "prev_href"), "/organisations");
}

static void
test_list_showing(void)
{
	struct req *r = request("action=user.login&page=2");
	struct list_query q;

	CU_ASSERT_EQUAL_FATAL(list_query_parse(r, &UNSORTED, &q), KERR_OK);
	/* A list's own words for the rows it shows. */
	CU_ASSERT_STRING_EQUAL(list_showing(r, &UNSORTED, &q, 75), "Entries 51 to 75 of 75");
	CU_ASSERT_PTR_NULL(list_showing(r, &UNSORTED, &q, 50));
	list_view_paging(r, &UNSORTED, &q, 75);
	CU_ASSERT_STRING_EQUAL(str(obj(r->view, "paging"), "prev_href"), "/audit?action=user.login");
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_list_defaults", test_list_defaults },
		{ "test_list_values", test_list_values },
		{ "test_list_refuses", test_list_refuses },
		{ "test_list_href_keeps_filters", test_list_href_keeps_filters },
		{ "test_list_like", test_list_like },
		{ "test_list_view_heads", test_list_view_heads },
		{ "test_list_view_filters", test_list_view_filters },
		{ "test_list_view_options", test_list_view_options },
		{ "test_list_db_options", test_list_db_options },
		{ "test_db_id_text", test_db_id_text },
		{ "test_list_view_paging", test_list_view_paging },
		{ "test_list_showing", test_list_showing },
		{ NULL, NULL }
	};
	int rc;

	A = arena_new(1 << 20);
	rc = unit_run("list", tests);
	arena_free(A);
	return rc;
}
