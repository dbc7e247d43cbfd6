/* h_user.c - accounts: the admins' list, a new account, (de)activation, one-time password links (mailed), "Forgot your password?", and choosing a password with one. */
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/str.h"
#include "db/db_organisation.h"
#include "db/db_outbox.h"
#include "db/db_users.h"
#include "domain/labels.h"
#include "domain/rules.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/form.h"
#include "http/req.h"
#include "pages/h_user.h"
#include "views/list.h"
#include "views/mailtext.h"
#include "views/page.h"
#include "views/view.h"

#define USER_NAME_MAX	200	/* characters: users.name */

static const char *const roles[] = { "applicant", "admin", "sida", NULL };
static const char *const role_hints[] = {
	N_("Staff of a Swedish member organisation: they apply and report for it, and see nothing of other organisations."),
	N_("An ICLD programme officer: manages rounds, organisations and users, reviews and decides. The home organisation, if any, keeps them from reviewing its applications."),
	N_("Sida staff: they read the programme's figures and its export, and change nothing."),
};
static const char *const langs[] = { "sv", "en", NULL };
static const char *const lang_names[] = { N_("Swedish"), N_("English") };

/* ---- the list --------------------------------------------------------------------------------------- */

/* A button of a row: a small form posting to action, coming back to the list as it was. */
static void
row_action(struct req *r, struct vobj *row, const char *action, long long id,
    const char *text, const char *who)
{
	struct vobj *a = vobj_push(row, "actions");

	vobj_str(a, "action", arena_printf(r->a, "/users/%lld/%s", id, action));
	vobj_str(a, "button_id", arena_printf(r->a, "%s-%lld", action, id));
	vobj_str(a, "text", text);
	vobj_str(a, "who", who);
}

enum { UL_Q, UL_ROLE, UL_ORG, UL_STATUS, UL__MAX };

static const char *const user_statuses[] = { "active", "deactivated" };

/* The organisation is checked against the Swedish ones, the choices. */
static const struct list_filter user_filters[UL__MAX] = {
	[UL_Q] = { "q", N_("Name or email address"), LF_TEXT, NULL, 0, NULL },
	[UL_ROLE] = { "role", N_("Role"), LF_ENUM, roles, 3, N_("All roles") },
	[UL_ORG] = { "organisation", N_("Organisation"), LF_ID, NULL, 0,
	    N_("All organisations") },
	[UL_STATUS] = { "status", N_("Status"), LF_ENUM, user_statuses, 2,
	    N_("Active and deactivated") },
};

static const struct list_col user_cols[] = {
	{ "name", N_("Name"), { USER_SORT_NAME, USER_SORT_NAME }, 0, 0 },
	{ "email", N_("Email address"), { USER_SORT_EMAIL, USER_SORT_EMAIL }, 0, 0 },
	{ .head = N_("Role") },
	{ "organisation", N_("Organisation"), { USER_SORT_ORG, USER_SORT_ORG }, 0, 0 },
	{ "last_login", N_("Last signed in"), { USER_SORT_LOGIN, USER_SORT_LOGIN }, 0, 0 },
	{ .head = N_("Status") },
	{ .head = N_("Change"), .hidden = 1 },
};

static const struct list_spec user_spec = {
	.path = "/users",
	.filters = user_filters,
	.nfilters = UL__MAX,
	.cols = user_cols,
	.ncols = sizeof(user_cols) / sizeof(user_cols[0]),
};

/*
 * Shows one page of the list asked for in l, with an error about the account err_id at the top when
 * err is not NULL. Status 200, or r->status when set; 400 for an organisation that is not a Swedish
 * one.
 */
