/* h_application_form.c - the application form: start a draft, the task list, one page per section, check your answers, submit. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "core/str.h"
#include "db/db_application.h"
#include "db/db_application_save.h"
#include "db/db_round.h"
#include "domain/labels.h"
#include "domain/rules.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/req.h"
#include "pages/h_application_form.h"
#include "views/appmail.h"
#include "views/apppage.h"
#include "views/page.h"
#include "views/view.h"

/*
 * How the form behaves (a long form filled over several sittings: nothing
 * typed is ever lost, every problem is said at once and beside its field):
 *
 * Saving a section never checks more than what can be stored: a number
 * is a number, a date a date, an e-mail address an address, a text fits
 * its column. A field that fails keeps its stored value, shows what was
 * typed with its message, and everything else of the section is saved;
 * a row of the results framework or the team that cannot be stored (a
 * member without a role) is left out of the save, and shown with its
 * message.
 *
 * "I have completed this section" runs the section's rules
 * (rules_check_section), whatever failed to be read, so that one save
 * lists every problem of the section. When there are problems the
 * section is saved all the same, in progress, and the page shows them
 * next to their fields with the box still ticked, as it was sent, so
 * that saving again checks again: work is never held back because it
 * is unfinished, and never marked complete unseen. Completing is judged
 * again on submission (rules_check).
 *
 * Enter in a field presses the form's first button, a hidden "Save and
 * continue" (_app_form_start.html), never one that adds a row. A section
 * opened from check your answers (?return=check, kept in the form) goes
 * back there when saved.
 *
 * Blank rows (an objective, a result, an indicator, a team member with
 * nothing typed) are nothing: they are dropped when saved, and the rest
 * renumbered, so that the ids the rules name (rules.h) are those of the
 * page shown after the save.
 */

#define TITLE_MAX	300	/* applications.title_* */
#define NAME_MAX	200	/* contact_name, team_members.name and position, organisations.name */
#define EMAIL_MAX	254
#define PHONE_MAX	40
#define IND_TEXT_MAX	500	/* indicators.name, baseline_text, target_text */
#define UNIT_MAX	60

#define MAX_OBJ		10	/* objectives; results per objective; indicators per result */
#define MAX_RES		10
#define MAX_IND		10
#define MAX_MEMBERS	60	/* team members on all sides */

#define TOKEN_LEN	32	/* applications.create_token: 128 bits as hex */

/* Where a link to the section as a whole puts the focus. */
static const char *const first_field[SEC__MAX] = {
	[SEC_PARTNERS] = "type",
	[SEC_PROJECT] = "title_sv",
	[SEC_RESULTS] = "overall_objective",
	[SEC_TEAM] = "team-swedish",
	[SEC_BUDGET] = "years",
	[SEC_CONTACT] = "contact_name",
};

static const int section_tpl[SEC__MAX] = {
	[SEC_PARTNERS] = TPL_APP_PARTNERS,
	[SEC_PROJECT] = TPL_APP_PROJECT,
	[SEC_RESULTS] = TPL_APP_RESULTS,
	[SEC_TEAM] = TPL_APP_TEAM,
	[SEC_BUDGET] = TPL_APP_BUDGET,
	[SEC_CONTACT] = TPL_APP_CONTACT,
};

static const char *const principle_codes[4] = {
	"inclusion", "participation", "transparency", "accountability",
};

static const char *const principle_hints[4] = {
	N_("Everyone, whatever their background, can take part in the municipality's decisions."),
	N_("Citizens take part in and influence decisions that concern them."),
	N_("Decisions and how they are made are open for citizens to see."),
	N_("Politicians and civil servants answer for their decisions and their work."),
};

/* The fields of the co-applicants and their labels. */
static const char *const coapp_ids[MAX_COAPPLICANTS] = {
	"coapplicant-1", "coapplicant-2", "coapplicant-3"
};

static const char *const coapp_labels[MAX_COAPPLICANTS] = {
	N_("First co-applicant"), N_("Second co-applicant"), N_("Third co-applicant")
};

/* Everything a section page shows, and what a save found. */
struct page {
	struct req		*r;
	enum section		 sec;
	struct application	*a;		/* what the fields show */
	const struct application *stored;	/* as loaded */
	struct application_extra x;
	struct round		 rd;
	unsigned		 version;	/* the one the form sends back */
	int			 stale;		/* someone else saved meanwhile */
	int			 done_box;	/* "I have completed this section" as the page shows it */
	int			 to_check;	/* came from check your answers, and goes back there */
	const char		*add;		/* an extra empty row asked for */
	struct page_form	 f;		/* what a save found, and what it keeps as typed */
	struct new_partner	 np;		/* "add a partner organisation" as typed */
	int			 np_pos;	/* the partner position it takes, 0: none */
	const char		*added;		/* its name once created: not in this request's list */
	long long		 added_id;

	/* Rows that cannot be stored (see the comment at the top), by their place in a. */
	unsigned char		 obad[MAX_OBJ];
	unsigned char		 rbad[MAX_OBJ][MAX_RES];
	unsigned char		 ibad[MAX_OBJ][MAX_RES][MAX_IND];
	unsigned char		 mbad[MAX_MEMBERS];

	/* The lists the page offers, loaded by the sections that need them. */
	struct country_row	*countries;
	size_t			 ncountries;
	struct partner_org	*orgs;
	size_t			 norgs;
	struct swedish_org	*sorgs;		/* the co-applicants offered */
	size_t			 nsorgs;
	struct theme_row	*themes;
	size_t			 nthemes;
	const char		*sdg_sv[18], *sdg_en[18];
};

/* ---- small helpers ---------------------------------------------------------------------------------- */

static int
is_draft(const struct application *a)
{
	return a->status != NULL && strcmp(a->status, "draft") == 0;
}

/* "Application 142", the reference people quote. */
static const char *
reference(struct req *r, long long id)
{
	return arena_printf(r->a, "%s %lld", tr(r, N_("Application")), id);
}

/* The crumbs of a page about application a: its task list while a draft. */
static void
crumbs_app(struct req *r, const struct application *a)
{
	view_crumb(r, page_app_path(r, a->id, is_draft(a) ? "/tasks" : ""),
	    reference(r, a->id));
}

/*
 * An error in the summary at the top, linking to href: unlike view_error()
 * it may point at a field on another page (check your answers -> section).
 */
static void
error_link(struct req *r, const char *href, const char *text)
{
	struct vobj *e = vobj_push(r->view, "errors");

	vobj_bool(r->view, "has_errors", 1);
	vobj_str(e, "href", href);
	vobj_str(e, "text", text);
}

/* A round's rule for one type in words: "1–3 years; 300 000 kr – 500 000 kr per year (Africa, ...)". */
static const char *
rule_words(struct req *r, const struct round_rule *u)
{
	struct buf b;
	int g, h, same;

	buf_init(&b, r->a, 256);
	buf_printf(&b, "%s. %s: ", page_years_words(r, u->min_years, u->max_years),
	    tr(r, N_("Amount per year")));
	for (g = 0; g < REGION__MAX; g++) {
		/* Regions with the same ceiling as an earlier one were said with it. */
		for (same = 0, h = 0; h < g; h++)
			same |= u->max_amount[h] == u->max_amount[g];
		if (same)
			continue;
		if (g > 0)
			buf_puts(&b, "; ");
		buf_printf(&b, "%s (", page_amount_words(r, u->min_amount, u->max_amount[g]));
		for (h = g; h < REGION__MAX; h++)
			if (u->max_amount[h] == u->max_amount[g])
				buf_printf(&b, "%s%s", h > g ? ", " : "",
				    label(r->lang, region_code[h]));
		buf_putc(&b, ')');
	}
	return b.data;
}

static const char *
date_long(struct req *r, const char *iso)
{
	int y, m, d;

	if (valid_date(iso, &y, &m, &d) != KERR_OK)
		return iso;
	return fmt_date_long(r->a, y, m, d, r->lang);
}

/* ---- starting an application ------------------------------------------------------------------------ */

/*
 * Whether round rd takes new applications of type t today: a type it
 * allows, while it is open; or, when no round is open (open_any is 0),
 * an inception in the latest round that takes them all year.
 */
static int
offered(const struct round *rd, int t, const char *today, int open_any,
    const struct round *latest_all_year)
{
	if (!rd->rules[t].allowed)
		return 0;
	if (strcmp(rd->opens_on, today) <= 0 && strcmp(today, rd->closes_on) <= 0)
		return 1;
	return !open_any && t == PT_INCEPTION && rd == latest_all_year;
}

/* The rounds a new application may choose from; returns how many rounds offer something. */
static size_t
open_rounds(struct round *rounds, size_t n, const char *today,
    int offer[][PT__MAX])
{
	const struct round *latest = NULL;
	size_t i, k = 0;
	int t, open_any = 0, any;

	for (i = 0; i < n; i++) {
		const struct round *rd = &rounds[i];

		if (strcmp(rd->opens_on, today) <= 0 && strcmp(today, rd->closes_on) <= 0)
			open_any = 1;
		if (rd->inception_all_year && rd->rules[PT_INCEPTION].allowed &&
		    strcmp(rd->opens_on, today) <= 0 &&
		    (latest == NULL || strcmp(rd->opens_on, latest->opens_on) > 0))
			latest = rd;
	}
	for (i = 0; i < n; i++) {
		for (any = 0, t = 0; t < PT__MAX; t++)
			any |= offer[i][t] = offered(&rounds[i], t, today,
			    open_any, latest);
		k += any != 0;
	}
	return k;
}

static int
show_new(struct req *r, const char *token, const char *chosen, const char *error)
{
	const char *today = app_today();
	struct round *rounds;
	struct vobj *v = r->view, *o, *ty;
	int (*offer)[PT__MAX];
	size_t n, i;
	int t, first = 1;
	enum kerr e;

	if ((e = db_round_list(r->a, r->id, r->sess->data_version, &rounds, &n)) != KERR_OK)
		return http_status(e);
	offer = arena_calloc(r->a, n + 1, sizeof(*offer));
	vobj_bool(v, "has_rounds", open_rounds(rounds, n, today, offer) > 0);
	vobj_str(v, "title", tr(r, N_("Start a new application")));
	view_crumb(r, "/applications/new", tr(r, N_("Start a new application")));
	vobj_str(v, "token", token);
	if (error != NULL) {
		error_link(r, "#choice", error);
		vobj_str(v, "choice_error", error);
	}
	for (i = 0; i < n; i++) {
		const struct round *rd = &rounds[i];

		if (!(offer[i][0] | offer[i][1] | offer[i][2]))
			continue;
		o = vobj_push(v, "rounds");
		vobj_int(o, "round_id", rd->id);
		vobj_str(o, "name", i18n_pick(r->lang, rd->name_sv, rd->name_en));
		vobj_str(o, "opens", date_long(r, rd->opens_on));
		vobj_str(o, "closes", date_long(r, rd->closes_on));
		vobj_bool(o, "all_year", rd->inception_all_year);
		for (t = 0; t < PT__MAX; t++) {
			const char *value;

			if (!offer[i][t])
				continue;
			value = arena_printf(r->a, "%lld:%s", rd->id, ptype_code[t]);
			ty = vobj_push(o, "types");
			vobj_str(ty, "id", first ? "choice" : arena_printf(r->a,
			    "choice-%lld-%s", rd->id, ptype_code[t]));
			vobj_str(ty, "value", value);
			vobj_str(ty, "label", label(r->lang, ptype_code[t]));
			vobj_str(ty, "rule", rule_words(r, &rd->rules[t]));
			vobj_bool(ty, "checked", chosen != NULL && strcmp(chosen, value) == 0);
			first = 0;
		}
	}
	return render(r, TPL_APP_NEW);
}

