/* test_form.c - unit tests for form.c: urlencoded decoding, cookies, UTF-8 checks, URL encoding. */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "http/form.h"
#include "unit.h"

static struct arena *A;

/* Parses the C string s with a generous limit; the pairs live in A. */
static enum kerr
parse(const char *s, struct params *p)
{
	return form_parse_urlencoded(A, s, strlen(s), 100, p);
}

static int
bad(const char *s)
{
	struct params p;

	return parse(s, &p) == KERR_BADREQ && p.n == 0 && p.v == NULL;
}

static void
test_form_pairs_in_order(void)
{
	struct params p;

	CU_ASSERT_EQUAL_FATAL(parse("title=Water&country=KE&year=2016", &p), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(p.n, 3);
	CU_ASSERT_STRING_EQUAL(p.v[0].name, "title");
	CU_ASSERT_STRING_EQUAL(p.v[0].value, "Water");
	CU_ASSERT_EQUAL(p.v[0].valuelen, 5);
	CU_ASSERT_STRING_EQUAL(p.v[1].name, "country");
	CU_ASSERT_STRING_EQUAL(p.v[2].value, "2016");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "country"), "KE");
	CU_ASSERT_PTR_NULL(form_get(&p, "missing"));
	CU_ASSERT_PTR_NULL(form_get(&p, "Title"));
}

static void
test_form_empty_input(void)
{
	struct params p;

	CU_ASSERT_EQUAL(form_parse_urlencoded(A, "", 0, 10, &p), KERR_OK);
	CU_ASSERT_EQUAL(p.n, 0);
	CU_ASSERT_EQUAL(form_parse_urlencoded(A, NULL, 0, 10, &p), KERR_OK);
	CU_ASSERT_EQUAL(p.n, 0);
	CU_ASSERT_EQUAL(form_parse_urlencoded(A, NULL, 0, 0, &p), KERR_OK);
	CU_ASSERT_EQUAL(p.n, 0);
	CU_ASSERT_PTR_NULL(form_get(&p, "a"));
}

static void
test_form_len_bounds_input(void)
{
	struct params p;
	const char s[] = "a=1&b=2";

	/* Only len bytes are read: the "&b=2" beyond it does not exist. */
	CU_ASSERT_EQUAL_FATAL(form_parse_urlencoded(A, s, 3, 10, &p), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(p.n, 1);
	CU_ASSERT_STRING_EQUAL(p.v[0].value, "1");
	/* Cut in the middle of an escape, the escape is truncated. */
	CU_ASSERT_EQUAL(form_parse_urlencoded(A, "a=%41", 4, 10, &p), KERR_BADREQ);
}

static void
test_form_empty_pieces_skipped(void)
{
	struct params p;

	CU_ASSERT_EQUAL_FATAL(parse("&a=1&&b=2&", &p), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(p.n, 2);
	CU_ASSERT_STRING_EQUAL(p.v[0].name, "a");
	CU_ASSERT_STRING_EQUAL(p.v[1].name, "b");
	CU_ASSERT_EQUAL(parse("&&&", &p), KERR_OK);
	CU_ASSERT_EQUAL(p.n, 0);
}

static void
test_form_pair_without_equals(void)
{
	struct params p;

	CU_ASSERT_EQUAL_FATAL(parse("flag&x=1&other", &p), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(p.n, 3);
	CU_ASSERT_STRING_EQUAL(p.v[0].name, "flag");
	CU_ASSERT_STRING_EQUAL(p.v[0].value, "");
	CU_ASSERT_EQUAL(p.v[0].valuelen, 0);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "other"), "");
}

static void
test_form_empty_names_and_values(void)
{
	struct params p;

	CU_ASSERT_EQUAL_FATAL(parse("=x&a=&=", &p), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(p.n, 3);
	CU_ASSERT_STRING_EQUAL(p.v[0].name, "");
	CU_ASSERT_STRING_EQUAL(p.v[0].value, "x");
	CU_ASSERT_STRING_EQUAL(p.v[1].name, "a");
	CU_ASSERT_STRING_EQUAL(p.v[1].value, "");
	CU_ASSERT_STRING_EQUAL(p.v[2].name, "");
	CU_ASSERT_STRING_EQUAL(p.v[2].value, "");
	CU_ASSERT_STRING_EQUAL(form_get(&p, ""), "x");
}

static void
test_form_value_keeps_later_equals(void)
{
	struct params p;

	CU_ASSERT_EQUAL_FATAL(parse("next=/a?b=c&d==", &p), KERR_OK);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "next"), "/a?b=c");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "d"), "=");
}

