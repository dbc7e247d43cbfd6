/* db_organisation.h - Swedish member organisations and partner organisations abroad: the admins' list and edits. */
#ifndef KPP_DB_ORGANISATION_H
#define KPP_DB_ORGANISATION_H

#include <stddef.h>

#include "core/kerr.h"

struct arena;
struct req;

/* One organisations row; the strings not of its side are NULL. */
struct organisation {
	long long	 id;
	const char	*side;		/* "swedish" or "partner" */
	const char	*kind;		/* kommun/landsting/region, or one of partner_kinds */
	const char	*name;
	const char	*name_local;	/* partner: name in its own language, or NULL */
	const char	*local_lang;	/* partner: ISO 639-1 of name_local, or NULL */
	const char	*org_number;	/* Swedish: NNNNNN-NNNN */
	const char	*country;	/* partner: ISO 3166-1 code */
	const char	*country_name;	/* partner: the country's name in the request's language (reads only) */
	const char	*lat, *lng;	/* partner: WGS 84 degrees as a decimal literal ("-0.0917"), or both NULL */
	int		 active;
	unsigned	 version;
};

/* The orders of the list (h_organisation.c's columns that sort). */
enum org_sort {
	ORG_SORT_NAME = 0,
	ORG_SORT_KIND,
	ORG_SORT_COUNTRY,
	ORG_SORT__MAX
};

/* What the list shows: each filter NULL for all; like a LIKE pattern (list_like) or NULL. */
struct org_filter {
	const char	*side, *kind, *country, *like;
	int		 active;	/* -1 all, 0 retired, 1 in use */
	enum org_sort	 sort;
	int		 desc;
	long long	 limit, offset;
};

/*
 * One page of organisations matching f, in Swedish order of the sort column (then of the name),
 * and how many match in all. *out and its strings are in r's arena. Returns KERR_OK or KERR_DB.
 */
enum kerr	db_org_list(struct req *r, const struct org_filter *f,
		    struct organisation **out, size_t *n, long long *total);

/* One organisation. Returns KERR_OK, KERR_NOTFOUND or KERR_DB; strings in r's arena. */
enum kerr	db_org_get(struct req *r, long long id, struct organisation *out);

/*
 * Adds organisation o (its id, active and version are ignored: a new one is in use) with an audit
 * row (organisation.create) in one transaction, and stores its id in *id. Returns KERR_OK;
 * KERR_INVALID when another organisation has o's organisation number (Swedish) or o's name in o's
 * country (partner), with that one in *had and nothing written; KERR_DB.
 */
enum kerr	db_org_create(struct req *r, const struct organisation *o, long long *id,
		    struct organisation *had);

/*
 * Saves o (o->id names it; its side stays as stored) over the stored organisation if the stored
 * version is still version, bumping it, with an audit row (organisation.update, before and after)
 * in one transaction. Returns KERR_OK; KERR_CONFLICT when someone else saved first (*current then
 * holds the version now stored); KERR_INVALID when another organisation has the number or the name
 * in the country (*had is that one); KERR_NOTFOUND; KERR_DB. Nothing is written unless KERR_OK.
 */
enum kerr	db_org_update(struct req *r, const struct organisation *o, unsigned version,
		    unsigned *current, struct organisation *had);

/*
 * Every Swedish member organisation (id, name, active), in Swedish order: the choices for a user's
 * organisation. *out is in a. Returns KERR_OK or KERR_DB.
 */
enum kerr	db_org_swedish(struct arena *a, const char *reqid,
		    unsigned long long data_version, struct organisation **out, size_t *n);

#endif
