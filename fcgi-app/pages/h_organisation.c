/* h_organisation.c - the organisations: the admins' list with its filters, and the forms to add and edit one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "core/str.h"
#include "db/db_application.h"
#include "db/db_organisation.h"
#include "db/db_round.h"
#include "domain/labels.h"
#include "domain/rules.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/form.h"
#include "http/req.h"
#include "pages/h_organisation.h"
#include "views/list.h"
#include "views/page.h"
#include "views/view.h"

#define ORG_NAME_MAX	200	/* characters: organisations.name, name_local */

static const char *const sides[] = { "swedish", "partner", NULL };

/* The form's fields, which are also the ids the error summary links to. */
enum ofield {
	OF_NAME = 0,
	OF_KIND,
	OF_NUMBER,
	OF_NAME_LOCAL,
	OF_LANG,
	OF_COUNTRY,
	OF_LAT,
	OF_LNG,
	OF__MAX
};

static const char *const ofield_ids[OF__MAX] = {
	"name", "kind", "org_number", "name_local", "local_lang", "country", "lat", "lng",
};

/* The form as the person sees it: what they typed (or what is stored), and what is wrong with it. */
struct org_form {
	int		 swedish;
	const char	*val[OF__MAX];
	const char	*err[OF__MAX];
	int		 active;
	unsigned	 version;	/* an edit: the version the form was filled from */
	int		 stale;		/* someone else saved the organisation meanwhile */
};

static int
in_list(const char *const *list, const char *s)
{
	return page_index(list, s) >= 0;
}

/* ---- the list --------------------------------------------------------------------------------------- */

enum { OL_Q, OL_SIDE, OL_KIND, OL_COUNTRY, OL_STATUS, OL__MAX };

static const char *const org_statuses[] = { "active", "retired" };

/* Kinds are checked against both sides' (labels.h); countries against the table. */
static const struct list_filter org_filters[OL__MAX] = {
	[OL_Q] = { "q", N_("Name or organisation number"), LF_TEXT, NULL, 0, NULL },
	[OL_SIDE] = { "side", N_("Side"), LF_ENUM, sides, 2, N_("Both") },
	[OL_KIND] = { "kind", N_("Kind"), LF_CODE, NULL, 0, N_("All kinds") },
	[OL_COUNTRY] = { "country", N_("Country"), LF_COUNTRY, NULL, 0, N_("All countries") },
	[OL_STATUS] = { "status", N_("Status"), LF_ENUM, org_statuses, 2,
	    N_("In use and retired") },
};

static const struct list_col org_cols[] = {
	{ "name", N_("Name"), { ORG_SORT_NAME, ORG_SORT_NAME }, 0, 0 },
	{ "kind", N_("Kind"), { ORG_SORT_KIND, ORG_SORT_KIND }, 0, 0 },
	{ "country", N_("Country"), { ORG_SORT_COUNTRY, ORG_SORT_COUNTRY }, 0, 0 },
	{ .head = N_("Organisation number") },
	{ .head = N_("Status") },
	{ .head = N_("Change"), .hidden = 1 },
};

static const struct list_spec org_spec = {
	.path = "/organisations",
	.filters = org_filters,
	.nfilters = OL__MAX,
	.cols = org_cols,
	.ncols = sizeof(org_cols) / sizeof(org_cols[0]),
};