static void
test_form_plus_is_space_but_2b_is_plus(void)
{
	struct params p;

	CU_ASSERT_EQUAL_FATAL(parse("q=a+b&r=a%2Bb&s=%20+&t+u=1&v=++", &p),
	    KERR_OK);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "q"), "a b");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "r"), "a+b");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "s"), "  ");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "t u"), "1");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "v"), "  ");
}

static void
test_form_escapes_decoded(void)
{
	struct params p;

	CU_ASSERT_EQUAL_FATAL(parse("a=%26%3D%25&b=%41%4a%4A%6a&%C3%A5r=2016", &p),
	    KERR_OK);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "a"), "&=%");
	CU_ASSERT_EQUAL(p.v[0].valuelen, 3);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "b"), "AJJj");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "\xc3\xa5r"), "2016");
	/* A decoded '%' is not decoded again. */
	CU_ASSERT_EQUAL_FATAL(parse("a=%2541", &p), KERR_OK);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "a"), "%41");
}

static void
test_form_swedish_text(void)
{
	struct params p;

	/* "Västerås – Växjö" as a browser sends it. */
	CU_ASSERT_EQUAL_FATAL(parse("t=V%C3%A4ster%C3%A5s+%E2%80%93+V%C3%A4xj%C3%B6",
	    &p), KERR_OK);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "t"),
	    "V\xc3\xa4ster\xc3\xa5s \xe2\x80\x93 V\xc3\xa4xj\xc3\xb6");
	CU_ASSERT_EQUAL(p.v[0].valuelen, strlen(p.v[0].value));
	/* Raw UTF-8 is accepted as well: some clients do not escape query strings. */
	CU_ASSERT_EQUAL_FATAL(parse("t=V\xc3\xa4xj\xc3\xb6", &p), KERR_OK);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "t"), "V\xc3\xa4xj\xc3\xb6");
}

static void
test_form_line_breaks_kept(void)
{
	struct params p;

	CU_ASSERT_EQUAL_FATAL(parse("text=a%0D%0Ab%0Ac%09d", &p), KERR_OK);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "text"), "a\r\nb\nc\td");
	CU_ASSERT_EQUAL(p.v[0].valuelen, 8);
}

static void
test_form_malformed_escapes(void)
{
	CU_ASSERT(bad("a=%G1"));
	CU_ASSERT(bad("a=%1G"));
	CU_ASSERT(bad("a=%"));
	CU_ASSERT(bad("a=%4"));
	CU_ASSERT(bad("a=x%"));
	CU_ASSERT(bad("a=%%41"));
	CU_ASSERT(bad("a=%+1"));
	CU_ASSERT(bad("a=% 1"));
	CU_ASSERT(bad("a=%-1"));
	CU_ASSERT(bad("a=%u00e5"));
	CU_ASSERT(bad("a=%4&b=1"));
	CU_ASSERT(bad("%ZZ=1"));
	CU_ASSERT(bad("%=1"));
	CU_ASSERT(bad("ok=1&a%=1"));
	CU_ASSERT(bad("ok=1&bad=%C3%A"));
}

static void
test_form_nul_refused(void)
{
	struct params p;

	CU_ASSERT(bad("a=%00"));
	CU_ASSERT(bad("a=x%00y"));
	CU_ASSERT(bad("%00=1"));
	CU_ASSERT(bad("a%00b=1"));
	/* A raw NUL inside the given length. */
	CU_ASSERT_EQUAL(form_parse_urlencoded(A, "a=x\0y", 5, 10, &p), KERR_BADREQ);
	CU_ASSERT_EQUAL(form_parse_urlencoded(A, "a\0=1", 4, 10, &p), KERR_BADREQ);
	/* %0 followed by another digit is an ordinary control byte. */
	CU_ASSERT_EQUAL_FATAL(parse("a=%01%10", &p), KERR_OK);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "a"), "\x01\x10");
}

