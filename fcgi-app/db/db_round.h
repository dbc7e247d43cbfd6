/* db_round.h - rounds (calls) with their rules, and the partner countries: reads and admin edits. */
#ifndef KPP_DB_ROUND_H
#define KPP_DB_ROUND_H

#include <stddef.h>

#include "core/kerr.h"
#include "domain/application.h"

struct arena;
struct req;


/* A country as the admin list shows it, with the version its form sends back. */
struct country_row {
	struct country	 c;
	unsigned	 version;
};

/*
 * Every round with its three rules, newest first (year, then opening date).
 * A type without a stored rule has allowed = 0 and zeros. *out and the
 * strings are in a. Returns KERR_OK or KERR_DB.
 */
enum kerr	db_round_list(struct arena *a, const char *reqid,
		    unsigned long long data_version, struct round **out, size_t *n);

/*
 * One round with its rules and its version. Returns KERR_OK,
 * KERR_NOTFOUND or KERR_DB; strings are in a.
 */
enum kerr	db_round_get(struct arena *a, const char *reqid,
		    unsigned long long data_version, long long id, struct round *out,
		    unsigned *version);

/* An ICLD officer (role admin) as a round names them, or as the round form offers them. */
struct round_officer {
	long long	 round_id;	/* the round naming them; 0 in db_round_officer_choices() */
	long long	 id;		/* their account */
	const char	*name;
};

/*
 * The officers a round may name: every active admin, by name, through the
 * result cache; in a. KERR_OK or KERR_DB.
 */
enum kerr	db_round_officer_choices(struct arena *a, const char *reqid,
		    unsigned long long data_version, struct round_officer **out, size_t *n);

/*
 * The active officers round round_id names (0: every round's), by round
 * and name, through the result cache: they change only with their round,
 * whose row the same transaction changes (its data_version trigger). The
 * submissions of a round naming none are mailed to every officer
 * (db_outbox_send()). In a; KERR_OK or KERR_DB.
 */
enum kerr	db_round_officers(struct arena *a, const char *reqid,
		    unsigned long long data_version, long long round_id,
		    struct round_officer **out, size_t *n);

/*
 * Creates round rd (its id is ignored) with its three rules, the nofficers
 * officers who handle it (ids and names; those no longer active admins
 * are left out) and an audit row (round.create) in one transaction,
 * remembering token (64 hex digits) as the form's one-time token. Stores
 * the new id in *id. Returns KERR_OK; KERR_CONFLICT when a round was
 * already created with token (nothing is written); KERR_DB.
 */
enum kerr	db_round_create(struct req *r, const struct round *rd,
		    const struct round_officer *officers, size_t nofficers,
		    const char *token, long long *id);

/*
 * Saves rd (rd->id names the round) over the stored round, its rules and
 * its officers (as db_round_create()) if the stored version is still
 * version, bumping it, with an audit row (round.update, before and after)
 * in one transaction. Returns KERR_OK; KERR_CONFLICT when someone else
 * saved first (nothing is written and *current holds the version now
 * stored); KERR_NOTFOUND; KERR_DB.
 */
enum kerr	db_round_update(struct req *r, const struct round *rd,
		    const struct round_officer *officers, size_t nofficers,
		    unsigned version, unsigned *current);

/*
 * Every country, eligible or not, in Swedish alphabetical order of the
 * Swedish name. *out is in a. Returns KERR_OK or KERR_DB.
 */
enum kerr	db_country_list(struct arena *a, const char *reqid,
		    unsigned long long data_version, struct country_row **out, size_t *n);

/* One country by code. Returns KERR_OK, KERR_NOTFOUND or KERR_DB. */
enum kerr	db_country_get(struct arena *a, const char *reqid, const char *code,
		    struct country_row *out);

/*
 * Adds country c with an audit row (country.create) in one transaction.
 * Returns KERR_OK; KERR_CONFLICT when the code is taken (nothing is
 * written); KERR_DB.
 */
enum kerr	db_country_create(struct req *r, const struct country *c);

/*
 * Makes a country eligible (1) or retires it (0) if its stored version is
 * still version, bumping it, with an audit row (country.update, before and
 * after) in one transaction. Returns KERR_OK; KERR_CONFLICT when someone
 * else changed it first (nothing is written and *now holds the stored
 * row); KERR_NOTFOUND; KERR_DB.
 */
enum kerr	db_country_set_eligible(struct req *r, const char *code,
		    int eligible, unsigned version, struct country_row *now);

/*
 * Sets a country's official languages (a list as lang_list_read() gives
 * it) if its stored version is still version, bumping it, with an audit
 * row (country.update, before and after) in one transaction. Returns
 * KERR_OK; KERR_CONFLICT when someone else changed it first (nothing is
 * written and *now holds the stored row); KERR_NOTFOUND; KERR_DB.
 */
enum kerr	db_country_set_languages(struct req *r, const char *code,
		    const char *languages, unsigned version, struct country_row *now);

#endif