static int
show_users(struct req *r, const struct list_query *l, long long err_id, const char *err)
{
	struct vobj *v = r->view, *o, *sel[LIST_MAXFILTERS];
	struct organisation *orgs;
	struct user_row *rows;
	struct user_filter f;
	long long total;
	size_t n, norgs, i;
	enum kerr e;

	if ((e = db_org_swedish(r->a, r->id, r->sess->data_version, &orgs, &norgs)) != KERR_OK)
		return http_status(e);
	memset(&f, 0, sizeof(f));
	f.role = l->val[UL_ROLE];
	f.active = l->val[UL_STATUS] == NULL ? -1 : strcmp(l->val[UL_STATUS], "active") == 0;
	f.like = l->val[UL_Q] != NULL ? list_like(r->a, l->val[UL_Q]) : NULL;
	if (l->val[UL_ORG] != NULL) {
		f.org_id = path_id(l->val[UL_ORG]);
		for (i = 0; i < norgs && orgs[i].id != f.org_id; i++)
			continue;
		if (i == norgs)
			return 400;
	}
	f.sort = (enum user_sort)list_variant(r, &user_spec, l);
	f.desc = l->desc;
	f.limit = LIST_PAGE_SIZE;
	f.offset = list_offset(l);
	if ((e = db_user_page(r->a, r->id, &f, &rows, &n, &total)) != KERR_OK)
		return http_status(e);
	if (n == 0 && l->page > 1)
		return 404;
	if (err != NULL)
		view_error(r, arena_printf(r->a, "user-%lld", err_id), err);

	vobj_str(v, "title", tr(r, N_("Users")));
	view_crumb(r, "/users", tr(r, N_("Users")));
	list_view(r, &user_spec, l, total, sel);
	list_view_codes(r, l, sel[UL_ROLE], UL_ROLE, roles, SIZE_MAX);
	for (i = 0; i < norgs; i++)
		list_view_option(sel[UL_ORG], l, UL_ORG, arena_printf(r->a, "%lld",
		    orgs[i].id), orgs[i].name);
	list_view_option(sel[UL_STATUS], l, UL_STATUS, "active", tr(r, N_("Active")));
	list_view_option(sel[UL_STATUS], l, UL_STATUS, "deactivated", tr(r, N_("Deactivated")));
	for (i = 0; i < n; i++) {
		const struct user_row *u = &rows[i];
		int self = u->id == r->sess->user.id;

		o = vobj_push(v, "rows");
		vobj_str(o, "row_id", arena_printf(r->a, "user-%lld", u->id));
		vobj_str(o, "name", u->name);
		vobj_str(o, "email", u->email);
		vobj_str(o, "role", label(r->lang, u->role));
		vobj_str(o, "org", u->org_name);
		vobj_str(o, "last_login", fmt_time(r->a, u->last_login));
		vobj_bool(o, "active", u->active);
		vobj_bool(o, "self", self);
		vobj_bool(o, "no_password", !u->has_password);
		vobj_str(o, "link_expires", u->link_expires == NULL ? NULL :
		    rules_fill(r->a, tr(r, N_("Password link works until {time}")),
		    (const char *const[]){ "time", fmt_time(r->a, u->link_expires), NULL }));
		vobj_bool(o, "actions", 0);
		if (u->active && !self)
			row_action(r, o, "deactivate", u->id, tr(r, N_("Deactivate")), u->name);
		if (!u->active)
			row_action(r, o, "reactivate", u->id, tr(r, N_("Reactivate")), u->name);
		if (u->active)
			row_action(r, o, "reset-link", u->id, tr(r, N_("New password link")), u->name);
	}
	return render(r, TPL_USERS);
}

/* GET /users -> 200 one page of the list | 400 a filter, sort or page not allowed | 404 past the last page | 503 */
int
h_user_list(struct req *r)
{
	struct list_query l;

	if (list_query_parse(r, &user_spec, &l) != KERR_OK)
		return 400;
	return show_users(r, &l, 0, NULL);
}

/* The list unfiltered with a message about account id at the top, after a POST that was refused. */
static int
list_refused(struct req *r, long long id, const char *msgid)
{
	struct list_query l;

	list_query_default(&user_spec, &l);
	r->status = 409;
	return show_users(r, &l, id, tr(r, msgid));
}

/* Back to the list as the person left it: the form's "back", if it is a page of the list. */
static int
back_to_list(struct req *r)
{
	const char *back = req_form(r, "back");

	if (local_path_ok(back) && (strcmp(back, "/users") == 0 ||
	    strncmp(back, "/users?", 7) == 0))
		return redirect(r, back);
	return redirect(r, "/users");
}

/* ---- a new account ---------------------------------------------------------------------------------- */

