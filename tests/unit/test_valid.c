/* test_valid.c - unit tests for valid.c: organisation numbers, amounts, dates, e-mail, integers. */
#include <limits.h>
#include <string.h>

#include "core/arena.h"
#include "domain/valid.h"
#include "unit.h"

static struct arena *A;

/* The amount s parses to, or -1 when valid_amount() refuses it. */
static long long
amount(const char *s)
{
	long long v;

	return valid_amount(s, &v) == KERR_OK ? v : -1;
}

static void
test_valid_luhn(void)
{
	CU_ASSERT(luhn_valid("79927398713", 11));
	CU_ASSERT(luhn_valid("2120000142", 10));
	CU_ASSERT(luhn_valid("00", 2));
	CU_ASSERT(luhn_valid("18", 2));
	CU_ASSERT_FALSE(luhn_valid("79927398710", 11));
	CU_ASSERT_FALSE(luhn_valid("2120000143", 10));
	CU_ASSERT_FALSE(luhn_valid("0", 1));
	CU_ASSERT_FALSE(luhn_valid("", 0));
	CU_ASSERT_FALSE(luhn_valid(NULL, 0));
	CU_ASSERT_FALSE(luhn_valid("212000-0142", 11));
	CU_ASSERT_FALSE(luhn_valid("21200a0142", 10));
	/* Only n bytes count: the check digit here is the 4. */
	CU_ASSERT(luhn_valid("2120000142999", 10));
}

static void
test_valid_orgnr_real_numbers(void)
{
	/* Stockholms stad, Göteborgs stad, Malmö stad, Västerås stad (kommuner, group 21). */
	CU_ASSERT(valid_orgnr("212000-0142"));
	CU_ASSERT(valid_orgnr("212000-1355"));
	CU_ASSERT(valid_orgnr("212000-1124"));
	CU_ASSERT(valid_orgnr("212000-2080"));
	/* A region (group 23), with and without the hyphen. */
	CU_ASSERT(valid_orgnr("232100-0016"));
	CU_ASSERT(valid_orgnr("2321000016"));
	CU_ASSERT(valid_orgnr("2120002080"));
	/* A company (group 55): the rule is not only for municipalities. */
	CU_ASSERT(valid_orgnr("556036-0793"));
}

static void
test_valid_orgnr_bad_check_digit(void)
{
	CU_ASSERT_FALSE(valid_orgnr("212000-0141"));
	CU_ASSERT_FALSE(valid_orgnr("212000-0143"));
	CU_ASSERT_FALSE(valid_orgnr("232100-0017"));
	/* Two digits swapped: Luhn catches it. */
	CU_ASSERT_FALSE(valid_orgnr("212000-0412"));
}

static void
test_valid_orgnr_bad_shape(void)
{
	CU_ASSERT_FALSE(valid_orgnr(NULL));
	CU_ASSERT_FALSE(valid_orgnr(""));
	CU_ASSERT_FALSE(valid_orgnr("212000-014"));
	CU_ASSERT_FALSE(valid_orgnr("212000-01420"));
	CU_ASSERT_FALSE(valid_orgnr("21200-00142"));
	CU_ASSERT_FALSE(valid_orgnr("2120000-142"));
	CU_ASSERT_FALSE(valid_orgnr("212000+0142"));
	CU_ASSERT_FALSE(valid_orgnr("212000 0142"));
	CU_ASSERT_FALSE(valid_orgnr("212000--0142"));
	CU_ASSERT_FALSE(valid_orgnr(" 212000-0142"));
	CU_ASSERT_FALSE(valid_orgnr("212000-0142 "));
	CU_ASSERT_FALSE(valid_orgnr("SE212000014201"));
	CU_ASSERT_FALSE(valid_orgnr("16212000-0142"));
	CU_ASSERT_FALSE(valid_orgnr("21200a-0142"));
	CU_ASSERT_FALSE(valid_orgnr("\xef\xbc\x92" "12000-0142"));
}

static void
test_valid_orgnr_not_personal_number(void)
{
	/* Luhn-valid, but a third digit below 2 makes it a birth date, 1981-12-18. */
	CU_ASSERT(luhn_valid("8112189876", 10));
	CU_ASSERT_FALSE(valid_orgnr("811218-9876"));
	CU_ASSERT_FALSE(valid_orgnr("8112189876"));
	CU_ASSERT(luhn_valid("0000000000", 10));
	CU_ASSERT_FALSE(valid_orgnr("000000-0000"));
}

