/* test_multipart.c - unit tests for multipart.c: boundaries across pieces, fields, files, malformed bodies, limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/form.h"
#include "http/multipart.h"
#include "unit.h"

static struct arena *A;

#define CT	"multipart/form-data; boundary=XyZ"

/* What a parse produced, as one text: fields and file events in order, then the result. */
struct transcript {
	struct buf	 t;
	enum kerr	 begin_err;	/* what the begin callback answers */
};

static enum kerr
t_begin(void *arg, const struct mp_part *p)
{
	struct transcript *tr = arg;

	buf_printf(&tr->t, "<file %s|%s|%s>", p->name, p->filename,
	    p->content_type != NULL ? p->content_type : "-");
	return tr->begin_err;
}

static enum kerr
t_data(void *arg, const char *data, size_t len)
{
	struct transcript *tr = arg;

	CU_ASSERT(len > 0);
	buf_append(&tr->t, data, len);
	return KERR_OK;
}

static enum kerr
t_end(void *arg)
{
	struct transcript *tr = arg;

	buf_puts(&tr->t, "</file>");
	return KERR_OK;
}

static const struct mp_limits LIM = { 1 << 20, 100, 1000, 200 };

/*
 * Parses body (len bytes) of type ct, fed in pieces cut at the offsets
 * cuts[0..ncuts) (ascending), with limits lim; returns the transcript:
 * the files' events, then "|fields:" and each field, then "|=" and the
 * error code of mp_finish (or of mp_new).
 */
static const char *
parse_cut(const char *ct, const char *body, size_t len, const size_t *cuts,
    size_t ncuts, const struct mp_limits *lim, enum kerr begin_err)
{
	struct transcript tr;
	struct mp_sink sink = { t_begin, t_data, t_end, &tr };
	struct params fields = { NULL, 0 };
	struct multipart *m;
	size_t i, from = 0;
	enum kerr e;

	buf_init(&tr.t, A, 64);
	tr.begin_err = begin_err;
	if ((e = mp_new(A, ct, lim, &fields, &sink, &m)) != KERR_OK) {
		buf_printf(&tr.t, "|new=%d", e);
		return tr.t.data;
	}
	e = KERR_OK;
	for (i = 0; i <= ncuts && e == KERR_OK; i++) {
		size_t to = i < ncuts ? cuts[i] : len;

		e = mp_feed(m, body + from, to - from);
		from = to;
	}
	e = mp_finish(m);
	buf_puts(&tr.t, "|fields:");
	for (i = 0; i < fields.n; i++) {
		CU_ASSERT_EQUAL(strlen(fields.v[i].value), fields.v[i].valuelen);
		buf_printf(&tr.t, "[%s=%s]", fields.v[i].name, fields.v[i].value);
	}
	buf_printf(&tr.t, "|=%d", e);
	return tr.t.data;
}

static const char *
parse(const char *body)
{
	return parse_cut(CT, body, strlen(body), NULL, 0, &LIM, KERR_OK);
}

static enum kerr
result(const char *ct, const char *body, size_t len, const struct mp_limits *lim)
{
	const char *t = parse_cut(ct, body, len, NULL, 0, lim, KERR_OK), *eq;
	int e;

	eq = strrchr(t, '=');
	CU_ASSERT_PTR_NOT_NULL_FATAL(eq);
	sscanf(eq + 1, "%d", &e);
	return (enum kerr)e;
}

static enum kerr
bad(const char *body)
{
	return result(CT, body, strlen(body), &LIM);
}

/* A form with two fields, two files (one binary, with CRs and boundary-like text) and an empty file input. */
static const char FORM[] =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"csrf\"\r\n"
    "\r\n"
    "0123abcd\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"note\"\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "V\xc3\xa4xj\xc3\xb6\r\nline two\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"accounts\"; filename=\"r\xc3\xa4kenskaper.pdf\"\r\n"
    "Content-Type: application/pdf\r\n"
    "\r\n"
    "%PDF-1.4\r\n\r\r\n-\r\n--\r\n--Xy\r\n--XyY\r\r\n--X--XyZ\n--XyZ\r\n\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"photo\"; filename=\"\"\r\n"
    "Content-Type: application/octet-stream\r\n"
    "\r\n"
    "\r\n"
    "--XyZ\r\n"
    "content-disposition: FORM-DATA; NAME=photo; FILENAME=p.png\r\n"
    "\r\n"
    "\x89PNG\r\n\x1a\n\r"
    "\r\n--XyZ--\r\n";

