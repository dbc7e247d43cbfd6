/* test_mime.c - unit tests for mail/mime.c: encoded words, the stable Message-ID, the body in quoted-printable. */
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "core/arena.h"
#include "core/conf.h"
#include "db/db_outbox.h"
#include "mail/mime.h"
#include "unit.h"

static struct arena *A;

static struct mime_msg
sample(void)
{
	struct mime_msg m = {
		.id = 42, .id_domain = "portal.example",
		.from_address = "noreply@icld.example", .from_name = "ICLD",
		.reply_to = "info@icld.example",
		.to_address = "registrator@vaxjo.example", .to_name = "Växjö kommun",
		.subject = "Beslut för Växjö kommun", .body = "Hej!\n",
		.date = 1475236800,	/* 2016-09-30 12:00 UTC */
	};

	return m;
}

static const char *
build(const struct mime_msg *m, size_t *len)
{
	const char *out = NULL;

	CU_ASSERT_EQUAL_FATAL(mime_build(A, m, &out, len), KERR_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	return out;
}

/* The header line name (in any case: GMime writes Message-Id) of raw, to its CRLF, folded lines kept, in A. */
static const char *
header(const char *raw, const char *name)
{
	const char *p = raw, *end;
	size_t n = strlen(name);
	char *v;

	for (;;) {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':')
			break;
		if ((p = strstr(p, "\r\n")) == NULL || p[2] == '\r')
			return NULL;
		p += 2;
	}
	for (end = p; (end = strstr(end, "\r\n")) != NULL && (end[2] == ' ' || end[2] == '\t'); end += 2)
		;
	v = arena_strdup(A, p);
	v[end - p] = '\0';
	return v;
}

static int
all_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

static GMimeMessage *
parse(const char *raw, size_t len)
{
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(raw, len);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);

	g_object_unref(parser);
	g_object_unref(stream);
	return msg;
}

