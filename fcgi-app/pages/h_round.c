/* h_round.c - rounds (calls) with their rules, and the partner countries: the lists and the admins' forms. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db_round.h"
#include "domain/labels.h"
#include "domain/rules.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/req.h"
#include "pages/h_round.h"
#include "views/page.h"
#include "views/view.h"

/* Far above any grant, and well inside round_rules' INT UNSIGNED columns. */
#define ROUND_AMOUNT_MAX	10000000LL
#define ROUND_YEAR_MIN		2000
#define ROUND_YEAR_MAX		2100
#define ROUND_NAME_MAX		200	/* characters: rounds.name_sv/name_en */
#define COUNTRY_NAME_MAX	100	/* characters: countries.name_sv/name_en */
#define ROUND_OFFICERS_MAX	500	/* officers a form may tick: far above ICLD's staff */

/* ---- the round form --------------------------------------------------------------------------------- */

/* The round's own text fields, in page order. */
enum cfield {
	CF_YEAR = 0,
	CF_NAME_SV,
	CF_NAME_EN,
	CF_OPENS,
	CF_CLOSES,
	CF__MAX
};

/* Each project type's text fields, in page order: the last REGION__MAX are the ceilings by region group. */
enum tfield {
	TF_MIN_YEARS = 0,
	TF_MAX_YEARS,
	TF_MIN_AMOUNT,
	TF_MAX_AMOUNT,
	TF__MAX = TF_MAX_AMOUNT + REGION__MAX
};

#define NFIELDS		(CF__MAX + PT__MAX * TF__MAX)
#define TFIELD(t, f)	(CF__MAX + (t) * TF__MAX + (f))

/* Field names, which are also the ids the error summary links to; in field order. */
static const char *const field_names[NFIELDS] = {
	"year", "name_sv", "name_en", "opens_on", "closes_on",
	"inception_min_years", "inception_max_years", "inception_min_amount",
	"inception_max_africa", "inception_max_asia", "inception_max_europe",
	"inception_max_latin_america",
	"project_min_years", "project_max_years", "project_min_amount",
	"project_max_africa", "project_max_asia", "project_max_europe",
	"project_max_latin_america",
	"three_party_min_years", "three_party_max_years", "three_party_min_amount",
	"three_party_max_africa", "three_party_max_asia", "three_party_max_europe",
	"three_party_max_latin_america",
};

static const char *const allowed_names[PT__MAX] = {
	"inception_allowed", "project_allowed", "three_party_allowed",
};

/*
 * The programme's rules per type of project (years, amount per year per region), which each round may
 * change. Latin America has no three-party ceiling of its own in the programme's guidelines: it takes
 * Africa's and Asia's.
 */
static const struct round_rule default_rules[PT__MAX] = {
	[PT_INCEPTION] = { 1, 1, 1, 0, { 275000, 275000, 220000, 275000 } },
	[PT_PROJECT] = { 1, 1, 3, 300000, { 500000, 500000, 500000, 500000 } },
	[PT_THREE_PARTY] = { 1, 1, 3, 0, { 650000, 650000, 600000, 650000 } },
};

/* The round form as the person sees it: what they typed (or what is stored), and what is wrong with it. */
struct round_form {
	const char	*val[NFIELDS];
	const char	*err[NFIELDS];
	int		 inception_all_year;
	int		 allowed[PT__MAX];
	const char	*token;		/* a new round: the form's one-time token */
	unsigned	 version;	/* an edit: the version the form was filled from */
	int		 stale;		/* someone else saved the round meanwhile */
	struct round_officer *choices;	/* the officers it offers (officers_offer()) */
	size_t		 nchoices;
	int		*ticked;	/* ticked[i]: choices[i] handles the round */
	const char	*officers_err;
};

/* The officers the form offers (every active one), none ticked yet. KERR_OK or KERR_DB. */
static enum kerr
officers_offer(struct req *r, struct round_form *f)
{
	enum kerr e;

	if ((e = db_round_officer_choices(r->a, r->id, r->sess->data_version, &f->choices,
	    &f->nchoices)) != KERR_OK)
		return e;
	f->ticked = arena_calloc(r->a, f->nchoices + 1, sizeof(*f->ticked));
	return KERR_OK;
}

/* Ticks officer id; 0 when the form offers nobody so. */
static int
officer_tick(struct round_form *f, long long id)
{
	size_t i;

	for (i = 0; i < f->nchoices; i++)
		if (f->choices[i].id == id)
			return f->ticked[i] = 1;
	return 0;
}

/*
 * The officers offered and those ticked on the form sent; one no longer
 * offered (deactivated meanwhile) is a problem next to the boxes, the
 * others staying ticked. KERR_OK or KERR_DB.
 */