static const char FORM_RESULT[] =
    "<file accounts|r\xc3\xa4kenskaper.pdf|application/pdf>"
    "%PDF-1.4\r\n\r\r\n-\r\n--\r\n--Xy\r\n--XyY\r\r\n--X--XyZ\n--XyZ\r\n</file>"
    "<file photo||application/octet-stream></file>"
    "<file photo|p.png|->\x89PNG\r\n\x1a\n\r</file>"
    "|fields:[csrf=0123abcd][note=V\xc3\xa4xj\xc3\xb6\r\nline two]|=0";

static void
test_mp_form_whole(void)
{
	CU_ASSERT_STRING_EQUAL(parse(FORM), FORM_RESULT);
}

static void
test_mp_form_cut_anywhere(void)
{
	size_t len = sizeof(FORM) - 1, i, j, cut[2];

	for (i = 0; i <= len; i++) {
		cut[0] = i;
		CU_ASSERT_STRING_EQUAL(parse_cut(CT, FORM, len, cut, 1, &LIM,
		    KERR_OK), FORM_RESULT);
		arena_reset(A);
	}
	/* Two cuts: every piece boundary pattern a byte-by-byte reader could give, around each CR. */
	for (i = 0; i <= len; i++)
		for (j = i; j <= len && j <= i + 16; j++) {
			cut[0] = i;
			cut[1] = j;
			CU_ASSERT_STRING_EQUAL(parse_cut(CT, FORM, len, cut, 2,
			    &LIM, KERR_OK), FORM_RESULT);
			arena_reset(A);
		}
}

static void
test_mp_form_byte_by_byte(void)
{
	size_t len = sizeof(FORM) - 1, i, cuts[sizeof(FORM)];

	for (i = 0; i < len; i++)
		cuts[i] = i + 1;
	CU_ASSERT_STRING_EQUAL(parse_cut(CT, FORM, len, cuts, len - 1, &LIM,
	    KERR_OK), FORM_RESULT);
}

static void
test_mp_preamble_epilogue_ignored(void)
{
	CU_ASSERT_STRING_EQUAL(parse(
	    "This is a preamble.\r\n--XyX is not a boundary -- nor --XyZ here\r\n"
	    "\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=a\r\n\r\n1\r\n"
	    "--XyZ--  and an epilogue\r\n--XyZ\r\nwith anything\x01\r\n"),
	    "|fields:[a=1]|=0");
	/* The closing boundary may end the body without a line break, and padding may follow a boundary. */
	CU_ASSERT_STRING_EQUAL(parse("--XyZ \t\r\n"
	    "Content-Disposition: form-data; name=a\r\n\r\n\r\n--XyZ--"),
	    "|fields:[a=]|=0");
	/* A body with no parts at all is well-formed. */
	CU_ASSERT_STRING_EQUAL(parse("--XyZ--\r\n"), "|fields:|=0");
}

static void
test_mp_boundary_like_data(void)
{
	/* Only CRLF "--XyZ" ends a part; a bare LF or no line break does not. */
	CU_ASSERT_STRING_EQUAL(parse("--XyZ\r\n"
	    "Content-Disposition: form-data; name=a\r\n\r\n"
	    "--XyZ\n--XyZ\r--XyZ \r\n-XyZ\r\n--xyz\r\n--Xy"
	    "\r\n--XyZ--"), "|fields:[a=--XyZ\n--XyZ\r--XyZ \r\n-XyZ\r\n--xyz\r\n--Xy]|=0");
	/* The boundary found in data followed by anything but "--", blanks or CRLF is malformed. */
	CU_ASSERT_EQUAL(bad("--XyZ\r\n"
	    "Content-Disposition: form-data; name=a\r\n\r\n"
	    "x\r\n--XyZzy\r\n--XyZ--"), KERR_BADREQ);
}

static void
test_mp_truncated_anywhere(void)
{
	size_t len = sizeof(FORM) - 1, end, i;

	/* Everything shorter than the closing "--" is truncated. */
	end = (size_t)(strstr(FORM, "--XyZ--") - FORM) + 7;
	for (i = 0; i < end; i++) {
		CU_ASSERT_EQUAL(result(CT, FORM, i, &LIM), KERR_BADREQ);
		arena_reset(A);
	}
	for (i = end; i <= len; i++) {
		CU_ASSERT_EQUAL(result(CT, FORM, i, &LIM), KERR_OK);
		arena_reset(A);
	}
}

