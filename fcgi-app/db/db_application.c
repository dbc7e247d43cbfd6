/* db_application.c - SQL for loading one whole application: every section in one statement, one round trip. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_application.h"
#include "db/db_auth.h"
#include "http/app.h"
#include "http/req.h"

enum q {
	Q_LOAD,
	Q_STATUS_LOCK,
	Q_WITHDRAW,
	Q_DELETE_LOCK,
	Q_DELETE_FILES,
	Q_DELETE,
	Q_DELETED,
	Q__MAX
};

/*
 * One statement: the application ("me", confined by the CTE: org 0 is
 * ICLD and sees any) and each of its parts, as a UNION ALL of tagged rows
 * that share one shape: the tag, six sort keys k1..k6 (positions and ids,
 * numbers) and twelve values c1..c12. The CTE is merged into every part
 * as a lookup by primary key, so an application of another organisation
 * yields no row at all, and the three parameters are bound once.
 *
 *   a  scalars: id, version, status, round, type, org, country, theme,
 *      years, start, citizen dialogue, and a string of digits: the four
 *      principles, then done_partners, _description, _focus, _results,
 *      _team, _budget, _contact
 *   t  texts; n  names for the ids and dates; k  contact and other_costs;
 *   d  decision
 *   p  partners (k1 position); o  co-applicants (by name); s  SDGs (k1 goal)
 *   f  the results framework depth first, c1 telling which: an objective
 *      (k1 position, k2 id), then each expected result (k3, k4) followed
 *      by its indicators (k5, k6); NULL keys sort first, so a parent
 *      always comes before its children
 *   m  team (k1 0 Swedish side / 1 partner side, k2 id: as entered)
 *   y  amount per year (k1 year); l  budget lines (k1 year, k2 category)
 */
