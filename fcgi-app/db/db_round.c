/* db_round.c - SQL for rounds and their rules, and for the partner countries. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "db/db_auth.h"
#include "db/db_round.h"
#include "http/req.h"

enum q {
	Q_ROUND_LIST,
	Q_ROUND_GET,
	Q_ROUND_LOCK,
	Q_ROUND_INSERT,
	Q_ROUND_UPDATE,
	Q_RULE_SAVE,
	Q_OFFICER_CHOICES,
	Q_OFFICERS,
	Q_OFFICER_NAMES,
	Q_OFFICERS_CLEAR,
	Q_OFFICER_ADD,
	Q_COUNTRY_LIST,
	Q_COUNTRY_GET,
	Q_COUNTRY_LOCK,
	Q_COUNTRY_INSERT,
	Q_COUNTRY_SET,
	Q__MAX
};

/* The columns every round read returns, one row per rule; parsed by rounds_of(). */
#define ROUND_COLUMNS "SELECT r.id, r.year, r.name_sv, r.name_en, " \
	"DATE_FORMAT(r.opens_on, '%Y-%m-%d'), DATE_FORMAT(r.closes_on, '%Y-%m-%d'), " \
	"r.inception_all_year, r.version, rr.project_type, rr.allowed, " \
	"rr.min_years, rr.max_years, rr.min_amount, rr.max_amount_africa, " \
	"rr.max_amount_asia, rr.max_amount_europe, rr.max_amount_latin_america " \
	"FROM rounds r LEFT JOIN round_rules rr ON rr.round_id = r.id "

#define COUNTRY_COLUMNS "SELECT code, name_sv, name_en, region, eligible, " \
	"version, languages FROM countries "

static struct dbstmt q[Q__MAX] = {
	[Q_ROUND_LIST] = { ROUND_COLUMNS
	    "ORDER BY r.year DESC, r.opens_on DESC, r.id DESC, rr.project_type",
	    NULL, 0 },
	[Q_ROUND_GET] = { ROUND_COLUMNS "WHERE r.id = ? ORDER BY rr.project_type",
	    NULL, 0 },
	/* Inside the update's transaction: the row as it stands, for the audit's "before". */
	[Q_ROUND_LOCK] = { ROUND_COLUMNS
	    "WHERE r.id = ? ORDER BY rr.project_type FOR UPDATE", NULL, 0 },
	[Q_ROUND_INSERT] = { "INSERT INTO rounds (year, name_sv, name_en, "
	    "opens_on, closes_on, inception_all_year, create_token) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", NULL, 0 },
	[Q_ROUND_UPDATE] = { "UPDATE rounds SET year = ?, name_sv = ?, "
	    "name_en = ?, opens_on = ?, closes_on = ?, inception_all_year = ?, "
	    "version = version + 1 WHERE id = ? AND version = ?", NULL, 0 },
	/* Rules are edited on their round's form: the round's version guards them. */
	[Q_RULE_SAVE] = { "INSERT INTO round_rules (round_id, project_type, "
	    "allowed, min_years, max_years, min_amount, max_amount_africa, "
	    "max_amount_asia, max_amount_europe, max_amount_latin_america) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "allowed = VALUES(allowed), min_years = VALUES(min_years), "
	    "max_years = VALUES(max_years), min_amount = VALUES(min_amount), "
	    "max_amount_africa = VALUES(max_amount_africa), "
	    "max_amount_asia = VALUES(max_amount_asia), "
	    "max_amount_europe = VALUES(max_amount_europe), "
	    "max_amount_latin_america = VALUES(max_amount_latin_america), "
	    "version = version + 1", NULL, 0 },
	[Q_OFFICER_CHOICES] = { "SELECT 0, id, name FROM users WHERE role = 'admin' AND active = 1 "
	    "ORDER BY name, id", NULL, 0 },
	[Q_OFFICERS] = { "SELECT ro.round_id, u.id, u.name FROM round_officers ro "
	    "JOIN users u ON u.id = ro.user_id WHERE (? = 0 OR ro.round_id = ?) AND u.active = 1 "
	    "ORDER BY ro.round_id, u.name, u.id", NULL, 0 },
	/* Inside the update's transaction, the round locked: who handled it before, for the audit row. */
	[Q_OFFICER_NAMES] = { "SELECT u.name FROM round_officers ro JOIN users u ON u.id = ro.user_id "
	    "WHERE ro.round_id = ? ORDER BY u.name, u.id", NULL, 0 },
	[Q_OFFICERS_CLEAR] = { "DELETE FROM round_officers WHERE round_id = ?", NULL, 0 },
	/* Only an active officer: one deactivated since the form was shown is left out. */
	[Q_OFFICER_ADD] = { "INSERT INTO round_officers (round_id, user_id) SELECT ?, id FROM users "
	    "WHERE id = ? AND role = 'admin' AND active = 1", NULL, 0 },
	[Q_COUNTRY_LIST] = { COUNTRY_COLUMNS "ORDER BY name_sv, code", NULL, 0 },
	[Q_COUNTRY_GET] = { COUNTRY_COLUMNS "WHERE code = ?", NULL, 0 },
	[Q_COUNTRY_LOCK] = { COUNTRY_COLUMNS "WHERE code = ? FOR UPDATE", NULL, 0 },
	[Q_COUNTRY_INSERT] = { "INSERT INTO countries (code, name_sv, name_en, "
	    "region, eligible) VALUES (?, ?, ?, ?, 1)", NULL, 0 },
	[Q_COUNTRY_SET] = { "UPDATE countries SET eligible = ?, languages = ?, "
	    "version = version + 1 WHERE code = ? AND version = ?", NULL, 0 },
};