/* GET /applications/new -> 200 the open rounds, their rules and the choice of round and type | 503 */
int
h_appform_new(struct req *r)
{
	char token[AUTH_TOKEN_HEX];

	auth_token_new(token);
	token[TOKEN_LEN] = '\0';
	return show_new(r, arena_strdup(r->a, token), NULL, NULL);
}

static int
token_ok(const char *s)
{
	return s != NULL && strlen(s) == TOKEN_LEN &&
	    strspn(s, "0123456789abcdef") == TOKEN_LEN;
}

/* POST /applications (token, choice=ROUND:TYPE) -> 303 its task list (also when re-sent) | 200 form with the error | 400 | 503 */
int
h_appform_create(struct req *r)
{
	const char *token = req_form(r, "token"), *choice = req_form(r, "choice");
	const char *today = app_today(), *colon;
	struct round *rounds;
	int (*offer)[PT__MAX];
	long long round_id = 0, id;
	size_t n, i;
	int t = -1, created;
	enum kerr e;

	if (!token_ok(token))
		return 400;
	if (choice != NULL && (colon = strchr(choice, ':')) != NULL) {
		round_id = path_id(arena_strndup(r->a, choice, (size_t)(colon - choice)));
		t = code_index(ptype_code, PT__MAX, colon + 1);
	}
	if ((e = db_round_list(r->a, r->id, r->sess->data_version, &rounds, &n)) != KERR_OK)
		return http_status(e);
	offer = arena_calloc(r->a, n + 1, sizeof(*offer));
	open_rounds(rounds, n, today, offer);
	for (i = 0; i < n; i++)
		if (rounds[i].id == round_id && t >= 0 && offer[i][t])
			break;
	if (i == n)
		return show_new(r, token, choice, tr(r,
		    N_("Choose the round and the type of project")));
	if ((e = db_appform_create(r, round_id, t, token, &id, &created)) != KERR_OK)
		return e == KERR_NOTFOUND ? 400 : http_status(e);
	return redirect(r, page_app_path(r, id, "/tasks"));
}

/* ---- loading -------------------------------------------------------------------------------------------- */

/*
 * Loads the session's organisation's application named by the path, with
 * its round. Returns 0, or the status to answer (404, 503).
 */
static int
load_draft(struct req *r, struct application *a, struct application_extra *x,
    struct round *rd)
{
	long long id = path_id(r->args[0]);
	unsigned rv;
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_application_load(r->a, r->id, r->sess->data_version, id,
	    r->sess->user.org_id, a, x)) != KERR_OK)
		return http_status(e);
	if ((e = db_round_get(r->a, r->id, r->sess->data_version, a->round_id, rd, &rv)) != KERR_OK)
		return http_status(e == KERR_NOTFOUND ? KERR_DB : e);
	return 0;
}

/* The page a POST to an application that is no longer a draft gets: 409, nothing saved. */
static int
show_closed(struct req *r, const struct application *a)
{
	vobj_str(r->view, "title", tr(r, N_("This application can no longer be changed")));
	vobj_str(r->view, "status_label", label(r->lang, a->status));
	vobj_str(r->view, "href", page_app_path(r, a->id, ""));
	vobj_str(r->view, "reference", reference(r, a->id));
	crumbs_app(r, a);
	r->status = 409;
	return render(r, TPL_APP_CLOSED);
}

/* ---- the task list ---------------------------------------------------------------------------------- */

/* Whether anything of section s has been saved. */
static int
started(const struct application *a, enum section s)
{
	int y, c, k;

	switch (s) {
	case SEC_PARTNERS:
		/* The type is chosen when the draft is made: that alone is no start. */
		return a->partner[0] != 0 || a->partner[1] != 0 || a->country != NULL;
	case SEC_PROJECT:
		for (k = 0; k < 4; k++)
			if (a->principle[k])
				return 1;
		for (k = 1; k <= 17; k++)
			if (a->sdg[k])
				return 1;
		return !rules_blank(a->title_sv) || !rules_blank(a->title_en) ||
		    !rules_blank(a->title_local) || !rules_blank(a->summary_sv) ||
		    !rules_blank(a->summary_en) || !rules_blank(a->summary_local) ||
		    !rules_blank(a->background) ||
		    a->theme_id != 0 || !rules_blank(a->target_groups) ||
		    a->citizen_dialogue >= 0 || !rules_blank(a->dialogue_text) ||
		    !rules_blank(a->vulnerable_text) || !rules_blank(a->gender_text);
	case SEC_RESULTS:
		return !rules_blank(a->overall_objective) || a->nobj > 0;
	case SEC_TEAM:
		return a->nteam > 0;
	case SEC_BUDGET:
		for (y = 0; y < MAX_YEARS; y++) {
			if (a->year_total[y] >= 0)
				return 1;
			for (c = 0; c < CAT__MAX; c++)
				if (a->amount[y][c] >= 0)
					return 1;
		}
		return a->years > 0 || a->planned_start != NULL ||
		    !rules_blank(a->other_costs);
	case SEC_CONTACT:
		return !rules_blank(a->contact_name) || !rules_blank(a->contact_email) ||
		    !rules_blank(a->contact_phone);
	case SEC__MAX:
		break;
	}
	return 0;
}

/* GET /applications/{id}/tasks -> 200 the sections and where each stands | 303 the application, once submitted | 404 | 503 */
int
h_appform_tasks(struct req *r)
{
	struct application a;
	struct application_extra x;
	struct round rd;
	struct vobj *v = r->view, *o;
	int s, done = 0, status;

	if ((status = load_draft(r, &a, &x, &rd)) != 0)
		return status;
	if (!is_draft(&a))
		return redirect(r, page_app_path(r, a.id, ""));
	vobj_str(v, "title", page_app_title(r, a.title_sv, a.title_en, a.id));
	vobj_str(v, "reference", reference(r, a.id));
	vobj_int(v, "id", a.id);
	vobj_str(v, "round", i18n_pick(r->lang, x.round_sv, x.round_en));
	vobj_str(v, "type", x.type != NULL ? label(r->lang, x.type) : NULL);
	crumbs_app(r, &a);
	for (s = 0; s < SEC__MAX; s++) {
		o = vobj_push(v, "sections");
		vobj_str(o, "slug", app_section_slugs[s]);
		vobj_str(o, "name", tr(r, app_section_titles[s]));
		vobj_str(o, "href", page_app_path(r, a.id, arena_printf(r->a, "/%s", app_section_slugs[s])));
		if (a.done[s]) {
			vobj_str(o, "state", "completed");
			vobj_str(o, "state_label", tr(r, N_("Completed")));
			done++;
		} else if (started(&a, (enum section)s)) {
			vobj_str(o, "state", "in_progress");
			vobj_str(o, "state_label", tr(r, N_("In progress")));
		} else {
			vobj_str(o, "state", "not_started");
			vobj_str(o, "state_label", tr(r, N_("Not started")));
		}
	}
	vobj_str(v, "progress", rules_fill(r->a, tr(r,
	    N_("You have completed {done} of {total} sections.")),
	    (const char *const []){ "done", arena_printf(r->a, "%d", done),
	    "total", arena_printf(r->a, "%d", SEC__MAX), NULL }));
	vobj_bool(v, "complete", done == SEC__MAX);
	vobj_str(v, "check_href", page_app_path(r, a.id, "/check"));
	vobj_str(v, "view_href", page_app_path(r, a.id, ""));
	/* A draft shown here was never submitted: it can be deleted (h_application.c). */
	vobj_str(v, "delete_href", page_app_path(r, a.id, "/delete"));
	return render(r, TPL_APP_TASKS);
}

/* ---- errors and values as typed --------------------------------------------------------------------- */

static const char *
form_or_empty(struct req *r, const char *name)
{
	const char *s = req_form(r, name);

	return s != NULL ? s : "";
}

/*
 * Reads text field id into *out exactly as typed (a blank one is stored
 * as none). Longer than max characters: the message, and *out keeps the
 * stored text while the field shows what was typed.
 */
static void
read_field_text(struct page *p, const char *id, size_t max, const char **out)
{
	const char *s = form_or_empty(p->r, id), *msg = page_too_long(p->r, s, max);

	if (msg != NULL) {
		page_problem(&p->f, id, msg);
		page_keep(&p->f, id, s);
		return;
	}
	*out = s;
}

/* ---- the lists a section offers --------------------------------------------------------------------- */

static enum kerr
need_countries(struct page *p)
{
	return p->countries != NULL ? KERR_OK :
	    db_country_list(p->r->a, p->r->id, p->r->sess->data_version, &p->countries,
	    &p->ncountries);
}

static enum kerr
need_orgs(struct page *p)
{
	return p->orgs != NULL ? KERR_OK :
	    db_appform_partner_orgs(p->r->a, p->r->id, p->r->sess->data_version, &p->orgs,
	    &p->norgs);
}

static const struct country *
country_by_code(const struct page *p, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < p->ncountries; i++)
		if (strcmp(p->countries[i].c.code, code) == 0)
			return &p->countries[i].c;
	return NULL;
}

static const struct swedish_org *
sorg_by_id(const struct page *p, long long id)
{
	size_t i;

	for (i = 0; id > 0 && i < p->nsorgs; i++)
		if (p->sorgs[i].id == id)
			return &p->sorgs[i];
	return NULL;
}

static const struct partner_org *
org_by_id(const struct page *p, long long id)
{
	size_t i;

	for (i = 0; id > 0 && i < p->norgs; i++)
		if (p->orgs[i].id == id)
			return &p->orgs[i];
	return NULL;
}

/* What each section needs before it is read or shown. */
static enum kerr
need_lists(struct page *p)
{
	enum kerr e = KERR_OK;

	switch (p->sec) {
	case SEC_PARTNERS:
		if ((e = need_countries(p)) == KERR_OK &&
		    (e = need_orgs(p)) == KERR_OK)
			e = db_appform_swedish_orgs(p->r->a, p->r->id, p->r->sess->data_version,
			    &p->sorgs, &p->nsorgs);
		break;
	case SEC_PROJECT:
		/* The country's languages are the ones the partner-language texts may be in. */
		if ((e = need_countries(p)) == KERR_OK &&
		    (e = db_appform_themes(p->r->a, p->r->id, p->r->sess->data_version,
		    &p->themes, &p->nthemes)) == KERR_OK)
			e = db_appform_sdgs(p->r->a, p->r->id, p->r->sess->data_version,
			    p->sdg_sv, p->sdg_en);
		break;
	case SEC_BUDGET:
		e = need_countries(p);
		break;
	case SEC_TEAM:
		e = need_orgs(p);
		break;
	default:
		break;
	}
	return e;
}

/* ---- reading a section from the form ---------------------------------------------------------------- */

/*
 * The Swedish co-applicants: each one an organisation of the list (a
 * retired one only when already chosen), not the applicant itself, and
 * none twice. A refused one keeps its stored value; the field shows the
 * choice with its message.
 */
