/* test_listq.c - unit tests for listq.c: an admin list's query string read against its allow-lists, and its links. */
#include <string.h>

#include "arena.h"
#include "form.h"
#include "listq.h"
#include "view.h"
#include "unit.h"

static struct arena *A;

static const char *const SORTS[] = { "name", "kind", "country", NULL };
static const char *const FILTERS[] = { "side", "kind", "q", NULL };

/* Parses query into l; returns what listq_parse() does. */
static enum kerr
parse(struct listq *l, const char *query)
{
	struct params q;

	CU_ASSERT_EQUAL_FATAL(form_parse_urlencoded(A, query, strlen(query), 100, &q), KERR_OK);
	return listq_parse(l, &q, "/organisations", SORTS, FILTERS);
}

static void
test_listq_defaults(void)
{
	struct listq l;

	CU_ASSERT_EQUAL(parse(&l, ""), KERR_OK);
	CU_ASSERT_EQUAL(l.sort, 0);
	CU_ASSERT_EQUAL(l.desc, 0);
	CU_ASSERT_EQUAL(l.page, 1);
	CU_ASSERT_PTR_NULL(listq_get(&l, "side"));
	CU_ASSERT_PTR_NULL(listq_get(&l, "q"));
	CU_ASSERT_EQUAL(listq_offset(&l, 50), 0);
	CU_ASSERT_STRING_EQUAL(listq_href(A, &l, 0, 0, 1), "/organisations");
}

static void
test_listq_values(void)
{
	struct listq l;

	CU_ASSERT_EQUAL(parse(&l, "q=V%C3%A4ster%C3%A5s&side=swedish&kind=&sort=country&dir=desc&page=3&other=x"), KERR_OK);
	CU_ASSERT_STRING_EQUAL(listq_get(&l, "side"), "swedish");
	CU_ASSERT_STRING_EQUAL(listq_get(&l, "q"), "Västerås");
	/* An empty value is "all", as a GET form's first option sends it. */
	CU_ASSERT_PTR_NULL(listq_get(&l, "kind"));
	CU_ASSERT_PTR_NULL(listq_get(&l, "other"));
	CU_ASSERT_EQUAL(l.sort, 2);
	CU_ASSERT_EQUAL(l.desc, 1);
	CU_ASSERT_EQUAL(l.page, 3);
	CU_ASSERT_EQUAL(listq_offset(&l, 50), 100);
}

static void
test_listq_refuses(void)
{
	struct listq l;

	CU_ASSERT_EQUAL(parse(&l, "sort=name;DROP"), KERR_BADREQ);
	CU_ASSERT_EQUAL(parse(&l, "sort=id"), KERR_BADREQ);
	CU_ASSERT_EQUAL(parse(&l, "sort="), KERR_BADREQ);
	CU_ASSERT_EQUAL(parse(&l, "dir=up"), KERR_BADREQ);
	CU_ASSERT_EQUAL(parse(&l, "dir=DESC"), KERR_BADREQ);
	CU_ASSERT_EQUAL(parse(&l, "page=0"), KERR_BADREQ);
	CU_ASSERT_EQUAL(parse(&l, "page=-1"), KERR_BADREQ);
	CU_ASSERT_EQUAL(parse(&l, "page=two"), KERR_BADREQ);
	CU_ASSERT_EQUAL(parse(&l, "page=100001"), KERR_BADREQ);
	CU_ASSERT_EQUAL(parse(&l, "page=99999999999999999999"), KERR_BADREQ);
	CU_ASSERT_EQUAL(parse(&l, "page=100000"), KERR_OK);
}

static void
test_listq_href_keeps_filters(void)
{
	struct listq l;

	CU_ASSERT_EQUAL(parse(&l, "q=a%26b%20c&side=partner&sort=kind&page=2"), KERR_OK);
	/* Filters in the list's order, encoded; the default sort and page 1 left out. */
	CU_ASSERT_STRING_EQUAL(listq_href(A, &l, 0, 0, 1), "/organisations?side=partner&q=a%26b%20c");
	CU_ASSERT_STRING_EQUAL(listq_href(A, &l, 1, 0, 2),
	    "/organisations?side=partner&q=a%26b%20c&sort=kind&dir=asc&page=2");
	CU_ASSERT_STRING_EQUAL(listq_href(A, &l, 0, 1, 1),
	    "/organisations?side=partner&q=a%26b%20c&sort=name&dir=desc");
}

