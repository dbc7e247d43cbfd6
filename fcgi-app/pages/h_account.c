/* h_account.c - a person's own account: name, address, language, and the e-mail they choose to get. */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/log.h"
#include "db/db_users.h"
#include "domain/mailkinds.h"
#include "http/app.h"
#include "http/form.h"
#include "http/req.h"
#include "pages/h_account.h"
#include "views/page.h"
#include "views/view.h"

static const char *const langs[] = { "sv", "en", NULL };
static const char *const lang_names[] = { N_("Swedish"), N_("English") };

/* Whose mail a role gets besides everyone's: Sida's people get only what everyone gets. */
static enum mail_audience
audience_of(enum role role)
{
	switch (role) {
	case ROLE_APPLICANT:
		return MAIL_TO_APPLICANTS;
	case ROLE_ADMIN:
		return MAIL_TO_OFFICERS;
	default:
		return MAIL_TO_ANYONE;
	}
}

/* Whether kind k is sent to people of audience a. */
static int
concerns(enum mail_kind k, enum mail_audience a)
{
	enum mail_audience to = mail_kind(k)->audience;

	return to == MAIL_TO_ANYONE || to == a;
}

/* Whether the comma-separated set (users.mail_kinds) holds name. */
static int
in_set(const char *set, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = set; p != NULL; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
	}
	return 0;
}

/* The form as shown: the choices p (the language and kinds as posted, on a form sent back). */
static int
show_account(struct req *r, const struct user_prefs *p, const char *lang_error)
{
	enum mail_audience aud = audience_of(r->sess->user.role);
	struct vobj *v = r->view, *o, *req;
	const struct user *u = &r->sess->user;
	const char *saved = req_query(r, "saved");
	int k, any = 0;

	if (lang_error != NULL)
		view_error(r, "lang", lang_error);
	vobj_str(v, "title", tr(r, N_("Your account")));
	view_crumb(r, "/account", tr(r, N_("Your account")));
	vobj_bool(v, "saved", saved != NULL && strcmp(saved, "1") == 0);
	vobj_str(v, "name", u->name);
	vobj_str(v, "email", u->email);
	vobj_str(v, "org", u->org_name);
	vobj_int(v, "version", p->version);
	o = page_choices(r, v, "f_lang", "radio", "lang", "lang",
	    tr(r, N_("Language of the service")), tr(r, N_("The pages and the e-mail you get are in this language.")),
	    lang_error);
	for (k = 0; langs[k] != NULL; k++)
		page_choice(o, k == 0 ? "lang" : "lang-en", langs[k], tr(r, lang_names[k]), NULL,
		    p->lang != NULL && strcmp(p->lang, langs[k]) == 0);
	o = page_choices(r, v, "f_kinds", "checkbox", "kinds", "kinds",
	    tr(r, N_("E-mail you choose to get")), tr(r, N_("Tick what you want to be told by e-mail.")),
	    NULL);
	for (k = 0; k < MAIL__MAX; k++) {
		const struct mail_kind_info *m = mail_kind((enum mail_kind)k);

		if (!concerns((enum mail_kind)k, aud))
			continue;
		if (!m->optional) {
			req = vobj_push(v, "required");
			vobj_str(req, "label", tr(r, m->label));
			continue;
		}
		page_choice(o, any++ == 0 ? "kinds" : arena_printf(r->a, "kinds-%s", m->name), m->name,
		    tr(r, m->label), NULL, in_set(p->mail_kinds, m->name));
	}
	vobj_bool(v, "has_choices", any > 0);
	return render(r, TPL_ACCOUNT);
}

/* GET /account -> 200 the person's account and choices (?saved=1: after saving them) | 503 */
int
h_account_show(struct req *r)
{
	struct user_prefs p;
	enum kerr e;

	if ((e = db_user_prefs(r->a, r->id, r->sess->user.id, &p)) != KERR_OK)
		return http_status(e);
	return show_account(r, &p, NULL);
}

/*
 * POST /account (version, lang, kinds...) -> 303 /account?saved=1 | 200 form with an error |
 * 409 form, saved meanwhile elsewhere | 400 no version, or a kind that is not one of the person's
 * optional ones (a forged form: nothing is saved) | 503
 */
int
h_account_save(struct req *r)
{
	enum mail_audience aud = audience_of(r->sess->user.role);
	const char *vals[MAIL__MAX + 1];
	struct user_prefs stored, p;
	struct buf set;
	size_t n, i;
	unsigned current;
	int k, l;
	enum kerr e;

	memset(&p, 0, sizeof(p));
	if ((p.version = page_version(req_form(r, "version"))) == 0)
		return 400;
	if ((e = db_user_prefs(r->a, r->id, r->sess->user.id, &stored)) != KERR_OK)
		return http_status(e);
	/* Only the optional kinds of the person's own mail can be chosen: anything else is not this form's. */
	if ((n = form_get_all(&r->form, "kinds", vals, MAIL__MAX + 1)) > MAIL__MAX)
		return 400;
	for (i = 0; i < n; i++) {
		k = mail_kind_parse(vals[i]);
		if (k < 0 || !mail_kind((enum mail_kind)k)->optional || !concerns((enum mail_kind)k, aud)) {
			log_info(r->id, "account: user %lld sent kind \"%s\", not theirs to choose: nothing saved",
			    r->sess->user.id, vals[i]);
			return 400;
		}
	}
	/* The kinds of other audiences (an account whose role changed) are kept as they are. */
	buf_init(&set, r->a, 0);
	for (k = 0; k < MAIL__MAX; k++) {
		const struct mail_kind_info *m = mail_kind((enum mail_kind)k);
		int on = 0;

		if (!m->optional)
			continue;
		if (concerns((enum mail_kind)k, aud)) {
			for (i = 0; i < n && strcmp(vals[i], m->name) != 0; i++)
				continue;
			on = i < n;
		} else
			on = in_set(stored.mail_kinds, m->name);
		if (on)
			buf_printf(&set, "%s%s", set.len > 0 ? "," : "", m->name);
	}
	p.mail_kinds = set.len > 0 ? set.data : "";
	l = page_index(langs, req_form(r, "lang"));
	p.lang = l >= 0 ? langs[l] : NULL;
	if (l < 0)
		return show_account(r, &p, tr(r, N_("Choose the language of the service")));
	e = db_user_prefs_set(r, &p, &current);
	if (e == KERR_CONFLICT) {
		/* What they ticked stays; the version is the one now stored, so saving again works. */
		p.version = current;
		r->status = 409;
		view_error(r, "lang", tr(r, N_("Your account was changed in another window while you filled this in. Check your choices and save again.")));
		return show_account(r, &p, NULL);
	}
	if (e != KERR_OK)
		return http_status(e);
	resp_cookie(r, "kpp_lang", p.lang, 365L * 24 * 3600);
	return redirect(r, "/account?saved=1");
}