static void
parse_coapplicants(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	const struct swedish_org *o;
	const char *s, *why;
	long long id;
	int k, j, was;

	for (k = 0; k < MAX_COAPPLICANTS; k++) {
		s = form_or_empty(r, coapp_ids[k]);
		if (rules_blank(s)) {
			a->coapplicant[k] = 0;
			continue;
		}
		id = path_id(s);
		for (was = 0, j = 0; j < MAX_COAPPLICANTS; j++)
			was |= id > 0 && p->stored->coapplicant[j] == id;
		why = NULL;
		if (id > 0 && id == p->stored->org_id)
			why = N_("Your own organisation is the applicant: choose another organisation as co-applicant");
		else if (id <= 0 || (o = sorg_by_id(p, id)) == NULL ||
		    (!o->active && !was))
			why = N_("Choose a Swedish organisation from the list");
		else
			for (j = 0; j < k; j++)
				if (a->coapplicant[j] == id)
					why = N_("Choose each co-applicant only once");
		if (why == NULL) {
			a->coapplicant[k] = id;
			continue;
		}
		page_problem(&p->f, coapp_ids[k], tr(r, why));
		page_keep(&p->f, coapp_ids[k], s);
		/* The stored one stays, unless that would name an organisation twice. */
		a->coapplicant[k] = p->stored->coapplicant[k];
		for (j = 0; j < k; j++)
			if (a->coapplicant[j] == a->coapplicant[k])
				a->coapplicant[k] = 0;
	}
}

/* A partner organisation that is not in the list yet, added in the first free place. */
static void
parse_new_partner(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	const struct country *c;
	const char *name, *kind, *country;
	size_t i;
	int k, slots;

	name = form_trim(r->a, req_form(r, "new_partner_name"));
	kind = form_or_empty(r, "new_partner_kind");
	country = form_or_empty(r, "new_partner_country");
	p->np.name = name;
	p->np.kind = kind;
	p->np.country = country;
	if (*name == '\0' && rules_blank(kind) && rules_blank(country))
		return;
	if (*name == '\0')
		page_problem(&p->f, "new_partner_name", tr(r, N_("Enter the name of the partner organisation")));
	else if (utf8_chars(name) > NAME_MAX)
		page_problem(&p->f, "new_partner_name", tr(r, N_("Enter a name of at most 200 characters")));
	for (i = 0; partner_kinds[i] != NULL &&
	    strcmp(partner_kinds[i], kind) != 0; i++)
		continue;
	if (partner_kinds[i] == NULL)
		page_problem(&p->f, "new_partner_kind", tr(r, N_("Choose the kind of organisation")));
	if ((c = country_by_code(p, country)) == NULL || !c->eligible)
		page_problem(&p->f, "new_partner_country", tr(r, N_("Choose the organisation's country")));
	if (page_problems(&p->f, "new_partner_name") != NULL ||
	    page_problems(&p->f, "new_partner_kind") != NULL ||
	    page_problems(&p->f, "new_partner_country") != NULL)
		return;
	slots = a->type == PT_THREE_PARTY ? 2 : 1;
	for (k = 0; k < slots && a->partner[k] != 0; k++)
		continue;
	if (k == slots) {
		page_problem(&p->f, "new_partner_name", tr(r, slots == 2 ?
		    N_("Both partner organisations are chosen: choose \"Not chosen\" for one of them to add a new one in its place") :
		    N_("The partner organisation is chosen: choose \"Not chosen\" to add a new one in its place")));
		return;
	}
	/* One already in the list under that name is that one, not a second. */
	for (i = 0; i < p->norgs; i++)
		if (strcmp(p->orgs[i].name, name) == 0 &&
		    strcmp(p->orgs[i].country, country) == 0)
			break;
	if (i < p->norgs)
		a->partner[k] = p->orgs[i].id;
	else {
		p->np_pos = k + 1;
		a->partner[k] = -1;	/* made by the save */
	}
	p->np.name = p->np_pos ? name : NULL;
	p->np.kind = kind;
	p->np.country = country;
}

/*
 * Where each partner chosen is, for the rule that it is in the
 * application's country; and that country, when the field is left
 * empty, the first partner's (as the field's hint says).
 */
static void
place_partners(struct page *p)
{
	struct application *a = p->a;
	const struct partner_org *o;
	const struct country *c;
	int k;

	for (k = 0; k < MAX_PARTNERS; k++) {
		memset(&a->partner_at[k], 0, sizeof(a->partner_at[k]));
		if ((o = org_by_id(p, a->partner[k])) != NULL)
			a->partner_at[k] = (struct partner_place){ o->name,
			    o->country, o->country_sv, o->country_en };
		else if (a->partner[k] < 0 && (c = country_by_code(p,
		    p->np.country)) != NULL)
			a->partner_at[k] = (struct partner_place){ p->np.name,
			    c->code, c->name_sv, c->name_en };
	}
	if (a->country == NULL && (c = country_by_code(p,
	    a->partner_at[0].country)) != NULL && c->eligible)
		a->country = c->code;
}

static void
parse_partners(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	const struct country *c;
	const struct partner_org *o;
	const char *s;
	long long id;
	int t, k;

	/* A type the round allows; the one chosen before stays choosable. */
	if ((t = code_index(ptype_code, PT__MAX, req_form(r, "type"))) >= 0 &&
	    (p->rd.rules[t].allowed || t == p->stored->type))
		a->type = t;
	s = form_or_empty(r, "country");
	if (rules_blank(s))
		a->country = NULL;
	else if ((c = country_by_code(p, s)) != NULL &&
	    (c->eligible || (p->stored->country != NULL &&
	    strcmp(p->stored->country, s) == 0)))
		a->country = c->code;
	for (k = 0; k < MAX_PARTNERS; k++) {
		const char *fid = k == 0 ? "partner-1" : "partner-2";

		s = form_or_empty(r, fid);
		if (rules_blank(s))
			a->partner[k] = 0;
		else if ((id = path_id(s)) > 0 && (o = org_by_id(p, id)) != NULL &&
		    (o->active || id == p->stored->partner[k]))
			a->partner[k] = id;
	}
	if (a->partner[1] != 0 && a->partner[1] == a->partner[0]) {
		page_problem(&p->f, "partner-2", tr(r, N_("Choose a second partner organisation other than the first")));
		page_keep(&p->f, "partner-2", form_or_empty(r, "partner-2"));
		a->partner[1] = p->stored->partner[1] != a->partner[0] ?
		    p->stored->partner[1] : 0;
	}
	parse_coapplicants(p);
	parse_new_partner(p);
	place_partners(p);
}

/* The name of country c in the reader's language. */
static const char *
country_name(struct req *r, const struct country *c)
{
	return i18n_pick(r->lang, c->name_sv, c->name_en);
}

/*
 * Why country c (NULL: none chosen) offers no partner language, in words
 * that serve as the select's hint and as the message for a language
 * chosen all the same; NULL when it offers some.
 */
static const char *
no_partner_lang(struct req *r, const struct country *c)
{
	const char *codes[LANG_LIST_MAX];

	if (c == NULL)
		return tr(r, N_("Choose the partner country first, under Partners and country: the languages offered are the country's official languages."));
	if (partner_langs(c->languages, codes, LANG_LIST_MAX) > 0)
		return NULL;
	return rules_fill(r->a, tr(r, lang_list_has(c->languages, "en") ?
	    N_("English is the only official language of {country}: no title or summary in another language is needed.") :
	    N_("ICLD has not recorded the official languages of {country}, so there is none to choose yet.")),
	    (const char *const []){ "country", country_name(r, c), NULL });
}

/*
 * The language of the title and summary in the partner's language: one
 * of the official languages of the application's country (English
 * aside), and needed when either text is given. The three are one
 * answer: when the language is refused, the texts are not saved either,
 * and all three are shown as typed.
 */
static void
parse_partner_lang(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	const struct country *c = country_by_code(p, a->country);
	const char *s = form_or_empty(r, "title_local_lang"), *why = NULL;
	const char *const texts[2] = { "title_local", "summary_local" };
	int k, i;

	if (rules_blank(s)) {
		a->title_local_lang = NULL;
		if (!rules_blank(form_or_empty(r, "title_local")) ||
		    !rules_blank(form_or_empty(r, "summary_local")))
			why = tr(r, N_("Choose the language of the title and summary in the partner's language"));
	} else if ((why = no_partner_lang(r, c)) == NULL) {
		if ((k = local_lang_index(s)) >= 0 && partner_lang_ok(c->languages, s))
			a->title_local_lang = local_langs[k].code;
		else
			why = rules_fill(r->a, tr(r, N_("Choose one of the languages of {country}")),
			    (const char *const []){ "country", country_name(r, c), NULL });
	}
	if (why == NULL)
		return;
	page_problem(&p->f, "title_local_lang", why);
	page_keep(&p->f, "title_local_lang", s);
	a->title_local_lang = p->stored->title_local_lang;
	a->title_local = p->stored->title_local;
	a->summary_local = p->stored->summary_local;
	for (i = 0; i < 2; i++)
		if (page_kept(&p->f, texts[i]) == NULL)
			page_keep(&p->f, texts[i], form_or_empty(r, texts[i]));
}

static void
parse_project(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	const char *vals[32], *s;
	long long id, g;
	size_t n, i;
	int k;

	read_field_text(p, "title_sv", TITLE_MAX, &a->title_sv);
	read_field_text(p, "title_en", TITLE_MAX, &a->title_en);
	read_field_text(p, "title_local", TITLE_MAX, &a->title_local);
	read_field_text(p, "summary_local", PAGE_TEXT_MAX, &a->summary_local);
	parse_partner_lang(p);
	read_field_text(p, "summary_sv", PAGE_TEXT_MAX, &a->summary_sv);
	read_field_text(p, "summary_en", PAGE_TEXT_MAX, &a->summary_en);
	read_field_text(p, "background", PAGE_TEXT_MAX, &a->background);
	s = form_or_empty(r, "theme");
	if (rules_blank(s))
		a->theme_id = 0;
	else if ((id = path_id(s)) > 0) {
		for (i = 0; i < p->nthemes && p->themes[i].id != id; i++)
			continue;
		if (i < p->nthemes || id == p->stored->theme_id)
			a->theme_id = id;
	}
	memset(a->principle, 0, sizeof(a->principle));
	n = form_get_all(&r->form, "principle", vals, 32);
	for (i = 0; i < n; i++)
		for (k = 0; k < 4; k++)
			if (strcmp(vals[i], principle_codes[k]) == 0)
				a->principle[k] = 1;
	memset(a->sdg, 0, sizeof(a->sdg));
	n = form_get_all(&r->form, "sdg", vals, 32);
	for (i = 0; i < n; i++)
		if (valid_int_range(vals[i], 1, 17, &g) == KERR_OK)
			a->sdg[g] = 1;
	read_field_text(p, "target_groups", PAGE_TEXT_MAX, &a->target_groups);
	s = form_or_empty(r, "citizen_dialogue");
	a->citizen_dialogue = strcmp(s, "yes") == 0 ? 1 : strcmp(s, "no") == 0 ? 0 : -1;
	read_field_text(p, "dialogue_text", PAGE_TEXT_MAX, &a->dialogue_text);
	read_field_text(p, "vulnerable_text", PAGE_TEXT_MAX, &a->vulnerable_text);
	read_field_text(p, "gender_text", PAGE_TEXT_MAX, &a->gender_text);
}

