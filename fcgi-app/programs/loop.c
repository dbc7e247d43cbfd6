/* loop.c - one request: read it, route it, check who may, run the handler, render errors, send. */
#include <sys/stat.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "core/log.h"
#include "db/db.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/kept.h"
#include "http/multipart.h"
#include "http/req.h"
#include "http/route.h"
#include "http/session.h"
#include "http/upload.h"
#include "programs/loop.h"
#include "views/view.h"

#define MAX_PARAMS	2000	/* the longest form (application budget) has a few hundred */

/*
 * Sent with every page the application makes; nginx adds the same to its
 * static files. No inline script or style anywhere, so CSP can be strict.
 */
static const char security_headers[] =
    "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
    "style-src 'self'; script-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n"
    "Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n";

static const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return "Internal Server Error";
	}
}

/* The words an error page says, by status; msgids for the catalogue. */
static void
error_words(int status, const char **title, const char **text)
{
	switch (status) {
	case 400:
		*title = N_("The request could not be read");
		*text = N_("Something in what your browser sent was malformed. Go back, check what you typed and try again.");
		break;
	case 403:
		*title = N_("The form has expired");
		*text = N_("For your security the form could not be accepted. Go back, reload the page and send it again.");
		break;
	case 404:
		*title = N_("Page not found");
		*text = N_("If you typed the web address, check it is correct. If you followed a link, the page may have been removed or you may not have access to it.");
		break;
	case 405:
		*title = N_("This page cannot be used that way");
		*text = N_("The page exists but does not accept this kind of request.");
		break;
	case 413:
		*title = N_("What you sent is too large");
		*text = N_("Go back and send less at a time, or a smaller file.");
		break;
	case 503:
		*title = N_("Sorry, the service is unavailable");
		*text = N_("The database is not answering right now. Nothing you sent has been lost from your browser: go back, wait a minute and send it again.");
		break;
	default:
		*title = N_("Sorry, there is a problem with the service");
		*text = N_("Try again later. If it keeps happening, contact ICLD and give them the reference below.");
		break;
	}
}

/* Only here are error pages rendered; handlers just return the status. */
static void
render_error(struct req *r, int status)
{
	const char *title, *text;

	error_words(status, &title, &text);
	buf_reset(&r->body);
	r->status = status;
	vobj_str(r->view, "title", i18n_tr(r->lang, title));
	vobj_str(r->view, "error_text", i18n_tr(r->lang, text));
	vobj_int(r->view, "status", status);
	if (render(r, TPL_ERROR) != status) {
		/* The error template itself failed: a plain page still says what happened. */
		buf_reset(&r->body);
		buf_printf(&r->body, "<!DOCTYPE html><title>%d</title><p>%d %s. Reference %s.",
		    status, status, status_text(status), r->id);
	}
	if (status >= 500)
		log_err(r->id, "%s %s: %d", r->method_name, r->path, status);
	else
		log_info(r->id, "%s %s: %d", r->method_name, r->path, status);
}

static enum method
parse_method(const char *m)
{
	if (strcmp(m, "GET") == 0)
		return METHOD_GET;
	if (strcmp(m, "HEAD") == 0)
		return METHOD_HEAD;
	if (strcmp(m, "POST") == 0)
		return METHOD_POST;
	return METHOD_OTHER;
}

static const char *
env(FCGX_Request *f, const char *name)
{
	const char *v = FCGX_GetParam(name, f->envp);

	return v != NULL ? v : "";
}

static long
read_stdin(void *arg, char *buf, size_t len)
{
	return FCGX_GetStr(buf, (int)len, ((FCGX_Request *)arg)->in);
}

/*
 * Reads and decodes the body of a POST: urlencoded, or multipart for a
 * route that takes files. Returns 0 or an HTTP status.
 */
static int
read_body(struct req *r, FCGX_Request *f, const struct route *rt)
{
	const char *ctype = env(f, "CONTENT_TYPE"), *clen = env(f, "CONTENT_LENGTH");
	unsigned long long len;
	char *body, *end;
	enum kerr e;
	int got, multipart = mp_is_form_data(ctype);

	if (*clen == '\0' && !multipart)
		return 0;
	len = strtoull(clen, &end, 10);
	if (*end != '\0')
		return 400;
	if (len > app.conf.max_body)
		return 413;
	if (multipart) {
		if (!(rt->flags & ROUTE_UPLOAD))
			return 415;
		e = upload_read_body(r, ctype, len, read_stdin, f, MAX_PARAMS);
		return e == KERR_OK ? 0 : http_status(e);
	}
	if (len == 0)
		return 0;
	if (strncmp(ctype, "application/x-www-form-urlencoded", 33) != 0)
		return 415;
	body = arena_alloc(r->a, (size_t)len + 1);
	got = FCGX_GetStr(body, (int)len, f->in);
	if (got < 0 || (unsigned long long)got != len)
		return 400;
	body[len] = '\0';
	if (form_parse_urlencoded(r->a, body, (size_t)len, MAX_PARAMS,
	    &r->form) != KERR_OK)
		return 400;
	return 0;
}

