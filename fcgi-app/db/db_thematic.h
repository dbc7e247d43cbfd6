/* db_thematic.h - the thematic areas an application chooses from, each with its IATI (DAC) sector: the admins' list and edits. */
#ifndef KPP_DB_THEMATIC_H
#define KPP_DB_THEMATIC_H

#include <stddef.h>

#include "core/kerr.h"

struct arena;
struct req;

struct theme {
	long long	 id;
	const char	*code;		/* stable machine name, such as local_governance */
	const char	*name_sv, *name_en;
	const char	*dac_code;	/* five digits */
	int		 active;
	unsigned	 version;
};

/* Every thematic area, in use or retired, in Swedish order of the Swedish name. *out in a. KERR_OK or KERR_DB. */
enum kerr	db_theme_list(struct arena *a, const char *reqid,
		    unsigned long long data_version, struct theme **out, size_t *n);

/* One thematic area. Returns KERR_OK, KERR_NOTFOUND or KERR_DB; strings in a. */
enum kerr	db_theme_get(struct arena *a, const char *reqid, long long id, struct theme *out);

/*
 * Adds thematic area t (in use; its id and version are ignored) with an audit row
 * (thematic_area.create) in one transaction. Returns KERR_OK; KERR_INVALID when its code is taken
 * (nothing written; *had is the one that has it); KERR_DB.
 */
enum kerr	db_theme_create(struct req *r, const struct theme *t, struct theme *had);

/*
 * Saves the names, DAC code and active flag of t (t->id names it; the code never changes) if the
 * stored version is still version, bumping it, with an audit row (thematic_area.update, before
 * and after) in one transaction. Returns KERR_OK; KERR_CONFLICT when someone else saved first
 * (*current holds the version now stored; nothing written); KERR_NOTFOUND; KERR_DB.
 */
enum kerr	db_theme_update(struct req *r, const struct theme *t, unsigned version,
		    unsigned *current);

#endif