/* The results framework as posted, by the numbers in its fields (1-based; 0 unused). */
struct posted_fw {
	const char	*obj[MAX_OBJ + 1];
	const char	*res[MAX_OBJ + 1][MAX_RES + 1];
	const char	*ind[MAX_OBJ + 1][MAX_RES + 1][MAX_IND + 1][4];	/* name, unit, baseline, target */
	/* Where each posted one went in the application (1-based), 0: dropped as blank. */
	size_t		 onew[MAX_OBJ + 1];
	size_t		 rnew[MAX_OBJ + 1][MAX_RES + 1];
};

static const char *const ind_parts[4] = { "name", "unit", "baseline", "target" };

static void
collect_framework(struct req *r, struct posted_fw *f)
{
	unsigned o, k, i;
	char part[16];
	size_t j;
	int n, m;

	for (j = 0; j < r->form.n; j++) {
		const char *name = r->form.v[j].name, *val = r->form.v[j].value;

		n = -1;
		if (sscanf(name, "objective-%u%n", &o, &n) == 1 &&
		    name[n] == '\0' && o >= 1 && o <= MAX_OBJ)
			f->obj[o] = val;
		else if (sscanf(name, "result-%u-%u%n", &o, &k, &n) == 2 &&
		    name[n] == '\0' && o >= 1 && o <= MAX_OBJ && k >= 1 && k <= MAX_RES)
			f->res[o][k] = val;
		else if (sscanf(name, "indicator-%u-%u-%u-%15[a-z]%n", &o, &k, &i,
		    part, &n) == 4 && name[n] == '\0' && o >= 1 && o <= MAX_OBJ &&
		    k >= 1 && k <= MAX_RES && i >= 1 && i <= MAX_IND)
			for (m = 0; m < 4; m++)
				if (strcmp(part, ind_parts[m]) == 0)
					f->ind[o][k][i][m] = val;
	}
}

/* Checks the length of one framework text, noting the message; returns 1 when it fits. */
static int
fits(struct page *p, const char *id, const char *s, size_t max)
{
	const char *msg = page_too_long(p->r, s, max);

	if (msg == NULL)
		return 1;
	page_problem(&p->f, id, msg);
	return 0;
}

static void
parse_results(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	struct posted_fw *f = arena_calloc(r->a, 1, sizeof(*f));
	const char *act = form_or_empty(r, "action");
	unsigned o, k, i, m;
	int any;

	read_field_text(p, "overall_objective", PAGE_TEXT_MAX, &a->overall_objective);
	collect_framework(r, f);
	a->obj = arena_calloc(r->a, MAX_OBJ, sizeof(*a->obj));
	a->nobj = 0;
	for (o = 1; o <= MAX_OBJ; o++) {
		struct objective *ob = &a->obj[a->nobj];
		size_t on = a->nobj + 1;

		ob->res = arena_calloc(r->a, MAX_RES, sizeof(*ob->res));
		ob->nres = 0;
		for (k = 1; k <= MAX_RES; k++) {
			struct expected_result *er = &ob->res[ob->nres];
			size_t rn = ob->nres + 1;

			er->ind = arena_calloc(r->a, MAX_IND, sizeof(*er->ind));
			er->nind = 0;
			for (i = 1; i <= MAX_IND; i++) {
				struct indicator *in = &er->ind[er->nind];
				const char **v = f->ind[o][k][i];
				const char *base;
				int ok = 1;

				for (any = 0, m = 0; m < 4; m++)
					any |= !rules_blank(v[m]);
				if (!any)
					continue;
				in->name = v[0] != NULL ? v[0] : "";
				in->unit = v[1];
				in->baseline = v[2];
				in->target = v[3];
				base = arena_printf(r->a, "indicator-%zu-%zu-%zu-", on, rn,
				    er->nind + 1);
				ok &= fits(p, arena_printf(r->a, "%sname", base), in->name,
				    IND_TEXT_MAX);
				ok &= fits(p, arena_printf(r->a, "%sunit", base), in->unit,
				    UNIT_MAX);
				ok &= fits(p, arena_printf(r->a, "%sbaseline", base),
				    in->baseline, IND_TEXT_MAX);
				ok &= fits(p, arena_printf(r->a, "%starget", base),
				    in->target, IND_TEXT_MAX);
				p->ibad[on - 1][rn - 1][er->nind] = !ok;
				er->nind++;
			}
			if (rules_blank(f->res[o][k]) && er->nind == 0)
				continue;
			er->description = f->res[o][k] != NULL ? f->res[o][k] : "";
			p->rbad[on - 1][rn - 1] = !fits(p, arena_printf(r->a,
			    "result-%zu-%zu", on, rn), er->description, PAGE_TEXT_MAX);
			f->rnew[o][k] = rn;
			ob->nres++;
		}
		if (rules_blank(f->obj[o]) && ob->nres == 0)
			continue;
		ob->description = f->obj[o] != NULL ? f->obj[o] : "";
		p->obad[on - 1] = !fits(p, arena_printf(r->a, "objective-%zu", on),
		    ob->description, PAGE_TEXT_MAX);
		f->onew[o] = on;
		a->nobj++;
	}

	/* "Add another ...": where it goes now that blank ones are gone. */
	if (strcmp(act, "add-objective") == 0)
		p->add = "objective";
	else if (sscanf(act, "add-result-%u", &o) == 1 && o >= 1 && o <= MAX_OBJ)
		p->add = f->onew[o] ? arena_printf(r->a, "result-%zu", f->onew[o]) :
		    "objective";
	else if (sscanf(act, "add-indicator-%u-%u", &o, &k) == 2 && o >= 1 &&
	    o <= MAX_OBJ && k >= 1 && k <= MAX_RES)
		p->add = f->rnew[o][k] ? arena_printf(r->a, "indicator-%zu-%zu",
		    f->onew[o], f->rnew[o][k]) : f->onew[o] ?
		    arena_printf(r->a, "result-%zu", f->onew[o]) : "objective";
}

/* The framework without the rows that cannot be stored: what the save writes. */
static void
framework_to_save(struct page *p, struct application *to)
{
	const struct application *a = p->a;
	size_t o, k, i;

	to->obj = arena_calloc(p->r->a, a->nobj + 1, sizeof(*to->obj));
	to->nobj = 0;
	for (o = 0; o < a->nobj; o++) {
		struct objective *ob;

		if (p->obad[o])
			continue;
		ob = &to->obj[to->nobj++];
		ob->description = a->obj[o].description;
		ob->res = arena_calloc(p->r->a, a->obj[o].nres + 1, sizeof(*ob->res));
		for (k = 0; k < a->obj[o].nres; k++) {
			const struct expected_result *from = &a->obj[o].res[k];
			struct expected_result *er;

			if (p->rbad[o][k])
				continue;
			er = &ob->res[ob->nres++];
			er->description = from->description;
			er->ind = arena_calloc(p->r->a, from->nind + 1, sizeof(*er->ind));
			for (i = 0; i < from->nind; i++)
				if (!p->ibad[o][k][i])
					er->ind[er->nind++] = from->ind[i];
		}
	}
}

static const char *const group_keys[G__MAX] = {
	"swedish", "partner-1", "partner-2", "notgiven"
};

/* The id of member i's name field: its side's id (rules.h) for the first of a side, so that the rules' links land there. */
static const char *
member_name_id(struct req *r, const struct application *a, size_t i)
{
	int g = application_member_group(a, &a->team[i]);
	size_t j;

	for (j = 0; j < i; j++)
		if (application_member_group(a, &a->team[j]) == g)
			break;
	if (j == i && team_group_ids[g] != NULL)
		return team_group_ids[g];
	return arena_printf(r->a, "member-%zu-name", i + 1);
}

/* A team row as posted. */
struct posted_member {
	unsigned	 m;
	const char	*side, *org, *name, *role, *position;
};

static int
role_of(const char *s)
{
	int k;

	for (k = 0; s != NULL && k < TEAM_ROLE__MAX; k++)
		if (strcmp(team_role_code[k], s) == 0)
			return k;
	return -1;
}