/* GET /organisations -> 200 one page of the list | 400 a filter, sort or page not allowed | 404 past the last page | 503 */
int
h_org_list(struct req *r)
{
	struct vobj *v = r->view, *o, *sel[LIST_MAXFILTERS];
	struct organisation *rows;
	struct country_row *countries;
	struct org_filter f;
	struct list_query l;
	const char *side, *kind, *country;
	long long total;
	size_t n, nc, i;
	enum kerr e;

	if (list_query_parse(r, &org_spec, &l) != KERR_OK)
		return 400;
	if ((e = db_country_list(r->a, r->id, r->sess->data_version, &countries, &nc)) != KERR_OK)
		return http_status(e);
	side = l.val[OL_SIDE];
	kind = l.val[OL_KIND];
	country = l.val[OL_COUNTRY];
	if (kind != NULL && !in_list(swedish_kinds, kind) && !in_list(partner_kinds, kind))
		return 400;
	for (i = 0; country != NULL && i < nc && strcmp(countries[i].c.code, country) != 0; i++)
		continue;
	if (country != NULL && i == nc)
		return 400;

	memset(&f, 0, sizeof(f));
	f.side = side;
	f.kind = kind;
	f.country = country;
	f.active = l.val[OL_STATUS] == NULL ? -1 : strcmp(l.val[OL_STATUS], "active") == 0;
	f.like = l.val[OL_Q] != NULL ? list_like(r->a, l.val[OL_Q]) : NULL;
	f.sort = (enum org_sort)list_variant(r, &org_spec, &l);
	f.desc = l.desc;
	f.limit = LIST_PAGE_SIZE;
	f.offset = list_offset(&l);
	if ((e = db_org_list(r, &f, &rows, &n, &total)) != KERR_OK)
		return http_status(e);
	if (n == 0 && l.page > 1)
		return 404;

	vobj_str(v, "title", tr(r, N_("Organisations")));
	view_crumb(r, "/organisations", tr(r, N_("Organisations")));
	list_view(r, &org_spec, &l, total, sel);
	list_view_codes(r, &l, sel[OL_SIDE], OL_SIDE, sides, SIZE_MAX);
	/* Both sides' kinds while no side is chosen. */
	if (side == NULL || strcmp(side, "swedish") == 0)
		list_view_codes(r, &l, sel[OL_KIND], OL_KIND, swedish_kinds, SIZE_MAX);
	if (side == NULL || strcmp(side, "partner") == 0)
		list_view_codes(r, &l, sel[OL_KIND], OL_KIND, partner_kinds, SIZE_MAX);
	for (i = 0; i < nc; i++)
		list_view_option(sel[OL_COUNTRY], &l, OL_COUNTRY, countries[i].c.code,
		    i18n_pick(r->lang, countries[i].c.name_sv, countries[i].c.name_en));
	list_view_option(sel[OL_STATUS], &l, OL_STATUS, "active", tr(r, N_("In use")));
	list_view_option(sel[OL_STATUS], &l, OL_STATUS, "retired", tr(r, N_("Retired")));
	for (i = 0; i < n; i++) {
		const struct organisation *g = &rows[i];

		o = vobj_push(v, "rows");
		vobj_str(o, "name", g->name);
		vobj_str(o, "name_local", g->name_local);
		vobj_str(o, "local_lang", g->local_lang);
		vobj_str(o, "kind", label(r->lang, g->kind));
		vobj_str(o, "side", label(r->lang, g->side));
		vobj_str(o, "org_number", g->org_number);
		vobj_str(o, "country", g->country_name);
		vobj_bool(o, "active", g->active);
		vobj_str(o, "edit_href", arena_printf(r->a, "/organisations/%lld/edit", g->id));
	}
	return render(r, TPL_ORGANISATIONS);
}

/* ---- the form --------------------------------------------------------------------------------------- */

static void
form_from_org(struct org_form *f, const struct organisation *g)
{
	memset(f, 0, sizeof(*f));
	f->swedish = strcmp(g->side, "swedish") == 0;
	f->val[OF_NAME] = g->name;
	f->val[OF_KIND] = g->kind;
	f->val[OF_NUMBER] = g->org_number;
	f->val[OF_NAME_LOCAL] = g->name_local;
	f->val[OF_LANG] = g->local_lang;
	f->val[OF_COUNTRY] = g->country;
	f->val[OF_LAT] = g->lat;
	f->val[OF_LNG] = g->lng;
	f->active = g->active;
	f->version = g->version;
}

static void
org_form_read(struct req *r, struct org_form *f, int swedish)
{
	int i;

	memset(f, 0, sizeof(*f));
	f->swedish = swedish;
	for (i = 0; i < OF__MAX; i++)
		f->val[i] = form_trim(r->a, req_form(r, ofield_ids[i]));
	f->active = req_form(r, "active") != NULL;
}