static void
test_mp_missing_final_boundary(void)
{
	const char *part = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1";

	CU_ASSERT_EQUAL(bad(part), KERR_BADREQ);
	CU_ASSERT_EQUAL(bad(arena_printf(A, "%s\r\n--XyZ\r\n", part)), KERR_BADREQ);
	CU_ASSERT_EQUAL(bad(arena_printf(A, "%s\r\n--XyZ", part)), KERR_BADREQ);
	CU_ASSERT_EQUAL(bad(arena_printf(A, "%s\r\n--XyZ-", part)), KERR_BADREQ);
	CU_ASSERT_EQUAL(bad(""), KERR_BADREQ);
	CU_ASSERT_EQUAL(bad("no boundary at all"), KERR_BADREQ);
}

/* A body of one part with the given header lines (each with its CRLF) and content "v". */
static enum kerr
with_headers(const char *headers)
{
	return bad(arena_printf(A, "--XyZ\r\n%s\r\nv\r\n--XyZ--\r\n", headers));
}

static void
test_mp_bad_headers(void)
{
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=ok\r\n"), KERR_OK);
	CU_ASSERT_EQUAL(with_headers(""), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Type: text/plain\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: attachment; name=a\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=\"\"\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; filename=a.pdf\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=a; name=b\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=a; filename=x; filename=y\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=\"a\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=a b\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data name=a\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=\"\xff\"\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=a\r\n"
	    "Content-Disposition: form-data; name=b\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=a\r\n"
	    "Content-Type: a\r\nContent-Type: b\r\n"), KERR_BADREQ);
	/* Lines: a colon, a token for a name, no folding, no controls, CRLF and nothing else. */
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=a\r\nX-No-Colon\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=a\r\n: empty name\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=a\r\nX Y: z\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data;\r\n name=a\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=a\nX: y\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=a\rX: y\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(with_headers("Content-Disposition: form-data; name=\"a\x01\"\r\n"), KERR_BADREQ);
	CU_ASSERT_EQUAL(bad("--XyZ\r\nContent-Disposition: form-data; name=a\n\nv\r\n--XyZ--"), KERR_BADREQ);
	/* Other headers are ignored; blanks around the value and a trailing ';' are fine. */
	CU_ASSERT_EQUAL(with_headers("X-Other: whatever \t\r\n"
	    "Content-Disposition:form-data ;name = a ; ;\t\r\n"), KERR_OK);
}

static void
test_mp_boundary_line_exact(void)
{
	/* After a boundary: CRLF, blanks then CRLF, or "--"; a bare LF or other text is malformed. */
	CU_ASSERT_EQUAL(bad("--XyZ\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ--"), KERR_BADREQ);
	CU_ASSERT_EQUAL(bad("--XyZ\rContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ--"), KERR_BADREQ);
	CU_ASSERT_EQUAL(bad("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ-x"), KERR_BADREQ);
	CU_ASSERT_EQUAL(bad("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ \tx\r\n--XyZ--"), KERR_BADREQ);
}

