/* h_thematic.c - the thematic areas with their IATI sector (DAC) codes: the admins' list, the form to add one, and the edit form. */
#include <string.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "db/db_thematic.h"
#include "domain/rules.h"
#include "http/app.h"
#include "http/form.h"
#include "http/req.h"
#include "iati/dac_sectors.h"
#include "pages/h_thematic.h"
#include "views/page.h"
#include "views/view.h"

#define THEME_NAME_MAX	120	/* characters: thematic_areas.name_sv, name_en */
#define THEME_CODE_MAX	40

/* The form's fields, which are also the ids the error summary links to. */
enum tfield {
	TF_CODE = 0,
	TF_NAME_SV,
	TF_NAME_EN,
	TF_DAC,
	TF__MAX
};

static const char *const tfield_ids[TF__MAX] = { "code", "name_sv", "name_en", "dac_code" };

struct theme_form {
	const char	*val[TF__MAX];
	const char	*err[TF__MAX];
	int		 active;
	unsigned	 version;
	int		 stale;
};

/* A code as the database and the code keep it: a small letter, then small letters, digits and underscores. */
static int
theme_code_ok(const char *s)
{
	size_t n = strlen(s);

	return n >= 2 && n <= THEME_CODE_MAX && s[0] >= 'a' && s[0] <= 'z' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

/*
 * Checks the form, noting each problem next to its field, and fills t. stored is the area edited
 * (its code stays, and so may a DAC code IATI has withdrawn since), NULL for a new one. Returns
 * the number of fields in error.
 */
static int
theme_form_check(struct req *r, struct theme_form *f, const struct theme *stored,
    struct theme *t)
{
	const struct dac_sector *sec;
	const char *pairs[] = { "code", f->val[TF_DAC], NULL };
	int i, n = 0;

	memset(t, 0, sizeof(*t));
	if (stored == NULL) {
		t->code = f->val[TF_CODE];
		if (*t->code == '\0')
			f->err[TF_CODE] = tr(r, N_("Enter the code of the thematic area"));
		else if (!theme_code_ok(t->code))
			f->err[TF_CODE] = tr(r, N_("Enter the code as 2 to 40 small letters, digits and underscores, starting with a letter, such as local_governance"));
	} else
		t->code = stored->code;
	t->name_sv = f->val[TF_NAME_SV];
	t->name_en = f->val[TF_NAME_EN];
	if (*t->name_sv == '\0')
		f->err[TF_NAME_SV] = tr(r, N_("Enter the name in Swedish"));
	else if (utf8_chars(t->name_sv) > THEME_NAME_MAX)
		f->err[TF_NAME_SV] = tr(r, N_("Enter a name of at most 120 characters"));
	if (*t->name_en == '\0')
		f->err[TF_NAME_EN] = tr(r, N_("Enter the name in English"));
	else if (utf8_chars(t->name_en) > THEME_NAME_MAX)
		f->err[TF_NAME_EN] = tr(r, N_("Enter a name of at most 120 characters"));
	t->dac_code = f->val[TF_DAC];
	if (*t->dac_code == '\0')
		f->err[TF_DAC] = tr(r, N_("Enter the DAC sector code"));
	else if (strlen(t->dac_code) != 5 || strspn(t->dac_code, "0123456789") != 5)
		f->err[TF_DAC] = tr(r, N_("Enter the DAC sector code as five digits, such as 15112"));
	else if ((sec = dac_sector_find(t->dac_code)) == NULL)
		f->err[TF_DAC] = rules_fill(r->a, tr(r, N_("{code} is not a sector code of IATI's DAC 5 digit list: check the code")), pairs);
	else if (!sec->active && (stored == NULL || strcmp(stored->dac_code, t->dac_code) != 0))
		f->err[TF_DAC] = rules_fill(r->a, tr(r, N_("IATI has withdrawn the sector code {code}: choose one in use")), pairs);
	t->active = stored != NULL ? f->active : 1;
	for (i = 0; i < TF__MAX; i++)
		n += f->err[i] != NULL;
	return n;
}

static void
theme_form_read(struct req *r, struct theme_form *f)
{
	int i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < TF__MAX; i++)
		f->val[i] = form_trim(r->a, req_form(r, tfield_ids[i]));
	f->active = req_form(r, "active") != NULL;
}

/* The fields both forms have: the names and the DAC code. */
static void
name_fields(struct req *r, const struct theme_form *f)
{
	struct vobj *o;

	o = page_input(r, r->view, "f_name_sv", "name_sv", tr(r, N_("Name in Swedish")),
	    NULL, f->val[TF_NAME_SV], f->err[TF_NAME_SV]);
	vobj_str(o, "lang", "sv");
	vobj_str(o, "maxlength", "120");
	o = page_input(r, r->view, "f_name_en", "name_en", tr(r, N_("Name in English")),
	    NULL, f->val[TF_NAME_EN], f->err[TF_NAME_EN]);
	vobj_str(o, "lang", "en");
	vobj_str(o, "maxlength", "120");
	o = page_input(r, r->view, "f_dac", "dac_code", tr(r, N_("DAC sector code")),
	    tr(r, N_("The OECD DAC 5-digit code the IATI export gives as the sector of the area's projects, such as 15112 for decentralisation and support to subnational government")),
	    f->val[TF_DAC], f->err[TF_DAC]);
	vobj_str(o, "width", "input-short");
	vobj_bool(o, "numeric", 1);
}

static void
errors_to_summary(struct req *r, const struct theme_form *f)
{
	int i;

	for (i = 0; i < TF__MAX; i++)
		if (f->err[i] != NULL)
			view_error(r, tfield_ids[i], f->err[i]);
}