static void
test_listq_like(void)
{
	CU_ASSERT_STRING_EQUAL(listq_like(A, "Borås"), "%Borås%");
	CU_ASSERT_STRING_EQUAL(listq_like(A, ""), "%%");
	CU_ASSERT_STRING_EQUAL(listq_like(A, "100%_sure!"), "%100!%!_sure!!%");
	/* The backslash is plain text here: ESCAPE '!' makes it so whatever the sql_mode. */
	CU_ASSERT_STRING_EQUAL(listq_like(A, "a\\b'c"), "%a\\b'c%");
}

/* The string under key in o, or NULL. */
static const char *
str(const struct vobj *o, const char *key)
{
	const struct vval *v = vobj_get(o, key, vkey_hash(key));

	return v != NULL && v->type == VT_STR ? v->u.s : NULL;
}

static long long
num(const struct vobj *o, const char *key)
{
	const struct vval *v = vobj_get(o, key, vkey_hash(key));

	return v != NULL && v->type == VT_INT ? v->u.i : -1;
}

static const struct vobj *
obj(const struct vobj *o, const char *key)
{
	const struct vval *v = vobj_get(o, key, vkey_hash(key));

	return v != NULL && v->type == VT_OBJ ? v->u.o : NULL;
}

static void
test_listq_view(void)
{
	struct vobj *v = vobj_new(A);
	const struct vobj *p;
	struct listq l;

	CU_ASSERT_EQUAL(parse(&l, "side=swedish&sort=kind&dir=asc&page=2"), KERR_OK);
	listq_view(v, A, &l, 120, 50);
	/* The column sorted by links to the other direction and says which it is; the others sort ascending. */
	CU_ASSERT_STRING_EQUAL(str(v, "sort_kind_href"), "/organisations?side=swedish&sort=kind&dir=desc");
	CU_ASSERT_STRING_EQUAL(str(v, "sort_kind_aria"), "ascending");
	CU_ASSERT_STRING_EQUAL(str(v, "sort_name_href"), "/organisations?side=swedish");
	CU_ASSERT_PTR_NULL(str(v, "sort_name_aria"));
	CU_ASSERT_STRING_EQUAL(str(v, "sort_country_href"), "/organisations?side=swedish&sort=country&dir=asc");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p = obj(v, "pager"));
	CU_ASSERT_EQUAL(num(p, "total"), 120);
	CU_ASSERT_EQUAL(num(p, "pages"), 3);
	CU_ASSERT_EQUAL(num(p, "from"), 51);
	CU_ASSERT_EQUAL(num(p, "to"), 100);
	CU_ASSERT_STRING_EQUAL(str(p, "prev_href"), "/organisations?side=swedish&sort=kind&dir=asc");
	CU_ASSERT_STRING_EQUAL(str(p, "next_href"), "/organisations?side=swedish&sort=kind&dir=asc&page=3");
	CU_ASSERT_EQUAL(parse(&l, "sort=name&dir=desc"), KERR_OK);
	listq_view(v, A, &l, 10, 50);
	CU_ASSERT_STRING_EQUAL(str(v, "sort_name_href"), "/organisations");
	CU_ASSERT_STRING_EQUAL(str(v, "sort_name_aria"), "descending");
	CU_ASSERT_PTR_NULL(str(v, "sort_kind_aria"));

	/* The last page: no next; an empty list: one page, nothing shown. */
	CU_ASSERT_EQUAL(parse(&l, "page=3"), KERR_OK);
	listq_view(v, A, &l, 120, 50);
	p = obj(v, "pager");
	CU_ASSERT_EQUAL(num(p, "from"), 101);
	CU_ASSERT_EQUAL(num(p, "to"), 120);
	CU_ASSERT_PTR_NULL(str(p, "next_href"));
	CU_ASSERT_EQUAL(parse(&l, ""), KERR_OK);
	listq_view(v, A, &l, 0, 50);
	p = obj(v, "pager");
	CU_ASSERT_EQUAL(num(p, "pages"), 1);
	CU_ASSERT_EQUAL(num(p, "from"), 0);
	CU_ASSERT_EQUAL(num(p, "to"), 0);
	CU_ASSERT_PTR_NULL(str(p, "prev_href"));
	CU_ASSERT_PTR_NULL(str(p, "next_href"));
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_listq_defaults", test_listq_defaults },
		{ "test_listq_values", test_listq_values },
		{ "test_listq_refuses", test_listq_refuses },
		{ "test_listq_href_keeps_filters", test_listq_href_keeps_filters },
		{ "test_listq_like", test_listq_like },
		{ "test_listq_view", test_listq_view },
		{ NULL, NULL }
	};
	int rc;

	A = arena_new(65536);
	rc = unit_run("listq", tests);
	arena_free(A);
	return rc;
}