static void
test_mp_content_type(void)
{
	static const struct mp_limits lim = { 1000, 10, 100, 100 };
	const char *body = "--a b\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a b--";
	char b70[71], b71[72], ct[120];

	CU_ASSERT(mp_is_form_data("multipart/form-data; boundary=x"));
	CU_ASSERT(mp_is_form_data(" Multipart/Form-Data ;boundary=x"));
	CU_ASSERT(mp_is_form_data("multipart/form-data"));
	CU_ASSERT(!mp_is_form_data("multipart/form-datax; boundary=x"));
	CU_ASSERT(!mp_is_form_data("multipart/mixed; boundary=x"));
	CU_ASSERT(!mp_is_form_data("application/x-www-form-urlencoded"));
	CU_ASSERT(!mp_is_form_data(""));
	CU_ASSERT_EQUAL(result("multipart/form-data; boundary=\"a b\"", body, strlen(body), &lim), KERR_OK);
	CU_ASSERT_EQUAL(result("multipart/form-data; charset=utf-8; BOUNDARY=\"a b\"", body,
	    strlen(body), &lim), KERR_OK);
	CU_ASSERT_EQUAL(result("multipart/form-data; boundary=\"a\\ b\"", body, strlen(body), &lim), KERR_OK);
	CU_ASSERT_EQUAL(result("multipart/form-data", body, strlen(body), &lim), KERR_BADREQ);
	CU_ASSERT_EQUAL(result("multipart/form-data; boundary=", body, strlen(body), &lim), KERR_BADREQ);
	CU_ASSERT_EQUAL(result("multipart/form-data; boundary=\"\"", body, strlen(body), &lim), KERR_BADREQ);
	CU_ASSERT_EQUAL(result("multipart/form-data; boundary=\"a \"", body, strlen(body), &lim), KERR_BADREQ);
	CU_ASSERT_EQUAL(result("multipart/form-data; boundary=a; boundary=a", body, strlen(body), &lim), KERR_BADREQ);
	CU_ASSERT_EQUAL(result("multipart/form-data; boundary=a*b", body, strlen(body), &lim), KERR_BADREQ);
	CU_ASSERT_EQUAL(result("multipart/form-data; boundary=\"a\rb\"", body, strlen(body), &lim), KERR_BADREQ);
	CU_ASSERT_EQUAL(result("multipart/form-data; boundary=\"a b", body, strlen(body), &lim), KERR_BADREQ);
	CU_ASSERT_EQUAL(result("multipart/form-data boundary=a", body, strlen(body), &lim), KERR_BADREQ);
	CU_ASSERT_EQUAL(result("text/plain; boundary=a", body, strlen(body), &lim), KERR_BADREQ);
	/* 70 characters are allowed, 71 are not. */
	memset(b70, 'b', 70);
	b70[70] = '\0';
	memset(b71, 'b', 71);
	b71[71] = '\0';
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b70);
	CU_ASSERT_STRING_EQUAL(parse_cut(ct, arena_printf(A, "--%s--", b70), 74, NULL, 0,
	    &LIM, KERR_OK), "|fields:|=0");
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b71);
	CU_ASSERT_EQUAL(result(ct, arena_printf(A, "--%s--", b71), 75, &LIM), KERR_BADREQ);
}

/* A body of one file part named f with the given filename parameter (as sent). */
static const char *
fname(const char *filename)
{
	return arena_printf(A, "--XyZ\r\nContent-Disposition: form-data; name=f; "
	    "filename=%s\r\n\r\n\r\n--XyZ--", filename);
}

static void
test_mp_filenames(void)
{

	CU_ASSERT_STRING_EQUAL(parse(fname("\"a \\\"quoted\\\" name.pdf\"")),
	    "<file f|a \"quoted\" name.pdf|-></file>|fields:|=0");
	CU_ASSERT_STRING_EQUAL(parse(fname("\"back\\\\slash.pdf\"")),
	    "<file f|slash.pdf|-></file>|fields:|=0");
	/* An old browser's whole path loses its directories, its backslashes kept until then. */
	CU_ASSERT_STRING_EQUAL(parse(fname("\"C:\\Users\\Anna\\Mina dokument\\report.pdf\"")),
	    "<file f|report.pdf|-></file>|fields:|=0");
	CU_ASSERT_STRING_EQUAL(parse(fname("\"../../etc/passwd\"")),
	    "<file f|passwd|-></file>|fields:|=0");
	CU_ASSERT_STRING_EQUAL(parse(fname("\"dir/\"")),
	    "<file f||-></file>|fields:|=0");
	CU_ASSERT_STRING_EQUAL(parse(fname("\"..\"")),
	    "<file f||-></file>|fields:|=0");
	CU_ASSERT_STRING_EQUAL(parse(fname("\"\xc3\x85rsrapport 2016.xlsx\"")),
	    "<file f|\xc3\x85rsrapport 2016.xlsx|-></file>|fields:|=0");
	CU_ASSERT_STRING_EQUAL(parse(fname("plain.png")),
	    "<file f|plain.png|-></file>|fields:|=0");
	CU_ASSERT_EQUAL(bad(fname("\"\xc3\"")), KERR_BADREQ);
	/* filename* alone does not make a file. */
	CU_ASSERT_STRING_EQUAL(parse("--XyZ\r\nContent-Disposition: form-data; name=f; "
	    "filename*=UTF-8''x.pdf\r\n\r\nv\r\n--XyZ--"), "|fields:[f=v]|=0");
}