/* Ten digits written as an organisation number is (with or without its hyphen), whatever the digits. */
static int
orgnr_shaped(const char *s)
{
	size_t n = strlen(s);

	if (n == 10)
		return strspn(s, "0123456789") == 10;
	return n == 11 && s[6] == '-' && strspn(s, "0123456789") == 6 &&
	    strspn(s + 7, "0123456789") == 4;
}

/*
 * Reads coordinate field k (OF_LAT or OF_LNG) into *deg and its decimal literal, without trailing
 * zeros, into *out; or notes its problem. Returns 1 when it holds a number in -max..max.
 */
static int
read_coordinate(struct req *r, struct org_form *f, int k, double max, double *deg, const char **out)
{
	const char *v = valid_decimal_places(r->a, f->val[k], 6);

	if (v == NULL) {
		f->err[k] = tr(r, k == OF_LAT ?
		    N_("Enter the latitude in decimal degrees with at most 6 decimals, such as -0.0917") :
		    N_("Enter the longitude in decimal degrees with at most 6 decimals, such as 34.7680"));
		return 0;
	}
	*deg = strtod(v, NULL);
	if (*deg < -max || *deg > max) {
		f->err[k] = tr(r, k == OF_LAT ? N_("Enter a latitude from -90 to 90") :
		    N_("Enter a longitude from -180 to 180"));
		return 0;
	}
	*out = db_value_text(arena_strdup(r->a, v), NULL);
	return 1;
}

/*
 * A partner's location, published with its projects (IATI's location/point): both coordinates or
 * neither (g's stay NULL). 0, 0 is what a map gives for a place never set: no municipality is
 * there.
 */
static void
check_location(struct req *r, struct org_form *f, struct organisation *g)
{
	int has_lat = *f->val[OF_LAT] != '\0', has_lng = *f->val[OF_LNG] != '\0', ok;
	double lat = 0, lng = 0;
	const char *slat = NULL, *slng = NULL;

	if (!has_lat && !has_lng)
		return;
	ok = has_lat && read_coordinate(r, f, OF_LAT, 90, &lat, &slat);
	ok = (has_lng && read_coordinate(r, f, OF_LNG, 180, &lng, &slng)) && ok;
	if (!has_lat)
		f->err[OF_LAT] = tr(r, N_("Enter the latitude as well, or leave both coordinates empty"));
	if (!has_lng)
		f->err[OF_LNG] = tr(r, N_("Enter the longitude as well, or leave both coordinates empty"));
	if (!ok)
		return;
	if (lat == 0 && lng == 0) {
		f->err[OF_LAT] = tr(r, N_("Enter the municipality's coordinates: 0, 0 is not a place but a point in the Atlantic"));
		return;
	}
	g->lat = slat;
	g->lng = slng;
}

/*
 * Checks the form field by field, noting each problem next to its field, and fills g from it
 * (stored is the organisation edited, NULL for a new one: its retired country may stay). Returns
 * the number of fields in error.
 */
