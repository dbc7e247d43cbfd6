/* mime.c - one outbox row as an Internet message, built with GMime 3: no hand-written MIME. */
#include <string.h>

#include <gmime/gmime.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/str.h"
#include "db/db_outbox.h"
#include "domain/mailkinds.h"
#include "mail/mime.h"

void
mime_of_row(struct arena *a, struct mime_msg *m, const struct conf *c, const struct outbox_row *r,
    time_t date)
{
	int k = mail_kind_parse(r->kind);

	*m = (struct mime_msg){
		.id = r->id, .id_domain = c->mail_message_id_domain,
		.from_address = c->mail_from_address, .from_name = c->mail_from_name,
		.reply_to = c->mail_reply_to, .to_address = r->to_email, .to_name = r->to_name,
		.subject = r->subject, .body = r->body, .date = date,
	};
	/* An optional kind says where it is switched off: the person's account page. */
	if (k >= 0 && mail_kind((enum mail_kind)k)->optional && c->public_url[0] != '\0')
		m->unsubscribe = str_url(a, c->public_url, "/account");
}

void
mime_init(void)
{
	static int done;

	if (!done) {
		g_mime_init();
		done = 1;
	}
}

const char *
mime_message_id(struct arena *a, long long id, const char *domain)
{
	return arena_printf(a, "kpp-outbox-%lld@%s", id, domain);
}

/* Adds name <address> to the message's list of that type, its name in UTF-8 encoded words if need be. */
static int
add_mailbox(GMimeMessage *msg, GMimeAddressType type, const char *name, const char *address)
{
	InternetAddressList *list = g_mime_message_get_addresses(msg, type);
	InternetAddress *ia;

	if (strchr(address, '@') == NULL || strpbrk(address, " \t\r\n<>\",;") != NULL)
		return -1;
	ia = internet_address_mailbox_new(name, address);
	internet_address_set_charset(ia, "utf-8");
	internet_address_list_add(list, ia);
	g_object_unref(ia);
	return 0;
}

/* The body as text/plain; charset=utf-8, quoted-printable: every line of any length survives any relay. */
static GMimeObject *
text_part(const char *body)
{
	GMimeStream *stream;
	GMimeDataWrapper *content;
	GMimePart *part;

	part = g_mime_part_new_with_type("text", "plain");
	g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "charset", "utf-8");
	stream = g_mime_stream_mem_new_with_buffer(body, strlen(body));
	content = g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT);
	g_object_unref(stream);
	g_mime_part_set_content(part, content);
	g_object_unref(content);
	g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	return GMIME_OBJECT(part);
}

enum kerr
mime_build(struct arena *a, const struct mime_msg *m, const char **out, size_t *len)
{
	GMimeFormatOptions *fo;
	GMimeMessage *msg;
	GMimeObject *part;
	GMimeStream *stream;
	GByteArray *bytes;
	GDateTime *date;
	enum kerr e = KERR_OK;
	char *copy;

	*out = NULL;
	*len = 0;
	if (m->unsubscribe != NULL && strpbrk(m->unsubscribe, " \t\r\n<>") != NULL)
		return KERR_INVALID;
	msg = g_mime_message_new(TRUE);
	if (add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, m->from_name, m->from_address) != 0 ||
	    (m->reply_to[0] != '\0' &&
	    add_mailbox(msg, GMIME_ADDRESS_TYPE_REPLY_TO, "", m->reply_to) != 0) ||
	    add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, m->to_name, m->to_address) != 0) {
		g_object_unref(msg);
		return KERR_INVALID;
	}
	g_mime_message_set_subject(msg, m->subject, "utf-8");
	date = g_date_time_new_from_unix_utc((gint64)m->date);
	g_mime_message_set_date(msg, date);
	g_date_time_unref(date);
	g_mime_message_set_message_id(msg, mime_message_id(a, m->id, m->id_domain));
	/* RFC 3834: no vacation or out-of-office answers to a machine's message. */
	g_mime_object_set_header(GMIME_OBJECT(msg), "Auto-Submitted", "auto-generated", NULL);
	/* RFC 2369: a mail the person may switch off says where (their account page). */
	if (m->unsubscribe != NULL && m->unsubscribe[0] != '\0')
		g_mime_object_set_header(GMIME_OBJECT(msg), "List-Unsubscribe",
		    arena_printf(a, "<%s>", m->unsubscribe), NULL);
	part = text_part(m->body);
	g_mime_message_set_mime_part(msg, part);
	g_object_unref(part);

	/* SMTP's lines end in CRLF. */
	fo = g_mime_format_options_new();
	g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
	stream = g_mime_stream_mem_new();
	if (g_mime_object_write_to_stream(GMIME_OBJECT(msg), fo, stream) < 0)
		e = KERR_SYSTEM;
	else {
		bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
		copy = arena_alloc(a, bytes->len + 1);
		memcpy(copy, bytes->data, bytes->len);
		copy[bytes->len] = '\0';
		*out = copy;
		*len = bytes->len;
	}
	g_object_unref(stream);
	g_mime_format_options_free(fo);
	g_object_unref(msg);
	return e;
}

/* s (GMime's, freed here) in a, its CRs dropped: lines end in LF. NULL for NULL. */
static const char *
kept(struct arena *a, char *s)
{
	char *out, *o;
	const char *p;

	if (s == NULL)
		return NULL;
	o = out = arena_alloc(a, strlen(s) + 1);
	for (p = s; *p != '\0'; p++)
		if (*p != '\r')
			*o++ = *p;
	*o = '\0';
	g_free(s);
	return out;
}

/* The addresses of list as text: names decoded; NULL when there are none. */
static const char *
addresses(struct arena *a, InternetAddressList *list)
{
	if (list == NULL || internet_address_list_length(list) == 0)
		return NULL;
	return kept(a, internet_address_list_to_string(list, NULL, FALSE));
}

/* Header name's value, decoded as GMime decodes an unstructured one; NULL when absent. */
static const char *
header(struct arena *a, GMimeMessage *msg, const char *name)
{
	const char *v = g_mime_object_get_header(GMIME_OBJECT(msg), name);

	return v != NULL ? arena_strdup(a, v) : NULL;
}

enum kerr
mime_read(struct arena *a, const char *msg, size_t len, struct mime_shown *out)
{
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *m;
	GMimeObject *body;
	const char *subject;

	memset(out, 0, sizeof(*out));
	stream = g_mime_stream_mem_new_with_buffer(msg, len);
	parser = g_mime_parser_new_with_stream(stream);
	g_object_unref(stream);
	m = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	if (m == NULL)
		return KERR_INVALID;
	body = g_mime_message_get_body(m);
	if (body == NULL || !GMIME_IS_TEXT_PART(body)) {
		g_object_unref(m);
		return KERR_INVALID;
	}
	out->from = addresses(a, g_mime_message_get_from(m));
	out->reply_to = addresses(a, g_mime_message_get_reply_to(m));
	out->to = addresses(a, g_mime_message_get_to(m));
	subject = g_mime_message_get_subject(m);
	out->subject = subject != NULL ? arena_strdup(a, subject) : NULL;
	out->date = header(a, m, "Date");
	out->message_id = header(a, m, "Message-ID");
	out->auto_submitted = header(a, m, "Auto-Submitted");
	out->text = kept(a, g_mime_text_part_get_text(GMIME_TEXT_PART(body)));
	g_object_unref(m);
	return out->text != NULL ? KERR_OK : KERR_INVALID;
}
