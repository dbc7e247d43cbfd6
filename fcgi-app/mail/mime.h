/* mime.h - one outbox row as an Internet message (RFC 5322 with MIME), built with GMime 3. */
#ifndef KPP_MIME_H
#define KPP_MIME_H

#include <stddef.h>
#include <time.h>

#include "core/kerr.h"

struct arena;
struct conf;
struct outbox_row;

/* A message's parts, each text UTF-8 and NUL-terminated. */
struct mime_msg {
	long long	 id;		/* the outbox row's: the Message-ID's left part */
	const char	*id_domain;	/* the Message-ID's right part ([mail] message_id_domain) */
	const char	*from_address;
	const char	*from_name;	/* may be "" */
	const char	*reply_to;	/* "": none */
	const char	*to_address;
	const char	*to_name;	/* may be "" */
	const char	*subject;
	const char	*body;
	time_t		 date;		/* the Date header */
	const char	*unsubscribe;	/* NULL or "": none; else where the person switches this kind off (a URL) */
};

/*
 * The message of outbox row r as kpp-mailer sends it, dated date: the
 * row's address, name, subject and text, [mail]'s From, Reply-To and
 * Message-ID domain, and for an optional kind (domain/mailkinds.h)
 * List-Unsubscribe: the person's account page ([app] public_url), in a.
 * The one place both the mailer and the officers'
 * page (/outbox/{id}) fill it, so that the page shows what is sent.
 * m's texts are r's and c's.
 */
void		mime_of_row(struct arena *a, struct mime_msg *m, const struct conf *c,
		    const struct outbox_row *r, time_t date);

/* Calls g_mime_init() once; before the first mime_build() or mime_read(). */
void		mime_init(void);

/*
 * Builds m as one message: From, Reply-To, To and Subject with their
 * non-ASCII text in RFC 2047 encoded words (UTF-8), Date, Message-ID
 * <kpp-outbox-ID@DOMAIN> (the same whenever the row is built again),
 * Auto-Submitted: auto-generated, List-Unsubscribe: <URL> when m has an
 * unsubscribe URL, and the body as text/plain;
 * charset=utf-8 in quoted-printable, lines ending CRLF. *out, *len: its
 * bytes, in arena a (NUL-terminated as well). KERR_INVALID when an
 * address does not parse, or the unsubscribe URL holds what cannot stand
 * between angle brackets (a space, a line end, '<' or '>').
 */
enum kerr	mime_build(struct arena *a, const struct mime_msg *m, const char **out, size_t *len);

/* The Message-ID mime_build() gives row id, without its angle brackets, in a. */
const char	*mime_message_id(struct arena *a, long long id, const char *domain);

/* A built message as people read it: header values decoded (encoded words as text), NULL when absent. */
struct mime_shown {
	const char	*from, *reply_to, *to, *subject, *date, *message_id, *auto_submitted;
	const char	*text;		/* the text/plain body decoded, its lines ending in LF */
};

/*
 * Reads back the message mime_build() made (len bytes at msg), with
 * GMime's parser: what a mail program shows of it. In a. KERR_INVALID
 * when it is no message with a text part.
 */
enum kerr	mime_read(struct arena *a, const char *msg, size_t len, struct mime_shown *out);

#endif