static enum kerr
officers_read(struct req *r, struct round_form *f)
{
	const char *vals[ROUND_OFFICERS_MAX];
	long long id;
	size_t i, n;
	enum kerr e;

	if ((e = officers_offer(r, f)) != KERR_OK)
		return e;
	n = form_get_all(&r->form, "officer", vals, ROUND_OFFICERS_MAX);
	for (i = 0; i < n; i++)
		if (valid_int_range(vals[i], 1, 4294967295LL, &id) != KERR_OK || !officer_tick(f, id))
			f->officers_err = i18n_tr(r->lang, N_("Tick officers from the list: someone you ticked is no longer one of ICLD's officers in kpp"));
	return KERR_OK;
}

/* The officers offered, those round id names ticked. KERR_OK or KERR_DB. */
static enum kerr
officers_stored(struct req *r, struct round_form *f, long long id)
{
	struct round_officer *named;
	size_t i, n;
	enum kerr e;

	if ((e = officers_offer(r, f)) != KERR_OK ||
	    (e = db_round_officers(r->a, r->id, r->sess->data_version, id, &named, &n)) != KERR_OK)
		return e;
	for (i = 0; i < n; i++)
		(void)officer_tick(f, named[i].id);
	return KERR_OK;
}

/* The officers ticked, to store with the round: *n of them. */
static struct round_officer *
officers_ticked(struct req *r, const struct round_form *f, size_t *n)
{
	struct round_officer *out = arena_calloc(r->a, f->nchoices + 1, sizeof(*out));
	size_t i;

	*n = 0;
	for (i = 0; i < f->nchoices; i++)
		if (f->ticked[i])
			out[(*n)++] = f->choices[i];
	return out;
}

static void
round_form_read(struct req *r, struct round_form *f)
{
	int i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < NFIELDS; i++)
		f->val[i] = req_form(r, field_names[i]) != NULL ?
		    req_form(r, field_names[i]) : "";
	f->inception_all_year = req_form(r, "inception_all_year") != NULL;
	for (i = 0; i < PT__MAX; i++)
		f->allowed[i] = req_form(r, allowed_names[i]) != NULL;
}

/* The form filled from a round, amounts grouped as the reader writes them. */
static void
form_from_round(struct req *r, struct round_form *f, const struct round *rd)
{
	const struct round_rule *u;
	int t, g;

	memset(f, 0, sizeof(*f));
	f->val[CF_YEAR] = rd->year > 0 ? arena_printf(r->a, "%d", rd->year) : "";
	f->val[CF_NAME_SV] = rd->name_sv != NULL ? rd->name_sv : "";
	f->val[CF_NAME_EN] = rd->name_en != NULL ? rd->name_en : "";
	f->val[CF_OPENS] = rd->opens_on != NULL ? rd->opens_on : "";
	f->val[CF_CLOSES] = rd->closes_on != NULL ? rd->closes_on : "";
	f->inception_all_year = rd->inception_all_year;
	for (t = 0; t < PT__MAX; t++) {
		u = &rd->rules[t];
		f->allowed[t] = u->allowed;
		f->val[TFIELD(t, TF_MIN_YEARS)] = arena_printf(r->a, "%d", u->min_years);
		f->val[TFIELD(t, TF_MAX_YEARS)] = arena_printf(r->a, "%d", u->max_years);
		f->val[TFIELD(t, TF_MIN_AMOUNT)] = fmt_number(r->a, u->min_amount, r->lang);
		for (g = 0; g < REGION__MAX; g++)
			f->val[TFIELD(t, TF_MAX_AMOUNT + g)] = fmt_number(r->a,
			    u->max_amount[g], r->lang);
	}
}

/* The message for field i, prefixed with the project type (and region group) it belongs to. */
static void
type_field_error(struct req *r, struct round_form *f, int i, const char *msgid)
{
	int t, k;

	if (f->err[i] != NULL)
		return;
	if (i < CF__MAX) {
		f->err[i] = i18n_tr(r->lang, msgid);
		return;
	}
	t = (i - CF__MAX) / TF__MAX;
	k = (i - CF__MAX) % TF__MAX;
	if (k >= TF_MAX_AMOUNT)
		f->err[i] = arena_printf(r->a, "%s, %s: %s",
		    label(r->lang, ptype_code[t]),
		    label(r->lang, region_code[k - TF_MAX_AMOUNT]),
		    i18n_tr(r->lang, msgid));
	else
		f->err[i] = arena_printf(r->a, "%s: %s",
		    label(r->lang, ptype_code[t]), i18n_tr(r->lang, msgid));
}

static void
check_name(struct req *r, struct round_form *f, int i, const char *empty,
    const char **out)
{
	*out = form_trim(r->a, f->val[i]);
	if (**out == '\0')
		type_field_error(r, f, i, empty);
	else if (utf8_chars(*out) > ROUND_NAME_MAX)
		type_field_error(r, f, i, N_("Enter a name of at most 200 characters"));
}

static int
check_date(struct req *r, struct round_form *f, int i, const char *empty,
    const char *bad)
{
	int y, m, d;

	if (*form_trim(r->a, f->val[i]) == '\0') {
		type_field_error(r, f, i, empty);
		return 0;
	}
	if (valid_date(form_trim(r->a, f->val[i]), &y, &m, &d) != KERR_OK) {
		type_field_error(r, f, i, bad);
		return 0;
	}
	return 1;
}