/*
 * Folds rows of ROUND_COLUMNS (ordered by round, rules together) into
 * rounds; versions, when not NULL, gets each round's version. Returns how
 * many rounds there were.
 */
static size_t
rounds_of(const struct dbres *res, struct round *out, unsigned *versions)
{
	struct round *rd = NULL;
	struct round_rule *rule;
	size_t i, n = 0;
	int t, g;

	for (i = 0; i < res->nrows; i++) {
		char **c = res->rows[i];

		if (rd == NULL || rd->id != db_ll(res, i, 0)) {
			rd = &out[n];
			memset(rd, 0, sizeof(*rd));
			rd->id = db_ll(res, i, 0);
			rd->year = (int)db_ll(res, i, 1);
			rd->name_sv = c[2];
			rd->name_en = c[3];
			rd->opens_on = c[4];
			rd->closes_on = c[5];
			rd->inception_all_year = db_ll(res, i, 6) != 0;
			if (versions != NULL)
				versions[n] = (unsigned)db_ll(res, i, 7);
			n++;
		}
		if ((t = code_index(ptype_code, PT__MAX, c[8])) < 0)
			continue;
		rule = &rd->rules[t];
		rule->allowed = db_ll(res, i, 9) != 0;
		rule->min_years = (int)db_ll(res, i, 10);
		rule->max_years = (int)db_ll(res, i, 11);
		rule->min_amount = db_ll(res, i, 12);
		for (g = 0; g < REGION__MAX; g++)
			rule->max_amount[g] = db_ll(res, i, 13 + (size_t)g);
	}
	return n;
}

enum kerr
db_round_list(struct arena *a, const char *reqid, unsigned long long data_version,
    struct round **out, size_t *n)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query_cached(a, reqid, &q[Q_ROUND_LIST],
	    data_version, &res, "")) != KERR_OK)
		return e;
	*out = arena_calloc(a, res.nrows + 1, sizeof(**out));
	*n = rounds_of(&res, *out, NULL);
	return KERR_OK;
}

enum kerr
db_round_get(struct arena *a, const char *reqid, unsigned long long data_version, long long id,
    struct round *out, unsigned *version)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query_cached(a, reqid, &q[Q_ROUND_GET],
	    data_version, &res, "i", id)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	rounds_of(&res, out, version);
	return KERR_OK;
}