static void
test_valid_orgnr_normalise(void)
{
	CU_ASSERT_STRING_EQUAL(valid_orgnr_normalise(A, "2120000142"), "212000-0142");
	CU_ASSERT_STRING_EQUAL(valid_orgnr_normalise(A, "212000-0142"), "212000-0142");
	CU_ASSERT_STRING_EQUAL(valid_orgnr_normalise(A, "  232100-0016\t"),
	    "232100-0016");
	CU_ASSERT_STRING_EQUAL(valid_orgnr_normalise(A, " 2321000016 "), "232100-0016");
	CU_ASSERT_PTR_NULL(valid_orgnr_normalise(A, NULL));
	CU_ASSERT_PTR_NULL(valid_orgnr_normalise(A, ""));
	CU_ASSERT_PTR_NULL(valid_orgnr_normalise(A, "   "));
	CU_ASSERT_PTR_NULL(valid_orgnr_normalise(A, "212000-0143"));
	CU_ASSERT_PTR_NULL(valid_orgnr_normalise(A, "212000 0142"));
	CU_ASSERT_PTR_NULL(valid_orgnr_normalise(A, "811218-9876"));
}

static void
test_valid_amount_plain(void)
{
	CU_ASSERT_EQUAL(amount("450000"), 450000);
	CU_ASSERT_EQUAL(amount("0"), 0);
	CU_ASSERT_EQUAL(amount("7"), 7);
	CU_ASSERT_EQUAL(amount("000450000"), 450000);
	CU_ASSERT_EQUAL(amount("  450000  "), 450000);
	CU_ASSERT_EQUAL(amount("\t450000"), 450000);
}

static void
test_valid_amount_swedish_groups(void)
{
	CU_ASSERT_EQUAL(amount("450 000"), 450000);
	CU_ASSERT_EQUAL(amount("1 500 000"), 1500000);
	CU_ASSERT_EQUAL(amount("1 500"), 1500);
	CU_ASSERT_EQUAL(amount("45 000"), 45000);
	CU_ASSERT_EQUAL(amount("450\xc2\xa0" "000"), 450000);
	CU_ASSERT_EQUAL(amount("450\xe2\x80\xaf" "000"), 450000);
	/* Kinds of space may mix: a pasted amount often does. */
	CU_ASSERT_EQUAL(amount("1\xc2\xa0" "500 000"), 1500000);
	CU_ASSERT_EQUAL(amount("1\xe2\x80\xaf" "500\xc2\xa0" "000"), 1500000);
}

static void
test_valid_amount_currency(void)
{
	CU_ASSERT_EQUAL(amount("450 000 kr"), 450000);
	CU_ASSERT_EQUAL(amount("450000kr"), 450000);
	CU_ASSERT_EQUAL(amount("450 000kr"), 450000);
	CU_ASSERT_EQUAL(amount("450 000 SEK"), 450000);
	CU_ASSERT_EQUAL(amount("450000sek"), 450000);
	CU_ASSERT_EQUAL(amount("450 000 Kr"), 450000);
	CU_ASSERT_EQUAL(amount("450 000 KR "), 450000);
	CU_ASSERT_EQUAL(amount("450 000 kronor"), 450000);
	CU_ASSERT_EQUAL(amount("450 000:-"), 450000);
	CU_ASSERT_EQUAL(amount("450 000 :-"), 450000);
	CU_ASSERT_EQUAL(amount("450\xc2\xa0" "000\xc2\xa0" "kr"), 450000);
	CU_ASSERT_EQUAL(amount("SEK 450,000"), 450000);
	CU_ASSERT_EQUAL(amount("SEK450000"), 450000);
	CU_ASSERT_EQUAL(amount("sek 450 000"), 450000);
	CU_ASSERT_EQUAL(amount("SEK\xc2\xa0" "450,000"), 450000);
}

static void
test_valid_amount_english_commas(void)
{
	CU_ASSERT_EQUAL(amount("450,000"), 450000);
	CU_ASSERT_EQUAL(amount("1,500,000"), 1500000);
	CU_ASSERT_EQUAL(amount("1,000"), 1000);
	CU_ASSERT_EQUAL(amount("450,000.00"), 450000);
	CU_ASSERT_EQUAL(amount("450,000 SEK"), 450000);
}