static int
read_years_field(struct req *r, struct round_form *f, int i, const char *msgid,
    int *out)
{
	long long v;

	if (valid_int_range(form_trim(r->a, f->val[i]), 1, MAX_YEARS, &v) != KERR_OK) {
		type_field_error(r, f, i, msgid);
		return 0;
	}
	*out = (int)v;
	return 1;
}

static int
check_amount(struct req *r, struct round_form *f, int i, const char *msgid,
    long long *out)
{
	if (valid_amount(f->val[i], out) != KERR_OK) {
		type_field_error(r, f, i, msgid);
		return 0;
	}
	if (*out > ROUND_AMOUNT_MAX) {
		type_field_error(r, f, i, N_("Enter an amount of at most 10 000 000 kronor"));
		return 0;
	}
	return 1;
}

/*
 * Checks the form field by field, noting each problem next to its field,
 * and fills rd from it. Returns the number of fields in error.
 */
static int
round_form_check(struct req *r, struct round_form *f, struct round *rd)
{
	struct round_rule *u;
	long long year;
	int i, t, g, opens, closes, ymin, ymax, amin, amax, n = 0;

	memset(rd, 0, sizeof(*rd));
	if (*form_trim(r->a, f->val[CF_YEAR]) == '\0')
		type_field_error(r, f, CF_YEAR, N_("Enter the year of the round"));
	else if (valid_int_range(form_trim(r->a, f->val[CF_YEAR]), ROUND_YEAR_MIN,
	    ROUND_YEAR_MAX, &year) != KERR_OK)
		type_field_error(r, f, CF_YEAR, N_("Enter the year as four digits, from 2000 to 2100"));
	else
		rd->year = (int)year;
	check_name(r, f, CF_NAME_SV, N_("Enter the name of the round in Swedish"),
	    &rd->name_sv);
	check_name(r, f, CF_NAME_EN, N_("Enter the name of the round in English"),
	    &rd->name_en);
	opens = check_date(r, f, CF_OPENS, N_("Enter the date the round opens"),
	    N_("Enter the opening date as a real date, such as 2017-01-15"));
	closes = check_date(r, f, CF_CLOSES, N_("Enter the date the round closes"),
	    N_("Enter the closing date as a real date, such as 2017-03-31"));
	rd->opens_on = form_trim(r->a, f->val[CF_OPENS]);
	rd->closes_on = form_trim(r->a, f->val[CF_CLOSES]);
	/* ISO dates compare as strings. */
	if (opens && closes && strcmp(rd->closes_on, rd->opens_on) < 0)
		type_field_error(r, f, CF_CLOSES, N_("The closing date must be the same as or after the opening date"));
	rd->inception_all_year = f->inception_all_year;

	for (t = 0; t < PT__MAX; t++) {
		u = &rd->rules[t];
		u->allowed = f->allowed[t];
		ymin = read_years_field(r, f, TFIELD(t, TF_MIN_YEARS),
		    N_("Enter the shortest duration as a whole number of years from 1 to 3"),
		    &u->min_years);
		ymax = read_years_field(r, f, TFIELD(t, TF_MAX_YEARS),
		    N_("Enter the longest duration as a whole number of years from 1 to 3"),
		    &u->max_years);
		if (ymin && ymax && u->min_years > u->max_years)
			type_field_error(r, f, TFIELD(t, TF_MAX_YEARS),
			    N_("The longest duration must be at least the shortest"));
		amin = check_amount(r, f, TFIELD(t, TF_MIN_AMOUNT),
		    N_("Enter the smallest amount per year in kronor, such as 300 000, or 0 for none"),
		    &u->min_amount);
		for (g = 0; g < REGION__MAX; g++) {
			i = TFIELD(t, TF_MAX_AMOUNT + g);
			amax = check_amount(r, f, i,
			    N_("Enter the largest amount per year in kronor, such as 500 000"),
			    &u->max_amount[g]);
			if (amin && amax && u->min_amount > u->max_amount[g])
				type_field_error(r, f, TFIELD(t, TF_MIN_AMOUNT),
				    N_("The smallest amount must not be more than the largest amount of any region group"));
		}
	}
	for (i = 0; i < NFIELDS; i++)
		n += f->err[i] != NULL;
	return n + (f->officers_err != NULL);
}

/* One text field for _round_field.html under list (page_input()), of a type and a width. */
static void
view_field(struct req *r, struct vobj *parent, const char *list,
    const char *id, const char *lbl, const char *hint, const char *value,
    const char *error, const char *type, const char *width, int numeric)
{
	struct vobj *o = page_input(r, parent, list, id, lbl, hint, value, error);

	vobj_str(o, "type", type);
	vobj_str(o, "width", width);
	vobj_bool(o, "numeric", numeric);
}

/*
 * Shows the round form: a new round when stored is NULL, else an edit of
 * stored. Status 200, or r->status when set (409 for a stale save).
 */
