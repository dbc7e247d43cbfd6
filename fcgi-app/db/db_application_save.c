/* db_application_save.c - SQL of the application form: create a draft, save one section in one transaction, submit. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "db/db_application_save.h"
#include "db/db_auth.h"
#include "domain/rules.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/req.h"

enum q {
	Q_THEMES,
	Q_SDGS,
	Q_PARTNER_ORGS,
	Q_SWEDISH_ORGS,
	Q_CREATE,
	Q_BY_TOKEN,
	Q_STATE,
	Q_UPD_PARTNERS,
	Q_DEL_PARTNERS,
	Q_INS_PARTNER,
	Q_INS_ORG,
	Q_DEL_COAPPS,
	Q_INS_COAPP,
	Q_UPD_PROJECT,
	Q_DEL_SDGS,
	Q_INS_SDG,
	Q_UPD_RESULTS,
	Q_DEL_OBJECTIVES,
	Q_INS_OBJECTIVE,
	Q_INS_RESULT,
	Q_INS_INDICATOR,
	Q_UPD_TEAM,
	Q_DEL_TEAM,
	Q_INS_MEMBER,
	Q_UPD_BUDGET,
	Q_DEL_YEARS,
	Q_INS_YEAR,
	Q_INS_LINE,
	Q_UPD_CONTACT,
	Q_SUBMIT,
	Q__MAX
};

/*
 * Every section's UPDATE ends so: when it changed (app_stamp(): the start
 * page's "last changed" is a date of the programme's), only the owner's
 * draft, only at the version the form was filled from.
 */
#define GUARD	", updated_at = ?, version = version + 1 WHERE id = ? AND applicant_org_id = ? " \
	"AND version = ? AND status = 'draft'"

