/* db_organisation.c - SQL for the organisations: the filtered list, one organisation, and the admins' edits. */
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_application.h"
#include "db/db_auth.h"
#include "db/db_organisation.h"
#include "http/req.h"

enum q {
	/* One statement per sort column and direction, in enum org_sort order, ascending first. */
	Q_LIST,
	Q_LIST_NAME_DESC,
	Q_LIST_KIND,
	Q_LIST_KIND_DESC,
	Q_LIST_COUNTRY,
	Q_LIST_COUNTRY_DESC,
	Q_COUNT,
	Q_GET,
	Q_LOCK,
	Q_LOCK_COUNTRY,
	Q_SAME_NUMBER,
	Q_SAME_NAME,
	Q_INSERT,
	Q_UPDATE,
	Q_SWEDISH,
	Q__MAX
};

/* Read by orgs_of(); the first parameter is 1 for the country's English name (a number: a string compared with a literal would mix collations). */
#define ORG_COLUMNS "SELECT o.id, o.side, o.kind, o.name, o.name_local, o.local_lang, " \
	"o.org_number, o.country_code, " \
	"CASE WHEN ? = 1 THEN c.name_en ELSE c.name_sv END AS country_name, " \
	"o.active, o.version, o.lat, o.lng FROM organisations o " \
	"LEFT JOIN countries c ON c.code = o.country_code "

/* Each filter is a pair: NULL (or -1) for all, else the value; the search looks in names and numbers. */
#define ORG_WHERE "WHERE (? IS NULL OR o.side = ?) AND (? IS NULL OR o.kind = ?) " \
	"AND (? IS NULL OR o.country_code = ?) AND (? < 0 OR o.active = ?) " \
	"AND (? IS NULL OR " DB_LIKE("o.name") " OR " DB_LIKE("o.name_local") " " \
	"OR " DB_LIKE("o.org_number") ") "

#define ORG_LIST(order) { ORG_COLUMNS ORG_WHERE "ORDER BY " order " LIMIT ? OFFSET ?", NULL, 0 }

static struct dbstmt q[Q__MAX] = {
	/* The id last: a stable order for paging through equal names. */
	[Q_LIST] = ORG_LIST("o.name, o.id"),
	[Q_LIST_NAME_DESC] = ORG_LIST("o.name DESC, o.id DESC"),
	/* Kinds in the column's order: the Swedish ones first. */
	[Q_LIST_KIND] = ORG_LIST("o.kind, o.name, o.id"),
	[Q_LIST_KIND_DESC] = ORG_LIST("o.kind DESC, o.name, o.id"),
	[Q_LIST_COUNTRY] = ORG_LIST("country_name, o.name, o.id"),
	[Q_LIST_COUNTRY_DESC] = ORG_LIST("country_name DESC, o.name, o.id"),
	[Q_COUNT] = { "SELECT COUNT(*) FROM organisations o " ORG_WHERE, NULL, 0 },
	[Q_GET] = { ORG_COLUMNS "WHERE o.id = ?", NULL, 0 },
	/* Inside an edit's transaction: the row as it stands, for the version check and the audit's "before". */
	[Q_LOCK] = { ORG_COLUMNS "WHERE o.id = ? FOR UPDATE", NULL, 0 },
	/* Serialises adding and renaming partners in one country, so that two cannot slip past the name check together. */
	[Q_LOCK_COUNTRY] = { "SELECT code FROM countries WHERE code = ? FOR UPDATE", NULL, 0 },
	[Q_SAME_NUMBER] = { ORG_COLUMNS "WHERE o.org_number = ? AND o.id <> ? LIMIT 1", NULL, 0 },
	/* The collation compares names as Swedes read them: "kisumu county" is "Kisumu County", "Växjö" is not "Vaxjo". */
	[Q_SAME_NAME] = { ORG_COLUMNS "WHERE o.side = 'partner' AND o.country_code = ? "
	    "AND o.name = ? AND o.id <> ? LIMIT 1 LOCK IN SHARE MODE", NULL, 0 },
	[Q_INSERT] = { "INSERT INTO organisations (side, kind, name, name_local, local_lang, "
	    "org_number, country_code, lat, lng, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
	    NULL, 0 },
	[Q_UPDATE] = { "UPDATE organisations SET kind = ?, name = ?, name_local = ?, "
	    "local_lang = ?, org_number = ?, country_code = ?, lat = ?, lng = ?, active = ?, "
	    "version = version + 1 WHERE id = ? AND version = ?", NULL, 0 },
	[Q_SWEDISH] = { "SELECT id, name, active FROM organisations WHERE side = 'swedish' "
	    "ORDER BY name, id", NULL, 0 },
};