static int
show_round_form(struct req *r, const struct round_form *f,
    const struct round *stored)
{
	struct vobj *v = r->view, *o;
	const char *name, *lbl;
	int i, t, g;

	if (f->stale)
		view_error(r, "year", i18n_tr(r->lang, N_("Someone else changed this round while you were editing it. Check the values below and save again.")));
	for (i = 0; i < NFIELDS; i++)
		if (f->err[i] != NULL)
			view_error(r, field_names[i], f->err[i]);
	if (f->officers_err != NULL)
		view_error(r, "officers", f->officers_err);

	view_crumb(r, "/rounds", i18n_tr(r->lang, N_("Rounds")));
	if (stored == NULL) {
		vobj_str(v, "title", i18n_tr(r->lang, N_("Add a round")));
		vobj_str(v, "action", "/rounds");
		view_here(r, "/rounds/new");
		vobj_str(v, "token", f->token);
		vobj_str(v, "submit", i18n_tr(r->lang, N_("Add the round")));
		view_crumb(r, "/rounds/new", i18n_tr(r->lang, N_("Add a round")));
	} else {
		name = i18n_pick(r->lang, stored->name_sv, stored->name_en);
		vobj_str(v, "title", arena_printf(r->a, "%s: %s",
		    i18n_tr(r->lang, N_("Edit the round")), name));
		vobj_str(v, "action", arena_printf(r->a, "/rounds/%lld", stored->id));
		view_here(r, arena_printf(r->a, "/rounds/%lld/edit", stored->id));
		vobj_int(v, "version", f->version);
		vobj_str(v, "submit", i18n_tr(r->lang, N_("Save the round")));
		view_crumb(r, arena_printf(r->a, "/rounds/%lld/edit", stored->id), name);
	}

	view_field(r, v, "fields", "year", i18n_tr(r->lang, N_("Year")),
	    i18n_tr(r->lang, N_("Projects approved in this round get codes that start with the year, such as 2017-0001.")),
	    f->val[CF_YEAR], f->err[CF_YEAR], "text", "input-short", 1);
	view_field(r, v, "fields", "name_sv", i18n_tr(r->lang, N_("Name in Swedish")),
	    i18n_tr(r->lang, N_("Such as Utlysning 2017")), f->val[CF_NAME_SV],
	    f->err[CF_NAME_SV], "text", "input-medium", 0);
	view_field(r, v, "fields", "name_en", i18n_tr(r->lang, N_("Name in English")),
	    i18n_tr(r->lang, N_("Such as Call for applications 2017")),
	    f->val[CF_NAME_EN], f->err[CF_NAME_EN], "text", "input-medium", 0);
	view_field(r, v, "fields", "opens_on", i18n_tr(r->lang, N_("Opens")),
	    i18n_tr(r->lang, N_("The first day applications can be submitted, such as 2017-01-15")),
	    f->val[CF_OPENS], f->err[CF_OPENS], "date", "input-short", 0);
	view_field(r, v, "fields", "closes_on", i18n_tr(r->lang, N_("Closes")),
	    i18n_tr(r->lang, N_("The last day applications can be submitted, such as 2017-03-31")),
	    f->val[CF_CLOSES], f->err[CF_CLOSES], "date", "input-short", 0);
	vobj_bool(v, "inception_all_year", f->inception_all_year);
	o = page_choices(r, v, "officers", "checkbox", "officers", "officer",
	    i18n_tr(r->lang, N_("Officers who handle the round")),
	    i18n_tr(r->lang, N_("They get an e-mail when an application is submitted in the round. If you tick nobody, every officer gets it.")),
	    f->officers_err);
	for (i = 0; i < (int)f->nchoices; i++)
		page_choice(o, i == 0 ? "officers" : arena_printf(r->a, "officer-%lld",
		    f->choices[i].id), arena_printf(r->a, "%lld", f->choices[i].id),
		    f->choices[i].name, NULL, f->ticked[i]);

	for (t = 0; t < PT__MAX; t++) {
		o = vobj_push(v, "types");
		vobj_str(o, "key", ptype_code[t]);
		vobj_str(o, "allowed_id", allowed_names[t]);
		vobj_str(o, "legend", label(r->lang, ptype_code[t]));
		vobj_bool(o, "allowed", f->allowed[t]);
		i = TFIELD(t, TF_MIN_YEARS);
		view_field(r, o, "years", field_names[i],
		    i18n_tr(r->lang, N_("Shortest")), NULL, f->val[i], f->err[i],
		    "text", "input-short", 1);
		i = TFIELD(t, TF_MAX_YEARS);
		view_field(r, o, "years", field_names[i],
		    i18n_tr(r->lang, N_("Longest")), NULL, f->val[i], f->err[i],
		    "text", "input-short", 1);
		i = TFIELD(t, TF_MIN_AMOUNT);
		view_field(r, o, "amounts", field_names[i],
		    i18n_tr(r->lang, N_("Smallest, in every region group")), NULL,
		    f->val[i], f->err[i], "text", "input-short", 1);
		for (g = 0; g < REGION__MAX; g++) {
			i = TFIELD(t, TF_MAX_AMOUNT + g);
			lbl = arena_printf(r->a, "%s: %s",
			    i18n_tr(r->lang, N_("Largest")),
			    label(r->lang, region_code[g]));
			view_field(r, o, "amounts", field_names[i], lbl,
			    t == PT_THREE_PARTY && g == REGION_LATIN_AMERICA ?
			    i18n_tr(r->lang, N_("The programme's table of defaults has no three-party ceiling for Latin America; the default here is 650 000 kronor, as for Africa and Asia.")) : NULL,
			    f->val[i], f->err[i], "text", "input-short", 1);
		}
	}
	return render(r, TPL_ROUND_FORM);
}

