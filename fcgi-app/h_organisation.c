/* h_organisation.c - the organisations: the admins' list with its filters, and the forms to add and edit one. */
#include <string.h>

#include "app.h"
#include "arena.h"
#include "db_organisation.h"
#include "db_round.h"
#include "form.h"
#include "handlers.h"
#include "i18n.h"
#include "labels.h"
#include "listq.h"
#include "page.h"
#include "req.h"
#include "rules.h"
#include "valid.h"
#include "view.h"

#define ORG_NAME_MAX	200	/* characters: organisations.name, name_local */
#define ORG_PER_PAGE	50
#define SEARCH_MAX	200	/* characters of a search */

/* The list's allow-lists: sort columns in enum org_sort order, and the filters of its query string. */
static const char *const org_sorts[ORG_SORT__MAX + 1] = { "name", "kind", "country", NULL };
static const char *const org_filters[] = { "q", "side", "kind", "country", "status", NULL };
static const char *const sides[] = { "swedish", "partner", NULL };

/* The form's fields, which are also the ids the error summary links to. */
enum ofield {
	OF_NAME = 0,
	OF_KIND,
	OF_NUMBER,
	OF_NAME_LOCAL,
	OF_LANG,
	OF_COUNTRY,
	OF__MAX
};

static const char *const ofield_ids[OF__MAX] = {
	"name", "kind", "org_number", "name_local", "local_lang", "country",
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

static const char *
tr(struct req *r, const char *msgid)
{
	return i18n_tr(r->lang, msgid);
}

/* Whether two stored strings are the same, NULL being the same as NULL only. */
static int
same(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* ---- the list --------------------------------------------------------------------------------------- */

/* Adds the filter selects' options of kinds: both sides' when no side is chosen. */
static void
kind_options(struct req *r, struct vobj *sel, const char *side, const char *chosen)
{
	size_t i;

	if (side == NULL || strcmp(side, "swedish") == 0)
		for (i = 0; swedish_kinds[i] != NULL; i++)
			page_option(sel, swedish_kinds[i], label(r->lang,
			    swedish_kinds[i]), same(chosen, swedish_kinds[i]));
	if (side == NULL || strcmp(side, "partner") == 0)
		for (i = 0; partner_kinds[i] != NULL; i++)
			page_option(sel, partner_kinds[i], label(r->lang,
			    partner_kinds[i]), same(chosen, partner_kinds[i]));
}

/* GET /organisations -> 200 one page of the list | 400 a filter, sort or page not allowed | 404 past the last page | 503 */
int
h_org_list(struct req *r)
{
	struct organisation *rows;
	struct country_row *countries;
	struct org_filter f;
	struct listq l;
	struct vobj *v = r->view, *o, *sel;
	const char *q, *side, *kind, *country, *status;
	long long total;
	size_t n, nc, i;
	enum kerr e;

	if (listq_parse(&l, &r->query, "/organisations", org_sorts,
	    org_filters) != KERR_OK)
		return 400;
	if ((e = db_country_list(r, &countries, &nc)) != KERR_OK)
		return http_status(e);
	q = listq_get(&l, "q");
	side = listq_get(&l, "side");
	kind = listq_get(&l, "kind");
	country = listq_get(&l, "country");
	status = listq_get(&l, "status");
	if ((side != NULL && !in_list(sides, side)) ||
	    (kind != NULL && !in_list(swedish_kinds, kind) && !in_list(partner_kinds, kind)) ||
	    (status != NULL && strcmp(status, "active") != 0 && strcmp(status, "retired") != 0) ||
	    (q != NULL && utf8_chars(q) > SEARCH_MAX))
		return 400;
	for (i = 0; country != NULL && i < nc && strcmp(countries[i].c.code, country) != 0; i++)
		continue;
	if (country != NULL && i == nc)
		return 400;

	memset(&f, 0, sizeof(f));
	f.side = side;
	f.kind = kind;
	f.country = country;
	f.active = status == NULL ? -1 : strcmp(status, "active") == 0;
	f.like = q != NULL && *form_trim(r->a, q) != '\0' ?
	    listq_like(r->a, form_trim(r->a, q)) : NULL;
	f.sort = (enum org_sort)l.sort;
	f.desc = l.desc;
	f.limit = ORG_PER_PAGE;
	f.offset = listq_offset(&l, ORG_PER_PAGE);
	if ((e = db_org_list(r, &f, &rows, &n, &total)) != KERR_OK)
		return http_status(e);
	if (n == 0 && l.page > 1)
		return 404;

	vobj_str(v, "title", tr(r, N_("Organisations")));
	page_crumb(r, "/organisations", tr(r, N_("Organisations")));
	page_list(r, &l, total, ORG_PER_PAGE);
	vobj_bool(v, "has_rows", n > 0);
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

	/* The filters, as a GET form: the current sort stays when they change. */
	o = page_input(r, v, "f_q", "q", tr(r, N_("Name or organisation number")),
	    NULL, q, NULL);
	vobj_str(o, "type", "search");
	sel = page_select(r, v, "f_side", "side", tr(r, N_("Side")), NULL,
	    tr(r, N_("Both")), NULL);
	for (i = 0; sides[i] != NULL; i++)
		page_option(sel, sides[i], label(r->lang, sides[i]), same(side, sides[i]));
	sel = page_select(r, v, "f_kind", "kind", tr(r, N_("Kind")), NULL,
	    tr(r, N_("All kinds")), NULL);
	kind_options(r, sel, side, kind);
	sel = page_select(r, v, "f_country", "country", tr(r, N_("Country")), NULL,
	    tr(r, N_("All countries")), NULL);
	for (i = 0; i < nc; i++)
		page_option(sel, countries[i].c.code, i18n_pick(r->lang,
		    countries[i].c.name_sv, countries[i].c.name_en),
		    same(country, countries[i].c.code));
	sel = page_select(r, v, "f_status", "status", tr(r, N_("Status")), NULL,
	    tr(r, N_("In use and retired")), NULL);
	page_option(sel, "active", tr(r, N_("In use")), same(status, "active"));
	page_option(sel, "retired", tr(r, N_("Retired")), same(status, "retired"));
	if (l.sort != 0 || l.desc) {
		vobj_str(v, "keep_sort", org_sorts[l.sort]);
		vobj_str(v, "keep_dir", l.desc ? "desc" : "asc");
	}
	vobj_bool(v, "filtered", q != NULL || side != NULL || kind != NULL ||
	    country != NULL || status != NULL);
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
	f->active = g->active;
	f->version = g->version;
}

static void
form_from_request(struct req *r, struct org_form *f, int swedish)
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
 * Checks the form field by field, noting each problem next to its field, and fills g from it
 * (stored is the organisation edited, NULL for a new one: its retired country may stay). Returns
 * the number of fields in error.
 */
static int
form_check(struct req *r, struct org_form *f, const struct organisation *stored,
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
		    !same(stored->country, countries[i].c.code))))
			f->err[OF_COUNTRY] = tr(r, N_("Choose the organisation's country"));
		else
			g->country = countries[i].c.code;
	}
	for (k = 0; k < OF__MAX; k++)
		n += f->err[k] != NULL;
	return n;
}