/* Rows of round_officer columns (round, id, name) into *out, in a. */
static void
officers_of(struct arena *a, const struct dbres *res, struct round_officer **out, size_t *n)
{
	size_t i;

	*out = arena_calloc(a, res->nrows + 1, sizeof(**out));
	for (i = 0; i < res->nrows; i++) {
		(*out)[i].round_id = db_ll(res, i, 0);
		(*out)[i].id = db_ll(res, i, 1);
		(*out)[i].name = db_str(res, i, 2);
	}
	*n = res->nrows;
}

enum kerr
db_round_officer_choices(struct arena *a, const char *reqid, unsigned long long data_version,
    struct round_officer **out, size_t *n)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query_cached(a, reqid, &q[Q_OFFICER_CHOICES], data_version, &res, "")) != KERR_OK)
		return e;
	officers_of(a, &res, out, n);
	return KERR_OK;
}

enum kerr
db_round_officers(struct arena *a, const char *reqid, unsigned long long data_version,
    long long round_id, struct round_officer **out, size_t *n)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query_cached(a, reqid, &q[Q_OFFICERS], data_version, &res, "ii", round_id,
	    round_id)) != KERR_OK)
		return e;
	officers_of(a, &res, out, n);
	return KERR_OK;
}

/* The officers' names as the audit log records them: "A, B"; "" for none (every officer is told). */
static const char *
officer_names(struct req *r, const char *const *names, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b, r->a, 256);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", names[i]);
	return b.data;
}

/* Replaces round id's officers with the n given, inside the caller's transaction. */
static enum kerr
save_officers(struct req *r, long long id, const struct round_officer *officers, size_t n)
{
	enum kerr e;
	size_t i;

	if ((e = db_exec(r->id, &q[Q_OFFICERS_CLEAR], NULL, NULL, "i", id)) != KERR_OK)
		return e;
	for (i = 0; i < n; i++)
		if ((e = db_exec(r->id, &q[Q_OFFICER_ADD], NULL, NULL, "ii", id,
		    officers[i].id)) != KERR_OK)
			return e;
	return KERR_OK;
}

/* The names of the n officers given, for officer_names(). */
static const char **
names_given(struct req *r, const struct round_officer *officers, size_t n)
{
	const char **names = arena_calloc(r->a, n + 1, sizeof(*names));
	size_t i;

	for (i = 0; i < n; i++)
		names[i] = officers[i].name;
	return names;
}

/* A round, its rules and its officers (officer_names()) as the audit log records them. */
static const char *
round_json(struct req *r, const struct round *rd, const char *officers)
{
	struct buf b;
	int t, g;

	buf_init(&b, r->a, 1024);
	buf_printf(&b, "{\"year\": %d, \"name_sv\": %s, \"name_en\": %s, "
	    "\"opens_on\": %s, \"closes_on\": %s, \"inception_all_year\": %d, "
	    "\"officers\": %s, \"rules\": {", rd->year, json_str(r->a, rd->name_sv),
	    json_str(r->a, rd->name_en), json_str(r->a, rd->opens_on),
	    json_str(r->a, rd->closes_on), rd->inception_all_year, json_str(r->a, officers));
	for (t = 0; t < PT__MAX; t++) {
		const struct round_rule *u = &rd->rules[t];

		buf_printf(&b, "%s\"%s\": {\"allowed\": %d, \"min_years\": %d, "
		    "\"max_years\": %d, \"min_amount\": %lld, \"max_amount\": {",
		    t > 0 ? ", " : "", ptype_code[t], u->allowed,
		    u->min_years, u->max_years, u->min_amount);
		for (g = 0; g < REGION__MAX; g++)
			buf_printf(&b, "%s\"%s\": %lld", g > 0 ? ", " : "",
			    region_code[g], u->max_amount[g]);
		buf_puts(&b, "}}");
	}
	buf_puts(&b, "}}");
	return b.data;
}

