/* smtp.c - SMTP with libcurl: the relay, TLS and AUTH as configured, one message per connection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "mail/smtp.h"

enum kerr
smtp_init(void)
{
	static int done;

	if (!done && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return KERR_SYSTEM;
	done = 1;
	return KERR_OK;
}

int
smtp_tls_parse(const char *word)
{
	if (strcmp(word, "required") == 0)
		return SMTP_TLS_REQUIRED;
	if (strcmp(word, "optional") == 0)
		return SMTP_TLS_OPTIONAL;
	if (strcmp(word, "off") == 0)
		return SMTP_TLS_OFF;
	return -1;
}

/* The message being read by libcurl. */
struct upload {
	const char	*p;
	size_t		 left;
};

static size_t
read_cb(char *dst, size_t size, size_t n, void *arg)
{
	struct upload *u = arg;
	size_t k = size * n < u->left ? size * n : u->left;

	memcpy(dst, u->p, k);
	u->p += k;
	u->left -= k;
	return k;
}

/* The relay's replies as libcurl reads them. */
struct replies {
	struct smtp_answer	*ans;
	int			 more;	/* the last line kept was "NNN-": its reply goes on */
};

/*
 * libcurl hands each reply line of the relay to the header callback: the
 * last reply is kept, its continuation lines ("250-..." then "250 ...")
 * joined, so that the row records the relay's own words.
 */
static size_t
reply_cb(char *line, size_t size, size_t n, void *arg)
{
	struct replies *rp = arg;
	struct smtp_answer *ans = rp->ans;
	size_t len = size * n, have = 0;
	int cont;

	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (len < 3 || line[0] < '1' || line[0] > '5')
		return size * n;
	cont = len > 3 && line[3] == '-';
	/* A continued reply's next line: its text after "NNN-" or "NNN " joins the kept one. */
	if (rp->more && strncmp(ans->text, line, 3) == 0 && len > 4 &&
	    (have = strlen(ans->text)) + 1 < sizeof(ans->text)) {
		ans->text[have++] = ' ';
		line += 4;
		len -= 4;
	}
	rp->more = cont;
	snprintf(ans->text + have, sizeof(ans->text) - have, "%.*s", (int)len, line);
	return size * n;
}

enum smtp_verdict
smtp_verdict(const struct smtp_answer *ans)
{
	if (ans->code >= 200 && ans->code < 300)
		return SMTP_SENT;
	if (ans->code >= 500 && ans->code < 600)
		return SMTP_REFUSED;
	return SMTP_LATER;
}

unsigned
smtp_backoff(unsigned attempts, unsigned first, unsigned cap)
{
	unsigned d = first;

	while (attempts-- > 1 && d < cap)
		d = d > cap / 2 ? cap : d * 2;
	return d < cap ? d : cap;
}

void
smtp_close(struct smtp_relay *r)
{
	if (r->handle != NULL) {
		curl_easy_cleanup(r->handle);
		r->handle = NULL;
	}
}

void
smtp_send(struct smtp_relay *r, const char *from, const char *to, const char *msg, size_t len,
    struct smtp_answer *ans)
{
	struct curl_slist *rcpt = NULL;
	struct upload up = { msg, len };
	struct replies rp = { ans, 0 };
	char errbuf[CURL_ERROR_SIZE], addr[400];
	CURLcode rc;
	CURL *c;
	long code = 0;

	ans->code = 0;
	ans->text[0] = '\0';
	errbuf[0] = '\0';
	if ((c = r->handle) == NULL && (c = r->handle = curl_easy_init()) == NULL) {
		snprintf(ans->text, sizeof(ans->text), "libcurl could not start");
		return;
	}
	snprintf(addr, sizeof(addr), "<%s>", to);
	rcpt = curl_slist_append(NULL, addr);
	snprintf(addr, sizeof(addr), "<%s>", from);
	curl_easy_setopt(c, CURLOPT_URL, r->url);
	curl_easy_setopt(c, CURLOPT_USE_SSL, r->tls == SMTP_TLS_REQUIRED ? (long)CURLUSESSL_ALL :
	    r->tls == SMTP_TLS_OPTIONAL ? (long)CURLUSESSL_TRY : (long)CURLUSESSL_NONE);
	if (r->user != NULL && r->user[0] != '\0') {
		curl_easy_setopt(c, CURLOPT_USERNAME, r->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, r->password != NULL ? r->password : "");
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, reply_cb);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &rp);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, r->timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, r->timeout);
	/* No SIGALRM for name look-ups: the mailer's own signals stay its own. */
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	/* The handle keeps the connection, and these pointers until the next message sets its own. */
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, NULL);
	curl_easy_setopt(c, CURLOPT_READDATA, NULL);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, NULL);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
	curl_slist_free_all(rcpt);
	/* A reply before the failure counts (550 to RCPT TO); a connection lost before any does not. */
	if (rc != CURLE_OK && code < 400) {
		ans->code = 0;
		snprintf(ans->text, sizeof(ans->text), "%s", errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc));
		return;
	}
	ans->code = code;
	if (ans->text[0] == '\0' || strtol(ans->text, NULL, 10) != code)
		snprintf(ans->text, sizeof(ans->text), "%ld %s", code, errbuf);
}