/* The first parameter of ORG_COLUMNS. */
static long long
english(const struct req *r)
{
	return r->lang == LANG_EN;
}

/* Rows of ORG_COLUMNS into out; returns how many. */
static size_t
orgs_of(const struct dbres *res, struct organisation *out)
{
	size_t i;

	for (i = 0; i < res->nrows; i++) {
		char **c = res->rows[i];

		out[i].id = db_ll(res, i, 0);
		out[i].side = c[1];
		out[i].kind = c[2];
		out[i].name = c[3];
		out[i].name_local = c[4];
		out[i].local_lang = c[5];
		out[i].org_number = c[6];
		out[i].country = c[7];
		out[i].country_name = c[8];
		out[i].active = db_ll(res, i, 9) != 0;
		out[i].version = (unsigned)db_ll(res, i, 10);
		/* As typed: DECIMAL(8,6) gives "-0.091700". */
		out[i].lat = c[11] != NULL ? db_value_text(c[11], NULL) : NULL;
		out[i].lng = c[12] != NULL ? db_value_text(c[12], NULL) : NULL;
	}
	return res->nrows;
}

enum kerr
db_org_list(struct req *r, const struct org_filter *f, struct organisation **out,
    size_t *n, long long *total)
{
	unsigned long long v = r->sess->data_version;
	struct dbres res;
	enum kerr e;

	if ((e = db_query_cached(r->a, r->id, &q[Q_COUNT], v, &res,
	    "ssssssiissss", f->side, f->side, f->kind, f->kind, f->country,
	    f->country, (long long)f->active, (long long)f->active, f->like,
	    f->like, f->like, f->like)) != KERR_OK)
		return e;
	*total = db_ll(&res, 0, 0);
	if ((e = db_query_cached(r->a, r->id, &q[Q_LIST + f->sort * 2 + (f->desc != 0)],
	    v, &res, "issssssiissssii", english(r), f->side, f->side,
	    f->kind, f->kind, f->country, f->country, (long long)f->active,
	    (long long)f->active, f->like, f->like, f->like, f->like, f->limit,
	    f->offset)) != KERR_OK)
		return e;
	*out = arena_calloc(r->a, res.nrows + 1, sizeof(**out));
	*n = orgs_of(&res, *out);
	return KERR_OK;
}

enum kerr
db_org_get(struct req *r, long long id, struct organisation *out)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(r->a, r->id, &q[Q_GET], &res, "ii", english(r),
	    id)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	orgs_of(&res, out);
	return KERR_OK;
}

/* An organisation as the audit log records it. */
static const char *
org_json(struct req *r, const struct organisation *o)
{
	return arena_printf(r->a, "{\"side\": %s, \"kind\": %s, \"name\": %s, "
	    "\"name_local\": %s, \"local_lang\": %s, \"org_number\": %s, "
	    "\"country\": %s, \"lat\": %s, \"lng\": %s, \"active\": %d}",
	    json_str(r->a, o->side), json_str(r->a, o->kind), json_str(r->a, o->name),
	    json_str(r->a, o->name_local), json_str(r->a, o->local_lang),
	    json_str(r->a, o->org_number), json_str(r->a, o->country),
	    o->lat != NULL ? o->lat : "null", o->lng != NULL ? o->lng : "null", o->active);
}

/*
 * Inside a partner's transaction: another partner (not id) called o's name in o's country, with the
 * country's row locked so that two admins cannot both pass the check. KERR_INVALID with it in
 * *had, KERR_OK when there is none, or KERR_DB.
 */