static enum kerr
save_rules(struct req *r, long long id, const struct round *rd)
{
	const struct round_rule *u;
	enum kerr e;
	int t;

	for (t = 0; t < PT__MAX; t++) {
		u = &rd->rules[t];
		if ((e = db_exec(r->id, &q[Q_RULE_SAVE], NULL, NULL, "isiiiiiiii",
		    id, ptype_code[t], (long long)u->allowed,
		    (long long)u->min_years, (long long)u->max_years,
		    u->min_amount, u->max_amount[REGION_AFRICA],
		    u->max_amount[REGION_ASIA], u->max_amount[REGION_EUROPE],
		    u->max_amount[REGION_LATIN_AMERICA])) != KERR_OK)
			return e;
	}
	return KERR_OK;
}

enum kerr
db_round_create(struct req *r, const struct round *rd, const struct round_officer *officers,
    size_t nofficers, const char *token, long long *id)
{
	unsigned long long newid = 0;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	/* A second POST of the same form stops here on the token's unique key. */
	if ((e = db_exec(r->id, &q[Q_ROUND_INSERT], NULL, &newid, "issssis",
	    (long long)rd->year, rd->name_sv, rd->name_en, rd->opens_on,
	    rd->closes_on, (long long)rd->inception_all_year, token)) != KERR_OK)
		goto out;
	*id = (long long)newid;
	if ((e = save_rules(r, *id, rd)) != KERR_OK ||
	    (e = save_officers(r, *id, officers, nofficers)) != KERR_OK ||
	    (e = db_audit(r, 0, "round.create", "round", *id, NULL, round_json(r, rd,
	    officer_names(r, names_given(r, officers, nofficers), nofficers)))) != KERR_OK)
		goto out;
	e = db_commit(r->id);
out:
	if (e != KERR_OK)
		db_rollback(r->id);
	return e;
}

enum kerr
db_round_update(struct req *r, const struct round *rd, const struct round_officer *officers,
    size_t nofficers, unsigned version, unsigned *current)
{
	unsigned long long changed = 0;
	struct round before;
	struct dbres res;
	const char *had, **names;
	enum kerr e;
	size_t i;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_ROUND_LOCK], &res, "i",
	    rd->id)) != KERR_OK)
		goto out;
	rounds_of(&res, &before, current);
	if ((e = db_query(r->a, r->id, &q[Q_OFFICER_NAMES], &res, "i", rd->id)) != KERR_OK)
		goto out;
	names = arena_calloc(r->a, res.nrows + 1, sizeof(*names));
	for (i = 0; i < res.nrows; i++)
		names[i] = db_str(&res, i, 0);
	had = officer_names(r, names, res.nrows);
	if ((e = db_exec(r->id, &q[Q_ROUND_UPDATE], &changed, NULL, "issssiii",
	    (long long)rd->year, rd->name_sv, rd->name_en, rd->opens_on,
	    rd->closes_on, (long long)rd->inception_all_year, rd->id,
	    (long long)version)) != KERR_OK)
		goto out;
	/* Someone else saved since this person's form was filled: theirs stands. */
	if (changed == 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = save_rules(r, rd->id, rd)) != KERR_OK ||
	    (e = save_officers(r, rd->id, officers, nofficers)) != KERR_OK ||
	    (e = db_audit(r, 0, "round.update", "round", rd->id, round_json(r, &before, had),
	    round_json(r, rd, officer_names(r, names_given(r, officers, nofficers),
	    nofficers)))) != KERR_OK)
		goto out;
	e = db_commit(r->id);
out:
	if (e != KERR_OK)
		db_rollback(r->id);
	return e;
}