static void
test_form_invalid_utf8_refused(void)
{
	/* Lone continuation bytes and invalid lead bytes. */
	CU_ASSERT(bad("a=%80"));
	CU_ASSERT(bad("a=%BF"));
	CU_ASSERT(bad("a=%FE"));
	CU_ASSERT(bad("a=%FF"));
	/* Overlongs: '/' in two bytes, NUL in two, U+0800 in three, U+10000 in four. */
	CU_ASSERT(bad("a=%C0%AF"));
	CU_ASSERT(bad("a=%C1%BF"));
	CU_ASSERT(bad("a=%C0%80"));
	CU_ASSERT(bad("a=%E0%80%AF"));
	CU_ASSERT(bad("a=%E0%9F%BF"));
	CU_ASSERT(bad("a=%F0%8F%BF%BF"));
	/* Surrogates U+D800 and U+DFFF, alone and as a CESU-8 pair. */
	CU_ASSERT(bad("a=%ED%A0%80"));
	CU_ASSERT(bad("a=%ED%BF%BF"));
	CU_ASSERT(bad("a=%ED%A0%BD%ED%B8%80"));
	/* Above U+10FFFF, and the five- and six-byte forms. */
	CU_ASSERT(bad("a=%F4%90%80%80"));
	CU_ASSERT(bad("a=%F5%80%80%80"));
	CU_ASSERT(bad("a=%F8%88%80%80%80"));
	CU_ASSERT(bad("a=%FC%84%80%80%80%80"));
	/* Truncated sequences, at the end and before other bytes. */
	CU_ASSERT(bad("a=%C3"));
	CU_ASSERT(bad("a=%E2%80"));
	CU_ASSERT(bad("a=%F0%9F%98"));
	CU_ASSERT(bad("a=%C3x"));
	CU_ASSERT(bad("a=%E2%80x"));
	CU_ASSERT(bad("a=%C3%C3%A5"));
	/* The same in a name, and raw. */
	CU_ASSERT(bad("%C3=1"));
	CU_ASSERT(bad("a=\xc3"));
	CU_ASSERT(bad("\xff=1"));
}

static void
test_form_valid_utf8_boundaries(void)
{
	struct params p;

	/* U+007F, U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFD, U+FFFF, U+10000, U+10FFFF. */
	CU_ASSERT_EQUAL(parse("a=%7F&b=%C2%80&c=%DF%BF&d=%E0%A0%80&e=%ED%9F%BF"
	    "&f=%EE%80%80&g=%EF%BF%BD&h=%EF%BF%BF&i=%F0%90%80%80&j=%F4%8F%BF%BF",
	    &p), KERR_OK);
	CU_ASSERT_EQUAL(p.n, 10);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "j"), "\xf4\x8f\xbf\xbf");
}

static void
test_form_max_params(void)
{
	struct params p;

	CU_ASSERT_EQUAL(form_parse_urlencoded(A, "a=1&b=2&c=3", 11, 3, &p), KERR_OK);
	CU_ASSERT_EQUAL(p.n, 3);
	CU_ASSERT_EQUAL(form_parse_urlencoded(A, "a=1&b=2&c=3", 11, 2, &p),
	    KERR_BADREQ);
	CU_ASSERT_EQUAL(p.n, 0);
	CU_ASSERT_EQUAL(form_parse_urlencoded(A, "a", 1, 0, &p), KERR_BADREQ);
	/* Empty pieces do not count. */
	CU_ASSERT_EQUAL(form_parse_urlencoded(A, "a=1&&&&b=2&", 11, 2, &p), KERR_OK);
	CU_ASSERT_EQUAL(p.n, 2);
}