static void
test_valid_amount_zero_ore(void)
{
	CU_ASSERT_EQUAL(amount("450 000,00"), 450000);
	CU_ASSERT_EQUAL(amount("450 000,0"), 450000);
	CU_ASSERT_EQUAL(amount("450000,00 kr"), 450000);
	CU_ASSERT_EQUAL(amount("450000.00"), 450000);
	CU_ASSERT_EQUAL(amount("450 000.0"), 450000);
	CU_ASSERT_EQUAL(amount("450,00"), 450);
	CU_ASSERT_EQUAL(amount("0,00"), 0);
	/* Öre are not kronor: amounts here are whole. */
	CU_ASSERT_EQUAL(amount("450 000,50"), -1);
	CU_ASSERT_EQUAL(amount("450 000,05"), -1);
	CU_ASSERT_EQUAL(amount("450,5"), -1);
	CU_ASSERT_EQUAL(amount("450.50"), -1);
	CU_ASSERT_EQUAL(amount("450 000,"), -1);
	CU_ASSERT_EQUAL(amount("450 000."), -1);
	CU_ASSERT_EQUAL(amount("450 000,000"), -1);
	CU_ASSERT_EQUAL(amount("450,0000"), -1);
	/* The decimal mark must differ from the group separator. */
	CU_ASSERT_EQUAL(amount("450,000,00"), -1);
	CU_ASSERT_EQUAL(amount("450.000"), -1);
	CU_ASSERT_EQUAL(amount("450.000,00"), -1);
}

static void
test_valid_amount_bad_grouping(void)
{
	CU_ASSERT_EQUAL(amount("45 0000"), -1);
	CU_ASSERT_EQUAL(amount("4500 000"), -1);
	CU_ASSERT_EQUAL(amount("450 00"), -1);
	CU_ASSERT_EQUAL(amount("450  000"), -1);
	CU_ASSERT_EQUAL(amount("450\t000"), -1);
	CU_ASSERT_EQUAL(amount("1 500,000"), -1);
	CU_ASSERT_EQUAL(amount("1,500 000"), -1);
	CU_ASSERT_EQUAL(amount("45,0000"), -1);
	CU_ASSERT_EQUAL(amount("4500,000"), -1);
	CU_ASSERT_EQUAL(amount(",000"), -1);
	CU_ASSERT_EQUAL(amount("450 000 000 0"), -1);
}

static void
test_valid_amount_rejects(void)
{
	CU_ASSERT_EQUAL(amount(NULL), -1);
	CU_ASSERT_EQUAL(amount(""), -1);
	CU_ASSERT_EQUAL(amount("   "), -1);
	CU_ASSERT_EQUAL(amount("kr"), -1);
	CU_ASSERT_EQUAL(amount("SEK"), -1);
	CU_ASSERT_EQUAL(amount(":-"), -1);
	CU_ASSERT_EQUAL(amount("-450000"), -1);
	CU_ASSERT_EQUAL(amount("\xe2\x88\x92" "450 000 kr"), -1);
	CU_ASSERT_EQUAL(amount("+450000"), -1);
	CU_ASSERT_EQUAL(amount("450 000 kr kr"), -1);
	CU_ASSERT_EQUAL(amount("SEK 450 000 kr"), -1);
	CU_ASSERT_EQUAL(amount("kr 450 000"), -1);
	CU_ASSERT_EQUAL(amount("450k"), -1);
	CU_ASSERT_EQUAL(amount("450 000 krona"), -1);
	CU_ASSERT_EQUAL(amount("450 tusen"), -1);
	CU_ASSERT_EQUAL(amount("4.5e5"), -1);
	CU_ASSERT_EQUAL(amount("0x10"), -1);
	CU_ASSERT_EQUAL(amount("450000 EUR"), -1);
	CU_ASSERT_EQUAL(amount("$450000"), -1);
	CU_ASSERT_EQUAL(amount("450000\n"), -1);
	CU_ASSERT_EQUAL(amount("\xef\xbc\x94\xef\xbc\x95\xef\xbc\x90"), -1);
}