/* Rows of COUNTRY_COLUMNS into out; returns how many. */
static size_t
countries_of(const struct dbres *res, struct country_row *out)
{
	size_t i;
	int g;

	for (i = 0; i < res->nrows; i++) {
		char **c = res->rows[i];

		out[i].c.code = c[0];
		out[i].c.name_sv = c[1];
		out[i].c.name_en = c[2];
		g = code_index(region_code, REGION__MAX, c[3]);
		out[i].c.region = g < 0 ? REGION_AFRICA : (enum region)g;
		out[i].c.eligible = db_ll(res, i, 4) != 0;
		out[i].version = (unsigned)db_ll(res, i, 5);
		out[i].c.languages = c[6] != NULL ? c[6] : "";
	}
	return res->nrows;
}

enum kerr
db_country_list(struct arena *a, const char *reqid, unsigned long long data_version,
    struct country_row **out, size_t *n)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query_cached(a, reqid, &q[Q_COUNTRY_LIST],
	    data_version, &res, "")) != KERR_OK)
		return e;
	*out = arena_calloc(a, res.nrows + 1, sizeof(**out));
	*n = countries_of(&res, *out);
	return KERR_OK;
}

enum kerr
db_country_get(struct arena *a, const char *reqid, const char *code, struct country_row *out)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(a, reqid, &q[Q_COUNTRY_GET], &res, "s",
	    code)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	countries_of(&res, out);
	return KERR_OK;
}

static const char *
country_json(struct req *r, const struct country *c)
{
	return arena_printf(r->a, "{\"code\": %s, \"name_sv\": %s, "
	    "\"name_en\": %s, \"region\": \"%s\", \"eligible\": %d, "
	    "\"languages\": %s}",
	    json_str(r->a, c->code), json_str(r->a, c->name_sv),
	    json_str(r->a, c->name_en), region_code[c->region], c->eligible,
	    json_str(r->a, c->languages != NULL ? c->languages : ""));
}

enum kerr
db_country_create(struct req *r, const struct country *c)
{
	struct country stored = *c;
	enum kerr e;

	stored.eligible = 1;
	stored.languages = "";
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_exec(r->id, &q[Q_COUNTRY_INSERT], NULL, NULL, "ssss",
	    c->code, c->name_sv, c->name_en, region_code[c->region])) != KERR_OK ||
	    (e = db_audit(r, 0, "country.create", "country", 0, NULL,
	    country_json(r, &stored))) != KERR_OK)
		goto out;
	e = db_commit(r->id);
out:
	if (e != KERR_OK)
		db_rollback(r->id);
	return e;
}

/*
 * Changes what the admin changed of country code (eligible >= 0, languages
 * not NULL) if its stored version is still version: see
 * db_country_set_eligible(). The row is read locked first, for the audit's
 * "before" and so that the other fields are written back as they stand.
 */
static enum kerr
country_change(struct req *r, const char *code, unsigned version,
    struct country_row *now, int eligible, const char *languages)
{
	unsigned long long changed = 0;
	struct country after;
	struct dbres res;
	enum kerr e;

	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_COUNTRY_LOCK], &res, "s",
	    code)) != KERR_OK)
		goto out;
	countries_of(&res, now);
	after = now->c;
	if (eligible >= 0)
		after.eligible = eligible != 0;
	if (languages != NULL)
		after.languages = languages;
	if ((e = db_exec(r->id, &q[Q_COUNTRY_SET], &changed, NULL, "issi",
	    (long long)after.eligible, after.languages, code,
	    (long long)version)) != KERR_OK)
		goto out;
	if (changed == 0) {
		e = KERR_CONFLICT;
		goto out;
	}
	if ((e = db_audit(r, 0, "country.update", "country", 0,
	    country_json(r, &now->c), country_json(r, &after))) != KERR_OK)
		goto out;
	e = db_commit(r->id);
out:
	if (e != KERR_OK)
		db_rollback(r->id);
	return e;
}

enum kerr
db_country_set_eligible(struct req *r, const char *code, int eligible,
    unsigned version, struct country_row *now)
{
	return country_change(r, code, version, now, eligible != 0, NULL);
}

enum kerr
db_country_set_languages(struct req *r, const char *code, const char *languages,
    unsigned version, struct country_row *now)
{
	return country_change(r, code, version, now, -1, languages);
}