enum ufield {
	UF_NAME = 0,
	UF_EMAIL,
	UF_ROLE,
	UF_ORG,
	UF_LANG,
	UF__MAX
};

/* The fields' names, which are also the ids the error summary links to (a fieldset's first control). */
static const char *const ufield_ids[UF__MAX] = { "name", "email", "role", "org_id", "lang" };

struct user_form {
	const char	*val[UF__MAX];
	const char	*err[UF__MAX];
	const char	*token;
};

static int
show_user_form(struct req *r, const struct user_form *f)
{
	struct organisation *orgs;
	struct vobj *v = r->view, *o;
	size_t n, i;
	int k;
	enum kerr e;

	if ((e = db_org_swedish(r->a, r->id, r->sess->data_version, &orgs, &n)) != KERR_OK)
		return http_status(e);
	for (k = 0; k < UF__MAX; k++)
		if (f->err[k] != NULL)
			view_error(r, ufield_ids[k], f->err[k]);
	vobj_str(v, "title", tr(r, N_("Add a user")));
	view_crumb(r, "/users", tr(r, N_("Users")));
	view_crumb(r, "/users/new", tr(r, N_("Add a user")));
	vobj_str(v, "token", f->token);

	o = page_input(r, v, "f_name", "name", tr(r, N_("Full name")), NULL,
	    f->val[UF_NAME], f->err[UF_NAME]);
	vobj_str(o, "autocomplete", "off");
	vobj_str(o, "maxlength", "200");
	o = page_input(r, v, "f_email", "email", tr(r, N_("Email address")),
	    tr(r, N_("They sign in with it. Each person has an account of their own.")),
	    f->val[UF_EMAIL], f->err[UF_EMAIL]);
	vobj_str(o, "type", "email");
	vobj_str(o, "autocomplete", "off");
	o = page_choices(r, v, "f_role", "radio", "role", "role", tr(r, N_("Role")),
	    NULL, f->err[UF_ROLE]);
	for (k = 0; roles[k] != NULL; k++)
		page_choice(o, k == 0 ? "role" : arena_printf(r->a, "role-%s", roles[k]),
		    roles[k], label(r->lang, roles[k]), tr(r, role_hints[k]),
		    f->val[UF_ROLE] != NULL && strcmp(f->val[UF_ROLE], roles[k]) == 0);
	o = page_select(r, v, "f_org", "org_id", tr(r, N_("Organisation")),
	    tr(r, N_("An applicant's organisation, whose applications and projects they see; an ICLD administrator's home organisation, if any. Sida accounts have none.")),
	    tr(r, N_("No organisation")), f->err[UF_ORG]);
	for (i = 0; i < n; i++)
		if (orgs[i].active)
			page_option(o, arena_printf(r->a, "%lld", orgs[i].id), orgs[i].name,
			    f->val[UF_ORG] != NULL && path_id(f->val[UF_ORG]) == orgs[i].id);
	o = page_choices(r, v, "f_lang", "radio", "lang", "lang",
	    tr(r, N_("Language of the service")), NULL, f->err[UF_LANG]);
	for (k = 0; langs[k] != NULL; k++)
		page_choice(o, k == 0 ? "lang" : "lang-en", langs[k], tr(r, lang_names[k]),
		    NULL, f->val[UF_LANG] != NULL && strcmp(f->val[UF_LANG], langs[k]) == 0);
	return render(r, TPL_USER_FORM);
}

/* GET /users/new -> 200 the empty form with a fresh one-time token */
int
h_user_new(struct req *r)
{
	struct user_form f;
	char *token = arena_alloc(r->a, AUTH_TOKEN_HEX);

	memset(&f, 0, sizeof(f));
	f.val[UF_ROLE] = "applicant";
	f.val[UF_LANG] = "sv";
	auth_token_new(token);
	f.token = token;
	return show_user_form(r, &f);
}

/*
 * Checks the form field by field, noting each problem next to its field, and fills u from it.
 * Returns the number of fields in error, or -1 when the organisations cannot be read.
 */