static int
org_form_check(struct req *r, struct org_form *f, const struct organisation *stored,
    const struct country_row *countries, size_t nc, struct organisation *g)
{
	size_t i;
	int k, n = 0;

	memset(g, 0, sizeof(*g));
	g->side = f->swedish ? "swedish" : "partner";
	g->active = stored != NULL ? f->active : 1;
	g->name = f->val[OF_NAME];
	if (*g->name == '\0')
		f->err[OF_NAME] = tr(r, N_("Enter the name of the organisation"));
	else if (utf8_chars(g->name) > ORG_NAME_MAX)
		f->err[OF_NAME] = tr(r, N_("Enter a name of at most 200 characters"));

	if (f->swedish) {
		if (!in_list(swedish_kinds, f->val[OF_KIND]))
			f->err[OF_KIND] = tr(r, N_("Choose whether it is a municipality, a county council or a region"));
		g->kind = f->val[OF_KIND];
		if (*f->val[OF_NUMBER] == '\0')
			f->err[OF_NUMBER] = tr(r, N_("Enter the organisation number"));
		else if (!orgnr_shaped(f->val[OF_NUMBER]))
			f->err[OF_NUMBER] = tr(r, N_("Enter the organisation number as ten digits, such as 212000-2080"));
		else if ((g->org_number = valid_orgnr_normalise(r->a, f->val[OF_NUMBER])) == NULL)
			f->err[OF_NUMBER] = tr(r, N_("This is not a valid organisation number: check the digits, the last one does not match the others"));
	} else {
		if (!in_list(partner_kinds, f->val[OF_KIND]))
			f->err[OF_KIND] = tr(r, N_("Choose the kind of organisation"));
		g->kind = f->val[OF_KIND];
		if (*f->val[OF_NAME_LOCAL] != '\0') {
			g->name_local = f->val[OF_NAME_LOCAL];
			if (utf8_chars(g->name_local) > ORG_NAME_MAX)
				f->err[OF_NAME_LOCAL] = tr(r, N_("Enter a name of at most 200 characters"));
		}
		if (*f->val[OF_LANG] != '\0') {
			if ((k = local_lang_index(f->val[OF_LANG])) < 0)
				f->err[OF_LANG] = tr(r, N_("Choose the language from the list"));
			else
				g->local_lang = local_langs[k].code;
		} else if (g->name_local != NULL)
			f->err[OF_LANG] = tr(r, N_("Choose the language the name in the local language is written in"));
		for (i = 0; i < nc; i++)
			if (strcmp(countries[i].c.code, f->val[OF_COUNTRY]) == 0)
				break;
		/* A retired country stays on the organisations that have it, but new ones cannot take it. */
		if (i == nc || (!countries[i].c.eligible && (stored == NULL ||
		    !str_same(stored->country, countries[i].c.code))))
			f->err[OF_COUNTRY] = tr(r, N_("Choose the organisation's country"));
		else
			g->country = countries[i].c.code;
		check_location(r, f, g);
	}
	for (k = 0; k < OF__MAX; k++)
		n += f->err[k] != NULL;
	return n;
}