static void
test_form_many_params(void)
{
	struct params p;
	char s[8000];
	size_t n = 0;
	int i;

	for (i = 0; i < 1000; i++)
		n += (size_t)snprintf(s + n, sizeof(s) - n, "%sk=%d", i ? "&" : "", i);
	CU_ASSERT_EQUAL_FATAL(form_parse_urlencoded(A, s, n, 1000, &p), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(p.n, 1000);
	CU_ASSERT_STRING_EQUAL(p.v[999].value, "999");
	CU_ASSERT_EQUAL(form_parse_urlencoded(A, s, n, 999, &p), KERR_BADREQ);
}

static void
test_form_repeated_names(void)
{
	struct params p;
	const char *v[4];

	CU_ASSERT_EQUAL_FATAL(parse("sdg=5&x=1&sdg=11&sdg=16", &p), KERR_OK);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "sdg"), "5");
	CU_ASSERT_EQUAL_FATAL(form_get_all(&p, "sdg", v, 4), 3);
	CU_ASSERT_STRING_EQUAL(v[0], "5");
	CU_ASSERT_STRING_EQUAL(v[1], "11");
	CU_ASSERT_STRING_EQUAL(v[2], "16");
	CU_ASSERT_EQUAL(form_get_all(&p, "sdg", v, 2), 2);
	CU_ASSERT_STRING_EQUAL(v[1], "11");
	CU_ASSERT_EQUAL(form_get_all(&p, "sdg", v, 0), 0);
	CU_ASSERT_EQUAL(form_get_all(&p, "none", v, 4), 0);
	CU_ASSERT_EQUAL(form_get_all(&p, "x", v, 4), 1);
}

static void
test_form_utf8_valid(void)
{
	CU_ASSERT(utf8_valid("", 0));
	CU_ASSERT(utf8_valid(NULL, 0));
	CU_ASSERT(utf8_valid("abc", 3));
	CU_ASSERT(utf8_valid("a\0b", 3));
	CU_ASSERT(utf8_valid("\xc3\xa5\xc3\xa4\xc3\xb6", 6));
	CU_ASSERT(utf8_valid("\xe2\x88\x92", 3));
	CU_ASSERT(utf8_valid("\xf0\x9f\x98\x80", 4));
	CU_ASSERT_FALSE(utf8_valid("\xc3\xa5", 1));
	CU_ASSERT_FALSE(utf8_valid("\xf0\x9f\x98\x80", 3));
	CU_ASSERT_FALSE(utf8_valid("\xc2\x7f", 2));
	CU_ASSERT_FALSE(utf8_valid("\xe1\x80\xc0", 3));
	CU_ASSERT_FALSE(utf8_valid("\xf1\x80\x80\x7f", 4));
	CU_ASSERT_FALSE(utf8_valid("\xed\xa0\x80", 3));
	CU_ASSERT_FALSE(utf8_valid("\xc0\x80", 2));
	CU_ASSERT_FALSE(utf8_valid("\xf4\x90\x80\x80", 4));
}

static void
test_form_cookies_basic(void)
{
	struct params p;

	CU_ASSERT_EQUAL_FATAL(form_parse_cookies(A, "kpp_session=abc123; lang=sv", &p),
	    KERR_OK);
	CU_ASSERT_EQUAL_FATAL(p.n, 2);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "kpp_session"), "abc123");
	CU_ASSERT_EQUAL(p.v[0].valuelen, 6);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "lang"), "sv");
}

static void
test_form_cookies_lenient_spaces(void)
{
	struct params p;

	CU_ASSERT_EQUAL_FATAL(form_parse_cookies(A,
	    "  a=1;b=2 ;\tc = 3 ;  ;;d=", &p), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(p.n, 4);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "a"), "1");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "b"), "2");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "c"), "3");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "d"), "");
}

static void
test_form_cookies_quotes(void)
{
	struct params p;

	CU_ASSERT_EQUAL_FATAL(form_parse_cookies(A,
	    "q=\"quoted\"; e=\"\"; one=\"; inner=a\"b; sp=\"a b\"", &p), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(p.n, 5);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "q"), "quoted");
	CU_ASSERT_EQUAL(p.v[0].valuelen, 6);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "e"), "");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "one"), "\"");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "inner"), "a\"b");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "sp"), "a b");
}

static void
test_form_cookies_not_decoded(void)
{
	struct params p;

	CU_ASSERT_EQUAL_FATAL(form_parse_cookies(A, "a=x%20y+z; b=c=d", &p), KERR_OK);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "a"), "x%20y+z");
	CU_ASSERT_STRING_EQUAL(form_get(&p, "b"), "c=d");
}