/* ---- the rounds ------------------------------------------------------------------------------------- */

/* The officers round id names (of officers, by round and name), joined; "every officer" when none. */
static const char *
officer_list(struct req *r, long long id, const struct round_officer *officers, size_t n)
{
	const char *out = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (officers[i].round_id == id)
			out = out == NULL ? officers[i].name : arena_printf(r->a, "%s, %s", out,
			    officers[i].name);
	return out != NULL ? out : i18n_tr(r->lang, N_("Every officer: nobody is named"));
}

/* GET /rounds -> 200 every round, newest first, with its rules (for ICLD, its officers) | 503 */
int
h_round_list(struct req *r)
{
	const char *today = app_today();
	struct round *rounds;
	struct round_officer *officers = NULL;
	struct vobj *v = r->view, *o, *ru, *a;
	size_t n, i, nofficers = 0;
	int t, g, admin = r->sess->user.role == ROLE_ADMIN;
	enum kerr e;

	if ((e = db_round_list(r->a, r->id, r->sess->data_version, &rounds, &n)) != KERR_OK)
		return http_status(e);
	/* Who handles which round is ICLD's own business. */
	if (admin && (e = db_round_officers(r->a, r->id, r->sess->data_version, 0, &officers,
	    &nofficers)) != KERR_OK)
		return http_status(e);
	vobj_str(v, "title", i18n_tr(r->lang, N_("Rounds and their rules")));
	view_crumb(r, "/rounds", i18n_tr(r->lang, N_("Rounds")));
	vobj_bool(v, "has_rounds", n > 0);
	for (i = 0; i < n; i++) {
		const struct round *rd = &rounds[i];

		o = vobj_push(v, "rounds");
		vobj_int(o, "id", rd->id);
		vobj_str(o, "name", i18n_pick(r->lang, rd->name_sv, rd->name_en));
		vobj_int(o, "year", rd->year);
		vobj_str(o, "opens", rd->opens_on);
		vobj_str(o, "closes", rd->closes_on);
		if (strcmp(today, rd->opens_on) < 0) {
			vobj_str(o, "state", "due");
			vobj_str(o, "state_label", i18n_tr(r->lang, N_("Opens later")));
		} else if (strcmp(today, rd->closes_on) <= 0) {
			vobj_str(o, "state", "approved");
			vobj_str(o, "state_label", i18n_tr(r->lang, N_("Open now")));
		} else {
			vobj_str(o, "state", "closed");
			vobj_str(o, "state_label", i18n_tr(r->lang, N_("Closed for applications")));
		}
		vobj_bool(o, "inception_all_year", rd->inception_all_year);
		if (admin) {
			vobj_str(o, "edit_href", arena_printf(r->a,
			    "/rounds/%lld/edit", rd->id));
			vobj_str(o, "officers", officer_list(r, rd->id, officers, nofficers));
		}
		for (t = 0; t < PT__MAX; t++) {
			const struct round_rule *u = &rd->rules[t];

			ru = vobj_push(o, "rules");
			vobj_str(ru, "type", label(r->lang, ptype_code[t]));
			vobj_bool(ru, "allowed", u->allowed);
			vobj_str(ru, "duration", u->allowed ? page_years_words(r,
			    u->min_years, u->max_years) : NULL);
			for (g = 0; g < REGION__MAX; g++) {
				a = vobj_push(ru, "amounts");
				vobj_str(a, "amount", u->allowed ?
				    page_amount_words(r, u->min_amount,
				    u->max_amount[g]) : NULL);
			}
		}
	}
	return render(r, TPL_ROUNDS);
}

/* GET /rounds/new -> 200 the form with the programme's defaults and a fresh one-time token */
int
h_round_new(struct req *r)
{
	struct round_form f;
	struct round rd;
	char *token = arena_alloc(r->a, AUTH_TOKEN_HEX);
	enum kerr e;

	memset(&rd, 0, sizeof(rd));
	rd.year = (int)strtol(app_today(), NULL, 10) + 1;
	memcpy(rd.rules, default_rules, sizeof(rd.rules));
	form_from_round(r, &f, &rd);
	auth_token_new(token);
	f.token = token;
	if ((e = officers_offer(r, &f)) != KERR_OK)
		return http_status(e);
	return show_round_form(r, &f, NULL);
}

