/* test_sniff.c - unit tests for sniff.c: kinds by content, claims by name and type, files that lie. */
#include <string.h>

#include "http/sniff.h"
#include "unit.h"

static const unsigned char PDF[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj";
static const unsigned char PNG[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
static const unsigned char JPEG[] = "\xff\xd8\xff\xe0\0\x10JFIF\0";
static const unsigned char HTML[] = "<!DOCTYPE html><script>alert(1)</script>";
static const unsigned char GIF[] = "GIF89a\x01\0\x01\0";

#define ODS_TYPE	"application/vnd.oasis.opendocument.spreadsheet"
#define XLSX_TYPE	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static unsigned char zip[SNIFF_HEAD];
static size_t ziplen;

/* A zip's first local header (APPNOTE 4.3.7) for an entry name with data (method 0: stored, 8: deflated). */
static void
make_zip(const char *name, const char *data, unsigned method, unsigned extralen)
{
	size_t n = strlen(name), d = strlen(data);

	memset(zip, 0, sizeof(zip));
	memcpy(zip, "PK\x03\x04\x14\0\0\0", 8);
	zip[8] = (unsigned char)method;
	zip[18] = zip[22] = (unsigned char)d;	/* compressed and uncompressed sizes */
	zip[26] = (unsigned char)n;
	zip[28] = (unsigned char)extralen;
	memcpy(zip + 30, name, n);
	memcpy(zip + 30 + n + extralen, data, d);
	ziplen = 30 + n + extralen + d;
	if (ziplen < sizeof(zip)) {
		memcpy(zip + ziplen, "PK\x03\x04", 4);
		ziplen = sizeof(zip);
	}
}

static enum sniff_kind
kind(const unsigned char *h, size_t len, const char *name, const char *type)
{
	return sniff_kind(h, len, name, type);
}

static void
test_sniff_magic_numbers(void)
{
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "accounts.pdf", "application/pdf"), SNIFF_PDF);
	CU_ASSERT_EQUAL(kind(PNG, sizeof(PNG) - 1, "photo.png", "image/png"), SNIFF_PNG);
	CU_ASSERT_EQUAL(kind(JPEG, sizeof(JPEG) - 1, "photo.jpg", "image/jpeg"), SNIFF_JPEG);
	CU_ASSERT_EQUAL(kind(JPEG, sizeof(JPEG) - 1, "photo.JPEG", "image/pjpeg"), SNIFF_JPEG);
	CU_ASSERT_EQUAL(kind(JPEG, sizeof(JPEG) - 1, "IMG_0001.Jpe", NULL), SNIFF_JPEG);
	/* Just the signature is enough; less is not. */
	CU_ASSERT_EQUAL(kind(PDF, 5, "a.pdf", NULL), SNIFF_PDF);
	CU_ASSERT_EQUAL(kind(PDF, 4, "a.pdf", NULL), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(PNG, 7, "a.png", NULL), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(JPEG, 2, "a.jpg", NULL), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(PDF, 0, "a.pdf", NULL), SNIFF_NONE);
	/* Only at the start: a PDF signature further in is another kind of file. */
	CU_ASSERT_EQUAL(kind((const unsigned char *)" %PDF-1.4", 9, "a.pdf", NULL), SNIFF_NONE);
}

static void
test_sniff_other_kinds_refused(void)
{
	CU_ASSERT_EQUAL(kind(HTML, sizeof(HTML) - 1, "page.html", "text/html"), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(GIF, sizeof(GIF) - 1, "anim.gif", "image/gif"), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind((const unsigned char *)"plain text", 10, "notes.txt", "text/plain"),
	    SNIFF_NONE);
}

static void
test_sniff_files_that_lie(void)
{
	/* An HTML page, an SVG or a program named and typed as a PDF or a photo. */
	CU_ASSERT_EQUAL(kind(HTML, sizeof(HTML) - 1, "accounts.pdf", "application/pdf"), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind((const unsigned char *)"<svg onload=alert(1)>", 21, "photo.png",
	    "image/png"), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind((const unsigned char *)"MZ\x90\0", 4, "photo.jpg", "image/jpeg"),
	    SNIFF_NONE);
	/* A real PDF under another kind's name or type. */
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "photo.jpg", "image/jpeg"), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "photo.jpg", "application/pdf"), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "accounts.pdf", "image/jpeg"), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(PNG, sizeof(PNG) - 1, "photo.jpeg", NULL), SNIFF_NONE);
	/* A PDF named for the browser to open as a page once downloaded. */
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "accounts.html", "application/octet-stream"),
	    SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "accounts.pdf", "text/html"), SNIFF_NONE);
}

static void
test_sniff_claims(void)
{
	/* No extension, or a generic type: judged by content alone. */
	CU_ASSERT_EQUAL(kind(JPEG, sizeof(JPEG) - 1, "IMG_0001", "application/octet-stream"), SNIFF_JPEG);
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "Minutes v. 2", NULL), SNIFF_PDF);
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, NULL, NULL), SNIFF_PDF);
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "", ""), SNIFF_PDF);
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, ".pdf", NULL), SNIFF_PDF);
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "scan.", NULL), SNIFF_PDF);
	/* Types are compared without case and parameters. */
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "a.PDF", " Application/PDF ; name=a"), SNIFF_PDF);
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "a.pdf", "application/x-pdf"), SNIFF_PDF);
	/* An unknown extension is a claim of another kind; "2016.03.01" is one too. */
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "minutes.docx", NULL), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(PDF, sizeof(PDF) - 1, "Protokoll 2016.03.01", NULL), SNIFF_NONE);
	/* A generic zip type is no claim against a photo either way: it is simply wrong for one. */
	CU_ASSERT_EQUAL(kind(PNG, sizeof(PNG) - 1, "a.png", "application/zip"), SNIFF_NONE);
}