/* Shows the form: a new organisation when stored is NULL. Status 200, or r->status when set (409). */
static int
show_org_form(struct req *r, const struct org_form *f, const struct organisation *stored)
{
	struct country_row *countries;
	struct vobj *v = r->view, *o;
	const char *title;
	size_t nc, i;
	enum kerr e;
	int k;

	if ((e = db_country_list(r->a, r->id, r->sess->data_version, &countries, &nc)) != KERR_OK)
		return http_status(e);
	if (f->stale)
		view_error(r, "name", tr(r, N_("Someone else changed this organisation while you were editing it. Check the values below and save again.")));
	for (k = 0; k < OF__MAX; k++)
		if (f->err[k] != NULL)
			view_error(r, ofield_ids[k], f->err[k]);

	view_crumb(r, "/organisations", tr(r, N_("Organisations")));
	if (stored == NULL) {
		title = tr(r, f->swedish ? N_("Add a Swedish member organisation") :
		    N_("Add a partner organisation abroad"));
		vobj_str(v, "action", "/organisations");
		vobj_str(v, "side", f->swedish ? "swedish" : "partner");
		vobj_str(v, "submit", tr(r, N_("Add the organisation")));
		view_crumb(r, arena_printf(r->a, "/organisations/new?side=%s",
		    f->swedish ? "swedish" : "partner"), title);
	} else {
		title = arena_printf(r->a, "%s: %s", tr(r, N_("Edit the organisation")),
		    stored->name);
		vobj_str(v, "action", arena_printf(r->a, "/organisations/%lld", stored->id));
		vobj_int(v, "version", f->version);
		vobj_bool(v, "editing", 1);
		vobj_bool(v, "active", f->active);
		vobj_str(v, "submit", tr(r, N_("Save the organisation")));
		view_crumb(r, arena_printf(r->a, "/organisations/%lld/edit", stored->id),
		    stored->name);
	}
	vobj_str(v, "title", title);
	vobj_bool(v, "swedish", f->swedish);

	o = page_input(r, v, "f_name", "name", tr(r, N_("Name")), f->swedish ?
	    tr(r, N_("The official name, such as Falu kommun or Region Gotland")) :
	    tr(r, N_("As it is written in English, such as Kisumu County")),
	    f->val[OF_NAME], f->err[OF_NAME]);
	vobj_str(o, "maxlength", "200");
	if (f->swedish) {
		o = page_choices(r, v, "f_kind", "radio", "kind", "kind",
		    tr(r, N_("Kind of organisation")), NULL, f->err[OF_KIND]);
		for (i = 0; swedish_kinds[i] != NULL; i++)
			page_choice(o, i == 0 ? "kind" : arena_printf(r->a, "kind-%s",
			    swedish_kinds[i]), swedish_kinds[i], label(r->lang,
			    swedish_kinds[i]), NULL, str_same(f->val[OF_KIND], swedish_kinds[i]));
		o = page_input(r, v, "f_number", "org_number",
		    tr(r, N_("Organisation number")),
		    tr(r, N_("Ten digits, such as 212000-2080")), f->val[OF_NUMBER],
		    f->err[OF_NUMBER]);
		vobj_str(o, "width", "input-short");
		vobj_bool(o, "numeric", 1);
	} else {
		o = page_input(r, v, "f_name_local", "name_local",
		    tr(r, N_("Name in the local language (optional)")),
		    tr(r, N_("Such as Kaunti ya Kisumu")), f->val[OF_NAME_LOCAL],
		    f->err[OF_NAME_LOCAL]);
		vobj_str(o, "maxlength", "200");
		vobj_str(o, "lang", f->val[OF_LANG] != NULL && local_lang_index(f->val[OF_LANG]) >= 0 ?
		    f->val[OF_LANG] : NULL);
		o = page_select(r, v, "f_lang", "local_lang", tr(r, N_("Local language")),
		    tr(r, N_("The language of the name above, and of the titles of the partnership's applications")),
		    tr(r, N_("Not given")), f->err[OF_LANG]);
		for (i = 0; local_langs[i].code != NULL; i++)
			page_option(o, local_langs[i].code, tr(r, local_langs[i].msgid),
			    str_same(f->val[OF_LANG], local_langs[i].code));
		o = page_select(r, v, "f_country", "country", tr(r, N_("Country")),
		    NULL, tr(r, N_("Choose a country")), f->err[OF_COUNTRY]);
		for (i = 0; i < nc; i++)
			if (countries[i].c.eligible || (stored != NULL &&
			    str_same(stored->country, countries[i].c.code)))
				page_option(o, countries[i].c.code, i18n_pick(r->lang,
				    countries[i].c.name_sv, countries[i].c.name_en),
				    str_same(f->val[OF_COUNTRY], countries[i].c.code));
		o = page_select(r, v, "f_kind", "kind", tr(r, N_("Kind of organisation")),
		    NULL, tr(r, N_("Choose a kind")), f->err[OF_KIND]);
		for (i = 0; partner_kinds[i] != NULL; i++)
			page_option(o, partner_kinds[i], label(r->lang, partner_kinds[i]),
			    str_same(f->val[OF_KIND], partner_kinds[i]));
		o = page_input(r, v, "f_lat", "lat", tr(r, N_("Latitude")),
		    tr(r, N_("Decimal degrees (WGS 84), negative south of the equator, such as -0.0917 for Kisumu")),
		    f->val[OF_LAT], f->err[OF_LAT]);
		vobj_str(o, "width", "input-short");
		o = page_input(r, v, "f_lng", "lng", tr(r, N_("Longitude")),
		    tr(r, N_("Decimal degrees (WGS 84), negative west of Greenwich, such as 34.7680 for Kisumu")),
		    f->val[OF_LNG], f->err[OF_LNG]);
		vobj_str(o, "width", "input-short");
	}
	return render(r, TPL_ORGANISATION_FORM);
}

