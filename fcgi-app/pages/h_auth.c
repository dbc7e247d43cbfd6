/* h_auth.c - sign-in, sign-out and the language switch. */
#include <string.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "core/log.h"
#include "db/db.h"
#include "db/db_auth.h"
#include "domain/rules.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/kept.h"
#include "http/req.h"
#include "http/session.h"
#include "pages/h_auth.h"
#include "views/page.h"
#include "views/view.h"

/* Shows text (translated, outliving the request) next to field, email or password. */
static void
field_error(struct req *r, const char *field, const char *text)
{
	view_error(r, field, text);
	vobj_str(r->view, strcmp(field, "email") == 0 ? "email_error" :
	    "password_error", text);
}

static void
add_error(struct req *r, const char *field, const char *msgid)
{
	field_error(r, field, i18n_tr(r->lang, msgid));
}

static const char *
email_json(struct req *r, const char *email)
{
	return arena_printf(r->a, "{\"email\": %s}", json_str(r->a, email));
}

static int
show_login(struct req *r, const char *email, const char *next)
{
	const char *done = req_query(r, "password");

	/* Where choosing a password with a one-time link ends (h_user.c). */
	vobj_bool(r->view, "password_set", done != NULL && strcmp(done, "set") == 0);
	/* Sent here by a form posted after the session lapsed (kept.c). */
	vobj_bool(r->view, "kept", next != NULL && strcmp(next, KEPT_PATH) == 0);
	vobj_str(r->view, "title", i18n_tr(r->lang, N_("Sign in")));
	vobj_str(r->view, "email", email);
	if (local_path_ok(next) && strcmp(next, "/") != 0)
		vobj_str(r->view, "next", next);
	return render(r, TPL_LOGIN);
}

/* GET /login -> 200 form (a signed-in visitor goes to the start page: 303) */
int
h_login_form(struct req *r)
{
	if (r->sess != NULL)
		return redirect(r, "/");
	return show_login(r, "", req_query(r, "next"));
}

static int
signed_in(struct req *r, long long user_id, const char *email, const char *next)
{
	enum kerr e;

	if ((e = db_login_cleared(r->id, email, r->remote_addr)) != KERR_OK ||
	    (e = session_start(r, user_id)) != KERR_OK ||
	    (e = db_audit(r, user_id, "user.login", "user", user_id, NULL,
	    NULL)) != KERR_OK ||
	    (e = db_commit(r->id)) != KERR_OK)
		return http_status(e);
	log_info(r->id, "user %lld signed in", user_id);
	if (local_path_ok(next))
		return redirect(r, next);
	/* A form kept in this browser is looked for first (for someone else, /kept leads on to /). */
	return redirect(r, req_cookie(r, KEPT_COOKIE) != NULL ? KEPT_PATH : "/");
}

/* The pair waits: the attempt is counted on its row, not written to the audit log, and refused. */
static int
refuse_login(struct req *r, const char *email, const char *next, long long wait)
{
	long long minutes = (wait + 59) / 60;
	enum kerr e;

	if ((e = db_login_refused(r->id, email, r->remote_addr)) != KERR_OK ||
	    (e = db_commit(r->id)) != KERR_OK)
		return http_status(e);
	field_error(r, "email", minutes <= 1 ?
	    i18n_tr(r->lang, N_("Too many failed attempts to sign in with this email address. Wait a minute and try again, or ask ICLD for a link to choose a new password.")) :
	    rules_fill(r->a, i18n_tr(r->lang, N_("Too many failed attempts to sign in with this email address. Wait {minutes} minutes and try again, or ask ICLD for a link to choose a new password.")),
	    (const char *const []){ "minutes", arena_printf(r->a, "%lld", minutes), NULL }));
	r->status = 429;
	return show_login(r, email, next);
}

/*
 * A wrong password, or an account that does not exist or is inactive: counted on the pair's
 * row, which makes it wait once it has failed too often (auth_throttle_seconds()). The audit
 * log gets one row per failure judged and one when a wait begins, never one per refusal.
 */