static void
test_valid_amount_output_only_on_success(void)
{
	long long v = 42;

	CU_ASSERT_EQUAL(valid_amount("12 34", &v), KERR_INVALID);
	CU_ASSERT_EQUAL(valid_amount("1000000000001", &v), KERR_INVALID);
	CU_ASSERT_EQUAL(valid_amount("450 000,50", &v), KERR_INVALID);
	CU_ASSERT_EQUAL(v, 42);
}

static void
test_valid_amount_limits(void)
{
	CU_ASSERT_EQUAL(amount("1000000000000"), VALID_AMOUNT_MAX);
	CU_ASSERT_EQUAL(amount("1 000 000 000 000 kr"), VALID_AMOUNT_MAX);
	CU_ASSERT_EQUAL(amount("999 999 999 999"), 999999999999LL);
	CU_ASSERT_EQUAL(amount("1000000000001"), -1);
	CU_ASSERT_EQUAL(amount("1 000 000 000 001"), -1);
	CU_ASSERT_EQUAL(amount("9223372036854775807"), -1);
	CU_ASSERT_EQUAL(amount("99999999999999999999999999999999"), -1);
	CU_ASSERT_EQUAL(amount("00000000000000000000000000000001"), 1);
}

static void
test_valid_date_good(void)
{
	int y = 0, m = 0, d = 0;

	CU_ASSERT_EQUAL(valid_date("2016-05-31", &y, &m, &d), KERR_OK);
	CU_ASSERT_EQUAL(y, 2016);
	CU_ASSERT_EQUAL(m, 5);
	CU_ASSERT_EQUAL(d, 31);
	CU_ASSERT_EQUAL(valid_date("1990-01-01", &y, &m, &d), KERR_OK);
	CU_ASSERT_EQUAL(valid_date("2100-12-31", &y, &m, &d), KERR_OK);
	CU_ASSERT_EQUAL(valid_date("2016-12-31", &y, &m, &d), KERR_OK);
	CU_ASSERT_EQUAL(valid_date("2016-04-30", &y, &m, &d), KERR_OK);
}

static void
test_valid_date_leap_years(void)
{
	int y, m, d;

	CU_ASSERT_EQUAL(valid_date("2016-02-29", &y, &m, &d), KERR_OK);
	CU_ASSERT_EQUAL(d, 29);
	CU_ASSERT_EQUAL(valid_date("2000-02-29", &y, &m, &d), KERR_OK);
	CU_ASSERT_EQUAL(valid_date("2017-02-29", &y, &m, &d), KERR_INVALID);
	CU_ASSERT_EQUAL(valid_date("2100-02-29", &y, &m, &d), KERR_INVALID);
	CU_ASSERT_EQUAL(valid_date("2016-02-30", &y, &m, &d), KERR_INVALID);
	CU_ASSERT_EQUAL(valid_date("2017-02-28", &y, &m, &d), KERR_OK);
}

static void
test_valid_date_bad(void)
{
	static const char *const bad[] = {
		"", "2016-5-31", "2016-05-1", "16-05-31", "2016/05/31", "20160531",
		"2016-05-31 ", " 2016-05-31", "2016-05-31T00:00", "2016-00-10",
		"2016-13-01", "2016-01-00", "2016-01-32", "2016-04-31",
		"2016-06-31", "2016-09-31", "2016-11-31", "1989-12-31",
		"2101-01-01", "0000-01-01", "2016-0a-01", "2016-+1-01",
		"2016- 1-01", "2016-1--01", "-016-01-01", "31-05-2016",
		"2016-05-3\xc2\xb9", NULL
	};
	const char *const *s;
	int y = -1, m = -1, d = -1;

	CU_ASSERT_EQUAL(valid_date(NULL, &y, &m, &d), KERR_INVALID);
	for (s = bad; *s != NULL; s++)
		CU_ASSERT_EQUAL(valid_date(*s, &y, &m, &d), KERR_INVALID);
	/* Outputs are written only on success. */
	CU_ASSERT_EQUAL(y, -1);
	CU_ASSERT_EQUAL(m, -1);
	CU_ASSERT_EQUAL(d, -1);
}

static void
test_valid_email_good(void)
{
	CU_ASSERT(valid_email("admin@icld.example"));
	CU_ASSERT(valid_email("borlange@kommun.example"));
	CU_ASSERT(valid_email("anna.svensson+kpp@vasteras.se"));
	CU_ASSERT(valid_email("a@b.se"));
	CU_ASSERT(valid_email("x_y-z@sub.region-gotland.se"));
	CU_ASSERT(valid_email("\xc3\xa5sa@v\xc3\xa4ster\xc3\xa5s.se"));
	CU_ASSERT(valid_email("o'brien@example.org"));
}