/* Shows the form: a new organisation when stored is NULL. Status 200, or r->status when set (409). */
static int
show_form(struct req *r, const struct org_form *f, const struct organisation *stored)
{
	struct country_row *countries;
	struct vobj *v = r->view, *o;
	const char *title;
	size_t nc, i;
	enum kerr e;
	int k;

	if ((e = db_country_list(r, &countries, &nc)) != KERR_OK)
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
			    swedish_kinds[i]), NULL, same(f->val[OF_KIND], swedish_kinds[i]));
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
			    same(f->val[OF_LANG], local_langs[i].code));
		o = page_select(r, v, "f_country", "country", tr(r, N_("Country")),
		    NULL, tr(r, N_("Choose a country")), f->err[OF_COUNTRY]);
		for (i = 0; i < nc; i++)
			if (countries[i].c.eligible || (stored != NULL &&
			    same(stored->country, countries[i].c.code)))
				page_option(o, countries[i].c.code, i18n_pick(r->lang,
				    countries[i].c.name_sv, countries[i].c.name_en),
				    same(f->val[OF_COUNTRY], countries[i].c.code));
		o = page_select(r, v, "f_kind", "kind", tr(r, N_("Kind of organisation")),
		    NULL, tr(r, N_("Choose a kind")), f->err[OF_KIND]);
		for (i = 0; partner_kinds[i] != NULL; i++)
			page_option(o, partner_kinds[i], label(r->lang, partner_kinds[i]),
			    same(f->val[OF_KIND], partner_kinds[i]));
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
	return show_form(r, &f, NULL);
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
	if ((e = db_country_list(r, &countries, &nc)) != KERR_OK)
		return http_status(e);
	form_from_request(r, &f, strcmp(side, "swedish") == 0);
	if (form_check(r, &f, NULL, countries, nc, &g) > 0)
		return show_form(r, &f, NULL);
	e = db_org_create(r, &g, &id, &had);
	if (e == KERR_INVALID) {
		/* The same form sent twice: the organisation is there as asked. */
		if (strcmp(had.name, g.name) == 0 && strcmp(had.kind, g.kind) == 0 &&
		    same(had.name_local, g.name_local) && same(had.local_lang, g.local_lang) &&
		    same(had.org_number, g.org_number) && same(had.country, g.country))
			return redirect(r, "/organisations");
		clash_error(r, &f, &had);
		return show_form(r, &f, NULL);
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
	return show_form(r, &f, &g);
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
	if ((e = db_country_list(r, &countries, &nc)) != KERR_OK)
		return http_status(e);
	form_from_request(r, &f, strcmp(stored.side, "swedish") == 0);
	f.version = version;
	if (form_check(r, &f, &stored, countries, nc, &g) > 0)
		return show_form(r, &f, &stored);
	g.id = id;
	e = db_org_update(r, &g, version, &current, &had);
	if (e == KERR_CONFLICT) {
		/* Their input stays; the version is the one now stored, so saving again works. */
		f.stale = 1;
		f.version = current;
		r->status = 409;
		return show_form(r, &f, &stored);
	}
	if (e == KERR_INVALID) {
		clash_error(r, &f, &had);
		return show_form(r, &f, &stored);
	}
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, "/organisations");
}