static int
user_form_check(struct req *r, struct user_form *f, struct user_new *u)
{
	struct organisation *orgs;
	size_t n, i;
	int k, errors = 0, role;

	memset(u, 0, sizeof(*u));
	u->name = f->val[UF_NAME] = form_trim(r->a, req_form(r, "name"));
	f->val[UF_EMAIL] = form_trim(r->a, req_form(r, "email"));
	u->email = email_normalise(r, f->val[UF_EMAIL]);
	f->val[UF_ROLE] = req_form(r, "role");
	f->val[UF_ORG] = form_trim(r->a, req_form(r, "org_id"));
	f->val[UF_LANG] = req_form(r, "lang");

	if (*u->name == '\0')
		f->err[UF_NAME] = tr(r, N_("Enter the person's full name"));
	else if (utf8_chars(u->name) > USER_NAME_MAX)
		f->err[UF_NAME] = tr(r, N_("Enter a name of at most 200 characters"));
	if (*u->email == '\0')
		f->err[UF_EMAIL] = tr(r, N_("Enter the person's email address"));
	else if (!valid_email(u->email))
		f->err[UF_EMAIL] = tr(r, N_("Enter an email address in the correct format, such as name@kommun.se"));
	if ((role = page_index(roles, f->val[UF_ROLE])) < 0)
		f->err[UF_ROLE] = tr(r, N_("Choose the person's role"));
	else
		u->role = roles[role];
	if ((k = page_index(langs, f->val[UF_LANG])) < 0)
		f->err[UF_LANG] = tr(r, N_("Choose the language of the service"));
	else
		u->lang = langs[k];

	if (*f->val[UF_ORG] != '\0') {
		if (db_org_swedish(r->a, r->id, r->sess->data_version, &orgs, &n) != KERR_OK)
			return -1;
		u->org_id = path_id(f->val[UF_ORG]);
		for (i = 0; i < n && (orgs[i].id != u->org_id || !orgs[i].active); i++)
			continue;
		if (i == n)
			f->err[UF_ORG] = tr(r, N_("Choose an organisation from the list"));
	}
	if (f->err[UF_ORG] == NULL && role == 0 && u->org_id == 0)
		f->err[UF_ORG] = tr(r, N_("Choose the organisation the applicant works for"));
	else if (f->err[UF_ORG] == NULL && role == 2 && u->org_id != 0)
		f->err[UF_ORG] = tr(r, N_("A Sida account has no organisation: choose \"No organisation\""));
	for (k = 0; k < UF__MAX; k++)
		errors += f->err[k] != NULL;
	return errors;
}

/*
 * The e-mail that carries the one-time link with token (kind
 * MAIL_ACCOUNT_LINK or MAIL_PASSWORD_LINK, working hours) to u, in both
 * languages: s, whose recipient the data layer sets.
 */
static enum kerr
link_mail(struct req *r, enum mail_kind kind, const struct user_row *u, const char *token,
    int hours, struct outbox_send *s)
{
	const char *link = str_url(r->a, app.conf.public_url,
	    arena_printf(r->a, "/password/%s", token));
	struct vobj *roots[LANG__MAX];
	int l;

	for (l = 0; l < LANG__MAX; l++) {
		roots[l] = vobj_new(r->a);
		vobj_str(roots[l], "name", u->name);
		vobj_str(roots[l], "email", u->email);
		vobj_str(roots[l], "link", link);
		vobj_str(roots[l], "hours", arena_printf(r->a, "%d", hours));
		/* An officer's home organisation is not why they have an account. */
		mailtext_footer(roots[l], r->a, kind, app.conf.public_url,
		    strcmp(u->role, "applicant") == 0 ? u->org_name : NULL);
	}
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->link = link;
	return mailtext_both(r->a, r->id, &app.mail, kind, roots, s->subject, s->body);
}

/* The page after a link was mailed: after creating the account, or for a new link. */
static int
show_link(struct req *r, const struct user_row *u, const char *expires, int created)
{
	struct vobj *v = r->view;
	const char *pairs[] = { "name", u->name, "email", u->email, "time",
	    fmt_time(r->a, expires), NULL };

	vobj_str(v, "title", rules_fill(r->a, tr(r, created ?
	    N_("Account created for {name}") : N_("New password link for {name}")), pairs));
	view_crumb(r, "/users", tr(r, N_("Users")));
	vobj_bool(v, "sent", 1);
	vobj_str(v, "sent_text", rules_fill(r->a, tr(r, N_("A link has been e-mailed to {name} at {email}. With it they choose their own password, and can then sign in.")), pairs));
	vobj_str(v, "expiry_text", rules_fill(r->a, tr(r, N_("The link works once, until {time}.")), pairs));
	return render(r, TPL_USER_LINK);
}