static void
test_sniff_ods(void)
{
	make_zip("mimetype", ODS_TYPE, 0, 0);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "budget.ods", ODS_TYPE), SNIFF_ODS);
	/* The mimetype entry is a claim of its own: no name or a generic type will do. */
	CU_ASSERT_EQUAL(kind(zip, ziplen, "budget", "application/octet-stream"), SNIFF_ODS);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "budget.ods", "application/zip"), SNIFF_ODS);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "budget.ods", "application/vnd.ms-excel"), SNIFF_ODS);
	/* But not under an xlsx's or a PDF's name or type. */
	CU_ASSERT_EQUAL(kind(zip, ziplen, "budget.xlsx", NULL), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "budget.ods", XLSX_TYPE), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "budget.pdf", NULL), SNIFF_NONE);
	/* Cut before the end of its mimetype text: not enough to tell. */
	CU_ASSERT_EQUAL(kind(zip, 30 + 8 + 20, "budget.ods", NULL), SNIFF_NONE);
	/* An extra field moves the text; it is found all the same. */
	make_zip("mimetype", ODS_TYPE, 0, 4);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "budget.ods", NULL), SNIFF_ODS);
	/* A text document, a template, or a compressed mimetype are not spreadsheets to us. */
	make_zip("mimetype", "application/vnd.oasis.opendocument.text", 0, 0);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "budget.ods", NULL), SNIFF_NONE);
	make_zip("mimetype", ODS_TYPE "-template", 0, 0);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "budget.ods", NULL), SNIFF_NONE);
	make_zip("mimetype", ODS_TYPE, 8, 0);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "budget.ods", NULL), SNIFF_NONE);
}

static void
test_sniff_xlsx(void)
{
	/* As Excel and libxlsxwriter write it, and as LibreOffice does. */
	make_zip("[Content_Types].xml", "\xad\x94\xcbn", 8, 0);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "accounts.xlsx", XLSX_TYPE), SNIFF_XLSX);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "accounts.XLSX", "application/octet-stream"), SNIFF_XLSX);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "accounts", XLSX_TYPE), SNIFF_XLSX);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "accounts.xlsx", "application/vnd.ms-excel"), SNIFF_XLSX);
	make_zip("_rels/.rels", "x", 8, 0);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "accounts.xlsx", NULL), SNIFF_XLSX);
	make_zip("docProps/app.xml", "x", 8, 0);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "accounts.xlsx", NULL), SNIFF_XLSX);
	/* A Word or PowerPoint file starts the same way: without a claim it is refused. */
	make_zip("[Content_Types].xml", "x", 8, 0);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "accounts", NULL), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "accounts", "application/zip"), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "letter.docx", NULL), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "accounts.xlsx",
	    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "accounts.ods", NULL), SNIFF_NONE);
	/* Any other zip, however it is named. */
	make_zip("evil.html", "<script>", 0, 0);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "accounts.xlsx", XLSX_TYPE), SNIFF_NONE);
	make_zip("xl", "x", 0, 0);
	CU_ASSERT_EQUAL(kind(zip, ziplen, "accounts.xlsx", XLSX_TYPE), SNIFF_NONE);
	/* A header whose name runs past what was read. */
	make_zip("[Content_Types].xml", "x", 8, 0);
	CU_ASSERT_EQUAL(kind(zip, 40, "accounts.xlsx", NULL), SNIFF_NONE);
	CU_ASSERT_EQUAL(kind((const unsigned char *)"PK\x03\x04", 4, "accounts.xlsx", NULL), SNIFF_NONE);
}

static void
test_sniff_media_types(void)
{
	CU_ASSERT_STRING_EQUAL(sniff_media_type(SNIFF_PDF), "application/pdf");
	CU_ASSERT_STRING_EQUAL(sniff_media_type(SNIFF_PNG), "image/png");
	CU_ASSERT_STRING_EQUAL(sniff_media_type(SNIFF_JPEG), "image/jpeg");
	CU_ASSERT_STRING_EQUAL(sniff_media_type(SNIFF_XLSX), XLSX_TYPE);
	CU_ASSERT_STRING_EQUAL(sniff_media_type(SNIFF_ODS), ODS_TYPE);
	CU_ASSERT_PTR_NULL(sniff_media_type(SNIFF_NONE));
	CU_ASSERT_PTR_NULL(sniff_media_type(SNIFF__MAX));
	CU_ASSERT_EQUAL(sniff_of_media_type("image/png"), SNIFF_PNG);
	CU_ASSERT_EQUAL(sniff_of_media_type(ODS_TYPE), SNIFF_ODS);
	CU_ASSERT_EQUAL(sniff_of_media_type("image/PNG"), SNIFF_NONE);
	CU_ASSERT_EQUAL(sniff_of_media_type("text/html"), SNIFF_NONE);
	CU_ASSERT_EQUAL(sniff_of_media_type(""), SNIFF_NONE);
	CU_ASSERT_EQUAL(sniff_of_media_type(NULL), SNIFF_NONE);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_sniff_magic_numbers", test_sniff_magic_numbers },
		{ "test_sniff_other_kinds_refused", test_sniff_other_kinds_refused },
		{ "test_sniff_files_that_lie", test_sniff_files_that_lie },
		{ "test_sniff_claims", test_sniff_claims },
		{ "test_sniff_ods", test_sniff_ods },
		{ "test_sniff_xlsx", test_sniff_xlsx },
		{ "test_sniff_media_types", test_sniff_media_types },
		{ NULL, NULL }
	};

	return unit_run("sniff", tests);
}