static struct dbstmt q[Q__MAX] = {
	/* Read fresh and locked: a decision may be on its way in another transaction. */
	[Q_STATUS_LOCK] = { "SELECT status, version FROM applications "
	    "WHERE id = ? AND applicant_org_id = ? FOR UPDATE", NULL, 0 },
	[Q_WITHDRAW] = { "UPDATE applications SET status = 'withdrawn', "
	    "withdrawn_at = ?, updated_at = ?, version = version + 1 "
	    "WHERE id = ? AND applicant_org_id = ? AND version = ? "
	    "AND status IN ('draft', 'submitted', 'under_review')", NULL, 0 },
	[Q_DELETE_LOCK] = { "SELECT status, version, submitted_at IS NULL, round_id, "
	    "project_type, title_sv, title_en FROM applications "
	    "WHERE id = ? AND applicant_org_id = ? FOR UPDATE", NULL, 0 },
	/*
	 * The rows only: a file is stored once by its content and may be
	 * another row's too. Every other part of an application goes with it
	 * (ON DELETE CASCADE); reviews, decisions and projects exist only for
	 * an application that was submitted.
	 */
	[Q_DELETE_FILES] = { "DELETE FROM attachments WHERE application_id = ?",
	    NULL, 0 },
	[Q_DELETE] = { "DELETE FROM applications WHERE id = ? AND applicant_org_id = ? "
	    "AND version = ? AND status IN ('draft', 'withdrawn') "
	    "AND submitted_at IS NULL", NULL, 0 },
	/* Whether someone of the organisation deleted it: a request sent again. */
	[Q_DELETED] = { "SELECT 1 FROM audit_log l JOIN users u ON u.id = l.user_id "
	    "WHERE l.action = 'application.delete' AND l.entity = 'application' "
	    "AND l.entity_id = ? AND u.org_id = ? LIMIT 1", NULL, 0 },
	[Q_LOAD] = { "WITH me AS (SELECT a.* FROM applications a "
	    "WHERE a.id = ? AND (? = 0 OR a.applicant_org_id = ?)) "
	    "SELECT 'a' AS tag, NULL AS k1, NULL AS k2, NULL AS k3, NULL AS k4, "
	    "NULL AS k5, NULL AS k6, me.id AS c1, me.version AS c2, me.status AS c3, "
	    "me.round_id AS c4, me.project_type AS c5, me.applicant_org_id AS c6, "
	    "me.country_code AS c7, me.thematic_area_id AS c8, "
	    "me.duration_years AS c9, DATE_FORMAT(me.planned_start, '%Y-%m-%d') AS c10, "
	    "me.citizen_dialogue AS c11, CONCAT(me.principle_inclusion, "
	    "me.principle_participation, me.principle_transparency, "
	    "me.principle_accountability, me.done_partners, me.done_description, "
	    "me.done_focus, me.done_results, me.done_team, me.done_budget, "
	    "me.done_contact) AS c12 FROM me "
	    "UNION ALL "
	    "SELECT 't', NULL, NULL, NULL, NULL, NULL, NULL, me.title_sv, me.title_en, "
	    "me.title_local, me.title_local_lang, me.summary_sv, me.summary_en, "
	    "me.background, me.overall_objective, me.target_groups, "
	    "me.citizen_dialogue_text, me.vulnerable_groups_text, me.gender_text "
	    "FROM me "
	    "UNION ALL "
	    "SELECT 'n', NULL, NULL, NULL, NULL, NULL, NULL, r.name_sv, r.name_en, "
	    "r.year, o.name, c.name_sv, c.name_en, th.name_sv, th.name_en, "
	    DB_SWEDISH_DAY("me.submitted_at") ", p.code, fp.code, c.languages "
	    "FROM me JOIN rounds r ON r.id = me.round_id "
	    "JOIN organisations o ON o.id = me.applicant_org_id "
	    "LEFT JOIN countries c ON c.code = me.country_code "
	    "LEFT JOIN thematic_areas th ON th.id = me.thematic_area_id "
	    "LEFT JOIN projects p ON p.application_id = me.id "
	    "LEFT JOIN projects fp ON fp.id = me.follows_project_id "
	    "UNION ALL "
	    "SELECT 'k', NULL, NULL, NULL, NULL, NULL, NULL, me.contact_name, "
	    "me.contact_email, me.contact_phone, me.other_costs, me.summary_local, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM me "
	    "UNION ALL "
	    "SELECT 'd', NULL, NULL, NULL, NULL, NULL, NULL, d.outcome, d.reason_sv, "
	    DB_SWEDISH_DAY("d.decided_at") ", d.reason_en, NULL, NULL, NULL, NULL, "
	    "NULL, NULL, NULL, NULL "
	    "FROM me JOIN decisions d ON d.application_id = me.id "
	    "UNION ALL "
	    "SELECT 'p', ap.position, NULL, NULL, NULL, NULL, NULL, po.id, po.name, "
	    "po.name_local, po.local_lang, po.kind, po.country_code, pc.name_sv, "
	    "pc.name_en, NULL, NULL, NULL, NULL "
	    "FROM me JOIN application_partners ap ON ap.application_id = me.id "
	    "JOIN organisations po ON po.id = ap.org_id "
	    "LEFT JOIN countries pc ON pc.code = po.country_code "
	    "UNION ALL "
	    "SELECT 'o', NULL, NULL, NULL, NULL, NULL, NULL, co.id, co.name, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM me JOIN application_coapplicants ac ON ac.application_id = me.id "
	    "JOIN organisations co ON co.id = ac.org_id "
	    "UNION ALL "
	    "SELECT 's', g.goal, NULL, NULL, NULL, NULL, NULL, s.name_sv, s.name_en, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM me JOIN application_sdgs g ON g.application_id = me.id "
	    "JOIN sdgs s ON s.goal = g.goal "
	    "UNION ALL "
	    "SELECT 'f', ob.position, ob.id, NULL, NULL, NULL, NULL, 'o', "
	    "ob.description, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM me JOIN objectives ob ON ob.application_id = me.id "
	    "UNION ALL "
	    "SELECT 'f', ob.position, ob.id, er.position, er.id, NULL, NULL, 'r', "
	    "er.description, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM me JOIN objectives ob ON ob.application_id = me.id "
	    "JOIN expected_results er ON er.objective_id = ob.id "
	    "UNION ALL "
	    "SELECT 'f', ob.position, ob.id, er.position, er.id, i.position, i.id, 'i', "
	    "i.name, i.unit, i.measure, i.baseline_value, i.baseline_text, "
	    "i.baseline_year, i.target_value, i.target_text, NULL, NULL, NULL "
	    "FROM me JOIN objectives ob ON ob.application_id = me.id "
	    "JOIN expected_results er ON er.objective_id = ob.id "
	    "JOIN indicators i ON i.result_id = er.id "
	    "UNION ALL "
	    "SELECT 'm', tm.side = 'partner', tm.id, NULL, NULL, NULL, NULL, tm.org_id, "
	    "tm.name, tm.role, tm.position, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
	    "NULL FROM me JOIN team_members tm ON tm.application_id = me.id "
	    "UNION ALL "
	    "SELECT 'y', y.year, NULL, NULL, NULL, NULL, NULL, y.amount, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM me JOIN application_years y ON y.application_id = me.id "
	    "UNION ALL "
	    "SELECT 'l', bl.year, bl.category + 0, NULL, NULL, NULL, NULL, bl.category, "
	    "bl.amount, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM me JOIN application_budget_lines bl ON bl.application_id = me.id "
	    "ORDER BY 1, 2, 3, 4, 5, 6, 7, 9", NULL, 0 },
};

