/* test_langs.c - unit tests of the countries' official languages: the labels, the lists as stored and as admins type them, and what the application form offers. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "domain/labels.h"
#include "unit.h"

static struct arena *A;

/* Every list sql/0017_open_data.sql gives a country reads back as itself, and so has a label for every code. */
static void
test_langs_migration_lists_have_labels(void)
{
	const char *src = getenv("srcdir") != NULL ? getenv("srcdir") : ".";
	char path[PATH_MAX], line[512], *p, *q;
	const char *out, *bad;
	size_t lists = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/sql/0017_open_data.sql", src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f) != NULL) {
		if ((p = strstr(line, " THEN '")) == NULL)
			continue;
		p += 7;
		if ((q = strchr(p, '\'')) == NULL)
			continue;
		*q = '\0';
		CU_ASSERT_PTR_NULL(lang_list_read(A, p, &out, &bad));
		CU_ASSERT_STRING_EQUAL(out, p);
		if (bad != NULL)
			printf("\n  %s: %s", p, bad);
		lists++;
	}
	fclose(f);
	/* The 23 countries of the programme in 2016. */
	CU_ASSERT_EQUAL(lists, 23);
}

static void
test_langs_list_has(void)
{
	CU_ASSERT(lang_list_has("sq,sr,bs,tr", "sq"));
	CU_ASSERT(lang_list_has("sq,sr,bs,tr", "tr"));
	CU_ASSERT(lang_list_has("zh", "zh"));
	CU_ASSERT(!lang_list_has("sq,sr", "s"));
	CU_ASSERT(!lang_list_has("sq,sr", "sq,"));
	CU_ASSERT(!lang_list_has("sq,sr", "q"));
	CU_ASSERT(!lang_list_has("sq,sr", ""));
	CU_ASSERT(!lang_list_has("sq,sr", NULL));
	CU_ASSERT(!lang_list_has("", "sq"));
	CU_ASSERT(!lang_list_has(NULL, "sq"));
}

/* English is a language of Kenya but never the partner's: the form is in English already. */
static void
test_langs_partner_lang_ok(void)
{
	CU_ASSERT(partner_lang_ok("sw,en", "sw"));
	CU_ASSERT(!partner_lang_ok("sw,en", "en"));
	CU_ASSERT(!partner_lang_ok("sw,en", "zh"));
	CU_ASSERT(!partner_lang_ok("en", "en"));
	CU_ASSERT(!partner_lang_ok("", "sw"));
	CU_ASSERT(!partner_lang_ok(NULL, "sw"));
	CU_ASSERT(!partner_lang_ok("sw,en", NULL));
}

static void
test_langs_partner_langs_in_order(void)
{
	const char *codes[LANG_LIST_MAX];

	CU_ASSERT_EQUAL_FATAL(partner_langs("en,zu,xh,af,st,tn", codes, LANG_LIST_MAX), 5);
	CU_ASSERT_STRING_EQUAL(codes[0], "zu");
	CU_ASSERT_STRING_EQUAL(codes[4], "tn");
	CU_ASSERT_EQUAL_FATAL(partner_langs("sw,en", codes, LANG_LIST_MAX), 1);
	CU_ASSERT_STRING_EQUAL(codes[0], "sw");
	CU_ASSERT_EQUAL(partner_langs("en", codes, LANG_LIST_MAX), 0);
	CU_ASSERT_EQUAL(partner_langs("", codes, LANG_LIST_MAX), 0);
	CU_ASSERT_EQUAL(partner_langs(NULL, codes, LANG_LIST_MAX), 0);
	/* A code without a label is never offered: the select could not name it. */
	CU_ASSERT_EQUAL_FATAL(partner_langs("xx,zh", codes, LANG_LIST_MAX), 1);
	CU_ASSERT_STRING_EQUAL(codes[0], "zh");
	CU_ASSERT_EQUAL(partner_langs("sq,sr,bs,tr", codes, 2), 2);
	/* The codes are local_langs' own, so a label is one lookup away. */
	CU_ASSERT_EQUAL(codes[0], local_langs[local_lang_index("sq")].code);
}

/* The names an admin reads in the list of countries. */
static void
test_langs_list_names(void)
{
	CU_ASSERT_STRING_EQUAL(lang_list_names(A, LANG_EN, "sq,sr,bs,tr"), "Albanian, Serbian, Bosnian, Turkish");
	CU_ASSERT_STRING_EQUAL(lang_list_names(A, LANG_EN, "en"), "English");
	CU_ASSERT_STRING_EQUAL(lang_list_names(A, LANG_EN, "xx,zh"), "xx, Chinese");
	CU_ASSERT_PTR_NULL(lang_list_names(A, LANG_EN, ""));
	CU_ASSERT_PTR_NULL(lang_list_names(A, LANG_EN, NULL));
}

static void
expect_bad(const char *typed, const char *msgid_part, const char *code)
{
	const char *out = "unchanged", *bad, *why;

	why = lang_list_read(A, typed, &out, &bad);
	CU_ASSERT_PTR_NOT_NULL_FATAL(why);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, msgid_part));
	if (code == NULL) {
		CU_ASSERT_PTR_NULL(bad);
	} else {
		CU_ASSERT_PTR_NOT_NULL_FATAL(bad);
		CU_ASSERT_STRING_EQUAL(bad, code);
	}
	CU_ASSERT_STRING_EQUAL(out, "unchanged");
}

static void
test_langs_list_read(void)
{
	const char *out, *bad;

	CU_ASSERT_PTR_NULL(lang_list_read(A, " sq , sr ", &out, &bad));
	CU_ASSERT_STRING_EQUAL(out, "sq,sr");
	CU_ASSERT_PTR_NULL(bad);
	CU_ASSERT_PTR_NULL(lang_list_read(A, "", &out, &bad));
	CU_ASSERT_STRING_EQUAL(out, "");
	CU_ASSERT_PTR_NULL(lang_list_read(A, "sw,,en,", &out, &bad));
	CU_ASSERT_STRING_EQUAL(out, "sw,en");
	CU_ASSERT_PTR_NULL(lang_list_read(A, "en,zu,xh,af,st,tn", &out, &bad));
	CU_ASSERT_STRING_EQUAL(out, "en,zu,xh,af,st,tn");

	expect_bad("SW", "two small letters", "SW");
	expect_bad("sw, swa", "two small letters", "swa");
	expect_bad("sw en", "two small letters", "sw en");
	expect_bad("z1", "two small letters", "z1");
	expect_bad("sw, xx", "does not know", "xx");
	expect_bad("sw,en,sw", "twice", "sw");
	expect_bad("en,zu,xh,af,st,tn,sw", "at most 6", NULL);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_langs_migration_lists_have_labels", test_langs_migration_lists_have_labels },
		{ "test_langs_list_has", test_langs_list_has },
		{ "test_langs_partner_lang_ok", test_langs_partner_lang_ok },
		{ "test_langs_partner_langs_in_order", test_langs_partner_langs_in_order },
		{ "test_langs_list_names", test_langs_list_names },
		{ "test_langs_list_read", test_langs_list_read },
		{ NULL, NULL }
	};
	int rc;

	A = arena_new(65536);
	rc = unit_run("langs", tests);
	arena_free(A);
	return rc;
}
