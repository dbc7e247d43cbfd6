/* db_thematic.c - SQL for the thematic areas and their DAC sector codes. */
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_auth.h"
#include "db/db_thematic.h"
#include "http/req.h"

enum q {
	Q_LIST,
	Q_GET,
	Q_BY_CODE,
	Q_LOCK,
	Q_INSERT,
	Q_UPDATE,
	Q__MAX
};

#define THEME_COLUMNS "SELECT id, code, name_sv, name_en, dac_code, active, version " \
	"FROM thematic_areas "

static struct dbstmt q[Q__MAX] = {
	[Q_LIST] = { THEME_COLUMNS "ORDER BY name_sv, id", NULL, 0 },
	[Q_GET] = { THEME_COLUMNS "WHERE id = ?", NULL, 0 },
	[Q_BY_CODE] = { THEME_COLUMNS "WHERE code = ?", NULL, 0 },
	/* Inside an edit's transaction: the row as it stands, for the version check and the audit's "before". */
	[Q_LOCK] = { THEME_COLUMNS "WHERE id = ? FOR UPDATE", NULL, 0 },
	[Q_INSERT] = { "INSERT INTO thematic_areas (code, name_sv, name_en, dac_code, active) "
	    "VALUES (?, ?, ?, ?, 1)", NULL, 0 },
	[Q_UPDATE] = { "UPDATE thematic_areas SET name_sv = ?, name_en = ?, dac_code = ?, "
	    "active = ?, version = version + 1 WHERE id = ? AND version = ?", NULL, 0 },
};

/* Rows of THEME_COLUMNS into out; returns how many. */
static size_t
themes_of(const struct dbres *res, struct theme *out)
{
	size_t i;

	for (i = 0; i < res->nrows; i++) {
		char **c = res->rows[i];

		out[i].id = db_ll(res, i, 0);
		out[i].code = c[1];
		out[i].name_sv = c[2];
		out[i].name_en = c[3];
		out[i].dac_code = c[4];
		out[i].active = db_ll(res, i, 5) != 0;
		out[i].version = (unsigned)db_ll(res, i, 6);
	}
	return res->nrows;
}

enum kerr
db_theme_list(struct arena *a, const char *reqid, unsigned long long data_version,
    struct theme **out, size_t *n)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query_cached(a, reqid, &q[Q_LIST], data_version, &res,
	    "")) != KERR_OK)
		return e;
	*out = arena_calloc(a, res.nrows + 1, sizeof(**out));
	*n = themes_of(&res, *out);
	return KERR_OK;
}

enum kerr
db_theme_get(struct arena *a, const char *reqid, long long id, struct theme *out)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(a, reqid, &q[Q_GET], &res, "i", id)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	themes_of(&res, out);
	return KERR_OK;
}

/* A thematic area as the audit log records it. */
static const char *
theme_json(struct req *r, const struct theme *t)
{
	return arena_printf(r->a, "{\"code\": %s, \"name_sv\": %s, \"name_en\": %s, "
	    "\"dac_code\": %s, \"active\": %d}", json_str(r->a, t->code),
	    json_str(r->a, t->name_sv), json_str(r->a, t->name_en), json_str(r->a, t->dac_code),
	    t->active);
}

enum kerr
db_theme_create(struct req *r, const struct theme *t, struct theme *had)
{
	struct theme stored = *t;
	unsigned long long id = 0;
	struct dbres res;
	enum kerr e;

	stored.active = 1;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_exec(r->id, &q[Q_INSERT], NULL, &id, "ssss", t->code, t->name_sv,
	    t->name_en, t->dac_code)) != KERR_OK ||
	    (e = db_audit(r, 0, "thematic_area.create", "thematic_area", (long long)id,
	    NULL, theme_json(r, &stored))) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	if (e != KERR_CONFLICT)
		return e;
	/* The code's unique key: read the one that has it afresh, outside the transaction. */
	if ((e = db_query(r->a, r->id, &q[Q_BY_CODE], &res, "s", t->code)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_DB;
	themes_of(&res, had);
	return KERR_INVALID;
}

enum kerr
db_theme_update(struct req *r, const struct theme *t, unsigned version,
    unsigned *current)
{
	struct theme before, after;
	struct dbres res;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_LOCK], &res, "i", t->id)) != KERR_OK)
		goto out;
	themes_of(&res, &before);
	*current = before.version;
	/* Someone else saved since this person's form was filled: theirs stands. */
	if (before.version != version) {
		e = KERR_CONFLICT;
		goto out;
	}
	after = *t;
	after.code = before.code;
	if ((e = db_exec(r->id, &q[Q_UPDATE], NULL, NULL, "sssiii", after.name_sv,
	    after.name_en, after.dac_code, (long long)(after.active != 0), t->id,
	    (long long)version)) != KERR_OK ||
	    (e = db_audit(r, 0, "thematic_area.update", "thematic_area", t->id,
	    theme_json(r, &before), theme_json(r, &after))) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}