/* The list with the form to add one, as f has it. Status 200, or r->status. */
static int
show_themes(struct req *r, const struct theme_form *f)
{
	const struct dac_sector *sec;
	struct theme *rows;
	struct vobj *v = r->view, *o;
	size_t n, i;
	enum kerr e;

	if ((e = db_theme_list(r->a, r->id, r->sess->data_version, &rows, &n)) != KERR_OK)
		return http_status(e);
	errors_to_summary(r, f);
	vobj_str(v, "title", tr(r, N_("Thematic areas")));
	view_crumb(r, "/thematic-areas", tr(r, N_("Thematic areas")));
	for (i = 0; i < n; i++) {
		o = vobj_push(v, "themes");
		vobj_str(o, "code", rows[i].code);
		vobj_str(o, "name_sv", rows[i].name_sv);
		vobj_str(o, "name_en", rows[i].name_en);
		vobj_str(o, "name", i18n_pick(r->lang, rows[i].name_sv, rows[i].name_en));
		vobj_str(o, "dac_code", rows[i].dac_code);
		sec = dac_sector_find(rows[i].dac_code);
		vobj_str(o, "sector", sec != NULL ? sec->name : NULL);
		vobj_bool(o, "withdrawn", sec == NULL || !sec->active);
		vobj_bool(o, "active", rows[i].active);
		vobj_str(o, "edit_href", arena_printf(r->a, "/thematic-areas/%lld/edit",
		    rows[i].id));
	}
	o = page_input(r, v, "f_code", "code", tr(r, N_("Code")),
	    tr(r, N_("A short name that never changes, for the programme's own use: small letters, digits and underscores, such as local_governance")),
	    f->val[TF_CODE], f->err[TF_CODE]);
	vobj_str(o, "width", "input-medium");
	name_fields(r, f);
	return render(r, TPL_THEMES);
}

/* GET /thematic-areas -> 200 every thematic area and the form to add one | 503 */
int
h_theme_list(struct req *r)
{
	struct theme_form f;

	memset(&f, 0, sizeof(f));
	return show_themes(r, &f);
}

/* POST /thematic-areas -> 303 /thematic-areas (also for a re-sent form) | 200 list and form with errors | 503 */
int
h_theme_create(struct req *r)
{
	struct theme_form f;
	struct theme t, had;
	enum kerr e;

	theme_form_read(r, &f);
	if (theme_form_check(r, &f, NULL, &t) > 0)
		return show_themes(r, &f);
	e = db_theme_create(r, &t, &had);
	if (e == KERR_INVALID) {
		/* The same form sent twice: the area is there as asked. */
		if (strcmp(had.name_sv, t.name_sv) == 0 && strcmp(had.name_en, t.name_en) == 0 &&
		    strcmp(had.dac_code, t.dac_code) == 0)
			return redirect(r, "/thematic-areas");
		f.err[TF_CODE] = tr(r, N_("A thematic area with this code exists already"));
		return show_themes(r, &f);
	}
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, "/thematic-areas");
}

static int
show_edit(struct req *r, const struct theme_form *f, const struct theme *stored)
{
	struct vobj *v = r->view;
	const char *name = i18n_pick(r->lang, stored->name_sv, stored->name_en);

	if (f->stale)
		view_error(r, "name_sv", tr(r, N_("Someone else changed this thematic area while you were editing it. Check the values below and save again.")));
	errors_to_summary(r, f);
	vobj_str(v, "title", arena_printf(r->a, "%s: %s",
	    tr(r, N_("Edit the thematic area")), name));
	view_crumb(r, "/thematic-areas", tr(r, N_("Thematic areas")));
	view_crumb(r, arena_printf(r->a, "/thematic-areas/%lld/edit", stored->id), name);
	vobj_str(v, "action", arena_printf(r->a, "/thematic-areas/%lld", stored->id));
	vobj_str(v, "code", stored->code);
	vobj_int(v, "version", f->version);
	vobj_bool(v, "active", f->active);
	name_fields(r, f);
	return render(r, TPL_THEME_FORM);
}

/* GET /thematic-areas/{id}/edit -> 200 the form filled from the database | 404 | 503 */
int
h_theme_edit(struct req *r)
{
	long long id = path_id(r->args[0]);
	struct theme_form f;
	struct theme t;
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_theme_get(r->a, r->id, id, &t)) != KERR_OK)
		return http_status(e);
	memset(&f, 0, sizeof(f));
	f.val[TF_CODE] = t.code;
	f.val[TF_NAME_SV] = t.name_sv;
	f.val[TF_NAME_EN] = t.name_en;
	f.val[TF_DAC] = t.dac_code;
	f.active = t.active;
	f.version = t.version;
	return show_edit(r, &f, &t);
}

/* POST /thematic-areas/{id} -> 303 /thematic-areas | 200 form with errors | 409 form, someone else saved first | 400 | 404 | 503 */
int
h_theme_update(struct req *r)
{
	long long id = path_id(r->args[0]);
	struct theme_form f;
	struct theme stored, t;
	unsigned version, current;
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_theme_get(r->a, r->id, id, &stored)) != KERR_OK)
		return http_status(e);
	if ((version = page_version(req_form(r, "version"))) == 0)
		return 400;
	theme_form_read(r, &f);
	f.version = version;
	if (theme_form_check(r, &f, &stored, &t) > 0)
		return show_edit(r, &f, &stored);
	t.id = id;
	e = db_theme_update(r, &t, version, &current);
	if (e == KERR_CONFLICT) {
		/* Their input stays; the version is the one now stored, so saving again works. */
		f.stale = 1;
		f.version = current;
		r->status = 409;
		return show_edit(r, &f, &stored);
	}
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, "/thematic-areas");
}