static void
test_valid_email_bad(void)
{
	static const char *const bad[] = {
		"", "plain", "@icld.se", "a@", "a@b", "a@@b.se", "a@b@c.se",
		"a b@c.se", "a@b c.se", " a@b.se", "a@b.se ", "a@b.se\n",
		"a\t@b.se", "Anna <a@b.se>", "a@b.se, c@d.se", "a@b.se;c@d.se",
		"\"a\"@b.se", "a@[192.0.2.1]", "a@.b.se", "a@b.se.", "a@b..se",
		".a@b.se", "a.@b.se", "a..b@c.se", "a@b_c.se", "a@b.se/x",
		"a\x7f@b.se", "a(x)@b.se", "a:b@c.se", "a\\b@c.se", NULL
	};
	const char *const *s;

	CU_ASSERT_FALSE(valid_email(NULL));
	for (s = bad; *s != NULL; s++)
		CU_ASSERT_FALSE(valid_email(*s));
}

static void
test_valid_email_lengths(void)
{
	char s[300];
	size_t i;

	/* 64 bytes of local part is the most. */
	for (i = 0; i < 64; i++)
		s[i] = 'a';
	memcpy(s + 64, "@b.se", 6);
	CU_ASSERT(valid_email(s));
	memmove(s + 1, s, 70);
	CU_ASSERT_FALSE(valid_email(s));
	/* 254 bytes in all is the most. */
	memcpy(s, "a@", 2);
	for (i = 2; i < 251; i++)
		s[i] = 'b';
	memcpy(s + 251, ".se", 4);
	CU_ASSERT_EQUAL_FATAL(strlen(s), 254);
	CU_ASSERT(valid_email(s));
	s[251] = 'b';
	memcpy(s + 252, ".se", 4);
	CU_ASSERT_EQUAL_FATAL(strlen(s), 255);
	CU_ASSERT_FALSE(valid_email(s));
}

static void
test_valid_int_range_good(void)
{
	long long v = 0;

	CU_ASSERT_EQUAL(valid_int_range("3", 1, 5, &v), KERR_OK);
	CU_ASSERT_EQUAL(v, 3);
	CU_ASSERT_EQUAL(valid_int_range("1", 1, 5, &v), KERR_OK);
	CU_ASSERT_EQUAL(valid_int_range("5", 1, 5, &v), KERR_OK);
	CU_ASSERT_EQUAL(valid_int_range("007", 0, 10, &v), KERR_OK);
	CU_ASSERT_EQUAL(v, 7);
	CU_ASSERT_EQUAL(valid_int_range("-12", -20, 0, &v), KERR_OK);
	CU_ASSERT_EQUAL(v, -12);
	CU_ASSERT_EQUAL(valid_int_range("-0", 0, 0, &v), KERR_OK);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(valid_int_range("9223372036854775807", LLONG_MIN, LLONG_MAX,
	    &v), KERR_OK);
	CU_ASSERT_EQUAL(v, LLONG_MAX);
	CU_ASSERT_EQUAL(valid_int_range("-9223372036854775808", LLONG_MIN, LLONG_MAX,
	    &v), KERR_OK);
	CU_ASSERT_EQUAL(v, LLONG_MIN);
}

static void
test_valid_int_range_bad(void)
{
	static const char *const bad[] = {
		"", "-", "+3", " 3", "3 ", "3a", "0x3", "3.0", "3,0", "--3", "- 3",
		"1e2", "\xef\xbc\x93", NULL
	};
	const char *const *s;
	long long v = 42;

	CU_ASSERT_EQUAL(valid_int_range(NULL, 0, 10, &v), KERR_INVALID);
	for (s = bad; *s != NULL; s++)
		CU_ASSERT_EQUAL(valid_int_range(*s, LLONG_MIN, LLONG_MAX, &v),
		    KERR_INVALID);
	CU_ASSERT_EQUAL(valid_int_range("0", 1, 5, &v), KERR_INVALID);
	CU_ASSERT_EQUAL(valid_int_range("6", 1, 5, &v), KERR_INVALID);
	CU_ASSERT_EQUAL(valid_int_range("-1", 0, 5, &v), KERR_INVALID);
	CU_ASSERT_EQUAL(valid_int_range("9223372036854775808", LLONG_MIN,
	    LLONG_MAX, &v), KERR_INVALID);
	CU_ASSERT_EQUAL(valid_int_range("-9223372036854775809", LLONG_MIN,
	    LLONG_MAX, &v), KERR_INVALID);
	CU_ASSERT_EQUAL(valid_int_range("99999999999999999999", LLONG_MIN,
	    LLONG_MAX, &v), KERR_INVALID);
	CU_ASSERT_EQUAL(v, 42);
}