/* The organisation's name of a new account (none for "No organisation"). */
static const char *
org_name_of(struct req *r, long long org_id)
{
	struct organisation *orgs;
	size_t n, i;

	if (org_id == 0 || db_org_swedish(r->a, r->id, r->sess->data_version, &orgs, &n) != KERR_OK)
		return NULL;
	for (i = 0; i < n && orgs[i].id != org_id; i++)
		continue;
	return i < n ? orgs[i].name : NULL;
}

/* POST /users -> 200 the account made, its one-time link mailed | 200 form with errors | 200 "created already" for a re-sent form | 400 no token | 503 */
int
h_user_create(struct req *r)
{
	const char *token = req_form(r, "token"), *expires = NULL;
	char link[AUTH_TOKEN_HEX];
	unsigned char h[32];
	struct user_form f;
	struct user_new u;
	struct user_row made;
	struct outbox_send mail;
	long long id = 0;
	int n;
	enum kerr e;

	if (!page_token_ok(token))
		return 400;
	memset(&f, 0, sizeof(f));
	f.token = token;
	if ((n = user_form_check(r, &f, &u)) < 0)
		return 503;
	if (n > 0)
		return show_user_form(r, &f);
	memset(&made, 0, sizeof(made));
	made.name = u.name;
	made.email = u.email;
	made.role = u.role;
	made.org_name = org_name_of(r, u.org_id);
	auth_token_new(link);
	/* A mail that cannot be written (logged) makes nothing: the account would come without its link. */
	if (link_mail(r, MAIL_ACCOUNT_LINK, &made, link, USER_LINK_HOURS, &mail) != KERR_OK ||
	    auth_token_hash(link, h) != 0)
		return 500;
	e = db_user_create(r, &u, token, h, &mail, &id, &expires);
	sodium_memzero(h, sizeof(h));
	if (e == KERR_INVALID) {
		f.err[UF_EMAIL] = tr(r, N_("There is already an account with this email address"));
		return show_user_form(r, &f);
	}
	if (e == KERR_CONFLICT) {
		/* The form was sent before: its link was mailed then. */
		if ((e = db_user_get(r->a, r->id, id, &made)) != KERR_OK)
			return http_status(e);
		vobj_str(r->view, "title", tr(r, N_("The account exists already")));
		view_crumb(r, "/users", tr(r, N_("Users")));
		vobj_str(r->view, "exists_text", rules_fill(r->a, tr(r, N_("The account for {name} ({email}) was made when this form was first sent, and its link was e-mailed then.")),
		    (const char *const[]){ "name", made.name, "email", made.email, NULL }));
		vobj_bool(r->view, "can_link", made.active);
		vobj_str(r->view, "link_action", arena_printf(r->a, "/users/%lld/reset-link", id));
		return render(r, TPL_USER_LINK);
	}
	if (e != KERR_OK)
		return http_status(e);
	return show_link(r, &made, expires, 1);
}

/* ---- changes to an account -------------------------------------------------------------------------- */

static int
set_active(struct req *r, int active)
{
	long long id = path_id(r->args[0]);
	int changed;
	enum kerr e;

	if (id == 0)
		return 404;
	/* Whoever is left to sign in must not be shut out by a slip of their own hand. */
	if (!active && id == r->sess->user.id)
		return list_refused(r, id, N_("You cannot deactivate your own account. Ask another ICLD administrator to do it."));
	if ((e = db_user_set_active(r, id, active, &changed)) != KERR_OK)
		return http_status(e);
	return back_to_list(r);
}

/* POST /users/{id}/deactivate -> 303 back to the list (also when deactivated already) | 409 list, one's own account | 404 | 503 */
int
h_user_deactivate(struct req *r)
{
	return set_active(r, 0);
}

/* POST /users/{id}/reactivate -> 303 back to the list (also when active already) | 404 | 503 */
int
h_user_reactivate(struct req *r)
{
	return set_active(r, 1);
}