static void
test_mp_field_values(void)
{
	static const char nul[] = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "x\0y\r\n--XyZ--";
	static const char binary[] = "--XyZ\r\nContent-Disposition: form-data; name=a; filename=b\r\n"
	    "\r\n\xff\0\r\n--XyZ--";
	static const char binary_result[] = "<file a|b|->\xff\0</file>|fields:|=0";
	const char *t;

	/* Fields must be UTF-8 without NUL, as urlencoded ones. */
	CU_ASSERT_EQUAL(bad("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n\xc3\r\n--XyZ--"), KERR_BADREQ);
	CU_ASSERT_EQUAL(result(CT, nul, sizeof(nul) - 1, &LIM), KERR_BADREQ);
	/* Files may hold anything. */
	t = parse_cut(CT, binary, sizeof(binary) - 1, NULL, 0, &LIM, KERR_OK);
	CU_ASSERT(memcmp(t, binary_result, sizeof(binary_result)) == 0);
	/* Repeated names are kept in order, as form_get_all() expects. */
	CU_ASSERT_STRING_EQUAL(parse("--XyZ\r\nContent-Disposition: form-data; name=c\r\n\r\n1\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=c\r\n\r\n2\r\n--XyZ--"),
	    "|fields:[c=1][c=2]|=0");
}

/* The result of parsing the C string body with lim. */
static enum kerr
limited(const char *body, const struct mp_limits *lim)
{
	return result(CT, body, strlen(body), lim);
}

static void
test_mp_limits(void)
{
	struct mp_limits lim = LIM;
	const char *one = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n";
	size_t n;

	/* The body as a whole. */
	n = strlen(FORM);
	lim.max_body = n;
	CU_ASSERT_EQUAL(result(CT, FORM, n, &lim), KERR_OK);
	lim.max_body = n - 1;
	CU_ASSERT_EQUAL(result(CT, FORM, n, &lim), KERR_TOOLARGE);
	/* Parts: FORM has five. */
	lim = LIM;
	lim.max_parts = 5;
	CU_ASSERT_EQUAL(result(CT, FORM, n, &lim), KERR_OK);
	lim.max_parts = 4;
	CU_ASSERT_EQUAL(result(CT, FORM, n, &lim), KERR_TOOLARGE);
	/* A field's value: up to max_field bytes. */
	lim = LIM;
	lim.max_field = 10;
	CU_ASSERT_EQUAL(limited(arena_printf(A, "%s0123456789\r\n--XyZ--", one), &lim), KERR_OK);
	CU_ASSERT_EQUAL(limited(arena_printf(A, "%s0123456789A\r\n--XyZ--", one), &lim),
	    KERR_TOOLARGE);
	/* ... while a file's size is its sink's business. */
	CU_ASSERT_EQUAL(limited("--XyZ\r\nContent-Disposition: form-data; name=a; filename=b\r\n"
	    "\r\n0123456789ABCDEF\r\n--XyZ--", &lim), KERR_OK);
	/* A header line: up to max_header_line bytes. */
	lim = LIM;
	lim.max_header_line = strlen("Content-Disposition: form-data; name=a");
	CU_ASSERT_EQUAL(limited(arena_printf(A, "%s\r\n--XyZ--", one), &lim), KERR_OK);
	lim.max_header_line--;
	CU_ASSERT_EQUAL(limited(arena_printf(A, "%s\r\n--XyZ--", one), &lim), KERR_BADREQ);
	/* Header lines per part. */
	CU_ASSERT_EQUAL(with_headers("A: 1\r\nA: 2\r\nA: 3\r\nA: 4\r\nA: 5\r\nA: 6\r\nA: 7\r\nA: 8\r\n"
	    "A: 9\r\nA: 10\r\nA: 11\r\nA: 12\r\nA: 13\r\nA: 14\r\nA: 15\r\n"
	    "Content-Disposition: form-data; name=a\r\n"), KERR_OK);
	CU_ASSERT_EQUAL(with_headers("A: 1\r\nA: 2\r\nA: 3\r\nA: 4\r\nA: 5\r\nA: 6\r\nA: 7\r\nA: 8\r\n"
	    "A: 9\r\nA: 10\r\nA: 11\r\nA: 12\r\nA: 13\r\nA: 14\r\nA: 15\r\nA: 16\r\n"
	    "Content-Disposition: form-data; name=a\r\n"), KERR_BADREQ);
}