static void
parse_team(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	struct posted_member *rows;
	const char *act = form_or_empty(r, "action");
	size_t nrows = 0, j, i;
	char part[16];
	unsigned m;
	int n, pass, k;

	rows = arena_calloc(r->a, r->form.n + 1, sizeof(*rows));
	/* In the order the browser sent them, which is the page's. */
	for (j = 0; j < r->form.n; j++) {
		const char *name = r->form.v[j].name, *val = r->form.v[j].value;
		struct posted_member *pm;

		n = -1;
		if (sscanf(name, "member-%u-%15[a-z]%n", &m, part, &n) != 2 ||
		    name[n] != '\0' || m == 0 || m > 1000)
			continue;
		for (i = 0; i < nrows && rows[i].m != m; i++)
			continue;
		pm = &rows[i];
		if (i == nrows) {
			nrows++;
			pm->m = m;
		}
		if (strcmp(part, "side") == 0)
			pm->side = val;
		else if (strcmp(part, "org") == 0)
			pm->org = val;
		else if (strcmp(part, "name") == 0)
			pm->name = val;
		else if (strcmp(part, "role") == 0)
			pm->role = val;
		else if (strcmp(part, "position") == 0)
			pm->position = val;
	}

	a->team = arena_calloc(r->a, MAX_MEMBERS, sizeof(*a->team));
	a->nteam = 0;
	/* As the database lists them: the Swedish side first, then the partners' as entered. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nrows && a->nteam < MAX_MEMBERS; i++) {
			struct posted_member *pm = &rows[i];
			struct member *mb;
			int partner = pm->side != NULL && strcmp(pm->side, "partner") == 0;
			long long org = path_id(pm->org);

			if (partner != pass || (rules_blank(pm->name) && rules_blank(pm->position)))
				continue;
			mb = &a->team[a->nteam];
			mb->partner_side = partner;
			mb->name = pm->name != NULL ? pm->name : "";
			mb->position = pm->position;
			if (partner)
				mb->org_id = !application_two_partners(a) ? a->partner[0] :
				    org == a->partner[0] || org == a->partner[1] ? org : 0;
			k = role_of(pm->role);
			mb->role = k >= 0 ? (enum team_role)k : ROLE_OTHER_MEMBER;
			a->nteam++;
			if (k < 0) {
				const char *id = arena_printf(r->a, "member-%zu-role", a->nteam);

				page_problem(&p->f, id, rules_blank(pm->name) ? tr(r, N_("Choose the person's role")) :
				    rules_fill(r->a, tr(r, N_("Choose the role of {name}")),
				    (const char *const []){ "name", form_trim(r->a, pm->name), NULL }));
				page_keep(&p->f, id, "");
				p->mbad[a->nteam - 1] = 1;
			}
		}
	for (i = 0; i < a->nteam; i++) {
		if (!fits(p, member_name_id(r, a, i), a->team[i].name, NAME_MAX))
			p->mbad[i] = 1;
		if (!fits(p, arena_printf(r->a, "member-%zu-position", i + 1),
		    a->team[i].position, NAME_MAX))
			p->mbad[i] = 1;
	}
	for (k = 0; k < G__MAX; k++)
		if (strncmp(act, "add-member-", 11) == 0 &&
		    strcmp(act + 11, group_keys[k]) == 0)
			p->add = group_keys[k];
}

static void
parse_budget(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	const char *s;
	long long v;
	int y, m, d, c;

	s = form_or_empty(r, "years");
	if (rules_blank(s))
		a->years = 0;
	else if (valid_int_range(s, 1, MAX_YEARS, &v) == KERR_OK)
		a->years = (int)v;
	s = form_trim(r->a, req_form(r, "planned_start"));
	if (*s == '\0')
		a->planned_start = NULL;
	else if (valid_date(s, &y, &m, &d) == KERR_OK)
		a->planned_start = s;
	else {
		page_problem(&p->f, "planned_start", tr(r, N_("Enter the planned start as a real date, such as 2017-05-01")));
		page_keep(&p->f, "planned_start", form_or_empty(r, "planned_start"));
	}
	for (y = 0; y < MAX_YEARS; y++) {
		page_read_amount(p->r, &p->f, arena_printf(r->a, "amount-%d", y + 1),
		    page_budget_label(r, NULL, y, N_("Amount applied for")), &a->year_total[y]);
		for (c = 0; c < CAT__MAX; c++)
			page_read_amount(p->r, &p->f, arena_printf(r->a, "amount-%d-%s", y + 1,
			    category_code[c]), page_budget_label(r,
			    category_code[c], y, NULL), &a->amount[y][c]);
	}
	read_field_text(p, "other_costs", PAGE_TEXT_MAX, &a->other_costs);
}

static void
parse_contact(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	const char *s;

	read_field_text(p, "contact_name", NAME_MAX, &a->contact_name);
	s = form_trim(r->a, req_form(r, "contact_email"));
	if (utf8_chars(s) > EMAIL_MAX || (*s != '\0' && !valid_email(s))) {
		page_problem(&p->f, "contact_email", tr(r, N_("Enter an email address in the right format, like name@kommun.se")));
		page_keep(&p->f, "contact_email", form_or_empty(r, "contact_email"));
	} else
		a->contact_email = s;
	read_field_text(p, "contact_phone", PHONE_MAX, &a->contact_phone);
}

/* ---- showing a section ------------------------------------------------------------------------------ */

/* A text field of the section (page_input()): its problems, and what was typed if it was kept. */
static struct vobj *
vfield(struct page *p, struct vobj *parent, const char *list, const char *id,
    const char *lbl, const char *hint, const char *value)
{
	const char *kept = page_kept(&p->f, id);

	return page_input(p->r, parent, list, id, lbl, hint,
	    kept != NULL ? kept : value, page_problems(&p->f, id));
}

static struct vobj *
vtextarea(struct page *p, struct vobj *parent, const char *list, const char *id,
    const char *lbl, const char *hint, const char *value, int rows)
{
	return page_textarea(vfield(p, parent, list, id, lbl, hint, value), rows,
	    PAGE_TEXT_MAX);
}

static void
maxlen(struct vobj *o, int n)
{
	vobj_strf(o, "maxlength", "%d", n);
}

/* Radio buttons or checkboxes of the section (page_choices()), with their problems. */
static struct vobj *
vchoices(struct page *p, struct vobj *parent, const char *list, const char *key,
    const char *legend, const char *hint, const char *kind, const char *name)
{
	return page_choices(p->r, parent, list, kind, key, name, legend, hint,
	    page_problems(&p->f, key));
}

/* A select of the section (page_select()), with its problems. */
static struct vobj *
vselect(struct page *p, struct vobj *parent, const char *list, const char *id,
    const char *lbl, const char *hint, const char *none)
{
	return page_select(p->r, parent, list, id, lbl, hint, none,
	    page_problems(&p->f, id));
}

/* The countries a select offers: the eligible ones, and the chosen one whatever it is. */
static void
country_options(struct page *p, struct vobj *sel, const char *chosen)
{
	size_t i;

	for (i = 0; i < p->ncountries; i++) {
		const struct country *c = &p->countries[i].c;

		if (!c->eligible && !str_same(c->code, chosen))
			continue;
		page_option(sel, c->code, c->eligible ? i18n_pick(p->r->lang, c->name_sv,
		    c->name_en) : arena_printf(p->r->a, "%s (%s)",
		    i18n_pick(p->r->lang, c->name_sv, c->name_en),
		    tr(p->r, N_("no longer a partner country"))), str_same(c->code, chosen));
	}
}

static const char *
org_label(struct page *p, const struct partner_org *o)
{
	const char *s = o->name;

	if (!rules_blank(o->name_local) && strcmp(o->name_local, o->name) != 0)
		s = arena_printf(p->r->a, "%s (%s)", s, o->name_local);
	return arena_printf(p->r->a, "%s – %s", s, label(p->r->lang, o->kind));
}

static void
render_partners(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	struct vobj *v = r->view, *g, *sel = NULL, *grp = NULL;
	const char *chosen, *country = NULL, *rawp;
	size_t i;
	int t, k, first = 1;

	g = vchoices(p, v, "c_type", "type", tr(r, N_("Type of project")), NULL,
	    "radio", "type");
	for (t = 0; t < PT__MAX; t++) {
		if (!p->rd.rules[t].allowed && t != a->type)
			continue;
		page_choice(g, first ? "type" : arena_printf(r->a, "type-%s", ptype_code[t]),
		    ptype_code[t], label(r->lang, ptype_code[t]), p->rd.rules[t].allowed ?
		    rule_words(r, &p->rd.rules[t]) : tr(r,
		    N_("This round does not accept this type")), a->type == t);
		first = 0;
	}

	for (k = 0; k < MAX_PARTNERS; k++) {
		const char *id = k == 0 ? "partner-1" : "partner-2";
		long long want = a->partner[k];

		rawp = page_kept(&p->f, id);
		if (rawp != NULL)
			want = path_id(rawp);
		sel = vselect(p, v, k == 0 ? "s_partner1" : "s_partner2", id,
		    tr(r, k == 0 ? N_("Partner organisation") :
		    N_("Second partner organisation (three-party projects)")),
		    tr(r, k == 0 ? N_("The local government abroad you apply with. Not in the list? Add it below.") :
		    N_("Only a three-party project has a second partner abroad.")),
		    tr(r, N_("Not chosen")));
		if (want > 0 && want == p->added_id)
			page_option(sel, arena_printf(r->a, "%lld", want), p->added, 1);
		country = NULL;
		for (i = 0; i < p->norgs; i++) {
			const struct partner_org *o = &p->orgs[i];

			if (!o->active && o->id != want)
				continue;
			if (country == NULL || strcmp(country, o->country) != 0) {
				country = o->country;
				grp = page_group(sel, i18n_pick(r->lang, o->country_sv,
				    o->country_en));
			}
			page_option(grp, arena_printf(r->a, "%lld", o->id), org_label(p, o),
			    o->id == want);
		}
	}

	for (k = 0; k < MAX_COAPPLICANTS; k++) {
		long long want = a->coapplicant[k];

		rawp = page_kept(&p->f, coapp_ids[k]);
		if (rawp != NULL && sorg_by_id(p, path_id(rawp)) != NULL)
			want = path_id(rawp);
		sel = vselect(p, v, "s_coapps", coapp_ids[k], tr(r, coapp_labels[k]),
		    NULL, tr(r, N_("None")));
		for (i = 0; i < p->nsorgs; i++) {
			const struct swedish_org *o = &p->sorgs[i];

			/* Never the applicant; a retired one only as the choice it was. */
			if ((o->id == a->org_id && o->id != want) ||
			    (!o->active && o->id != want))
				continue;
			page_option(sel, arena_printf(r->a, "%lld", o->id), o->name,
			    o->id == want);
		}
	}

	sel = vselect(p, v, "s_country", "country", tr(r, N_("Partner country")),
	    tr(r, N_("The country of the partner organisation. Left empty, the first partner's country is used.")),
	    tr(r, N_("Choose a country")));
	country_options(p, sel, a->country);

	maxlen(vfield(p, v, "f_np", "new_partner_name", tr(r, N_("Name of the organisation")),
	    tr(r, N_("Its official name in English, such as Kisumu County")),
	    p->np.name), NAME_MAX);
	sel = vselect(p, v, "s_np_kind", "new_partner_kind", tr(r, N_("Kind of organisation")),
	    NULL, tr(r, N_("Choose a kind")));
	for (i = 0; partner_kinds[i] != NULL; i++)
		page_option(sel, partner_kinds[i], label(r->lang, partner_kinds[i]),
		    str_same(partner_kinds[i], p->np.kind));
	sel = vselect(p, v, "s_np_country", "new_partner_country",
	    tr(r, N_("Country of the organisation")), NULL, tr(r, N_("Choose a country")));
	chosen = p->np.country;
	country_options(p, sel, country_by_code(p, chosen) != NULL &&
	    country_by_code(p, chosen)->eligible ? chosen : NULL);
}

/*
 * The select of the partner's language: the official languages of the
 * application's country, English aside; with a hint when there is none
 * to choose. A language chosen before the country changed is shown,
 * marked, rather than dropped unseen.
 */
static void
render_partner_lang(struct page *p)
{
	struct req *r = p->r;
	const struct country *c = country_by_code(p, p->a->country);
	const char *codes[LANG_LIST_MAX], *chosen = p->a->title_local_lang;
	const char *hint = no_partner_lang(r, c), *kept, *name;
	struct vobj *o;
	size_t n = 0, i;
	int k, offered = 0;

	if ((kept = page_kept(&p->f, "title_local_lang")) != NULL)
		chosen = kept;
	if (hint == NULL) {
		n = partner_langs(c->languages, codes, LANG_LIST_MAX);
		hint = rules_fill(r->a, tr(r, N_("The language the title and summary in the partner's language are written in: an official language of {country}.")),
		    (const char *const []){ "country", country_name(r, c), NULL });
	}
	o = vselect(p, r->view, "s_title_lang", "title_local_lang",
	    tr(r, N_("Language of the title and summary in the partner's language")),
	    hint, tr(r, N_("Not given")));
	for (i = 0; i < n; i++) {
		page_option(o, codes[i], tr(r, local_langs[local_lang_index(codes[i])].msgid),
		    str_same(codes[i], chosen));
		offered |= str_same(codes[i], chosen);
	}
	if (rules_blank(chosen) || offered)
		return;
	k = local_lang_index(chosen);
	name = k >= 0 ? tr(r, local_langs[k].msgid) : chosen;
	page_option(o, chosen, c == NULL ? name : rules_fill(r->a,
	    tr(r, N_("{language} (not a language of {country})")),
	    (const char *const []){ "language", name, "country", country_name(r, c), NULL }), 1);
}

static void
render_project(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	struct vobj *v = r->view, *g, *o;
	size_t i;
	int k;

	o = vfield(p, v, "f_titles", "title_sv", tr(r, N_("Title in Swedish")), NULL,
	    a->title_sv);
	maxlen(o, TITLE_MAX);
	vobj_str(o, "lang", "sv");
	o = vfield(p, v, "f_titles", "title_en", tr(r, N_("Title in English")),
	    tr(r, N_("The title ICLD and Sida publish")), a->title_en);
	maxlen(o, TITLE_MAX);
	vobj_str(o, "lang", "en");
	o = vfield(p, v, "f_titles", "title_local", tr(r, N_("Title in the partner's language (optional)")),
	    NULL, a->title_local);
	maxlen(o, TITLE_MAX);
	vobj_str(o, "lang", a->title_local_lang);
	render_partner_lang(p);
	o = vtextarea(p, v, "f_texts", "summary_sv", tr(r, N_("Summary in Swedish (optional)")),
	    NULL, a->summary_sv, 5);
	vobj_str(o, "lang", "sv");
	o = vtextarea(p, v, "f_texts", "summary_en", tr(r, N_("Summary in English")),
	    tr(r, N_("A few sentences on what the project will do. It is published and read by the partner.")),
	    a->summary_en, 5);
	vobj_str(o, "lang", "en");
	o = vtextarea(p, v, "f_texts", "summary_local",
	    tr(r, N_("Summary in the partner's language (optional)")),
	    tr(r, N_("The summary in English, in the language chosen above. It is published with the project.")),
	    a->summary_local, 5);
	vobj_str(o, "lang", a->title_local_lang);
	vtextarea(p, v, "f_texts", "background", tr(r, N_("Background and problem")),
	    tr(r, N_("The problem the project addresses and why the partners take it on. Up to 10 000 characters.")),
	    a->background, 10);

	g = vchoices(p, v, "c_theme", "theme", tr(r, N_("Thematic area")), NULL,
	    "radio", "theme");
	for (i = 0; i < p->nthemes; i++)
		page_choice(g, i == 0 ? "theme" : arena_printf(r->a, "theme-%lld",
		    p->themes[i].id), arena_printf(r->a, "%lld", p->themes[i].id),
		    i18n_pick(r->lang, p->themes[i].name_sv, p->themes[i].name_en),
		    NULL, a->theme_id == p->themes[i].id);
	g = vchoices(p, v, "c_principles", "principles",
	    tr(r, N_("Which of ICLD's principles of local democracy does the project strengthen?")),
	    tr(r, N_("Choose at least one.")), "checkbox", "principle");
	for (k = 0; k < 4; k++)
		page_choice(g, k == 0 ? "principles" : arena_printf(r->a, "principle-%s",
		    principle_codes[k]), principle_codes[k], tr(r, app_principle_labels[k]),
		    tr(r, principle_hints[k]), a->principle[k]);
	g = vchoices(p, v, "c_sdgs", "sdgs",
	    tr(r, N_("Which of the Sustainable Development Goals does the project contribute to?")),
	    tr(r, N_("Choose at least one.")), "checkbox", "sdg");
	for (k = 1; k <= 17; k++)
		page_choice(g, k == 1 ? "sdgs" : arena_printf(r->a, "sdg-%d", k),
		    arena_printf(r->a, "%d", k), arena_printf(r->a, "%d. %s", k,
		    i18n_pick(r->lang, p->sdg_sv[k], p->sdg_en[k])), NULL, a->sdg[k]);

	vtextarea(p, v, "f_groups", "target_groups", tr(r, N_("Target groups")),
	    tr(r, N_("Who the project is for.")), a->target_groups, 5);
	g = vchoices(p, v, "c_dialogue", "citizen_dialogue",
	    tr(r, N_("Does the project develop citizen dialogue?")), NULL, "radio",
	    "citizen_dialogue");
	page_choice(g, "citizen_dialogue", "yes", tr(r, N_("Yes")), NULL,
	    a->citizen_dialogue == 1);
	page_choice(g, "citizen_dialogue-no", "no", tr(r, N_("No")), NULL,
	    a->citizen_dialogue == 0);
	vtextarea(p, v, "f_dialogue", "dialogue_text",
	    tr(r, N_("How the project develops citizen dialogue")),
	    tr(r, N_("Needed when the answer is yes.")), a->dialogue_text, 5);
	vtextarea(p, v, "f_inclusion", "vulnerable_text",
	    tr(r, N_("How the project considers vulnerable groups")), NULL,
	    a->vulnerable_text, 5);
	vtextarea(p, v, "f_inclusion", "gender_text",
	    tr(r, N_("How the project promotes women's participation")), NULL,
	    a->gender_text, 5);
}

/* An empty objective, result or indicator for the page to offer. */
static const struct indicator empty_ind;

static void
render_indicator(struct page *p, struct vobj *rv, size_t o, size_t k, size_t i,
    const struct indicator *in)
{
	struct req *r = p->r;
	struct vobj *iv = vobj_push(rv, "indicators"), *f;
	const char *base = arena_printf(r->a, "indicator-%zu-%zu-%zu-", o, k, i);

	vobj_str(iv, "in", arena_printf(r->a, "%zu.%zu.%zu", o, k, i));
	f = vfield(p, iv, "f_ind", arena_printf(r->a, "%sname", base),
	    tr(r, N_("What the indicator measures")), NULL, in->name);
	maxlen(f, IND_TEXT_MAX);
	f = vfield(p, iv, "f_ind", arena_printf(r->a, "%sunit", base),
	    tr(r, N_("Unit (optional)")), tr(r, N_("Such as \"dialogues held\" or \"%\"")),
	    in->unit);
	maxlen(f, UNIT_MAX);
	vobj_str(f, "width", "input-medium");
	f = vfield(p, iv, "f_ind", arena_printf(r->a, "%sbaseline", base),
	    tr(r, N_("Baseline")), tr(r, N_("The value when the project starts: a number, or words")),
	    in->baseline);
	maxlen(f, IND_TEXT_MAX);
	f = vfield(p, iv, "f_ind", arena_printf(r->a, "%starget", base),
	    tr(r, N_("Target")), tr(r, N_("The value aimed for when the project ends")),
	    in->target);
	maxlen(f, IND_TEXT_MAX);
}

static void
render_result(struct page *p, struct vobj *ov, size_t o, size_t k,
    const struct expected_result *er)
{
	struct req *r = p->r;
	struct vobj *rv = vobj_push(ov, "results");
	size_t i, n = er != NULL ? er->nind : 0;
	int extra;

	vobj_str(rv, "rn", arena_printf(r->a, "%zu.%zu", o, k));
	vtextarea(p, rv, "f_res", arena_printf(r->a, "result-%zu-%zu", o, k),
	    rules_fill(r->a, tr(r, N_("Description of expected result {n}")),
	    (const char *const []){ "n", arena_printf(r->a, "%zu.%zu", o, k), NULL }),
	    NULL, er != NULL ? er->description : NULL, 3);
	vobj_bool(rv, "indicators", 0);
	for (i = 0; i < n; i++)
		render_indicator(p, rv, o, k, i + 1, &er->ind[i]);
	extra = n == 0 || str_same(p->add, arena_printf(r->a, "indicator-%zu-%zu", o, k));
	if (extra && n < MAX_IND)
		render_indicator(p, rv, o, k, ++n, &empty_ind);
	vobj_bool(rv, "can_add_ind", n < MAX_IND);
	vobj_str(rv, "add_ind", arena_printf(r->a, "add-indicator-%zu-%zu", o, k));
}

static void
render_objective(struct page *p, size_t o, const struct objective *ob)
{
	struct req *r = p->r;
	struct vobj *ov = vobj_push(r->view, "objectives");
	size_t k, n = ob != NULL ? ob->nres : 0;
	int extra;

	vobj_int(ov, "n", (long long)o);
	vtextarea(p, ov, "f_obj", arena_printf(r->a, "objective-%zu", o),
	    rules_fill(r->a, tr(r, N_("Description of objective {n}")),
	    (const char *const []){ "n", arena_printf(r->a, "%zu", o), NULL }),
	    tr(r, N_("What the project will have changed when it ends")),
	    ob != NULL ? ob->description : NULL, 3);
	vobj_bool(ov, "results", 0);
	for (k = 0; k < n; k++)
		render_result(p, ov, o, k + 1, &ob->res[k]);
	extra = n == 0 || str_same(p->add, arena_printf(r->a, "result-%zu", o));
	if (extra && n < MAX_RES)
		render_result(p, ov, o, ++n, NULL);
	vobj_bool(ov, "can_add_res", n < MAX_RES);
	vobj_str(ov, "add_res", arena_printf(r->a, "add-result-%zu", o));
}

static void
render_results(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	size_t o, n = a->nobj;

	vtextarea(p, r->view, "f_overall", "overall_objective",
	    tr(r, N_("Overall objective")),
	    tr(r, N_("The long-term change the project contributes to")),
	    a->overall_objective, 4);
	for (o = 0; o < n; o++)
		render_objective(p, o + 1, &a->obj[o]);
	if ((n == 0 || str_same(p->add, "objective")) && n < MAX_OBJ)
		render_objective(p, ++n, NULL);
	vobj_bool(r->view, "can_add_obj", n < MAX_OBJ);
}

/* The people each side needs, as the page offers empty rows for them. */
static size_t
side_size(const struct application *a)
{
	return a->type == PT_INCEPTION ? 4 : 3;
}

static void
render_member(struct page *p, struct vobj *gv, int g, size_t m, size_t local,
    const struct member *mb, const char *name_id)
{
	struct req *r = p->r;
	struct application *a = p->a;
	struct vobj *mv = vobj_push(gv, "members"), *sel, *f;
	const char *role_id = arena_printf(r->a, "member-%zu-role", m);
	const char *role = page_kept(&p->f, role_id);
	long long org = mb != NULL ? mb->org_id : g == G_PARTNER2 ? a->partner[1] :
	    g == G_PARTNER1 ? a->partner[0] : 0;
	int k;

	if (role == NULL && mb != NULL)
		role = team_role_code[mb->role];
	vobj_int(mv, "m", (long long)m);
	vobj_str(mv, "side", g == G_SWEDISH ? "swedish" : "partner");
	vobj_str(mv, "org", org > 0 ? arena_printf(r->a, "%lld", org) : "");
	vobj_str(mv, "legend", mb != NULL && !rules_blank(mb->name) ? mb->name :
	    arena_printf(r->a, "%s %zu", tr(r, N_("Person")), local));
	f = vfield(p, mv, "f_name", name_id, tr(r, N_("Name")), NULL,
	    mb != NULL ? mb->name : NULL);
	/* The first of a side has the side's id (rules.h), but its name is the row's like any other. */
	vobj_str(f, "name", arena_printf(r->a, "member-%zu-name", m));
	maxlen(f, NAME_MAX);
	vobj_str(f, "autocomplete", "off");
	sel = vselect(p, mv, "s_role", role_id, tr(r, N_("Role")), NULL,
	    tr(r, N_("Choose a role")));
	for (k = 0; k < TEAM_ROLE__MAX; k++)
		page_option(sel, team_role_code[k], tr(r, app_role_labels[k]),
		    str_same(role, team_role_code[k]));
	f = vfield(p, mv, "f_position", arena_printf(r->a, "member-%zu-position", m),
	    tr(r, N_("Position (optional)")), tr(r, N_("Such as mayor, councillor or head of planning")),
	    mb != NULL ? mb->position : NULL);
	maxlen(f, NAME_MAX);
	vobj_bool(mv, "s_org", 0);
	if (g == G_NOTGIVEN) {
		sel = vselect(p, mv, "s_org", arena_printf(r->a, "member-%zu-org", m),
		    tr(r, N_("Works for")), NULL, tr(r, N_("Choose an organisation")));
		for (k = 0; k < MAX_PARTNERS; k++)
			page_option(sel, arena_printf(r->a, "%lld", a->partner[k]),
			    org_by_id(p, a->partner[k]) != NULL ?
			    org_by_id(p, a->partner[k])->name : "", 0);
	}
}

static void
render_team(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	struct vobj *v = r->view, *gv[G__MAX];
	const struct partner_org *o;
	size_t i, count[G__MAX] = { 0 }, next = a->nteam + 1, want;
	int g, ngroups = application_two_partners(a) ? G__MAX : G_PARTNER2;

	vobj_str(v, "team_rule", tr(r, a->type == PT_INCEPTION ?
	    N_("An inception needs on each side at least one politician from the majority, one from the opposition and two civil servants.") :
	    N_("A project needs on each side three to five civil servants; politicians and others may take part too.")));
	vobj_str(v, "team_partner_missing", a->partner[0] == 0 ? tr(r,
	    N_("Choose the partner organisation under Partners and country first; until then its people are listed as the partner's side.")) : NULL);
	for (g = 0; g < ngroups; g++) {
		const char *name;

		if (g == G_NOTGIVEN) {
			for (i = 0; i < a->nteam && application_member_group(a, &a->team[i]) != g; i++)
				continue;
			if (i == a->nteam)
				break;
		}
		gv[g] = vobj_push(v, "groups");
		if (g == G_SWEDISH)
			name = arena_printf(r->a, "%s: %s", tr(r, N_("Swedish side")),
			    r->sess->user.org_name);
		else if (g == G_NOTGIVEN)
			name = tr(r, N_("Partner side, organisation not given"));
		else if ((o = org_by_id(p, a->partner[g - 1])) != NULL)
			name = arena_printf(r->a, "%s: %s", tr(r, N_("Partner side")),
			    o->name);
		else
			name = tr(r, N_("Partner side"));
		vobj_str(gv[g], "legend", name);
		vobj_str(gv[g], "add", g != G_NOTGIVEN ? arena_printf(r->a,
		    "add-member-%s", group_keys[g]) : NULL);
		vobj_str(gv[g], "add_label", name);
		vobj_bool(gv[g], "members", 0);
	}
	for (i = 0; i < a->nteam; i++) {
		g = application_member_group(a, &a->team[i]);
		if (g >= ngroups)
			g = G_PARTNER1;
		count[g]++;
		render_member(p, gv[g], g, i + 1, count[g], &a->team[i],
		    member_name_id(r, a, i));
	}
	for (g = 0; g < ngroups && g != G_NOTGIVEN; g++) {
		want = side_size(a) > count[g] ? side_size(a) - count[g] : 1;
		if (str_same(p->add, group_keys[g]))
			want++;
		for (; want > 0 && next <= MAX_MEMBERS; want--, next++) {
			count[g]++;
			render_member(p, gv[g], g, next, count[g], NULL, count[g] == 1 &&
			    team_group_ids[g] != NULL ? team_group_ids[g] :
			    arena_printf(r->a, "member-%zu-name", next));
		}
	}
}

static void
render_budget(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	const struct round_rule *u = a->type >= 0 && a->type < PT__MAX &&
	    p->rd.rules[a->type].allowed ? &p->rd.rules[a->type] : NULL;
	const char *rule = page_budget_rule(r, &p->rd, a->type,
	    country_by_code(p, a->country));
	struct vobj *f;

	vobj_str(r->view, "budget_rule", rule != NULL ? rule : tr(r,
	    N_("The amounts allowed depend on the type of project and the partner country: choose them under Partners and country.")));
	f = vfield(p, r->view, "f_start", "planned_start", tr(r, N_("Planned start")),
	    tr(r, N_("The first day of project year 1, such as 2017-05-01")),
	    a->planned_start);
	vobj_str(f, "type", "date");
	vobj_str(f, "width", "input-short");
	page_budget(r, &p->f, u, a->years, a->amount, a->year_total, "applied",
	    "applied_total", N_("Amount applied for"));
	vtextarea(p, r->view, "f_other", "other_costs", tr(r, N_("What the other costs cover")),
	    tr(r, N_("Needed when there are other costs. Salaries and per diems are not eligible costs.")),
	    a->other_costs, 4);
}

static void
render_contact(struct page *p)
{
	struct req *r = p->r;
	struct application *a = p->a;
	struct vobj *v = r->view, *f;

	f = vfield(p, v, "f_contact", "contact_name", tr(r, N_("Name")), NULL,
	    a->contact_name);
	maxlen(f, NAME_MAX);
	vobj_str(f, "autocomplete", "name");
	f = vfield(p, v, "f_contact", "contact_email", tr(r, N_("Email address")),
	    NULL, a->contact_email);
	maxlen(f, EMAIL_MAX);
	vobj_str(f, "type", "email");
	vobj_str(f, "autocomplete", "email");
	f = vfield(p, v, "f_contact", "contact_phone", tr(r, N_("Telephone")),
	    tr(r, N_("Such as 0243-740 00 or +46 243 740 00")), a->contact_phone);
	maxlen(f, PHONE_MAX);
	vobj_str(f, "type", "tel");
	vobj_str(f, "autocomplete", "tel");
	vobj_str(f, "width", "input-medium");
}

/* Shows the section page of p. Status 200, or r->status when set (409). */
static int
show_section(struct page *p)
{
	struct req *r = p->r;
	struct vobj *v = r->view;
	size_t i;
	enum kerr e;

	if ((e = need_lists(p)) != KERR_OK)
		return http_status(e);
	if (p->stale)
		error_link(r, arena_printf(r->a, "#%s", first_field[p->sec]),
		    tr(r, N_("Someone else saved this section while you were editing it, and your changes have not been saved. Check what you typed below and save again.")));
	for (i = 0; i < p->f.nerr; i++)
		error_link(r, arena_printf(r->a, "#%s", p->f.err[i].field),
		    p->f.err[i].text);
	vobj_str(v, "title", tr(r, app_section_titles[p->sec]));
	vobj_str(v, "reference", reference(r, p->a->id));
	vobj_str(v, "action", page_app_path(r, p->a->id, arena_printf(r->a, "/%s",
	    app_section_slugs[p->sec])));
	vobj_int(v, "version", p->version);
	vobj_bool(v, "done", p->done_box);
	vobj_bool(v, "to_check", p->to_check);
	vobj_str(v, "continue_label", tr(r, p->to_check ?
	    N_("Save and return to check your answers") : N_("Save and continue")));
	vobj_str(v, "back_href", page_app_path(r, p->a->id, p->to_check ? "/check" :
	    "/tasks"));
	vobj_str(v, "back_label", tr(r, p->to_check ?
	    N_("Back to check your answers without saving") :
	    N_("Back to the task list without saving")));
	crumbs_app(r, p->a);
	view_crumb(r, page_app_path(r, p->a->id, arena_printf(r->a, "/%s", app_section_slugs[p->sec])),
	    tr(r, app_section_titles[p->sec]));
	switch (p->sec) {
	case SEC_PARTNERS:
		render_partners(p);
		break;
	case SEC_PROJECT:
		render_project(p);
		break;
	case SEC_RESULTS:
		render_results(p);
		break;
	case SEC_TEAM:
		render_team(p);
		break;
	case SEC_BUDGET:
		render_budget(p);
		break;
	case SEC_CONTACT:
		render_contact(p);
		break;
	case SEC__MAX:
		break;
	}
	return render(r, section_tpl[p->sec]);
}

/* ---- the section handlers --------------------------------------------------------------------------- */

static int
section_get(struct req *r, enum section s)
{
	struct application a;
	struct page *p = arena_calloc(r->a, 1, sizeof(*p));
	int status;

	if ((status = load_draft(r, &a, &p->x, &p->rd)) != 0)
		return status;
	if (!is_draft(&a))
		return redirect(r, page_app_path(r, a.id, ""));
	p->r = r;
	p->sec = s;
	p->f.a = r->a;
	p->f.sec = s;
	p->a = &a;
	p->stored = &a;
	p->version = a.version;
	p->done_box = a.done[s];
	p->to_check = str_same(req_query(r, "return"), "check");
	p->add = req_query(r, "add");
	return show_section(p);
}

/*
 * Where "Save and continue" goes from section s: check your answers when
 * the person came from there to change something, else the next
 * section, and after the last the task list.
 */
static const char *
next_href(struct req *r, long long id, enum section s, int to_check)
{
	if (to_check)
		return page_app_path(r, id, "/check");
	if (s + 1 < SEC__MAX)
		return page_app_path(r, id, arena_printf(r->a, "/%s", app_section_slugs[s + 1]));
	return page_app_path(r, id, "/tasks");
}

/*
 * Adds to the reading problems of p the problems rules found, save for a
 * field that has a reading problem of its own, or a part that has one
 * ("amount-1" when "amount-1-travel" could not be read): the rules judged
 * the stored value there, not what was typed, and the reading problem
 * says what to fix.
 */
static void
add_rule_problems(struct page *p, const struct rule_error *err, size_t n)
{
	size_t i, j, len, nread = p->f.nerr;
	int covered;

	for (i = 0; i < n; i++) {
		len = strlen(err[i].field);
		for (covered = 0, j = 0; j < nread && !covered; j++)
			covered = strncmp(p->f.err[j].field, err[i].field, len) == 0 &&
			    (p->f.err[j].field[len] == '\0' || p->f.err[j].field[len] == '-');
		if (!covered)
			page_problem(&p->f, err[i].field, err[i].text);
	}
}

/* The anchor of the row "Add another ..." made, for the page to open at. */
static const char *
added_anchor(struct req *r, const struct page *p)
{
	const struct application *a = p->a;
	unsigned o, k;

	if (str_same(p->add, "objective"))
		return arena_printf(r->a, "#objective-%zu", a->nobj + 1);
	if (p->add != NULL && sscanf(p->add, "result-%u", &o) == 1 && o >= 1 &&
	    o <= a->nobj)
		return arena_printf(r->a, "#result-%u-%zu", o, a->obj[o - 1].nres + 1);
	if (p->add != NULL && sscanf(p->add, "indicator-%u-%u", &o, &k) == 2 &&
	    o >= 1 && o <= a->nobj && k >= 1 && k <= a->obj[o - 1].nres)
		return arena_printf(r->a, "#indicator-%u-%u-%zu-name", o, k,
		    a->obj[o - 1].res[k - 1].nind + 1);
	return "";
}

static int
section_post(struct req *r, enum section s)
{
	struct application stored, typed, tosave;
	struct page *p = arena_calloc(r->a, 1, sizeof(*p));
	const struct country *c;
	const char *action = form_or_empty(r, "action"), *status_now;
	struct rule_error *err;
	size_t n;
	unsigned version, current = 0;
	int status, want_done;
	enum kerr e;

	if ((status = load_draft(r, &stored, &p->x, &p->rd)) != 0)
		return status;
	if (!is_draft(&stored))
		return show_closed(r, &stored);
	if ((version = page_version(req_form(r, "version"))) == 0)
		return 400;
	p->r = r;
	p->sec = s;
	p->f.a = r->a;
	p->f.sec = s;
	p->stored = &stored;
	typed = stored;
	p->a = &typed;
	p->version = version;
	if ((e = need_lists(p)) != KERR_OK)
		return http_status(e);
	switch (s) {
	case SEC_PARTNERS:
		parse_partners(p);
		break;
	case SEC_PROJECT:
		parse_project(p);
		break;
	case SEC_RESULTS:
		parse_results(p);
		break;
	case SEC_TEAM:
		parse_team(p);
		break;
	case SEC_BUDGET:
		parse_budget(p);
		break;
	case SEC_CONTACT:
		parse_contact(p);
		break;
	case SEC__MAX:
		return 404;
	}

	/*
	 * Complete only when asked, nothing failed to be read, and the
	 * section's rules hold. The rules run whatever failed to be read, so
	 * that every problem of the section is listed at once; the box stays
	 * as it was sent, so that the next save checks again.
	 */
	want_done = str_same(req_form(r, "done"), "1");
	p->done_box = want_done;
	p->to_check = str_same(req_form(r, "return"), "check");
	typed.done[s] = 0;
	if (want_done) {
		if (need_countries(p) != KERR_OK)
			return 503;
		c = country_by_code(p, typed.country);
		err = arena_calloc(r->a, PAGE_ERRORS_MAX, sizeof(*err));
		n = rules_check_section(r->a, r->lang, s, &typed, &p->rd, c, err,
		    PAGE_ERRORS_MAX);
		typed.done[s] = n == 0 && p->f.nerr == 0;
		add_rule_problems(p, err, n < PAGE_ERRORS_MAX ? n : PAGE_ERRORS_MAX);
	}
	tosave = typed;
	if (s == SEC_RESULTS)
		framework_to_save(p, &tosave);
	if (s == SEC_TEAM) {
		size_t i;

		tosave.team = arena_calloc(r->a, typed.nteam + 1, sizeof(*tosave.team));
		tosave.nteam = 0;
		for (i = 0; i < typed.nteam; i++)
			if (!p->mbad[i])
				tosave.team[tosave.nteam++] = typed.team[i];
	}

	e = db_appform_save(r, s, &tosave, version, &p->np, p->np_pos, &current,
	    &status_now);
	if (e == KERR_CONFLICT) {
		/* What they typed stays; the version is the one stored now, so saving again works. */
		p->stale = 1;
		p->version = current;
		r->status = 409;
		return show_section(p);
	}
	if (e == KERR_FORBIDDEN) {
		stored.status = status_now;
		return show_closed(r, &stored);
	}
	if (e != KERR_OK)
		return http_status(e);
	p->version = current;
	if (p->np_pos > 0) {
		/* The new organisation is in the list now, and chosen; its fields are empty again. */
		typed.partner[p->np_pos - 1] = p->np.id;
		p->added = p->np.name;
		p->added_id = p->np.id;
		memset(&p->np, 0, sizeof(p->np));
	}
	if (p->f.nerr > 0)
		return show_section(p);
	if (p->add != NULL)
		return redirect(r, arena_printf(r->a, "%s?add=%s%s%s",
		    page_app_path(r, typed.id, arena_printf(r->a, "/%s", app_section_slugs[s])),
		    p->add, p->to_check ? "&return=check" : "",
		    added_anchor(r, p)));
	if (strcmp(action, "draft") == 0)
		return redirect(r, page_app_path(r, typed.id, "/tasks"));
	return redirect(r, next_href(r, typed.id, s, p->to_check));
}

/* GET /applications/{id}/{section} -> 200 the section's form | 303 the application, once submitted | 404 | 503 */
int h_appform_partners(struct req *r) { return section_get(r, SEC_PARTNERS); }
int h_appform_project(struct req *r) { return section_get(r, SEC_PROJECT); }
int h_appform_results(struct req *r) { return section_get(r, SEC_RESULTS); }
int h_appform_team(struct req *r) { return section_get(r, SEC_TEAM); }
int h_appform_budget(struct req *r) { return section_get(r, SEC_BUDGET); }
int h_appform_contact(struct req *r) { return section_get(r, SEC_CONTACT); }

/*
 * POST /applications/{id}/{section} (version, done, action, the fields)
 *   -> 303 the next section (action=continue), the task list (draft) or this page with an empty row (add-...)
 *    | 200 the form with what could not be read or is not complete (saved all the same)
 *    | 409 the form with the input kept, someone else saved first; or not a draft any more
 *    | 400 no version | 404 | 503
 */
int h_appform_partners_save(struct req *r) { return section_post(r, SEC_PARTNERS); }
int h_appform_project_save(struct req *r) { return section_post(r, SEC_PROJECT); }
int h_appform_results_save(struct req *r) { return section_post(r, SEC_RESULTS); }
int h_appform_team_save(struct req *r) { return section_post(r, SEC_TEAM); }
int h_appform_budget_save(struct req *r) { return section_post(r, SEC_BUDGET); }
int h_appform_contact_save(struct req *r) { return section_post(r, SEC_CONTACT); }

/* ---- check your answers, submit --------------------------------------------------------------------- */

/*
 * What is wrong with the language of the partner-language texts, as the
 * rules judge it (a country changed after the language was chosen), for
 * the check page to say beside it before anyone submits; NULL if nothing.
 */
static const char *
lang_problem(struct req *r, const struct application *a,
    const struct application_extra *x, const struct round *rd)
{
	struct rule_error err[PAGE_ERRORS_MAX];
	struct country c;
	size_t n, i;

	memset(&c, 0, sizeof(c));
	c.code = a->country;
	c.name_sv = x->country_sv;
	c.name_en = x->country_en;
	c.languages = x->country_languages;
	n = rules_check_section(r->a, r->lang, SEC_PROJECT, a, rd,
	    a->country != NULL ? &c : NULL, err, PAGE_ERRORS_MAX);
	for (i = 0; i < n && i < PAGE_ERRORS_MAX; i++)
		if (strcmp(err[i].field, "title_local_lang") == 0)
			return err[i].text;
	return NULL;
}

/* Shows check your answers; errors (from submitting) link to their sections' fields. */
static int
show_app_check(struct req *r, const struct application *a,
    const struct application_extra *x, const struct round *rd, unsigned version,
    const struct rule_error *err, size_t nerr, int stale)
{
	struct vobj *v = r->view;
	size_t i;

	if (stale)
		error_link(r, "#submit", tr(r, N_("The application was changed after you opened this page, perhaps in another window. Check your answers again before you submit.")));
	for (i = 0; i < nerr; i++)
		error_link(r, app_change_href(r, a->id, err[i].section, err[i].field),
		    arena_printf(r->a, "%s: %s", tr(r,
		    app_section_titles[err[i].section]), err[i].text));
	vobj_str(v, "title", tr(r, N_("Check your answers before you submit")));
	vobj_str(v, "reference", reference(r, a->id));
	vobj_str(v, "app_title", page_app_title(r, a->title_sv, a->title_en, a->id));
	vobj_str(v, "round", i18n_pick(r->lang, x->round_sv, x->round_en));
	vobj_str(v, "action", page_app_path(r, a->id, "/submit"));
	vobj_int(v, "version", version);
	vobj_str(v, "tasks_href", page_app_path(r, a->id, "/tasks"));
	crumbs_app(r, a);
	view_crumb(r, page_app_path(r, a->id, "/check"), tr(r, N_("Check your answers")));
	/* A draft's sections say whether they are completed, as on the application's page. */
	vobj_bool(v, "draft", 1);
	app_summary(r, a, x, 1, lang_problem(r, a, x, rd));
	return render(r, TPL_APP_CHECK);
}

/* GET /applications/{id}/check -> 200 every answer with a link to change it, and the submit button | 303 once submitted | 404 | 503 */
int
h_appform_check(struct req *r)
{
	struct application a;
	struct application_extra x;
	struct round rd;
	int status;

	if ((status = load_draft(r, &a, &x, &rd)) != 0)
		return status;
	if (!is_draft(&a))
		return redirect(r, page_app_path(r, a.id, ""));
	return show_app_check(r, &a, &x, &rd, a.version, NULL, 0, 0);
}

/*
 * POST /applications/{id}/submit (version)
 *   -> 303 /applications/{id}/submitted (also for a re-sent or double-clicked submit)
 *    | 200 check your answers with every rule not met | 409 changed since the page was shown
 *    | 409 withdrawn (nothing to submit) | 400 no version | 404 | 503
 *    | 500 its e-mails cannot be written (nothing is submitted)
 */
int
h_appform_submit(struct req *r)
{
	struct application a;
	struct application_extra x;
	struct round rd;
	struct country_row *countries;
	const struct country *c = NULL;
	struct rule_error *err;
	struct outbox_send mail[2];
	char at[APP_STAMP_LEN];
	const char *status_now;
	unsigned version, current = 0;
	size_t n, i, ncountries;
	int status;
	enum kerr e;

	if ((status = load_draft(r, &a, &x, &rd)) != 0)
		return status;
	if ((version = page_version(req_form(r, "version"))) == 0)
		return 400;
	if (!is_draft(&a))
		return strcmp(a.status, "withdrawn") == 0 ? show_closed(r, &a) :
		    redirect(r, page_app_path(r, a.id, "/submitted"));
	if ((e = db_country_list(r->a, r->id, r->sess->data_version, &countries,
	    &ncountries)) != KERR_OK)
		return http_status(e);
	for (i = 0; a.country != NULL && i < ncountries; i++)
		if (strcmp(countries[i].c.code, a.country) == 0)
			c = &countries[i].c;
	err = arena_calloc(r->a, PAGE_ERRORS_MAX, sizeof(*err));
	n = rules_check(r->a, r->lang, &a, &rd, c, app_today(), err, PAGE_ERRORS_MAX);
	if (n > 0)
		return show_app_check(r, &a, &x, &rd, a.version, err,
		    n < PAGE_ERRORS_MAX ? n : PAGE_ERRORS_MAX, 0);
	/* The receipt and the officers' notice go with the submission, or not at all. */
	if (appmail_submitted(r, &a, &x, app_stamp(at), mail) != KERR_OK)
		return 500;
	e = db_appform_submit(r, a.id, r->sess->user.org_id, version, at, mail, 2, &current,
	    &status_now);
	if (e == KERR_FORBIDDEN) {
		/* Submitted meanwhile: by this very form sent twice, most likely. */
		if (strcmp(status_now, "withdrawn") == 0) {
			a.status = status_now;
			return show_closed(r, &a);
		}
		return redirect(r, page_app_path(r, a.id, "/submitted"));
	}
	if (e == KERR_CONFLICT) {
		r->status = 409;
		return show_app_check(r, &a, &x, &rd, current, NULL, 0, 1);
	}
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, page_app_path(r, a.id, "/submitted"));
}

/* GET /applications/{id}/submitted -> 200 the confirmation with the reference | 303 the task list of a draft | 404 | 503 */
int
h_appform_submitted(struct req *r)
{
	struct application a;
	struct application_extra x;
	struct round rd;
	struct vobj *v = r->view;
	int status;

	if ((status = load_draft(r, &a, &x, &rd)) != 0)
		return status;
	if (is_draft(&a))
		return redirect(r, page_app_path(r, a.id, "/tasks"));
	vobj_str(v, "title", tr(r, N_("Application submitted")));
	vobj_str(v, "reference", reference(r, a.id));
	vobj_str(v, "app_title", page_app_title(r, a.title_sv, a.title_en, a.id));
	vobj_str(v, "round", i18n_pick(r->lang, x.round_sv, x.round_en));
	vobj_str(v, "submitted", x.submitted);
	vobj_str(v, "view_href", page_app_path(r, a.id, ""));
	crumbs_app(r, &a);
	return render(r, TPL_APP_SUBMITTED);
}
