/* test_auditfmt.c - unit tests for auditfmt.c: the fields an audit row changed, and Swedish local time. */
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "unit.h"
#include "views/auditfmt.h"

static struct arena *A;

/* The changes as one line "field:before>after;..." (absent: -, strings in quotes), for short assertions. */
static const char *
changes(const char *before, const char *after)
{
	struct audit_change *c;
	size_t n, i;
	char *s = "";

	if (auditfmt_changes(A, before, after, &c, &n) != KERR_OK)
		return "INVALID";
	for (i = 0; i < n; i++)
		s = arena_printf(A, "%s%s%s:%s%s%s>%s%s%s", s, i > 0 ? ";" : "",
		    c[i].field,
		    c[i].before_string ? "'" : "", c[i].before ? c[i].before : "-",
		    c[i].before_string ? "'" : "",
		    c[i].after_string ? "'" : "", c[i].after ? c[i].after : "-",
		    c[i].after_string ? "'" : "");
	return s;
}

static void
test_auditfmt_status_change(void)
{
	CU_ASSERT_STRING_EQUAL(changes("{\"status\":\"draft\"}",
	    "{\"status\":\"submitted\"}"), "status:'draft'>'submitted'");
	CU_ASSERT_STRING_EQUAL(changes("{\"status\":\"submitted\"}",
	    "{\"status\":\"submitted\",\"revision\":2}"), "revision:->2");
}

static void
test_auditfmt_creation_and_deletion(void)
{
	CU_ASSERT_STRING_EQUAL(changes(NULL, "{\"amount\":300000,\"report_id\":12}"),
	    "amount:->300000;report_id:->12");
	CU_ASSERT_STRING_EQUAL(changes("{\"email\":\"a@b.se\"}", NULL),
	    "email:'a@b.se'>-");
	CU_ASSERT_STRING_EQUAL(changes(NULL, NULL), "");
}

static void
test_auditfmt_unchanged_fields_left_out(void)
{
	/* round.update writes the whole round on both sides. */
	CU_ASSERT_STRING_EQUAL(changes(
	    "{\"year\": 2017, \"name_sv\": \"Utlysning\", \"rules\": {\"project\": "
	    "{\"allowed\": 1, \"max_amount\": {\"africa\": 500000, \"asia\": 500000}}}}",
	    "{\"year\": 2017, \"name_sv\": \"Utlysning\", \"rules\": {\"project\": "
	    "{\"allowed\": 1, \"max_amount\": {\"africa\": 550000, \"asia\": 500000}}}}"),
	    "rules.project.max_amount.africa:500000>550000");
	CU_ASSERT_STRING_EQUAL(changes("{\"a\":1}", "{\"a\":1}"), "");
}

static void
test_auditfmt_types_differ(void)
{
	/* The string "1" is not the number 1, nor "null" null. */
	CU_ASSERT_STRING_EQUAL(changes("{\"a\":1}", "{\"a\":\"1\"}"), "a:1>'1'");
	CU_ASSERT_STRING_EQUAL(changes("{\"a\":null}", "{\"a\":\"null\"}"),
	    "a:null>'null'");
	CU_ASSERT_STRING_EQUAL(changes("{\"a\":true}", "{\"a\":false}"),
	    "a:true>false");
}

static void
test_auditfmt_arrays_and_empty_containers(void)
{
	CU_ASSERT_STRING_EQUAL(changes("{\"sdgs\":[5,11]}", "{\"sdgs\":[5,16,17]}"),
	    "sdgs[1]:11>16;sdgs[2]:->17");
	CU_ASSERT_STRING_EQUAL(changes("{\"l\":[]}", "{\"l\":[{\"x\":1}]}"),
	    "l[0].x:->1;l:[]>-");
	CU_ASSERT_STRING_EQUAL(changes("{}", "{\"o\":{}}"), "o:->{};:{}>-");
	CU_ASSERT_STRING_EQUAL(changes("7", "8"), ":7>8");
}

static void
test_auditfmt_fields_only_before_come_last(void)
{
	CU_ASSERT_STRING_EQUAL(changes("{\"gone\":1,\"kept\":2}", "{\"new\":3,\"kept\":4}"),
	    "new:->3;kept:2>4;gone:1>-");
}

static void
test_auditfmt_strings_unescaped(void)
{
	CU_ASSERT_STRING_EQUAL(changes(NULL,
	    "{\"name\":\"Borl\\u00e4nge \\\"<b>\\\" \\\\ \\/ \\n\"}"),
	    "name:->'Borl\xc3\xa4nge \"<b>\" \\ / \n'");
	/* A surrogate pair is one character; a lone surrogate and NUL are not text. */
	CU_ASSERT_STRING_EQUAL(changes(NULL, "{\"e\":\"\\ud83d\\ude00\"}"),
	    "e:->'\xf0\x9f\x98\x80'");
	CU_ASSERT_STRING_EQUAL(changes(NULL, "{\"e\":\"\\ud83d.\\u0000\"}"),
	    "e:->'\xef\xbf\xbd.\xef\xbf\xbd'");
	/* UTF-8 as stored passes through; keys are unescaped too. */
	CU_ASSERT_STRING_EQUAL(changes(NULL, "{\"\\u00f6\":\"\xc3\xb6\"}"),
	    "\xc3\xb6:->'\xc3\xb6'");
}