static void
test_mp_sink_error_stops(void)
{
	struct params fields = { NULL, 0 };
	struct transcript tr;
	struct mp_sink sink = { t_begin, t_data, t_end, &tr };
	struct multipart *m;
	const char *t;

	t = parse_cut(CT, FORM, strlen(FORM), NULL, 0, &LIM, KERR_FORBIDDEN);
	/* The fields before the file are there; nothing of the file got past its begin. */
	CU_ASSERT_STRING_EQUAL(t, "<file accounts|r\xc3\xa4kenskaper.pdf|application/pdf>"
	    "|fields:[csrf=0123abcd][note=V\xc3\xa4xj\xc3\xb6\r\nline two]|=2");
	/* An error sticks: later pieces are not looked at. */
	buf_init(&tr.t, A, 16);
	tr.begin_err = KERR_OK;
	CU_ASSERT_EQUAL_FATAL(mp_new(A, CT, &LIM, &fields, &sink, &m), KERR_OK);
	CU_ASSERT_EQUAL(mp_feed(m, "--XyZ\n", 6), KERR_BADREQ);
	CU_ASSERT_EQUAL(mp_feed(m, "Content-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ--", 51),
	    KERR_BADREQ);
	CU_ASSERT_EQUAL(mp_finish(m), KERR_BADREQ);
	CU_ASSERT_EQUAL(fields.n, 0);
	CU_ASSERT_EQUAL(tr.t.len, 0);
}

static void
test_mp_no_sink(void)
{
	struct params fields = { NULL, 0 };
	struct multipart *m;

	/* Without a sink, file contents are skipped and fields still collected. */
	CU_ASSERT_EQUAL_FATAL(mp_new(A, CT, &LIM, &fields, NULL, &m), KERR_OK);
	CU_ASSERT_EQUAL(mp_feed(m, FORM, strlen(FORM)), KERR_OK);
	CU_ASSERT_EQUAL(mp_finish(m), KERR_OK);
	CU_ASSERT_EQUAL(fields.n, 2);
	CU_ASSERT_STRING_EQUAL(form_get(&fields, "csrf"), "0123abcd");
}

static void
test_mp_many_fields_grow(void)
{
	struct buf b;
	struct params fields = { NULL, 0 };
	struct multipart *m;
	struct mp_limits lim = LIM;
	char name[16];
	int i;

	buf_init(&b, A, 4096);
	for (i = 0; i < 100; i++)
		buf_printf(&b, "--XyZ\r\nContent-Disposition: form-data; name=f%d\r\n\r\n%d\r\n", i, i);
	buf_puts(&b, "--XyZ--\r\n");
	lim.max_body = b.len;
	CU_ASSERT_EQUAL_FATAL(mp_new(A, CT, &lim, &fields, NULL, &m), KERR_OK);
	CU_ASSERT_EQUAL(mp_feed(m, b.data, b.len), KERR_OK);
	CU_ASSERT_EQUAL(mp_finish(m), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(fields.n, 100);
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		CU_ASSERT_EQUAL(atoi(form_get(&fields, name)), i);
	}
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_mp_form_whole", test_mp_form_whole },
		{ "test_mp_form_cut_anywhere", test_mp_form_cut_anywhere },
		{ "test_mp_form_byte_by_byte", test_mp_form_byte_by_byte },
		{ "test_mp_preamble_epilogue_ignored", test_mp_preamble_epilogue_ignored },
		{ "test_mp_boundary_like_data", test_mp_boundary_like_data },
		{ "test_mp_truncated_anywhere", test_mp_truncated_anywhere },
		{ "test_mp_missing_final_boundary", test_mp_missing_final_boundary },
		{ "test_mp_bad_headers", test_mp_bad_headers },
		{ "test_mp_boundary_line_exact", test_mp_boundary_line_exact },
		{ "test_mp_content_type", test_mp_content_type },
		{ "test_mp_filenames", test_mp_filenames },
		{ "test_mp_field_values", test_mp_field_values },
		{ "test_mp_limits", test_mp_limits },
		{ "test_mp_sink_error_stops", test_mp_sink_error_stops },
		{ "test_mp_no_sink", test_mp_no_sink },
		{ "test_mp_many_fields_grow", test_mp_many_fields_grow },
		{ NULL, NULL }
	};
	int rc;

	if ((A = arena_new(65536)) == NULL)
		return 2;
	rc = unit_run("multipart", tests);
	arena_free(A);
	return rc;
}