static void
test_mime_encoded_words(void)
{
	struct mime_msg m = sample();
	InternetAddressList *to;
	InternetAddress *ia;
	GMimeMessage *msg;
	const char *raw, *h;
	size_t len;

	raw = build(&m, &len);
	/* Nothing but ASCII leaves: the UTF-8 is in RFC 2047 encoded words. */
	CU_ASSERT_TRUE(all_ascii(raw, len));
	CU_ASSERT_PTR_NOT_NULL_FATAL(h = header(raw, "To"));
	CU_ASSERT_PTR_NOT_NULL(strcasestr(h, "=?utf-8?"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<registrator@vaxjo.example>"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(h = header(raw, "Subject"));
	CU_ASSERT_PTR_NOT_NULL(strcasestr(h, "=?utf-8?"));
	CU_ASSERT_PTR_NULL(strstr(h, "Växjö"));
	/* And a reader gets the words back. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(msg = parse(raw, len));
	CU_ASSERT_STRING_EQUAL(g_mime_message_get_subject(msg), "Beslut för Växjö kommun");
	to = g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_TO);
	CU_ASSERT_EQUAL_FATAL(internet_address_list_length(to), 1);
	ia = internet_address_list_get_address(to, 0);
	CU_ASSERT_STRING_EQUAL(internet_address_get_name(ia), "Växjö kommun");
	CU_ASSERT_STRING_EQUAL(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)),
	    "registrator@vaxjo.example");
	g_object_unref(msg);
}

static void
test_mime_headers(void)
{
	struct mime_msg m = sample();
	const char *raw, *h;
	size_t len;

	raw = build(&m, &len);
	CU_ASSERT_PTR_NOT_NULL(strstr(raw, "\r\nAuto-Submitted: auto-generated\r\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(h = header(raw, "From"));
	CU_ASSERT_STRING_EQUAL(h, "From: ICLD <noreply@icld.example>");
	CU_ASSERT_PTR_NOT_NULL_FATAL(h = header(raw, "Reply-To"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "info@icld.example"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(h = header(raw, "Date"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "30 Sep 2016 12:00:00 +0000"));
	/* No Reply-To when none is configured. */
	m.reply_to = "";
	raw = build(&m, &len);
	CU_ASSERT_PTR_NULL(header(raw, "Reply-To"));
}

/* List-Unsubscribe only for a message given its URL; a URL that would break the header is refused. */
static void
test_mime_list_unsubscribe(void)
{
	struct mime_msg m = sample();
	const char *raw, *h, *out;
	size_t len;

	raw = build(&m, &len);
	CU_ASSERT_PTR_NULL(header(raw, "List-Unsubscribe"));
	m.unsubscribe = "";
	raw = build(&m, &len);
	CU_ASSERT_PTR_NULL(header(raw, "List-Unsubscribe"));
	m.unsubscribe = "https://portal.example/account";
	raw = build(&m, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h = header(raw, "List-Unsubscribe"));
	CU_ASSERT_STRING_EQUAL(h, "List-Unsubscribe: <https://portal.example/account>");
	m.unsubscribe = "https://portal.example/account>\r\nBcc: x@y.example";
	CU_ASSERT_EQUAL(mime_build(A, &m, &out, &len), KERR_INVALID);
}

static void
test_mime_message_id_stable(void)
{
	struct mime_msg m = sample();
	const char *first, *again, *other;
	size_t len;

	first = header(build(&m, &len), "Message-ID");
	CU_ASSERT_PTR_NOT_NULL_FATAL(first);
	CU_ASSERT_STRING_EQUAL(first, "Message-Id: <kpp-outbox-42@portal.example>");
	/* Built again later, as a retry is: the same message to the receiving side. */
	m.date += 3600;
	m.body = "Hej igen!\n";
	again = header(build(&m, &len), "Message-ID");
	CU_ASSERT_STRING_EQUAL(again, first);
	m.id = 43;
	other = header(build(&m, &len), "Message-ID");
	CU_ASSERT_STRING_EQUAL(other, "Message-Id: <kpp-outbox-43@portal.example>");
	CU_ASSERT_STRING_EQUAL(mime_message_id(A, 42, "portal.example"), "kpp-outbox-42@portal.example");
}

static void
test_mime_body_quoted_printable(void)
{
	static const char body[] =
	    "Hej Växjö kommun!\n"
	    "Beslutet: 450 000 kr = ett år. Ärende € 😀\n"
	    "En mycket lång rad som inte får brytas av någon reläserver på vägen, eftersom den är längre "
	    "än sjuttioåtta tecken och dessutom innehåller åäö ÅÄÖ på flera ställen i texten.\n"
	    "Slut med blanksteg   \n"
	    ".\n"
	    "From här\n";
	struct mime_msg m = sample();
	GMimeDataWrapper *content;
	GMimeStream *out;
	GByteArray *bytes;
	GMimeMessage *msg;
	GMimeObject *part;
	const char *raw, *p, *eol, *h;
	char *got, *w;
	size_t len, i;

	m.body = body;
	raw = build(&m, &len);
	CU_ASSERT_TRUE(all_ascii(raw, len));
	CU_ASSERT_PTR_NOT_NULL_FATAL(h = header(raw, "Content-Type"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "text/plain"));
	CU_ASSERT_PTR_NOT_NULL(strcasestr(h, "charset=utf-8"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(h = header(raw, "Content-Transfer-Encoding"));
	CU_ASSERT_STRING_EQUAL(h, "Content-Transfer-Encoding: quoted-printable");
	/* Every line ends CRLF and keeps within SMTP's and quoted-printable's length. */
	for (p = raw; (eol = strchr(p, '\n')) != NULL; p = eol + 1) {
		CU_ASSERT_TRUE(eol > p && eol[-1] == '\r');
		CU_ASSERT_TRUE(eol - p - 1 <= 78);
	}
	/* Decoded, the body is the text as written, its line ends CRLF as on the wire. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(msg = parse(raw, len));
	part = g_mime_message_get_mime_part(msg);
	CU_ASSERT_TRUE_FATAL(GMIME_IS_PART(part));
	content = g_mime_part_get_content(GMIME_PART(part));
	out = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(content, out);
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
	got = arena_alloc(A, bytes->len + 1);
	for (i = 0, w = got; i < bytes->len; i++)
		if (bytes->data[i] != '\r')
			*w++ = (char)bytes->data[i];
	*w = '\0';
	CU_ASSERT_STRING_EQUAL(got, body);
	g_object_unref(out);
	g_object_unref(msg);
}

static void
test_mime_no_header_injection(void)
{
	struct mime_msg m = sample();
	const char *raw;
	size_t len;

	/* A name or subject typed with a line break stays inside its own header. */
	m.to_name = "Evil\r\nBcc: x@y.example";
	m.subject = "Hej\r\nBcc: z@y.example";
	raw = build(&m, &len);
	CU_ASSERT_PTR_NULL(strcasestr(raw, "\r\nBcc:"));
	CU_ASSERT_PTR_NULL(strstr(raw, "\r\n\r\nBcc"));
	CU_ASSERT_PTR_NOT_NULL(header(raw, "Subject"));
}

static void
test_mime_bad_address(void)
{
	struct mime_msg m = sample();
	const char *out;
	size_t len;

	m.to_address = "no address";
	CU_ASSERT_EQUAL(mime_build(A, &m, &out, &len), KERR_INVALID);
	m.to_address = "a@b.example>\r\nBcc: x@y.example";
	CU_ASSERT_EQUAL(mime_build(A, &m, &out, &len), KERR_INVALID);
}

static void
test_mime_of_row(void)
{
	struct outbox_row r = { .id = 7, .kind = "decision", .to_email = "kansli@vaxjo.example",
	    .to_name = "Växjö kommun", .lang = "sv", .subject = "Beslut", .body = "Hej!\n", .attempts = 1 };
	struct conf c;
	struct mime_msg m;

	memset(&c, 0, sizeof(c));
	c.mail_message_id_domain = "kpp.example";
	c.mail_from_address = "noreply@icld.example";
	c.mail_from_name = "ICLD";
	c.mail_reply_to = "";
	c.public_url = "https://portal.example/";
	mime_of_row(A, &m, &c, &r, 1475236800);
	CU_ASSERT_EQUAL(m.id, 7);
	CU_ASSERT_STRING_EQUAL(m.id_domain, "kpp.example");
	CU_ASSERT_STRING_EQUAL(m.from_address, "noreply@icld.example");
	CU_ASSERT_STRING_EQUAL(m.from_name, "ICLD");
	CU_ASSERT_STRING_EQUAL(m.reply_to, "");
	CU_ASSERT_STRING_EQUAL(m.to_address, "kansli@vaxjo.example");
	CU_ASSERT_STRING_EQUAL(m.to_name, "Växjö kommun");
	CU_ASSERT_STRING_EQUAL(m.subject, "Beslut");
	CU_ASSERT_STRING_EQUAL(m.body, "Hej!\n");
	CU_ASSERT_EQUAL(m.date, 1475236800);
	/* A decision cannot be switched off: no List-Unsubscribe; a payment's mail can, on the account page. */
	CU_ASSERT_PTR_NULL(m.unsubscribe);
	r.kind = "payment";
	mime_of_row(A, &m, &c, &r, 1475236800);
	CU_ASSERT_STRING_EQUAL(m.unsubscribe, "https://portal.example/account");
}

static void
test_mime_read_decoded(void)
{
	struct mime_msg m = sample();
	struct mime_shown s;
	const char *raw;
	size_t len;

	m.body = "Hej Växjö!\n\nEn rad = med likhetstecken och en mycket lång rad som måste brytas av "
	    "quoted-printable eftersom den är längre än sjuttiosex tecken.\n";
	raw = build(&m, &len);
	CU_ASSERT_EQUAL_FATAL(mime_read(A, raw, len, &s), KERR_OK);
	CU_ASSERT_STRING_EQUAL(s.subject, "Beslut för Växjö kommun");
	CU_ASSERT_STRING_EQUAL(s.to, "Växjö kommun <registrator@vaxjo.example>");
	CU_ASSERT_STRING_EQUAL(s.from, "ICLD <noreply@icld.example>");
	CU_ASSERT_STRING_EQUAL(s.reply_to, "info@icld.example");
	CU_ASSERT_STRING_EQUAL(s.message_id, "<kpp-outbox-42@portal.example>");
	CU_ASSERT_STRING_EQUAL(s.auto_submitted, "auto-generated");
	CU_ASSERT_PTR_NOT_NULL(strstr(s.date, "30 Sep 2016 12:00:00"));
	CU_ASSERT_STRING_EQUAL(s.text, m.body);
	/* No Reply-To configured: none read back. */
	m.reply_to = "";
	raw = build(&m, &len);
	CU_ASSERT_EQUAL_FATAL(mime_read(A, raw, len, &s), KERR_OK);
	CU_ASSERT_PTR_NULL(s.reply_to);
	CU_ASSERT_EQUAL(mime_read(A, "", 0, &s), KERR_INVALID);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_mime_encoded_words", test_mime_encoded_words },
		{ "test_mime_headers", test_mime_headers },
		{ "test_mime_list_unsubscribe", test_mime_list_unsubscribe },
		{ "test_mime_message_id_stable", test_mime_message_id_stable },
		{ "test_mime_body_quoted_printable", test_mime_body_quoted_printable },
		{ "test_mime_no_header_injection", test_mime_no_header_injection },
		{ "test_mime_bad_address", test_mime_bad_address },
		{ "test_mime_of_row", test_mime_of_row },
		{ "test_mime_read_decoded", test_mime_read_decoded },
		{ NULL, NULL }
	};
	int rc;

	if ((A = arena_new(4096)) == NULL)
		return 2;
	mime_init();
	rc = unit_run("mime", tests);
	arena_free(A);
	g_mime_shutdown();
	return rc;
}