/* POST /rounds -> 303 /rounds (also for a re-sent form) | 200 form with errors | 400 no token | 503 */
int
h_round_create(struct req *r)
{
	const char *token = req_form(r, "token");
	struct round_officer *officers;
	struct round_form f;
	struct round rd;
	size_t nofficers;
	long long id;
	enum kerr e;

	if (!page_token_ok(token))
		return 400;
	round_form_read(r, &f);
	f.token = token;
	if ((e = officers_read(r, &f)) != KERR_OK)
		return http_status(e);
	if (round_form_check(r, &f, &rd) > 0)
		return show_round_form(r, &f, NULL);
	officers = officers_ticked(r, &f, &nofficers);
	e = db_round_create(r, &rd, officers, nofficers, token, &id);
	/* KERR_CONFLICT: this form's round exists already, from the first time it was sent. */
	if (e != KERR_OK && e != KERR_CONFLICT)
		return http_status(e);
	return redirect(r, "/rounds");
}

/* GET /rounds/{id}/edit -> 200 the form filled from the database | 404 | 503 */
int
h_round_edit(struct req *r)
{
	long long id = path_id(r->args[0]);
	struct round_form f;
	struct round rd;
	unsigned version;
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_round_get(r->a, r->id, r->sess->data_version, id, &rd, &version)) != KERR_OK)
		return http_status(e);
	form_from_round(r, &f, &rd);
	f.version = version;
	if ((e = officers_stored(r, &f, id)) != KERR_OK)
		return http_status(e);
	return show_round_form(r, &f, &rd);
}

/* POST /rounds/{id} -> 303 /rounds | 200 form with errors | 409 form, someone else saved first | 400 | 404 | 503 */
int
h_round_update(struct req *r)
{
	long long id = path_id(r->args[0]);
	struct round_officer *officers;
	struct round_form f;
	struct round stored, rd;
	unsigned version, current;
	size_t nofficers;
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_round_get(r->a, r->id, r->sess->data_version, id, &stored,
	    &current)) != KERR_OK)
		return http_status(e);
	if ((version = page_version(req_form(r, "version"))) == 0)
		return 400;
	round_form_read(r, &f);
	f.version = version;
	if ((e = officers_read(r, &f)) != KERR_OK)
		return http_status(e);
	if (round_form_check(r, &f, &rd) > 0)
		return show_round_form(r, &f, &stored);
	rd.id = id;
	officers = officers_ticked(r, &f, &nofficers);
	e = db_round_update(r, &rd, officers, nofficers, version, &current);
	if (e == KERR_CONFLICT) {
		/* Their input stays; the version is the one now stored, so saving again works. */
		f.stale = 1;
		f.version = current;
		r->status = 409;
		return show_round_form(r, &f, &stored);
	}
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, "/rounds");
}

/* ---- the countries ---------------------------------------------------------------------------------- */

/* The "add a country" form: as typed, and what is wrong with it. */
struct country_form {
	const char	*code, *name_sv, *name_en, *region;
	const char	*code_error, *name_sv_error, *name_en_error, *region_error;
};

/* A stale eligibility change: the country, for the message at the top. */
struct country_stale {
	const char	*code;
	const char	*name;
};

static int
code_format_ok(const char *s)
{
	return s != NULL && strlen(s) == 2 && isupper((unsigned char)s[0]) &&
	    isupper((unsigned char)s[1]) && s[0] <= 'Z' && s[1] <= 'Z';
}