static struct dbstmt q[Q__MAX] = {
	[Q_THEMES] = { "SELECT id, name_sv, name_en FROM thematic_areas "
	    "WHERE active = 1 ORDER BY name_sv, id", NULL, 0 },
	[Q_SDGS] = { "SELECT goal, name_sv, name_en FROM sdgs ORDER BY goal",
	    NULL, 0 },
	[Q_PARTNER_ORGS] = { "SELECT o.id, o.name, o.name_local, o.kind, "
	    "o.country_code, c.name_sv, c.name_en, o.active FROM organisations o "
	    "JOIN countries c ON c.code = o.country_code "
	    "WHERE o.side = 'partner' ORDER BY c.name_sv, o.country_code, o.name, o.id",
	    NULL, 0 },
	[Q_SWEDISH_ORGS] = { "SELECT id, name, active FROM organisations "
	    "WHERE side = 'swedish' ORDER BY name, id", NULL, 0 },
	[Q_CREATE] = { "INSERT INTO applications (round_id, project_type, "
	    "applicant_org_id, status, create_token, created_by) "
	    "VALUES (?, ?, ?, 'draft', ?, ?)", NULL, 0 },
	[Q_BY_TOKEN] = { "SELECT id FROM applications WHERE create_token = ? "
	    "AND applicant_org_id = ?", NULL, 0 },
	/* Why a guarded UPDATE changed nothing; read inside its transaction. */
	[Q_STATE] = { "SELECT version, status FROM applications WHERE id = ? "
	    "AND applicant_org_id = ? FOR UPDATE", NULL, 0 },
	[Q_UPD_PARTNERS] = { "UPDATE applications SET project_type = ?, "
	    "country_code = ?, done_partners = ?" GUARD, NULL, 0 },
	[Q_DEL_PARTNERS] = { "DELETE FROM application_partners "
	    "WHERE application_id = ?", NULL, 0 },
	[Q_INS_PARTNER] = { "INSERT INTO application_partners (application_id, "
	    "position, org_id) VALUES (?, ?, ?)", NULL, 0 },
	[Q_INS_ORG] = { "INSERT INTO organisations (side, kind, name, "
	    "country_code) VALUES ('partner', ?, ?, ?)", NULL, 0 },
	[Q_DEL_COAPPS] = { "DELETE FROM application_coapplicants "
	    "WHERE application_id = ?", NULL, 0 },
	[Q_INS_COAPP] = { "INSERT INTO application_coapplicants (application_id, "
	    "org_id) VALUES (?, ?)", NULL, 0 },
	[Q_UPD_PROJECT] = { "UPDATE applications SET title_sv = ?, title_en = ?, "
	    "title_local = ?, title_local_lang = ?, summary_sv = ?, summary_en = ?, "
	    "summary_local = ?, background = ?, thematic_area_id = ?, principle_inclusion = ?, "
	    "principle_participation = ?, principle_transparency = ?, "
	    "principle_accountability = ?, target_groups = ?, citizen_dialogue = ?, "
	    "citizen_dialogue_text = ?, vulnerable_groups_text = ?, gender_text = ?, "
	    "done_description = ?, done_focus = ?" GUARD, NULL, 0 },
	[Q_DEL_SDGS] = { "DELETE FROM application_sdgs WHERE application_id = ?",
	    NULL, 0 },
	[Q_INS_SDG] = { "INSERT INTO application_sdgs (application_id, goal) "
	    "VALUES (?, ?)", NULL, 0 },
	[Q_UPD_RESULTS] = { "UPDATE applications SET overall_objective = ?, "
	    "done_results = ?" GUARD, NULL, 0 },
	/* Expected results and indicators go with their objective (ON DELETE CASCADE). */
	[Q_DEL_OBJECTIVES] = { "DELETE FROM objectives WHERE application_id = ?",
	    NULL, 0 },
	[Q_INS_OBJECTIVE] = { "INSERT INTO objectives (application_id, position, "
	    "description) VALUES (?, ?, ?)", NULL, 0 },
	[Q_INS_RESULT] = { "INSERT INTO expected_results (objective_id, position, "
	    "description) VALUES (?, ?, ?)", NULL, 0 },
	[Q_INS_INDICATOR] = { "INSERT INTO indicators (result_id, position, name, "
	    "measure, unit, baseline_value, baseline_text, target_value, "
	    "target_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL, 0 },
	[Q_UPD_TEAM] = { "UPDATE applications SET done_team = ?" GUARD, NULL, 0 },
	[Q_DEL_TEAM] = { "DELETE FROM team_members WHERE application_id = ?",
	    NULL, 0 },
	[Q_INS_MEMBER] = { "INSERT INTO team_members (application_id, side, "
	    "org_id, name, role, position) VALUES (?, ?, ?, ?, ?, ?)", NULL, 0 },
	[Q_UPD_BUDGET] = { "UPDATE applications SET duration_years = ?, "
	    "planned_start = ?, other_costs = ?, done_budget = ?" GUARD, NULL, 0 },
	/* The cost lines go with their year (ON DELETE CASCADE). */
	[Q_DEL_YEARS] = { "DELETE FROM application_years WHERE application_id = ?",
	    NULL, 0 },
	[Q_INS_YEAR] = { "INSERT INTO application_years (application_id, year, "
	    "amount) VALUES (?, ?, ?)", NULL, 0 },
	[Q_INS_LINE] = { "INSERT INTO application_budget_lines (application_id, "
	    "year, category, amount) VALUES (?, ?, ?, ?)", NULL, 0 },
	[Q_UPD_CONTACT] = { "UPDATE applications SET contact_name = ?, "
	    "contact_email = ?, contact_phone = ?, done_contact = ?" GUARD, NULL, 0 },
	[Q_SUBMIT] = { "UPDATE applications SET status = 'submitted', "
	    "submitted_at = ?, submitted_by = ?" GUARD, NULL, 0 },
};

/* A text as stored: NULL when it is blank (rules_blank()), else exactly as typed. */
static const char *
text(const char *s)
{
	return rules_blank(s) ? NULL : s;
}

enum kerr
db_appform_themes(struct arena *a, const char *reqid, unsigned long long data_version,
    struct theme_row **out, size_t *n)
{
	struct dbres res;
	enum kerr e;
	size_t i;