static void
test_valid_decimal_places(void)
{
	const char *v;

	CU_ASSERT_STRING_EQUAL((v = valid_decimal_places(A, " -0,0917 ", 6)) ? v : "", "-0.0917");
	CU_ASSERT_STRING_EQUAL((v = valid_decimal_places(A, "34.768012", 6)) ? v : "", "34.768012");
	CU_ASSERT_PTR_NULL(valid_decimal_places(A, "34.7680123", 6));
	CU_ASSERT_PTR_NULL(valid_decimal_places(A, "34.768", 2));
	CU_ASSERT_PTR_NULL(valid_decimal_places(A, "34,", 6));
	CU_ASSERT_PTR_NULL(valid_decimal_places(A, "N34", 6));
	/* valid_decimal() is the two-decimal case. */
	CU_ASSERT_STRING_EQUAL((v = valid_decimal(A, "12,5")) ? v : "", "12.5");
	CU_ASSERT_PTR_NULL(valid_decimal(A, "12.505"));
	/* Spaces only between groups of thousands, as in "1 500,25". */
	CU_ASSERT_STRING_EQUAL((v = valid_decimal(A, "1 500,25")) ? v : "", "1500.25");
	CU_ASSERT_STRING_EQUAL((v = valid_decimal(A, "12 345 678")) ? v : "", "12345678");
	CU_ASSERT_PTR_NULL(valid_decimal(A, "3 4.5"));
	CU_ASSERT_PTR_NULL(valid_decimal(A, "1 50"));
	CU_ASSERT_PTR_NULL(valid_decimal(A, "1234 567"));
	CU_ASSERT_PTR_NULL(valid_decimal(A, "1 5000"));
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_valid_luhn", test_valid_luhn },
		{ "test_valid_orgnr_real_numbers", test_valid_orgnr_real_numbers },
		{ "test_valid_orgnr_bad_check_digit", test_valid_orgnr_bad_check_digit },
		{ "test_valid_orgnr_bad_shape", test_valid_orgnr_bad_shape },
		{ "test_valid_orgnr_not_personal_number", test_valid_orgnr_not_personal_number },
		{ "test_valid_orgnr_normalise", test_valid_orgnr_normalise },
		{ "test_valid_amount_plain", test_valid_amount_plain },
		{ "test_valid_amount_swedish_groups", test_valid_amount_swedish_groups },
		{ "test_valid_amount_currency", test_valid_amount_currency },
		{ "test_valid_amount_english_commas", test_valid_amount_english_commas },
		{ "test_valid_amount_zero_ore", test_valid_amount_zero_ore },
		{ "test_valid_amount_bad_grouping", test_valid_amount_bad_grouping },
		{ "test_valid_amount_rejects", test_valid_amount_rejects },
		{ "test_valid_amount_output_only_on_success", test_valid_amount_output_only_on_success },
		{ "test_valid_amount_limits", test_valid_amount_limits },
		{ "test_valid_date_good", test_valid_date_good },
		{ "test_valid_date_leap_years", test_valid_date_leap_years },
		{ "test_valid_date_bad", test_valid_date_bad },
		{ "test_valid_email_good", test_valid_email_good },
		{ "test_valid_email_bad", test_valid_email_bad },
		{ "test_valid_email_lengths", test_valid_email_lengths },
		{ "test_valid_int_range_good", test_valid_int_range_good },
		{ "test_valid_int_range_bad", test_valid_int_range_bad },
		{ "test_valid_decimal_places", test_valid_decimal_places },
		{ NULL, NULL }
	};
	int rc;

	if ((A = arena_new(4096)) == NULL)
		return 2;
	rc = unit_run("valid", tests);
	arena_free(A);
	return rc;
}