/* Shows the list of countries with the form to add one. Status 200, or r->status when set. */
static int
show_countries(struct req *r, const struct country_form *f,
    const struct country_stale *stale)
{
	struct country_row *rows;
	struct vobj *v = r->view, *o;
	size_t n, i;
	int g;
	enum kerr e;

	if ((e = db_country_list(r->a, r->id, r->sess->data_version, &rows, &n)) != KERR_OK)
		return http_status(e);
	if (stale != NULL)
		view_error(r, arena_printf(r->a, "country-%s", stale->code),
		    arena_printf(r->a, "%s: %s", stale->name, i18n_tr(r->lang,
		    N_("Someone else changed this country while you were looking at the list. Check it below and try again."))));
	if (f->code_error != NULL)
		view_error(r, "code", f->code_error);
	if (f->name_sv_error != NULL)
		view_error(r, "name_sv", f->name_sv_error);
	if (f->name_en_error != NULL)
		view_error(r, "name_en", f->name_en_error);
	if (f->region_error != NULL)
		view_error(r, "region", f->region_error);

	vobj_str(v, "title", i18n_tr(r->lang, N_("Partner countries")));
	view_here(r, "/countries");
	view_crumb(r, "/countries", i18n_tr(r->lang, N_("Partner countries")));
	for (i = 0; i < n; i++) {
		const struct country_row *c = &rows[i];

		o = vobj_push(v, "countries");
		vobj_str(o, "code", c->c.code);
		vobj_str(o, "name_sv", c->c.name_sv);
		vobj_str(o, "name_en", c->c.name_en);
		vobj_str(o, "region", label(r->lang, region_code[c->c.region]));
		vobj_bool(o, "eligible", c->c.eligible);
		vobj_int(o, "version", c->version);
		vobj_str(o, "action", arena_printf(r->a, "/countries/%s", c->c.code));
		vobj_str(o, "button_id", arena_printf(r->a, "country-%s", c->c.code));
		vobj_str(o, "name", i18n_pick(r->lang, c->c.name_sv, c->c.name_en));
		vobj_str(o, "languages", lang_list_names(r->a, r->lang, c->c.languages));
		vobj_str(o, "edit", arena_printf(r->a, "/countries/%s/edit", c->c.code));
		vobj_str(o, "edit_what", rules_fill(r->a, i18n_tr(r->lang,
		    N_("the official languages of {country}")), (const char *const []){
		    "country", i18n_pick(r->lang, c->c.name_sv, c->c.name_en), NULL }));
	}

	view_field(r, v, "fields", "code", i18n_tr(r->lang, N_("Code")),
	    i18n_tr(r->lang, N_("The country's ISO 3166-1 code as IATI uses it: two capital letters, such as KE for Kenya or XK for Kosovo")),
	    f->code, f->code_error, "text", "input-short", 0);
	view_field(r, v, "fields", "name_sv", i18n_tr(r->lang, N_("Name in Swedish")),
	    NULL, f->name_sv, f->name_sv_error, "text", "input-medium", 0);
	view_field(r, v, "fields", "name_en", i18n_tr(r->lang, N_("Name in English")),
	    NULL, f->name_en, f->name_en_error, "text", "input-medium", 0);
	if (f->region_error != NULL)
		vobj_str(v, "region_error", f->region_error);
	for (g = 0; g < REGION__MAX; g++) {
		o = vobj_push(v, "regions");
		vobj_str(o, "value", region_code[g]);
		vobj_str(o, "label", label(r->lang, region_code[g]));
		vobj_bool(o, "selected", f->region != NULL &&
		    strcmp(f->region, region_code[g]) == 0);
	}
	return render(r, TPL_COUNTRIES);
}

/* GET /countries -> 200 every country with its eligibility, and the form to add one | 503 */
int
h_country_list(struct req *r)
{
	struct country_form f;

	memset(&f, 0, sizeof(f));
	return show_countries(r, &f, NULL);
}

/* POST /countries -> 303 /countries (also for a re-sent form) | 200 list and form with errors | 503 */
int
h_country_create(struct req *r)
{
	struct country_form f;
	struct country_row had;
	struct country c;
	char *code;
	int g;
	enum kerr e;

	memset(&f, 0, sizeof(f));
	/* People type "ke" or " KE": the code is stored in capitals. */
	f.code = code = arena_strdup(r->a, form_trim(r->a, req_form(r, "code")));
	for (; *code != '\0'; code++)
		*code = (char)toupper((unsigned char)*code);
	f.name_sv = form_trim(r->a, req_form(r, "name_sv"));
	f.name_en = form_trim(r->a, req_form(r, "name_en"));
	f.region = req_form(r, "region");
	if (*f.code == '\0')
		f.code_error = i18n_tr(r->lang, N_("Enter the country's code"));
	else if (!code_format_ok(f.code))
		f.code_error = i18n_tr(r->lang, N_("Enter the code as two letters, such as KE"));
	if (*f.name_sv == '\0')
		f.name_sv_error = i18n_tr(r->lang, N_("Enter the country's name in Swedish"));
	else if (utf8_chars(f.name_sv) > COUNTRY_NAME_MAX)
		f.name_sv_error = i18n_tr(r->lang, N_("Enter a name of at most 100 characters"));
	if (*f.name_en == '\0')
		f.name_en_error = i18n_tr(r->lang, N_("Enter the country's name in English"));
	else if (utf8_chars(f.name_en) > COUNTRY_NAME_MAX)
		f.name_en_error = i18n_tr(r->lang, N_("Enter a name of at most 100 characters"));
	if ((g = code_index(region_code, REGION__MAX, f.region)) < 0)
		f.region_error = i18n_tr(r->lang, N_("Choose the country's region group"));
	if (f.code_error || f.name_sv_error || f.name_en_error || f.region_error)
		return show_countries(r, &f, NULL);

	c.code = f.code;
	c.name_sv = f.name_sv;
	c.name_en = f.name_en;
	c.region = (enum region)g;
	c.eligible = 1;
	e = db_country_create(r, &c);
	if (e == KERR_CONFLICT) {
		if ((e = db_country_get(r->a, r->id, c.code, &had)) != KERR_OK)
			return http_status(e);
		/* The same form sent twice: the country is there as asked. */
		if (strcmp(had.c.name_sv, c.name_sv) == 0 &&
		    strcmp(had.c.name_en, c.name_en) == 0 && had.c.region == c.region)
			return redirect(r, "/countries");
		f.code_error = i18n_tr(r->lang, N_("A country with this code is already in the list"));
		return show_countries(r, &f, NULL);
	}
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, "/countries");
}