/* Q_LOAD: every part's values follow the tag and the six keys. */
#define LOAD_VALUES	7

/* Q_LOAD's parts' values (c1.. of the statement), by tag. */
enum { A_ID, A_VERSION, A_STATUS, A_ROUND, A_TYPE, A_ORG, A_COUNTRY, A_THEME, A_YEARS, A_START,
	A_DIALOGUE, A_FLAGS };
enum { T_TITLE_SV, T_TITLE_EN, T_TITLE_LOCAL, T_TITLE_LOCAL_LANG, T_SUMMARY_SV, T_SUMMARY_EN,
	T_BACKGROUND, T_OBJECTIVE, T_TARGET_GROUPS, T_DIALOGUE, T_VULNERABLE, T_GENDER };
enum { N_ROUND_SV, N_ROUND_EN, N_ROUND_YEAR, N_ORG, N_COUNTRY_SV, N_COUNTRY_EN, N_THEME_SV,
	N_THEME_EN, N_SUBMITTED, N_PROJECT, N_FOLLOWS, N_LANGUAGES };
enum { K_NAME, K_EMAIL, K_PHONE, K_OTHER_COSTS, K_SUMMARY_LOCAL };
enum { D_OUTCOME, D_REASON_SV, D_DECIDED, D_REASON_EN };
enum { P_ID, P_NAME, P_NAME_LOCAL, P_LANG, P_KIND, P_COUNTRY, P_COUNTRY_SV, P_COUNTRY_EN };
enum { O_ID, O_NAME };
enum { S_NAME_SV, S_NAME_EN };
enum { F_KIND, F_TEXT, F_UNIT, F_MEASURE, F_BASE_VALUE, F_BASE_TEXT, F_BASE_YEAR, F_TARGET_VALUE,
	F_TARGET_TEXT };
enum { M_ORG, M_NAME, M_ROLE, M_POSITION };
enum { Y_AMOUNT };
enum { L_CATEGORY, L_AMOUNT };

const char *
db_value_text(char *value, const char *text)
{
	char *dot, *end;

	if (value == NULL)
		return text;
	if ((dot = strchr(value, '.')) != NULL) {
		end = value + strlen(value);
		while (end > dot + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == dot + 1)
			*dot = '\0';
	}
	/* "-0" is no number anyone typed. */
	return strcmp(value, "-0") == 0 ? "0" : value;
}

/* Counts the 'f' rows of a kind, so that the framework's lists are allocated once. */
static size_t
count_framework(const struct dbres *res, char kind)
{
	struct dbpart p;
	size_t n = 0;

	for (db_parts(&p, res, LOAD_VALUES, "f"); db_part_next(&p); )
		n += p.c[F_KIND] != NULL && p.c[F_KIND][0] == kind;
	return n;
}