/* The message next to the field that clashes with organisation had. */
static void
clash_error(struct req *r, struct org_form *f, const struct organisation *had)
{
	if (f->swedish)
		f->err[OF_NUMBER] = rules_fill(r->a, tr(r, N_("{name} already has this organisation number")),
		    (const char *const[]){ "name", had->name, NULL });
	else
		f->err[OF_NAME] = rules_fill(r->a, tr(r, N_("There is already an organisation with this name in {country}")),
		    (const char *const[]){ "country", had->country_name != NULL ?
		    had->country_name : had->country, NULL });
}

/* GET /organisations/new?side=swedish|partner -> 200 the empty form | 400 another side */
int
h_org_new(struct req *r)
{
	const char *side = req_query(r, "side");
	struct org_form f;

	if (side != NULL && !in_list(sides, side))
		return 400;
	memset(&f, 0, sizeof(f));
	f.swedish = side == NULL || strcmp(side, "swedish") == 0;
	f.active = 1;
	return show_org_form(r, &f, NULL);
}

/* POST /organisations -> 303 /organisations (also for a re-sent form) | 200 form with errors | 400 no side | 503 */
int
h_org_create(struct req *r)
{
	const char *side = req_form(r, "side");
	struct country_row *countries;
	struct organisation g, had;
	struct org_form f;
	long long id;
	size_t nc;
	enum kerr e;

	if (!in_list(sides, side))
		return 400;
	if ((e = db_country_list(r->a, r->id, r->sess->data_version, &countries, &nc)) != KERR_OK)
		return http_status(e);
	org_form_read(r, &f, strcmp(side, "swedish") == 0);
	if (org_form_check(r, &f, NULL, countries, nc, &g) > 0)
		return show_org_form(r, &f, NULL);
	e = db_org_create(r, &g, &id, &had);
	if (e == KERR_INVALID) {
		/* The same form sent twice: the organisation is there as asked. */
		if (strcmp(had.name, g.name) == 0 && strcmp(had.kind, g.kind) == 0 &&
		    str_same(had.name_local, g.name_local) && str_same(had.local_lang, g.local_lang) &&
		    str_same(had.org_number, g.org_number) && str_same(had.country, g.country) &&
		    str_same(had.lat, g.lat) && str_same(had.lng, g.lng))
			return redirect(r, "/organisations");
		clash_error(r, &f, &had);
		return show_org_form(r, &f, NULL);
	}
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, "/organisations");
}

/* GET /organisations/{id}/edit -> 200 the form filled from the database | 404 | 503 */
int
h_org_edit(struct req *r)
{
	long long id = path_id(r->args[0]);
	struct organisation g;
	struct org_form f;
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_org_get(r, id, &g)) != KERR_OK)
		return http_status(e);
	form_from_org(&f, &g);
	return show_org_form(r, &f, &g);
}

/* POST /organisations/{id} -> 303 /organisations | 200 form with errors | 409 form, someone else saved first | 400 | 404 | 503 */
int
h_org_update(struct req *r)
{
	long long id = path_id(r->args[0]);
	struct country_row *countries;
	struct organisation stored, g, had;
	struct org_form f;
	unsigned version, current;
	size_t nc;
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_org_get(r, id, &stored)) != KERR_OK)
		return http_status(e);
	if ((version = page_version(req_form(r, "version"))) == 0)
		return 400;
	if ((e = db_country_list(r->a, r->id, r->sess->data_version, &countries, &nc)) != KERR_OK)
		return http_status(e);
	org_form_read(r, &f, strcmp(stored.side, "swedish") == 0);
	f.version = version;
	if (org_form_check(r, &f, &stored, countries, nc, &g) > 0)
		return show_org_form(r, &f, &stored);
	g.id = id;
	e = db_org_update(r, &g, version, &current, &had);
	if (e == KERR_CONFLICT) {
		/* Their input stays; the version is the one now stored, so saving again works. */
		f.stale = 1;
		f.version = current;
		r->status = 409;
		return show_org_form(r, &f, &stored);
	}
	if (e == KERR_INVALID) {
		clash_error(r, &f, &had);
		return show_org_form(r, &f, &stored);
	}
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, "/organisations");
}