/* ---- a country's official languages ---------------------------------------------------------------- */

/*
 * Shows the form for country c's official languages: typed as the field
 * shows it (NULL: as stored), error beside it, version the one the form
 * sends back; stale says that someone else saved first. Status 200, or
 * r->status when set.
 */
static int
show_languages_form(struct req *r, const struct country_row *c, unsigned version,
    const char *typed, const char *error, int stale)
{
	struct vobj *v = r->view, *o;
	const char *name = i18n_pick(r->lang, c->c.name_sv, c->c.name_en);
	size_t i;

	if (stale)
		view_error(r, "languages", i18n_tr(r->lang,
		    N_("Someone else changed this country while you were editing it. Check the languages below and save again.")));
	if (error != NULL)
		view_error(r, "languages", error);
	vobj_str(v, "title", rules_fill(r->a, i18n_tr(r->lang, N_("Official languages of {country}")),
	    (const char *const []){ "country", name, NULL }));
	view_here(r, "/countries");
	view_crumb(r, "/countries", i18n_tr(r->lang, N_("Partner countries")));
	view_crumb(r, arena_printf(r->a, "/countries/%s/edit", c->c.code), name);
	vobj_str(v, "action", arena_printf(r->a, "/countries/%s", c->c.code));
	vobj_int(v, "version", version);
	view_field(r, v, "fields", "languages",
	    i18n_tr(r->lang, N_("Official languages (ISO 639-1 codes, separated by commas)")),
	    i18n_tr(r->lang, N_("In the order the application form offers them, such as sq, sr. The form offers all but English for the title and summary in the partner's language.")),
	    typed != NULL ? typed : c->c.languages, error, "text", "input-medium", 0);
	for (i = 0; local_langs[i].code != NULL; i++) {
		o = vobj_push(v, "known");
		vobj_str(o, "code", local_langs[i].code);
		vobj_str(o, "name", i18n_tr(r->lang, local_langs[i].msgid));
	}
	return render(r, TPL_COUNTRY_LANGUAGES);
}

/* GET /countries/{code}/edit -> 200 the form for the country's official languages | 404 | 503 */
int
h_country_edit(struct req *r)
{
	struct country_row c;
	enum kerr e;

	if (!code_format_ok(r->args[0]))
		return 404;
	if ((e = db_country_get(r->a, r->id, r->args[0], &c)) != KERR_OK)
		return http_status(e);
	return show_languages_form(r, &c, c.version, NULL, NULL, 0);
}

/* POST /countries/{code} with languages: see h_country_update(). */
static int
update_languages(struct req *r, const char *code, unsigned version,
    const char *typed)
{
	struct country_row c, now;
	const char *list, *bad, *why;
	enum kerr e;

	if ((e = db_country_get(r->a, r->id, code, &c)) != KERR_OK)
		return http_status(e);
	if ((why = lang_list_read(r->a, typed, &list, &bad)) != NULL)
		return show_languages_form(r, &c, version, typed, rules_fill(r->a,
		    i18n_tr(r->lang, why), (const char *const []){ "code", bad, NULL }), 0);
	e = db_country_set_languages(r, code, list, version, &now);
	if (e == KERR_CONFLICT) {
		/* The same form sent twice finds the languages as it asked. */
		if (strcmp(now.c.languages, list) == 0)
			return redirect(r, "/countries");
		r->status = 409;
		return show_languages_form(r, &now, now.version, typed, NULL, 1);
	}
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, "/countries");
}

/*
 * POST /countries/{code} (eligible=0|1, version) -> 303 /countries | 409 list, changed meanwhile | 400 | 404 | 503
 * POST /countries/{code} (languages, version) -> 303 /countries | 200 the form with the error, input kept
 *   | 409 the form, changed meanwhile | 400 | 404 | 503
 */
int
h_country_update(struct req *r)
{
	const char *code = r->args[0], *want = req_form(r, "eligible");
	const char *languages = req_form(r, "languages");
	struct country_stale stale;
	struct country_form f;
	struct country_row now;
	unsigned version;
	int eligible;
	enum kerr e;

	if (!code_format_ok(code))
		return 404;
	if ((version = page_version(req_form(r, "version"))) == 0)
		return 400;
	if (languages != NULL && want == NULL)
		return update_languages(r, code, version, languages);
	if (want == NULL || (strcmp(want, "0") != 0 && strcmp(want, "1") != 0))
		return 400;
	eligible = want[0] == '1';
	e = db_country_set_eligible(r, code, eligible, version, &now);
	if (e == KERR_CONFLICT) {
		/* A re-sent click finds the country as it asked: nothing to refuse. */
		if (now.c.eligible == eligible)
			return redirect(r, "/countries");
		memset(&f, 0, sizeof(f));
		stale.code = now.c.code;
		stale.name = i18n_pick(r->lang, now.c.name_sv, now.c.name_en);
		r->status = 409;
		return show_countries(r, &f, &stale);
	}
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, "/countries");
}