/* POST /users/{id}/reset-link -> 200 a new one-time link mailed, earlier ones ended | 409 list, account deactivated | 404 | 503 */
int
h_user_reset_link(struct req *r)
{
	long long id = path_id(r->args[0]);
	const char *expires = NULL;
	char link[AUTH_TOKEN_HEX];
	struct outbox_send mail;
	unsigned char h[32];
	struct user_row u;
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_user_get(r->a, r->id, id, &u)) != KERR_OK)
		return http_status(e);
	auth_token_new(link);
	if (link_mail(r, MAIL_PASSWORD_LINK, &u, link, USER_LINK_HOURS, &mail) != KERR_OK ||
	    auth_token_hash(link, h) != 0)
		return 500;
	e = db_user_new_link(r, id, h, &mail, &expires);
	sodium_memzero(h, sizeof(h));
	if (e == KERR_INVALID)
		return list_refused(r, id, N_("The account is deactivated: reactivate it before making a password link."));
	if (e != KERR_OK)
		return http_status(e);
	return show_link(r, &u, expires, 0);
}

/* ---- "Forgot your password?" ------------------------------------------------------------------------ */

static int
show_forgot(struct req *r, const char *email, const char *error)
{
	struct vobj *o;

	if (error != NULL)
		view_error(r, "email", error);
	vobj_str(r->view, "title", tr(r, N_("Forgot your password?")));
	o = page_input(r, r->view, "f_email", "email", tr(r, N_("Email address")),
	    tr(r, N_("The address you sign in with. We e-mail it a link with which you choose a new password.")),
	    email, error);
	vobj_str(o, "type", "email");
	vobj_str(o, "autocomplete", "username");
	vobj_str(o, "maxlength", "254");
	return render(r, TPL_PASSWORD_FORGOT);
}

/* GET /forgot-password -> 200 the form (a signed-in visitor too: they may have come from the sign-in page's link) */
int
h_password_forgot_form(struct req *r)
{
	return show_forgot(r, "", NULL);
}

/*
 * POST /forgot-password (email) -> 200 the same answer whatever the address | 200 form with an error | 503
 * Whether the address has an account, an active one, or has asked too often is never told: each
 * gets the answer page, and only an active account within the limits a link by e-mail.
 */
int
h_password_forgot(struct req *r)
{
	const char *typed = form_trim(r->a, req_form(r, "email") != NULL ? req_form(r, "email") : "");
	char *email = email_normalise(r, typed);
	const char *expires = NULL;
	char link[AUTH_TOKEN_HEX];
	struct outbox_send mail;
	unsigned char h[32];
	struct user_row u;
	enum kerr e;

	if (*email == '\0')
		return show_forgot(r, typed, tr(r, N_("Enter your email address")));
	if (strlen(email) > AUTH_EMAIL_BYTES || !valid_email(email))
		return show_forgot(r, typed, tr(r, N_("Enter an email address in the correct format, such as name@kommun.se")));
	e = db_user_by_email(r->a, r->id, email, &u);
	if (e != KERR_OK && e != KERR_NOTFOUND)
		return http_status(e);
	if (e == KERR_OK) {
		auth_token_new(link);
		if (link_mail(r, MAIL_PASSWORD_LINK, &u, link, USER_FORGOT_HOURS, &mail) != KERR_OK ||
		    auth_token_hash(link, h) != 0)
			return 500;
		e = db_password_request(r, email, u.id, h, &mail, &expires);
		sodium_memzero(h, sizeof(h));
		/* Over the limit, or made inactive since it was read: the same answer, no link. */
		if (e == KERR_CONFLICT)
			log_info(r->id, "forgot password: user %lld over the limit, no link mailed", u.id);
		else if (e != KERR_OK && e != KERR_INVALID && e != KERR_NOTFOUND)
			return http_status(e);
	}
	vobj_str(r->view, "title", tr(r, N_("Check your e-mail")));
	vobj_str(r->view, "sent_text", rules_fill(r->a, tr(r, N_("If {email} has an account in kpp, we have e-mailed it a link with which you choose a new password. The link works once, for {hours} hours.")),
	    (const char *const[]){ "email", email, "hours", arena_printf(r->a, "%d", USER_FORGOT_HOURS), NULL }));
	vobj_bool(r->view, "sent", 1);
	return render(r, TPL_PASSWORD_FORGOT);
}