static void
test_auditfmt_numbers_kept_as_written(void)
{
	CU_ASSERT_STRING_EQUAL(changes(NULL, "{\"a\":-0.5e+3,\"b\":0,\"c\":1.25E2}"),
	    "a:->-0.5e+3;b:->0;c:->1.25E2");
}

/* depth arrays, one inside the other: "[[...]]". */
static const char *
nested(int depth)
{
	char *s = arena_alloc(A, 2 * (size_t)depth + 1);

	memset(s, '[', (size_t)depth);
	memset(s + depth, ']', (size_t)depth);
	s[2 * depth] = '\0';
	return s;
}

static void
test_auditfmt_malformed(void)
{
	static const char *bad[] = {
		"", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "{a:1}",
		"{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":-}",
		"{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"x}", "{\"a\":\"\\x\"}",
		"{\"a\":\"\\u12g4\"}", "{\"a\":\"tab\there\"}", "{\"a\":1} x",
		"{\"a\":1}{", "'a'", "\xff", "{\"a\":\"\xc3\"}",
	};
	struct audit_change *c;
	size_t i, n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(auditfmt_changes(A, bad[i], "{}", &c, &n), KERR_INVALID);
		CU_ASSERT_EQUAL(auditfmt_changes(A, "{}", bad[i], &c, &n), KERR_INVALID);
		CU_ASSERT_PTR_NULL(c);
		CU_ASSERT_EQUAL(n, 0);
	}
	/* Deep nesting is refused, not recursed into without end. */
	CU_ASSERT_EQUAL(auditfmt_changes(A, NULL, nested(AUDITFMT_MAX_DEPTH + 1), &c, &n),
	    KERR_INVALID);
	CU_ASSERT_EQUAL(auditfmt_changes(A, NULL, nested(AUDITFMT_MAX_DEPTH), &c, &n),
	    KERR_OK);
	CU_ASSERT_EQUAL(n, 1);
}

static void
test_auditfmt_day_start(void)
{
	CU_ASSERT_STRING_EQUAL(auditfmt_day_start_utc(A, 2016, 1, 1),
	    "2015-12-31 23:00:00");
	CU_ASSERT_STRING_EQUAL(auditfmt_day_start_utc(A, 2016, 6, 1),
	    "2016-05-31 22:00:00");
	/* The days the clocks change begin in the time of the day before. */
	CU_ASSERT_STRING_EQUAL(auditfmt_day_start_utc(A, 2016, 3, 27),
	    "2016-03-26 23:00:00");
	CU_ASSERT_STRING_EQUAL(auditfmt_day_start_utc(A, 2016, 3, 28),
	    "2016-03-27 22:00:00");
	CU_ASSERT_STRING_EQUAL(auditfmt_day_start_utc(A, 2016, 10, 30),
	    "2016-10-29 22:00:00");
	CU_ASSERT_STRING_EQUAL(auditfmt_day_start_utc(A, 2016, 10, 31),
	    "2016-10-30 23:00:00");
	/* The day after a month's last, for "up to and including" a date. */
	CU_ASSERT_STRING_EQUAL(auditfmt_day_start_utc(A, 2016, 2, 30),
	    "2016-02-29 23:00:00");
	CU_ASSERT_STRING_EQUAL(auditfmt_day_start_utc(A, 2016, 12, 32),
	    "2016-12-31 23:00:00");
	CU_ASSERT_STRING_EQUAL(auditfmt_day_start_utc(A, 2016, 6, 31),
	    "2016-06-30 22:00:00");
	/* And back: local midnight it is. */
	CU_ASSERT_STRING_EQUAL(fmt_time(A,
	    auditfmt_day_start_utc(A, 2016, 10, 30)), "2016-10-30 00:00");
	CU_ASSERT_STRING_EQUAL(fmt_time(A,
	    auditfmt_day_start_utc(A, 2016, 3, 27)), "2016-03-27 00:00");
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_auditfmt_status_change", test_auditfmt_status_change },
		{ "test_auditfmt_creation_and_deletion", test_auditfmt_creation_and_deletion },
		{ "test_auditfmt_unchanged_fields_left_out", test_auditfmt_unchanged_fields_left_out },
		{ "test_auditfmt_types_differ", test_auditfmt_types_differ },
		{ "test_auditfmt_arrays_and_empty_containers", test_auditfmt_arrays_and_empty_containers },
		{ "test_auditfmt_fields_only_before_come_last", test_auditfmt_fields_only_before_come_last },
		{ "test_auditfmt_strings_unescaped", test_auditfmt_strings_unescaped },
		{ "test_auditfmt_numbers_kept_as_written", test_auditfmt_numbers_kept_as_written },
		{ "test_auditfmt_malformed", test_auditfmt_malformed },
		{ "test_auditfmt_day_start", test_auditfmt_day_start },
		{ NULL, NULL }
	};
	int rc;

	if ((A = arena_new(4096)) == NULL)
		return 2;
	rc = unit_run("auditfmt", tests);
	arena_free(A);
	return rc;
}