static void
choose_language(struct req *r)
{
	int l;

	if (r->sess != NULL)
		r->lang = r->sess->user.lang;
	else if ((l = i18n_parse(req_cookie(r, "kpp_lang"))) >= 0)
		r->lang = (enum lang)l;
	else
		r->lang = i18n_from_accept(r->accept_language,
		    app.conf.default_lang);
}

/* Forms carry the session's token, or before sign-in the pre-session cookie's. */
static void
choose_csrf(struct req *r)
{
	const char *pre;
	char *fresh;

	if (r->sess != NULL) {
		r->csrf = r->sess->csrf;
		return;
	}
	pre = req_cookie(r, "kpp_pre");
	if (pre != NULL && strlen(pre) == 64 && strspn(pre, "0123456789abcdef") == 64) {
		r->csrf = pre;
		return;
	}
	fresh = arena_alloc(r->a, AUTH_TOKEN_HEX);
	auth_token_new(fresh);
	resp_cookie(r, "kpp_pre", fresh, -1);
	r->csrf = fresh;
}

/* Language, CSRF token (for pages with forms) and the layout's keys, once the session is known. */
static void
prepare_view(struct req *r, int forms)
{
	if (forms)
		choose_csrf(r);
	else
		r->csrf = "";
	choose_language(r);
	view_layout(r);
}

/*
 * A page that does not take the request's method: 405 with Allow, unless
 * the page is none of the signed-in person's, or the person is Sida, who
 * only reads, posting to it. Then it does not exist for them (404), as
 * for every other page their role may not use.
 */
static int
method_refused(struct req *r, const char *allow)
{
	const struct route *other;
	const char *unused;
	enum kerr e;

	if (r->sess != NULL) {
		if (r->method == METHOD_POST && r->sess->user.role == ROLE_SIDA)
			return 404;
		if ((other = route_find(METHOD_GET, r->path, NULL, r->a, &e, &unused)) == NULL)
			other = route_find(METHOD_POST, r->path, NULL, r->a, &e, &unused);
		if (other != NULL && !(other->may & (MAY_ANYONE | 1u << r->sess->user.role)))
			return 404;
	}
	resp_header(r, "Allow", allow);
	return 405;
}

/*
 * A POST to a page that needs sign-in, without a live session. When the session its cookie names
 * lapsed (idle too long, or past its end) and the form carries that session's own token, so that it
 * comes from the person's page and not another site's, what it sent is kept for them (kept.c) and
 * they are sent to sign in again; anything else is refused as before.
 */
static int
keep_lapsed(struct req *r, FCGX_Request *f, const struct route *rt)
{
	long long user_id;
	enum kerr e;
	int status;

	if ((e = session_lapsed(r, &user_id)) == KERR_NOTFOUND)
		return 403;
	if (e != KERR_OK)
		return http_status(e);
	if ((status = read_body(r, f, rt)) != 0)
		return status;
	if (!csrf_ok(r))
		return 403;
	return kept_keep(r, user_id);
}

/* Decides the status; the body is in r->body unless an error page is due. */
static int
dispatch(struct req *r, FCGX_Request *f)
{
	const struct route *rt;
	const char *allow;
	enum kerr e, sess_err = KERR_OK;
	int status;

	rt = route_find(r->method, r->path, r->args, r->a, &e, &allow);
	/* Error pages show who is signed in too, so only health checks skip the session. */
	if (rt == NULL || !(rt->flags & ROUTE_NOSESSION)) {
		sess_err = session_load(r);
		prepare_view(r, rt == NULL || !(rt->flags & ROUTE_COOKIELESS) ||
		    r->sess != NULL);
	} else
		prepare_view(r, 0);
	if (sess_err != KERR_OK)
		return http_status(sess_err);
	if (rt == NULL)
		return e == KERR_METHOD ? method_refused(r, allow) : http_status(e);
	if (!(rt->may & MAY_ANYONE)) {
		if (r->sess == NULL) {
			if (r->method == METHOD_POST)
				return keep_lapsed(r, f, rt);
			return redirect(r, arena_printf(r->a, "/login?next=%s",
			    form_urlencode(r->a, r->path)));
		}
		/* Pages a role may not use don't exist for it. */
		if (!(rt->may & (1u << r->sess->user.role)))
			return 404;
	}
	if (r->method == METHOD_POST) {
		if ((status = read_body(r, f, rt)) != 0)
			return status;
		if (!csrf_ok(r))
			return 403;
	}
	return rt->handler(r);
}