static int
failed(struct req *r, long long id, const char *email, const char *next,
    const struct login_throttle *t)
{
	long long failures = t->failures + 1, wait = auth_throttle_seconds(failures);
	enum kerr e;

	if ((e = db_login_failed(r->id, email, r->remote_addr, failures, wait)) != KERR_OK ||
	    (e = db_audit(r, 0, "user.login_failed", "user", id, NULL,
	    email_json(r, email))) != KERR_OK)
		return http_status(e);
	if (wait > 0 && (e = db_audit(r, 0, "user.login_throttled", "user", id, NULL,
	    arena_printf(r->a, "{\"email\": %s, \"failures\": %lld, \"wait_seconds\": %lld, "
	    "\"refused\": %lld}", json_str(r->a, email), failures, wait, t->refused))) != KERR_OK)
		return http_status(e);
	if ((e = db_commit(r->id)) != KERR_OK ||
	    (e = db_login_purge(r->id)) != KERR_OK)
		return http_status(e);
	add_error(r, "email", N_("The email address or the password is wrong"));
	return show_login(r, email, next);
}

/*
 * POST /login -> 303 to next or / | 200 form with errors | 429 the pair waits | 503
 * Nothing typed reaches the database before its length is checked, and an address and account
 * pair's attempts are judged one at a time under its row's lock (db_login_lock()).
 */
int
h_login(struct req *r)
{
	const char *pw = req_form(r, "password"), *next = req_form(r, "next");
	const char *hash = NULL;
	long long id = 0;
	char *email = email_normalise(r, req_form(r, "email") ? req_form(r, "email") : "");
	struct login_throttle t;
	const char *email_msg = NULL, *pw_msg = NULL;
	int active = 0, ok;
	enum kerr e;

	if (*email == '\0')
		email_msg = N_("Enter your email address");
	else if (strlen(email) > AUTH_EMAIL_BYTES)
		email_msg = N_("An email address has at most 254 characters: check the one you typed");
	if (pw == NULL || *pw == '\0')
		pw_msg = N_("Enter your password");
	else if (strlen(pw) > AUTH_SIGNIN_PW_BYTES)
		pw_msg = N_("This is longer than any password: check what you typed");
	if (email_msg != NULL)
		add_error(r, "email", email_msg);
	if (pw_msg != NULL)
		add_error(r, "password", pw_msg);
	if (email_msg != NULL || pw_msg != NULL)
		return show_login(r, email, next);

	if ((e = db_begin(r->id)) != KERR_OK ||
	    (e = db_login_lock(r->a, r->id, email, r->remote_addr, &t)) != KERR_OK)
		return http_status(e);
	if (t.wait > 0)
		return refuse_login(r, email, next, t.wait);

	e = db_user_for_login(r->a, r->id, email, &id, &hash, &active);
	if (e != KERR_OK && e != KERR_NOTFOUND)
		return http_status(e);
	/* Verify even for unknown accounts: the time taken must not tell which exist. */
	ok = auth_password_verify(e == KERR_OK ? hash : NULL, pw) && active;
	if (ok)
		return signed_in(r, id, email, next);
	return failed(r, id, email, next, &t);
}

/* POST /logout -> 303 /login */
int
h_logout(struct req *r)
{
	long long id = r->sess->user.id;
	enum kerr e;

	if ((e = db_audit(r, id, "user.logout", "user", id, NULL, NULL)) != KERR_OK ||
	    (e = session_end(r)) != KERR_OK)
		return http_status(e);
	return redirect(r, "/login");
}

/* POST /language (lang=sv|en, back=path) -> 303 back */
int
h_language(struct req *r)
{
	const char *back = req_form(r, "back");
	int l = i18n_parse(req_form(r, "lang"));
	enum kerr e;

	if (l < 0)
		return 400;
	if (r->sess != NULL &&
	    (e = db_user_set_lang(r->id, r->sess->user.id, (enum lang)l)) != KERR_OK)
		return http_status(e);
	resp_cookie(r, "kpp_lang", i18n_code((enum lang)l), 365L * 24 * 3600);
	return redirect(r, local_path_ok(back) ? back : "/");
}

/*
 * GET /language?lang=sv|en&back=path -> 303 back | 400
 * The switch on pages that set no cookie before one is asked for (the
 * public register, ROUTE_COOKIELESS): it carries no CSRF token, so it
 * changes nothing but the browser's own cookie, never an account's
 * language (a signed-in person's pages post the form above instead).
 */
int
h_language_get(struct req *r)
{
	const char *back = req_query(r, "back");
	int l = i18n_parse(req_query(r, "lang"));

	if (l < 0)
		return 400;
	resp_cookie(r, "kpp_lang", i18n_code((enum lang)l), 365L * 24 * 3600);
	return redirect(r, local_path_ok(back) ? back : "/partnerships");
}