static void
read_scalars(struct application *a, const struct dbpart *p)
{
	char **c = p->c;
	const char *f = c[A_FLAGS] != NULL ? c[A_FLAGS] : "";
	size_t k;

	a->id = db_part_ll(p, A_ID);
	a->version = (unsigned)db_part_ll(p, A_VERSION);
	a->status = c[A_STATUS];
	a->round_id = db_part_ll(p, A_ROUND);
	a->type = code_index(ptype_code, PT__MAX, c[A_TYPE]);
	a->org_id = db_part_ll(p, A_ORG);
	a->country = c[A_COUNTRY];
	a->theme_id = db_part_ll(p, A_THEME);
	a->years = (int)db_part_ll(p, A_YEARS);
	a->planned_start = c[A_START];
	a->citizen_dialogue = c[A_DIALOGUE] == NULL ? -1 : db_part_ll(p, A_DIALOGUE) != 0;
	if (strlen(f) < 11)
		return;
	for (k = 0; k < 4; k++)
		a->principle[k] = f[k] == '1';
	a->done[SEC_PARTNERS] = f[4] == '1';
	a->done[SEC_PROJECT] = f[5] == '1' && f[6] == '1';
	a->done[SEC_RESULTS] = f[7] == '1';
	a->done[SEC_TEAM] = f[8] == '1';
	a->done[SEC_BUDGET] = f[9] == '1';
	a->done[SEC_CONTACT] = f[10] == '1';
}

/*
 * The 'f' rows come depth first, so each objective's results and each
 * result's indicators are neighbours: they take consecutive places in
 * one array of all the results and one of all the indicators.
 */
static void
read_framework(struct arena *ar, struct application *a, const struct dbres *res)
{
	struct expected_result *rpool;
	struct indicator *ipool;
	struct objective *ob = NULL;
	struct expected_result *er = NULL;
	struct dbpart p;
	size_t nr = 0, ni = 0;

	a->obj = arena_calloc(ar, count_framework(res, 'o') + 1, sizeof(*a->obj));
	rpool = arena_calloc(ar, count_framework(res, 'r') + 1, sizeof(*rpool));
	ipool = arena_calloc(ar, count_framework(res, 'i') + 1, sizeof(*ipool));
	for (db_parts(&p, res, LOAD_VALUES, "f"); db_part_next(&p); ) {
		char **c = p.c;

		if (c[F_KIND] == NULL)
			continue;
		switch (c[F_KIND][0]) {
		case 'o':
			ob = &a->obj[a->nobj++];
			ob->description = c[F_TEXT];
			ob->res = &rpool[nr];
			er = NULL;
			break;
		case 'r':
			if (ob == NULL)
				break;
			er = &rpool[nr++];
			ob->nres++;
			er->description = c[F_TEXT];
			er->ind = &ipool[ni];
			break;
		case 'i': {
			struct indicator *in;

			if (er == NULL)
				break;
			in = &ipool[ni++];
			er->nind++;
			in->name = c[F_TEXT];
			in->unit = c[F_UNIT];
			in->baseline = db_value_text(c[F_BASE_VALUE], c[F_BASE_TEXT]);
			in->target = db_value_text(c[F_TARGET_VALUE], c[F_TARGET_TEXT]);
			break;
		}
		}
	}
}