	if ((e = db_query_cached(a, reqid, &q[Q_THEMES], data_version,
	    &res, "")) != KERR_OK)
		return e;
	*out = arena_calloc(a, res.nrows + 1, sizeof(**out));
	for (i = 0; i < res.nrows; i++) {
		(*out)[i].id = db_ll(&res, i, 0);
		(*out)[i].name_sv = res.rows[i][1];
		(*out)[i].name_en = res.rows[i][2];
	}
	*n = res.nrows;
	return KERR_OK;
}

enum kerr
db_appform_sdgs(struct arena *a, const char *reqid, unsigned long long data_version,
    const char *sv[18], const char *en[18])
{
	struct dbres res;
	enum kerr e;
	long long g;
	size_t i;

	for (i = 0; i < 18; i++)
		sv[i] = en[i] = NULL;
	if ((e = db_query_cached(a, reqid, &q[Q_SDGS], data_version,
	    &res, "")) != KERR_OK)
		return e;
	for (i = 0; i < res.nrows; i++) {
		g = db_ll(&res, i, 0);
		if (g >= 1 && g <= 17) {
			sv[g] = res.rows[i][1];
			en[g] = res.rows[i][2];
		}
	}
	return KERR_OK;
}

enum kerr
db_appform_partner_orgs(struct arena *a, const char *reqid, unsigned long long data_version,
    struct partner_org **out, size_t *n)
{
	struct dbres res;
	enum kerr e;
	size_t i;

	if ((e = db_query_cached(a, reqid, &q[Q_PARTNER_ORGS],
	    data_version, &res, "")) != KERR_OK)
		return e;
	*out = arena_calloc(a, res.nrows + 1, sizeof(**out));
	for (i = 0; i < res.nrows; i++) {
		char **c = res.rows[i];
		struct partner_org *o = &(*out)[i];

		o->id = db_ll(&res, i, 0);
		o->name = c[1];
		o->name_local = c[2];
		o->kind = c[3];
		o->country = c[4];
		o->country_sv = c[5];
		o->country_en = c[6];
		o->active = db_ll(&res, i, 7) != 0;
	}
	*n = res.nrows;
	return KERR_OK;
}

enum kerr
db_appform_swedish_orgs(struct arena *a, const char *reqid, unsigned long long data_version,
    struct swedish_org **out, size_t *n)
{
	struct dbres res;
	enum kerr e;
	size_t i;