/*
 * Copies a download's file to the client in pieces, so that a large one
 * never sits in memory whole. The length was sent before: a file that
 * ends early (it cannot change, it is unlinked) only logs.
 */
static void
send_file(struct req *r, FCGX_Request *f, unsigned long long len)
{
	char chunk[65536];
	ssize_t n;

	while (len > 0) {
		n = read(r->body_fd, chunk, len < sizeof(chunk) ? (size_t)len : sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_err(r->id, "read() of the download failed: %s",
			    n < 0 ? strerror(errno) : "early end of file");
			return;
		}
		if (FCGX_PutStr(chunk, (int)n, f->out) != (int)n)
			return;
		len -= (unsigned long long)n;
	}
}

static void
send_response(struct req *r, FCGX_Request *f)
{
	unsigned long long len = r->body.len;
	struct stat st;
	size_t i;

	/* An error page replaces a download that failed half-way. */
	if (r->body_fd >= 0 && r->status < 300) {
		if (fstat(r->body_fd, &st) == 0)
			len = (unsigned long long)st.st_size;
		else {
			log_err(r->id, "fstat() of the download failed: %s", strerror(errno));
			r->body_fd = -1;
		}
	} else
		r->body_fd = -1;
	FCGX_FPrintF(f->out, "Status: %d %s\r\n", r->status, status_text(r->status));
	FCGX_FPrintF(f->out, "Content-Type: %s\r\n", r->content_type);
	FCGX_PutS(security_headers, f->out);
	/*
	 * The cookies and languages pick the page's language, and a session adds the person's name. A 304
	 * carries what its 200 would (RFC 9110 15.4.5), or a cache would stop reusing what it holds.
	 */
	if ((r->status == 200 || r->status == 304) && r->public_max_age > 0)
		FCGX_FPrintF(f->out, "Cache-Control: public, max-age=%d\r\n"
		    "Vary: Cookie, Accept-Language\r\n", r->public_max_age);
	else
		FCGX_PutS("Cache-Control: private, no-store\r\n", f->out);
	for (i = 0; i < r->nheaders; i++)
		FCGX_FPrintF(f->out, "%s: %s\r\n", r->headers[i].name,
		    r->headers[i].value);
	FCGX_FPrintF(f->out, "X-Request-Id: %s\r\nContent-Length: %llu\r\n\r\n",
	    r->id, len);
	if (r->method == METHOD_HEAD)
		return;
	if (r->body_fd >= 0)
		send_file(r, f, len);
	else if (r->body.len > 0)
		FCGX_PutStr(r->body.data, (int)r->body.len, f->out);
}

void
loop_handle(FCGX_Request *f, struct arena *a)
{
	struct req rq, *r = &rq;
	unsigned char rid[8];
	const char *uri, *q;
	int status;

	memset(r, 0, sizeof(*r));
	r->a = a;
	randombytes_buf(rid, sizeof(rid));
	sodium_bin2hex(r->id, sizeof(r->id), rid, sizeof(rid));
	buf_init(&r->body, a, 16384);
	r->view = vobj_new(a);
	r->layout = vobj_new(a);
	r->body_fd = -1;
	r->content_type = "text/html; charset=utf-8";
	r->lang = app.conf.default_lang;
	r->method_name = env(f, "REQUEST_METHOD");
	r->method = parse_method(r->method_name);
	r->remote_addr = env(f, "REMOTE_ADDR");
	r->accept_language = env(f, "HTTP_ACCEPT_LANGUAGE");
	r->host = env(f, "HTTP_HOST");
	r->if_none_match = env(f, "HTTP_IF_NONE_MATCH");
	r->if_modified_since = env(f, "HTTP_IF_MODIFIED_SINCE");
	r->https = strcmp(env(f, "HTTPS"), "on") == 0;
	uri = env(f, "REQUEST_URI");
	if ((q = strchr(uri, '?')) != NULL) {
		r->path = arena_strndup(a, uri, (size_t)(q - uri));
		r->query_string = q + 1;
	} else {
		r->path = *uri != '\0' ? uri : "/";
		r->query_string = "";
	}

	form_parse_cookies(a, env(f, "HTTP_COOKIE"), &r->cookies);
	if (!utf8_valid(r->path, strlen(r->path)) ||
	    form_parse_urlencoded(a, r->query_string, strlen(r->query_string),
	    MAX_PARAMS, &r->query) != KERR_OK) {
		/* The error page's own "here" must not repeat what was malformed. */
		r->path = "/";
		r->query_string = "";
		prepare_view(r, 1);
		status = 400;
	} else
		status = dispatch(r, f);
	/* A handler that failed half-way must not leave its transaction open. */
	db_rollback(r->id);
	if (status >= 400 && r->body.len == 0)
		render_error(r, status);
	else if (status >= 500)
		log_err(r->id, "%s %s: %d", r->method_name, r->path, status);
	r->status = status;
	send_response(r, f);
}
