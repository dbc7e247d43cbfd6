/* req.h - one HTTP request as handlers see it, and the response they build. */
#ifndef KPP_REQ_H
#define KPP_REQ_H

#include "core/buf.h"
#include "core/i18n.h"
#include "core/kerr.h"
#include "http/form.h"
#include "http/localpath.h"	/* local_path_ok(), for the handlers' back= and next= */

struct arena;
struct upload;
struct vobj;

enum method {
	METHOD_GET = 0,
	METHOD_HEAD,
	METHOD_POST,
	METHOD_OTHER,
	METHOD__MAX
};

enum role {
	ROLE_APPLICANT = 0,
	ROLE_ADMIN,
	ROLE_SIDA,
	ROLE__MAX
};

/* Who may use a route: a bit per role, plus anonymous visitors. */
#define MAY_APPLICANT	(1u << ROLE_APPLICANT)
#define MAY_ADMIN	(1u << ROLE_ADMIN)
#define MAY_SIDA	(1u << ROLE_SIDA)
#define MAY_SIGNED_IN	(MAY_APPLICANT | MAY_ADMIN | MAY_SIDA)
#define MAY_ANYONE	(1u << ROLE__MAX)

struct user {
	long long	 id;
	const char	*email;
	const char	*name;
	enum role	 role;
	long long	 org_id;	/* 0 for admin and sida */
	const char	*org_name;
	enum lang	 lang;
};

struct session {
	unsigned char	 token_hash[32];
	char		 csrf[65];
	struct user	 user;
	/* The programme data's version as this request began (sql/0006): cached results of it stay good. */
	unsigned long long data_version;
};

#define REQ_MAXARGS	4
#define REQ_MAXHEADERS	16

struct header {
	const char	*name;
	const char	*value;
};

struct req {
	struct arena	*a;
	char		 id[17];	/* request id: in the log and on error pages */
	enum method	 method;
	const char	*method_name;
	const char	*path;		/* without the query string */
	const char	*query_string;
	const char	*remote_addr;
	const char	*accept_language;
	const char	*host;		/* the Host header as sent ("" when none): check it before use */
	const char	*if_none_match, *if_modified_since;	/* conditional GET headers, "" when none */
	int		 https;		/* nginx says the client came over TLS */
	struct params	 query;
	struct params	 form;
	struct upload	*uploads;	/* a multipart POST's files (upload.h: upload_get()) */
	size_t		 nuploads;
	struct params	 cookies;
	const char	*args[REQ_MAXARGS];	/* the router's {captures} */
	struct session	*sess;		/* NULL: anonymous */
	enum lang	 lang;
	const char	*csrf;		/* the token forms on this page carry */
	const char	*lapsed_csrf;	/* a POST after its session lapsed: that session's token (session_lapsed()) */
	struct vobj	*view;		/* the page's view-model root */
	struct vobj	*layout;	/* the layout's own values ({{@name}}): view_layout() */

	/* The response. */
	int		 status;
	const char	*content_type;
	struct buf	 body;
	int		 body_fd;	/* >= 0: the body is this file instead (downloads), streamed; the arena closes it */
	struct header	 headers[REQ_MAXHEADERS];
	size_t		 nheaders;
	int		 public_max_age;	/* > 0: a 200 any cache may keep this many seconds (resp_public()) */
};

/* The first value of a form field, query parameter or cookie; NULL if absent. */
const char	*req_form(const struct req *r, const char *name);
const char	*req_query(const struct req *r, const char *name);
const char	*req_cookie(const struct req *r, const char *name);

/* Adds a response header; name and value must outlive the request (arena or static). */
void		 resp_header(struct req *r, const char *name, const char *value);

/*
 * Adds a Set-Cookie header: HttpOnly, SameSite=Lax, Path=/, and Secure
 * when the request came over TLS or the configuration says so. max_age < 0 gives a session cookie, 0 deletes it.
 */
void		 resp_cookie(struct req *r, const char *name, const char *value,
		    long max_age);

/*
 * Lets any cache keep a 200 answer for max_age seconds, varying with the
 * cookies and the languages asked for, when the visitor is anonymous:
 * a signed-in person's page names them and stays private, no-store.
 */
void		 resp_public(struct req *r, int max_age);

/* Makes the open file fd the response body, streamed by loop.c (downloads); the request closes it. */
void		 resp_file(struct req *r, int fd);

/* Ends a POST: 303 See Other to a local path. Returns the status for the handler to return. */
int		 redirect(struct req *r, const char *location);

/* Renders page template tpl with r->view and r->layout into the body. Returns 200, or 500 on a template failure. */
int		 render(struct req *r, int tpl);

/*
 * The names of the layout's values, NULL-terminated: the templates read them as {{@name}} from
 * r->layout and only so (tpl.h), so that no value a page sets in r->view can stand for them.
 */
extern const char *const view_layout_names[];

/* Sets the layout's values (view_layout_names) from r's language, token and session. */
void		 view_layout(struct req *r);

/* Makes the page speak language l throughout (a decision letter in the language asked for). */
void		 view_lang(struct req *r, enum lang l);

/* Makes the language switch come back to path (a form's page, where the request was its POST). */
void		 view_here(struct req *r, const char *path);

/*
 * Adds text to the page's error summary (_error_summary.html), linking to
 * the element with id field; the page title then starts with "Error: ".
 * text must outlive the request (arena or translation).
 */
void		 view_error(struct req *r, const char *field, const char *text);

/*
 * Adds a link to the page's breadcrumbs (_head.html), after "Start" and
 * the ones added before. href and text must outlive the request.
 */
void		 view_crumb(struct req *r, const char *href, const char *text);

/* The status a handler returns for an error code (404, 503, ...). */
int		 http_status(enum kerr e);

/* Checks the form's csrf field against the session's, a lapsed session's (kept.c) or the pre-session cookie's. */
int		 csrf_ok(const struct req *r);

#endif