enum kerr
db_application_load(struct arena *ar, const char *reqid, unsigned long long data_version,
    long long id, long long org_id, struct application *a, struct application_extra *x)
{
	struct application_extra scratch;
	struct dbpart pt;
	struct dbres res;
	enum kerr e;
	int y, k;

	memset(a, 0, sizeof(*a));
	if (x == NULL)
		x = &scratch;
	memset(x, 0, sizeof(*x));
	a->type = -1;
	a->citizen_dialogue = -1;
	for (y = 0; y < MAX_YEARS; y++) {
		a->year_total[y] = -1;
		for (k = 0; k < CAT__MAX; k++)
			a->amount[y][k] = -1;
	}
	if ((e = db_query_cached(ar, reqid, &q[Q_LOAD], data_version,
	    &res, "iii", id, org_id, org_id)) != KERR_OK)
		return e;
	/* Without the 'a' row the application is not there for this reader. */
	if (db_parts_count(&res, 'a') != 1)
		return KERR_NOTFOUND;
	a->team = arena_calloc(ar, db_parts_count(&res, 'm') + 1, sizeof(*a->team));
	x->coapplicants = arena_calloc(ar, db_parts_count(&res, 'o') + 1,
	    sizeof(*x->coapplicants));
	for (db_parts(&pt, &res, LOAD_VALUES, NULL); db_part_next(&pt); ) {
		char **c = pt.c;

		switch (pt.tag) {
		case 'a':
			read_scalars(a, &pt);
			x->type = a->type >= 0 ? ptype_code[a->type] : NULL;
			break;
		case 't':
			a->title_sv = c[T_TITLE_SV];
			a->title_en = c[T_TITLE_EN];
			a->title_local = c[T_TITLE_LOCAL];
			a->title_local_lang = x->title_local_lang = c[T_TITLE_LOCAL_LANG];
			a->summary_sv = c[T_SUMMARY_SV];
			a->summary_en = c[T_SUMMARY_EN];
			a->background = c[T_BACKGROUND];
			a->overall_objective = c[T_OBJECTIVE];
			a->target_groups = c[T_TARGET_GROUPS];
			a->dialogue_text = c[T_DIALOGUE];
			a->vulnerable_text = c[T_VULNERABLE];
			a->gender_text = c[T_GENDER];
			break;
		case 'n':
			x->round_sv = c[N_ROUND_SV];
			x->round_en = c[N_ROUND_EN];
			x->round_year = (int)db_part_ll(&pt, N_ROUND_YEAR);
			x->org_name = c[N_ORG];
			x->country_sv = c[N_COUNTRY_SV];
			x->country_en = c[N_COUNTRY_EN];
			x->theme_sv = c[N_THEME_SV];
			x->theme_en = c[N_THEME_EN];
			x->submitted = c[N_SUBMITTED];
			x->project_code = c[N_PROJECT];
			x->follows_code = c[N_FOLLOWS];
			x->country_languages = c[N_LANGUAGES];
			break;
		case 'k':
			/* The 't' row is full: the summary in the partner's language rides here. */
			a->contact_name = c[K_NAME];
			a->contact_email = c[K_EMAIL];
			a->contact_phone = c[K_PHONE];
			a->other_costs = c[K_OTHER_COSTS];
			a->summary_local = c[K_SUMMARY_LOCAL];
			break;
		case 'd':
			x->decision = c[D_OUTCOME];
			x->decision_reason[LANG_SV] = c[D_REASON_SV];
			x->decided = c[D_DECIDED];
			x->decision_reason[LANG_EN] = c[D_REASON_EN];
			break;
		case 'p': {
			long long pos = db_part_key(&pt, 1);
			struct partner_info *p;

			if (pos < 1 || pos > MAX_PARTNERS)
				break;
			p = &x->partner[pos - 1];
			a->partner[pos - 1] = p->id = db_part_ll(&pt, P_ID);
			p->name = c[P_NAME];
			p->name_local = c[P_NAME_LOCAL];
			p->local_lang = c[P_LANG];
			p->kind = c[P_KIND];
			p->country = c[P_COUNTRY];
			p->country_sv = c[P_COUNTRY_SV];
			p->country_en = c[P_COUNTRY_EN];
			a->partner_at[pos - 1] = (struct partner_place){ p->name,
			    p->country, p->country_sv, p->country_en };
			if ((size_t)pos > x->npartners)
				x->npartners = (size_t)pos;
			break;
		}
		case 'o': {
			struct coapplicant *co = &x->coapplicants[x->ncoapplicants++];

			co->id = db_part_ll(&pt, O_ID);
			co->name = c[O_NAME];
			if (x->ncoapplicants <= MAX_COAPPLICANTS)
				a->coapplicant[x->ncoapplicants - 1] = co->id;
			break;
		}
		case 's': {
			long long g = db_part_key(&pt, 1);

			if (g < 1 || g > 17)
				break;
			a->sdg[g] = 1;
			x->sdg_sv[g] = c[S_NAME_SV];
			x->sdg_en[g] = c[S_NAME_EN];
			break;
		}
		case 'm': {
			struct member *m = &a->team[a->nteam++];

			m->partner_side = db_part_key(&pt, 1) != 0;
			m->org_id = db_part_ll(&pt, M_ORG);
			m->name = c[M_NAME];
			k = code_index(team_role_code, TEAM_ROLE__MAX, c[M_ROLE]);
			m->role = k >= 0 ? (enum team_role)k : ROLE_OTHER_MEMBER;
			m->position = c[M_POSITION];
			break;
		}
		case 'y':
			y = (int)db_part_key(&pt, 1);
			/* NULL (sql/0009): the year has costs but no amount yet. */
			if (y >= 1 && y <= MAX_YEARS && c[Y_AMOUNT] != NULL)
				a->year_total[y - 1] = db_part_ll(&pt, Y_AMOUNT);
			break;
		case 'l':
			y = (int)db_part_key(&pt, 1);
			k = code_index(category_code, CAT__MAX, c[L_CATEGORY]);
			if (y >= 1 && y <= MAX_YEARS && k >= 0)
				a->amount[y - 1][k] = db_part_ll(&pt, L_AMOUNT);
			break;
		}
	}
	read_framework(ar, a, &res);
	return KERR_OK;
}