static void
test_form_cookies_garbage_skipped(void)
{
	struct params p;

	/* Every piece but "ok" and "ok2" is something a browser may send but no cookie. */
	CU_ASSERT_EQUAL_FATAL(form_parse_cookies(A,
	    "garbage; =novalue; ok=1; bad name=2; a\"b=3; (x)=4; ctl=a\x01z; "
	    "del=a\x7f; nl=a\nb; utf=\xc3; \xc3\xa5=5; ok2=\xc3\xa5", &p), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(p.n, 2);
	CU_ASSERT_STRING_EQUAL(p.v[0].name, "ok");
	CU_ASSERT_STRING_EQUAL(p.v[1].name, "ok2");
	CU_ASSERT_STRING_EQUAL(p.v[1].value, "\xc3\xa5");
}

static void
test_form_cookies_empty(void)
{
	struct params p;

	CU_ASSERT_EQUAL(form_parse_cookies(A, NULL, &p), KERR_OK);
	CU_ASSERT_EQUAL(p.n, 0);
	CU_ASSERT_EQUAL(form_parse_cookies(A, "", &p), KERR_OK);
	CU_ASSERT_EQUAL(p.n, 0);
	CU_ASSERT_EQUAL(form_parse_cookies(A, " ; ;; ", &p), KERR_OK);
	CU_ASSERT_EQUAL(p.n, 0);
	CU_ASSERT_PTR_NULL(p.v);
	CU_ASSERT_EQUAL(form_parse_cookies(A, "nonsense", &p), KERR_OK);
	CU_ASSERT_EQUAL(p.n, 0);
	CU_ASSERT_PTR_NULL(form_get(&p, "nonsense"));
}

static void
test_form_cookies_duplicates_first_wins(void)
{
	struct params p;
	const char *v[3];

	CU_ASSERT_EQUAL_FATAL(form_parse_cookies(A, "s=specific; s=general", &p),
	    KERR_OK);
	CU_ASSERT_STRING_EQUAL(form_get(&p, "s"), "specific");
	CU_ASSERT_EQUAL(form_get_all(&p, "s", v, 3), 2);
	CU_ASSERT_STRING_EQUAL(v[1], "general");
}

static void
test_form_urlencode(void)
{
	CU_ASSERT_STRING_EQUAL(form_urlencode(A, ""), "");
	CU_ASSERT_STRING_EQUAL(form_urlencode(A, "AZaz09-._~"), "AZaz09-._~");
	CU_ASSERT_STRING_EQUAL(form_urlencode(A, "a b+c&d=e/f?g#h%"),
	    "a%20b%2Bc%26d%3De%2Ff%3Fg%23h%25");
	CU_ASSERT_STRING_EQUAL(form_urlencode(A, "<\"'>"), "%3C%22%27%3E");
	CU_ASSERT_STRING_EQUAL(form_urlencode(A, "V\xc3\xa4xj\xc3\xb6"),
	    "V%C3%A4xj%C3%B6");
	CU_ASSERT_STRING_EQUAL(form_urlencode(A, "a\r\nb"), "a%0D%0Ab");
}

/* A form kept as text reads back as the same pairs, in order, repeated names too, without the skipped ones. */
static void
test_form_encode_round_trip(void)
{
	static const char sent[] = "csrf=abc&summary=V%C3%A4xj%C3%B6+%26+Nakuru%0D%0Arad+2&sdg=1&sdg=5&empty=&csrf=x";
	struct params p, back;

	CU_ASSERT_EQUAL_FATAL(form_parse_urlencoded(A, sent, strlen(sent), 100, &p), KERR_OK);
	CU_ASSERT_STRING_EQUAL(form_encode(A, &p, "csrf"),
	    "summary=V%C3%A4xj%C3%B6%20%26%20Nakuru%0D%0Arad%202&sdg=1&sdg=5&empty=");
	CU_ASSERT_EQUAL_FATAL(form_parse_urlencoded(A, form_encode(A, &p, "csrf"),
	    strlen(form_encode(A, &p, "csrf")), 100, &back), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(back.n, 4);
	CU_ASSERT_STRING_EQUAL(back.v[0].name, "summary");
	CU_ASSERT_STRING_EQUAL(back.v[0].value, "V\xc3\xa4xj\xc3\xb6 & Nakuru\r\nrad 2");
	CU_ASSERT_STRING_EQUAL(back.v[2].value, "5");
	CU_ASSERT_STRING_EQUAL(back.v[3].value, "");
	CU_ASSERT_EQUAL(form_encode(A, &p, NULL)[0], 'c');
	p.n = 0;
	CU_ASSERT_STRING_EQUAL(form_encode(A, &p, NULL), "");
}

static void
test_form_urlencode_round_trip(void)
{
	static const char *const samples[] = {
		"Region Gotland", "a+b c", "100%", "x=y&z", "\xc3\xa5\xc3\xa4\xc3\xb6 \xe2\x80\x93",
		"line\r\nbreak", "~!*'();:@&=+$,/?#[]", NULL
	};
	struct params p;
	const char *const *s;
	char *q;

	for (s = samples; *s != NULL; s++) {
		q = arena_printf(A, "v=%s", form_urlencode(A, *s));
		CU_ASSERT_EQUAL_FATAL(parse(q, &p), KERR_OK);
		CU_ASSERT_STRING_EQUAL(form_get(&p, "v"), *s);
	}
}

static void
test_form_memory_from_arena(void)
{
	struct params p;
	size_t before = arena_used(A);

	CU_ASSERT_EQUAL(parse("a=1&b=2", &p), KERR_OK);
	CU_ASSERT(arena_used(A) > before);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_form_pairs_in_order", test_form_pairs_in_order },
		{ "test_form_empty_input", test_form_empty_input },
		{ "test_form_len_bounds_input", test_form_len_bounds_input },
		{ "test_form_empty_pieces_skipped", test_form_empty_pieces_skipped },
		{ "test_form_pair_without_equals", test_form_pair_without_equals },
		{ "test_form_empty_names_and_values", test_form_empty_names_and_values },
		{ "test_form_value_keeps_later_equals", test_form_value_keeps_later_equals },
		{ "test_form_plus_is_space_but_2b_is_plus", test_form_plus_is_space_but_2b_is_plus },
		{ "test_form_escapes_decoded", test_form_escapes_decoded },
		{ "test_form_swedish_text", test_form_swedish_text },
		{ "test_form_line_breaks_kept", test_form_line_breaks_kept },
		{ "test_form_malformed_escapes", test_form_malformed_escapes },
		{ "test_form_nul_refused", test_form_nul_refused },
		{ "test_form_invalid_utf8_refused", test_form_invalid_utf8_refused },
		{ "test_form_valid_utf8_boundaries", test_form_valid_utf8_boundaries },
		{ "test_form_max_params", test_form_max_params },
		{ "test_form_many_params", test_form_many_params },
		{ "test_form_repeated_names", test_form_repeated_names },
		{ "test_form_utf8_valid", test_form_utf8_valid },
		{ "test_form_cookies_basic", test_form_cookies_basic },
		{ "test_form_cookies_lenient_spaces", test_form_cookies_lenient_spaces },
		{ "test_form_cookies_quotes", test_form_cookies_quotes },
		{ "test_form_cookies_not_decoded", test_form_cookies_not_decoded },
		{ "test_form_cookies_garbage_skipped", test_form_cookies_garbage_skipped },
		{ "test_form_cookies_empty", test_form_cookies_empty },
		{ "test_form_cookies_duplicates_first_wins", test_form_cookies_duplicates_first_wins },
		{ "test_form_urlencode", test_form_urlencode },
		{ "test_form_urlencode_round_trip", test_form_urlencode_round_trip },
		{ "test_form_encode_round_trip", test_form_encode_round_trip },
		{ "test_form_memory_from_arena", test_form_memory_from_arena },
		{ NULL, NULL }
	};
	int rc;

	if ((A = arena_new(4096)) == NULL)
		return 2;
	rc = unit_run("form", tests);
	arena_free(A);
	return rc;
}