	if ((e = db_query_cached(a, reqid, &q[Q_SWEDISH_ORGS],
	    data_version, &res, "")) != KERR_OK)
		return e;
	*out = arena_calloc(a, res.nrows + 1, sizeof(**out));
	for (i = 0; i < res.nrows; i++) {
		(*out)[i].id = db_ll(&res, i, 0);
		(*out)[i].name = res.rows[i][1];
		(*out)[i].active = db_ll(&res, i, 2) != 0;
	}
	*n = res.nrows;
	return KERR_OK;
}

enum kerr
db_appform_create(struct req *r, long long round_id, int type,
    const char *token, long long *id, int *created)
{
	unsigned long long newid = 0;
	struct dbres res;
	enum kerr e;

	*created = 0;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	e = db_exec(r->id, &q[Q_CREATE], NULL, &newid, "isisi", round_id,
	    ptype_code[type], r->sess->user.org_id, token, r->sess->user.id);
	if (e == KERR_OK) {
		*id = (long long)newid;
		e = db_audit(r, 0, "application.create", "application", *id, NULL,
		    arena_printf(r->a, "{\"status\": \"draft\", \"round_id\": %lld, "
		    "\"project_type\": \"%s\"}", round_id, ptype_code[type]));
	}
	if (e == KERR_OK && (e = db_commit(r->id)) == KERR_OK) {
		*created = 1;
		return KERR_OK;
	}
	db_rollback(r->id);
	if (e != KERR_CONFLICT)
		return e;
	/* The same form again: the draft its first sending made. */
	if ((e = db_query(r->a, r->id, &q[Q_BY_TOKEN], &res, "si", token,
	    r->sess->user.org_id)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	*id = db_ll(&res, 0, 0);
	return KERR_OK;
}

/*
 * After a guarded UPDATE that changed nothing, inside its transaction:
 * why. KERR_NOTFOUND, KERR_FORBIDDEN (not a draft, *status says what) or
 * KERR_CONFLICT (*current is the stored version); KERR_DB.
 */
static enum kerr
why_unchanged(struct req *r, long long id, long long org, unsigned *current,
    const char **status)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(r->a, r->id, &q[Q_STATE], &res, "ii", id, org)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	*current = (unsigned)db_ll(&res, 0, 0);
	*status = res.rows[0][1];
	return *status != NULL && strcmp(*status, "draft") == 0 ?
	    KERR_CONFLICT : KERR_FORBIDDEN;
}

static enum kerr
save_partners(struct req *r, const struct application *a,
    struct new_partner *np, int np_position)
{
	unsigned long long orgid = 0;
	long long pid;
	enum kerr e;
	int k;

	if (np != NULL && np->name != NULL && np_position > 0) {
		if ((e = db_exec(r->id, &q[Q_INS_ORG], NULL, &orgid, "sss",
		    np->kind, np->name, np->country)) != KERR_OK ||
		    (e = db_audit(r, 0, "organisation.create", "organisation",
		    (long long)orgid, NULL, arena_printf(r->a, "{\"side\": "
		    "\"partner\", \"kind\": %s, \"name\": %s, \"country_code\": %s, "
		    "\"application_id\": %lld}", json_str(r->a, np->kind),
		    json_str(r->a, np->name), json_str(r->a, np->country), a->id))) != KERR_OK)
			return e;
		np->id = (long long)orgid;
	}
	if ((e = db_exec(r->id, &q[Q_DEL_PARTNERS], NULL, NULL, "i", a->id)) != KERR_OK)
		return e;
	for (k = 0; k < MAX_PARTNERS; k++) {
		pid = orgid != 0 && np_position == k + 1 ? (long long)orgid :
		    a->partner[k];
		if (pid <= 0)
			continue;
		if ((e = db_exec(r->id, &q[Q_INS_PARTNER], NULL, NULL, "iii",
		    a->id, (long long)k + 1, pid)) != KERR_OK)
			return e;
	}
	if ((e = db_exec(r->id, &q[Q_DEL_COAPPS], NULL, NULL, "i", a->id)) != KERR_OK)
		return e;
	for (k = 0; k < MAX_COAPPLICANTS; k++)
		if (a->coapplicant[k] > 0 && (e = db_exec(r->id, &q[Q_INS_COAPP],
		    NULL, NULL, "ii", a->id, a->coapplicant[k])) != KERR_OK)
			return e;
	return KERR_OK;
}

static enum kerr
save_sdgs(struct req *r, const struct application *a)
{
	enum kerr e;
	long long g;

	if ((e = db_exec(r->id, &q[Q_DEL_SDGS], NULL, NULL, "i", a->id)) != KERR_OK)
		return e;
	for (g = 1; g <= 17; g++)
		if (a->sdg[g] && (e = db_exec(r->id, &q[Q_INS_SDG], NULL, NULL,
		    "ii", a->id, g)) != KERR_OK)
			return e;
	return KERR_OK;
}

static enum kerr
save_indicator(struct req *r, long long result_id, size_t pos,
    const struct indicator *in)
{
	const char *bv = valid_decimal(r->a, text(in->baseline));
	const char *tv = valid_decimal(r->a, text(in->target));
	/* Words for both, and no numbers: IATI's qualitative measure. */
	const char *measure = bv == NULL && tv == NULL && text(in->baseline) != NULL &&
	    text(in->target) != NULL ? "qualitative" : "unit";

	return db_exec(r->id, &q[Q_INS_INDICATOR], NULL, NULL, "iisssssss",
	    result_id, (long long)pos, in->name != NULL ? in->name : "", measure,
	    text(in->unit), bv, bv == NULL ? text(in->baseline) : NULL, tv,
	    tv == NULL ? text(in->target) : NULL);
}

static enum kerr
save_framework(struct req *r, const struct application *a)
{
	unsigned long long oid, rid;
	size_t o, k, i;
	enum kerr e;

	if ((e = db_exec(r->id, &q[Q_DEL_OBJECTIVES], NULL, NULL, "i",
	    a->id)) != KERR_OK)
		return e;
	for (o = 0; o < a->nobj; o++) {
		const struct objective *ob = &a->obj[o];

		if ((e = db_exec(r->id, &q[Q_INS_OBJECTIVE], NULL, &oid, "iis",
		    a->id, (long long)o + 1, ob->description != NULL ?
		    ob->description : "")) != KERR_OK)
			return e;
		for (k = 0; k < ob->nres; k++) {
			const struct expected_result *er = &ob->res[k];

			if ((e = db_exec(r->id, &q[Q_INS_RESULT], NULL, &rid, "iis",
			    (long long)oid, (long long)k + 1, er->description != NULL ?
			    er->description : "")) != KERR_OK)
				return e;
			for (i = 0; i < er->nind; i++)
				if ((e = save_indicator(r, (long long)rid, i + 1,
				    &er->ind[i])) != KERR_OK)
					return e;
		}
	}
	return KERR_OK;
}

static enum kerr
save_team(struct req *r, const struct application *a)
{
	enum kerr e;
	size_t i;

	if ((e = db_exec(r->id, &q[Q_DEL_TEAM], NULL, NULL, "i", a->id)) != KERR_OK)
		return e;
	for (i = 0; i < a->nteam; i++) {
		const struct member *m = &a->team[i];

		if ((e = db_exec(r->id, &q[Q_INS_MEMBER], NULL, NULL, "isssss",
		    a->id, m->partner_side ? "partner" : "swedish",
		    m->partner_side ? db_id_text(r->a, m->org_id) : NULL,
		    m->name != NULL ? m->name : "", team_role_code[m->role],
		    text(m->position))) != KERR_OK)
			return e;
	}
	return KERR_OK;
}

static enum kerr
save_budget(struct req *r, const struct application *a)
{
	enum kerr e;
	long long y;
	int c, any;

	if ((e = db_exec(r->id, &q[Q_DEL_YEARS], NULL, NULL, "i", a->id)) != KERR_OK)
		return e;
	for (y = 0; y < MAX_YEARS; y++) {
		for (any = a->year_total[y] >= 0, c = 0; c < CAT__MAX; c++)
			any |= a->amount[y][c] >= 0;
		if (!any)
			continue;
		if ((e = db_exec(r->id, &q[Q_INS_YEAR], NULL, NULL, "iis", a->id,
		    y + 1, a->year_total[y] >= 0 ? arena_printf(r->a, "%lld",
		    a->year_total[y]) : NULL)) != KERR_OK)
			return e;
		for (c = 0; c < CAT__MAX; c++)
			if (a->amount[y][c] >= 0 && (e = db_exec(r->id,
			    &q[Q_INS_LINE], NULL, NULL, "iisi", a->id, y + 1,
			    category_code[c], a->amount[y][c])) != KERR_OK)
				return e;
	}
	return KERR_OK;
}

/* The section's UPDATE; *changed is how many rows it changed (0 or 1). */
static enum kerr
update_section(struct req *r, enum section s, const struct application *a,
    unsigned version, unsigned long long *changed)
{
	long long id = a->id, org = a->org_id, v = version;
	long long done = a->done[s] != 0;
	char now[APP_STAMP_LEN];
	const char *at = app_stamp(now);

	switch (s) {
	case SEC_PARTNERS:
		return db_exec(r->id, &q[Q_UPD_PARTNERS], changed, NULL, "ssisiii",
		    a->type >= 0 && a->type < PT__MAX ? ptype_code[a->type] : NULL,
		    a->country, done, at, id, org, v);
	case SEC_PROJECT:
		/* The task list's one section is two flags in the table (see db_application.h). */
		return db_exec(r->id, &q[Q_UPD_PROJECT], changed, NULL,
		    "sssssssssiiiisssssiisiii", text(a->title_sv), text(a->title_en),
		    text(a->title_local), text(a->title_local_lang), text(a->summary_sv),
		    text(a->summary_en), text(a->summary_local), text(a->background),
		    db_id_text(r->a, a->theme_id),
		    (long long)(a->principle[0] != 0), (long long)(a->principle[1] != 0),
		    (long long)(a->principle[2] != 0), (long long)(a->principle[3] != 0),
		    text(a->target_groups), a->citizen_dialogue < 0 ? NULL :
		    a->citizen_dialogue ? "1" : "0", text(a->dialogue_text),
		    text(a->vulnerable_text), text(a->gender_text), done, done, at, id,
		    org, v);
	case SEC_RESULTS:
		return db_exec(r->id, &q[Q_UPD_RESULTS], changed, NULL, "sisiii",
		    text(a->overall_objective), done, at, id, org, v);
	case SEC_TEAM:
		return db_exec(r->id, &q[Q_UPD_TEAM], changed, NULL, "isiii", done,
		    at, id, org, v);
	case SEC_BUDGET:
		return db_exec(r->id, &q[Q_UPD_BUDGET], changed, NULL, "sssisiii",
		    db_id_text(r->a, a->years), text(a->planned_start),
		    text(a->other_costs), done, at, id, org, v);
	case SEC_CONTACT:
		return db_exec(r->id, &q[Q_UPD_CONTACT], changed, NULL, "sssisiii",
		    text(a->contact_name), text(a->contact_email),
		    text(a->contact_phone), done, at, id, org, v);
	case SEC__MAX:
		break;
	}
	return KERR_NOTFOUND;
}

enum kerr
db_appform_save(struct req *r, enum section s, const struct application *a,
    unsigned version, struct new_partner *np, int np_position,
    unsigned *current, const char **status)
{
	unsigned long long changed = 0;
	enum kerr e;

	*status = NULL;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = update_section(r, s, a, version, &changed)) != KERR_OK)
		goto out;
	if (changed == 0) {
		e = why_unchanged(r, a->id, a->org_id, current, status);
		goto out;
	}
	switch (s) {
	case SEC_PARTNERS:
		e = save_partners(r, a, np, np_position);
		break;
	case SEC_PROJECT:
		e = save_sdgs(r, a);
		break;
	case SEC_RESULTS:
		e = save_framework(r, a);
		break;
	case SEC_TEAM:
		e = save_team(r, a);
		break;
	case SEC_BUDGET:
		e = save_budget(r, a);
		break;
	default:
		break;
	}
	if (e != KERR_OK)
		goto out;
	if ((e = db_commit(r->id)) == KERR_OK)
		*current = version + 1;
out:
	if (e != KERR_OK)
		db_rollback(r->id);
	return e;
}

enum kerr
db_appform_submit(struct req *r, long long id, long long org, unsigned version,
    const char *at, const struct outbox_send *mail, size_t nmail, unsigned *current,
    const char **status)
{
	unsigned long long changed = 0;
	enum kerr e;
	size_t i;

	*status = NULL;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_exec(r->id, &q[Q_SUBMIT], &changed, NULL, "sisiii",
	    at, r->sess->user.id, at, id, org, (long long)version)) != KERR_OK)
		goto out;
	if (changed == 0) {
		e = why_unchanged(r, id, org, current, status);
		goto out;
	}
	if ((e = db_audit(r, 0, "application.submit", "application", id,
	    arena_printf(r->a, "{\"status\": \"draft\", \"version\": %u}", version),
	    arena_printf(r->a, "{\"status\": \"submitted\", \"version\": %u}",
	    version + 1))) != KERR_OK)
		goto out;
	for (i = 0; i < nmail; i++)
		if ((e = db_outbox_send(r->id, &mail[i], NULL)) != KERR_OK)
			goto out;
	if ((e = db_commit(r->id)) == KERR_OK)
		*current = version + 1;
out:
	if (e != KERR_OK)
		db_rollback(r->id);
	return e;
}