/* ---- choosing a password with a link ---------------------------------------------------------------- */

/* The page for a link that does not work: the same for unknown, used, replaced and expired ones. */
static int
link_gone(struct req *r)
{
	vobj_str(r->view, "title", tr(r, N_("This link does not work")));
	r->status = 410;
	return render(r, TPL_PASSWORD_GONE);
}

static int
show_password_form(struct req *r, const struct user_row *u, const char *pw_error,
    const char *again_error)
{
	struct vobj *v = r->view, *o;

	if (pw_error != NULL)
		view_error(r, "password", pw_error);
	if (again_error != NULL)
		view_error(r, "password_again", again_error);
	vobj_str(v, "title", tr(r, N_("Choose your password")));
	vobj_str(v, "intro", rules_fill(r->a, tr(r, N_("Choose the password of the account {email} ({name}). You then sign in with your email address and this password.")),
	    (const char *const[]){ "email", u->email, "name", u->name, NULL }));
	vobj_str(v, "action", r->path);
	/* A password typed is never sent back to the browser, even to correct it. */
	o = page_input(r, v, "f_password", "password", tr(r, N_("New password")),
	    tr(r, N_("At least 12 characters. A few words that mean something to you are easy to remember and hard to guess.")),
	    "", pw_error);
	vobj_str(o, "type", "password");
	vobj_str(o, "autocomplete", "new-password");
	o = page_input(r, v, "f_again", "password_again",
	    tr(r, N_("Type the password again")), NULL, "", again_error);
	vobj_str(o, "type", "password");
	vobj_str(o, "autocomplete", "new-password");
	return render(r, TPL_PASSWORD);
}

/* GET /password/{token} -> 200 the form | 404 not a token | 410 a link that does not work | 503 */
int
h_password_form(struct req *r)
{
	unsigned char h[32];
	struct user_row u;
	enum kerr e;

	if (!page_token_ok(r->args[0]) || auth_token_hash(r->args[0], h) != 0)
		return 404;
	if ((e = db_link_find(r->a, r->id, h, &u)) == KERR_NOTFOUND)
		return link_gone(r);
	if (e != KERR_OK)
		return http_status(e);
	return show_password_form(r, &u, NULL, NULL);
}

/* POST /password/{token} (password, password_again) -> 303 /login?password=set | 200 form with errors | 404 | 410 | 503 */
int
h_password_set(struct req *r)
{
	static const char *const problems[AUTH_PW__MAX] = {
		[AUTH_PW_EMPTY] = N_("Enter a password"),
		[AUTH_PW_SHORT] = N_("Enter a password of at least 12 characters"),
		[AUTH_PW_LONG] = N_("Enter a password of at most 200 characters"),
		[AUTH_PW_MISMATCH] = N_("The two passwords are not the same: type the same password twice"),
	};
	const char *pw = req_form(r, "password"), *again = req_form(r, "password_again");
	char hash[AUTH_HASH_MAX];
	unsigned char h[32];
	struct user_row u;
	long long user_id;
	enum auth_pw p;
	enum kerr e;

	if (!page_token_ok(r->args[0]) || auth_token_hash(r->args[0], h) != 0)
		return 404;
	if ((e = db_link_find(r->a, r->id, h, &u)) == KERR_NOTFOUND)
		return link_gone(r);
	if (e != KERR_OK)
		return http_status(e);
	if ((p = auth_password_check(pw, again != NULL ? again : "")) != AUTH_PW_OK)
		return show_password_form(r, &u, p == AUTH_PW_MISMATCH ? NULL :
		    tr(r, problems[p]), p == AUTH_PW_MISMATCH ? tr(r, problems[p]) : NULL);
	if (auth_password_hash(pw, hash) != 0)
		return 500;
	e = db_link_use(r, h, hash, &user_id);
	sodium_memzero(hash, sizeof(hash));
	/* Used by a second tab meanwhile, or deactivated: the link works no more. */
	if (e == KERR_NOTFOUND)
		return link_gone(r);
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, "/login?password=set");
}