enum kerr
db_application_withdraw(struct req *r, long long id, long long org_id,
    unsigned version, const char **status)
{
	char now[APP_STAMP_LEN];
	unsigned long long changed = 0;
	struct dbres res;
	enum kerr e;

	*status = NULL;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_STATUS_LOCK], &res, "ii", id,
	    org_id)) != KERR_OK)
		goto out;
	*status = db_str(&res, 0, 0);
	if ((e = db_exec(r->id, &q[Q_WITHDRAW], &changed, NULL, "ssiii", app_stamp(now), now, id,
	    org_id, (long long)version)) != KERR_OK)
		goto out;
	if (changed == 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_audit(r, 0, "application.withdraw", "application", id,
	    arena_printf(r->a, "{\"status\": \"%s\", \"version\": %u}", *status,
	    version), arena_printf(r->a, "{\"status\": \"withdrawn\", "
	    "\"version\": %u}", version + 1))) != KERR_OK)
		goto out;
	*status = "withdrawn";
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

enum kerr
db_application_delete(struct req *r, long long id, long long org_id,
    unsigned version, int *gone)
{
	unsigned long long files = 0, changed = 0;
	struct dbres res;
	enum kerr e;

	*gone = 0;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query(r->a, r->id, &q[Q_DELETE_LOCK], &res, "ii", id,
	    org_id)) != KERR_OK)
		goto out;
	if (res.nrows == 0) {
		db_rollback(r->id);
		if ((e = db_query(r->a, r->id, &q[Q_DELETED], &res, "ii", id,
		    org_id)) != KERR_OK)
			return e;
		*gone = res.nrows > 0;
		return KERR_NOTFOUND;
	}
	if (db_ll(&res, 0, 2) == 0 || (strcmp(res.rows[0][0], "draft") != 0 &&
	    strcmp(res.rows[0][0], "withdrawn") != 0)) {
		e = KERR_FORBIDDEN;
		goto out;
	}
	if ((e = db_exec(r->id, &q[Q_DELETE_FILES], &files, NULL, "i", id)) != KERR_OK ||
	    (e = db_exec(r->id, &q[Q_DELETE], &changed, NULL, "iii", id, org_id,
	    (long long)version)) != KERR_OK)
		goto out;
	if (changed == 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_audit(r, 0, "application.delete", "application", id,
	    arena_printf(r->a, "{\"status\": %s, \"version\": %u, \"round_id\": %lld, "
	    "\"project_type\": %s, \"title_sv\": %s, \"title_en\": %s, "
	    "\"files\": %llu}", json_str(r->a, res.rows[0][0]), version,
	    db_ll(&res, 0, 3), json_str(r->a, res.rows[0][4]),
	    json_str(r->a, res.rows[0][5]), json_str(r->a, res.rows[0][6]), files),
	    NULL)) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}