static enum kerr
same_name(struct req *r, const struct organisation *o, long long id,
    struct organisation *had)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(r->a, r->id, &q[Q_LOCK_COUNTRY], &res, "s",
	    o->country)) != KERR_OK ||
	    (e = db_query(r->a, r->id, &q[Q_SAME_NAME], &res, "issi",
	    english(r), o->country, o->name, id)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_OK;
	orgs_of(&res, had);
	return KERR_INVALID;
}

/*
 * After the unique key refused a Swedish organisation's number, with the transaction rolled back:
 * the organisation that has it (read afresh, so committed by anyone). KERR_INVALID with it in
 * *had; KERR_DB when it cannot be read or is gone again.
 */
static enum kerr
same_number(struct req *r, const struct organisation *o, long long id,
    struct organisation *had)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(r->a, r->id, &q[Q_SAME_NUMBER], &res, "isi",
	    english(r), o->org_number, id)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_DB;
	orgs_of(&res, had);
	return KERR_INVALID;
}

enum kerr
db_org_create(struct req *r, const struct organisation *o, long long *id,
    struct organisation *had)
{
	struct organisation stored = *o;
	unsigned long long newid = 0;
	int swedish = strcmp(o->side, "swedish") == 0;
	enum kerr e;

	stored.active = 1;
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if (!swedish && (e = same_name(r, o, 0, had)) != KERR_OK)
		goto out;
	if ((e = db_exec(r->id, &q[Q_INSERT], NULL, &newid, "sssssssss", o->side,
	    o->kind, o->name, o->name_local, o->local_lang, o->org_number,
	    o->country, o->lat, o->lng)) != KERR_OK)
		goto out;
	*id = (long long)newid;
	if ((e = db_audit(r, 0, "organisation.create", "organisation", *id, NULL,
	    org_json(r, &stored))) != KERR_OK)
		goto out;
	e = db_commit(r->id);
out:
	if (e != KERR_OK)
		db_rollback(r->id);
	/* The organisation number's unique key: someone has it already. */
	return e == KERR_CONFLICT ? same_number(r, o, 0, had) : e;
}

enum kerr
db_org_update(struct req *r, const struct organisation *o, unsigned version,
    unsigned *current, struct organisation *had)
{
	struct organisation before, after;
	struct dbres res;
	int duplicate = 0;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_LOCK], &res, "ii", english(r),
	    o->id)) != KERR_OK)
		goto out;
	orgs_of(&res, &before);
	*current = before.version;
	/* Someone else saved since this person's form was filled: theirs stands. */
	if (before.version != version) {
		e = KERR_CONFLICT;
		goto out;
	}
	after = *o;
	after.side = before.side;
	if (strcmp(after.side, "partner") == 0 &&
	    (e = same_name(r, &after, o->id, had)) != KERR_OK)
		goto out;
	e = db_exec(r->id, &q[Q_UPDATE], NULL, NULL, "ssssssssiii", after.kind,
	    after.name, after.name_local, after.local_lang, after.org_number,
	    after.country, after.lat, after.lng, (long long)(after.active != 0), o->id,
	    (long long)version);
	/* The row is locked, so the version still holds: a conflict here is the number's unique key. */
	duplicate = e == KERR_CONFLICT;
	if (e != KERR_OK)
		goto out;
	if ((e = db_audit(r, 0, "organisation.update", "organisation", o->id,
	    org_json(r, &before), org_json(r, &after))) != KERR_OK)
		goto out;
	e = db_commit(r->id);
out:
	if (e != KERR_OK)
		db_rollback(r->id);
	return duplicate ? same_number(r, &after, o->id, had) : e;
}

enum kerr
db_org_swedish(struct arena *a, const char *reqid, unsigned long long data_version,
    struct organisation **out, size_t *n)
{
	struct dbres res;
	enum kerr e;
	size_t i;

	if ((e = db_query_cached(a, reqid, &q[Q_SWEDISH], data_version,
	    &res, "")) != KERR_OK)
		return e;
	*out = arena_calloc(a, res.nrows + 1, sizeof(**out));
	for (i = 0; i < res.nrows; i++) {
		(*out)[i].id = db_ll(&res, i, 0);
		(*out)[i].side = "swedish";
		(*out)[i].name = db_str(&res, i, 1);
		(*out)[i].active = db_ll(&res, i, 2) != 0;
	}
	*n = res.nrows;
	return KERR_OK;
}
