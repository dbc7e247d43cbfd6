/* smtp.h - one message handed to the relay over SMTP with libcurl, and what the relay answered. */
#ifndef KPP_SMTP_H
#define KPP_SMTP_H

#include <stddef.h>

#include "core/kerr.h"

/* TLS on an smtp:// relay (smtps:// is TLS from the start whatever this says). */
enum smtp_tls { SMTP_TLS_OFF, SMTP_TLS_OPTIONAL, SMTP_TLS_REQUIRED };

struct smtp_relay {
	const char	*url;		/* smtp://host:port or smtps://host:port */
	enum smtp_tls	 tls;
	const char	*user;		/* NULL or "": no AUTH */
	const char	*password;
	long		 timeout;	/* seconds for the whole dialogue */
	/*
	 * The libcurl handle that holds the connection from one message to
	 * the next (NULL before the first; smtp_close() ends it): a batch goes
	 * over one connection, with one TLS handshake and one AUTH, not one
	 * per message. libcurl checks that a kept connection still lives
	 * before it uses it again, and makes a new one when the relay closed it.
	 */
	void		*handle;
};

/* What became of one message. */
struct smtp_answer {
	long		 code;		/* the relay's last reply code; 0: no reply (no connection, TLS refused) */
	char		 text[512];	/* its reply line(s), or why there was none */
};

/* Calls curl_global_init() once; before the first smtp_send(), while the program has one thread. */
enum kerr	smtp_init(void);

/* SMTP_TLS_* from [mail] starttls's word (required, optional, off); -1 for another. */
int		smtp_tls_parse(const char *word);

/*
 * Sends the len bytes of msg (lines ending CRLF) from from to to through
 * r: MAIL FROM, RCPT TO, DATA, over r's connection when it has one. from and to go into SMTP commands as they
 * are: addresses that mime_build() accepted (no space, <, > or line break). ans says what became of it: the relay's
 * last reply (250 when it took the message, 4xx or 5xx when it refused a
 * command), or code 0 when no reply came (no connection, TLS required but
 * not offered, a timeout), with why in its text. Read it with
 * smtp_verdict().
 */
void		smtp_send(struct smtp_relay *r, const char *from, const char *to,
		    const char *msg, size_t len, struct smtp_answer *ans);

/* Closes r's connection (QUIT), if one is open. */
void		smtp_close(struct smtp_relay *r);

/* What an answer means for the message. */
enum smtp_verdict {
	SMTP_SENT,	/* 2xx: the relay has it */
	SMTP_LATER,	/* 4xx, or no answer: try again later */
	SMTP_REFUSED	/* 5xx: it will never take it */
};

enum smtp_verdict smtp_verdict(const struct smtp_answer *ans);

/*
 * Seconds to wait after the attempts-th failed try (1 for the first):
 * first, doubling with each further one, at most cap.
 */
unsigned	smtp_backoff(unsigned attempts, unsigned first, unsigned cap);

#endif
