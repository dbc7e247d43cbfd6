/* test_csv.c - unit tests for csv.c: the dialect Swedish Excel opens, quoting, and formula neutralisation. */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "unit.h"
#include "views/csv.h"

#define BOM	"\xef\xbb\xbf"

static struct arena *A;

/* One row of text cells (NULL-terminated), as the document writes it after its BOM. */
static const char *
row(const char *const *cells)
{
	struct buf b;
	struct csv c;

	buf_init(&b, A, 0);
	csv_start(&c, &b);
	for (; *cells != NULL; cells++)
		csv_text(&c, *cells);
	csv_row_end(&c);
	CU_ASSERT(strncmp(b.data, BOM, 3) == 0);
	return b.data + 3;
}

/* One text cell alone on its row, without the row's CRLF. */
static const char *
cell(const char *s)
{
	const char *cells[] = { s, NULL };
	const char *r = row(cells);
	size_t n = strlen(r);

	CU_ASSERT(n >= 2 && strcmp(r + n - 2, "\r\n") == 0);
	return arena_strndup(A, r, n - 2);
}

static void
test_csv_starts_with_bom(void)
{
	struct buf b;
	struct csv c;

	buf_init(&b, A, 0);
	csv_start(&c, &b);
	CU_ASSERT_EQUAL(b.len, 3);
	CU_ASSERT(memcmp(b.data, BOM, 3) == 0);
}

static void
test_csv_semicolons_and_crlf(void)
{
	struct buf b;
	struct csv c;

	buf_init(&b, A, 0);
	csv_start(&c, &b);
	csv_text(&c, "Ref");
	csv_text(&c, "Title");
	csv_text(&c, "Amount");
	csv_row_end(&c);
	csv_int(&c, 142);
	csv_text(&c, "Medborgardialog");
	csv_int(&c, 1500000);
	csv_row_end(&c);
	CU_ASSERT_STRING_EQUAL(b.data, BOM "Ref;Title;Amount\r\n142;Medborgardialog;1500000\r\n");
}

static void
test_csv_amounts_plain_integers(void)
{
	struct buf b;
	struct csv c;

	buf_init(&b, A, 0);
	csv_start(&c, &b);
	csv_int(&c, 1500000);
	csv_int(&c, 0);
	/* A number is never neutralised, even negative: it is not text a person typed. */
	csv_int(&c, -1500);
	csv_row_end(&c);
	CU_ASSERT_STRING_EQUAL(b.data + 3, "1500000;0;-1500\r\n");
}

static void
test_csv_empty_cells(void)
{
	struct buf b;
	struct csv c;

	buf_init(&b, A, 0);
	csv_start(&c, &b);
	csv_text(&c, NULL);
	csv_text(&c, "");
	csv_empty(&c);
	csv_text(&c, "x");
	csv_row_end(&c);
	CU_ASSERT_STRING_EQUAL(b.data + 3, ";;;x\r\n");
}

static void
test_csv_dates_iso_unquoted(void)
{
	CU_ASSERT_STRING_EQUAL(cell("2016-09-30"), "2016-09-30");
}

static void
test_csv_plain_text_and_utf8_unquoted(void)
{
	CU_ASSERT_STRING_EQUAL(cell("Borlänge kommun"), "Borlänge kommun");
	CU_ASSERT_STRING_EQUAL(cell("Kaunti ya Kisumu, Kenya"), "Kaunti ya Kisumu, Kenya");
	CU_ASSERT_STRING_EQUAL(cell("a'b"), "a'b");
}

static void
test_csv_quotes_separator(void)
{
	CU_ASSERT_STRING_EQUAL(cell("Växjö; Kalmar"), "\"Växjö; Kalmar\"");
}

static void
test_csv_doubles_quotes(void)
{
	CU_ASSERT_STRING_EQUAL(cell("The \"green\" city"), "\"The \"\"green\"\" city\"");
	CU_ASSERT_STRING_EQUAL(cell("\""), "\"\"\"\"");
}

static void
test_csv_quotes_line_breaks(void)
{
	CU_ASSERT_STRING_EQUAL(cell("one\ntwo"), "\"one\ntwo\"");
	CU_ASSERT_STRING_EQUAL(cell("one\r\ntwo"), "\"one\r\ntwo\"");
	CU_ASSERT_STRING_EQUAL(cell("one\rtwo"), "\"one\rtwo\"");
}

static void
test_csv_neutralises_formulas(void)
{
	CU_ASSERT_STRING_EQUAL(cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
	CU_ASSERT_STRING_EQUAL(cell("=1+2"), "'=1+2");
	CU_ASSERT_STRING_EQUAL(cell("+46 8 123"), "'+46 8 123");
	CU_ASSERT_STRING_EQUAL(cell("-2+3"), "'-2+3");
	CU_ASSERT_STRING_EQUAL(cell("@SUM(A1)"), "'@SUM(A1)");
	CU_ASSERT_STRING_EQUAL(cell("\t=1"), "'\t=1");
	/* A leading CR is neutralised and, being a line break, quoted too. */
	CU_ASSERT_STRING_EQUAL(cell("\r=1"), "\"'\r=1\"");
	/* Only the first character counts: these are plain text. */
	CU_ASSERT_STRING_EQUAL(cell("a=b"), "a=b");
	CU_ASSERT_STRING_EQUAL(cell(" =1"), " =1");
	CU_ASSERT_STRING_EQUAL(cell("2016-0033"), "2016-0033");
}

static void
test_csv_neutralised_and_quoted(void)
{
	CU_ASSERT_STRING_EQUAL(cell("=A1;B1"), "\"'=A1;B1\"");
	CU_ASSERT_STRING_EQUAL(cell("-\"x\"\n"), "\"'-\"\"x\"\"\n\"");
}

static void
test_csv_row_end_resets_separator(void)
{
	const char *cells[] = { "a", "b", NULL };
	struct buf b;
	struct csv c;

	CU_ASSERT_STRING_EQUAL(row(cells), "a;b\r\n");
	buf_init(&b, A, 0);
	csv_start(&c, &b);
	csv_text(&c, "a");
	csv_row_end(&c);
	csv_text(&c, "b");
	csv_row_end(&c);
	csv_row_end(&c);
	CU_ASSERT_STRING_EQUAL(b.data + 3, "a\r\nb\r\n\r\n");
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_csv_starts_with_bom", test_csv_starts_with_bom },
		{ "test_csv_semicolons_and_crlf", test_csv_semicolons_and_crlf },
		{ "test_csv_amounts_plain_integers", test_csv_amounts_plain_integers },
		{ "test_csv_empty_cells", test_csv_empty_cells },
		{ "test_csv_dates_iso_unquoted", test_csv_dates_iso_unquoted },
		{ "test_csv_plain_text_and_utf8_unquoted", test_csv_plain_text_and_utf8_unquoted },
		{ "test_csv_quotes_separator", test_csv_quotes_separator },
		{ "test_csv_doubles_quotes", test_csv_doubles_quotes },
		{ "test_csv_quotes_line_breaks", test_csv_quotes_line_breaks },
		{ "test_csv_neutralises_formulas", test_csv_neutralises_formulas },
		{ "test_csv_neutralised_and_quoted", test_csv_neutralised_and_quoted },
		{ "test_csv_row_end_resets_separator", test_csv_row_end_resets_separator },
		{ NULL, NULL }
	};
	int rc;

	if ((A = arena_new(4096)) == NULL)
		return 2;
	rc = unit_run("csv", tests);
	arena_free(A);
	return rc;
}
